// Every part's reducer, applied by the one client store (live.js) to every event, from the page's
// start (so a view mounted later starts from current state). An activity module re-exports its own.
import * as notes from "./notes.js";
import { reducers as pastPresent } from "./past_present.js";
import { reducers as sharedFuture } from "./shared_future.js";
import { reducers as plans } from "./plan.js";
import { reducers as followUp } from "./follow_up.js";
import { video } from "./video.js";

export const reducers = [notes, ...pastPresent, ...sharedFuture, ...plans, ...followUp, video];

import { test } from "node:test";
import assert from "node:assert/strict";
import { accept, caughtUp } from "../../static/js/stream.js";

const ev = (seq, prev, audience = "all") => ({ seq, prev, audience });

test("a new event is applied and moves the stream on", () => {
  const s = { seq: 4 };
  assert.equal(accept(s, { seq: 5 }), "apply");
  assert.equal(s.seq, 5);
});

test("an event already seen (or in the snapshot) is skipped", () => {
  const s = { seq: 9 };
  assert.equal(accept(s, { seq: 9 }), "skip");
  assert.equal(accept(s, { seq: 3 }), "skip");
  assert.equal(s.seq, 9);
});

test("holes of events the client may not see are no gap", () => {
  const s = {};
  caughtUp(s, 10);
  // 11 and 12 went to another table: the next event of "all" names 10 as its previous
  assert.equal(accept(s, ev(13, 10)), "apply");
  assert.equal(accept(s, ev(15, 14, "table:7")), "gap"); // 14 was table 7's too, and we never had it
  assert.equal(s.stale, false); // 14 is after what we applied: a resync from 13 brings it
  assert.equal(s.seq, 13);
});

test("the first event of an audience after the snapshot may name one from before it", () => {
  const s = {};
  caughtUp(s, 20);
  assert.equal(accept(s, ev(21, 17, "table:3")), "apply");
  assert.equal(accept(s, ev(22, 21, "table:3")), "apply");
  assert.equal(accept(s, ev(24, 20, "all")), "apply");
  assert.deepEqual([s.seq, s.heads["table:3"], s.heads.all], [24, 22, 24]);
});

test("a missed event older than what was applied needs a snapshot", () => {
  const s = {};
  caughtUp(s, 5);
  assert.equal(accept(s, ev(6, 5)), "apply");
  assert.equal(accept(s, ev(8, 5)), "apply"); // 7 may be someone else's
  assert.equal(accept(s, ev(9, 7, "participant:4")), "gap"); // ...but it was ours
  assert.equal(s.stale, true);
});

test("after a resync the stream starts afresh from its seq", () => {
  const s = {};
  caughtUp(s, 3);
  assert.equal(accept(s, ev(6, 5)), "gap");
  caughtUp(s, 7); // the resync brought 4..7
  assert.equal(accept(s, ev(6, 5)), "skip");
  assert.equal(accept(s, ev(8, 7)), "apply");
  assert.equal(s.stale, false);
});

test("duplicates are skipped even when their prev is ahead", () => {
  const s = {};
  caughtUp(s, 10);
  assert.equal(accept(s, ev(9, 8)), "skip");
});

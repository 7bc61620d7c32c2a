// The participant's programme: the part "choices" (pure reducer) and the flat programme in days and slots.
import { test } from "node:test";
import assert from "node:assert/strict";
import { choices, daysOf } from "../../static/js/programme.js";
import * as room from "../../static/js/state/room.js";
import { dayText } from "../../static/js/words.js";

const frozen = (x) => {
  Object.freeze(x);
  Object.values(x).forEach((v) => { if (v && typeof v === "object" && !Object.isFrozen(v)) frozen(v); });
  return x;
};
const chosen = (session_id, slot) => ({ kind: "programme.chosen", seq: 9, data: { session_id, slot, participant_id: 4 } });

test("the part takes the chooser's own event and is loaded again after a change of programme", () => {
  assert.ok(choices.query && choices.part === "choices");
  assert.ok(["programme.chosen", "programme.changed"].every((k) => choices.prefixes.some((p) => k.startsWith(p))));
  assert.ok(!choices.prefixes.some((p) => "room.session".startsWith(p)));
  const before = frozen({ chosen: [3] });
  assert.deepEqual(choices.reduce(before, { kind: "programme.changed", data: { programme: [] } }), { chosen: [3], reload: true });
});

test("a choice replaces the other sessions of its slot and keeps the choices of other slots", () => {
  const before = frozen({ chosen: [3, 11] });
  const after = choices.reduce(before, chosen(12, [11, 12, 13]));
  assert.deepEqual(after.chosen, [3, 12]);
  assert.deepEqual(before.chosen, [3, 11]); // the old part is untouched
  // the same choice again (the broadcast after the answer shown at once) keeps the part itself
  assert.equal(choices.reduce(after, chosen(12, [11, 12, 13])), after);
  // a first choice in a slot
  assert.deepEqual(choices.reduce(frozen({ chosen: [] }), chosen(5, [5, 6])).chosen, [5]);
});

test("staff and projectors have no choices, and no part stays no part", () => {
  const empty = frozen({});
  assert.equal(choices.reduce(empty, chosen(5, [5, 6])), empty);
  assert.equal(choices.reduce(empty, { kind: "programme.changed", data: {} }), empty);
  assert.equal(choices.reduce(null, chosen(5, [5, 6])), null);
});

const s = (id, day_id, slot, extra = {}) => ({ id, day_id, slot, date: `2031-03-0${day_id}`, day_title: day_id === 2 ? "Dag twee" : "",
  title: `S${id}`, start: "10:00", end: "11:00", phase: "actions", grouping: "whole", track: null, ...extra });

test("the flat programme becomes days of slots, parallel sessions together, in the server's order", () => {
  const list = frozen([s(1, 1, 0), s(2, 1, 1), s(3, 1, 1), s(4, 1, 2), s(7, 2, 0)]);
  const days = daysOf(list);
  assert.deepEqual(days.map((d) => [d.id, d.date, d.title]), [[1, "2031-03-01", ""], [2, "2031-03-02", "Dag twee"]]);
  assert.deepEqual(days[0].slots.map((x) => x.sessions.map((y) => y.id)), [[1], [2, 3], [4]]);
  assert.deepEqual(days[1].slots.map((x) => x.sessions.map((y) => y.id)), [[7]]);
  assert.equal(days[0].slots[1].sessions[0], list[1]); // the sessions themselves, not copies
  assert.deepEqual(daysOf([]), []);
  assert.deepEqual(daysOf(undefined), []);
});

test("programme.changed replaces the programme the list is drawn from; the room's reducer keeps the rest", () => {
  const state = frozen({ programme: [s(1, 1, 0)], room: { current_session_id: 1 } });
  const next = room.reduce(state, { kind: "programme.changed", data: { programme: [s(1, 1, 0), s(2, 1, 0)] } });
  assert.deepEqual(daysOf(next.programme)[0].slots[0].sessions.map((x) => x.id), [1, 2]);
  assert.equal(next.room, state.room);
});

test("a programme day in the page's language, as the server writes it", () => {
  assert.equal(dayText("2021-03-01", "nl"), "maandag 1 maart 2021");
  assert.equal(dayText("2021-03-01", "en"), "Monday 1 March 2021");
  assert.equal(dayText("", "nl"), "");
});

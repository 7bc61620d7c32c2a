// The client store's reducers: pure functions of (part, event) -> part. Run by tests/test_js_units.py.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as room from "../../static/js/state/room.js";
import * as notes from "../../static/js/state/notes.js";
import { dotVotes, prouds, timelines, trends } from "../../static/js/state/past_present.js";
import { reducers } from "../../static/js/state/index.js";

const frozen = (x) => {
  Object.freeze(x);
  Object.values(x).forEach((v) => { if (v && typeof v === "object" && !Object.isFrozen(v)) frozen(v); });
  return x;
};

const notesPart = () => frozen({ session_id: 7, anonymous: true, show_others: true, clusters: [{ id: 1, name: "Work", session_id: 7 }],
  notes: [{ id: 10, text: "a", session_id: 7, cluster_id: 1 }, { id: 11, text: "b", session_id: 7, merged_into: 10 }] });

test("a new note is added without changing the old part; the notes that did not change keep their identity", () => {
  const before = notesPart();
  const after = notes.reduce(before, { kind: "note.added", data: { note: { id: 12, text: "c", session_id: 7 } } }, { mine: new Set([12]) });
  assert.equal(before.notes.length, 2);
  assert.equal(after.notes.length, 3);
  assert.equal(after.notes[2].mine, true);
  assert.equal(after.notes[0], before.notes[0]);
  assert.equal(after.clusters, before.clusters);
});

test("a changed note is merged into the old one; another session's note changes nothing", () => {
  const before = notesPart();
  const after = notes.reduce(before, { kind: "note.changed", data: { note: { id: 10, text: "A", session_id: 7 } } });
  assert.equal(after.notes[0].text, "A");
  assert.equal(after.notes[0].cluster_id, 1);
  assert.equal(notes.reduce(before, { kind: "note.added", data: { note: { id: 99, text: "x", session_id: 8 } } }), before);
});

test("a removed note takes its merges out; hidden is kept for staff and removed for the others", () => {
  const before = notesPart();
  const removed = notes.reduce(before, { kind: "note.removed", data: { id: 10, session_id: 7 } });
  assert.deepEqual(removed.notes.map((n) => [n.id, n.merged_into]), [[11, null]]);
  const hiddenStaff = notes.reduce(before, { kind: "note.hidden", data: { id: 10, session_id: 7 } }, { staff: true });
  assert.equal(hiddenStaff.notes[0].hidden, true);
  const hiddenPhone = notes.reduce(before, { kind: "note.hidden", data: { id: 10, session_id: 7 } }, { staff: false });
  assert.deepEqual(hiddenPhone.notes.map((n) => n.id), [11]);
});

test("a removed cluster lets its notes go back to no cluster", () => {
  const after = notes.reduce(notesPart(), { kind: "cluster.removed", data: { id: 1, session_id: 7 } });
  assert.deepEqual(after.clusters, []);
  assert.equal(after.notes[0].cluster_id, null);
});

test("room: a new session resets the notes part and sets input and timer; other events leave the state alone", () => {
  const state = frozen({ room: { input_open: false }, notes: notesPart() });
  const s = { id: 8, activity: "notes", anonymous: false, show_others: true };
  const next = room.reduce(state, { kind: "room.session", data: { session: s, input_open: true, timer: null } });
  assert.equal(next.room.current_session_id, 8);
  assert.equal(next.room.input_open, true);
  assert.deepEqual(next.notes, { session_id: 8, notes: [], clusters: [], anonymous: false, show_others: true });
  assert.equal(room.reduce(state, { kind: "note.added", data: {} }), state);
  const settings = room.reduce(next, { kind: "session.settings", data: { session_id: 8, anonymous: true } });
  assert.equal(settings.room.session.anonymous, true);
  assert.equal(settings.notes.anonymous, true);
});

test("timelines: entries upserted, marked mine from the browser's own ids, removed, shown", () => {
  const p = frozen({ lenses: ["a", "b"], decades: [], entries: [{ id: 1, lens: 0, text: "x" }], showing: null });
  const env = { mineEntries: new Set([2]) };
  let q = timelines.reduce(p, { kind: "timeline.entry", data: { id: 2, lens: 1, text: "y" } }, env);
  assert.equal(q.entries[1].mine, true);
  assert.equal(q.entries[0], p.entries[0]);
  q = timelines.reduce(q, { kind: "timeline.entry", data: { id: 1, lens: 0, text: "x2" } }, env);
  assert.equal(q.entries[0].text, "x2");
  q = timelines.reduce(q, { kind: "timeline.removed", data: { id: 2 } }, env);
  assert.deepEqual(q.entries.map((e) => e.id), [1]);
  assert.equal(timelines.reduce(q, { kind: "timeline.show", data: { id: 1 } }).showing, 1);
  assert.equal(timelines.reduce(null, { kind: "timeline.entry", data: { id: 3 } }), null);
});

test("dot votes: a reopened vote hides the results from phones, not from staff", () => {
  const p = frozen({ groups: [], votes: { 5: { settings: { status: "closed" }, results: { trends: {} } } } });
  const settings = { kind: "vote.settings", data: { session_id: 5, status: "open", reveal: "close", dots: 5 } };
  assert.equal(dotVotes.reduce(p, settings, { staff: false, role: "participant" }).votes["5"].results, null);
  assert.deepEqual(dotVotes.reduce(p, settings, { staff: true }).votes["5"].results, { trends: {} });
  const mine = dotVotes.reduce(p, { kind: "vote.mine", data: { session_id: 6, dots: { 1: 2 } } });
  assert.deepEqual(mine.votes["6"].mine.dots, { 1: 2 });
});

test("trends and prouds: the map replaces its fields, my proposals and the group lists are upserted", () => {
  const t0 = frozen({ topic: "T", nodes: [], proposals_open: false });
  const t1 = trends.reduce(t0, { kind: "trend.map", data: { nodes: [{ id: 1 }], proposals_open: true } });
  assert.equal(t1.topic, "T");
  assert.equal(t1.proposals_open, true);
  const t2 = trends.reduce(t1, { kind: "trend.proposal", data: { id: 4, status: "pending" } });
  assert.deepEqual(t2.my_proposals, [{ id: 4, status: "pending" }]);
  const p0 = frozen({ lists: [{ group_id: 1, items: [] }], showing: null });
  const p1 = prouds.reduce(p0, { kind: "proud.list", data: { group_id: 1, items: [{ id: 1, kind: "proud", text: "x" }] } });
  assert.equal(p1.lists.length, 1);
  assert.equal(p1.lists[0].items.length, 1);
});

test("every part's reducer names its part and its event prefixes, and ignores what is not its own", () => {
  for (const r of reducers) {
    assert.equal(typeof r.part, "string");
    assert.ok(r.prefixes.length);
    const part = frozen({ entries: [], reports: [], lists: [], sheets: [], votes: {}, notes: [], clusters: [] });
    if (!r.query) assert.equal(r.reduce(part, { kind: "other.thing", data: {} }, {}), part);
  }
});

test("shared future: a part is reduced on a copy; an answer and a theme's candidates land where they belong", async () => {
  const { statements, commonGround } = await import("../../static/js/state/shared_future.js");
  const st = frozen({ statements: [{ id: 2, position: 2, text: "b" }, { id: 1, position: 1, text: "a" }], seq: 3 });
  const a = statements.reduce(st, { kind: "statement.answer", data: { statement_id: 1, answer: "agree", reason: "" } });
  assert.deepEqual(a.statements.map((s) => s.id), [1, 2]);
  assert.deepEqual(a.statements[0].mine, { answer: "agree", reason: "" });
  assert.equal(st.statements[1].mine, undefined);
  const cg = frozen({ candidates: [{ id: 5, theme_id: 9 }, { id: 6, theme_id: null }], themes: [], my_responses: {} });
  const b = commonGround.reduce(cg, { kind: "cg.theme.changed", data: { theme: { id: 9, position: 1, candidates: [{ id: 6, theme_id: 9 }] } } });
  assert.deepEqual(b.candidates.map((c) => c.theme_id), [null, 9]);
  assert.equal(b.themes.length, 1);
  assert.equal(cg.candidates[0].theme_id, 9);
});

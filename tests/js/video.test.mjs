// The video-call links part: pure reducer and the phone's rule (only at mixed tables).
import { test } from "node:test";
import assert from "node:assert/strict";
import { video, tableVideoLink } from "../../static/js/state/video.js";
import { reducers } from "../../static/js/state/index.js";

const frozen = (x) => {
  Object.freeze(x);
  Object.values(x).forEach((v) => { if (v && typeof v === "object" && !Object.isFrozen(v)) frozen(v); });
  return x;
};

test("the store takes both video events through the video reducer", () => {
  assert.ok(reducers.includes(video));
  assert.ok(["tables.video", "tables.video.all"].every((k) => video.prefixes.some((p) => k.startsWith(p))));
});

test("a participant's own table gets its new link; another table's event changes nothing", () => {
  const before = frozen({ my_table: { id: 3, number: 2, video_url: "https://meet.example/old" } });
  const after = video.reduce(before, { kind: "tables.video", data: { table_id: 3, number: 2, video_url: "https://meet.example/new" } });
  assert.equal(after.my_table.video_url, "https://meet.example/new");
  assert.equal(before.my_table.video_url, "https://meet.example/old");
  assert.equal(video.reduce(before, { kind: "tables.video", data: { table_id: 4, number: 3, video_url: "x" } }), before);
});

test("a participant seated after loading takes the link of the table the event was sent to", () => {
  const after = video.reduce(frozen({ my_table: null }), { kind: "tables.video", data: { table_id: 5, number: 1, video_url: "https://meet.example/t1" } });
  assert.deepEqual(after.my_table, { id: 5, number: 1, video_url: "https://meet.example/t1" });
  // a projector's part is empty and stays so; no part yet stays no part
  const empty = frozen({});
  assert.equal(video.reduce(empty, { kind: "tables.video", data: { table_id: 5, number: 1, video_url: "u" } }), empty);
  assert.equal(video.reduce(undefined, { kind: "tables.video", data: { table_id: 5 } }), undefined);
});

test("staff: one table's link changes in place, the others keep their identity; .all replaces the list", () => {
  const before = frozen({ pattern: "", tables: [{ id: 1, number: 1, video_url: "a" }, { id: 2, number: 2, video_url: "b" }] });
  const after = video.reduce(before, { kind: "tables.video", data: { table_id: 2, number: 2, video_url: "c" } });
  assert.equal(after.tables[1].video_url, "c");
  assert.equal(after.tables[0], before.tables[0]);
  assert.ok(!("my_table" in after));
  const all = video.reduce(before, { kind: "tables.video.all", data: { pattern: "https://m/t-{number}", tables: [{ id: 1, number: 1, video_url: "https://m/t-1" }] } });
  assert.equal(all.pattern, "https://m/t-{number}");
  assert.deepEqual(all.tables.map((x) => x.video_url), ["https://m/t-1"]);
  assert.equal(before.tables.length, 2);
});

test("the phone shows its table's link only while the session works at mixed tables", () => {
  const state = (grouping, url = "https://meet.example/t2") => ({ video: { my_table: { id: 3, number: 2, video_url: url } }, room: { session: { id: 1, grouping } } });
  assert.equal(tableVideoLink(state("mixed")), "https://meet.example/t2");
  assert.equal(tableVideoLink(state("whole")), "");
  assert.equal(tableVideoLink(state("stakeholder")), "");
  assert.equal(tableVideoLink(state("mixed", "")), "");
  assert.equal(tableVideoLink({ video: { my_table: null }, room: { session: { grouping: "mixed" } } }), "");
  assert.equal(tableVideoLink({ video: { my_table: { id: 3, video_url: "u" } }, room: { session: null } }), "");
});

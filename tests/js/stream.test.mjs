import { test } from "node:test";
import assert from "node:assert/strict";
import { accept } from "../../static/js/stream.js";

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

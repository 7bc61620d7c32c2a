import { test } from "node:test";
import assert from "node:assert/strict";
import { diff } from "../../static/js/textdiff.js";

const apply = (old, d) => old.slice(0, d.index) + d.insert + old.slice(d.index + d.remove);

test("typing one character is one insert where the caret is", () => {
  assert.deepEqual(diff("Hello world", "Hello, world", 6), { index: 5, remove: 0, insert: "," });
});

test("typing the same letter that follows the caret inserts before it, not after", () => {
  // Someone else's "Sentence 2" follows the caret; typing "S" starts a new word before it.
  const old = "One. Sentence 2";
  assert.deepEqual(diff(old, "One. SSentence 2", 6), { index: 5, remove: 0, insert: "S" });
  assert.deepEqual(diff("aaa", "aaaa", 1), { index: 0, remove: 0, insert: "a" });
});

test("backspace, a forward delete and a replaced selection", () => {
  assert.deepEqual(diff("abcd", "abd", 2), { index: 2, remove: 1, insert: "" });
  assert.deepEqual(diff("aabb", "abb", 0), { index: 0, remove: 1, insert: "" });
  assert.deepEqual(diff("the old text", "the new text", 7), { index: 4, remove: 3, insert: "new" });
});

test("any caret still gives a diff that turns old into new", () => {
  const cases = [["", "x"], ["abc", ""], ["aaaa", "aa"], ["a😀b", "a😀😀b"], ["x\ny", "x\n\ny"]];
  for (const [old, value] of cases) {
    for (let caret = 0; caret <= value.length; caret++) assert.equal(apply(old, diff(old, value, caret)), value);
  }
});

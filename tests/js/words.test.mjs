import { test } from "node:test";
import assert from "node:assert/strict";
import { decadeText } from "../../static/js/decades.js";
import { dateText } from "../../static/js/words.js";

test("dates in the page's language, from a date or a timestamp", () => {
  assert.equal(dateText("2024-09-01", "nl"), "1 september 2024");
  assert.equal(dateText("2024-09-01T23:30:00+00:00", "nl"), "1 september 2024");
  assert.equal(dateText("2021-02-24", "en"), "24 February 2021");
  assert.equal(dateText("", "nl"), "");
  assert.equal(dateText("soon", "nl"), "soon");
});

test("a whole decade is its message in words; a cut one keeps its years", () => {
  const t = (message, params) => (message === "the %(short)ss" ? `jaren ${params.short}` : message);
  assert.equal(decadeText({ decade: 1970, label: "1970s", message: "the %(short)ss", params: { short: "70" } }, t), "jaren 70");
  assert.equal(decadeText({ decade: 2020, label: "2020-2024", message: null, params: null }, t), "2020-2024");
});

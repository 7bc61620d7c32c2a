// Every activity module loads (no syntax error reaches a phone) and, on the view layer, supplies its
// views and names its reducer's part the way the store knows it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { reducers } from "../../static/js/state/index.js";

const dir = new URL("../../static/js/activities/", import.meta.url);
const names = readdirSync(dir).filter((f) => f.endsWith(".js") && !f.startsWith("_")).map((f) => f.slice(0, -3));
const HELPERS = new Set(["shared_future"]);

for (const name of names) {
  test(`activities/${name}.js loads and supplies its views`, async () => {
    const mod = await import(new URL(`${name}.js`, dir));
    if (HELPERS.has(name)) return;
    for (const view of ["participant", "cockpit", "presenter"]) assert.equal(typeof mod.views[view], "function", view);
    // a reducer is in the store from the page's start, or (query: true) comes with its views (usePart)
    if (mod.reducer) assert.ok(reducers.includes(mod.reducer) || mod.reducer.query, `${name}'s reducer is in the store`);
    if (mod.css !== undefined) assert.equal(typeof mod.css, "string", `${name}'s css`);
  });
}

// Mounting a screen on the one store: mountScreen(live, el, Screen, props) renders Screen into el
// and renders it again after every change of live.state (Preact batches the changes of one tick
// into one render). ActivityHost shows the current session's activity in view "participant" |
// "cockpit" | "presenter", remounting it when the session changes.
import { html, render, useEffect, useState } from "./view.js";
import { loadWords, t } from "../i18n.js";
import { fallbackModule, moduleOf } from "../registry.js";

function Root({ live, screen: Screen, props }) {
  const [, setVersion] = useState(0);
  useEffect(() => live.subscribe(() => setVersion((v) => v + 1)), [live]);
  return html`<${Screen} live=${live} state=${live.state} ...${props} />`;
}

export function mountScreen(live, el, Screen, props = {}) {
  el.textContent = ""; // what the server drew is replaced, not reused
  render(html`<${Root} live=${live} screen=${Screen} props=${props} />`, el);
}

// The same, for a component that draws one element in place of el (a frame's status line or
// timer drawn by the server): Preact takes el over and keeps it current.
export function mountInPlace(live, el, Screen, props = {}) {
  render(html`<${Root} live=${live} screen=${Screen} props=${props} />`, el.parentNode, el);
}

// The part `name` of the state, loaded by its own live query (see LiveClient.want); null while it loads.
// `reducer`: the part's reducer, for an activity module that keeps it with its views.
export function usePart(live, name, reducer = null) {
  useEffect(() => { live.want(name, reducer); }, [live, name, reducer]);
  return live.state[name] || null;
}

// An activity module's own styles (its `css` export), added to the page once, before its view shows.
function addStyles(name, css) {
  if (!css || document.querySelector(`style[data-activity-css="${name}"]`)) return;
  const el = document.createElement("style");
  el.dataset.activityCss = name;
  el.textContent = css;
  document.head.append(el);
}

const modules = new Map();
function load(name) {
  if (!modules.has(name)) {
    // the module and its words together (i18n.js): its view never shows before its words
    const words = loadWords(`activities/${name}.js`);
    modules.set(name, Promise.all([import(`../activities/${name}.js`), words]).then(([mod]) => mod).catch((err) => {
      if (!/Failed to fetch|Importing a module script failed|error loading dynamically/i.test(String(err))) console.error(err);
      return null;
    }));
  }
  return modules.get(name);
}

// The module for an activity and view: its own, else sticky notes (takes input) or plenary.
async function moduleFor(activity, view) {
  const own = await load(moduleOf(activity));
  const has = (m) => m && m.views && m.views[view];
  return has(own) ? own : load(fallbackModule(activity));
}

export function ActivityHost({ live, state, view }) {
  const session = (state.room && state.room.session) || null;
  const activity = session ? session.activity || "plenary" : null;
  const [loaded, setLoaded] = useState(null);
  useEffect(() => {
    if (!activity) return undefined;
    let on = true;
    moduleFor(activity, view).then((mod) => {
      if (mod && mod.css) addStyles(moduleOf(activity), mod.css);
      if (on) setLoaded({ activity, mod });
    });
    return () => { on = false; };
  }, [activity, view]);
  if (!session || !loaded || loaded.activity !== activity || !loaded.mod) return null;
  const View = loaded.mod.views[view];
  return html`<div class="activity" data-activity=${activity} key=${session.id}>
    <${View} live=${live} state=${state} session=${session} me=${live.me} conference=${state.conference} t=${t} />
  </div>`;
}

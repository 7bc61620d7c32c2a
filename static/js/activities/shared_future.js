// Shared pieces of the statements, common ground and scenario modules: loading a part with its
// live query and keeping it current from events, the stylesheet, small view helpers.
import { h } from "../dom.js";
import { errorLine, inlineEditor } from "../editor.js";

export { errorLine, inlineEditor }; // where the activities have always found them

export const STAFF = ["organiser", "facilitator"];
const CSS = "/static/css/activities-shared-future.css";

export function ensureStyles() {
  if (!document.querySelector(`link[href="${CSS}"]`)) document.head.append(h("link", { rel: "stylesheet", href: CSS }));
}

export function isStaff(ctx) {
  return STAFF.includes((ctx.me && ctx.me.role) || (ctx.live.me && ctx.live.me.role));
}

// Load part `name` with the live query of the same name, then apply every event whose kind starts
// with one of `prefixes` through `reduce(part, event)`; `onChange(part)` after each change.
// Events that arrive while loading wait; events already in the loaded part (seq) are skipped.
export function watchPart(live, name, prefixes, reduce, onChange) {
  let part = null;
  let buffer = [];
  let stopped = false;

  function apply(e) {
    if (!part) { buffer.push(e); return; }
    if (e.seq && e.seq <= part.seq) return;
    if (e.seq) part.seq = e.seq;
    reduce(part, e);
    onChange(part, e);
  }

  async function load() {
    part = null;
    buffer = [];
    let reply = null;
    try { reply = await live.query(name, {}); } catch { reply = null; }
    if (stopped) return;
    if (!reply || !reply.ok) { setTimeout(load, 2000); return; }
    part = reply.result;
    live.state[name] = part;
    const waiting = buffer;
    buffer = [];
    waiting.forEach(apply);
    onChange(part, null);
  }

  const offs = prefixes.map((prefix) => live.on(prefix, apply));
  offs.push(live.on("live.state", load));
  load();
  return { get: () => part, reload: load, stop: () => { stopped = true; offs.forEach((off) => off()); } };
}

export function upsert(list, item, key = "id") {
  const i = list.findIndex((x) => x[key] === item[key]);
  if (i >= 0) list[i] = { ...list[i], ...item };
  else list.push(item);
  return list;
}

// A line for errors from the server, read out by screen readers.

export function loading(t) {
  return h("p", { class: "muted" }, t("Loading…"));
}

// Empty el and put children in (null, false and undefined are left out, arrays are flattened).
export function fill(el, ...children) {
  while (el.firstChild) el.removeChild(el.firstChild);
  el.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

// The projector view of a part: render(part) -> children, redrawn on every change.
export function projector(el, ctx, watch, render) {
  const wrap = h("div", { class: "sf-projector" });
  el.append(wrap);
  const watcher = watch(ctx, (part) => fill(wrap, render(part)));
  return () => watcher.stop();
}


// --- on the view layer ---------------------------------------------------------------------------
import { html as view, useStylesheet } from "../ui/view.js";

// The activity's frame: its stylesheet, nothing shown before it is in effect; "Loading…" until the part is there.
export function SF({ part, t, cls = "", children }) {
  const ready = useStylesheet(CSS);
  if (!part) return view`<p class="muted">${t("Loading…")}</p>`;
  return view`<div class=${cls} style=${ready ? null : { visibility: "hidden" }}>${children}</div>`;
}

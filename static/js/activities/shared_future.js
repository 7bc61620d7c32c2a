// Shared pieces of the statements, common ground and scenario modules: loading a part with its
// live query and keeping it current from events, the stylesheet, small view helpers.
import { h } from "../dom.js";

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
export function errorLine() {
  const el = h("p", { class: "field-error", role: "alert" });
  el.show = (ack) => { el.textContent = ack && !ack.ok ? ack.error.message : ""; return ack; };
  return el;
}

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

// An inline edit field for a wording, built once and kept in place: open(text) shows it with the
// current wording and puts the cursor in it; Save (or Enter; Shift+Enter for a new line in a
// multi-line field) sends save(value) -> ack, and the server's error stays under the field, which
// stays open; Cancel (or Escape) closes it. Live updates never touch the field: the caller only
// looks at .editing and keeps the element. onClose(saved, value) after closing (saved: the server
// took the new wording).
export function inlineEditor(t, { label, maxlength, multiline = false, save, onClose }) {
  const attrs = { maxlength: String(maxlength), "aria-label": label, class: "sf-edit-field" };
  const field = multiline ? h("textarea", { ...attrs, rows: "2" }) : h("input", { ...attrs, type: "text", autocomplete: "off" });
  const error = errorLine();
  const saveButton = h("button", { type: "submit", class: "button primary small" }, t("Save"));
  const editor = { editing: false };
  const form = h("form", { class: "sf-inline-form sf-edit", hidden: true, onsubmit: async (ev) => {
    ev.preventDefault();
    if (saveButton.disabled) return;
    const value = field.value.trim();
    saveButton.disabled = true;
    const ack = error.show(await save(value));
    saveButton.disabled = false;
    if (ack && ack.ok) close(true, value);
  } }, field, h("span", { class: "sf-edit-buttons" }, saveButton,
    h("button", { type: "button", class: "button small", onclick: () => close(false) }, t("Cancel"))), error);
  // A multi-line field grows with the text, so a long wording stays readable on a phone.
  const grow = () => { if (multiline) { field.style.height = "auto"; field.style.height = `${field.scrollHeight + 2}px`; } };
  field.addEventListener("input", grow);
  field.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") { ev.preventDefault(); close(false); }
    else if (multiline && ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); form.requestSubmit(); }
  });

  function close(saved, value) {
    if (!editor.editing) return;
    editor.editing = false;
    form.hidden = true;
    error.textContent = "";
    if (onClose) onClose(saved, value);
  }

  editor.el = form;
  editor.field = field;
  editor.open = (text) => {
    if (!editor.editing) { field.value = text; error.textContent = ""; }
    editor.editing = true;
    form.hidden = false;
    grow();
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
  };
  editor.close = () => close(false);
  return editor;
}

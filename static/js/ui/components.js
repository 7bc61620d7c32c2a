// Pieces every screen shares: the error line, sending with its error, the inline editor, the one
// shared-text field.
import { html, useEffect, useLayoutEffect, useRef, useState } from "./view.js";
import { t } from "../i18n.js";

export { ErrorLine } from "./live_bits.js"; // lives there: the phone's first screen needs it, not the rest of this module

// [error, send]: send(kind, data, opts) -> ack, keeping the ack's error message (or "") in error.
export function useSend(live) {
  const [error, setError] = useState("");
  const send = async (kind, data, opts) => {
    const ack = await live.send(kind, data, opts);
    setError(ack.ok ? "" : (ack.error && ack.error.message) || t("Something went wrong."));
    return ack;
  };
  return [error, send, setError];
}

// An inline editor in place of a window.prompt (a prompt stops the page, and its live connection
// misses its heartbeat). Shown while its parent says so (editing); it opens focused with the text and
// the caret at the end. Enter saves (Shift+Enter: a new line in a multi-line field), Escape cancels;
// a refusal shows under the field, which stays open with what was typed.
//
// With `shared` ({live, doc}) the wording is a shared text (see SharedText): every keystroke is kept
// as it is typed, with the others' keystrokes; Save closes the editor, Cancel (Escape) first takes
// back what this page typed in it (static/js/collab.js undoMine), never what the others typed.
export function InlineEditor({ label, maxlength, multiline = false, value, save, onClose, shared = null }) {
  const field = useRef(null);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState("");
  const binding = useRef(null);
  const cancel = () => { if (shared && binding.current) binding.current.undoMine(); onClose(false); };
  const grow = () => {
    const el = field.current;
    if (multiline && el) { el.style.height = "auto"; el.style.height = `${el.scrollHeight + 2}px`; }
  };
  useLayoutEffect(() => {
    const el = field.current;
    el.value = value || "";
    grow();
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);
  const submit = async (ev) => {
    if (ev) ev.preventDefault();
    if (shared) { onClose(true, field.current.value); return; } // already saved, keystroke by keystroke
    if (busy) return;
    const text = field.current.value.trim();
    setBusy(true);
    const ack = await save(text);
    setBusy(false);
    if (ack && !ack.ok) { setError(ack.error.message); return; }
    if (onClose) onClose(true, text);
  };
  const keydown = (ev) => {
    if (ev.key === "Escape") { ev.preventDefault(); cancel(); }
    else if (multiline && ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); submit(); }
  };
  const attrs = { maxlength: String(maxlength), "aria-label": label, class: "inline-edit-field", onKeyDown: keydown, onInput: grow };
  // A wording (a note, a candidate, a goal's description) is shared text: the one SharedText field.
  const doc = shared && { ...shared, onBound: (b) => { binding.current = b; }, onSaved: (ack, all) => { setError(""); if (all) setSaved(t("Saved.")); },
    onError: (ack) => { setSaved(""); setError((ack.error && ack.error.message) || t("Something went wrong.")); } };
  return html`<form class="inline-edit" onSubmit=${submit}>
    ${multiline || shared ? html`<${SharedText} rows="2" autosave=${false} fieldRef=${field} value=${value} shared=${doc} multiline=${multiline} ...${attrs} />`
      : html`<input type="text" autocomplete="off" ref=${field} ...${attrs} />`}
    <span class="inline-edit-buttons">
      <button type="submit" class="button primary small" disabled=${busy}>${t("Save")}</button>
      <button type="button" class="button small" onClick=${cancel}>${t("Cancel")}</button>
    </span>
    ${shared ? html`<p class="muted small" role="status">${saved}</p>` : null}
    <p class="field-error" role="alert">${error}</p>
  </form>`;
}

// --- shared text ---------------------------------------------------------------------------------
// Every text that several people write together (a table's story, a group's list item, a wording)
// is this one field. The field is not controlled by Preact (no value prop): a live update never
// writes into it.
// - With `shared` ({live, doc, editable?, onSaved?, onError?}) it is a collaborative document
//   (static/js/collab.js, Yjs: loaded only where such a field shows): every keystroke of everyone
//   merges, and "Femke is typing" shows under it. docs/collaborative-texts.md.
// - Without, it saves itself a moment after the typing stops and when it loses the focus
//   (save(value) -> ack), and takes a newer value from elsewhere only while nobody types in it here.
// autosave=false: the field saves with its form (the parent reads it through fieldRef).
export function SharedText({ value, save, shared = null, delay = 700, multiline = true, autosave = true, fieldRef = null, ...attrs }) {
  const own = useRef(null);
  const ref = fieldRef || own;
  const marker = useRef(null);
  if (shared) autosave = false; // the document saves every keystroke itself
  const mem = useRef({ last: value || "", timer: null, focused: false });
  const m = mem.current;
  const flush = () => {
    clearTimeout(m.timer);
    m.timer = null;
    const now = ref.current.value;
    if (autosave && now !== m.last) { m.last = now; save(now); }
  };
  // A shared field is read-only until its document is loaded (collab.js lifts it): an edit must
  // build on the real text, and nothing may be typed where it would not be kept.
  useLayoutEffect(() => { ref.current.value = value || ""; if (shared) ref.current.readOnly = true; }, []);
  // A value from elsewhere (a co-author, a reload of the part) is taken while this field is idle.
  useEffect(() => {
    const v = value || "";
    if (shared || m.focused || m.timer || v === m.last) return;
    ref.current.value = v;
    m.last = v;
  }, [value]);
  useEffect(() => () => { if (m.timer) flush(); }, []);
  // The one place where a shared document binds to its field; the options are read when it binds.
  const options = useRef(shared);
  options.current = shared;
  useEffect(() => {
    if (!shared) return undefined;
    let binding = null;
    let gone = false;
    import("../collab.js").then(({ bindSharedText }) => {
      if (gone) return;
      const o = options.current;
      binding = bindSharedText(ref.current, { ...o, marker: marker.current,
        editable: () => (options.current.editable ? options.current.editable() : true),
        onSaved: (...args) => options.current.onSaved && options.current.onSaved(...args),
        onError: (...args) => options.current.onError && options.current.onError(...args) });
      if (o.onBound) o.onBound(binding);
    });
    return () => { gone = true; if (binding) binding.destroy(); };
  }, [shared && shared.doc]);
  const { onInput, onFocus, onBlur, ...rest } = attrs;
  const handlers = {
    ref,
    onInput: (ev) => { if (autosave) { clearTimeout(m.timer); m.timer = setTimeout(flush, delay); } if (onInput) onInput(ev); },
    onFocus: (ev) => { m.focused = true; if (onFocus) onFocus(ev); },
    onBlur: (ev) => { m.focused = false; flush(); if (onBlur) onBlur(ev); },
  };
  const field = multiline ? html`<textarea ...${rest} ...${handlers}></textarea>` : html`<input type="text" ...${rest} ...${handlers} />`;
  return shared ? [field, html`<p class="typing-marker" hidden ref=${marker}></p>`] : field;
}

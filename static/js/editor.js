// An inline editor: a field with Save and Cancel that replaces a window.prompt. A prompt stops the
// page (and its live connection, which then misses its heartbeat); this does not. Built once and
// shown or hidden, so live updates around it never take the field away while someone types.
// Enter saves (Shift+Enter: a new line in a multi-line field), Escape cancels; errors from the
// server show under the field, which stays open with what was typed. ``covers``: the elements the
// field stands in for (the text and its buttons), hidden while it is open and shown again after.
import { h } from "./dom.js";

export function errorLine() {
  const el = h("p", { class: "field-error", role: "alert" });
  el.show = (ack) => { el.textContent = ack && !ack.ok ? ack.error.message : ""; return ack; };
  return el;
}

export function inlineEditor(t, { label, maxlength, multiline = false, covers = [], save, onClose }) {
  const attrs = { maxlength: String(maxlength), "aria-label": label, class: "inline-edit-field" };
  const field = multiline ? h("textarea", { ...attrs, rows: "2" }) : h("input", { ...attrs, type: "text", autocomplete: "off" });
  const error = errorLine();
  const saveButton = h("button", { type: "submit", class: "button primary small" }, t("Save"));
  const editor = { editing: false };
  const form = h("form", { class: "inline-edit", hidden: true, onsubmit: async (ev) => {
    ev.preventDefault();
    if (saveButton.disabled) return;
    const value = field.value.trim();
    saveButton.disabled = true;
    const ack = error.show(await save(value));
    saveButton.disabled = false;
    if (ack && ack.ok) close(true, value);
  } }, field, h("span", { class: "inline-edit-buttons" }, saveButton,
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
    covers.forEach((el) => { el.hidden = false; });
    if (onClose) onClose(saved, value);
  }

  editor.el = form;
  editor.field = field;
  editor.open = (text) => {
    if (!editor.editing) { field.value = text; error.textContent = ""; }
    editor.editing = true;
    covers.forEach((el) => { el.hidden = true; });
    form.hidden = false;
    grow();
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
  };
  editor.close = () => close(false);
  return editor;
}

// Shared texts: a textarea (or text input) bound to a Yjs document that several people type in at
// once, merged on the server (docs/collaborative-texts.md, events doc.* in docs/protocol.md).
//
//   const binding = bindSharedText(field, { live, doc: "scenario:12:story", marker, onSaved });
//   binding.destroy();
//
// - Local edits become the smallest Y.Text delete + insert (the changed middle of old and new value).
// - Remote updates change the field's value and keep the caret where it was in the text
//   (Y.RelativePosition), so someone typing is never thrown about by what others type.
// - Updates go out through the live client's outbox (live.send(kind, data, {queue: true})): one at a
//   time per text; what is typed meanwhile is merged into one update, kept in localStorage until it
//   is in the outbox, so nothing typed is lost by a reload or a phone that is offline for a while.
// - The document is loaded with the query doc.state, and caught up (state vector) after a
//   reconnect or when the server says it compacted updates this page had not seen.
// - "Femke is typing" (doc.presence): ephemeral, never stored, shown near the field (``marker``).
import * as Y from "../vendor/yjs/yjs.mjs";
import { t } from "./i18n.js";
import { diff } from "./textdiff.js";

const LOCAL = "local";
const REMOTE = "remote";
const SEND_EVERY_MS = 120; // at most ~8 updates a second per text (the server allows 10 per connection)
const MAX_BATCH = 6000; // bytes: a merged update this large goes out without waiting its turn
const PRESENCE_EVERY_MS = 1500;
const TYPING_SHOWN_MS = 4000;

export function toBase64(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(text) {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

// Options: ``marker`` (an element for "Femke is typing"), ``onSaved(ack, all)`` (``all``: nothing
// more waiting), ``onError(ack)``, ``editable()`` (false: the field stays read-only once loaded, e.g.
// while input is closed), ``name`` (the Y.Text's name, "text" as on the server).
export function bindSharedText(field, { live, doc: key, name = "text", marker = null, onSaved = null, onError = null,
  editable = () => true }) {
  const storeKey = `${live.key}.collab.${key}`;
  let ydoc = new Y.Doc();
  let ytext = ydoc.getText(name);
  let pending = null; // local changes not yet handed to the outbox (merged), as bytes
  let inFlight = false;
  let lastSent = 0;
  let timer = null;
  let loaded = false;
  let destroyed = false;
  let lastPresence = 0;
  const typers = new Map(); // from -> {name, pos, at}

  field.readOnly = true; // until the document is loaded: an edit must build on the real text

  function savePending() {
    try {
      if (pending) localStorage.setItem(storeKey, toBase64(pending));
      else localStorage.removeItem(storeKey);
    } catch { /* private mode: memory only */ }
  }

  let undo = null; // this page's own changes, so that "Cancel" takes back only them (never the others')

  function onUpdate(update, origin) {
    if (origin === LOCAL || (undo && origin === undo)) {
      pending = pending ? Y.mergeUpdates([pending, update]) : update;
      savePending();
      schedule();
    }
  }

  function attach(doc) {
    ydoc = doc;
    ytext = doc.getText(name);
    if (undo) undo.destroy();
    undo = new Y.UndoManager(ytext, { trackedOrigins: new Set([LOCAL]), captureTimeout: 2 ** 31 });
    ydoc.on("update", onUpdate);
  }
  attach(ydoc);

  // --- sending -----------------------------------------------------------------------------------
  function schedule() {
    if (timer || destroyed) return;
    const wait = Math.max(0, lastSent + SEND_EVERY_MS - Date.now());
    timer = setTimeout(() => { timer = null; flush(); }, wait);
  }

  function flush(force = false) {
    if (!pending || !loaded) return;
    if (inFlight && !force && pending.length < MAX_BATCH) return; // merged with what follows, sent after the ack
    const update = toBase64(pending);
    pending = null;
    // live.send puts the operation in the outbox (localStorage) before it returns: only then is
    // the local copy of these changes let go.
    const done = live.send("doc.update", { doc: key, update }, { queue: true });
    savePending();
    lastSent = Date.now();
    inFlight = true;
    done.then((ack) => {
      inFlight = false;
      if (destroyed) return;
      if (ack && ack.ok) {
        if (onSaved) onSaved(ack, !pending);
      } else {
        if (onError) onError(ack);
        reload(); // refused: this page's copy holds a change the server has not; start again from the server's
        return;
      }
      if (pending) schedule();
    });
  }

  // --- receiving ---------------------------------------------------------------------------------
  function caret() {
    if (document.activeElement !== field) return null;
    // Tied to the character before the caret (assoc -1): what others insert at the same place goes
    // after it, so the sentence someone is typing stays in one piece.
    return [field.selectionStart, field.selectionEnd].map((i) => Y.createRelativePositionFromTypeIndex(ytext, i, -1));
  }

  function show(rel) {
    const value = ytext.toString();
    if (field.value === value) return;
    field.value = value;
    if (rel) {
      const [a, b] = rel.map((r) => Y.createAbsolutePositionFromRelativePosition(r, ydoc));
      if (a && b) field.setSelectionRange(a.index, b.index);
    }
    field.dispatchEvent(new CustomEvent("sharedtext:changed", { bubbles: true }));
  }

  function receive(bytes) {
    const rel = caret();
    Y.applyUpdate(ydoc, bytes, REMOTE);
    show(rel);
  }

  async function load(fresh = false) {
    let reply = null;
    const vector = loaded && !fresh ? toBase64(Y.encodeStateVector(ydoc)) : null;
    try { reply = await live.query("doc.state", vector ? { doc: key, vector } : { doc: key }); } catch { reply = null; }
    if (destroyed) return;
    if (!reply || !reply.ok) {
      if (reply && reply.error && onError) onError(reply);
      return; // tried again on the next reconnect
    }
    if (reply.result.update) receive(fromBase64(reply.result.update));
    if (!loaded) {
      // What this phone typed before a reload and has not been acknowledged: in the outbox, and
      // merged in localStorage. Applied on top (an update applied twice changes nothing).
      for (const op of live.pending("doc.update")) {
        if (op.data.doc === key) receive(fromBase64(op.data.update));
      }
      let stored = null;
      try { stored = localStorage.getItem(storeKey); } catch { stored = null; }
      if (stored) {
        const rel = caret();
        Y.applyUpdate(ydoc, fromBase64(stored), LOCAL); // becomes pending again, and is sent
        show(rel);
      }
      loaded = true;
      field.readOnly = !editable();
      flush();
    }
  }

  function reload() {
    ydoc.off("update", onUpdate);
    ydoc.destroy();
    pending = null;
    savePending();
    loaded = false;
    field.readOnly = true;
    attach(new Y.Doc());
    load(true);
  }

  // --- local edits ---------------------------------------------------------------------------------
  function onInput() {
    if (!loaded) return;
    const old = ytext.toString();
    const value = field.value;
    if (old === value) return;
    const d = diff(old, value, field.selectionEnd);
    ydoc.transact(() => {
      if (d.remove) ytext.delete(d.index, d.remove);
      if (d.insert) ytext.insert(d.index, d.insert);
    }, LOCAL);
    sayTyping(true);
  }

  // --- presence ------------------------------------------------------------------------------------
  function sayTyping(typing) {
    const now = Date.now();
    if (typing && now - lastPresence < PRESENCE_EVERY_MS) return;
    lastPresence = typing ? now : 0;
    if (!live.socket.connected) return;
    const pos = typing ? toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(ytext, field.selectionEnd || 0))) : null;
    live.socket.emit("doc.presence", { doc: key, typing, pos });
  }

  function lineOf(pos) {
    try {
      const abs = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(fromBase64(pos)), ydoc);
      return abs ? ytext.toString().slice(0, abs.index).split("\n").length : null;
    } catch { return null; }
  }

  function showTypers() {
    if (!marker) return;
    const now = Date.now();
    for (const [from, p] of typers) if (now - p.at > TYPING_SHOWN_MS) typers.delete(from);
    const list = [...typers.values()];
    if (!list.length) { marker.textContent = ""; marker.hidden = true; return; }
    const names = list.map((p) => p.name || t("Someone"));
    const text = names.length === 1 ? t("%(name)s is typing", { name: names[0] })
      : t("%(names)s are typing", { names: names.join(", ") });
    const lines = list.map((p) => p.pos && lineOf(p.pos)).filter(Boolean);
    const multiline = ytext.toString().includes("\n");
    marker.textContent = multiline && lines.length === 1 ? `${text} · ${t("line %(line)s", { line: lines[0] })}` : text;
    marker.hidden = false;
  }

  function onPresence(p) {
    if (!p || p.doc !== key) return;
    if (p.typing) typers.set(p.from, { name: p.who && p.who.name, pos: p.pos, at: Date.now() });
    else typers.delete(p.from);
    showTypers();
  }
  const sweep = setInterval(showTypers, 1000);

  // --- wiring ----------------------------------------------------------------------------------------
  const stopUpdates = live.on("doc.update", (e) => {
    if (e.data.doc !== key || !loaded) return;
    if (e.data.update) receive(fromBase64(e.data.update));
    else load(); // compacted away in the log: ask for what this page lacks
  });
  let wasConnected = live.status === "connected";
  const stopStatus = live.on("live.status", (e) => {
    const connected = e.data.status === "connected";
    if (connected && !wasConnected) { if (loaded) load(); else load(true); }
    wasConnected = connected;
  });
  const stopState = live.on("live.state", () => { if (loaded) load(); });
  const onBlur = () => sayTyping(false);
  field.addEventListener("input", onInput);
  field.addEventListener("blur", onBlur);
  live.socket.on("doc.presence", onPresence);
  load(true);

  return {
    get text() { return ytext.toString(); },
    get loaded() { return loaded; },
    get ydoc() { return ydoc; },
    // Take back what this page typed since it bound the field (others' keystrokes stay): a "Cancel".
    undoMine() {
      const rel = caret();
      while (undo.undoStack.length) undo.undo();
      show(rel);
      flush(true);
    },
    destroy() {
      if (destroyed) return;
      flush(true); // what was typed goes into the outbox now, not lost with the view
      destroyed = true;
      clearTimeout(timer);
      clearInterval(sweep);
      stopUpdates();
      stopStatus();
      stopState();
      field.removeEventListener("input", onInput);
      field.removeEventListener("blur", onBlur);
      live.socket.off("doc.presence", onPresence);
      ydoc.off("update", onUpdate);
      undo.destroy();
      ydoc.destroy();
    },
  };
}

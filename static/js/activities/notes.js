// Sticky notes: participants post (text, optional colour), edit and delete their own and see the
// others' live where the session shows them; facilitators hide, edit, move, merge and cluster them
// (drag and drop in the cockpit, and on the projector when a facilitator opens it while signed in).
import { clear, h } from "../dom.js";
import { inlineEditor } from "../editor.js";

export const COLOURS = ["yellow", "pink", "blue", "green", "orange", "purple"];
const STAFF = ["organiser", "facilitator"];

function notesPart(ctx) {
  const part = ctx.live.state.notes;
  return part && part.session_id === ctx.session.id ? part : { notes: [], clusters: [], anonymous: true, show_others: true };
}

function colourName(t, c) {
  return { yellow: t("Yellow"), pink: t("Pink"), blue: t("Blue"), green: t("Green"), orange: t("Orange"), purple: t("Purple") }[c] || c;
}

// --- participant -------------------------------------------------------------------------

export function participant(el, ctx) {
  const { live, t } = ctx;
  let colour = "yellow";
  let editing = null;
  const text = h("textarea", { id: "note-text", maxlength: "500", rows: "3", required: true, autocomplete: "off" });
  const error = h("p", { class: "field-error", role: "alert", hidden: true });
  const swatches = h("div", { class: "swatches", role: "radiogroup", "aria-label": t("Colour") },
    COLOURS.map((c) => h("button", {
      type: "button", class: `swatch note-${c}`, role: "radio", "aria-checked": String(c === colour),
      "aria-label": colourName(t, c), title: colourName(t, c),
      onclick: (ev) => {
        colour = c;
        swatches.querySelectorAll("button").forEach((b) => b.setAttribute("aria-checked", String(b === ev.currentTarget)));
      },
    })));
  const submit = h("button", { class: "button primary big", type: "submit" }, t("Post note"));
  const form = h("form", { class: "note-form stack", onsubmit: post },
    h("label", { for: "note-text" }, t("Your note")), text, swatches, error, submit);
  const closed = h("p", { class: "muted input-closed-note" }, t("Input is closed now. You can read the notes."));
  const mineList = h("ul", { class: "note-list", "aria-live": "polite", "aria-label": t("Your notes") });
  const othersList = h("ul", { class: "note-list others", "aria-live": "polite", "aria-label": t("Notes from others") });
  const othersHead = h("h3", {}, t("Notes from others"));
  el.append(form, closed, h("h3", {}, t("Your notes")), mineList, othersHead, othersList);

  async function post(ev) {
    ev.preventDefault();
    const value = text.value.trim();
    if (!value) { showError(t("Write something first.")); return; }
    showError("");
    if (editing) {
      const ack = await live.send("note.edit", { note_id: editing, text: value, colour });
      if (!ack.ok) { showError(ack.error.message); return; }
      editing = null;
      submit.textContent = t("Post note");
    } else {
      const sent = live.send("note.post", { text: value, colour }, { queue: true });
      sent.then((ack) => { if (!ack.ok) showError(ack.error.message); render(); });
    }
    text.value = "";
    text.focus();
    render();
  }

  function showError(message) {
    error.textContent = message;
    error.hidden = !message;
  }

  function noteItem(n, own) {
    return h("li", { class: `note note-${n.colour || "yellow"}${n.hidden ? " is-hidden" : ""}`, dataset: { id: n.id } },
      h("p", { class: "note-text" }, n.text),
      n.author ? h("p", { class: "note-author" }, n.author) : null,
      n.hidden ? h("p", { class: "note-flag" }, t("Hidden by the facilitator")) : null,
      own && live.state.room.input_open ? h("div", { class: "note-actions" },
        h("button", { type: "button", class: "button small", onclick: () => {
          editing = n.id; text.value = n.text; colour = n.colour || "yellow"; submit.textContent = t("Save changes"); text.focus();
        } }, t("Edit")),
        h("button", { type: "button", class: "button small danger", onclick: async () => {
          const ack = await live.send("note.delete", { note_id: n.id });
          if (!ack.ok) showError(ack.error.message);
        } }, t("Delete"))) : null);
  }

  function render() {
    const part = notesPart(ctx);
    const open = !!(live.state.room && live.state.room.input_open);
    form.hidden = !open;
    closed.hidden = open;
    const waiting = live.pending("note.post").map((op) => h("li", { class: `note note-${op.data.colour || "yellow"} is-waiting` },
      h("p", { class: "note-text" }, op.data.text), h("p", { class: "note-flag" }, t("Waiting to be sent"))));
    clear(mineList).append(...part.notes.filter((n) => n.mine).map((n) => noteItem(n, true)), ...waiting);
    const others = part.notes.filter((n) => !n.mine && !n.merged_into);
    othersHead.hidden = othersList.hidden = !part.show_others;
    clear(othersList).append(...(others.length ? others.map((n) => noteItem(n, false))
      : [h("li", { class: "muted" }, t("No notes from others yet."))]));
  }

  const offs = [live.on("note.", render), live.on("cluster.", render), live.on("room.input", render),
    live.on("session.", render), live.on("live.", render)];
  render();
  return () => offs.forEach((off) => off());
}

// --- the board: cockpit and projector ---------------------------------------------------------

function board(el, ctx, { big }) {
  const { live, t } = ctx;
  const staff = STAFF.includes(ctx.me.role);
  const wrap = h("div", { class: big ? "note-board big" : "note-board" });
  const tools = staff && !big ? clusterForm() : null;
  el.append(...[tools, wrap].filter(Boolean));

  function clusterForm() {
    const name = h("input", { type: "text", maxlength: "80", placeholder: t("Name of a new cluster"), "aria-label": t("Name of a new cluster") });
    return h("form", { class: "row cluster-form", onsubmit: async (ev) => {
      ev.preventDefault();
      if (!name.value.trim()) return;
      const ack = await live.send("cluster.add", { name: name.value, session_id: ctx.session.id });
      if (ack.ok) name.value = "";
    } }, name, h("button", { class: "button", type: "submit" }, t("Add cluster")));
  }

  function drop(target, onDrop) {
    if (!staff) return target;
    target.addEventListener("dragover", (ev) => { ev.preventDefault(); target.classList.add("drop-over"); });
    target.addEventListener("dragleave", () => target.classList.remove("drop-over"));
    target.addEventListener("drop", (ev) => {
      ev.preventDefault();
      ev.stopPropagation();
      target.classList.remove("drop-over");
      wrap.querySelectorAll(".dragging").forEach((x) => x.classList.remove("dragging")); // the drag is over
      const id = Number(ev.dataTransfer.getData("text/note-id"));
      if (id) onDrop(id);
    });
    return target;
  }

  // Cards are kept by note id and rebuilt only when what they show changed: a board of hundreds of
  // notes is not redrawn from scratch for every new one.
  const cards = new Map(); // note id -> {sig, el}

  function cachedCard(n, part) {
    const merged = part.notes.filter((m) => m.merged_into === n.id).map((m) => m.text);
    const sig = JSON.stringify([n.text, n.colour, n.hidden, n.author, n.cluster_id, merged,
      part.clusters.map((c) => [c.id, c.name])]);
    const known = cards.get(n.id);
    if (known && known.sig === sig) return known.el;
    const el = card(n, part);
    cards.set(n.id, { sig, el });
    return el;
  }

  function card(n, part) {
    const merged = part.notes.filter((m) => m.merged_into === n.id);
    const text = h("p", { class: "note-text" }, n.text);
    const tools = staff && !big;
    const actions = tools ? h("div", { class: "note-actions" },
      h("button", { type: "button", class: "button small", onclick: () => live.send("note.hide", { note_id: n.id, hidden: !n.hidden }) },
        n.hidden ? t("Show") : t("Hide")),
      h("button", { type: "button", class: "button small", onclick: () => editor.open(n.text) }, t("Edit")),
      part.clusters.length ? h("select", { class: "move-to", "aria-label": t("Move to cluster"), onchange: (ev) => {
        const value = ev.target.value;
        ev.target.blur(); // chosen: let the board show the move (it waits while a menu is open)
        live.send("note.move", { note_id: n.id, cluster_id: value ? Number(value) : null });
      } }, h("option", { value: "", selected: !n.cluster_id }, t("Not in a cluster")),
      part.clusters.map((c) => h("option", { value: String(c.id), selected: c.id === n.cluster_id }, c.name))) : null,
      merged.length ? h("button", { type: "button", class: "button small", onclick: () => merged.forEach((m) =>
        live.send("note.move", { note_id: m.id, cluster_id: n.cluster_id })) }, t("Split")) : null,
      h("button", { type: "button", class: "button small danger", onclick: () => {
        if (window.confirm(t("Delete this note?"))) live.send("note.delete", { note_id: n.id });
      } }, t("Delete"))) : null;
    const editor = tools ? inlineEditor(t, { label: t("Edit the note"), maxlength: 500, multiline: true, covers: [text, actions],
      save: (value) => live.send("note.edit", { note_id: n.id, text: value }), onClose: () => catchUp() }) : null;
    const item = h("li", { class: `note note-${n.colour || "yellow"}${n.hidden ? " is-hidden" : ""}`, draggable: staff ? "true" : false,
      dataset: { id: n.id } },
      text, editor ? editor.el : null,
      ...merged.map((m) => h("p", { class: "note-merged" }, m.text)),
      merged.length ? h("span", { class: "badge" }, `×${merged.length + 1}`) : null,
      n.author ? h("p", { class: "note-author" }, n.author) : null,
      actions);
    if (staff) {
      item.addEventListener("dragstart", (ev) => { ev.dataTransfer.setData("text/note-id", String(n.id)); item.classList.add("dragging"); });
      item.addEventListener("dragend", () => item.classList.remove("dragging"));
      drop(item, (id) => { if (id !== n.id) live.send("note.merge", { note_id: id, into_id: n.id }); });
    }
    return item;
  }

  function clusterHead(cluster) {
    const title = h("h3", {}, cluster.name);
    if (!staff || big) return h("div", { class: "cluster-head" }, title);
    const tools = h("span", { class: "cluster-actions" },
      h("button", { type: "button", class: "button small", onclick: () => editor.open(cluster.name) }, t("Rename")),
      h("button", { type: "button", class: "button small danger", onclick: () => live.send("cluster.delete", { cluster_id: cluster.id }) },
        t("Remove")));
    const editor = inlineEditor(t, { label: t("Name of the cluster"), maxlength: 80, covers: [title, tools],
      save: (value) => live.send("cluster.rename", { cluster_id: cluster.id, name: value }), onClose: () => catchUp() });
    return h("div", { class: "cluster-head" }, title, editor.el, tools);
  }

  function column(cluster, notes, part) {
    const list = h("ul", { class: "note-list" }, notes.map((n) => cachedCard(n, part)));
    const head = cluster ? clusterHead(cluster)
      : h("div", { class: "cluster-head" }, h("h3", {}, cluster === null && part.clusters.length ? t("Not in a cluster") : t("Notes")));
    const col = h("section", { class: "cluster", dataset: { cluster: cluster ? cluster.id : "" } }, head, list);
    return drop(col, (id) => live.send("note.move", { note_id: id, cluster_id: cluster ? cluster.id : null, position: notes.length }));
  }

  function render() {
    const part = notesPart(ctx);
    const visible = part.notes.filter((n) => !(big && n.hidden));
    const top = visible.filter((n) => !n.merged_into);
    const columns = [column(null, top.filter((n) => !n.cluster_id), part),
      ...part.clusters.map((c) => column(c, top.filter((n) => n.cluster_id === c.id), part))];
    clear(wrap).append(...columns);
    if (!part.notes.length) wrap.append(h("p", { class: "muted empty" }, t("No notes yet.")));
    const shown = new Set(part.notes.map((n) => n.id));
    for (const id of cards.keys()) if (!shown.has(id)) cards.delete(id);
  }

  // While the facilitator drags a note or has a menu of the board open, new notes wait: redrawing
  // would drop the drag or close the menu under the pointer. The board catches up right after.
  let behind = false;
  const interacting = () => !!wrap.querySelector(".dragging")
    || (wrap.contains(document.activeElement) && document.activeElement.matches("select, input, textarea"));
  function update() {
    behind = interacting();
    if (!behind) render();
  }
  const catchUp = () => setTimeout(() => { if (behind) update(); }, 0);
  wrap.addEventListener("focusout", catchUp);
  wrap.addEventListener("dragend", catchUp);

  const offs = [live.on("note.", update), live.on("cluster.", update), live.on("live.state", update)];
  render();
  return () => offs.forEach((off) => off());
}

export function cockpit(el, ctx) {
  return board(el, ctx, { big: false });
}

export function presenter(el, ctx) {
  return board(el, ctx, { big: true });
}

// Sticky notes: participants post (text, optional colour), edit and delete their own and see the
// others' live where the session shows them; facilitators hide, edit, move, merge and cluster them
// (drag and drop in the cockpit, and on the projector when a facilitator opens it while signed in).
import { html, isStaff, memo, useRef, useState } from "../ui/view.js";
import { InlineEditor } from "../ui/components.js";

export { reduce, prefixes } from "../state/notes.js";

export const COLOURS = ["yellow", "pink", "blue", "green", "orange", "purple"];

function notesPart(state, session) {
  const part = state.notes;
  return part && part.session_id === session.id ? part : { notes: [], clusters: [], anonymous: true, show_others: true };
}

function colourName(t, c) {
  return { yellow: t("Yellow"), pink: t("Pink"), blue: t("Blue"), green: t("Green"), orange: t("Orange"), purple: t("Purple") }[c] || c;
}

// --- participant -------------------------------------------------------------------------

function Participant({ live, state, session, t }) {
  const [colour, setColour] = useState("yellow");
  const [editing, setEditing] = useState(null);
  const [error, setError] = useState("");
  const text = useRef(null);
  const part = notesPart(state, session);
  const open = !!(state.room && state.room.input_open);

  async function post(ev) {
    ev.preventDefault();
    const field = text.current;
    const value = field.value.trim();
    if (!value) { setError(t("Write something first.")); return; }
    setError("");
    if (editing) {
      const ack = await live.send("note.edit", { note_id: editing, text: value, colour });
      if (!ack.ok) { setError(ack.error.message); return; }
      setEditing(null);
    } else {
      live.send("note.post", { text: value, colour }, { queue: true }).then((ack) => { if (!ack.ok) setError(ack.error.message); });
    }
    field.value = "";
    field.focus();
  }

  const item = (n, own) => html`<li key=${n.id} class=${`note note-${n.colour || "yellow"}${n.hidden ? " is-hidden" : ""}`} data-id=${n.id}>
    <p class="note-text">${n.text}</p>
    ${n.author ? html`<p class="note-author">${n.author}</p>` : null}
    ${n.hidden ? html`<p class="note-flag">${t("Hidden by the facilitator")}</p>` : null}
    ${own && open ? html`<div class="note-actions">
      <button type="button" class="button small" onClick=${() => {
        setEditing(n.id); setColour(n.colour || "yellow"); text.current.value = n.text; text.current.focus();
      }}>${t("Edit")}</button>
      <button type="button" class="button small danger" onClick=${async () => {
        const ack = await live.send("note.delete", { note_id: n.id });
        if (!ack.ok) setError(ack.error.message);
      }}>${t("Delete")}</button></div>` : null}
  </li>`;

  const waiting = live.pending("note.post");
  const others = part.notes.filter((n) => !n.mine && !n.merged_into);
  return html`
    ${part.names_notice ? html`<p class="muted names-notice" data-names-notice hidden=${!open}>${t(part.names_notice)}</p>` : null}
    <form class="note-form stack" onSubmit=${post} hidden=${!open}>
      <label for="note-text">${t("Your note")}</label>
      <textarea id="note-text" ref=${text} maxlength="500" rows="3" required autocomplete="off"></textarea>
      <div class="swatches" role="radiogroup" aria-label=${t("Colour")}>
        ${COLOURS.map((c) => html`<button key=${c} type="button" class=${`swatch note-${c}`} role="radio" aria-checked=${String(c === colour)}
          aria-label=${colourName(t, c)} title=${colourName(t, c)} onClick=${() => setColour(c)}></button>`)}
      </div>
      <p class="field-error" role="alert" hidden=${!error}>${error}</p>
      <button class="button primary big" type="submit">${editing ? t("Save changes") : t("Post note")}</button>
    </form>
    <p class="muted input-closed-note" hidden=${open}>${t("Input is closed now. You can read the notes.")}</p>
    <h3>${t("Your notes")}</h3>
    <ul class="note-list" aria-live="polite" aria-label=${t("Your notes")}>
      ${part.notes.filter((n) => n.mine).map((n) => item(n, true))}
      ${waiting.map((op) => html`<li key=${op.op_id} class=${`note note-${op.data.colour || "yellow"} is-waiting`}>
        <p class="note-text">${op.data.text}</p><p class="note-flag">${t("Waiting to be sent")}</p></li>`)}
    </ul>
    <h3 hidden=${!part.show_others}>${t("Notes from others")}</h3>
    <ul class="note-list others" aria-live="polite" aria-label=${t("Notes from others")} hidden=${!part.show_others}>
      ${others.length ? others.map((n) => item(n, false)) : html`<li key="none" class="muted">${t("No notes from others yet.")}</li>`}
    </ul>`;
}

// --- the board: cockpit and projector ---------------------------------------------------------

// Dropping a dragged note (staff only): on a column it moves there, on a note it merges into it.
function dropTarget(board, onDrop, setOver) {
  if (!board.staff) return {};
  return {
    onDragOver: (ev) => { ev.preventDefault(); setOver(true); },
    onDragLeave: () => setOver(false),
    onDrop: (ev) => {
      ev.preventDefault();
      ev.stopPropagation();
      setOver(false);
      board.setDragging(null); // the drag is over
      const id = Number(ev.dataTransfer.getData("text/note-id"));
      if (id) onDrop(id);
    },
  };
}

const Card = memo(({ n, merged, clusters, board, dragging }) => {
  const { live, t, staff, big } = board;
  const [editing, setEditing] = useState(false);
  const [over, setOver] = useState(false);
  const tools = staff && !big;
  const actions = tools ? html`<div class="note-actions" hidden=${editing}>
    <button type="button" class="button small" onClick=${() => live.send("note.hide", { note_id: n.id, hidden: !n.hidden })}>
      ${n.hidden ? t("Show") : t("Hide")}</button>
    <button type="button" class="button small" onClick=${() => setEditing(true)}>${t("Edit")}</button>
    ${clusters.length ? html`<select class="move-to" aria-label=${t("Move to cluster")} value=${n.cluster_id ? String(n.cluster_id) : ""}
        onChange=${(ev) => {
          const value = ev.target.value;
          ev.target.blur(); // chosen: let the board show the move (it waits while a menu is open)
          live.send("note.move", { note_id: n.id, cluster_id: value ? Number(value) : null });
        }}>
        <option value="">${t("Not in a cluster")}</option>
        ${clusters.map((c) => html`<option key=${c.id} value=${String(c.id)}>${c.name}</option>`)}
      </select>` : null}
    ${merged.length ? html`<button type="button" class="button small" onClick=${() => merged.forEach((m) =>
      live.send("note.move", { note_id: m.id, cluster_id: n.cluster_id }))}>${t("Split")}</button>` : null}
    <button type="button" class="button small danger" onClick=${() => {
      if (window.confirm(t("Delete this note?"))) live.send("note.delete", { note_id: n.id });
    }}>${t("Delete")}</button></div>` : null;
  const drag = staff ? {
    draggable: "true",
    onDragStart: (ev) => { ev.dataTransfer.setData("text/note-id", String(n.id)); board.setDragging(n.id); },
    onDragEnd: () => board.setDragging(null),
    ...dropTarget(board, (id) => { if (id !== n.id) live.send("note.merge", { note_id: id, into_id: n.id }); }, setOver),
  } : {};
  const cls = `note note-${n.colour || "yellow"}${n.hidden ? " is-hidden" : ""}${dragging ? " dragging" : ""}${over ? " drop-over" : ""}`;
  return html`<li class=${cls} data-id=${n.id} ...${drag}>
    <p class="note-text" hidden=${editing}>${n.text}</p>
    ${editing ? html`<${InlineEditor} label=${t("Edit the note")} maxlength=${500} multiline value=${n.text}
      save=${(value) => live.send("note.edit", { note_id: n.id, text: value })} onClose=${() => setEditing(false)} />` : null}
    ${merged.map((m) => html`<p key=${m.id} class="note-merged">${m.text}</p>`)}
    ${merged.length ? html`<span class="badge">×${merged.length + 1}</span>` : null}
    ${n.author ? html`<p class="note-author">${n.author}</p>` : null}
    ${actions}
  </li>`;
});

function ClusterHead({ cluster, board }) {
  const { live, t, staff, big } = board;
  const [editing, setEditing] = useState(false);
  // on the projector the clusters sit right under the session's title (h1)
  if (!staff || big) return html`<div class="cluster-head"><${big ? "h2" : "h3"}>${cluster.name}<//></div>`;
  // What the editor stands in for stays (hidden) while it is open.
  return html`<div class="cluster-head">
    <h3 hidden=${editing}>${cluster.name}</h3>
    ${editing ? html`<${InlineEditor} label=${t("Name of the cluster")} maxlength=${80} value=${cluster.name}
      save=${(value) => live.send("cluster.rename", { cluster_id: cluster.id, name: value })} onClose=${() => setEditing(false)} />` : null}
    <span class="cluster-actions" hidden=${editing}>
      <button type="button" class="button small" onClick=${() => setEditing(true)}>${t("Rename")}</button>
      <button type="button" class="button small danger" onClick=${() => live.send("cluster.delete", { cluster_id: cluster.id })}>${t("Remove")}</button>
    </span>
  </div>`;
}

function Column({ cluster, notes, part, board, merges }) {
  const { live, t } = board;
  const [over, setOver] = useState(false);
  const head = cluster ? html`<${ClusterHead} cluster=${cluster} board=${board} />`
    : html`<div class="cluster-head"><${board.big ? "h2" : "h3"}>${part.clusters.length ? t("Not in a cluster") : t("Notes")}<//></div>`;
  const drop = dropTarget(board, (id) => live.send("note.move", { note_id: id, cluster_id: cluster ? cluster.id : null, position: notes.length }), setOver);
  return html`<section class=${`cluster${over ? " drop-over" : ""}`} data-cluster=${cluster ? cluster.id : ""} ...${drop}>
    ${head}
    <ul class="note-list">${notes.map((n) => html`<${Card} key=${n.id} n=${n} merged=${merges.get(n.id) || NONE}
      clusters=${part.clusters} board=${board} dragging=${board.dragging === n.id} />`)}</ul>
  </section>`;
}

const NONE = [];

function ClusterForm({ live, session, t }) {
  const name = useRef(null);
  return html`<form class="row cluster-form" onSubmit=${async (ev) => {
    ev.preventDefault();
    if (!name.current.value.trim()) return;
    const ack = await live.send("cluster.add", { name: name.current.value, session_id: session.id });
    if (ack.ok) name.current.value = "";
  }}><input ref=${name} type="text" maxlength="80" placeholder=${t("Name of a new cluster")} aria-label=${t("Name of a new cluster")} />
    <button class="button" type="submit">${t("Add cluster")}</button></form>`;
}

function Board({ live, state, session, me, t, big }) {
  const staff = isStaff(me);
  const [dragging, setDragging] = useState(null);
  const [menu, setMenu] = useState(false);
  const live_part = notesPart(state, session);
  // While the facilitator drags a note or has a note's menu open, the board holds still and new
  // notes wait: the keyed diff would keep the drag and the menu, but the cards would move under the
  // pointer. The board catches up as soon as the menu is left or the drag ends.
  const held = useRef(live_part);
  if (dragging === null && !menu) held.current = live_part;
  const part = held.current;
  const boardRef = useRef({});
  const board = boardRef.current;
  Object.assign(board, { live, t, staff, big, setDragging, dragging });
  const visible = part.notes.filter((n) => !(big && n.hidden));
  const merges = new Map();
  for (const m of part.notes) {
    if (m.merged_into) { if (!merges.has(m.merged_into)) merges.set(m.merged_into, []); merges.get(m.merged_into).push(m); }
  }
  // On the projector the newest notes come first: when the board holds more than the screen, what
  // is cut off under "+N more" is the oldest (presenter.js).
  const top = visible.filter((n) => !n.merged_into);
  if (big) top.sort((a, b) => b.id - a.id);
  const byCluster = new Map();
  for (const n of top) {
    const k = n.cluster_id || 0;
    if (!byCluster.has(k)) byCluster.set(k, []);
    byCluster.get(k).push(n);
  }
  const menuEvents = staff ? {
    onFocusIn: (ev) => { if (ev.target.tagName === "SELECT") setMenu(true); },
    onFocusOut: (ev) => { if (ev.target.tagName === "SELECT") setMenu(false); },
  } : {};
  return html`${staff && !big ? html`<${ClusterForm} live=${live} session=${session} t=${t} />` : null}
    <div class=${big ? "note-board big" : "note-board"} ...${menuEvents}>
      <${Column} key="none" cluster=${null} notes=${byCluster.get(0) || NONE} part=${part} board=${board} merges=${merges} />
      ${part.clusters.map((c) => html`<${Column} key=${c.id} cluster=${c} notes=${byCluster.get(c.id) || NONE} part=${part} board=${board} merges=${merges} />`)}
      ${part.notes.length ? null : html`<p class="muted empty">${t("No notes yet.")}</p>`}
    </div>`;
}

// The projector's live count (presenter.js): what this activity has had so far.
export const count = (state) => ({ posted: state.notes ? state.notes.notes.filter((n) => !n.hidden).length : null });

export const views = {
  participant: Participant,
  cockpit: (props) => html`<${Board} ...${props} big=${false} />`,
  presenter: (props) => html`<${Board} ...${props} big=${true} />`,
};

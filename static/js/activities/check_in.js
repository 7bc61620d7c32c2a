// Check-in: at the start of a day everyone writes in one line what they bring today. The phones, the
// cockpit and the projector show the lines as a wall, without names; the author can change or take
// back their line while input is open, the facilitator can take a line off the wall.
// Its part "check_in" ({lines: [{id, session_id, text}], mine: {session_id: id}}) is loaded by its
// live query and kept current by the reducer below, which comes with these views (usePart).
import { html, useRef } from "../ui/view.js";
import { ErrorLine, useSend } from "../ui/components.js";
import { usePart } from "../ui/screen.js";
import { tn } from "../i18n.js";

export const reducer = {
  part: "check_in",
  prefixes: ["check_in."],
  query: true,
  reduce(p, e) {
    if (!p) return p;
    const d = e.data || {};
    if (e.kind === "check_in.line") {
      const i = p.lines.findIndex((l) => l.id === d.id);
      if (i >= 0 && p.lines[i].text === d.text) return p;
      const line = { id: d.id, session_id: d.session_id, text: d.text };
      return { ...p, lines: i >= 0 ? p.lines.map((l, j) => (j === i ? line : l)) : [...p.lines, line] };
    }
    if (e.kind === "check_in.gone") {
      if (!p.lines.some((l) => l.id === d.id)) return p;
      const mine = { ...p.mine };
      if (mine[String(d.session_id)] === d.id) delete mine[String(d.session_id)];
      return { ...p, lines: p.lines.filter((l) => l.id !== d.id), mine };
    }
    if (e.kind === "check_in.mine") { // this browser's own line, from the answer to check_in.say
      if (p.mine[String(d.session_id)] === d.id) return p;
      return { ...p, mine: { ...p.mine, [String(d.session_id)]: d.id } };
    }
    return p;
  },
};

// A few rules of its own; the cards and the board are live.css's (the sticky notes').
export const css = `
.ci-wall { list-style: none; margin: 0; padding: 0; }
.ci-mine { margin: 0 0 1.2rem; }
.ci-mine .note { font-size: 1.15rem; }
.note-board.big.ci-wall .note { font-size: 2rem; }
`;

function linesOf(part, session) {
  return part ? part.lines.filter((l) => l.session_id === session.id) : [];
}

// --- participant ---------------------------------------------------------------------------------
// The field is the browser's (not controlled): lines coming in never touch what is being typed.
function Participant({ live, state, session, t }) {
  const part = usePart(live, "check_in", reducer);
  const [error, send, setError] = useSend(live);
  const field = useRef(null);
  const open = !state.room || state.room.input_open !== false;
  if (!part) return html`<p class="muted">${t("Loading…")}</p>`;
  const lines = linesOf(part, session);
  const mine = lines.find((l) => l.id === part.mine[String(session.id)]) || null;
  async function submit(ev) {
    ev.preventDefault();
    const text = field.current.value.trim();
    if (!text) { setError(t("Write your line first.")); field.current.focus(); return; }
    const ack = await send("check_in.say", { session_id: session.id, text }, { queue: true });
    if (!ack.ok) return;
    live.local("check_in.mine", { session_id: session.id, id: ack.result.id });
    field.current.value = "";
  }
  return html`<div class="check-in">
    <form class="note-form stack" onSubmit=${submit} hidden=${!open}>
      <label for="ci-text">${mine ? t("Change your line") : t("What do you bring today? Say it in one line.")}</label>
      <input id="ci-text" ref=${field} type="text" maxlength="140" autocomplete="off" enterkeyhint="send" />
      <button type="submit" class="button primary">${mine ? t("Change") : t("Share")}</button>
    </form>
    <${ErrorLine} message=${error} />
    <p class="muted input-closed-note" hidden=${open}>${t("Input is closed now. You can read the lines.")}</p>
    ${mine ? html`<div class="ci-mine">
      <p class="note-author">${t("Your line (the wall shows no names)")}</p>
      <div class="note note-yellow" data-id=${mine.id}><p class="note-text">${mine.text}</p>
        ${open ? html`<div class="note-actions">
          <button type="button" class="button small" onClick=${() => send("check_in.take_back", { id: mine.id })}>${t("Take back")}</button>
        </div>` : null}</div></div>` : null}
    <ul class="note-list others ci-wall" aria-live="polite" aria-label=${t("Everyone's lines")}>
      ${lines.filter((l) => l !== mine).map((l) => html`<li key=${l.id} class="note note-blue" data-id=${l.id}>
        <p class="note-text">${l.text}</p></li>`)}
    </ul>
  </div>`;
}

// --- cockpit and projector -------------------------------------------------------------------------
function Wall({ live, session, t, big = false, tools = false }) {
  const part = usePart(live, "check_in", reducer);
  const [error, send] = useSend(live);
  const lines = linesOf(part, session);
  return html`<div class="check-in">
    ${big ? null : html`<p class="muted" aria-live="polite">${tn("%(num)d line on the wall", "%(num)d lines on the wall", lines.length)}</p>`}
    <${ErrorLine} message=${error} />
    <ul class=${big ? "note-board big ci-wall" : "note-board ci-wall"} aria-live="polite">
      ${lines.map((l) => html`<li key=${l.id} class="note note-yellow" data-id=${l.id}><p class="note-text">${l.text}</p>
        ${tools ? html`<div class="note-actions">
          <button type="button" class="button small danger" onClick=${() => send("check_in.hide", { id: l.id })}>${t("Take off the wall")}</button>
        </div>` : null}</li>`)}
    </ul>
    ${lines.length ? null : html`<p class=${big ? "empty" : "muted"}>${t("The lines appear here as people write them.")}</p>`}
  </div>`;
}

export const views = {
  participant: Participant,
  cockpit: (props) => html`<${Wall} ...${props} tools=${true} />`,
  presenter: (props) => html`<${Wall} ...${props} big=${true} />`,
};

// Timelines: everyone posts events on three timelines (the conference's lenses), by decade.
// Phone: pick a timeline, a decade (or a year) and write; a scrollable list below. Projector and
// cockpit: a wall with a column per decade and a lane per timeline; the cockpit can remove entries.
import { html, memo, useEffect, useRef, useState } from "../ui/view.js";
import { ErrorLine, useSend } from "../ui/components.js";
import { FocusBar, PP, inputOpen, lensLabel } from "./_shared_past_present.js";
import { decadeText } from "../decades.js";


export { timelines as reducer } from "../state/past_present.js";

const EMPTY = { lenses: ["personal", "local", "global"], decades: [], entries: [] };
const part = (state) => state.timelines || EMPTY;

// --- participant ---------------------------------------------------------------------------------
function Participant({ live, state, t }) {
  const p = part(state);
  const open = inputOpen(state);
  const [lens, setLens] = useState(0);
  const [editing, setEditing] = useState(null);
  const lastDecade = p.decades.length ? String(p.decades[p.decades.length - 1].decade) : "";
  const [decade, setDecade] = useState(lastDecade);
  useEffect(() => { if (!decade) setDecade(lastDecade); }, [lastDecade]);
  const [error, send, setError] = useSend(live);
  const text = useRef(null);
  const year = useRef(null);

  function stopEditing() {
    setEditing(null);
    text.current.value = "";
    year.current.value = "";
  }

  async function post(ev) {
    ev.preventDefault();
    const value = text.current.value.trim();
    if (!value) { setError(t("Write what happened first.")); return; }
    const data = { lens, text: value };
    if (year.current.value.trim()) data.year = Number(year.current.value);
    else data.decade = Number(decade);
    if (!editing) {
      // Kept in the outbox until the server has it: a phone that loses the network sends it later.
      const sent = live.send("timeline.add", data, { queue: true });
      setError("");
      stopEditing();
      text.current.focus();
      const ack = await sent;
      if (ack.ok) live.markEntryMine(ack.result.id);
      else {
        setError((ack.error && ack.error.message) || t("Something went wrong."));
        if (!text.current.value) text.current.value = data.text;
      }
      return;
    }
    const ack = await send("timeline.edit", { id: editing, ...data });
    if (!ack.ok) return;
    stopEditing();
    text.current.focus();
  }

  const entries = p.entries.filter((e) => e.lens === lens);
  const waiting = live.pending("timeline.add").map((op) => ({ ...op.data, op: op.op_id })).filter((d) => d.lens === lens)
    .map((d) => ({ ...d, decade: d.year ? Math.max(Math.floor(d.year / 10) * 10, p.decades.length ? p.decades[0].decade : 0) : d.decade }));
  const edit = (e) => {
    setEditing(e.id); setLens(e.lens); setDecade(String(e.decade));
    text.current.value = e.text; year.current.value = e.year || ""; text.current.focus();
  };
  return html`<${PP} cls="pp-timeline">
    <div class="pp-tabs" role="radiogroup" aria-label=${t("Timeline")}>
      ${p.lenses.map((_, i) => html`<button key=${i} type="button" role="radio" class="pp-tab" aria-checked=${String(i === lens)} onClick=${() => setLens(i)}>
        ${lensLabel(t, p.lenses, i)} <span class="badge">${String(p.entries.filter((e) => e.lens === i).length)}</span></button>`)}
    </div>
    <form class="pp-form stack" onSubmit=${post} hidden=${!open}>
      <div class="pp-when">
        <div><label for="tl-decade">${t("When?")}</label>
          <select id="tl-decade" class="pp-select" value=${decade} onChange=${(ev) => setDecade(ev.target.value)}>
            ${p.decades.map((d) => html`<option key=${d.decade} value=${String(d.decade)}>${decadeText(d, t)}</option>`)}
          </select></div>
        <div><label for="tl-year">${t("Year (if you know it)")}</label>
          <input id="tl-year" ref=${year} type="number" inputmode="numeric" class="pp-year" placeholder=${t("Year")} aria-describedby="tl-year-help"
            min=${p.decades.length ? String(p.decades[0].from) : null} max=${p.decades.length ? String(p.decades[p.decades.length - 1].to) : null} /></div>
      </div>
      <p id="tl-year-help" class="muted small">${t("A year puts it in the right decade by itself.")}</p>
      <label for="tl-text">${t("What happened?")}</label>
      <textarea id="tl-text" ref=${text} rows="2" maxlength="160" required></textarea>
      <${ErrorLine} message=${error} />
      <div class="actions-bar">
        <button class="button primary big" type="submit">${editing ? t("Save changes") : t("Put on the timeline")}</button>
        <button class="button" type="button" hidden=${!editing} onClick=${stopEditing}>${t("Cancel")}</button>
      </div>
    </form>
    <p class="muted pp-closed" hidden=${open}>${t("Input is closed now. You can read the timelines.")}</p>
    <p class="muted small" aria-live="polite">${t("%(num)s entries on this timeline", { num: entries.length })}</p>
    <div class="pp-tl-list" aria-live="polite">
      ${p.decades.map((d) => {
        const here = entries.filter((e) => e.decade === d.decade).sort((a, b) => (a.year || d.decade) - (b.year || d.decade));
        const wait = waiting.filter((w) => w.decade === d.decade);
        return html`<section key=${d.decade} class="pp-tl-decade">
          <h3>${decadeText(d, t)}</h3>
          ${here.length || wait.length ? html`<ul class="pp-tl-entries">
            ${here.map((e) => html`<li key=${e.id} class=${`pp-tl-entry${e.mine ? " mine" : ""}`} data-id=${e.id}>
              ${e.year ? html`<span class="pp-tl-year">${String(e.year)}</span>` : null}
              <span class="pp-tl-text">${e.text}</span>
              ${e.mine && open ? html`<span class="pp-tl-own">
                <button type="button" class="button small" onClick=${() => edit(e)}>${t("Edit")}</button>
                <button type="button" class="button small danger" onClick=${() => send("timeline.remove", { id: e.id })}>${t("Delete")}</button>
              </span>` : null}
            </li>`)}
            ${wait.map((w) => html`<li key=${w.op} class="pp-tl-entry mine is-waiting">
              ${w.year ? html`<span class="pp-tl-year">${String(w.year)}</span>` : null}<span class="pp-tl-text">${w.text}</span>
              <span class="muted small">${t("Waiting to be sent")}</span></li>`)}
          </ul>` : html`<p class="muted small">${t("Nothing here yet.")}</p>`}
        </section>`;
      })}
    </div>
  <//>`;
}

// --- the wall (projector, cockpit) ---------------------------------------------------------------
// One cell per lane and decade; a cell is drawn again only when one of its entries changed.
const Cell = memo(({ entries, label, lens, decade, remove, t }) => html`<ul class=${`pp-wall-cell lens-${lens}`} aria-label=${label}>
  ${entries.slice().sort((a, b) => (a.year || decade) - (b.year || decade)).map((e) => html`<li key=${e.id} class="pp-wall-entry" data-id=${e.id}>
    ${e.year ? html`<b>${`${e.year} `}</b>` : null}${e.text}
    ${remove ? html`<button type="button" class="pp-remove" aria-label=${t("Remove")} title=${t("Remove")} onClick=${() => remove(e)}>×</button>` : null}
  </li>`)}
</ul>`);

const NONE = [];

// minColumn: the narrowest a decade's column may get (the cockpit's wall scrolls sideways in its
// panel rather than squeezing words; the projector's wall always fits the screen).
export function Wall({ state, t, remove, lenses, minColumn = "0" }) {
  const p = part(state);
  const shown = p.lenses.map((_, i) => i).filter((i) => !lenses || lenses.includes(i));
  const cells = new Map();
  for (const e of p.entries) {
    const k = `${e.lens}:${e.decade}`;
    if (!cells.has(k)) cells.set(k, []);
    cells.get(k).push(e);
  }
  // A full room posts hundreds of entries: the wall gets denser so it still fits the screen.
  const count = p.entries.filter((e) => shown.includes(e.lens)).length;
  const density = count > 220 ? " denser" : count > 90 ? " dense" : "";
  return html`<div class=${`pp-wall${density}`} style=${{ gridTemplateColumns: `var(--pp-wall-lens, 9rem) repeat(${p.decades.length}, minmax(${minColumn}, 1fr))` }}>
    <div class="pp-wall-corner"></div>
    ${p.decades.map((d) => html`<div key=${`h${d.decade}`} class="pp-wall-head">${decadeText(d, t)}</div>`)}
    ${shown.map((i) => [
      html`<div key=${`l${i}`} class=${`pp-wall-lens lens-${i}`}>${lensLabel(t, p.lenses, i)}
        <span class="pp-wall-count">${String(p.entries.filter((e) => e.lens === i).length)}</span></div>`,
      ...p.decades.map((d) => html`<${Cell} key=${`c${i}:${d.decade}`} entries=${cells.get(`${i}:${d.decade}`) || NONE}
        label=${`${lensLabel(t, p.lenses, i)} ${decadeText(d, t)}`} lens=${i} decade=${d.decade} remove=${remove} t=${t} />`),
    ])}
  </div>`;
}

function Presenter({ state, t }) {
  const showing = part(state).showing;
  return html`<${PP} cls="pp-present"><${Wall} state=${state} t=${t} lenses=${showing === null || showing === undefined ? null : [showing]} /><//>`;
}

function Cockpit({ live, state, t }) {
  const [error, send] = useSend(live);
  const p = part(state);
  const remove = useRef((e) => { if (confirm(t("Remove this entry?"))) send("timeline.remove", { id: e.id }); }).current;
  return html`<${PP} cls="pp-cockpit">
    <${FocusBar} send=${send} t=${t} items=${p.lenses.map((_, i) => ({ id: i, label: lensLabel(t, p.lenses, i) }))} showing=${p.showing}
      kind="timeline.show" keyName="lens" allLabel=${t("All timelines")} />
    <${ErrorLine} message=${error} />
    <p class="muted">${t("%(num)s entries so far. Remove an entry with ×.", { num: p.entries.length })}</p>
    <div class="pp-wall-scroll"><${Wall} state=${state} t=${t} remove=${remove} minColumn="9rem" /></div>
  <//>`;
}

// The projector's live count (presenter.js): what this activity has had so far.
export const count = (state) => ({ posted: state.timelines ? state.timelines.entries.length : null });

export const views = { participant: Participant, cockpit: Cockpit, presenter: Presenter };

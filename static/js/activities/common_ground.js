// Common ground, part 1: each mixed table lists candidates in three lists (common futures, potential
// projects, unresolved differences); the facilitator merges the candidates of all tables into named
// themes by drag and drop (or with the "Theme" menu on every card) and may propose candidates from
// the scenarios. The projector shows the themes as they form. Part "common_ground", events cg.*.
// common_ground_confirm.js (part 2, the confirmation in the whole room) builds on the same part.
import { html, useRef, useState } from "../ui/view.js";
import { ErrorLine, InlineEditor, useSend } from "../ui/components.js";
import { usePart } from "../ui/screen.js";
import { SF } from "./shared_future.js";

export { commonGround as reducer } from "../state/shared_future.js";

export function listNames(t) {
  return { future: t("Common futures"), project: t("Potential projects"), difference: t("Unresolved differences") };
}
const LISTS = ["future", "project", "difference"];

export function useCommonGround(live) {
  return usePart(live, "common_ground");
}

function tableLabel(t, c) {
  if (c.table_number) return t("Table %(number)s", { number: c.table_number });
  return c.source_label || t("Proposed");
}

export function stateName(t, state) {
  return { draft: t("Draft"), up: t("Up for confirmation"), confirmed: t("Confirmed"), not_agreed: t("Not agreed") }[state];
}

// Focus an element once the view has drawn it (after an editor closes, say).
const focusSoon = (ref) => setTimeout(() => { if (ref.current && !ref.current.hidden) ref.current.focus(); }, 0);

// --- participant: the table's three lists ---------------------------------------------------------
// Keyed by candidate: when someone else at the table adds or edits a candidate, the "Edit" field
// being typed in stays (and the phone keeps its keyboard).
function Candidate({ live, c, t, setError }) {
  const [editing, setEditing] = useState(false);
  const edit = useRef(null);
  const merged = Boolean(c.theme_id); // once merged into a theme, only the facilitator changes it
  return html`<li class="sf-candidate" data-id=${c.id}>
    <span class="sf-candidate-text" hidden=${editing}>${c.text}</span>
    ${editing ? html`<${InlineEditor} label=${t("Wording of the candidate")} maxlength=${280} multiline value=${c.text}
      shared=${{ live, doc: `common_ground:${c.id}:text`, editable: () => !merged }}
      onClose=${() => { setEditing(false); focusSoon(edit); }} />` : null}
    <span class="badge" hidden=${!merged}>${t("In a theme")}</span>
    <span class="sf-candidate-buttons" hidden=${editing}>
      <button type="button" class="button small" ref=${edit} hidden=${merged} aria-label=${t("Edit: %(text)s", { text: c.text })}
        onClick=${() => setEditing(true)}>${t("Edit")}</button>
      <button type="button" class="button small danger" hidden=${merged} aria-label=${t("Delete: %(text)s", { text: c.text })}
        onClick=${async () => { const ack = await live.send("cg.candidate.remove", { id: c.id }); setError(ack.ok ? "" : ack.error.message); }}>×</button>
    </span>
  </li>`;
}

function AddCandidate({ live, list, label, setError, t }) {
  const input = useRef(null);
  return html`<form class="sf-inline-form" onSubmit=${async (ev) => {
    ev.preventDefault();
    const value = input.current.value;
    if (!value.trim()) return;
    input.current.value = "";
    const ack = await live.send("cg.candidate.add", { list, text: value }, { queue: true });
    setError(ack.ok ? "" : ack.error.message);
    if (!ack.ok) input.current.value = value;
  }}><label for=${`cg-new-${list}`} class="sr-only">${t("Add to %(list)s", { list: label })}</label>
    <input type="text" id=${`cg-new-${list}`} ref=${input} maxlength="280" autocomplete="off" />
    <button type="submit" class="button">${t("Add")}</button></form>`;
}

function Participant({ live, t }) {
  const part = useCommonGround(live);
  const [error, , setError] = useSend(live);
  const names = listNames(t);
  if (!part) return html`<p class="sf-table-head"><${SF} part=${part} t=${t} /></p>`;
  return html`<${SF} part=${part} t=${t}>
    <p class="sf-table-head">${part.my_table ? t("You are at table %(number)s. Write down together what you found.", { number: part.my_table.number })
      : t("You are not seated at a table yet. Ask the facilitator.")}</p>
    <${ErrorLine} message=${error} />
    ${LISTS.map((key) => {
      const mine = part.candidates.filter((c) => c.list === key);
      return html`<section key=${key} class=${`sf-card sf-cg-list list-${key}`} data-list=${key}>
        <h3>${names[key]}</h3>
        <ul class="sf-candidates" aria-live="polite">${mine.length
          ? mine.map((c) => html`<${Candidate} key=${c.id} live=${live} c=${c} t=${t} setError=${setError} />`)
          : html`<li key="none" class="muted">${t("Nothing yet.")}</li>`}</ul>
        <div hidden=${!part.my_table}><${AddCandidate} live=${live} list=${key} label=${names[key]} setError=${setError} t=${t} /></div>
      </section>`;
    })}
  <//>`;
}

// --- cockpit: merging into themes -----------------------------------------------------------------
function useDrop(onDrop) {
  const [over, setOver] = useState(false);
  return [over, {
    onDragOver: (ev) => { ev.preventDefault(); setOver(true); },
    onDragLeave: () => setOver(false),
    onDrop: (ev) => {
      ev.preventDefault();
      setOver(false);
      onDrop({ candidate: Number(ev.dataTransfer.getData("text/cg-candidate")), theme: Number(ev.dataTransfer.getData("text/cg-theme")) });
    },
  }];
}

function Card({ live, part, c, t, act, names }) {
  const [editing, setEditing] = useState(false);
  const [dragging, setDragging] = useState(false);
  const edit = useRef(null);
  const choices = part.themes.filter((th) => th.state === "draft" || th.id === c.theme_id);
  const showSelect = part.themes.some((th) => th.state === "draft") || c.theme_id;
  return html`<li class=${`note sf-cg-card list-${c.list}${dragging ? " dragging" : ""}`} draggable=${editing ? "false" : "true"} data-id=${c.id}
    onDragStart=${(ev) => { if (editing) { ev.preventDefault(); return; } ev.dataTransfer.setData("text/cg-candidate", String(c.id)); setDragging(true); }}
    onDragEnd=${() => setDragging(false)}>
    <p class="note-text" hidden=${editing}>${c.text}</p>
    ${editing ? html`<${InlineEditor} label=${t("Wording of the candidate")} maxlength=${280} multiline value=${c.text}
      shared=${{ live, doc: `common_ground:${c.id}:text` }} onClose=${() => { setEditing(false); focusSoon(edit); }} />` : null}
    <p class="note-author">${`${tableLabel(t, c)} · ${names[c.list]}`}</p>
    <div class="sf-card-tools">
      <select hidden=${!showSelect} aria-label=${t("Theme for: %(text)s", { text: c.text })} value=${c.theme_id ? String(c.theme_id) : ""}
        onChange=${(ev) => act("cg.theme.assign", { candidate_ids: [c.id], theme_id: ev.target.value ? Number(ev.target.value) : null })}>
        <option value="">${t("No theme")}</option>
        ${choices.map((th) => html`<option key=${th.id} value=${String(th.id)}>${th.name}</option>`)}
      </select>
      <button type="button" class="button small sf-card-edit" ref=${edit} hidden=${editing} aria-label=${t("Edit: %(text)s", { text: c.text })}
        onClick=${() => setEditing(true)}>${t("Edit")}</button>
    </div>
  </li>`;
}

function ThemeHead({ live, th, t, act }) {
  const [editing, setEditing] = useState(false);
  const name = html`<h3 class="sf-theme-name" hidden=${editing} draggable=${th.state === "draft" ? "true" : null}
    onDragStart=${(ev) => ev.dataTransfer.setData("text/cg-theme", String(th.id))}>${th.name}</h3>`;
  if (th.state !== "draft") return html`${name}<span class=${`badge theme-${th.state}`}>${stateName(t, th.state)}</span>`;
  return html`${name}
    ${editing ? html`<${InlineEditor} label=${t("Name of the theme")} maxlength=${280} value=${th.name}
      save=${(value) => live.send("cg.theme.rename", { id: th.id, name: value })} onClose=${() => setEditing(false)} />` : null}
    <span class="cluster-actions" hidden=${editing}>
      <button type="button" class="button small" onClick=${() => setEditing(true)}>${t("Rename")}</button>
      <button type="button" class="button small danger" onClick=${() => act("cg.theme.remove", { id: th.id })}>${t("Remove")}</button>
    </span>`;
}

function Column({ live, part, theme, t, act, names }) {
  const id = theme ? theme.id : null;
  const items = part.candidates.filter((c) => (theme ? c.theme_id === theme.id : !c.theme_id));
  const [over, drop] = useDrop(({ candidate, theme: other }) => {
    if (candidate) act("cg.theme.assign", { candidate_ids: [candidate], theme_id: id });
    else if (other && id && other !== id) act("cg.theme.merge", { id: other, into_id: id });
  });
  return html`<section class=${`cluster sf-theme${theme ? "" : " unsorted"}${over ? " drop-over" : ""}`} data-theme=${theme ? theme.id : ""} ...${drop}>
    <div class="cluster-head">${theme ? html`<${ThemeHead} live=${live} th=${theme} t=${t} act=${act} />`
      : html`<h3>${t("Not in a theme yet (%(num)s)", { num: items.length })}</h3>`}</div>
    <ul class="note-list">${items.map((c) => html`<${Card} key=${c.id} live=${live} part=${part} c=${c} t=${t} act=${act} names=${names} />`)}</ul>
  </section>`;
}

// Propose a candidate from a scenario board or a trend response (it keeps a link back).
function Propose({ part, t, act, names }) {
  const sources = part.sources || [];
  const source = useRef(null);
  const list = useRef(null);
  const text = useRef(null);
  return html`<details class="sf-propose"><summary>${t("Propose a candidate from a scenario or a trend response")}</summary>
    ${sources.length ? html`<form class="stack" onSubmit=${async (ev) => {
      ev.preventDefault();
      const from = sources[Number(source.current.value)];
      const ack = await act("cg.candidate.propose", { source_kind: from.source_kind, source_id: from.source_id,
        source_group_id: from.source_group_id, list: list.current.value, text: text.current.value });
      if (ack.ok) text.current.value = "";
    }}>
      <label for="cg-source">${t("From")}</label>
      <select id="cg-source" ref=${source} onChange=${() => { text.current.value = (sources[Number(source.current.value)] || {}).text || ""; }}>
        ${sources.map((x, i) => html`<option key=${i} value=${String(i)}>${x.label}</option>`)}</select>
      <label for="cg-source-list">${t("List")}</label>
      <select id="cg-source-list" ref=${list}>${LISTS.map((k) => html`<option key=${k} value=${k}>${names[k]}</option>`)}</select>
      <label for="cg-source-text">${t("Candidate")}</label>
      <input type="text" id="cg-source-text" ref=${text} maxlength="280" defaultValue=${sources[0].text} />
      <button class="button" type="submit">${t("Propose")}</button>
    </form>` : html`<p class="muted">${t("No scenarios or trend responses yet.")}</p>`}
  </details>`;
}

function Cockpit({ live, t }) {
  const part = useCommonGround(live);
  const [error, act] = useSend(live);
  const newName = useRef(null);
  const names = listNames(t);
  if (!part) return html`<${SF} part=${part} t=${t} />`;
  return html`<${SF} part=${part} t=${t}>
    <form class="sf-inline-form" onSubmit=${async (ev) => {
      ev.preventDefault();
      const ack = await act("cg.theme.create", { name: newName.current.value });
      if (ack.ok) newName.current.value = "";
    }}><label for="cg-theme-name">${t("New theme")}</label><input type="text" id="cg-theme-name" ref=${newName} maxlength="280" />
      <button class="button" type="submit">${t("Add theme")}</button></form>
    <p class="muted small">${t("Drag candidates onto a theme, or choose a theme on the card. Drag a theme's name onto another theme to merge them.")}</p>
    <${ErrorLine} message=${error} />
    <div class="sf-cluster-board">
      <${Column} key="unsorted" live=${live} part=${part} theme=${null} t=${t} act=${act} names=${names} />
      ${part.themes.map((th) => html`<${Column} key=${th.id} live=${live} part=${part} theme=${th} t=${t} act=${act} names=${names} />`)}
    </div>
    <${Propose} part=${part} t=${t} act=${act} names=${names} />
  <//>`;
}

// --- projector: the themes as they form -----------------------------------------------------------
function Presenter({ live, t }) {
  const part = useCommonGround(live);
  if (!part) return html`<${SF} part=${part} t=${t} />`;
  return html`<${SF} part=${part} t=${t} cls="sf-projector">${part.themes.length
    ? html`<div class="sf-theme-grid">${part.themes.map((x) => html`<section key=${x.id} class="sf-theme-tile">
      <h2>${x.name}</h2><ul>${x.candidates.map((c) => html`<li key=${c.id}>${c.text}</li>`)}</ul></section>`)}</div>`
    : html`<p class="sf-wait">${t("The tables are listing common futures, potential projects and unresolved differences.")}</p>`}<//>`;
}

// The projector's live count (presenter.js): what this activity has had so far.
export const count = (state) => ({ posted: state.common_ground ? state.common_ground.candidates.length : null });

export const views = { participant: Participant, cockpit: Cockpit, presenter: Presenter };

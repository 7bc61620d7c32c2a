// Timeline review: each mixed table reads one timeline and writes its story and what it means for
// the task (the table's recorder types; everyone at the table sees it live). The facilitator gives
// tables their timeline and puts one table's report at a time on the projector.
import { html, useState } from "../ui/view.js";
import { ErrorLine, SharedText, useSend } from "../ui/components.js";
import { FocusBar, PP, inputOpen, lensLabel } from "./_shared_past_present.js";

export { timelineReviews as reducer } from "../state/past_present.js";

const part = (state) => state.timeline_reviews || { tables: [], reports: [], showing: null };
const lenses = (state) => (state.timelines && state.timelines.lenses) || ["personal", "local", "global"];

function LensBadge({ state, t, lens }) {
  return html`<span class=${`pp-review-lens lens-${lens}`}>${lensLabel(t, lenses(state), lens)}</span>`;
}

const tableName = (t, report) => t("Table %(number)s", { number: report.name || report.number });

// --- participant ---------------------------------------------------------------------------------
function Report({ live, state, t, report }) {
  const [error, send, setError] = useSend(live);
  const [saved, setSaved] = useState("");
  const open = inputOpen(state);
  // Shared texts (static/js/collab.js): everyone at the table may type at once, while input is open.
  const shared = (name) => ({ live, doc: `timeline:${report.table_id}:${name}`, editable: () => inputOpen(live.state),
    onSaved: (ack, all) => { setError(""); if (all) setSaved(t("Saved. Your table sees it.")); },
    onError: (ack) => { setError((ack.error && ack.error.message) || t("Something went wrong.")); setSaved(""); } });
  const tl = state.timelines;
  const entries = tl ? tl.entries.filter((e) => e.lens === report.lens) : [];
  return html`<div>
      <h3>${tableName(t, report)}</h3>
      <p>${t("Your table reads this timeline:")} <${LensBadge} state=${state} t=${t} lens=${report.lens} /></p>
      <p class="muted small">${t("One of you types (the recorder); everyone at the table sees it.")}</p>
    </div>
    <details class="pp-reference-wrap"><summary>${t("Read the timeline")}</summary><div class="pp-reference">
      ${(tl ? tl.decades : []).map((d) => {
        const here = entries.filter((e) => e.decade === d.decade);
        return here.length ? [html`<strong key=${`d${d.decade}`}>${d.label}</strong>`,
          html`<ul key=${`u${d.decade}`}>${here.map((e) => html`<li key=${e.id}>${e.year ? `${e.year}: ` : ""}${e.text}</li>`)}</ul>`] : null;
      })}
    </div></details>
    <div class="pp-form pp-review-form stack">
      <label for="rv-story">${t("What story does this timeline tell?")}</label>
      <${SharedText} id="rv-story" rows="5" maxlength="2000" readOnly=${!open} value=${report.story} shared=${shared("story")} />
      <label for="rv-impl">${t("What does it mean for our task?")}</label>
      <${SharedText} id="rv-impl" rows="5" maxlength="2000" readOnly=${!open} value=${report.implications} shared=${shared("implications")} />
      <p class="pp-saved" aria-live="polite">${saved}</p>
      <${ErrorLine} message=${error} />
    </div>
    <p class="muted pp-closed" hidden=${open}>${t("Input is closed now. You can read your report.")}</p>`;
}

function Participant(props) {
  const report = part(props.state).reports[0];
  return html`<${PP} cls="pp-review">${report
    ? html`<${Report} key=${report.table_id} ...${props} report=${report} />`
    : html`<p class="muted">${props.t("The tables are not set yet. The facilitator will tell you where to sit.")}</p>`}<//>`;
}

// --- cockpit ----------------------------------------------------------------------------------------
// The lens select of each table is keyed by its table: a report written at another table redraws
// that table's card only, and a menu being chosen from stays open.
function Cockpit({ live, state, t }) {
  const [error, send] = useSend(live);
  const p = part(state);
  const names = lenses(state);
  return html`<${PP} cls="pp-cockpit">
    <${FocusBar} send=${send} t=${t} items=${p.tables.map((tb) => ({ id: tb.table_id, label: tableName(t, tb) }))} showing=${p.showing}
      kind="review.show" keyName="table_id" allLabel=${t("All tables")} />
    <${ErrorLine} message=${error} />
    ${p.reports.length ? null : html`<p class="muted">${t("There are no mixed tables yet. Make them under Mixed tables.")}</p>`}
    <div class="pp-tables">${p.reports.map((r) => html`<article key=${r.table_id} class=${`pp-table-card${p.showing === r.table_id ? " showing" : ""}`} data-table=${r.table_id}>
      <h3>${tableName(t, r)}</h3>
      <label>${t("Timeline")} <select value=${String(r.lens)} onChange=${(ev) => send("review.assign", { table_id: r.table_id, lens: Number(ev.target.value) })}>
        ${names.map((_, i) => html`<option key=${i} value=${String(i)}>${lensLabel(t, names, i)}</option>`)}
      </select></label>
      <p class="pp-cell-label">${t("Story")}</p><p>${r.story || "…"}</p>
      <p class="pp-cell-label">${t("What it means")}</p><p>${r.implications || "…"}</p>
    </article>`)}</div>
  <//>`;
}

// --- projector ----------------------------------------------------------------------------------------
function Presenter({ state, t }) {
  const p = part(state);
  const shown = p.reports.find((r) => r.table_id === p.showing);
  if (shown) {
    return html`<${PP} cls="pp-present"><article class="pp-report">
      <h2>${tableName(t, shown)} <${LensBadge} state=${state} t=${t} lens=${shown.lens} /></h2>
      <div class="pp-report-cols">
        <section><h3>${t("The story")}</h3><p>${shown.story || "…"}</p></section>
        <section><h3>${t("What it means for our task")}</h3><p>${shown.implications || "…"}</p></section>
      </div></article><//>`;
  }
  return html`<${PP} cls="pp-present">
    ${p.reports.length ? null : html`<p class="pp-waiting">${t("The tables are not set yet.")}</p>`}
    <div class="pp-tables">${p.reports.map((r) => html`<article key=${r.table_id} class="pp-table-card">
      <h2>${tableName(t, r)} <${LensBadge} state=${state} t=${t} lens=${r.lens} /></h2><p>${r.story || "…"}</p></article>`)}</div>
  <//>`;
}

export const views = { participant: Participant, cockpit: Cockpit, presenter: Presenter };

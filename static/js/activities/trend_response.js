// Trend response, per stakeholder group: the group picks its key trends from the map and writes,
// for each, what it does about it now and what it wants to do. The group's members edit the sheet
// together, live; the cockpit and the projector show every sheet (or one, for the report back).
import { tn } from "../i18n.js";
import { html, useRef, useState } from "../ui/view.js";
import { ErrorLine, SharedText, useSend } from "../ui/components.js";
import { GroupHead, PP, flatten, groupsViews, inputOpen, treeOf } from "./_shared_past_present.js";

export { trendResponses as reducer } from "../state/past_present.js";

const part = (state) => state.trend_responses || { sheets: [], groups: [], showing: null };
const trends = (state) => state.trends || { nodes: [] };

// --- participant ---------------------------------------------------------------------------------
// Rows are keyed by trend: a group member writing elsewhere never touches the row being typed in,
// and the trend picker keeps its choice (and stays open) while the sheet changes.
function Participant({ live, state, t }) {
  const [error, send, setError] = useSend(live);
  const [status, setStatus] = useState("");
  const picker = useRef(null);
  const p = part(state);
  const me = state.me || {};
  const sheet = p.sheets[0];
  const open = inputOpen(state);
  const picked = new Set(sheet ? sheet.rows.map((r) => r.trend_id) : []);
  const options = flatten(treeOf(trends(state).nodes)).filter((n) => n.kind === "trend" && !picked.has(n.id));
  // the group's own priorities first: the trends its members put dots on, most dots first
  const dotted = ((sheet && sheet.our_dots) || []).filter((d) => !picked.has(d.trend_id));
  const dottedIds = new Set(dotted.map((d) => d.trend_id));
  const others = options.filter((n) => !dottedIds.has(n.id));
  // Each text is a shared text (static/js/collab.js, ``trend_response:<row id>:<field>``): everyone in
  // the group types at once and every keystroke is kept, while input is open.
  const shared = (r, field) => ({ live, doc: `trend_response:${r.id}:${field}`, editable: () => inputOpen(live.state),
    onSaved: (ack, all) => { setError(""); if (all) setStatus(t("Saved. Your group sees it.")); },
    onError: (ack) => { setError((ack.error && ack.error.message) || t("Something went wrong.")); setStatus(""); } });
  return html`<${PP} cls="pp-response">
    <div>${me.group ? html`<${GroupHead} group=${me.group} />` : html`<p class="muted">${t("You are not in a stakeholder group, so there is no sheet for you.")}</p>`}</div>
    <form class="pp-form stack" hidden=${!sheet || !open} onSubmit=${async (ev) => {
      ev.preventDefault();
      if (!picker.current.value) return;
      await send("response.pick", { trend_id: Number(picker.current.value) });
    }}>
      <label for="rs-pick">${t("Add a key trend for your group")}</label>
      <select id="rs-pick" class="pp-select" ref=${picker}>
        <option value="">${t("Choose a trend from the map")}</option>
        ${dotted.length ? html`<optgroup key="ours" label=${t("Most dots from our group")}>
          ${dotted.map((d) => html`<option key=${d.trend_id} value=${String(d.trend_id)}>${`${d.trend} (${tn("%(num)d dot", "%(num)d dots", d.dots)})`}</option>`)}</optgroup>` : null}
        ${dotted.length ? html`<optgroup key="others" label=${t("Other trends")}>
          ${others.map((n) => html`<option key=${n.id} value=${String(n.id)}>${`${"— ".repeat(n.depth - 1)}${n.text}`}</option>`)}</optgroup>`
          : others.map((n) => html`<option key=${n.id} value=${String(n.id)}>${`${"— ".repeat(n.depth - 1)}${n.text}`}</option>`)}
      </select>
      <button type="submit" class="button primary big">${t("Add to our sheet")}</button>
    </form>
    <p class="muted pp-closed" hidden=${open || !sheet}>${t("Input is closed now. You can read your sheet.")}</p>
    <${ErrorLine} message=${error} />
    <p class="muted pp-status" role="status" data-saved>${error ? "" : status}</p>
    <div class="pp-sheet-rows stack" aria-live="polite">
      ${sheet ? sheet.rows.map((r) => html`<section key=${r.trend_id} class="pp-row" data-trend=${r.trend_id}>
        <div class="pp-row-head"><span>${r.trend}</span>
          <button type="button" class="button small danger" hidden=${!open} onClick=${() => {
            if (confirm(t("Take “%(name)s” off your sheet? What you wrote about it goes too.", { name: r.trend }))) send("response.unpick", { trend_id: r.trend_id });
          }}>${t("Remove")}</button></div>
        <label for=${`rs-now-${r.trend_id}`}>${t("What we do about it now")}</label>
        <${SharedText} id=${`rs-now-${r.trend_id}`} rows="3" maxlength="1500" readOnly=${!open} value=${r.now} shared=${shared(r, "now")} />
        <label for=${`rs-want-${r.trend_id}`}>${t("What we want to do")}</label>
        <${SharedText} id=${`rs-want-${r.trend_id}`} rows="3" maxlength="1500" readOnly=${!open} value=${r.want} shared=${shared(r, "want")} />
      </section>`) : null}
      ${sheet && !sheet.rows.length ? html`<p class="muted">${t("No key trends yet. Pick the trends that matter most for your group.")}</p>` : null}
    </div>
  <//>`;
}

// --- sheets for the cockpit and the projector ------------------------------------------------------------
function SheetCard({ t, sheet, group, showing }) {
  return html`<article class=${`pp-sheet${showing ? " showing" : ""}`} style=${{ borderTopColor: group ? group.colour : "#9aa5b1" }} data-group=${sheet.group_id}>
    <${GroupHead} group=${group} tag="h2" />
    ${sheet.rows.length ? sheet.rows.map((r) => html`<section key=${r.trend_id} class="pp-row">
      <div class="pp-row-head">${r.trend}</div>
      <p class="pp-cell-label">${t("Now")}</p><p class="pp-cell">${r.now || "…"}</p>
      <p class="pp-cell-label">${t("We want")}</p><p class="pp-cell">${r.want || "…"}</p>
    </section>`) : html`<p class="muted">${t("No key trends yet.")}</p>`}
  </article>`;
}

const boards = groupsViews({ part, list: (p) => p.sheets, kind: "response.show", Card: SheetCard });

export const views = { participant: Participant, ...boards };

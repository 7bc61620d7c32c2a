// The desired future: each mixed table writes a scenario board together, live (future year, title,
// the story as if it already happened, key features, barriers overcome). Other tables cannot see it
// until the facilitator opens the presentations; then the projector shows one board after the other
// in large type and everyone can say a board resonates with them. Part "scenarios", events scenario.*.
import { tn } from "../i18n.js";
import { html, useRef, useState } from "../ui/view.js";
import { ErrorLine, SharedText, useSend } from "../ui/components.js";
import { usePart } from "../ui/screen.js";
import { SF } from "./shared_future.js";
import { scenarios } from "../state/shared_future.js";

export { scenarios as reducer };

const SAVE_AFTER_MS = 600;

function boardOf(part, tableId) {
  const table = part.tables.find((x) => x.id === tableId) || { id: tableId, number: "?", name: "" };
  return part.boards.find((x) => x.table_id === tableId)
    || { table_id: tableId, table_number: table.number, table_name: table.name, id: null, title: "", story: "", barriers: "", features: [], reactions: 0 };
}

const tableName = (t, b) => t("Table %(number)s", { number: b.table_number });

// A board to read (cockpit, projector, and the phones during the presentations).
export function Board({ b, part, t, big = false }) {
  return html`<article class=${`sf-board${big ? " big" : ""}`} data-table=${b.table_id}>
    <p class="sf-board-eyebrow">${`${tableName(t, b)} · ${part.future_year}`}</p>
    <h2 class="sf-board-title">${b.title || t("(no title yet)")}</h2>
    ${b.story ? html`<p class="sf-story">${b.story}</p>` : null}
    ${b.features.length ? html`<div><h3>${t("Key features")}</h3><ul class="sf-features">${b.features.map((f) => html`<li key=${f.id}>${f.text}</li>`)}</ul></div>` : null}
    ${b.barriers ? html`<div><h3>${t("Barriers we overcame")}</h3><p class="sf-story">${b.barriers}</p></div>` : null}
    <p class="sf-resonance" aria-live="polite">${tn("Resonates with %(num)d person", "Resonates with %(num)d people", b.reactions)}</p>
  </article>`;
}

// --- participant: the table's board, edited together ------------------------------------------------
function Editor({ live, part, t }) {
  const [error, send, setError] = useSend(live);
  const [saved, setSaved] = useState("");
  const feature = useRef(null);
  const mine = boardOf(part, part.my_table.id);
  // Queued: a phone that loses the network sends what was typed later.
  // Shared texts (static/js/collab.js): everyone at the table types at once, every keystroke kept;
  // what a phone typed offline goes out through the outbox when it is back.
  const shared = (field) => ({ live, doc: `scenario:${part.my_table.id}:${field}`,
    onSaved: (ack, all) => { setError(""); if (all) setSaved(t("Saved. Everyone at your table sees it.")); },
    onError: (ack) => { setError((ack.error && ack.error.message) || t("Something went wrong.")); setSaved(""); } });
  return html`<section class="sf-card sf-editor">
    <label for="sc-title">${t("Title")}</label>
    <${SharedText} multiline=${false} id="sc-title" maxlength="120" delay=${SAVE_AFTER_MS} value=${mine.title} shared=${shared("title")} />
    <label for="sc-story">${t("The story: describe it as if it already happened")}</label>
    <${SharedText} id="sc-story" maxlength="5000" rows="7" delay=${SAVE_AFTER_MS} value=${mine.story} shared=${shared("story")} />
    <h3>${t("Key features")}</h3>
    <ul class="sf-features editable" aria-live="polite">${mine.features.map((f) => html`<li key=${f.id} class="sf-feature"><span>${f.text}</span>
      <button type="button" class="button small danger" aria-label=${t("Delete: %(text)s", { text: f.text })}
        onClick=${() => send("scenario.feature.remove", { feature_id: f.id })}>×</button></li>`)}</ul>
    <form class="sf-inline-form" onSubmit=${async (ev) => {
      ev.preventDefault();
      const value = feature.current.value;
      if (!value.trim()) return;
      feature.current.value = "";
      if (!(await send("scenario.feature.add", { text: value }, { queue: true })).ok) feature.current.value = value;
    }}><label for="sc-feature" class="sr-only">${t("New key feature")}</label>
      <input type="text" id="sc-feature" ref=${feature} maxlength="200" autocomplete="off" />
      <button type="submit" class="button">${t("Add")}</button></form>
    <label for="sc-barriers">${t("Barriers we overcame")}</label>
    <${SharedText} id="sc-barriers" maxlength="2000" rows="3" delay=${SAVE_AFTER_MS} value=${mine.barriers} shared=${shared("barriers")} />
    <p class="sf-status" role="status">${saved}</p>
    <${ErrorLine} message=${error} />
  </section>`;
}

function Showing({ live, part, t }) {
  const [error, send] = useSend(live);
  const current = part.boards.find((b) => b.table_id === part.current_table_id);
  if (!current) return null;
  const reacted = new Set(part.my_reactions || []).has(current.table_id);
  return html`<p class="eyebrow">${t("Now presenting")}</p><${Board} b=${current} part=${part} t=${t} />
    <button type="button" class="button big sf-resonate" aria-pressed=${String(reacted)} onClick=${async () => {
      const ack = await send("scenario.react", { table_id: current.table_id });
      if (ack.ok) live.local("scenario.my_reaction", { table_id: current.table_id, reacted: ack.result.reacted, reactions: ack.result.reactions });
    }}>${reacted ? t("This resonates with me ✓") : t("This resonates with me")}</button>
    <${ErrorLine} message=${error} />`;
}

function Participant({ live, t }) {
  const part = usePart(live, "scenarios");
  if (!part) return html`<${SF} part=${part} t=${t} />`;
  return html`<${SF} part=${part} t=${t}>
    <div>${!part.my_table ? html`<p class="sf-card muted">${t("You are not seated at a table yet. Ask the facilitator.")}</p>`
      : html`<p class="sf-table-head">${part.open ? t("The tables present their scenarios now.")
        : t("Table %(number)s: it is %(year)s. Write your story together.", { number: part.my_table.number, year: part.future_year })}</p>`}</div>
    <div class="sf-phone-show" aria-live="polite">${part.open ? html`<${Showing} live=${live} part=${part} t=${t} />` : null}</div>
    ${part.my_table ? html`<div hidden=${part.open}><${Editor} key=${part.my_table.id} live=${live} part=${part} t=${t} /></div>` : null}
  <//>`;
}

// --- cockpit --------------------------------------------------------------------------------------
function Cockpit({ live, t }) {
  const part = usePart(live, "scenarios");
  const [error, act] = useSend(live);
  if (!part) return html`<${SF} part=${part} t=${t} />`;
  const at = part.tables.findIndex((x) => x.id === part.current_table_id);
  const next = part.tables[at + 1];
  return html`<${SF} part=${part} t=${t}>
    <div class="row sf-actions">
      ${part.open ? html`<button type="button" class="button" onClick=${() => act("scenario.presentations.close", {})}>${t("Close the presentations")}</button>`
        : html`<button type="button" class="button primary" onClick=${() => act("scenario.presentations.open", {})}>${t("Open the presentations")}</button>`}
      ${part.open && next ? html`<button type="button" class="button primary" onClick=${() => act("scenario.present", { table_id: next.id })}>
        ${t("Projector: next scenario (table %(number)s)", { number: next.number })}</button>` : null}
      <span class="muted">${part.open ? t("Everyone sees every scenario now.") : t("Each table sees only its own scenario.")}</span>
    </div>
    <${ErrorLine} message=${error} />
    <div class="sf-board-grid">
      ${part.tables.map((table) => {
        const current = part.open && part.current_table_id === table.id;
        return html`<div key=${table.id} class=${`sf-board-cell${current ? " current" : ""}`}><${Board} b=${boardOf(part, table.id)} part=${part} t=${t} />
          ${part.open ? html`<button type="button" class=${current ? "button primary" : "button"} aria-pressed=${String(current)}
            onClick=${() => act("scenario.present", { table_id: table.id })}>${current ? t("On the projector") : t("Show on the projector")}</button>` : null}</div>`;
      })}
      ${part.tables.length ? null : html`<p class="muted">${t("There are no mixed tables yet. Make them under Tables.")}</p>`}
    </div>
  <//>`;
}

// --- projector ------------------------------------------------------------------------------------
function Presenter({ live, t }) {
  const part = usePart(live, "scenarios");
  if (!part) return html`<${SF} part=${part} t=${t} />`;
  const current = part.open && part.boards.find((b) => b.table_id === part.current_table_id);
  const at = current ? part.tables.findIndex((x) => x.id === current.table_id) : -1;
  return html`<${SF} part=${part} t=${t} cls="sf-projector">${current
    ? html`<${Board} b=${current} part=${part} t=${t} big />${at >= 0 ? html`<p class="sf-progress">${t("Scenario %(at)s of %(total)s", { at: at + 1, total: part.tables.length })}</p>` : null}`
    : html`<p class="sf-wait">${t("The tables are writing their scenarios for %(year)s.", { year: part.future_year })}</p>`}<//>`;
}

export const views = { participant: Participant, cockpit: Cockpit, presenter: Presenter };

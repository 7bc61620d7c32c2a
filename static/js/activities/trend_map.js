// The trend map: the facilitator builds a mind map live while the room calls out trends (central
// topic, trends, sub-trends, examples). Participants see it as an outline on their phone and may
// propose trends when the facilitator allows it; the facilitator places, merges or sets them aside.
import { html, useEffect, useLayoutEffect, useRef, useState } from "../ui/view.js";
import { ErrorLine, useSend } from "../ui/components.js";
import { MindMap, Outline, PP, flatten, treeOf } from "./_shared_past_present.js";

export { trends as reducer } from "../state/past_present.js";

const part = (state) => state.trends || { topic: "", proposals_open: false, nodes: [] };

// --- participant ---------------------------------------------------------------------------------
function Participant({ live, state, t }) {
  const p = part(state);
  const [error, send, setError] = useSend(live);
  const text = useRef(null);
  const statusText = {
    pending: t("Waiting for the facilitator"), placed: t("On the map"), merged: t("Added to a trend on the map"),
    dismissed: t("Not used"),
  };
  async function propose(ev) {
    ev.preventDefault();
    const value = text.current.value.trim();
    if (!value) { setError(t("Write a trend first.")); return; }
    const ack = await send("trend.propose", { text: value });
    if (ack.ok) { text.current.value = ""; text.current.focus(); }
  }
  return html`<${PP} cls="pp-trends">
    <p class="muted">${p.proposals_open ? t("Call out trends in the room, or send one to the facilitator here.")
      : t("Call out trends in the room. The facilitator puts them on the map.")}</p>
    <form class="pp-form stack" onSubmit=${propose} hidden=${!p.proposals_open}>
      <label for="tr-propose">${t("Propose a trend")}</label>
      <input id="tr-propose" ref=${text} type="text" maxlength="120" autocomplete="off" />
      <${ErrorLine} message=${error} />
      <button type="submit" class="button primary big">${t("Send to the facilitator")}</button>
    </form>
    <ul class="pp-proposals" aria-live="polite">${(p.my_proposals || []).slice(-5).reverse().map((m) => html`<li key=${m.id} class="pp-proposal">
      <span>${m.text}</span><span class=${`pp-proposal-status ${m.status}`}>${statusText[m.status] || m.status}</span></li>`)}</ul>
    <h3>${t("The trend map")}</h3>
    <div aria-live="polite"><${Outline} t=${t} trends=${p} /></div>
  <//>`;
}

// --- cockpit: build the map ---------------------------------------------------------------------------
function NodeOptions({ nodes, exclude }) {
  return flatten(treeOf(nodes)).filter((n) => n.kind === "trend" && n.id !== exclude)
    .map((n) => html`<option key=${n.id} value=${String(n.id)}>${`${"— ".repeat(n.depth - 1)}${n.text}`}</option>`);
}

function AddForm({ node, send, setError, t, selected }) {
  const field = useRef(null);
  const add = async (kind) => {
    const value = field.current.value.trim();
    if (!value) { setError(t("Write the trend first.")); field.current.focus(); return; }
    const ack = await send("trend.add", { text: value, kind, parent_id: selected });
    if (ack.ok) { field.current.value = ""; field.current.focus(); }
  };
  return html`<form class="card stack pp-add" onSubmit=${(ev) => { ev.preventDefault(); add("trend"); }}>
    <p class="eyebrow">${node ? t("Under: %(name)s", { name: node.text }) : t("Under the central topic")}</p>
    <label for="tm-text">${node ? t("Add under this trend") : t("Add a trend")}</label>
    <input id="tm-text" ref=${field} type="text" maxlength="120" autocomplete="off" placeholder=${node ? t("Sub-trend or example") : t("A trend the room calls out")} />
    <div class="actions-bar">
      <button type="submit" class="button primary">${node ? t("Add sub-trend") : t("Add trend")}</button>
      ${node && node.kind === "trend" ? html`<button type="button" class="button" onClick=${() => add("example")}>${t("Add example")}</button>` : null}
    </div>
  </form>`;
}

// Keyed by the selection: choosing another node gives a fresh form with that node's text.
function EditForm({ node, p, send, t }) {
  const text = useRef(null);
  const move = useRef(null);
  const merge = useRef(null);
  useLayoutEffect(() => { text.current.value = node ? node.text : p.topic; }, []);
  return html`<form class="card stack" onSubmit=${async (ev) => {
    ev.preventDefault();
    if (node) await send("trend.edit", { id: node.id, text: text.current.value });
    else await send("trend.topic", { text: text.current.value });
  }}>
    <label for="tm-edit">${node ? t("Rename") : t("Central topic")}</label>
    <input id="tm-edit" ref=${text} type="text" maxlength=${node ? "120" : "200"} />
    <button type="submit" class="button">${t("Save")}</button>
    ${node ? html`
      <label for="tm-move">${t("Move under")}</label>
      <div class="actions-bar">
        <select id="tm-move" ref=${move}><option value="">${t("The central topic")}</option><${NodeOptions} nodes=${p.nodes} exclude=${node.id} /></select>
        <button type="button" class="button small" onClick=${() => {
          const v = move.current.value;
          send("trend.move", { id: node.id, parent_id: v ? Number(v) : null });
        }}>${t("Move")}</button>
      </div>
      ${node.kind === "trend" ? html`<label for="tm-merge">${t("Same as another trend? Merge into")}</label>
        <div class="actions-bar">
          <select id="tm-merge" ref=${merge}><${NodeOptions} nodes=${p.nodes} exclude=${node.id} /></select>
          <button type="button" class="button small" onClick=${() => {
            const v = merge.current.value;
            if (v) send("trend.merge", { id: node.id, into_id: Number(v) });
          }}>${t("Merge")}</button>
        </div>` : null}
      <button type="button" class="button danger" onClick=${() => {
        if (confirm(t("Remove “%(name)s” and everything under it?", { name: node.text }))) send("trend.remove", { id: node.id });
      }}>${t("Remove")}</button>` : null}
  </form>`;
}

function Proposals({ p, node, selected, send, t }) {
  const pending = p.pending || [];
  return html`<section class="card stack">
    <label class="choice"><input type="checkbox" id="tm-open" checked=${!!p.proposals_open}
      onChange=${(ev) => send("trend.proposals", { open: ev.target.checked })} />${t("Participants may propose trends")}</label>
    <h3>${t("Proposals")} <span class="badge">${String(pending.length)}</span></h3>
    ${pending.length ? html`<ul class="pp-proposals">${pending.map((pr) => html`<li key=${pr.id} class="pp-proposal" data-id=${pr.id}>
      <strong>${pr.text}</strong>
      <div class="actions-bar">
        <button type="button" class="button small primary" onClick=${() => send("trend.place", { proposal_id: pr.id, parent_id: selected })}>
          ${node ? t("Place under selected") : t("Place as trend")}</button>
        ${node ? html`<button type="button" class="button small" onClick=${() => send("trend.merge_proposal", { proposal_id: pr.id, into_id: node.id })}>${t("Merge into selected")}</button>` : null}
        <button type="button" class="button small" onClick=${() => send("trend.dismiss", { proposal_id: pr.id })}>${t("Set aside")}</button>
      </div></li>`)}</ul>`
      : html`<p class="muted small">${p.proposals_open ? t("No proposals waiting.") : t("Proposals are closed.")}</p>`}
    <p class="muted small">${t("Select a trend on the map first to place or merge a proposal there.")}</p>
  </section>`;
}

function Cockpit({ live, state, t }) {
  const p = part(state);
  const [selectedId, setSelected] = useState(null); // a node id, or null for the central topic
  const node = p.nodes.find((n) => n.id === selectedId) || null;
  const selected = node ? node.id : null;
  const [error, send, setError] = useSend(live);
  const mapBox = useRef(null);
  const centred = useRef(false);
  // Start with the central topic in view once the map scrolls; after that the scroll stays where the facilitator put it.
  useEffect(() => {
    const el = mapBox.current;
    if (!centred.current && el && el.scrollWidth > el.clientWidth && getComputedStyle(el).overflowX === "auto") {
      centred.current = true;
      el.scrollLeft = (el.scrollWidth - el.clientWidth) / 2;
    }
  });
  const select = (n) => {
    setSelected(n ? n.id : null);
    setTimeout(() => { const f = document.getElementById("tm-text"); if (f) f.focus(); }, 0);
  };
  return html`<${PP} cls="pp-cockpit"><div class="pp-map-layout">
    <div class="pp-map-wrap" ref=${mapBox}><${MindMap} t=${t} trends=${p} selected=${selected} onSelect=${select} natural /></div>
    <div class="pp-map-tools">
      <${ErrorLine} message=${error} />
      <${AddForm} node=${node} send=${send} setError=${setError} t=${t} selected=${selected} />
      <${EditForm} key=${`edit-${selected}-${node ? node.text : p.topic}`} node=${node} p=${p} send=${send} t=${t} />
      <${Proposals} p=${p} node=${node} selected=${selected} send=${send} t=${t} />
    </div>
  </div><//>`;
}

// --- projector ------------------------------------------------------------------------------------
// The map's words at the projector's rule (static/css/live.css): 2.6% of the screen's height.
function Presenter({ state, t }) {
  return html`<${PP} cls="pp-present"><div class="pp-map-wrap"><${MindMap} t=${t} trends=${part(state)} fontSize=${Math.max(19, Math.round(window.innerHeight * 0.026))} wrap=${14} /></div><//>`;
}

export const views = { participant: Participant, cockpit: Cockpit, presenter: Presenter };

// The trend map: the facilitator builds a mind map live while the room calls out trends (central
// topic, trends, sub-trends, examples). Participants see it as an outline on their phone and may
// propose trends when the facilitator allows it; the facilitator places, merges or sets them aside.
import { arrange } from "../dom.js";
import {
  fill, ensureCss, errorLine, flatten, follow, h, mindMap, outline, preserving, send, treeOf,
} from "./_shared_past_present.js";

function part(ctx) {
  return ctx.live.state.trends || { topic: "", proposals_open: false, nodes: [] };
}

// --- participant ---------------------------------------------------------------------------------
export function participant(el, ctx) {
  ensureCss();
  const { t } = ctx;
  const error = errorLine();
  const text = h("input", { id: "tr-propose", type: "text", maxlength: "120", autocomplete: "off" });
  const form = h("form", { class: "pp-form stack", onsubmit: propose },
    h("label", { for: "tr-propose" }, t("Propose a trend")), text, error,
    h("button", { type: "submit", class: "button primary big" }, t("Send to the facilitator")));
  const mine = h("ul", { class: "pp-proposals", "aria-live": "polite" });
  const mapBox = h("div", { "aria-live": "polite" });
  const intro = h("p", { class: "muted" });
  el.append(h("div", { class: "pp pp-trends" }, intro, form, mine, h("h3", {}, t("The trend map")), mapBox));

  async function propose(ev) {
    ev.preventDefault();
    if (!text.value.trim()) { error.show(t("Write a trend first.")); return; }
    const ack = await send(ctx, "trend.propose", { text: text.value.trim() }, error);
    if (ack.ok) { text.value = ""; text.focus(); }
  }

  const statusText = {
    pending: t("Waiting for the facilitator"), placed: t("On the map"), merged: t("Added to a trend on the map"),
    dismissed: t("Not used"),
  };

  function render() {
    const p = part(ctx);
    form.hidden = !p.proposals_open;
    intro.textContent = p.proposals_open
      ? t("Call out trends in the room, or send one to the facilitator here.")
      : t("Call out trends in the room. The facilitator puts them on the map.");
    fill(mine, ...(p.my_proposals || []).slice(-5).reverse().map((m) => h("li", { class: "pp-proposal" },
      h("span", {}, m.text), h("span", { class: `pp-proposal-status ${m.status}` }, statusText[m.status] || m.status))));
    fill(mapBox, outline(ctx, p));
  }

  render();
  return follow(ctx, ["trend."], render);
}

// --- cockpit: build the map ---------------------------------------------------------------------------
export function cockpit(el, ctx) {
  ensureCss();
  const { t } = ctx;
  let selected = null; // a node id, or null for the central topic
  const error = errorLine();
  const mapBox = h("div", { class: "pp-map-wrap" });
  const tools = h("div", { class: "pp-map-tools" });
  const root = h("div", { class: "pp pp-cockpit" }, h("div", { class: "pp-map-layout" }, mapBox, tools));
  el.append(root);

  let draft = "";
  let centred = false;
  // The map and its forms are redrawn only when the map or the selection changes, not when a
  // participant's proposal comes in while the facilitator types or chooses (a move, a merge).
  let mapShown = null;
  let forms = [];
  const select = (n) => { selected = n ? n.id : null; draw(); const f = tools.querySelector("#tm-text"); if (f) f.focus(); };
  const draw = () => preserving(root, render);

  function nodeOptions(nodes, exclude) {
    return flatten(treeOf(nodes)).filter((n) => n.kind === "trend" && n.id !== exclude)
      .map((n) => h("option", { value: n.id }, `${"— ".repeat(n.depth - 1)}${n.text}`));
  }

  function render() {
    const p = part(ctx);
    const node = p.nodes.find((n) => n.id === selected);
    if (selected !== null && !node) selected = null;
    const key = JSON.stringify([selected, p.topic, p.nodes]);
    if (key !== mapShown) {
      mapShown = key;
      drawMap(p);
      forms = mapForms(p, node);
    }
    arrange(tools, [error, ...forms, proposals(p, node)]);
  }

  function drawMap(p) {
    const scroll = [mapBox.scrollLeft, mapBox.scrollTop];
    fill(mapBox, mindMap(ctx, p, { selected, onSelect: select, natural: true }));
    if (centred) [mapBox.scrollLeft, mapBox.scrollTop] = scroll;
    else if (mapBox.scrollWidth > mapBox.clientWidth && getComputedStyle(mapBox).overflowX === "auto") {
      centred = true; // start with the central topic in view
      mapBox.scrollLeft = (mapBox.scrollWidth - mapBox.clientWidth) / 2;
    }
  }

  function mapForms(p, node) {
    const addText = h("input", { id: "tm-text", type: "text", maxlength: "120", autocomplete: "off",
      placeholder: node ? t("Sub-trend or example") : t("A trend the room calls out"), value: draft,
      oninput: (ev) => { draft = ev.target.value; } });
    const add = async (kind) => {
      if (!addText.value.trim()) { error.show(t("Write the trend first.")); addText.focus(); return; }
      const ack = await send(ctx, "trend.add", { text: addText.value.trim(), kind, parent_id: selected }, error);
      if (ack.ok) { draft = ""; const f = tools.querySelector("#tm-text"); if (f) { f.value = ""; f.focus(); } }
    };
    const addForm = h("form", { class: "card stack pp-add", onsubmit: (ev) => { ev.preventDefault(); add("trend"); } },
      h("p", { class: "eyebrow" }, node ? t("Under: %(name)s", { name: node.text }) : t("Under the central topic")),
      h("label", { for: "tm-text" }, node ? t("Add under this trend") : t("Add a trend")), addText,
      h("div", { class: "actions-bar" },
        h("button", { type: "submit", class: "button primary" }, node ? t("Add sub-trend") : t("Add trend")),
        node && node.kind === "trend" ? h("button", { type: "button", class: "button", onclick: () => add("example") }, t("Add example")) : null));
    const editText = h("input", { id: "tm-edit", type: "text", maxlength: node ? "120" : "200", value: node ? node.text : p.topic });
    const edit = h("form", { class: "card stack", onsubmit: async (ev) => {
      ev.preventDefault();
      if (node) await send(ctx, "trend.edit", { id: node.id, text: editText.value }, error);
      else await send(ctx, "trend.topic", { text: editText.value }, error);
    } },
    h("label", { for: "tm-edit" }, node ? t("Rename") : t("Central topic")), editText,
    h("button", { type: "submit", class: "button" }, t("Save")),
    node ? [
      h("label", { for: "tm-move" }, t("Move under")),
      h("div", { class: "actions-bar" },
        h("select", { id: "tm-move" }, h("option", { value: "" }, t("The central topic")), nodeOptions(p.nodes, node.id)),
        h("button", { type: "button", class: "button small", onclick: () => {
          const v = tools.querySelector("#tm-move").value;
          send(ctx, "trend.move", { id: node.id, parent_id: v ? Number(v) : null }, error);
        } }, t("Move"))),
      node.kind === "trend" ? [h("label", { for: "tm-merge" }, t("Same as another trend? Merge into")),
        h("div", { class: "actions-bar" },
          h("select", { id: "tm-merge" }, nodeOptions(p.nodes, node.id)),
          h("button", { type: "button", class: "button small", onclick: () => {
            const v = tools.querySelector("#tm-merge").value;
            if (v) send(ctx, "trend.merge", { id: node.id, into_id: Number(v) }, error);
          } }, t("Merge")))] : null,
      h("button", { type: "button", class: "button danger", onclick: () => {
        if (confirm(t("Remove “%(name)s” and everything under it?", { name: node.text }))) send(ctx, "trend.remove", { id: node.id }, error);
      } }, t("Remove")),
    ] : null);
    return [addForm, edit];
  }

  function proposals(p, node) {
    const toggle = h("input", { type: "checkbox", id: "tm-open", checked: p.proposals_open,
      onchange: (ev) => send(ctx, "trend.proposals", { open: ev.target.checked }, error) });
    const pending = p.pending || [];
    return h("section", { class: "card stack" },
      h("label", { class: "choice" }, toggle, t("Participants may propose trends")),
      h("h3", {}, t("Proposals"), " ", h("span", { class: "badge" }, String(pending.length))),
      pending.length ? h("ul", { class: "pp-proposals" }, pending.map((pr) => h("li", { class: "pp-proposal", dataset: { id: pr.id } },
        h("strong", {}, pr.text),
        h("div", { class: "actions-bar" },
          h("button", { type: "button", class: "button small primary", onclick: () => send(ctx, "trend.place", { proposal_id: pr.id, parent_id: selected }, error) },
            node ? t("Place under selected") : t("Place as trend")),
          node ? h("button", { type: "button", class: "button small", onclick: () => send(ctx, "trend.merge_proposal", { proposal_id: pr.id, into_id: node.id }, error) }, t("Merge into selected")) : null,
          h("button", { type: "button", class: "button small", onclick: () => send(ctx, "trend.dismiss", { proposal_id: pr.id }, error) }, t("Set aside"))))))
        : h("p", { class: "muted small" }, p.proposals_open ? t("No proposals waiting.") : t("Proposals are closed.")),
      h("p", { class: "muted small" }, t("Select a trend on the map first to place or merge a proposal there.")));
  }

  draw();
  ensureCss().then(() => { if (!centred) { mapShown = null; draw(); } }); // centre the map once it scrolls
  return follow(ctx, ["trend."], draw);
}

// --- projector ------------------------------------------------------------------------------------
export function presenter(el, ctx) {
  ensureCss();
  const render = () => fill(el, h("div", { class: "pp pp-present" }, h("div", { class: "pp-map-wrap" }, mindMap(ctx, part(ctx), { fontSize: 19, wrap: 14 }))));
  render();
  return follow(ctx, ["trend."], render);
}

// Shared by the past-and-present activities (timelines, their review, the trend map, the dot vote,
// trend responses, prouds and sorries): their stylesheet, labels, the mind map (SVG), the trend
// outline, the results chart, the projector bar and the per-group boards. Their state is kept by
// the one store (reducers in static/js/state/past_present.js).
import { html, isStaff, useState, useStylesheet } from "../ui/view.js";
import { ErrorLine, useSend } from "../ui/components.js";

export const CSS = "/static/css/activities-past-present.css";

// The activity's frame: its stylesheet, and nothing shown before the sheet is in effect.
export function PP({ cls, children }) {
  const ready = useStylesheet(CSS);
  return html`<div class=${`pp ${cls}`} style=${ready ? null : { visibility: "hidden" }}>${children}</div>`;
}

export function inputOpen(state) {
  const room = state.room;
  return !room || room.input_open !== false;
}

export function lensLabel(t, lenses, i) {
  const name = lenses[i];
  const known = { personal: t("Personal"), local: t("Local and topic"), global: t("Global"), world: t("Global") };
  return known[name] || name;
}

export function groupById(groups) {
  return Object.fromEntries((groups || []).map((g) => [String(g.id), g]));
}

export { isStaff };

// What the projector shows, one table or group at a time: buttons for each, all, previous and next.
// items: [{id, label, colour?}], kind: the event ("review.show"), key: its id field ("table_id").
export function FocusBar({ send, t, items, showing, kind, keyName, allLabel }) {
  const show = (id) => send(kind, { [keyName]: id });
  const at = items.findIndex((x) => x.id === showing);
  const step = (d) => {
    if (!items.length) return;
    const next = at < 0 ? (d > 0 ? 0 : items.length - 1) : (at + d + items.length) % items.length;
    show(items[next].id);
  };
  return html`<div class="pp-focus-bar" role="group" aria-label=${t("On the projector")}>
    <strong>${t("On the projector:")}</strong>
    <button type="button" class="button small" aria-pressed=${String(showing === null || showing === undefined)} onClick=${() => show(null)}>${allLabel}</button>
    ${items.map((x) => html`<button key=${x.id} type="button" class="button small" aria-pressed=${String(showing === x.id)} onClick=${() => show(x.id)}>
      ${x.colour ? html`<span class="dot" style=${{ background: x.colour }} aria-hidden="true"></span>` : null}${x.label}</button>`)}
    <button type="button" class="button small" onClick=${() => step(-1)}>${t("← Projector: previous")}</button>
    <button type="button" class="button small primary" onClick=${() => step(1)}>${t("Projector: next →")}</button>
  </div>`;
}

export function GroupHead({ group, tag = "h3" }) {
  const inner = html`<span class="dot" style=${{ background: group ? group.colour : "#9aa5b1" }} aria-hidden="true"></span>${group ? group.name : ""}`;
  return tag === "h2" ? html`<h2 class="pp-group-head">${inner}</h2>` : html`<h3 class="pp-group-head">${inner}</h3>`;
}

// Per-group sheets (trend responses, prouds and sorries) in the cockpit and on the projector.
// opts: {part: state -> snapshot part, list: part -> sheets, kind: the show event, Card({t, sheet, group, showing})}
export function groupsViews(opts) {
  const { Card } = opts;
  function Cockpit({ live, state, t }) {
    const [error, send] = useSend(live);
    const p = opts.part(state);
    const groups = groupById(p.groups);
    return html`<${PP} cls="pp-cockpit">
      <${FocusBar} send=${send} t=${t} items=${p.groups.map((g) => ({ id: g.id, label: g.name, colour: g.colour }))} showing=${p.showing}
        kind=${opts.kind} keyName="group_id" allLabel=${t("All groups")} />
      <${ErrorLine} message=${error} />
      <div class="pp-sheets">${opts.list(p).map((x) => html`<${Card} key=${x.group_id} t=${t} sheet=${x} group=${groups[String(x.group_id)]} showing=${p.showing === x.group_id} />`)}</div>
    <//>`;
  }
  function Presenter({ state, t }) {
    const p = opts.part(state);
    const groups = groupById(p.groups);
    const all = p.showing === null || p.showing === undefined;
    const shown = opts.list(p).filter((x) => all || x.group_id === p.showing);
    return html`<${PP} cls="pp-present">
      <div class=${`pp-sheets ${shown.length === 1 ? "one" : "many"}`}>${shown.map((x) => html`<${Card} key=${x.group_id} t=${t} sheet=${x} group=${groups[String(x.group_id)]} showing=${false} />`)}</div>
    <//>`;
  }
  return { cockpit: Cockpit, presenter: Presenter };
}

// --- the trend tree ------------------------------------------------------------------------------
export function treeOf(nodes) {
  const byParent = new Map();
  for (const n of nodes || []) {
    const key = n.parent_id || 0;
    if (!byParent.has(key)) byParent.set(key, []);
    byParent.get(key).push(n);
  }
  const build = (parentId, depth) => (byParent.get(parentId) || [])
    .map((n) => ({ ...n, depth, children: build(n.id, depth + 1) }));
  return build(0, 1);
}

export function flatten(tree, out = []) {
  for (const n of tree) {
    out.push(n);
    flatten(n.children, out);
  }
  return out;
}

// Branch colours of the mind map (readable on white and dark enough for white text).
export const BRANCH_COLOURS = ["#1d4e89", "#b5461b", "#1e7a46", "#7b4fa0", "#9a6a00", "#0f6f77", "#b3261e", "#4b5563"];

// The trend map as a nested list: phones, screen readers. extra(node) adds controls to a row.
export function Outline({ t, trends, extra }) {
  const tree = treeOf(trends.nodes);
  const list = (nodes) => html`<ul class="pp-outline">${nodes.map((n) => html`<li key=${n.id} class=${`pp-outline-item kind-${n.kind}`} data-id=${n.id}>
    <div class="pp-outline-row">
      <span class="pp-outline-text">${n.kind === "example" ? html`<span class="sr-only">${t("Example:") + " "}</span>` : null}${n.text}</span>
      ${extra ? extra(n) : null}
    </div>
    ${n.children.length ? list(n.children) : null}
  </li>`)}</ul>`;
  return html`<div class="pp-outline-wrap">
    <p class="pp-topic">${trends.topic}</p>
    ${tree.length ? list(tree) : html`<p class="muted">${t("No trends yet.")}</p>`}
  </div>`;
}

// Wrap text into lines of about `width` characters.
function wrap(text, width) {
  const words = String(text).split(/\s+/);
  const lines = [];
  let line = "";
  for (const w of words) {
    if (line && (line + " " + w).length > width) { lines.push(line); line = w; }
    else line = line ? line + " " + w : w;
  }
  if (line) lines.push(line);
  return lines.slice(0, 4).map((l) => (l.length > width + 6 ? l.slice(0, width + 4) + "…" : l));
}

// The width of a line of text as the browser draws it (the SVG uses the same font).
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
let measurer = null;
function textWidth(text, font) {
  if (!measurer) measurer = document.createElement("canvas").getContext("2d");
  measurer.font = font;
  return measurer.measureText(text).width;
}

// The mind map: the topic in the middle, main trends alternating right and left, each branch a
// tidy tree growing outwards with its own colour; examples as lighter, italic leaves.
// props: {t, trends, selected, onSelect(node|null), natural: draw at its own pixel size, fontSize, wrap}
export function MindMap({ t, trends, selected, onSelect, natural, fontSize, wrap: wrapAt }) {
  const FS = fontSize || 14; // the projector draws larger
  const LINE = Math.round(FS * 1.22);
  const PAD = Math.round(FS * 0.57);
  const GAP = 12;
  const BRANCH_GAP = 26;
  const HGAP = 46;
  const topic = wrap(trends.topic || "", 24);
  const ROOT_W = Math.ceil(Math.max(FS * 12, ...topic.map((l) => textWidth(l, `800 ${FS + 2}px ${FONT}`))) + FS * 2);
  const tree = treeOf(trends.nodes);
  const box = (n) => {
    const lines = wrap(n.text, wrapAt || (n.depth === 1 ? 18 : 22));
    const font = `${n.kind === "example" ? "italic 400" : n.depth === 1 ? "700" : "600"} ${FS}px ${FONT}`;
    return { lines, w: Math.ceil(Math.max(...lines.map((l) => textWidth(l, font))) + 2 * PAD + 10), h: lines.length * LINE + 2 * PAD };
  };
  const measure = (n) => {
    n.box = box(n);
    n.children.forEach(measure);
    const kids = n.children.reduce((s, c) => s + c.span, 0) + GAP * Math.max(0, n.children.length - 1);
    n.span = Math.max(n.box.h, kids);
  };
  tree.forEach(measure);
  const sides = { right: [], left: [] };
  // Balance the two sides by height, keeping the order of the branches.
  let hr = 0;
  let hl = 0;
  tree.forEach((n) => {
    if (hr <= hl) { sides.right.push(n); hr += n.span + BRANCH_GAP; } else { sides.left.push(n); hl += n.span + BRANCH_GAP; }
  });
  const height = Math.max(hr, hl, 140);
  const all = flatten(tree);
  const bounds = { min: -ROOT_W / 2 - 20, max: ROOT_W / 2 + 20 };
  for (const [name, dir] of [["right", 1], ["left", -1]]) {
    // Each depth gets a column as wide as its widest box on this side.
    const side = flatten(sides[name]);
    const colX = [0, ROOT_W / 2 + HGAP + 10];
    for (let d = 1; d <= 4; d++) colX[d + 1] = colX[d] + Math.max(0, ...side.filter((n) => n.depth === d).map((n) => n.box.w)) + HGAP;
    const place = (n, top) => {
      n.dir = dir;
      n.x = dir * colX[n.depth];
      n.y = top + n.span / 2;
      const kids = n.children.reduce((s, c) => s + c.span, 0) + GAP * Math.max(0, n.children.length - 1);
      let y = top + (n.span - kids) / 2;
      for (const c of n.children) { place(c, y); y += c.span + GAP; }
      bounds.min = Math.min(bounds.min, n.x - (dir < 0 ? n.box.w : 0) - 20);
      bounds.max = Math.max(bounds.max, n.x + (dir > 0 ? n.box.w : 0) + 20);
    };
    const total = sides[name].reduce((s, n) => s + n.span + BRANCH_GAP, 0) - BRANCH_GAP;
    let y = (height - total) / 2;
    sides[name].forEach((n) => { place(n, y); y += n.span + BRANCH_GAP; });
  }
  const half = Math.max(-bounds.min, bounds.max);
  const TL = Math.round((FS + 2) * 1.25);
  const topicH = topic.length * TL + FS * 1.7;
  const width = 2 * half;
  const cy = height / 2;
  tree.forEach((b, i) => { b.colour = BRANCH_COLOURS[i % BRANCH_COLOURS.length]; });
  const byId = new Map(all.map((n) => [n.id, n]));
  const colourOf = (n) => { let c = n; while (c && !c.colour) c = byId.get(c.parent_id); return c ? c.colour : "#555"; };
  const clickable = (label, fn) => (onSelect ? {
    tabindex: "0", role: "button", "aria-label": label,
    onClick: (ev) => { ev.stopPropagation(); fn(); },
    onKeyDown: (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); fn(); } },
  } : {});
  const edges = all.map((n) => {
    const parent = byId.get(n.parent_id);
    const x1 = parent ? parent.x + n.dir * parent.box.w : n.dir * ROOT_W / 2;
    const y1 = parent ? parent.y : cy;
    const mid = (x1 + n.x) / 2;
    return html`<path key=${n.id} d=${`M${x1},${y1} C${mid},${y1} ${mid},${n.y} ${n.x},${n.y}`} fill="none" stroke=${colourOf(n)}
      stroke-width=${n.depth === 1 ? 4 : 2} stroke-opacity=${n.kind === "example" ? 0.5 : 0.85} />`;
  });
  const nodes = all.map((n) => {
    const colour = colourOf(n);
    const left = n.dir > 0 ? n.x : n.x - n.box.w;
    const main = n.depth === 1;
    return html`<g key=${n.id} class=${`pp-node depth-${n.depth} kind-${n.kind}${selected === n.id ? " selected" : ""}`} data-id=${n.id}
      ...${clickable(n.text, () => onSelect(n))}>
      <rect x=${left} y=${n.y - n.box.h / 2} width=${n.box.w} height=${n.box.h} rx=${n.kind === "example" ? n.box.h / 2 : 8}
        fill=${main ? colour : n.kind === "example" ? "#f7f7f5" : "#fff"} stroke=${colour} stroke-width=${main ? 0 : 2}
        stroke-dasharray=${n.kind === "example" ? "4 3" : null} />
      ${n.box.lines.map((line, i) => html`<text key=${i} x=${left + PAD + 4} y=${n.y - n.box.h / 2 + PAD + FS - 1 + i * LINE} fill=${main ? "#fff" : "#1d232b"}
        font-size=${FS} font-weight=${main ? 700 : n.kind === "example" ? 400 : 600} font-style=${n.kind === "example" ? "italic" : null}>${line}</text>`)}
    </g>`;
  });
  return html`<svg class="pp-mindmap" viewBox=${`${-half} -16 ${width} ${height + 32}`} role=${onSelect ? "group" : "img"}
    width=${natural ? Math.round(width) : null} height=${natural ? Math.round(height + 32) : null}
    aria-label=${t("Trend map: %(topic)s", { topic: trends.topic || "" })}>
    <g class="pp-edges">${edges}</g>
    <g class="pp-nodes">${nodes}
      <g class=${"pp-node pp-root" + (selected === null && onSelect ? " selected" : "")} ...${clickable(t("Central topic"), () => onSelect(null))}>
        <rect x=${-ROOT_W / 2} y=${cy - topicH / 2} width=${ROOT_W} height=${topicH} rx="16" fill="#1d232b" />
        ${topic.map((line, i) => html`<text key=${i} x="0" y=${cy - topicH / 2 + FS * 0.85 + FS + 2 + i * TL} text-anchor="middle" fill="#fff"
          font-size=${FS + 2} font-weight="800">${line}</text>`)}
      </g>
    </g>
  </svg>`;
}

// --- the results of a dot vote ------------------------------------------------------------------
// Totals per trend (largest first), each bar split by stakeholder group in the groups' colours.
export function ResultsChart({ t, trends, results, groups, limit }) {
  const gmap = groupById(groups);
  const byId = Object.fromEntries((trends.nodes || []).map((n) => [String(n.id), n]));
  const rows = Object.entries((results && results.trends) || {})
    .filter(([id]) => byId[id])
    .map(([id, r]) => ({ id, text: byId[id].text, ...r }))
    .sort((a, b) => b.total - a.total || a.text.localeCompare(b.text))
    .slice(0, limit || 1000);
  const max = Math.max(1, ...rows.map((r) => r.total));
  const order = (groups || []).map((g) => String(g.id)).concat(["0"]);
  const legend = html`<ul class="pp-legend" aria-label=${t("Stakeholder groups")}>${(groups || []).map((g) => html`<li key=${g.id}>
    <span class="dot" style=${{ background: g.colour }} aria-hidden="true"></span>${g.name}</li>`)}</ul>`;
  if (!rows.length) return html`<div class="pp-results"><p class="muted">${t("No dots yet.")}</p>${legend}</div>`;
  return html`<div class="pp-results">
    ${legend}
    <ol class="pp-bars">${rows.map((r) => {
      const parts = order.filter((g) => r.groups[g]).map((g) => ({ g, n: r.groups[g], group: gmap[g] }));
      const words = parts.map((p) => `${p.group ? p.group.name : t("No group")} ${p.n}`).join(", ");
      return html`<li key=${r.id} class="pp-bar-row" data-trend=${r.id}>
        <span class="pp-bar-text">${r.text}</span>
        <strong class="pp-bar-total">${String(r.total)}</strong>
        <div class="pp-bar-track"><div class="pp-bar" style=${{ width: `${(r.total / max) * 100}%` }} role="img"
          aria-label=${t("%(total)s dots: %(split)s", { total: r.total, split: words })}>
          ${parts.map((p) => html`<span key=${p.g} class="pp-bar-part" title=${`${p.group ? p.group.name : t("No group")}: ${p.n}`}
            style=${{ flexGrow: String(p.n), background: p.group ? p.group.colour : "#9aa5b1" }} data-group=${p.g} data-count=${String(p.n)}>${String(p.n)}</span>`)}
        </div></div>
      </li>`;
    })}</ol>
    ${results && results.voters !== undefined ? html`<p class="muted small">${t("%(num)s people voted.", { num: results.voters })}</p>` : null}
  </div>`;
}

export function sessionVote(state, session) {
  const part = state.dot_votes || { votes: {}, groups: [] };
  return { groups: part.groups || [], vote: part.votes[String(session.id)] || { settings: { dots: 5, reveal: "live", status: "open" }, results: null } };
}

export { useState };

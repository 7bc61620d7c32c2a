// Shared by the past-and-present activities (timelines, their review, the trend map, the dot vote,
// trend responses, prouds and sorries): keeping their snapshot parts current from events, the
// stylesheet, labels, the mind map (SVG), the trend outline and the results chart.
import { clear, h } from "../dom.js";

export const STAFF = ["organiser", "facilitator"];
const SVG = "http://www.w3.org/2000/svg";

// --- styles ----------------------------------------------------------------------------------
// Resolves once the stylesheet is in effect (at once when it already is).
let cssReady = null;
export function ensureCss() {
  if (!cssReady) {
    const link = h("link", { rel: "stylesheet", href: "/static/css/activities-past-present.css", "data-past-present": "" });
    cssReady = new Promise((resolve) => { link.onload = resolve; link.onerror = resolve; });
    document.head.append(link);
  }
  return cssReady;
}

// --- keeping the parts current -----------------------------------------------------------------
// The live engine keeps its own parts current; these reducers keep ours. They are attached once per
// client (on the first mount of any of these activities) and stay for the page's life, so a later
// mount always starts from current state. The first attach also reloads the snapshot once, to pick
// up anything that happened before it.
const attached = new WeakSet();

function upsert(list, item, key) {
  const i = list.findIndex((x) => x[key] === item[key]);
  if (i >= 0) list[i] = { ...list[i], ...item };
  else list.push(item);
}

function reduce(live, e) {
  const s = live.state;
  const d = e.data;
  const staff = STAFF.includes(live.me.role);
  if (e.kind === "timeline.entry" && s.timelines) {
    const old = s.timelines.entries.find((x) => x.id === d.id);
    upsert(s.timelines.entries, { ...d, mine: old ? old.mine : mineEntries(live).has(d.id) }, "id");
  } else if (e.kind === "timeline.removed" && s.timelines) {
    s.timelines.entries = s.timelines.entries.filter((x) => x.id !== d.id);
  } else if (e.kind === "timeline.show" && s.timelines) {
    s.timelines.showing = d.id;
  } else if (e.kind === "review.report" && s.timeline_reviews) {
    upsert(s.timeline_reviews.reports, d, "table_id");
  } else if (e.kind === "review.show" && s.timeline_reviews) {
    s.timeline_reviews.showing = d.id;
  } else if (e.kind === "trend.map" && s.trends) {
    Object.assign(s.trends, d);
  } else if (e.kind === "trend.proposals" && s.trends) {
    s.trends.pending = d.pending;
  } else if (e.kind === "trend.proposal" && s.trends) {
    upsert(s.trends.my_proposals || (s.trends.my_proposals = []), d, "id");
  } else if (e.kind.startsWith("vote.") && s.dot_votes) {
    const sid = String(d.session_id);
    const v = s.dot_votes.votes[sid] || (s.dot_votes.votes[sid] = { settings: {}, results: null });
    if (e.kind === "vote.mine") v.mine = d;
    else if (e.kind === "vote.results") v.results = d;
    else if (e.kind === "vote.settings") {
      v.settings = d;
      // Results shown to phones (and, when revealed at close, to the projector) go away on a reopen.
      const sees = staff || d.status === "closed" || (live.me.role === "presenter" && d.reveal === "live");
      if (!sees) v.results = null;
    }
  } else if (e.kind === "response.sheet" && s.trend_responses) {
    upsert(s.trend_responses.sheets, d, "group_id");
  } else if (e.kind === "response.show" && s.trend_responses) {
    s.trend_responses.showing = d.id;
  } else if (e.kind === "proud.list" && s.prouds) {
    upsert(s.prouds.lists, d, "group_id");
  } else if (e.kind === "proud.show" && s.prouds) {
    s.prouds.showing = d.id;
  }
}

const PREFIXES = ["timeline.", "review.", "trend.", "vote.", "response.", "proud."];

export function attach(live) {
  if (attached.has(live)) return;
  attached.add(live);
  for (const prefix of PREFIXES) live.on(prefix, (e) => reduce(live, e));
  if (typeof live.refresh === "function") live.refresh();
}

// Subscribe fn to our events (after the reducers ran) and to snapshot reloads; returns cleanup.
export function follow(ctx, prefixes, fn) {
  attach(ctx.live);
  const offs = [...prefixes, "live.state"].map((p) => ctx.live.on(p, fn));
  return () => offs.forEach((off) => off());
}

// Timeline entries this browser posted (the events carry no author).
function mineEntries(live) {
  if (!live._pastPresentMine) {
    let ids = [];
    try { ids = JSON.parse(localStorage.getItem("facilitator.timeline.mine") || "[]"); } catch { /* memory only */ }
    live._pastPresentMine = new Set(ids);
  }
  return live._pastPresentMine;
}

export function markMine(live, id) {
  const mine = mineEntries(live);
  mine.add(id);
  try { localStorage.setItem("facilitator.timeline.mine", JSON.stringify([...mine].slice(-500))); } catch { /* ignore */ }
  const entry = live.state.timelines && live.state.timelines.entries.find((x) => x.id === id);
  if (entry) entry.mine = true;
}

// --- small pieces ----------------------------------------------------------------------------------
// Replace el's content; children may be nested arrays and may hold null for "nothing here".
export function fill(el, ...children) {
  clear(el);
  el.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

export function isStaff(ctx) {
  return STAFF.includes(ctx.me.role || (ctx.live.me && ctx.live.me.role));
}

export function inputOpen(ctx) {
  const room = ctx.live.state.room;
  return !room || room.input_open !== false;
}

export function lensLabel(t, lenses, i) {
  const name = lenses[i];
  const known = { personal: t("Personal"), local: t("Local and topic"), global: t("Global"), world: t("Global") };
  return known[name] || name;
}

export function errorLine() {
  const el = h("p", { class: "field-error pp-error", role: "alert", hidden: true });
  el.show = (message) => { el.textContent = message || ""; el.hidden = !message; };
  return el;
}

// Send and show the error (if any) in errorEl; resolves to the ack.
export async function send(ctx, kind, data, errorEl, opts) {
  const ack = await ctx.live.send(kind, data, opts);
  if (errorEl) errorEl.show(ack.ok ? "" : (ack.error && ack.error.message) || ctx.t("Something went wrong."));
  return ack;
}

export function groupById(groups) {
  return Object.fromEntries((groups || []).map((g) => [String(g.id), g]));
}

// Save a text field a moment after the typing stops (and when it loses focus).
export function autosave(textarea, save, delay = 700) {
  let timer = null;
  let last = textarea.value;
  const flush = () => {
    clearTimeout(timer);
    timer = null;
    if (textarea.value !== last) {
      last = textarea.value;
      save(textarea.value);
    }
  };
  textarea.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(flush, delay); });
  textarea.addEventListener("blur", flush);
  // Take a value from elsewhere (a co-author) without clobbering what is being typed here.
  textarea.take = (value) => {
    if (document.activeElement === textarea || timer) return;
    textarea.value = value;
    last = value;
  };
  return textarea;
}

// Re-render a container without losing what is being typed: the focused field keeps its value,
// caret and focus across the rebuild.
export function preserving(container, fn) {
  const active = document.activeElement;
  const id = active && container.contains(active) && active.id ? active.id : null;
  const value = id && "value" in active ? active.value : null;
  const caret = id && typeof active.selectionStart === "number" ? [active.selectionStart, active.selectionEnd] : null;
  fn();
  if (!id) return;
  const again = container.querySelector(`#${CSS.escape(id)}`);
  if (!again) return;
  if (value !== null && again.tagName !== "SELECT") again.value = value;
  again.focus();
  if (caret && typeof again.setSelectionRange === "function") {
    try { again.setSelectionRange(caret[0], caret[1]); } catch { /* not a text field */ }
  }
}

// What the projector shows, one table or group at a time: buttons for each, all, previous and next.
// items: [{id, label, colour?}], kind: the event ("review.show"), key: its id field ("table_id").
export function focusBar(ctx, { items, showing, kind, key, allLabel, error }) {
  const { t } = ctx;
  const show = (id) => send(ctx, kind, { [key]: id }, error);
  const at = items.findIndex((x) => x.id === showing);
  const step = (d) => {
    if (!items.length) return;
    const next = at < 0 ? (d > 0 ? 0 : items.length - 1) : (at + d + items.length) % items.length;
    show(items[next].id);
  };
  return h("div", { class: "pp-focus-bar", role: "group", "aria-label": t("On the projector") },
    h("strong", {}, t("On the projector:")),
    h("button", { type: "button", class: "button small", "aria-pressed": String(showing === null || showing === undefined), onclick: () => show(null) }, allLabel),
    items.map((x) => h("button", { type: "button", class: "button small", "aria-pressed": String(showing === x.id), onclick: () => show(x.id) },
      x.colour ? h("span", { class: "dot", style: { background: x.colour }, "aria-hidden": "true" }) : null, x.label)),
    h("button", { type: "button", class: "button small", onclick: () => step(-1) }, t("← Previous")),
    h("button", { type: "button", class: "button small primary", onclick: () => step(1) }, t("Next →")));
}

// Per-group sheets (trend responses, prouds and sorries) in the cockpit and on the projector.
// opts: {part: ctx -> snapshot part, list: part -> sheets, kind: the show event, prefixes, card(ctx, sheet, group, showing)}
export function groupsCockpit(el, ctx, opts) {
  ensureCss();
  const error = errorLine();
  const render = () => {
    const p = opts.part(ctx);
    const groups = groupById(p.groups);
    fill(el, h("div", { class: "pp pp-cockpit" },
      focusBar(ctx, { items: p.groups.map((g) => ({ id: g.id, label: g.name, colour: g.colour })), showing: p.showing,
        kind: opts.kind, key: "group_id", allLabel: ctx.t("All groups"), error }),
      error,
      h("div", { class: "pp-sheets" }, opts.list(p).map((x) => opts.card(ctx, x, groups[String(x.group_id)], p.showing === x.group_id)))));
  };
  render();
  return follow(ctx, opts.prefixes, render);
}

export function groupsPresenter(el, ctx, opts) {
  ensureCss();
  const render = () => {
    const p = opts.part(ctx);
    const groups = groupById(p.groups);
    const all = p.showing === null || p.showing === undefined;
    const shown = opts.list(p).filter((x) => all || x.group_id === p.showing);
    fill(el, h("div", { class: "pp pp-present" },
      h("div", { class: `pp-sheets ${shown.length === 1 ? "one" : "many"}` }, shown.map((x) => opts.card(ctx, x, groups[String(x.group_id)], false)))));
  };
  render();
  return follow(ctx, opts.prefixes, render);
}

export function groupHead(group, tag = "h3") {
  return h(tag, { class: "pp-group-head" }, h("span", { class: "dot", style: { background: group ? group.colour : "#9aa5b1" }, "aria-hidden": "true" }),
    group ? group.name : "");
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
export function outline(ctx, trends, extra) {
  const tree = treeOf(trends.nodes);
  const list = (nodes) => h("ul", { class: "pp-outline" }, nodes.map((n) => h("li", {
    class: `pp-outline-item kind-${n.kind}`, dataset: { id: n.id },
  },
  h("div", { class: "pp-outline-row" },
    h("span", { class: "pp-outline-text" }, n.kind === "example" ? h("span", { class: "sr-only" }, ctx.t("Example:") + " ") : null, n.text),
    extra ? extra(n) : null),
  n.children.length ? list(n.children) : null)));
  return h("div", { class: "pp-outline-wrap" },
    h("p", { class: "pp-topic" }, trends.topic),
    tree.length ? list(tree) : h("p", { class: "muted" }, ctx.t("No trends yet.")));
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

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children) if (c) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

// The mind map: the topic in the middle, main trends alternating right and left, each branch a
// tidy tree growing outwards with its own colour; examples as lighter, italic leaves.
// opts: {selected, onSelect(node|null), badge(node) -> text|null, natural: draw at its own pixel size,
// fontSize, wrap: characters per line}
export function mindMap(ctx, trends, opts = {}) {
  const FS = opts.fontSize || 14; // the projector draws larger
  const LINE = Math.round(FS * 1.22);
  const PAD = Math.round(FS * 0.57);
  const GAP = 12;
  const BRANCH_GAP = 26;
  const HGAP = 46;
  const topic = wrap(trends.topic || "", 24);
  const ROOT_W = Math.ceil(Math.max(FS * 12, ...topic.map((l) => textWidth(l, `800 ${FS + 2}px ${FONT}`))) + FS * 2);
  const tree = treeOf(trends.nodes);
  const box = (n) => {
    const lines = wrap(n.text, opts.wrap || (n.depth === 1 ? 18 : 22));
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
  const root = svg("svg", {
    class: "pp-mindmap", viewBox: `${-half} -16 ${width} ${height + 32}`, role: opts.onSelect ? "group" : "img",
    width: opts.natural ? Math.round(width) : null, height: opts.natural ? Math.round(height + 32) : null,
    "aria-label": ctx.t("Trend map: %(topic)s", { topic: trends.topic || "" }),
  });
  const cy = height / 2;
  const edges = svg("g", { class: "pp-edges" });
  const boxes = svg("g", { class: "pp-nodes" });
  root.append(edges, boxes);
  tree.forEach((b, i) => { b.colour = BRANCH_COLOURS[i % BRANCH_COLOURS.length]; });
  const byId = new Map(all.map((n) => [n.id, n]));
  const colourOf = (n) => { let c = n; while (c && !c.colour) c = byId.get(c.parent_id); return c ? c.colour : "#555"; };
  for (const n of all) {
    const parent = byId.get(n.parent_id);
    const x1 = parent ? parent.x + n.dir * parent.box.w : n.dir * ROOT_W / 2;
    const y1 = parent ? parent.y : cy;
    const x2 = n.x;
    const mid = (x1 + x2) / 2;
    edges.append(svg("path", {
      d: `M${x1},${y1} C${mid},${y1} ${mid},${n.y} ${x2},${n.y}`, fill: "none", stroke: colourOf(n),
      "stroke-width": n.depth === 1 ? 4 : 2, "stroke-opacity": n.kind === "example" ? 0.5 : 0.85,
    }));
  }
  for (const n of all) {
    const colour = colourOf(n);
    const left = n.dir > 0 ? n.x : n.x - n.box.w;
    const selected = opts.selected === n.id;
    const g = svg("g", { class: `pp-node depth-${n.depth} kind-${n.kind}${selected ? " selected" : ""}`, "data-id": n.id });
    const main = n.depth === 1;
    g.append(svg("rect", {
      x: left, y: n.y - n.box.h / 2, width: n.box.w, height: n.box.h, rx: n.kind === "example" ? n.box.h / 2 : 8,
      fill: main ? colour : n.kind === "example" ? "#f7f7f5" : "#fff", stroke: colour, "stroke-width": main ? 0 : 2,
      "stroke-dasharray": n.kind === "example" ? "4 3" : null,
    }));
    n.box.lines.forEach((line, i) => g.append(svg("text", {
      x: left + PAD + 4, y: n.y - n.box.h / 2 + PAD + FS - 1 + i * LINE, fill: main ? "#fff" : "#1d232b",
      "font-size": FS, "font-weight": main ? 700 : n.kind === "example" ? 400 : 600, "font-style": n.kind === "example" ? "italic" : null,
    }, line)));
    const badge = opts.badge ? opts.badge(n) : null;
    if (badge) {
      const bx = n.dir > 0 ? left + n.box.w - 4 : left + 4;
      g.append(svg("circle", { cx: bx, cy: n.y - n.box.h / 2, r: 13, fill: "#ffd166", stroke: "#1d232b", "stroke-width": 1.5 }),
        svg("text", { x: bx, y: n.y - n.box.h / 2 + 5, "text-anchor": "middle", "font-size": 13, "font-weight": 800, fill: "#1d232b" }, badge));
    }
    if (opts.onSelect) clickable(g, n.text, () => opts.onSelect(n));
    boxes.append(g);
  }
  const tg = svg("g", { class: "pp-node pp-root" + (opts.selected === null && opts.onSelect ? " selected" : "") });
  tg.append(svg("rect", { x: -ROOT_W / 2, y: cy - topicH / 2, width: ROOT_W, height: topicH, rx: 16, fill: "#1d232b" }));
  topic.forEach((line, i) => tg.append(svg("text", {
    x: 0, y: cy - topicH / 2 + FS * 0.85 + FS + 2 + i * TL, "text-anchor": "middle", fill: "#fff", "font-size": FS + 2, "font-weight": 800,
  }, line)));
  if (opts.onSelect) clickable(tg, ctx.t("Central topic"), () => opts.onSelect(null));
  boxes.append(tg);
  return root;
}

function clickable(g, label, fn) {
  g.setAttribute("tabindex", "0");
  g.setAttribute("role", "button");
  g.setAttribute("aria-label", label);
  g.addEventListener("click", (ev) => { ev.stopPropagation(); fn(); });
  g.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); fn(); } });
}

// --- the results of a dot vote ------------------------------------------------------------------
// Totals per trend (largest first), each bar split by stakeholder group in the groups' colours.
export function resultsChart(ctx, { trends, results, groups, limit }) {
  const { t } = ctx;
  const gmap = groupById(groups);
  const byId = Object.fromEntries((trends.nodes || []).map((n) => [String(n.id), n]));
  const rows = Object.entries((results && results.trends) || {})
    .filter(([id]) => byId[id])
    .map(([id, r]) => ({ id, text: byId[id].text, ...r }))
    .sort((a, b) => b.total - a.total || a.text.localeCompare(b.text))
    .slice(0, limit || 1000);
  const max = Math.max(1, ...rows.map((r) => r.total));
  const order = (groups || []).map((g) => String(g.id)).concat(["0"]);
  const legend = h("ul", { class: "pp-legend", "aria-label": t("Stakeholder groups") }, (groups || []).map((g) => h("li", {},
    h("span", { class: "dot", style: { background: g.colour }, "aria-hidden": "true" }), g.name)));
  if (!rows.length) return h("div", { class: "pp-results" }, h("p", { class: "muted" }, t("No dots yet.")), legend);
  return h("div", { class: "pp-results" },
    legend,
    h("ol", { class: "pp-bars" }, rows.map((r) => {
      const parts = order.filter((g) => r.groups[g]).map((g) => ({ g, n: r.groups[g], group: gmap[g] }));
      const words = parts.map((p) => `${p.group ? p.group.name : t("No group")} ${p.n}`).join(", ");
      return h("li", { class: "pp-bar-row", dataset: { trend: r.id } },
        h("span", { class: "pp-bar-text" }, r.text),
        h("strong", { class: "pp-bar-total" }, String(r.total)),
        h("div", { class: "pp-bar-track" }, h("div", { class: "pp-bar", style: { width: `${(r.total / max) * 100}%` }, role: "img",
          "aria-label": t("%(total)s dots: %(split)s", { total: r.total, split: words }) },
        parts.map((p) => h("span", {
          class: "pp-bar-part", title: `${p.group ? p.group.name : t("No group")}: ${p.n}`,
          style: { flexGrow: String(p.n), background: p.group ? p.group.colour : "#9aa5b1" },
          dataset: { group: p.g, count: String(p.n) },
        }, String(p.n))))));
    })),
    results && results.voters !== undefined ? h("p", { class: "muted small" }, t("%(num)s people voted.", { num: results.voters })) : null);
}

export function sessionVote(ctx) {
  const part = ctx.live.state.dot_votes || { votes: {}, groups: [] };
  return { groups: part.groups || [], vote: part.votes[String(ctx.session.id)] || { settings: { dots: 5, reveal: "live", status: "open" }, results: null } };
}

export { clear, h };


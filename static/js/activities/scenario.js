// The desired future: each mixed table writes a scenario board together, live (future year, title,
// the story as if it already happened, key features, barriers overcome). Other tables cannot see it
// until the facilitator opens the presentations; then the projector shows one board after the other
// in large type and everyone can say a board resonates with them. Part "scenarios", events scenario.*.
import { bindSharedText } from "../collab.js";
import { clear, h } from "../dom.js";
import { tn } from "../i18n.js";
import { ensureStyles, errorLine, fill, loading, projector, watchPart } from "./shared_future.js";

function boardOf(part, tableId) {
  let b = part.boards.find((x) => x.table_id === tableId);
  if (!b) {
    const table = part.tables.find((x) => x.id === tableId) || { id: tableId, number: "?", name: "" };
    b = { table_id: tableId, table_number: table.number, table_name: table.name, id: null, title: "", story: "", barriers: "", features: [], reactions: 0 };
    part.boards.push(b);
  }
  return b;
}

export function reduceScenarios(part, e) {
  const d = e.data;
  if (e.kind === "scenario.presentations") {
    part.open = d.open;
    if (d.open) { part.boards = d.boards; part.current_table_id = d.current_table_id; }
    else if (part.my_table) part.boards = part.boards.filter((b) => b.table_id === part.my_table.id);
    return;
  }
  if (e.kind === "scenario.presenting") { part.current_table_id = d.table_id; return; }
  if (e.kind === "doc.update") { // a shared text of a board: "scenario:<table id>:<field>", merged text
    const [kind, tableId, field] = d.doc.split(":");
    if (kind === "scenario" && typeof d.text === "string") boardOf(part, Number(tableId))[field] = d.text;
    return;
  }
  const b = boardOf(part, d.table_id);
  if (e.kind === "scenario.updated") b[d.field] = d.value;
  else if (e.kind === "scenario.feature_added" || e.kind === "scenario.feature_changed") {
    const i = b.features.findIndex((f) => f.id === d.feature.id);
    if (i >= 0) b.features[i] = d.feature; else b.features.push(d.feature);
  } else if (e.kind === "scenario.feature_removed") b.features = b.features.filter((f) => f.id !== d.feature_id);
  else if (e.kind === "scenario.reactions") b.reactions = d.reactions;
}

function watch(ctx, render) {
  ensureStyles();
  return watchPart(ctx.live, "scenarios", ["scenario.", "doc.update"], reduceScenarios, render);
}

function tableName(t, b) {
  return t("Table %(number)s", { number: b.table_number });
}

// A board to read (cockpit, projector, and the phones during the presentations).
export function boardView(b, part, t, { big = false } = {}) {
  return h("article", { class: `sf-board${big ? " big" : ""}`, dataset: { table: b.table_id } },
    h("p", { class: "sf-board-eyebrow" }, `${tableName(t, b)} · ${part.future_year}`),
    h("h2", { class: "sf-board-title" }, b.title || t("(no title yet)")),
    b.story ? h("p", { class: "sf-story" }, b.story) : null,
    b.features.length ? h("div", {}, h("h3", {}, t("Key features")), h("ul", { class: "sf-features" }, b.features.map((f) => h("li", {}, f.text)))) : null,
    b.barriers ? h("div", {}, h("h3", {}, t("Barriers we overcame")), h("p", { class: "sf-story" }, b.barriers)) : null,
    h("p", { class: "sf-resonance", "aria-live": "polite" }, tn("Resonates with %(num)d person", "Resonates with %(num)d people", b.reactions)));
}

// --- participant: the table's board, edited together ------------------------------------------------

export function participant(el, ctx) {
  const { live, t } = ctx;
  const error = errorLine();
  const saved = h("p", { class: "sf-status", role: "status" });
  const head = h("div", {}, loading(t));
  const fields = {
    title: h("input", { type: "text", id: "sc-title", maxlength: "120" }),
    story: h("textarea", { id: "sc-story", maxlength: "5000", rows: "7" }),
    barriers: h("textarea", { id: "sc-barriers", maxlength: "2000", rows: "3" }),
  };
  const features = h("ul", { class: "sf-features editable", "aria-live": "polite" });
  const feature = h("input", { type: "text", id: "sc-feature", maxlength: "200", autocomplete: "off" });
  // Each field is a shared text (static/js/collab.js): everyone at the table types in it at once.
  const markers = Object.fromEntries(Object.keys(fields).map((name) => [name, h("p", { class: "typing-marker", hidden: true })]));
  let bound = { table: null, bindings: [] };
  const editor = h("section", { class: "sf-card sf-editor" },
    h("label", { for: "sc-title" }, t("Title")), fields.title, markers.title,
    h("label", { for: "sc-story" }, t("The story: describe it as if it already happened")), fields.story, markers.story,
    h("h3", {}, t("Key features")), features,
    h("form", { class: "sf-inline-form", onsubmit: async (ev) => {
      ev.preventDefault();
      if (!feature.value.trim()) return;
      const value = feature.value;
      feature.value = "";
      if (!error.show(await live.send("scenario.feature.add", { text: value }, { queue: true })).ok) feature.value = value;
    } }, h("label", { for: "sc-feature", class: "sr-only" }, t("New key feature")), feature, h("button", { type: "submit", class: "button" }, t("Add"))),
    h("label", { for: "sc-barriers" }, t("Barriers we overcame")), fields.barriers, markers.barriers, saved, error);
  const show = h("div", { class: "sf-phone-show", "aria-live": "polite" });
  el.append(head, show, editor);

  for (const input of Object.values(fields)) input.addEventListener("input", () => { saved.textContent = t("Saving…"); });
  function bind(tableId) {
    if (bound.table === tableId) return;
    bound.bindings.forEach((b) => b.destroy());
    bound = { table: tableId, bindings: tableId === null ? [] : Object.entries(fields).map(([name, input]) =>
      bindSharedText(input, { live, doc: `scenario:${tableId}:${name}`, marker: markers[name],
        onSaved: (ack, all) => { error.show(ack); if (all) saved.textContent = t("Saved. Everyone at your table sees it."); },
        onError: (ack) => { error.show(ack); saved.textContent = ""; } })) };
  }

  function render(part) {
    clear(head);
    if (!part.my_table) {
      head.append(h("p", { class: "sf-card muted" }, t("You are not seated at a table yet. Ask the facilitator.")));
      editor.hidden = true;
      bind(null);
    } else {
      editor.hidden = false;
      head.append(h("p", { class: "sf-table-head" }, part.open ? t("The tables present their scenarios now.")
        : t("Table %(number)s: it is %(year)s. Write your story together.", { number: part.my_table.number, year: part.future_year })));
      const mine = boardOf(part, part.my_table.id);
      bind(part.my_table.id);
      fill(features, ...mine.features.map((f) => h("li", { class: "sf-feature" }, h("span", {}, f.text),
        h("button", { type: "button", class: "button small danger", "aria-label": t("Delete: %(text)s", { text: f.text }),
          onclick: async () => error.show(await live.send("scenario.feature.remove", { feature_id: f.id })) }, "×"))));
    }
    clear(show);
    if (part.open) {
      const current = part.boards.find((b) => b.table_id === part.current_table_id);
      const reacted = new Set(part.my_reactions || []);
      if (current) {
        show.append(h("p", { class: "eyebrow" }, t("Now presenting")), boardView(current, part, t),
          h("button", { type: "button", class: "button big sf-resonate", "aria-pressed": String(reacted.has(current.table_id)),
            onclick: async () => {
              const ack = error.show(await live.send("scenario.react", { table_id: current.table_id }));
              if (ack.ok) {
                part.my_reactions = ack.result.reacted ? [...reacted, current.table_id] : [...reacted].filter((x) => x !== current.table_id);
                current.reactions = ack.result.reactions;
                render(part);
              }
            } }, reacted.has(current.table_id) ? t("This resonates with me ✓") : t("This resonates with me")));
      }
      editor.hidden = true;
    }
  }

  const watcher = watch(ctx, render);
  return () => { bind(null); watcher.stop(); };
}

// --- cockpit --------------------------------------------------------------------------------------

export function cockpit(el, ctx) {
  const { live, t } = ctx;
  const error = errorLine();
  const act = async (kind, data) => error.show(await live.send(kind, data));
  const bar = h("div", { class: "row sf-actions" });
  const grid = h("div", { class: "sf-board-grid" });
  el.append(bar, error, grid);
  const watcher = watch(ctx, (part) => {
    const at = part.tables.findIndex((x) => x.id === part.current_table_id);
    const next = part.tables[at + 1];
    fill(bar, part.open
      ? h("button", { type: "button", class: "button", onclick: () => act("scenario.presentations.close", {}) }, t("Close the presentations"))
      : h("button", { type: "button", class: "button primary", onclick: () => act("scenario.presentations.open", {}) }, t("Open the presentations")),
    part.open && next ? h("button", { type: "button", class: "button primary", onclick: () => act("scenario.present", { table_id: next.id }) },
      t("Next: table %(number)s", { number: next.number })) : null,
    h("span", { class: "muted" }, part.open ? t("Everyone sees every scenario now.") : t("Each table sees only its own scenario.")));
    fill(grid, ...part.tables.map((table) => {
      const b = boardOf(part, table.id);
      const current = part.open && part.current_table_id === table.id;
      return h("div", { class: `sf-board-cell${current ? " current" : ""}` }, boardView(b, part, t),
        part.open ? h("button", { type: "button", class: current ? "button primary" : "button", "aria-pressed": String(current),
          onclick: () => act("scenario.present", { table_id: table.id }) }, current ? t("On the projector") : t("Show on the projector")) : null);
    }), part.tables.length ? "" : h("p", { class: "muted" }, t("There are no mixed tables yet. Make them under Tables.")));
  });
  return () => watcher.stop();
}

// --- projector ------------------------------------------------------------------------------------

export function presenter(el, ctx) {
  const { t } = ctx;
  return projector(el, ctx, watch, (part) => {
    const current = part.open && part.boards.find((b) => b.table_id === part.current_table_id);
    const at = current ? part.tables.findIndex((x) => x.id === current.table_id) : -1;
    return [current ? [boardView(current, part, t, { big: true }),
      at >= 0 ? h("p", { class: "sf-progress" }, t("Scenario %(at)s of %(total)s", { at: at + 1, total: part.tables.length })) : null]
      : h("p", { class: "sf-wait" }, t("The tables are writing their scenarios for %(year)s.", { year: part.future_year }))];
  });
}

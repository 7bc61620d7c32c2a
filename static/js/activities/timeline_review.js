// Timeline review: each mixed table reads one timeline and writes its story and what it means for
// the task (the table's recorder types; everyone at the table sees it live). The facilitator gives
// tables their timeline and puts one table's report at a time on the projector.
import { bindSharedText } from "../collab.js";
import {
  ensureCss, errorLine, fill, focusBar, follow, h, inputOpen, lensLabel, send,
} from "./_shared_past_present.js";

function part(ctx) {
  return ctx.live.state.timeline_reviews || { tables: [], reports: [], showing: null };
}

function lenses(ctx) {
  return (ctx.live.state.timelines && ctx.live.state.timelines.lenses) || ["personal", "local", "global"];
}

function lensBadge(ctx, lens) {
  return h("span", { class: `pp-review-lens lens-${lens}` }, lensLabel(ctx.t, lenses(ctx), lens));
}

function tableName(t, report) {
  return t("Table %(number)s", { number: report.name || report.number });
}

// --- participant ---------------------------------------------------------------------------------
export function participant(el, ctx) {
  ensureCss();
  const { t } = ctx;
  const root = h("div", { class: "pp pp-review" });
  el.append(root);
  let fields = null;
  let bindings = [];

  function build(report) {
    const error = errorLine();
    const saved = h("p", { class: "pp-saved", "aria-live": "polite" });
    // Both fields are shared texts (static/js/collab.js): everyone at the table may type at once.
    const story = h("textarea", { id: "rv-story", rows: "5", maxlength: "2000" });
    const impl = h("textarea", { id: "rv-impl", rows: "5", maxlength: "2000" });
    const markers = [h("p", { class: "typing-marker", hidden: true }), h("p", { class: "typing-marker", hidden: true })];
    bindings.forEach((b) => b.destroy());
    bindings = [[story, "story", markers[0]], [impl, "implications", markers[1]]].map(([field, name, marker]) => {
      field.addEventListener("input", () => { saved.textContent = t("Saving…"); });
      return bindSharedText(field, { live: ctx.live, doc: `timeline:${report.table_id}:${name}`, marker,
        editable: () => inputOpen(ctx),
        onSaved: (ack, all) => { error.show(ack); if (all) saved.textContent = t("Saved. Your table sees it."); },
        onError: (ack) => { error.show(ack); saved.textContent = ""; } });
    });
    const reference = h("details", { class: "pp-reference-wrap" }, h("summary", {}, t("Read the timeline")), h("div", { class: "pp-reference" }));
    const head = h("div", {});
    const closed = h("p", { class: "muted pp-closed" }, t("Input is closed now. You can read your report."));
    fill(root, head, reference,
      h("div", { class: "pp-form pp-review-form stack" },
        h("label", { for: "rv-story" }, t("What story does this timeline tell?")), story, markers[0],
        h("label", { for: "rv-impl" }, t("What does it mean for our task?")), impl, markers[1], saved, error),
      closed);
    fields = { tableId: report.table_id, story, impl, head, reference: reference.querySelector(".pp-reference"), closed };
  }

  function render() {
    const p = part(ctx);
    const report = p.reports[0];
    if (!report) {
      fields = null;
      fill(root, h("p", { class: "muted" }, t("The tables are not set yet. The facilitator will tell you where to sit.")));
      return;
    }
    if (!fields || fields.tableId !== report.table_id) build(report);
    const open = inputOpen(ctx);
    bindings.forEach((b, i) => { [fields.story, fields.impl][i].readOnly = !open || !b.loaded; });
    fields.closed.hidden = open;
    fill(fields.head, 
      h("h3", {}, tableName(t, report)),
      h("p", {}, t("Your table reads this timeline:"), " ", lensBadge(ctx, report.lens)),
      h("p", { class: "muted small" }, t("One of you types (the recorder); everyone at the table sees it.")));
    const tl = ctx.live.state.timelines;
    const entries = tl ? tl.entries.filter((e) => e.lens === report.lens) : [];
    fill(fields.reference, ...(tl ? tl.decades : []).map((d) => {
      const here = entries.filter((e) => e.decade === d.decade);
      return here.length ? [h("strong", {}, d.label), h("ul", {}, here.map((e) => h("li", {}, e.year ? `${e.year}: ` : "", e.text)))] : null;
    }).flat().filter(Boolean));
  }

  render();
  const stop = follow(ctx, ["review.", "timeline.", "room.input"], render);
  return () => { bindings.forEach((b) => b.destroy()); if (typeof stop === "function") stop(); };
}

// --- cockpit ----------------------------------------------------------------------------------------
export function cockpit(el, ctx) {
  ensureCss();
  const { t } = ctx;
  const error = errorLine();
  const render = () => {
    const p = part(ctx);
    const names = lenses(ctx);
    fill(el, h("div", { class: "pp pp-cockpit" },
      focusBar(ctx, { items: p.tables.map((tb) => ({ id: tb.table_id, label: tableName(t, tb) })), showing: p.showing,
        kind: "review.show", key: "table_id", allLabel: t("All tables"), error }),
      error,
      p.reports.length ? null : h("p", { class: "muted" }, t("There are no mixed tables yet. Make them under Mixed tables.")),
      h("div", { class: "pp-tables" }, p.reports.map((r) => h("article", { class: `pp-table-card${p.showing === r.table_id ? " showing" : ""}`, dataset: { table: r.table_id } },
        h("h3", {}, tableName(t, r)),
        h("label", {}, t("Timeline"), " ",
          h("select", { onchange: (ev) => send(ctx, "review.assign", { table_id: r.table_id, lens: Number(ev.target.value) }, error) },
            names.map((_, i) => h("option", { value: i, selected: i === r.lens }, lensLabel(t, names, i))))),
        h("p", { class: "pp-cell-label" }, t("Story")), h("p", {}, r.story || "…"),
        h("p", { class: "pp-cell-label" }, t("What it means")), h("p", {}, r.implications || "…"))))));
  };
  render();
  return follow(ctx, ["review.", "timeline."], render);
}

// --- projector ----------------------------------------------------------------------------------------
export function presenter(el, ctx) {
  ensureCss();
  const { t } = ctx;
  const render = () => {
    const p = part(ctx);
    const shown = p.reports.find((r) => r.table_id === p.showing);
    if (shown) {
      fill(el, h("div", { class: "pp pp-present" }, h("article", { class: "pp-report" },
        h("h2", {}, tableName(t, shown), " ", lensBadge(ctx, shown.lens)),
        h("div", { class: "pp-report-cols" },
          h("section", {}, h("h3", {}, t("The story")), h("p", {}, shown.story || "…")),
          h("section", {}, h("h3", {}, t("What it means for our task")), h("p", {}, shown.implications || "…"))))));
      return;
    }
    fill(el, h("div", { class: "pp pp-present" },
      p.reports.length ? null : h("p", { class: "pp-waiting" }, t("The tables are not set yet.")),
      h("div", { class: "pp-tables" }, p.reports.map((r) => h("article", { class: "pp-table-card" },
        h("h3", {}, tableName(t, r), " ", lensBadge(ctx, r.lens)),
        h("p", {}, r.story || "…"))))));
  };
  render();
  return follow(ctx, ["review.", "timeline."], render);
}

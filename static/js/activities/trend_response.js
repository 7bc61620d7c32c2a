// Trend response, per stakeholder group: the group picks its key trends from the map and writes,
// for each, what it does about it now and what it wants to do. The group's members edit the sheet
// together, live; the cockpit and the projector show every sheet (or one, for the report back).
import {
  autosave, clear, ensureCss, errorLine, fill, flatten, follow, groupHead, groupsCockpit, groupsPresenter, h, inputOpen, send,
  treeOf,
} from "./_shared_past_present.js";

function part(ctx) {
  return ctx.live.state.trend_responses || { sheets: [], groups: [], showing: null };
}

function trends(ctx) {
  return ctx.live.state.trends || { nodes: [] };
}

// --- participant ---------------------------------------------------------------------------------
export function participant(el, ctx) {
  ensureCss();
  const { t } = ctx;
  const error = errorLine();
  const head = h("div", {});
  const picker = h("select", { id: "rs-pick", class: "pp-select" });
  const pickForm = h("form", { class: "pp-form stack", onsubmit: async (ev) => {
    ev.preventDefault();
    if (!picker.value) return;
    await send(ctx, "response.pick", { trend_id: Number(picker.value) }, error);
  } },
  h("label", { for: "rs-pick" }, t("Add a key trend for your group")), picker,
  h("button", { type: "submit", class: "button primary big" }, t("Add to our sheet")));
  const rowsBox = h("div", { class: "pp-sheet-rows stack", "aria-live": "polite" });
  const closed = h("p", { class: "muted pp-closed" }, t("Input is closed now. You can read your sheet."));
  el.append(h("div", { class: "pp pp-response" }, head, pickForm, closed, error, rowsBox));
  const rows = new Map(); // trend_id -> {el, now, want}
  let pickerShows = null;

  function rowFor(r) {
    let row = rows.get(r.trend_id);
    if (row) return row;
    const save = (field) => (value) => send(ctx, "response.write", { trend_id: r.trend_id, field, text: value }, error);
    const nowId = `rs-now-${r.trend_id}`;
    const wantId = `rs-want-${r.trend_id}`;
    const now = autosave(h("textarea", { id: nowId, rows: "3", maxlength: "1500" }), save("now"));
    const want = autosave(h("textarea", { id: wantId, rows: "3", maxlength: "1500" }), save("want"));
    now.value = r.now;
    want.value = r.want;
    const title = h("span", {});
    const remove = h("button", { type: "button", class: "button small danger", onclick: () => {
      if (confirm(t("Take “%(name)s” off your sheet? What you wrote about it goes too.", { name: r.trend }))) {
        send(ctx, "response.unpick", { trend_id: r.trend_id }, error);
      }
    } }, t("Remove"));
    row = { now, want, title, remove, el: h("section", { class: "pp-row", dataset: { trend: r.trend_id } },
      h("div", { class: "pp-row-head" }, title, remove),
      h("label", { for: nowId }, t("What we do about it now")), now,
      h("label", { for: wantId }, t("What we want to do")), want) };
    rows.set(r.trend_id, row);
    return row;
  }

  function render() {
    const p = part(ctx);
    const me = ctx.live.state.me || {};
    const sheet = p.sheets[0];
    const open = inputOpen(ctx);
    fill(head, me.group ? groupHead(me.group) : h("p", { class: "muted" }, t("You are not in a stakeholder group, so there is no sheet for you.")));
    pickForm.hidden = !sheet || !open;
    closed.hidden = open || !sheet;
    if (!sheet) { clear(rowsBox); return; }
    const picked = new Set(sheet.rows.map((r) => r.trend_id));
    const options = flatten(treeOf(trends(ctx).nodes)).filter((n) => n.kind === "trend" && !picked.has(n.id));
    // Refilled only when the choice changes: a group member writing does not close the list being chosen from.
    const choice = JSON.stringify(options.map((n) => [n.id, n.depth, n.text]));
    if (choice !== pickerShows) {
      pickerShows = choice;
      const keep = picker.value;
      fill(picker, h("option", { value: "" }, t("Choose a trend from the map")),
        ...options.map((n) => h("option", { value: n.id }, `${"— ".repeat(n.depth - 1)}${n.text}`)));
      if (options.some((n) => String(n.id) === keep)) picker.value = keep;
    }
    for (const id of [...rows.keys()]) if (!picked.has(id)) rows.delete(id);
    const els = sheet.rows.map((r) => {
      const row = rowFor(r);
      row.title.textContent = r.trend;
      row.now.take(r.now);
      row.want.take(r.want);
      row.now.readOnly = !open;
      row.want.readOnly = !open;
      row.remove.hidden = !open;
      return row.el;
    });
    // Put the rows in order without detaching the one being typed in.
    els.forEach((node, i) => { if (rowsBox.children[i] !== node) rowsBox.insertBefore(node, rowsBox.children[i] || null); });
    while (rowsBox.children.length > els.length) rowsBox.lastChild.remove();
    if (!els.length) rowsBox.append(h("p", { class: "muted" }, t("No key trends yet. Pick the trends that matter most for your group.")));
  }

  render();
  return follow(ctx, ["response.", "trend.", "room.input"], render);
}

// --- sheets for the cockpit and the projector ------------------------------------------------------------
function sheetView(ctx, sheet, group, showing) {
  const { t } = ctx;
  return h("article", { class: `pp-sheet${showing ? " showing" : ""}`, style: { borderTopColor: group ? group.colour : "#9aa5b1" }, dataset: { group: sheet.group_id } },
    groupHead(group, "h2"),
    sheet.rows.length ? sheet.rows.map((r) => h("section", { class: "pp-row" },
      h("div", { class: "pp-row-head" }, r.trend),
      h("p", { class: "pp-cell-label" }, t("Now")), h("p", { class: "pp-cell" }, r.now || "…"),
      h("p", { class: "pp-cell-label" }, t("We want")), h("p", { class: "pp-cell" }, r.want || "…")))
      : h("p", { class: "muted" }, t("No key trends yet.")));
}

const BOARD = { part, list: (p) => p.sheets, kind: "response.show", prefixes: ["response.", "trend."], card: sheetView };

export function cockpit(el, ctx) {
  return groupsCockpit(el, ctx, BOARD);
}

export function presenter(el, ctx) {
  return groupsPresenter(el, ctx, BOARD);
}

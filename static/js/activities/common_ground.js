// Common ground, part 1: each mixed table lists candidates in three lists (common futures, potential
// projects, unresolved differences); the facilitator merges the candidates of all tables into named
// themes by drag and drop (or with the "Theme" menu on every card) and may propose candidates from
// the scenarios. The projector shows the themes as they form. Part "common_ground", events cg.*.
// common_ground_confirm.js (part 2, the confirmation in the whole room) builds on the same model.
import { h } from "../dom.js";
import { ensureStyles, errorLine, fill, loading, projector, upsert, watchPart } from "./shared_future.js";

export function listNames(t) {
  return { future: t("Common futures"), project: t("Potential projects"), difference: t("Unresolved differences") };
}
const LISTS = ["future", "project", "difference"];

export function reduceCommonGround(part, e) {
  const d = e.data;
  if (d.candidate) {
    upsert(part.candidates, d.candidate); // a participant only receives their own table's candidates
  } else if (e.kind === "cg.candidate.removed") {
    part.candidates = part.candidates.filter((c) => c.id !== d.id);
  } else if (d.theme) {
    const theme = d.theme;
    const ids = new Set(theme.candidates.map((c) => c.id));
    part.candidates.forEach((c) => { if (c.theme_id === theme.id && !ids.has(c.id)) c.theme_id = null; });
    theme.candidates.forEach((c) => { const own = part.candidates.find((x) => x.id === c.id); if (own) Object.assign(own, c); });
    upsert(part.themes, theme);
  } else if (e.kind === "cg.theme.removed") {
    part.themes = part.themes.filter((x) => x.id !== d.id);
    part.candidates.forEach((c) => { if (c.theme_id === d.id) c.theme_id = d.into_id || null; });
  } else if (e.kind === "cg.theme.down") {
    const theme = part.themes.find((x) => x.id === d.id);
    if (theme) { theme.state = "draft"; theme.tally = { support: 0, object: 0 }; theme.responses = []; }
    if (part.my_responses) delete part.my_responses[String(d.id)];
  } else if (e.kind === "cg.response") {
    part.my_responses[String(d.theme_id)] = { support: d.support, reason: d.reason };
  } else if (e.kind === "cg.tally" || e.kind === "cg.responses") {
    const theme = part.themes.find((x) => x.id === d.theme_id);
    if (theme) { theme.tally = d.tally; if (d.responses) theme.responses = d.responses; }
  }
  part.themes.sort((a, b) => a.position - b.position || a.id - b.id);
}

export function watchCommonGround(ctx, render) {
  ensureStyles();
  return watchPart(ctx.live, "common_ground", ["cg."], reduceCommonGround, render);
}

function tableLabel(t, c) {
  if (c.table_number) return t("Table %(number)s", { number: c.table_number });
  return c.source_label || t("Proposed");
}

// --- participant: the table's three lists ---------------------------------------------------------

export function participant(el, ctx) {
  const { live, t } = ctx;
  const names = listNames(t);
  const head = h("p", { class: "sf-table-head" }, loading(t));
  const error = errorLine();
  const sections = {};
  for (const key of LISTS) {
    const input = h("input", { type: "text", id: `cg-new-${key}`, maxlength: "280", autocomplete: "off" });
    const items = h("ul", { class: "sf-candidates", "aria-live": "polite" });
    sections[key] = { input, items, el: h("section", { class: `sf-card sf-cg-list list-${key}`, dataset: { list: key } },
      h("h3", {}, names[key]), items,
      h("form", { class: "sf-inline-form", onsubmit: async (ev) => {
        ev.preventDefault();
        if (!input.value.trim()) return;
        const value = input.value;
        input.value = "";
        const ack = error.show(await live.send("cg.candidate.add", { list: key, text: value }, { queue: true }));
        if (!ack.ok) input.value = value;
      } }, h("label", { for: `cg-new-${key}`, class: "sr-only" }, t("Add to %(list)s", { list: names[key] })), input,
      h("button", { type: "submit", class: "button" }, t("Add")))) };
  }
  el.append(head, error, ...LISTS.map((k) => sections[k].el));

  const watcher = watchCommonGround(ctx, (part) => {
    fill(head, part.my_table ? t("You are at table %(number)s. Write down together what you found.", { number: part.my_table.number })
      : t("You are not seated at a table yet. Ask the facilitator."));
    for (const key of LISTS) {
      const mine = part.candidates.filter((c) => c.list === key);
      sections[key].el.querySelector("form").hidden = !part.my_table;
      fill(sections[key].items, ...mine.map((c) => h("li", { class: "sf-candidate", dataset: { id: c.id } },
        h("span", {}, c.text),
        c.theme_id ? h("span", { class: "badge" }, t("In a theme")) : h("button", { type: "button", class: "button small danger",
          "aria-label": t("Delete: %(text)s", { text: c.text }), onclick: async () => error.show(await live.send("cg.candidate.remove", { id: c.id })) }, "×"))),
      mine.length ? null : h("li", { class: "muted" }, t("Nothing yet.")));
    }
  });
  return () => watcher.stop();
}

// --- cockpit: merging into themes -----------------------------------------------------------------

export function cockpit(el, ctx) {
  const { live, t } = ctx;
  const names = listNames(t);
  const error = errorLine();
  const act = async (kind, data) => error.show(await live.send(kind, data));
  const newName = h("input", { type: "text", id: "cg-theme-name", maxlength: "280" });
  const board = h("div", { class: "sf-cluster-board" });
  const proposeBox = h("details", { class: "sf-propose" });
  el.append(
    h("form", { class: "sf-inline-form", onsubmit: async (ev) => {
      ev.preventDefault();
      const ack = await act("cg.theme.create", { name: newName.value });
      if (ack.ok) newName.value = "";
    } }, h("label", { for: "cg-theme-name" }, t("New theme")), newName, h("button", { class: "button", type: "submit" }, t("Add theme"))),
    h("p", { class: "muted small" }, t("Drag candidates onto a theme, or choose a theme on the card. Drag a theme's name onto another theme to merge them.")),
    error, board, proposeBox);

  function dropZone(target, onDrop) {
    target.addEventListener("dragover", (ev) => { ev.preventDefault(); target.classList.add("drop-over"); });
    target.addEventListener("dragleave", () => target.classList.remove("drop-over"));
    target.addEventListener("drop", (ev) => {
      ev.preventDefault();
      target.classList.remove("drop-over");
      const candidate = Number(ev.dataTransfer.getData("text/cg-candidate"));
      const theme = Number(ev.dataTransfer.getData("text/cg-theme"));
      onDrop({ candidate, theme });
    });
    return target;
  }

  function card(part, c) {
    const drafts = part.themes.filter((x) => x.state === "draft");
    const select = h("select", { "aria-label": t("Theme for: %(text)s", { text: c.text }), onchange: (ev) =>
      act("cg.theme.assign", { candidate_ids: [c.id], theme_id: ev.target.value ? Number(ev.target.value) : null }) },
    h("option", { value: "" }, t("No theme")), ...part.themes.filter((x) => x.state === "draft" || x.id === c.theme_id)
      .map((x) => h("option", { value: x.id, selected: x.id === c.theme_id }, x.name)));
    const item = h("li", { class: `note sf-cg-card list-${c.list}`, draggable: "true", dataset: { id: c.id } },
      h("p", { class: "note-text" }, c.text),
      h("p", { class: "note-author" }, `${tableLabel(t, c)} · ${names[c.list]}`),
      drafts.length || c.theme_id ? select : null);
    item.addEventListener("dragstart", (ev) => { ev.dataTransfer.setData("text/cg-candidate", String(c.id)); item.classList.add("dragging"); });
    item.addEventListener("dragend", () => item.classList.remove("dragging"));
    return item;
  }

  function column(part, theme) {
    const items = part.candidates.filter((c) => (theme ? c.theme_id === theme.id : !c.theme_id));
    const title = theme
      ? h("div", { class: "cluster-head" },
        h("h3", { draggable: theme.state === "draft" ? "true" : false, class: "sf-theme-name",
          ondragstart: (ev) => ev.dataTransfer.setData("text/cg-theme", String(theme.id)) }, theme.name),
        theme.state === "draft" ? h("span", { class: "cluster-actions" },
          h("button", { type: "button", class: "button small", onclick: () => {
            const value = window.prompt(t("Name of the theme"), theme.name);
            if (value && value.trim()) act("cg.theme.rename", { id: theme.id, name: value });
          } }, t("Rename")),
          h("button", { type: "button", class: "button small danger", onclick: () => act("cg.theme.remove", { id: theme.id }) }, t("Remove")))
          : h("span", { class: `badge theme-${theme.state}` }, stateName(t, theme.state)))
      : h("div", { class: "cluster-head" }, h("h3", {}, t("Not in a theme yet (%(num)s)", { num: items.length })));
    const col = h("section", { class: `cluster sf-theme${theme ? "" : " unsorted"}`, dataset: { theme: theme ? theme.id : "" } },
      title, h("ul", { class: "note-list" }, items.map((c) => card(part, c))));
    return dropZone(col, ({ candidate, theme: other }) => {
      if (candidate) act("cg.theme.assign", { candidate_ids: [candidate], theme_id: theme ? theme.id : null });
      else if (other && theme && other !== theme.id) act("cg.theme.merge", { id: other, into_id: theme.id });
    });
  }

  const watcher = watchCommonGround(ctx, (part) => {
    fill(board, column(part, null), ...part.themes.map((x) => column(part, x)));
    renderPropose(part);
  });

  // Propose a candidate from a scenario board or a trend response (it keeps a link back).
  function renderPropose(part) {
    const sources = part.sources || [];
    if (proposeBox.contains(document.activeElement)) return; // do not disturb typing
    const source = h("select", { id: "cg-source", onchange: () => { text.value = (sources[Number(source.value)] || {}).text || ""; } },
      sources.map((x, i) => h("option", { value: i }, x.label)));
    const list = h("select", { id: "cg-source-list" }, LISTS.map((k) => h("option", { value: k }, names[k])));
    const text = h("input", { type: "text", id: "cg-source-text", maxlength: "280", value: sources.length ? sources[0].text : "" });
    fill(proposeBox, h("summary", {}, t("Propose a candidate from a scenario or a trend response")),
      sources.length ? h("form", { class: "stack", onsubmit: async (ev) => {
        ev.preventDefault();
        const from = sources[Number(source.value)];
        const ack = await act("cg.candidate.propose", { source_kind: from.source_kind, source_id: from.source_id,
          source_group_id: from.source_group_id, list: list.value, text: text.value });
        if (ack.ok) text.value = "";
      } }, h("label", { for: "cg-source" }, t("From")), source, h("label", { for: "cg-source-list" }, t("List")), list,
      h("label", { for: "cg-source-text" }, t("Candidate")), text, h("button", { class: "button", type: "submit" }, t("Propose")))
        : h("p", { class: "muted" }, t("No scenarios or trend responses yet.")));
  }
  return () => watcher.stop();
}

export function stateName(t, state) {
  return { draft: t("Draft"), up: t("Up for confirmation"), confirmed: t("Confirmed"), not_agreed: t("Not agreed") }[state];
}

// --- projector: the themes as they form -----------------------------------------------------------

export function presenter(el, ctx) {
  const { t } = ctx;
  return projector(el, ctx, watchCommonGround, (part) => {
    return [part.themes.length
      ? h("div", { class: "sf-theme-grid" }, part.themes.map((x) => h("section", { class: "sf-theme-tile" },
        h("h2", {}, x.name), h("ul", {}, x.candidates.map((c) => h("li", {}, c.text))))))
      : h("p", { class: "sf-wait" }, t("The tables are listing common futures, potential projects and unresolved differences."))];
  });
}

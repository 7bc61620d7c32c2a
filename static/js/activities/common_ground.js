// Common ground, part 1: each mixed table lists candidates in three lists (common futures, potential
// projects, unresolved differences); the facilitator merges the candidates of all tables into named
// themes by drag and drop (or with the "Theme" menu on every card) and may propose candidates from
// the scenarios. The projector shows the themes as they form. Part "common_ground", events cg.*.
// common_ground_confirm.js (part 2, the confirmation in the whole room) builds on the same model.
import { arrange, h } from "../dom.js";
import { ensureStyles, errorLine, fill, inlineEditor, loading, projector, upsert, watchPart } from "./shared_future.js";

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
    const form = h("form", { class: "sf-inline-form", onsubmit: async (ev) => {
      ev.preventDefault();
      if (!input.value.trim()) return;
      const value = input.value;
      input.value = "";
      const ack = error.show(await live.send("cg.candidate.add", { list: key, text: value }, { queue: true }));
      if (!ack.ok) input.value = value;
    } }, h("label", { for: `cg-new-${key}`, class: "sr-only" }, t("Add to %(list)s", { list: names[key] })), input,
    h("button", { type: "submit", class: "button" }, t("Add")));
    sections[key] = { input, items, form, el: h("section", { class: `sf-card sf-cg-list list-${key}`, dataset: { list: key } },
      h("h3", {}, names[key]), items, form) };
  }
  el.append(head, error, ...LISTS.map((k) => sections[k].el));

  // One item per candidate, built once and updated in place: when someone else at the table adds
  // or edits a candidate, the "Edit" field being typed in stays (and the phone keeps its keyboard).
  const items = new Map();
  const empties = Object.fromEntries(LISTS.map((k) => [k, h("li", { class: "muted" }, t("Nothing yet."))]));

  function item(c) {
    let current = c;
    const text = h("span", { class: "sf-candidate-text" }, c.text);
    const badge = h("span", { class: "badge" }, t("In a theme"));
    const edit = h("button", { type: "button", class: "button small", onclick: () => editor.open(current.text) }, t("Edit"));
    const remove = h("button", { type: "button", class: "button small danger",
      onclick: async () => error.show(await live.send("cg.candidate.remove", { id: current.id })) }, "×");
    const buttons = h("span", { class: "sf-candidate-buttons" }, edit, remove);
    const editor = inlineEditor(t, { label: t("Wording of the candidate"), maxlength: 280, multiline: true, covers: [text, buttons],
      save: (value) => live.send("cg.candidate.edit", { id: current.id, text: value }),
      onClose: (saved, value) => {
        if (saved) text.textContent = value;
        if (!edit.hidden) edit.focus();
      } });
    const li = h("li", { class: "sf-candidate", dataset: { id: c.id } }, text, editor.el, badge, buttons);
    li.update = (x) => {
      current = x;
      if (!editor.editing) text.textContent = x.text;
      // Once merged into a theme, only the facilitator changes it.
      badge.hidden = !x.theme_id;
      edit.hidden = remove.hidden = Boolean(x.theme_id);
      edit.setAttribute("aria-label", t("Edit: %(text)s", { text: x.text }));
      remove.setAttribute("aria-label", t("Delete: %(text)s", { text: x.text }));
    };
    li.update(c);
    return li;
  }

  const watcher = watchCommonGround(ctx, (part) => {
    fill(head, part.my_table ? t("You are at table %(number)s. Write down together what you found.", { number: part.my_table.number })
      : t("You are not seated at a table yet. Ask the facilitator."));
    for (const c of part.candidates) {
      if (!items.has(c.id)) items.set(c.id, item(c));
      else items.get(c.id).update(c);
    }
    for (const id of [...items.keys()]) if (!part.candidates.some((c) => c.id === id)) items.delete(id);
    for (const key of LISTS) {
      const mine = part.candidates.filter((c) => c.list === key);
      sections[key].form.hidden = !part.my_table;
      arrange(sections[key].items, mine.length ? mine.map((c) => items.get(c.id)) : [empties[key]]);
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

  // Cards and columns are built once and updated in place: the candidates coming in from the tables
  // never take away the "Edit" field (or the theme menu) the facilitator is using.
  const cards = new Map();
  const columns = new Map();

  function card(part, c) {
    let current = c;
    const text = h("p", { class: "note-text" }, c.text);
    const origin = h("p", { class: "note-author" });
    const select = h("select", { onchange: (ev) =>
      act("cg.theme.assign", { candidate_ids: [current.id], theme_id: ev.target.value ? Number(ev.target.value) : null }) });
    const edit = h("button", { type: "button", class: "button small sf-card-edit", onclick: () => {
      item.draggable = false; // selecting text in the field must not start a drag
      editor.open(current.text);
    } }, t("Edit"));
    const editor = inlineEditor(t, { label: t("Wording of the candidate"), maxlength: 280, multiline: true, covers: [text, edit],
      save: (value) => live.send("cg.candidate.edit", { id: current.id, text: value }),
      onClose: (saved, value) => {
        if (saved) text.textContent = value;
        item.draggable = true;
        edit.focus();
      } });
    const item = h("li", { class: `note sf-cg-card list-${c.list}`, draggable: "true", dataset: { id: c.id } },
      text, editor.el, origin, h("div", { class: "sf-card-tools" }, select, edit));
    item.addEventListener("dragstart", (ev) => {
      if (editor.editing) { ev.preventDefault(); return; }
      ev.dataTransfer.setData("text/cg-candidate", String(current.id));
      item.classList.add("dragging");
    });
    item.addEventListener("dragend", () => item.classList.remove("dragging"));
    let latest = part;
    let stale = false;
    select.addEventListener("blur", () => { if (stale) item.update(latest, current); });
    item.update = (p, x) => {
      current = x;
      latest = p;
      item.className = `note sf-cg-card list-${x.list}`;
      if (!editor.editing) text.textContent = x.text;
      origin.textContent = `${tableLabel(t, x)} · ${names[x.list]}`;
      edit.setAttribute("aria-label", t("Edit: %(text)s", { text: x.text }));
      select.setAttribute("aria-label", t("Theme for: %(text)s", { text: x.text }));
      const choices = p.themes.filter((th) => th.state === "draft" || th.id === x.theme_id);
      select.hidden = !(p.themes.some((th) => th.state === "draft") || x.theme_id);
      stale = document.activeElement === select; // not while its menu may be open; on blur instead
      if (!stale) {
        fill(select, h("option", { value: "" }, t("No theme")),
          choices.map((th) => h("option", { value: th.id, selected: th.id === x.theme_id }, th.name)));
        select.value = x.theme_id ? String(x.theme_id) : "";
      }
    };
    item.update(part, c);
    return item;
  }

  function column(theme) {
    const id = theme ? theme.id : null;
    const head = h("div", { class: "cluster-head" });
    const list = h("ul", { class: "note-list" });
    // A theme's name, renamed in place (the head is not redrawn while its field has the focus).
    const themeHead = (th) => {
      const name = h("h3", { draggable: th.state === "draft" ? "true" : false, class: "sf-theme-name",
        ondragstart: (ev) => ev.dataTransfer.setData("text/cg-theme", String(th.id)) }, th.name);
      if (th.state !== "draft") return [name, h("span", { class: `badge theme-${th.state}` }, stateName(t, th.state))];
      const tools = h("span", { class: "cluster-actions" },
        h("button", { type: "button", class: "button small", onclick: () => editor.open(th.name) }, t("Rename")),
        h("button", { type: "button", class: "button small danger", onclick: () => act("cg.theme.remove", { id: th.id }) }, t("Remove")));
      const editor = inlineEditor(t, { label: t("Name of the theme"), maxlength: 280, covers: [name, tools],
        save: (value) => live.send("cg.theme.rename", { id: th.id, name: value }),
        onClose: (saved, value) => { if (saved) name.textContent = value; } });
      return [name, editor.el, tools];
    };
    const col = h("section", { class: `cluster sf-theme${theme ? "" : " unsorted"}`, dataset: { theme: theme ? theme.id : "" } }, head, list);
    col.update = (part, th) => {
      const items = part.candidates.filter((c) => (th ? c.theme_id === th.id : !c.theme_id));
      if (!head.contains(document.activeElement)) fill(head, th ? themeHead(th) : h("h3", {}, t("Not in a theme yet (%(num)s)", { num: items.length })));
      arrange(list, items.map((c) => cards.get(c.id)));
    };
    return dropZone(col, ({ candidate, theme: other }) => {
      if (candidate) act("cg.theme.assign", { candidate_ids: [candidate], theme_id: id });
      else if (other && id && other !== id) act("cg.theme.merge", { id: other, into_id: id });
    });
  }

  const watcher = watchCommonGround(ctx, (part) => {
    for (const c of part.candidates) {
      if (!cards.has(c.id)) cards.set(c.id, card(part, c));
      else cards.get(c.id).update(part, c);
    }
    for (const id of [...cards.keys()]) if (!part.candidates.some((c) => c.id === id)) cards.delete(id);
    const keys = ["", ...part.themes.map((x) => String(x.id))];
    for (const key of keys) if (!columns.has(key)) columns.set(key, column(key ? part.themes.find((x) => String(x.id) === key) : null));
    for (const key of [...columns.keys()]) if (!keys.includes(key)) columns.delete(key);
    for (const key of keys) columns.get(key).update(part, key ? part.themes.find((x) => String(x.id) === key) : null);
    arrange(board, keys.map((key) => columns.get(key)));
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

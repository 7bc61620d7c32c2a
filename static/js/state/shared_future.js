// The shared-future parts, each loaded by its own live query (query: true) when a view first asks:
// statements, common_ground (its two sessions share it) and scenarios. Pure: a reducer works on a
// copy of the part and returns it (produce), the part it was given stays as it was.

export function produce(part, fn) {
  const copy = structuredClone(part);
  fn(copy);
  return copy;
}

function upsert(list, item, key = "id") {
  const i = list.findIndex((x) => x[key] === item[key]);
  if (i >= 0) list[i] = { ...list[i], ...item };
  else list.push(item);
  return list;
}

export const statements = {
  part: "statements",
  query: true,
  prefixes: ["statement."],
  reduce: (p, e) => produce(p, (part) => {
    const d = e.data;
    if (d.highlights) part.highlights = d.highlights;
    if (d.statement) upsert(part.statements, d.statement);
    else if (e.kind === "statement.removed") part.statements = part.statements.filter((s) => s.id !== d.id);
    else if (e.kind === "statement.answer") {
      const st = part.statements.find((s) => s.id === d.statement_id);
      if (st) st.mine = { answer: d.answer, reason: d.reason };
    } else if (e.kind === "statement.results") {
      const st = part.statements.find((s) => s.id === d.statement_id);
      if (st) {
        st.answered = d.answered;
        if (d.result) st.result = d.result;
      }
    }
    part.statements.sort((a, b) => a.position - b.position || a.id - b.id);
  }),
};

export const commonGround = {
  part: "common_ground",
  query: true,
  prefixes: ["cg."],
  reduce: (p, e) => produce(p, (part) => {
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
      part.my_responses = part.my_responses || {};
      part.my_responses[String(d.theme_id)] = { support: d.support, reason: d.reason };
    } else if (e.kind === "cg.tally" || e.kind === "cg.responses") {
      const theme = part.themes.find((x) => x.id === d.theme_id);
      if (theme) { theme.tally = d.tally; if (d.responses) theme.responses = d.responses; }
    }
    part.themes.sort((a, b) => a.position - b.position || a.id - b.id);
  }),
};

function boardOf(part, tableId) {
  let b = part.boards.find((x) => x.table_id === tableId);
  if (!b) {
    const table = part.tables.find((x) => x.id === tableId) || { id: tableId, number: "?", name: "" };
    b = { table_id: tableId, table_number: table.number, table_name: table.name, id: null, title: "", story: "", barriers: "", features: [], reactions: 0 };
    part.boards.push(b);
  }
  return b;
}

export const scenarios = {
  part: "scenarios",
  query: true,
  prefixes: ["scenario.", "doc.update"],
  reduce: (p, e) => produce(p, (part) => {
    const d = e.data;
    if (e.kind === "doc.update") { // a board's shared text: "scenario:<table id>:<field>", its merged text
      const [kind, tableId, field] = d.doc.split(":");
      if (kind === "scenario" && typeof d.text === "string") boardOf(part, Number(tableId))[field] = d.text;
      return;
    }
    if (e.kind === "scenario.presentations") {
      part.open = d.open;
      if (d.open) { part.boards = d.boards; part.current_table_id = d.current_table_id; }
      else if (part.my_table) part.boards = part.boards.filter((b) => b.table_id === part.my_table.id);
      return;
    }
    if (e.kind === "scenario.presenting") { part.current_table_id = d.table_id; return; }
    // Local: this browser's reaction was acknowledged.
    if (e.kind === "scenario.my_reaction") {
      const reacted = new Set(part.my_reactions || []);
      if (d.reacted) reacted.add(d.table_id); else reacted.delete(d.table_id);
      part.my_reactions = [...reacted];
      boardOf(part, d.table_id).reactions = d.reactions;
      return;
    }
    const b = boardOf(part, d.table_id);
    if (e.kind === "scenario.updated") b[d.field] = d.value;
    else if (e.kind === "scenario.feature_added" || e.kind === "scenario.feature_changed") {
      const i = b.features.findIndex((f) => f.id === d.feature.id);
      if (i >= 0) b.features[i] = d.feature; else b.features.push(d.feature);
    } else if (e.kind === "scenario.feature_removed") b.features = b.features.filter((f) => f.id !== d.feature_id);
    else if (e.kind === "scenario.reactions") b.reactions = d.reactions;
  }),
  boardOf,
};

export const reducers = [statements, commonGround, scenarios];

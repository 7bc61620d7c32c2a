// Statements ("stellingen"): the facilitator puts statements up one at a time or as a set; everyone
// answers agree / disagree / pass (or on a 5-point scale) with an optional reason and may change the
// answer until the statement closes. Results: counts and the split per stakeholder group, live or
// once revealed; the statement with the most agreement across all groups and the most divisive one
// are highlighted. Part "statements" (query of the same name), events statement.*.
import { arrange, h } from "../dom.js";
import { tn } from "../i18n.js";
import { ensureStyles, errorLine, fill, inlineEditor, loading, projector, upsert, watchPart } from "./shared_future.js";

const COLOURS = { agree: "#1e7a46", disagree: "#b3261e", pass: "#9aa5b1",
  1: "#b3261e", 2: "#e58a6f", 3: "#c3c9d1", 4: "#7cc49a", 5: "#1e7a46" };
const ORDER = { agree: ["agree", "pass", "disagree"], scale5: ["5", "4", "3", "pass", "2", "1"] };

export function answerLabels(t) {
  return { agree: t("Agree"), disagree: t("Disagree"), pass: t("Pass"), 1: t("Strongly disagree"), 2: t("Disagree"),
    3: t("Neutral"), 4: t("Agree"), 5: t("Strongly agree") };
}

function choices(st) {
  return st.scale === "scale5" ? ["1", "2", "3", "4", "5", "pass"] : ["agree", "disagree", "pass"];
}

export function reduceStatements(part, e) {
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
}

function watch(ctx, render) {
  ensureStyles();
  return watchPart(ctx.live, "statements", ["statement."], reduceStatements, render);
}

// --- results ------------------------------------------------------------------------------------

function bar(counts, keys, labels, total) {
  return h("div", { class: "sf-bar", role: "img",
    "aria-label": keys.map((k) => `${labels[k]}: ${counts[k] || 0}`).join(", ") },
  ...keys.filter((k) => counts[k]).map((k) => h("span", { class: "sf-bar-part", title: `${labels[k]}: ${counts[k]}`,
    style: { width: `${(100 * counts[k]) / total}%`, background: COLOURS[k] } }, String(counts[k]))));
}

export function resultView(st, t, { big = false } = {}) {
  const labels = answerLabels(t);
  const r = st.result;
  const keys = ORDER[st.scale];
  const wrap = h("div", { class: big ? "sf-result big" : "sf-result" });
  if (!r) {
    wrap.append(h("p", { class: "muted" }, tn("%(num)d answer so far. Results follow later.",
      "%(num)d answers so far. Results follow later.", st.answered || 0)));
    return wrap;
  }
  wrap.append(
    h("ul", { class: "sf-legend", "aria-hidden": "true" }, keys.map((k) => h("li", {},
      h("span", { class: "dot", style: { background: COLOURS[k] } }), labels[k]))),
    h("div", { class: "sf-result-row total" }, h("span", { class: "sf-result-name" }, t("Everyone (%(num)s)", { num: r.total })),
      r.total ? bar(r.counts, keys, labels, r.total) : h("span", { class: "muted" }, t("No answers yet."))),
    ...r.groups.filter((g) => g.total).map((g) => h("div", { class: "sf-result-row", dataset: { group: g.group_id || "" } },
      h("span", { class: "sf-result-name" }, h("span", { class: "dot", style: { background: g.colour } }),
        `${g.name || t("No group")} (${g.total})`),
      bar(g.counts, keys, labels, g.total))),
  );
  if (r.reasons.length) {
    wrap.append(h("h4", {}, t("Reasons")), h("ul", { class: "sf-reasons", "aria-live": "polite" }, r.reasons.slice(big ? -6 : -60).map((x) =>
      h("li", {}, h("span", { class: "sf-chip", style: { background: COLOURS[x.answer] } }, labels[x.answer]), " ", x.text,
        x.name ? h("span", { class: "muted" }, ` · ${x.name}`) : null))));
  }
  return wrap;
}

function badges(part, st, t) {
  const hl = part.highlights || {};
  return [hl.common === st.id ? h("span", { class: "badge sf-common" }, t("Most agreement across all groups")) : null,
    hl.divisive === st.id ? h("span", { class: "badge sf-divisive" }, t("Most divisive")) : null];
}

function stateLabel(st, t) {
  return { draft: t("Not put up yet"), open: t("Open"), closed: t("Closed") }[st.state];
}

// --- participant ----------------------------------------------------------------------------------

export function participant(el, ctx) {
  const { live, t } = ctx;
  const labels = answerLabels(t);
  const list = h("div", { class: "sf-list" });
  el.append(list);
  el.prepend(loading(t));
  const cards = new Map();

  function card(st) {
    const reason = h("textarea", { id: `reason-${st.id}`, maxlength: "280", rows: "2" });
    const status = h("p", { class: "sf-status", "aria-live": "polite" });
    const error = errorLine();
    const buttons = h("div", { class: `sf-answers ${st.scale}`, role: "group", "aria-label": t("Your answer") });
    const results = h("div");
    const head = h("div", { class: "sf-badges" });
    const answerBox = h("div", { class: "sf-answer-box" }, buttons,
      h("label", { for: `reason-${st.id}` }, t("Why? (you may leave this empty)")), reason,
      h("button", { type: "button", class: "button", onclick: () => send(current.mine ? current.mine.answer : null) }, t("Send my reason")),
      error);
    const title = h("h3", { class: "sf-statement-text" }, st.text);
    const item = h("article", { class: "sf-card sf-statement", dataset: { id: st.id } }, head, title, answerBox, status, results);
    let current = st;

    async function send(answer) {
      if (!answer) { error.textContent = t("Choose an answer first."); return; }
      error.textContent = "";
      current.mine = { answer, reason: reason.value.trim() };
      update(current);
      error.show(await live.send("statement.answer", { statement_id: current.id, answer, reason: reason.value.trim() }, { queue: true }));
    }

    function update(s) {
      current = s;
      title.textContent = s.text; // the facilitator may reword it until someone answers
      fill(head, ...badges(live.state.statements, s, t));
      const open = s.state === "open";
      answerBox.hidden = !open;
      const mine = s.mine && s.mine.answer;
      fill(buttons, ...choices(s).map((c) => h("button", { type: "button", class: `button big sf-choice choice-${c}`,
        "aria-pressed": String(mine === c), dataset: { answer: c }, onclick: () => send(c) }, s.scale === "scale5" && c !== "pass" ? [h("strong", {}, c), " ", labels[c]] : labels[c])));
      if (s.mine && document.activeElement !== reason) reason.value = s.mine.reason || "";
      status.textContent = mine
        ? (open ? t("Your answer: %(answer)s. You can change it until the statement closes.", { answer: labels[mine] })
          : t("Closed. Your answer: %(answer)s.", { answer: labels[mine] }))
        : (open ? t("Choose your answer.") : t("Closed. You did not answer."));
      fill(results, resultView(s, t));
    }
    update(st);
    item.update = update;
    return item;
  }

  function render(part) {
    const shown = part.statements.filter((s) => s.state !== "draft");
    const open = shown.filter((s) => s.state === "open");
    const ordered = [...open, ...shown.filter((s) => s.state !== "open").reverse()];
    for (const s of ordered) {
      if (!cards.has(s.id)) cards.set(s.id, card(s));
      else cards.get(s.id).update(s);
    }
    for (const [id, c] of cards) if (!ordered.some((s) => s.id === id)) { c.remove(); cards.delete(id); }
    const empty = ordered.length ? null : h("p", { class: "muted sf-empty" }, t("No statement yet. Wait for the facilitator."));
    arrange(list, [...ordered.map((s) => cards.get(s.id)), empty]);
  }

  const watcher = watch(ctx, (part) => { el.querySelectorAll(":scope > .muted").forEach((m) => m.remove()); render(part); });
  return () => watcher.stop();
}

// --- cockpit --------------------------------------------------------------------------------------

export function cockpit(el, ctx) {
  const { live, t } = ctx;
  const error = errorLine();
  const act = async (kind, data) => error.show(await live.send(kind, data));
  const text = h("textarea", { id: "statement-new", maxlength: "500", rows: "2" });
  const scale = h("select", { id: "statement-scale" }, h("option", { value: "agree" }, t("Agree / disagree / pass")),
    h("option", { value: "scale5" }, t("Scale of 1 to 5")));
  const mode = h("select", { id: "statement-results" }, h("option", { value: "live" }, t("Show results live")),
    h("option", { value: "reveal" }, t("Show results when I reveal them")));
  // Reasons are anonymous when the session is (the cockpit's session setting), unless changed here.
  const anonymous = h("input", { type: "checkbox", id: "statement-anonymous", checked: ctx.session.anonymous !== false });
  const list = h("div", { class: "sf-list" });
  el.append(
    h("div", { class: "sf-toolbar" },
      h("form", { class: "sf-add stack", onsubmit: async (ev) => {
        ev.preventDefault();
        const ack = await act("statement.add", { text: text.value, scale: scale.value });
        if (ack.ok) text.value = "";
      } }, h("label", { for: "statement-new" }, t("New statement")), text,
      h("div", { class: "row" }, h("label", { for: "statement-scale", class: "sr-only" }, t("Scale")), scale,
        h("button", { class: "button", type: "submit" }, t("Add statement")))),
      h("fieldset", { class: "sf-options" }, h("legend", {}, t("When I put statements up")),
        h("label", { for: "statement-results" }, t("Results")), mode,
        h("label", { class: "check" }, anonymous, t("Reasons without names")),
        h("button", { type: "button", class: "button", onclick: () => {
          const part = live.state.statements;
          const ids = part.statements.filter((s) => s.state === "draft").map((s) => s.id);
          if (ids.length) putUp(ids, false);
        } }, t("Put up all new statements as a set")))),
    error, list);

  function putUp(ids, only) {
    return act("statement.open", { ids, only, results: mode.value, anonymous: anonymous.checked });
  }

  // One card per statement, built once and updated in place: the answers coming in redraw the
  // results, never the "Reword" field the facilitator may be typing in.
  const cards = new Map();

  function card(part, s) {
    let current = s;
    const badgeBox = h("div", { class: "sf-badges" });
    const title = h("h3", { class: "sf-statement-text" }, s.text);
    const button = (label, onclick, cls = "button") => h("button", { type: "button", class: cls, onclick }, label);
    const putUpOnly = button("", () => putUp([current.id], true), "button primary");
    const addToSet = button(t("Add to the open set"), () => putUp([current.id], false));
    const close = button(t("Close"), () => act("statement.close", { ids: [current.id] }));
    const reveal = button(t("Reveal results"), () => act("statement.reveal", { ids: [current.id] }));
    // Rewording is possible while nobody answered (the server says so otherwise).
    const reword = button(t("Reword"), () => editor.open(current.text));
    const remove = button(t("Delete"), () => {
      if (window.confirm(t("Delete this statement?"))) act("statement.remove", { id: current.id });
    }, "button danger small");
    const actions = h("div", { class: "row sf-actions" }, putUpOnly, addToSet, close, reveal, reword, remove);
    const editor = inlineEditor(t, { label: t("Wording of the statement"), maxlength: 500, multiline: true, covers: [title, actions],
      save: (text) => live.send("statement.edit", { id: current.id, text }),
      onClose: (saved, text) => {
        if (saved) title.textContent = text;
        if (!reword.hidden) reword.focus();
      } });
    const results = h("div");
    const item = h("article", { class: "sf-card sf-statement", dataset: { id: s.id } }, badgeBox, title, editor.el, actions, results);

    item.update = (part, st) => {
      current = st;
      item.className = `sf-card sf-statement state-${st.state}`;
      fill(badgeBox, h("span", { class: `badge state-${st.state}` }, stateLabel(st, t)),
        st.state !== "draft" && st.results === "reveal" ? h("span", { class: "badge" }, st.revealed ? t("Revealed") : t("Results hidden")) : null,
        st.scale === "scale5" ? h("span", { class: "badge" }, t("Scale of 1 to 5")) : null,
        st.anonymous ? null : h("span", { class: "badge" }, t("With names")), ...badges(part, st, t));
      if (!editor.editing) title.textContent = st.text;
      putUpOnly.hidden = addToSet.hidden = st.state === "open";
      putUpOnly.textContent = st.state === "draft" ? t("Put up (closes the others)") : t("Open again");
      close.hidden = st.state !== "open";
      reveal.hidden = !(st.state !== "draft" && st.results === "reveal" && !st.revealed);
      reword.hidden = Boolean(st.answered);
      remove.hidden = !(st.state === "draft" && !st.answered);
      fill(results, st.result && st.state !== "draft" ? resultView(st, t) : null);
    };
    item.update(part, s);
    return item;
  }

  const empty = h("p", { class: "muted" }, t("No statements yet. Add one above."));
  const watcher = watch(ctx, (part) => {
    for (const s of part.statements) {
      if (!cards.has(s.id)) cards.set(s.id, card(part, s));
      else cards.get(s.id).update(part, s);
    }
    for (const id of [...cards.keys()]) if (!part.statements.some((s) => s.id === id)) cards.delete(id);
    arrange(list, [...part.statements.map((s) => cards.get(s.id)), part.statements.length ? null : empty]);
  });
  return () => watcher.stop();
}

// --- projector ------------------------------------------------------------------------------------

export function presenter(el, ctx) {
  const { t } = ctx;
  return projector(el, ctx, watch, (part) => {
    const shown = part.statements.filter((s) => s.state !== "draft");
    const open = shown.filter((s) => s.state === "open");
    const main = open.length ? open : shown.filter((s) => s.result).slice(-1);
    const byId = (id) => part.statements.find((s) => s.id === id);
    const hl = part.highlights || {};
    return [
      ...main.map((s) => h("section", { class: "sf-big-statement", dataset: { id: s.id } },
        h("div", { class: "sf-badges" }, ...badges(part, s, t)),
        h("h2", {}, s.text), resultView(s, t, { big: true }))),
      main.length ? null : h("p", { class: "sf-wait" }, t("The statements follow soon.")),
      hl.common || hl.divisive ? h("div", { class: "sf-highlights" },
        hl.common && byId(hl.common) ? h("p", {}, h("span", { class: "badge sf-common" }, t("Most agreement across all groups")), " ", byId(hl.common).text) : null,
        hl.divisive && byId(hl.divisive) ? h("p", {}, h("span", { class: "badge sf-divisive" }, t("Most divisive")), " ", byId(hl.divisive).text) : null) : null];
  });
}

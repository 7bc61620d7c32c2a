// Statements ("stellingen"): the facilitator puts statements up one at a time or as a set; everyone
// answers agree / disagree / pass (or on a 5-point scale) with an optional reason and may change the
// answer until the statement closes. Results: counts and the split per stakeholder group, live or
// once revealed; the statement with the most agreement across all groups and the most divisive one
// are highlighted. Part "statements" (query of the same name), events statement.*.
import { arrange, h } from "../dom.js";
import { tn } from "../i18n.js";
import { ensureStyles, errorLine, fill, loading, projector, upsert, watchPart } from "./shared_future.js";

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
    const item = h("article", { class: "sf-card sf-statement", dataset: { id: st.id } }, head,
      h("h3", { class: "sf-statement-text" }, st.text), answerBox, status, results);
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

  function row(part, s) {
    return h("article", { class: `sf-card sf-statement state-${s.state}`, dataset: { id: s.id } },
      h("div", { class: "sf-badges" }, h("span", { class: `badge state-${s.state}` }, stateLabel(s, t)),
        s.state !== "draft" && s.results === "reveal" ? h("span", { class: "badge" }, s.revealed ? t("Revealed") : t("Results hidden")) : null,
        s.scale === "scale5" ? h("span", { class: "badge" }, t("Scale of 1 to 5")) : null,
        s.anonymous ? null : h("span", { class: "badge" }, t("With names")), ...badges(part, s, t)),
      h("h3", { class: "sf-statement-text" }, s.text),
      h("div", { class: "row sf-actions" },
        s.state !== "open" ? h("button", { type: "button", class: "button primary", onclick: () => putUp([s.id], true) },
          s.state === "draft" ? t("Put up (closes the others)") : t("Open again")) : null,
        s.state !== "open" ? h("button", { type: "button", class: "button", onclick: () => putUp([s.id], false) }, t("Add to the open set")) : null,
        s.state === "open" ? h("button", { type: "button", class: "button", onclick: () => act("statement.close", { ids: [s.id] }) }, t("Close")) : null,
        s.state !== "draft" && s.results === "reveal" && !s.revealed
          ? h("button", { type: "button", class: "button", onclick: () => act("statement.reveal", { ids: [s.id] }) }, t("Reveal results")) : null,
        s.state === "draft" && !s.answered ? h("button", { type: "button", class: "button danger small", onclick: () => {
          if (window.confirm(t("Delete this statement?"))) act("statement.remove", { id: s.id });
        } }, t("Delete")) : null),
      s.result && s.state !== "draft" ? resultView(s, t) : null);
  }

  const watcher = watch(ctx, (part) => fill(list, ...part.statements.map((s) => row(part, s)),
    part.statements.length ? null : h("p", { class: "muted" }, t("No statements yet. Add one above."))));
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

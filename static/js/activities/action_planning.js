// Action planning: self-selected action groups. Participants choose the goal they work on (and see
// which stakeholder groups are still missing), then plan actions together with their group and name
// leads. The facilitator makes goals (from the confirmed common ground or from scratch) and opens or
// closes the choice; the projector shows every goal with its group, actions and commitments.
//
// The plan is loaded with the live query "plan" and kept current by goal./action./commitment. events
// (watchPlan); commitments.js and the overview page (templates/plan/overview.html) use the same model.
import { clear, h } from "../dom.js";
import { inlineEditor } from "../editor.js";

const STAFF = ["organiser", "facilitator"];
const CSS = "/static/css/activities-actions.css";

// The activity's stylesheet: the shared views do not know about it, so the module adds it once and
// keeps el invisible until it has loaded (no flash of unstyled content on the projector).
export function ensureStyles(el) {
  let link = document.querySelector(`link[href="${CSS}"]`);
  if (!link) {
    link = h("link", { rel: "stylesheet", href: CSS });
    link.addEventListener("load", () => { link.dataset.loaded = "1"; }, { once: true });
    document.head.append(link);
  } else if (link.sheet) link.dataset.loaded = "1";
  if (link.dataset.loaded || !el) return;
  el.style.visibility = "hidden";
  const show = () => { el.style.visibility = ""; };
  link.addEventListener("load", show, { once: true });
  link.addEventListener("error", show, { once: true });
}

// Update a list in place: entries [{key, sig, build}] in order. A child is rebuilt only when its
// signature changed, so a live list does not jump under a finger or lose keyboard focus; a child
// someone is typing in waits (its old signature stays, so the next update after that rebuilds it).
const typingIn = (node) => node.contains(document.activeElement) && document.activeElement.matches("input, textarea, select");

export function patch(container, entries, empty = null) {
  const existing = new Map([...container.children].map((c) => [c.dataset.key, c]));
  let prev = null;
  for (const { key, sig, build } of entries) {
    let node = existing.get(String(key));
    if (!node || (node.dataset.sig !== sig && !typingIn(node))) {
      const fresh = build();
      fresh.dataset.key = String(key);
      fresh.dataset.sig = sig;
      if (node) node.replaceWith(fresh);
      node = fresh;
    }
    existing.delete(String(key));
    const want = prev ? prev.nextSibling : container.firstChild;
    if (want !== node) container.insertBefore(node, want);
    prev = node;
  }
  existing.forEach((n) => n.remove());
  if (!entries.length && empty) {
    const node = empty();
    node.dataset.key = "empty";
    container.append(node);
  }
}

// What a goal card shows depends on the goal and on the names of the people in it.
export function goalSig(plan, g, ...extra) {
  const pids = new Set([...g.members.map((m) => m.participant_id), ...g.commitments.map((c) => c.participant_id),
    ...g.actions.flatMap((a) => a.people.map((p) => p.participant_id))]);
  return JSON.stringify([g, [...pids].map((pid) => plan.people[pid] && plan.people[pid].name), ...extra]);
}

// --- the plan model --------------------------------------------------------------------------

export function watchPlan(live, onChange) {
  let plan = null;
  let buffer = [];
  let reloading = null;

  function apply(e) {
    if (!plan) { buffer.push(e); return; }
    if (e.seq && e.seq <= plan.seq) return;
    if (e.seq) plan.seq = e.seq;
    if (reducePlan(plan, e) === "reload") { reload(); return; }
    onChange(plan, e);
  }

  async function load() {
    plan = null;
    buffer = [];
    let reply = null;
    try { reply = await live.query("plan", {}); } catch { reply = null; }
    if (!reply || !reply.ok) { setTimeout(load, 2000); return; }
    plan = reply.result;
    const waiting = buffer;
    buffer = [];
    waiting.forEach(apply);
    onChange(plan, null);
  }

  function reload() {
    clearTimeout(reloading);
    reloading = setTimeout(load, 300);
  }

  const offs = ["goal.", "action.", "commitment."].map((prefix) => live.on(prefix, apply));
  offs.push(live.on("live.state", load));
  load();
  return { get: () => plan, reload: load, stop: () => { clearTimeout(reloading); offs.forEach((off) => off()); } };
}

function goalById(plan, id) {
  return plan.goals.find((g) => g.id === id);
}

function refreshGroups(plan, goal) {
  const present = new Set(goal.members.map((m) => m.group_id).filter((id) => id !== null));
  goal.groups_present = plan.groups.filter((g) => present.has(g.id)).map((g) => g.id);
  goal.groups_missing = plan.groups.filter((g) => !present.has(g.id)).map((g) => g.id);
  goal.members.sort((a, b) => Number(b.lead) - Number(a.lead));
  goal.leads = goal.members.filter((m) => m.lead).map((m) => m.participant_id);
}

function setMine(plan, pid, goalId, joined) {
  if (!plan.me || plan.me.participant_id !== pid) return;
  plan.me.goal_ids = plan.me.goal_ids.filter((id) => id !== goalId);
  if (joined) plan.me.goal_ids.push(goalId);
}

// Apply one event to the plan; returns "reload" when the plan must be loaded again (someone new).
export function reducePlan(plan, e) {
  const d = e.data;
  switch (e.kind) {
    case "goal.created":
      plan.goals.push({ ...d.goal, source: d.goal.common_ground_id ? { kind: "common_ground", id: d.goal.common_ground_id } : null,
        members: [], leads: [], actions: [], commitments: [], groups_present: [], groups_missing: plan.groups.map((g) => g.id) });
      if (plan.statements) plan.statements.forEach((s) => { if (s.id === d.goal.common_ground_id) s.goal_id = d.goal.id; });
      break;
    case "goal.updated": {
      const g = goalById(plan, d.goal.id);
      if (g) Object.assign(g, d.goal);
      break;
    }
    case "goal.deleted":
      plan.goals = plan.goals.filter((g) => g.id !== d.goal_id);
      if (plan.me) plan.me.goal_ids = plan.me.goal_ids.filter((id) => id !== d.goal_id);
      if (plan.statements) plan.statements.forEach((s) => { if (s.goal_id === d.goal_id) s.goal_id = null; });
      break;
    case "goal.choice":
      plan.choice = { open: d.open, allow_multiple: d.allow_multiple };
      break;
    case "goal.joined": {
      if (!plan.people[d.participant_id]) return "reload";
      for (const other of d.left || []) {
        const g = goalById(plan, other);
        if (g) { g.members = g.members.filter((m) => m.participant_id !== d.participant_id); refreshGroups(plan, g); }
        setMine(plan, d.participant_id, other, false);
      }
      const g = goalById(plan, d.goal_id);
      if (g && !g.members.some((m) => m.participant_id === d.participant_id)) {
        g.members.push({ participant_id: d.participant_id, group_id: d.group_id, lead: false });
        refreshGroups(plan, g);
      }
      setMine(plan, d.participant_id, d.goal_id, true);
      break;
    }
    case "goal.left": {
      const g = goalById(plan, d.goal_id);
      if (g) { g.members = g.members.filter((m) => m.participant_id !== d.participant_id); refreshGroups(plan, g); }
      setMine(plan, d.participant_id, d.goal_id, false);
      break;
    }
    case "goal.lead": {
      const g = goalById(plan, d.goal_id);
      const m = g && g.members.find((x) => x.participant_id === d.participant_id);
      if (m) { m.lead = d.lead; refreshGroups(plan, g); }
      break;
    }
    case "action.created":
    case "action.updated": {
      const g = goalById(plan, d.action.goal_id);
      if (!g) return "reload";
      if (d.action.people.some((p) => p.participant_id && !plan.people[p.participant_id])) return "reload";
      const i = g.actions.findIndex((a) => a.id === d.action.id);
      if (i >= 0) g.actions[i] = d.action;
      else g.actions.push(d.action);
      break;
    }
    case "action.deleted": {
      const g = goalById(plan, d.goal_id);
      if (g) g.actions = g.actions.filter((a) => a.id !== d.action_id);
      plan.commitments.forEach((c) => { if (c.action_id === d.action_id) c.action_id = null; });
      break;
    }
    case "commitment.made": {
      if (!plan.people[d.commitment.participant_id]) return "reload";
      plan.commitments.push(d.commitment);
      const g = goalById(plan, d.commitment.goal_id);
      if (g) g.commitments.push(d.commitment);
      break;
    }
    case "commitment.withdrawn":
      plan.commitments = plan.commitments.filter((c) => c.id !== d.commitment_id);
      plan.goals.forEach((g) => { g.commitments = g.commitments.filter((c) => c.id !== d.commitment_id); });
      break;
    case "tags.changed": // the organiser renamed, added or removed a neighbourhood or theme (docs/indicators.md)
      plan.tags = d.tags;
      break;
    default:
      break;
  }
  return null;
}

// --- small shared pieces ----------------------------------------------------------------------

export function groupOf(plan, id) {
  return plan.groups.find((g) => g.id === id) || null;
}

// A person's name as this screen may show it: blank names (hidden, or erased) become their group.
export function personName(plan, pid, t) {
  const p = plan.people[pid];
  if (!p) return t("Someone");
  if (p.name) return p.name;
  const g = groupOf(plan, p.group_id);
  return g ? t("Someone from %(group)s", { group: g.name }) : t("A participant");
}

export function groupDot(group) {
  return h("span", { class: "dot", style: { background: group ? group.colour : "#9aa5b1" }, "aria-hidden": "true" });
}

function who(plan, entry, t) {
  return entry.participant_id ? personName(plan, entry.participant_id, t) : entry.organisation;
}

export function whenText(action, t) {
  const horizon = { short: t("short term"), long: t("long term") }[action.horizon];
  if (action.when_date && horizon) return `${action.when_date} (${horizon})`;
  return action.when_date || horizon || "";
}

// Translated broad-prosperity theme names (stored in English); other tags are shown as typed.
export function tagText(tag, t) {
  return t(tag);
}

export function goalTitle(plan, id, t) {
  const g = goalById(plan, id);
  return g ? g.title : t("a goal");
}

function actionById(plan, id) {
  for (const g of plan.goals) {
    const a = g.actions.find((x) => x.id === id);
    if (a) return a;
  }
  return null;
}

export function commitmentTarget(plan, c, t) {
  const a = c.action_id ? actionById(plan, c.action_id) : null;
  return a ? `${goalTitle(plan, c.goal_id, t)} · ${a.what}` : goalTitle(plan, c.goal_id, t);
}

// Who has joined, by stakeholder group, and which groups are missing ("no employer here yet").
export function groupMix(plan, goal, t, { big = false } = {}) {
  const counts = new Map();
  goal.members.forEach((m) => counts.set(m.group_id, (counts.get(m.group_id) || 0) + 1));
  const present = plan.groups.filter((g) => counts.has(g.id));
  const missing = plan.groups.filter((g) => !counts.has(g.id));
  return h("div", { class: big ? "ap-mix big" : "ap-mix" },
    h("p", { class: "ap-count" }, goal.members.length === 1 ? t("1 person") : t("%(num)s people", { num: goal.members.length })),
    present.length ? h("ul", { class: "ap-groups", "aria-label": t("Stakeholder groups in this group") },
      present.map((g) => h("li", {}, groupDot(g), ` ${g.name} `, h("strong", {}, String(counts.get(g.id)))))) : null,
    missing.length ? h("p", { class: "ap-gaps" }, h("span", { class: "ap-gap-label" }, t("No one here yet from:")), " ",
      missing.map((g, i) => [h("span", { class: "ap-gap" }, groupDot(g), " ", g.name), i < missing.length - 1 ? ", " : ""])) : null);
}

function tagChips(goal, t) {
  const tags = [...goal.themes.map((x) => tagText(x, t)), ...goal.neighbourhoods];
  return tags.length ? h("ul", { class: "ap-tags", "aria-label": t("Themes") }, tags.map((x) => h("li", {}, x))) : null;
}

function actionCard(plan, a, t, { traceUrl, onEdit, big } = {}) {
  const leads = a.people.filter((p) => p.role === "lead");
  const helpers = a.people.filter((p) => p.role !== "lead");
  const when = whenText(a, t);
  if (big) {  // the projector: one line per action, readable from the back of the room
    return h("li", { class: "ap-action", dataset: { id: a.id } }, h("span", { class: "ap-action-what" }, a.what),
      leads.length ? h("span", { class: "ap-action-lead" }, ` · ${leads.map((p) => who(plan, p, t)).join(", ")}`) : null,
      when ? h("span", { class: "ap-action-when" }, ` · ${when}`) : null);
  }
  return h("li", { class: "ap-action", dataset: { id: a.id } },
    h("p", { class: "ap-action-what" }, a.what),
    h("dl", { class: "ap-facts" },
      leads.length ? [h("dt", {}, t("Lead")), h("dd", {}, leads.map((p) => who(plan, p, t)).join(", "))] : null,
      helpers.length ? [h("dt", {}, t("With")), h("dd", {}, helpers.map((p) => who(plan, p, t)).join(", "))] : null,
      when ? [h("dt", {}, t("When")), h("dd", {}, when)] : null,
      a.how ? [h("dt", {}, t("How")), h("dd", {}, a.how)] : null,
      a.neighbourhoods.length ? [h("dt", {}, t("Where")), h("dd", {}, a.neighbourhoods.join(", "))] : null),
    onEdit || traceUrl ? h("div", { class: "ap-action-tools" },
      onEdit ? h("button", { type: "button", class: "button small", onclick: () => onEdit(a) }, t("Edit")) : null,
      traceUrl ? h("a", { class: "ap-trace", href: traceUrl(a) }, t("Where does this come from?")) : null) : null);
}

// --- the overview: every goal with its group, leads, actions and commitments -----------------------

export function renderOverview(el, plan, ctx, { big = false, staff = false, traceUrl = null } = {}) {
  const { t } = ctx;
  let list = el.querySelector(":scope > ul.ap-overview");
  if (!list) {
    clear(el);
    list = h("ul", { class: big ? "ap-overview big" : "ap-overview" });
    el.append(list);
  }
  list.classList.toggle("dense", big && plan.goals.length > 6);  // a dozen goals still fit on one projector screen
  patch(list, plan.goals.map((g) => ({ key: g.id, sig: goalSig(plan, g), build: () => overviewCard(plan, g, ctx, { big, staff, traceUrl }) })),
    () => h("li", { class: big ? "ap-empty big" : "muted" }, t("No goals yet.")));
}

function overviewCard(plan, g, ctx, { big, staff, traceUrl }) {
  const { t } = ctx;
  return h("li", { class: "ap-goal", dataset: { goal: g.id } },
    h("h3", { class: "ap-goal-title" }, g.title),
    g.description && !big ? h("p", { class: "ap-goal-desc" }, g.description) : null,
    tagChips(g, t),
    groupMix(plan, g, t, { big }),
    h("p", { class: "ap-leads" }, h("strong", {}, t("Leads:")), " ",
      g.leads.length ? g.leads.map((pid) => personName(plan, pid, t)).join(", ") : h("span", { class: "ap-missing" }, t("no lead yet"))),
    !big && g.members.length ? h("p", { class: "ap-members small" }, h("strong", {}, t("Members:")), " ",
      g.members.map((m) => personName(plan, m.participant_id, t)).join(", ")) : null,
    g.actions.length ? h("ol", { class: "ap-actions" }, g.actions.map((a) => actionCard(plan, a, t, { traceUrl, big })))
      : h("p", { class: "muted small" }, t("No actions yet.")),
    g.commitments.length ? h("div", { class: "ap-goal-commitments" }, h("h4", {}, t("Commitments")),
      h("ul", {}, g.commitments.map((c) => h("li", {}, h("q", {}, c.text), c.by_when ? ` (${c.by_when})` : "", " · ",
        c.on_behalf === "organisation" && c.organisation ? c.organisation : personName(plan, c.participant_id, t))))) : null,
    staff ? staffTools(g, ctx) : null);
}

// An inline editor for one field of a goal, opened by a button that hides while it is open.
function goalFieldEditor(live, t, goal, field, label, multiline, buttonText) {
  const button = h("button", { type: "button", class: "button small", onclick: () => editor.open(goal[field] || "") }, buttonText);
  const editor = inlineEditor(t, { label, multiline, maxlength: field === "title" ? 200 : 2000, covers: [button],
    save: (value) => live.send("goal.update", { goal_id: goal.id, [field]: value }), onClose: () => button.focus() });
  return { button, el: editor.el };
}

function staffTools(goal, ctx) {
  const { live, t } = ctx;
  const feedback = h("span", { class: "field-error", role: "alert" });
  const send = async (kind, data) => {
    const ack = await live.send(kind, data);
    feedback.textContent = ack.ok ? "" : ack.error.message;
  };
  const title = goalFieldEditor(live, t, goal, "title", t("Title of the goal"), false, t("Rename"));
  const description = goalFieldEditor(live, t, goal, "description", t("Description of the goal"), true, t("Edit description"));
  return h("div", { class: "ap-staff-tools" },
    title.button, description.button,
    h("button", { type: "button", class: "button small danger", onclick: () => {
      if (window.confirm(t("Remove this goal?"))) send("goal.delete", { goal_id: goal.id });
    } }, t("Remove")),
    title.el, description.el, feedback);
}

// --- participant: choose a group, plan its actions ------------------------------------------------

function participantTraceUrl(live) {
  const token = live.auth && live.auth.token;
  return token ? (a) => `/p/${encodeURIComponent(token)}/plan/actions/${a.id}` : null;
}

export function participant(el, ctx) {
  ensureStyles(el);
  const { live, t } = ctx;
  const status = h("p", { class: "ap-choice", role: "status" });
  const feedback = h("p", { class: "field-error", role: "alert" });
  const mine = h("div", { class: "ap-mine" });
  const news = h("p", { class: "sr-only", "aria-live": "polite" });  // short news for screen readers
  const list = h("ul", { class: "ap-list", "aria-label": t("All goals") });
  const form = actionForm(ctx, () => watcher.get(), (message) => { feedback.textContent = message; });
  el.append(status, feedback, news, mine, form.el, h("h3", { class: "ap-all-title" }, t("All goals")), list);

  async function send(kind, data) {
    const ack = await live.send(kind, data);
    feedback.textContent = ack.ok ? "" : ack.error.message;
    return ack;
  }

  function render(plan) {
    const myGoals = plan.me.goal_ids;
    status.textContent = plan.choice.open
      ? (plan.choice.allow_multiple ? t("Choose the goals you want to work on. You may join more than one.")
        : t("Choose the goal you want to work on. You can change until the facilitator closes the choice."))
      : t("The choice is closed. Work on your plan with your group.");
    status.dataset.open = String(plan.choice.open);
    patch(mine, plan.goals.filter((x) => myGoals.includes(x.id)).map((g) => ({
      key: g.id, sig: goalSig(plan, g, plan.choice, plan.me), build: () => myGroup(plan, g) })));
    patch(list, plan.goals.map((g) => ({ key: g.id, sig: goalSig(plan, g, plan.choice, myGoals), build: () => goalChoice(plan, g, myGoals) })),
      () => h("li", { class: "muted" }, t("The facilitator has not made any goals yet.")));
  }

  function goalChoice(plan, g, myGoals) {
    const joined = myGoals.includes(g.id);
    const label = joined ? t("You are in this group") : myGoals.length && !plan.choice.allow_multiple ? t("Move to this group") : t("Join this group");
    return h("li", { class: `ap-goal${joined ? " is-mine" : ""}`, dataset: { goal: g.id } },
      h("h4", { class: "ap-goal-title" }, g.title),
      g.description ? h("p", { class: "ap-goal-desc" }, g.description) : null,
      tagChips(g, t),
      groupMix(plan, g, t),
      plan.choice.open && !joined ? h("button", { type: "button", class: "button primary big", onclick: () => send("goal.join", { goal_id: g.id }),
        "aria-label": `${label}: ${g.title}` }, label) : null,
      joined ? h("p", { class: "ap-joined" }, "✓ ", label) : null);
  }

  function myGroup(plan, g) {
    const me = plan.me.participant_id;
    const iLead = g.leads.includes(me);
    const leadEditor = iLead ? goalFieldEditor(live, t, g, "description", t("Description of the goal"), true, t("Edit description")) : null;
    const traceUrl = participantTraceUrl(live);
    return h("section", { class: "ap-my-goal", dataset: { goal: g.id }, "aria-label": t("Your group: %(title)s", { title: g.title }) },
      h("p", { class: "eyebrow" }, t("Your group")),
      h("h3", {}, g.title),
      g.common_ground_id && live.auth.token ? h("p", { class: "small" }, h("a", { class: "ap-trace",
        href: `/p/${encodeURIComponent(live.auth.token)}/plan/goals/${g.id}` }, t("Where does this goal come from?"))) : null,
      groupMix(plan, g, t),
      h("h4", {}, t("People")),
      h("ul", { class: "ap-people" }, g.members.map((m) => h("li", {},
        groupDot(groupOf(plan, m.group_id)), " ", h("span", { class: "ap-person" }, personName(plan, m.participant_id, t)),
        m.lead ? h("span", { class: "badge ap-lead-badge" }, t("lead")) : null,
        h("button", { type: "button", class: "button small", onclick: () => send("goal.lead", { goal_id: g.id, participant_id: m.participant_id, lead: !m.lead }) },
          m.lead ? t("Not lead") : m.participant_id === me ? t("I will lead") : t("Make lead"))))),
      g.leads.length ? null : h("p", { class: "ap-missing" }, t("Your group has no lead yet. Who takes it on?")),
      h("h4", {}, t("Actions")),
      g.actions.length ? h("ol", { class: "ap-actions" }, g.actions.map((a) => actionCard(plan, a, t, { traceUrl, onEdit: (x) => form.open(g.id, x) })))
        : h("p", { class: "muted" }, t("No actions yet. Add the first one.")),
      h("div", { class: "actions-bar" },
        h("button", { type: "button", class: "button primary", onclick: () => form.open(g.id, null) }, t("Add an action")),
        leadEditor ? leadEditor.button : null,
        plan.choice.open ? h("button", { type: "button", class: "button small danger", onclick: () => send("goal.leave", { goal_id: g.id }) },
          t("Leave this group")) : null),
      leadEditor ? leadEditor.el : null);
  }

  // What changed in one's own group, said once (the lists themselves update silently).
  function announce(plan, e) {
    const d = e.data;
    const mineNow = plan.me.goal_ids;
    if (e.kind === "goal.joined" && mineNow.includes(d.goal_id) && d.participant_id !== plan.me.participant_id) {
      news.textContent = t("%(name)s joined your group.", { name: personName(plan, d.participant_id, t) });
    } else if (e.kind === "action.created" && mineNow.includes(d.action.goal_id)) {
      news.textContent = t("New action in your group: %(what)s", { what: d.action.what });
    }  // goal.choice: the status line above is a live region of its own
  }

  const watcher = watchPlan(live, (plan, e) => { render(plan); form.refresh(plan); if (e) announce(plan, e); });
  return () => watcher.stop();
}

// The form to add or edit an action (one per view; it stays open while the lists around it change).
function actionForm(ctx, getPlan, showError) {
  const { live, t } = ctx;
  let goalId = null;
  let editing = null;
  const uid = Math.random().toString(36).slice(2, 8);
  const id = (name) => `ap-${name}-${uid}`;
  const what = h("textarea", { id: id("what"), name: "what", rows: "2", maxlength: "300", required: true });
  const lead = h("select", { id: id("lead"), name: "lead" });
  const leadOrg = h("input", { id: id("lead-org"), type: "text", name: "lead_org", maxlength: "160", hidden: true,
    placeholder: t("Name of the organisation"), "aria-label": t("Name of the organisation that leads") });
  const helpers = h("div", { class: "ap-helpers" });
  const orgs = h("input", { id: id("orgs"), type: "text", name: "organisations", maxlength: "600" });
  const date = h("input", { id: id("date"), type: "date", name: "when_date" });
  const horizon = h("div", { class: "choices ap-horizon", role: "radiogroup" },
    [["", t("Not decided")], ["short", t("Short term")], ["long", t("Long term")]].map(([value, label]) =>
      h("label", { class: "choice" }, h("input", { type: "radio", name: `horizon-${uid}`, value, checked: value === "" }), label)));
  const how = h("textarea", { id: id("how"), name: "how", rows: "3", maxlength: "2000" });
  const places = h("div", { class: "ap-places" });
  const error = h("p", { class: "field-error", role: "alert" });
  const heading = h("h3", { tabindex: "-1" });
  const el = h("form", { class: "ap-form card stack", hidden: true, onsubmit: save },
    heading,
    h("label", { for: id("what") }, t("What will you do?")), what,
    h("label", { for: id("lead") }, t("Who leads it?")), lead, leadOrg,
    h("fieldset", { class: "plain" }, h("legend", {}, t("Who helps?")), helpers),
    h("label", { for: id("orgs") }, t("Organisations that help (separate with commas)")), orgs,
    h("label", { for: id("date") }, t("When? A date…")), date,
    h("fieldset", { class: "plain" }, h("legend", {}, t("…or a horizon")), horizon),
    h("label", { for: id("how") }, t("How? What is needed (people, money, a place)?")), how,
    h("details", { class: "ap-places-box" }, h("summary", {}, t("Which neighbourhoods?")), places),
    error,
    h("div", { class: "actions-bar" },
      h("button", { type: "submit", class: "button primary" }, t("Save action")),
      h("button", { type: "button", class: "button", onclick: close }, t("Cancel")),
      h("button", { type: "button", class: "button danger ap-delete", onclick: remove }, t("Delete action"))));
  lead.addEventListener("change", () => { leadOrg.hidden = lead.value !== "org"; if (!leadOrg.hidden) leadOrg.focus(); });

  function fill(plan) {
    const goal = plan.goals.find((g) => g.id === goalId);
    if (!goal) { close(); return; }
    const people = editing ? editing.people : [];
    const leadEntry = people.find((p) => p.role === "lead");
    clear(lead).append(h("option", { value: "" }, t("Not decided yet")),
      ...goal.members.map((m) => h("option", { value: String(m.participant_id) }, personName(plan, m.participant_id, t))),
      h("option", { value: "org" }, t("An organisation…")));
    lead.value = leadEntry ? (leadEntry.participant_id ? String(leadEntry.participant_id) : "org") : "";
    leadOrg.value = leadEntry && !leadEntry.participant_id ? leadEntry.organisation : "";
    leadOrg.hidden = lead.value !== "org";
    const helping = new Set(people.filter((p) => p.role === "member" && p.participant_id).map((p) => p.participant_id));
    clear(helpers).append(...goal.members.map((m) => h("label", { class: "choice" },
      h("input", { type: "checkbox", value: String(m.participant_id), checked: helping.has(m.participant_id) }),
      personName(plan, m.participant_id, t))));
    orgs.value = people.filter((p) => p.role === "member" && !p.participant_id).map((p) => p.organisation).join(", ");
    const chosen = new Set(editing ? editing.neighbourhoods : []);
    clear(places).append(...plan.tags.neighbourhoods.map((n) => h("label", { class: "choice" },
      h("input", { type: "checkbox", value: n, checked: chosen.has(n) }), n)));
  }

  function open(gid, action) {
    goalId = gid;
    editing = action;
    const plan = getPlan();
    heading.textContent = action ? t("Change the action") : t("New action for: %(title)s", { title: plan.goals.find((g) => g.id === gid).title });
    what.value = action ? action.what : "";
    date.value = action && action.when_date ? action.when_date : "";
    how.value = action ? action.how : "";
    el.querySelectorAll(`input[name=horizon-${uid}]`).forEach((r) => { r.checked = r.value === ((action && action.horizon) || ""); });
    el.querySelector(".ap-delete").hidden = !action;
    error.textContent = "";
    fill(plan);
    el.hidden = false;
    el.scrollIntoView({ block: "start" });
    what.focus();
  }

  function close() {
    el.hidden = true;
    goalId = editing = null;
  }

  function people() {
    const out = [];
    if (lead.value === "org" && leadOrg.value.trim()) out.push({ organisation: leadOrg.value.trim(), role: "lead" });
    else if (lead.value && lead.value !== "org") out.push({ participant_id: Number(lead.value), role: "lead" });
    helpers.querySelectorAll("input:checked").forEach((c) => {
      if (c.value !== lead.value) out.push({ participant_id: Number(c.value), role: "member" });
    });
    const seen = new Set(out.filter((p) => p.organisation).map((p) => p.organisation.toLowerCase()));
    orgs.value.split(",").map((x) => x.trim()).filter(Boolean).forEach((name) => {
      if (!seen.has(name.toLowerCase())) { seen.add(name.toLowerCase()); out.push({ organisation: name, role: "member" }); }
    });
    return out;
  }

  async function save(ev) {
    ev.preventDefault();
    if (!what.value.trim()) { error.textContent = t("Write what you will do."); what.focus(); return; }
    const data = {
      what: what.value, how: how.value, when_date: date.value || null,
      horizon: el.querySelector(`input[name=horizon-${uid}]:checked`).value || null,
      neighbourhoods: [...places.querySelectorAll("input:checked")].map((c) => c.value),
      people: people(),
    };
    const ack = editing ? await live.send("action.update", { action_id: editing.id, ...data })
      : await live.send("action.create", { goal_id: goalId, ...data });
    if (!ack.ok) { error.textContent = ack.error.message; return; }
    close();
  }

  async function remove() {
    if (!editing || !window.confirm(t("Delete this action?"))) return;
    const ack = await live.send("action.delete", { action_id: editing.id });
    if (!ack.ok) { showError(ack.error.message); return; }
    close();
  }

  return {
    el, open, close,
    // When the plan changes under an open form: keep what the person typed, drop the form if its
    // goal or action is gone.
    refresh(plan) {
      if (el.hidden) return;
      const goal = plan.goals.find((g) => g.id === goalId);
      if (!goal || (editing && !goal.actions.some((a) => a.id === editing.id))) close();
    },
  };
}

// --- facilitator: make goals, run the choice, watch the groups --------------------------------------

export function cockpit(el, ctx) {
  ensureStyles(el);
  const { live, t } = ctx;
  const feedback = h("p", { class: "field-error", role: "alert" });
  const choiceBox = h("div", { class: "ap-choice-tools actions-bar" });
  const sources = h("div", { class: "ap-sources" });
  const overview = h("div", {});
  const title = h("input", { type: "text", name: "title", maxlength: "200", required: true, id: "ap-goal-title" });
  const description = h("textarea", { name: "description", rows: "2", maxlength: "2000", id: "ap-goal-desc" });
  const themes = h("div", { class: "ap-tag-choices" });
  const places = h("div", { class: "ap-tag-choices" });
  const goalForm = h("form", { class: "stack ap-goal-form", onsubmit: createGoal },
    h("label", { for: "ap-goal-title" }, t("Title")), title,
    h("label", { for: "ap-goal-desc" }, t("Description")), description,
    h("details", {}, h("summary", {}, t("Themes")), themes),
    h("details", {}, h("summary", {}, t("Neighbourhoods")), places),
    h("button", { type: "submit", class: "button primary" }, t("Add goal")));
  el.append(
    h("div", { class: "ap-cockpit" },
      h("section", { class: "ap-cockpit-side" },
        h("div", {}, h("h3", {}, t("Choosing action groups")), choiceBox,
          h("p", {}, h("a", { href: `/organiser/c/${live.auth.conference_id}/plan/`, target: "_blank", rel: "noopener" }, t("Open the plan overview")))),
        h("div", {}, h("h3", {}, t("Goals from the common ground")), sources),
        h("div", {}, h("h3", {}, t("A new goal")), goalForm, feedback)),
      h("section", { class: "ap-cockpit-main" }, h("h3", {}, t("Goals and their groups")), overview)));

  async function send(kind, data) {
    const ack = await live.send(kind, data);
    feedback.textContent = ack.ok ? "" : ack.error.message;
    return ack;
  }

  async function createGoal(ev) {
    ev.preventDefault();
    const ack = await send("goal.create", {
      title: title.value, description: description.value,
      themes: [...themes.querySelectorAll("input:checked")].map((c) => c.value),
      neighbourhoods: [...places.querySelectorAll("input:checked")].map((c) => c.value),
    });
    if (ack.ok) { goalForm.reset(); title.focus(); }
  }

  let tagsDrawn = false;
  function render(plan) {
    const c = plan.choice;
    clear(choiceBox).append(
      h("span", { class: `badge ${c.open ? "open" : "closed"}` }, c.open ? t("Choice open") : t("Choice closed")),
      h("button", { type: "button", class: c.open ? "button" : "button primary", onclick: () => send("goal.choice", { open: !c.open }) },
        c.open ? t("Close the choice") : t("Open the choice again")),
      h("label", { class: "check" }, h("input", { type: "checkbox", checked: c.allow_multiple,
        onchange: (ev) => send("goal.choice", { allow_multiple: ev.target.checked }) }), t("People may join more than one group")));
    const statements = plan.statements || [];
    clear(sources).append(statements.length ? h("ul", { class: "ap-source-list" }, statements.map((s) => h("li", {},
      h("span", {}, s.text),
      s.goal_id ? h("span", { class: "badge" }, t("goal made"))
        : h("button", { type: "button", class: "button small primary", onclick: () => send("goal.create", { common_ground_id: s.id }) },
          t("Make a goal")))))
      : h("p", { class: "muted small" }, t("No confirmed common ground yet.")));
    if (!tagsDrawn) {
      tagsDrawn = true;
      const box = (value, label) => h("label", { class: "check" }, h("input", { type: "checkbox", value }), label);
      clear(themes).append(...[...plan.tags.themes, ...plan.tags.prosperity].map((x) => box(x, tagText(x, t))));
      clear(places).append(...plan.tags.neighbourhoods.map((x) => box(x, x)));
    }
    renderOverview(overview, plan, ctx, { staff: true, traceUrl: (a) => `/organiser/c/${live.auth.conference_id}/plan/actions/${a.id}` });
  }

  const watcher = watchPlan(live, render);
  return () => watcher.stop();
}

// --- projector -------------------------------------------------------------------------------------

export function presenter(el, ctx) {
  ensureStyles(el);
  const box = h("div", { class: "ap-projector" });
  el.append(box);
  const watcher = watchPlan(ctx.live, (plan) => renderOverview(box, plan, ctx, { big: true }));
  return () => watcher.stop();
}

// The transition café: after the conference, newcomers catch up and join in. On their phone they see
// each goal with its actions, leads and latest news; they join a goal, suggest an action (the goal's
// leads accept or decline it, with a reason) or make a promise. Leads answer suggestions here. The
// cockpit shows the café link, opens the choice of goals and lists suggestions; the projector shows
// where we stand with the QR code to join.
//
// The model comes from the live query "follow_up" (where we stand, the plan, progress, proposals) and
// is loaded again, shortly after, whenever something it shows changes (goal., action., commitment.,
// progress., proposal., review., participant. events). review.js builds on the helpers exported here.
//
// Loaded as a page script (templates/follow_up/cafe_home.html, #cafe-root) the module starts itself.
import { clear, h } from "../dom.js";

const CSS = "/static/css/follow-up.css";
const PREFIXES = ["goal.", "action.", "commitment.", "progress.", "proposal.", "participant."];

// Replace el's children; null and false children are left out (Element.append would write "null").
export function fill(el, ...children) {
  clear(el).append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

export function ensureStyles() {
  if (!document.querySelector(`link[href="${CSS}"]`)) document.head.append(h("link", { rel: "stylesheet", href: CSS }));
}

// watchFollowUp(live, onChange) -> {get, reload, stop}: the model, kept current.
export function watchFollowUp(live, onChange) {
  let model = null;
  let timer = null;
  let stopped = false;
  async function load() {
    let reply = null;
    try { reply = await live.query("follow_up", {}); } catch { reply = null; }
    if (stopped) return;
    if (!reply || !reply.ok) { timer = setTimeout(load, 2000); return; }
    model = reply.result;
    onChange(model);
  }
  function soon() { clearTimeout(timer); timer = setTimeout(load, 150); }
  const offs = PREFIXES.map((p) => live.on(p, soon));
  offs.push(live.on("live.state", soon));
  if (live.loaded) load();
  return { get: () => model, reload: load, stop: () => { stopped = true; clearTimeout(timer); offs.forEach((off) => off()); } };
}

// mountView(el, ctx, render, {className, intro, guard}) renders the model into a body element whenever
// it changes; with guard, not while the person types in a form of this view (then on leaving it).
// Returns the cleanup function.
export function mountView(el, ctx, render, { className = "fu-body", intro = [], guard = false } = {}) {
  ensureStyles();
  const body = h("div", { class: className, "aria-live": guard ? "polite" : null }, guard ? h("p", { class: "muted" }, ctx.t("Loading…")) : null);
  el.append(...intro, body);
  let pending = null;
  const typing = () => guard && el.contains(document.activeElement) && document.activeElement.matches("textarea, input, select");
  const show = (model) => {
    if (typing()) { pending = model; return; }
    pending = null;
    render(body, model);
  };
  const onBlur = () => setTimeout(() => { if (pending && !typing()) show(pending); }, 200);
  el.addEventListener("focusout", onBlur);
  const watcher = watchFollowUp(ctx.live, show);
  return () => { watcher.stop(); el.removeEventListener("focusout", onBlur); };
}

export function statusLabel(status, t) {
  return { planned: t("Planned"), under_way: t("Under way"), done: t("Done"), stalled: t("Stalled"), stopped: t("Stopped") }[status] || status;
}

export function statusBadge(status, t) {
  return h("span", { class: `status status-${status}` }, statusLabel(status, t));
}

// A person as this screen may show them: the name, else their organisation or stakeholder group.
export function who(plan, pid, t) {
  const p = plan.people[pid];
  if (!p) return t("Someone");
  if (p.name) return p.name;
  if (p.organisation) return p.organisation;
  const g = plan.groups.find((x) => x.id === p.group_id);
  return g ? t("Someone from %(group)s", { group: g.name }) : t("A participant");
}

export function people(n, t) {
  return n === 1 ? t("1 person") : t("%(num)s people", { num: n });
}

export function latestText(u, t) {
  if (!u) return "";
  return u.done || u.next || u.said || u.help || t("Status: %(status)s", { status: statusLabel(u.status, t) });
}

// The four review questions, as a lead answers them and as everyone reads them. The labels stay English
// here (each view translates them with its own t); marker.t("...") only lets pybabel put them in the catalogue.
const marker = { t: (text) => text };
export const QUESTIONS = [
  ["said", marker.t("What we said we would do")],
  ["done", marker.t("What we have done")],
  ["next", marker.t("What we do next")],
  ["help", marker.t("What help we need")],
];

// An update; its status shows when it differs from the action's current one (``current``).
export function updateView(u, t, { big = false, current = null } = {}) {
  return h("div", { class: big ? "update big" : "update" },
    h("p", { class: "update-head" }, u.status !== current ? [statusBadge(u.status, t), " "] : null,
      h("time", { datetime: u.created_at }, t("Update of %(date)s", { date: u.created_at.slice(0, 10) }))),
    h("dl", { class: "four" }, ...QUESTIONS.filter(([k]) => u[k]).flatMap(([k, label]) => [h("dt", {}, t(label)), h("dd", {}, u[k])])));
}

// Notifications: new updates on the goals I work on.
export function newsBox(model, ctx) {
  const { live, t } = ctx;
  const news = model.progress.notifications || [];
  if (!news.length) return null;
  const titles = Object.fromEntries(model.plan.goals.flatMap((g) => g.actions.map((a) => [a.id, a.what])));
  return h("section", { class: "fu-news", "aria-labelledby": "fu-news-title" },
    h("h3", { id: "fu-news-title" }, news.length === 1 ? t("1 new update on your goal") : t("%(num)s new updates on your goals", { num: news.length })),
    h("ul", { class: "plain-list" }, ...news.slice(0, 5).map((u) => h("li", {},
      statusBadge(u.status, t), " ", h("strong", {}, titles[u.action_id] || ""), ": ", latestText(u, t)))),
    h("button", { type: "button", class: "button", onclick: () => live.send("progress.read", { update_id: news[0].id }) }, t("Mark as read")));
}

function field(id, label, input) {
  input.id = id;
  return [h("label", { for: id }, label), input];
}

// One small inline form (suggest an action / make a promise) under a goal; form.done(message) is
// called once it is sent.
function inlineForm(kind, goal, ctx) {
  const { live, t } = ctx;
  const error = h("p", { class: "field-error", role: "alert" });
  const prefix = `fu-${kind}-${goal.id}`;
  const first = h("textarea", { rows: "2", maxlength: kind === "propose" ? "300" : "500", required: true });
  const second = kind === "propose" ? h("textarea", { rows: "2", maxlength: "2000" }) : h("input", { type: "text", maxlength: "80" });
  const labels = kind === "propose"
    ? [t("Your idea for an action"), t("What is needed? (optional)"), t("Send my idea to the leads")]
    : [t("I will …"), t("By when? (optional)"), t("Make my promise")];
  const form = h("form", { class: "fu-form stack", onsubmit: async (ev) => {
    ev.preventDefault();
    error.textContent = "";
    if (!first.value.trim()) { error.textContent = kind === "propose" ? t("Write your idea.") : t("Write what you will do."); first.focus(); return; }
    const ack = kind === "propose"
      ? await live.send("proposal.make", { goal_id: goal.id, what: first.value, how: second.value })
      : await live.send("commitment.make", { goal_id: goal.id, text: first.value, by_when: second.value, on_behalf: "self" });
    if (!ack.ok) { error.textContent = ack.error.message; return; }
    form.done(kind !== "propose" ? t("Thank you. Your promise is in the plan.")
      : goal.leads.length ? t("Thank you. The leads of this goal will answer your idea.")
        : t("Thank you. This goal has no lead yet: the organisers will answer your idea."));
  } }, ...field(`${prefix}-1`, labels[0], first), ...field(`${prefix}-2`, labels[1], second), error,
  h("button", { type: "submit", class: "button primary big" }, labels[2]));
  return form;
}

// What a lead answers: suggestions for their goal, waiting for a yes or a no with a reason.
function leadQueue(model, goal, ctx, ui) {
  const { live, t } = ctx;
  const waiting = model.proposals.filter((p) => p.goal_id === goal.id && p.state === "proposed");
  if (!waiting.length) return null;
  return h("div", { class: "fu-queue" }, h("h4", {}, t("Ideas waiting for your answer")),
    h("ul", { class: "plain-list" }, ...waiting.map((p) => {
      if (!ui.reasons.has(p.id)) ui.reasons.set(p.id, h("input", { type: "text", maxlength: "500", id: `fu-reason-${p.id}`, placeholder: t("Why not? (needed to say no)") }));
      const reason = ui.reasons.get(p.id);
      const error = h("p", { class: "field-error", role: "alert" });
      return h("li", { class: "fu-proposal", dataset: { id: p.id } },
        h("p", {}, h("strong", {}, p.what), p.how ? ` · ${p.how}` : "", h("span", { class: "muted small" }, ` · ${who(model.plan, p.participant_id, t)}`)),
        h("div", { class: "row" },
          h("button", { type: "button", class: "button primary", onclick: async () => {
            const ack = await live.send("proposal.accept", { proposal_id: p.id });
            if (!ack.ok) error.textContent = ack.error.message;
          } }, t("Yes, add it to the plan")),
          h("label", { for: `fu-reason-${p.id}`, class: "sr-only" }, t("Reason")), reason,
          h("button", { type: "button", class: "button", onclick: async () => {
            if (!reason.value.trim()) { error.textContent = t("Say why, so the person understands."); reason.focus(); return; }
            const ack = await live.send("proposal.decline", { proposal_id: p.id, reason: reason.value });
            if (!ack.ok) error.textContent = ack.error.message;
          } }, t("No"))), error);
    })));
}

function myProposals(model, ctx) {
  const { t } = ctx;
  const me = model.plan.me.participant_id;
  const mine = model.proposals.filter((p) => p.participant_id === me);
  if (!mine.length) return null;
  const title = Object.fromEntries(model.plan.goals.map((g) => [g.id, g.title]));
  return h("section", { class: "fu-mine" }, h("h3", {}, t("Your ideas")),
    h("ul", { class: "plain-list" }, ...mine.map((p) => h("li", {},
      h("strong", {}, p.what), ` (${title[p.goal_id] || ""}): `,
      p.state === "proposed" ? h("span", { class: "badge" }, t("waiting for the leads"))
        : p.state === "accepted" ? h("span", { class: "status status-done" }, t("accepted: it is in the plan"))
          : h("span", {}, h("span", { class: "status status-stopped" }, t("not taken up")), " ", t("Why: %(reason)s", { reason: p.reason }))))));
}

// One goal as a card: news at a glance, actions with status, and what you can do.
// ui keeps what the person was doing across re-renders: which form is open, the forms themselves
// (with what was typed in them) and the last confirmation.
function goalCard(model, goal, ctx, ui) {
  const { open, said } = ui;
  const { live, t } = ctx;
  const plan = model.plan;
  const mine = plan.me.goal_ids.includes(goal.id);
  const lead = (model.progress.lead_goal_ids || []).includes(goal.id);
  const latest = model.progress.latest[goal.id];
  const slot = h("div", { class: "fu-slot" });
  const done = h("p", { class: "fu-done", role: "status" }, said.get(goal.id) || "");
  const finish = (msg) => { open.set(goal.id, null); said.set(goal.id, msg); clear(slot); done.textContent = msg; };
  const formFor = (kind) => {
    const key = `${kind}-${goal.id}`;
    if (!ui.forms.has(key)) ui.forms.set(key, inlineForm(kind, goal, ctx));
    const form = ui.forms.get(key);
    form.done = (msg) => { ui.forms.delete(key); finish(msg); };
    return form;
  };
  const show = (kind) => {
    open.set(goal.id, open.get(goal.id) === kind ? null : kind);
    clear(slot);
    said.delete(goal.id);
    done.textContent = "";
    if (open.get(goal.id)) slot.append(formFor(kind));
    const input = slot.querySelector("textarea");
    if (input) input.focus();
  };
  if (open.get(goal.id)) slot.append(formFor(open.get(goal.id)));
  const error = h("p", { class: "field-error", role: "alert" });
  return h("article", { class: `fu-goal${mine ? " is-mine" : ""}`, dataset: { goal: goal.id }, "aria-labelledby": `fu-goal-${goal.id}` },
    h("h3", { id: `fu-goal-${goal.id}` }, goal.title),
    goal.description ? h("p", {}, goal.description) : null,
    h("p", { class: "small muted" },
      goal.leads.length ? t("Led by %(names)s.", { names: goal.leads.map((pid) => who(plan, pid, t)).join(", ") }) + " " : "",
      goal.members.length === 1 ? t("1 person works on this.") : t("%(num)s people work on this.", { num: goal.members.length })),
    latest ? h("p", { class: "latest small" }, h("strong", {}, t("Latest news:")), " ", latestText(latest, t),
      h("span", { class: "muted" }, ` (${latest.created_at.slice(0, 10)})`)) : null,
    goal.actions.length ? h("ul", { class: "fu-actions" }, ...goal.actions.map((a) => h("li", {}, statusBadge(a.status, t), " ", a.what)))
      : h("p", { class: "small muted" }, t("No actions yet.")),
    lead ? leadQueue(model, goal, ctx, ui) : null,
    // The goal's own page (server-drawn): where it stands, printable; its leads post progress there.
    ctx.cafeKey ? h("p", { class: "small" }, h("a", { href: `/cafe/${ctx.cafeKey}/goals/${goal.id}${lead && goal.actions.length ? "#action-" + goal.actions[0].id : ""}` },
      lead ? t("Where this goal stands · post an update") : t("Where this goal stands"))) : null,
    h("div", { class: "fu-buttons" },
      mine ? h("span", { class: "badge mine" }, lead ? t("You lead this goal") : t("You are in this group"))
        : h("button", { type: "button", class: "button primary", onclick: async () => {
          const ack = await live.send("goal.join", { goal_id: goal.id });
          if (!ack.ok) error.textContent = ack.error.message;
        } }, t("Join this goal")),
      h("button", { type: "button", class: "button", "aria-expanded": String(open.get(goal.id) === "propose"), onclick: () => show("propose") }, t("Suggest an action")),
      h("button", { type: "button", class: "button", "aria-expanded": String(open.get(goal.id) === "commit"), onclick: () => show("commit") }, t("Make a promise"))),
    error, slot, done);
}

// --- participant ---------------------------------------------------------------------------------

export function participant(el, ctx) {
  const { t } = ctx;
  const ui = { open: new Map(), said: new Map(), forms: new Map(), reasons: new Map() };
  const intro = [h("h2", {}, t("What would you like to do?")),
    h("p", { class: "muted" }, t("Join a goal, suggest an action or make a promise. The leads of a goal decide about new actions."))];
  return mountView(el, ctx, (body, model) => fill(body, newsBox(model, ctx), myProposals(model, ctx),
    ...(model.plan.goals.length ? model.plan.goals.map((g) => goalCard(model, g, ctx, ui)) : [h("p", { class: "muted" }, t("No goals yet."))])),
  { intro, guard: true });
}

// --- cockpit -------------------------------------------------------------------------------------

export function cockpit(el, ctx) {
  const { live, t } = ctx;
  return mountView(el, ctx, (body, model) => {
    const key = model.stand.cafe_key;
    const url = key ? `${location.origin}/cafe/${key}` : "";
    const waiting = model.proposals.filter((p) => p.state === "proposed");
    const title = Object.fromEntries(model.plan.goals.map((g) => [g.id, g.title]));
    fill(body, 
      h("div", { class: "fu-cockpit-head" },
        key ? h("img", { class: "qr", src: `/cafe/${key}/qr.svg`, alt: t("QR code that opens the café page"), width: "120", height: "120" }) : null,
        h("div", {},
          h("p", {}, model.stand.open ? h("span", { class: "badge open" }, t("The café link is open")) : h("span", { class: "badge closed" }, t("The café link is closed: open it on the follow-up page"))),
          url ? h("p", { class: "mono small" }, url) : null,
          h("p", {}, model.plan.choice.open
            ? h("button", { type: "button", class: "button", onclick: () => live.send("goal.choice", { open: false }) }, t("Stop people choosing a goal"))
            : h("button", { type: "button", class: "button primary", onclick: () => live.send("goal.choice", { open: true }) }, t("Let people choose a goal"))))),
      h("h3", {}, t("Ideas waiting for the leads (%(num)s)", { num: waiting.length })),
      h("ul", { class: "plain-list" }, ...waiting.map((p) => h("li", {}, h("strong", {}, p.what), ` · ${title[p.goal_id] || ""} · ${who(model.plan, p.participant_id, t)} `,
        h("button", { type: "button", class: "button small", onclick: () => live.send("proposal.accept", { proposal_id: p.id }) }, t("Accept")), " ",
        h("button", { type: "button", class: "button small", onclick: () => {
          const reason = window.prompt(t("Why not? (the person will read this)"));
          if (reason) live.send("proposal.decline", { proposal_id: p.id, reason });
        } }, t("Decline"))))),
      h("h3", {}, t("Goals")),
      h("ul", { class: "plain-list" }, ...model.plan.goals.map((g) => h("li", {}, h("strong", {}, g.title),
        ` · ${people(g.members.length, t)} · ${g.actions.length === 1 ? t("1 action") : t("%(num)s actions", { num: g.actions.length })}`))));
  });
}

// --- projector -----------------------------------------------------------------------------------

export function presenter(el, ctx) {
  const { t } = ctx;
  return mountView(el, ctx, (body, model) => {
    const s = model.stand;
    fill(body, 
      h("div", { class: "fu-projector-main" },
        h("p", { class: "fu-eyebrow" }, t("Where we stand")),
        h("ul", { class: "fu-totals" },
          h("li", {}, h("strong", {}, String(s.totals.common_ground)), t("things we agree on")),
          h("li", {}, h("strong", {}, String(s.totals.goals)), t("goals")),
          h("li", {}, h("strong", {}, String(s.totals.actions)), t("actions")),
          h("li", {}, h("strong", {}, String(s.totals.commitments)), t("promises"))),
        h("ol", { class: "fu-projector-goals" }, ...model.plan.goals.map((g) => h("li", {},
          h("span", { class: "fu-goal-title" }, g.title),
          h("span", { class: "fu-goal-meta" }, people(g.members.length, t), " · ",
            ...["under_way", "done", "stalled"].map((st) => {
              const n = g.actions.filter((a) => a.status === st).length;
              return n ? h("span", { class: `status status-${st}` }, `${n} ${statusLabel(st, t)}`) : null;
            })))))),
      s.cafe_key ? h("div", { class: "fu-join" }, h("img", { src: `/cafe/${s.cafe_key}/qr.svg`, alt: "", width: "260", height: "260" }),
        h("p", {}, t("New here? Scan to join the café"))) : null);
  }, { className: "fu-projector" });
}

// --- started as the café page's own script ------------------------------------------------------------

const root = typeof document !== "undefined" && document.getElementById("cafe-root");
if (root && !root.dataset.started) {
  root.dataset.started = "1";
  Promise.all([import("../live.js"), import("../i18n.js")]).then(([{ connectLive }, { t }]) => {
    const status = root.querySelector("[data-live=status]");
    const labels = { connecting: t("Connecting…"), connected: "", reconnecting: t("Connection lost. Reconnecting…"), offline: t("Offline") };
    const live = connectLive({ auth: { token: root.dataset.token }, onStatus: ({ status: s }) => {
      status.textContent = labels[s] ?? "";
      status.hidden = s === "connected";
    } });
    window.facilitatorLive = live;
    live.ready.then(() => participant(root.querySelector("[data-live=activity]"), { live, session: null, conference: live.state.conference, me: live.me, t, cafeKey: root.dataset.cafeKey }));
  });
}

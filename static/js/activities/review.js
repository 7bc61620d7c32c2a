// Review meetings: each action group reports in turn. Leads post an update per action on their phone
// (the four review questions and the status); members read their group's news. The facilitator puts
// one group at a time on the projector (progress.turn); the projector shows that group's actions with
// their latest update in large type, or an overview of all groups between turns.
import { h } from "../dom.js";
import { QUESTIONS, fill, latestText, mountView, newsBox, statusBadge, statusLabel, updateView, who } from "./transition_cafe.js";

const STATUSES = ["planned", "under_way", "done", "stalled", "stopped"];

function latestFor(model, actionId) {
  return model.progress.latest_by_action[actionId] || null;
}

// A lead's form for one action: status and the four questions. onSent() once the update is shared.
function updateForm(model, action, ctx, sent, onSent) {
  const { live, t } = ctx;
  const id = `rv-${action.id}`;
  const status = h("select", { id: `${id}-status` }, ...STATUSES.map((s) => h("option", { value: s, selected: s === action.status }, statusLabel(s, t))));
  const inputs = Object.fromEntries(QUESTIONS.map(([k]) => [k, h("textarea", { id: `${id}-${k}`, rows: "2", maxlength: "2000" })]));
  const last = latestFor(model, action.id);
  if (last && last.next) inputs.said.value = last.next; // what we said we'd do = last time's "next"
  const error = h("p", { class: "field-error", role: "alert" });
  const done = h("p", { class: "fu-done", role: "status" }, sent.get(action.id) || "");
  return h("form", { class: "fu-form stack", onsubmit: async (ev) => {
    ev.preventDefault();
    error.textContent = "";
    const data = { action_id: action.id, status: status.value, ...Object.fromEntries(QUESTIONS.map(([k]) => [k, inputs[k].value])) };
    const ack = await live.send("progress.post", data);
    if (!ack.ok) { error.textContent = ack.error.message; return; }
    QUESTIONS.forEach(([k]) => { inputs[k].value = ""; });
    done.textContent = t("Thank you. Your update is shared with your group.");
    sent.set(action.id, done.textContent);
    onSent();
  } },
  h("label", { for: `${id}-status` }, t("Status")), status,
  ...QUESTIONS.flatMap(([k, label]) => [h("label", { for: `${id}-${k}` }, t(label)), inputs[k]]),
  error, h("button", { type: "submit", class: "button primary big" }, t("Share this update")), done);
}

// --- participant -------------------------------------------------------------------------------

export function participant(el, ctx) {
  const { t } = ctx;
  const opened = new Set(); // the update forms a lead has open, kept across re-renders
  const sent = new Map(); // action id -> the last confirmation
  // action id -> its update form, kept across re-renders so that what a lead typed stays when the page
  // is redrawn after they left the field (a fresh one, with last time's "next", once it is shared)
  const forms = new Map();
  const formFor = (model, a) => {
    if (!forms.has(a.id)) forms.set(a.id, updateForm(model, a, ctx, sent, () => forms.delete(a.id)));
    return forms.get(a.id);
  };
  return mountView(el, ctx, (body, model) => {
    const plan = model.plan;
    const leads = model.progress.lead_goal_ids || [];
    const mine = plan.goals.filter((g) => plan.me.goal_ids.includes(g.id));
    const onScreen = plan.goals.find((g) => g.id === model.stand.review_goal_id);
    fill(body, 
      onScreen ? h("p", { class: "fu-onscreen" }, t("On the screen now: %(title)s", { title: onScreen.title })) : null,
      newsBox(model, ctx),
      ...(mine.length ? mine.map((g) => h("section", { class: "fu-goal is-mine", "aria-labelledby": `rv-goal-${g.id}` },
        h("h3", { id: `rv-goal-${g.id}` }, g.title),
        leads.includes(g.id) ? h("p", { class: "small" }, t("You lead this goal: tell everyone how each action is going.")) : null,
        ...g.actions.map((a) => {
          const last = latestFor(model, a.id);
          return h("article", { class: "fu-action" }, h("h4", {}, statusBadge(a.status, t), " ", a.what),
            last ? updateView(last, t, { current: a.status }) : h("p", { class: "small muted" }, t("No update yet.")),
            leads.includes(g.id) ? h("details", { open: opened.has(a.id), ontoggle: (ev) => {
              if (ev.target.open) opened.add(a.id); else opened.delete(a.id);
            } }, h("summary", {}, t("Post an update")), formFor(model, a)) : null);
        }),
        g.actions.length ? null : h("p", { class: "muted" }, t("No actions yet."))))
        : [h("p", { class: "muted" }, t("You are not in an action group. Listen to the updates, or join a goal in the café."))]));
  }, { guard: true });
}

// --- cockpit: whose turn it is ------------------------------------------------------------------------

export function cockpit(el, ctx) {
  const { live, t } = ctx;
  return mountView(el, ctx, (body, model) => {
    const goals = model.plan.goals;
    const current = model.stand.review_goal_id;
    const i = goals.findIndex((g) => g.id === current);
    const next = goals[i + 1];
    fill(body, 
      h("div", { class: "row" },
        h("button", { type: "button", class: "button primary", disabled: !goals.length,
          onclick: () => live.send("progress.turn", { goal_id: i === -1 ? (goals[0] || {}).id ?? null : next ? next.id : null }) },
        i === -1 ? t("Start with the first group") : next ? t("Next group: %(title)s", { title: next.title }) : t("Done: back to the overview")),
        h("button", { type: "button", class: "button", onclick: () => live.send("progress.turn", { goal_id: null }) }, t("Show the overview"))),
      h("ol", { class: "rv-turns" }, ...goals.map((g) => {
        const latest = model.progress.latest[g.id];
        return h("li", { class: g.id === current ? "is-current" : "" },
          h("button", { type: "button", class: "button small", "aria-pressed": String(g.id === current),
            onclick: () => live.send("progress.turn", { goal_id: g.id }) }, t("Show")), " ",
          h("strong", {}, g.title), " ",
          h("span", { class: "small muted" }, latest ? `${latest.created_at.slice(0, 10)}: ${latestText(latest, t)}` : t("No update yet.")));
      })));
  });
}

// --- projector: one group's update at a time ---------------------------------------------------------------

export function presenter(el, ctx) {
  const { t } = ctx;
  return mountView(el, ctx, (body, model) => {
    const plan = model.plan;
    const goal = plan.goals.find((g) => g.id === model.stand.review_goal_id);
    if (!goal) {
      fill(body, h("div", { class: "fu-projector-main" }, h("p", { class: "fu-eyebrow" }, t("Progress")),
        h("ol", { class: "fu-projector-goals" }, ...plan.goals.map((g) => h("li", {}, h("span", { class: "fu-goal-title" }, g.title),
          h("span", { class: "fu-goal-meta" }, ...STATUSES.map((st) => {
            const n = g.actions.filter((a) => a.status === st).length;
            return n ? h("span", { class: `status status-${st}` }, `${n} ${statusLabel(st, t)}`) : null;
          })))))));
      return;
    }
    fill(body, h("div", { class: "fu-projector-main" },
      h("p", { class: "fu-eyebrow" }, t("Action group")),
      h("h2", { class: "rv-title" }, goal.title),
      goal.leads.length ? h("p", { class: "rv-leads" }, t("Led by %(names)s.", { names: goal.leads.map((pid) => who(plan, pid, t)).join(", ") })) : null,
      h("div", { class: "rv-actions" }, ...goal.actions.map((a) => {
        const last = latestFor(model, a.id);
        return h("article", { class: "rv-action" }, h("h3", {}, statusBadge(a.status, t), " ", a.what),
          last ? updateView(last, t, { big: true, current: a.status }) : h("p", { class: "muted" }, t("No update yet.")));
      }), goal.actions.length ? null : h("p", { class: "muted" }, t("No actions yet.")))));
  }, { className: "fu-projector rv" });
}

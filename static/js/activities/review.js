// Review meetings: each action group reports in turn. Leads post an update per action on their phone
// (the four review questions and the status); members read their group's news. The facilitator puts
// one group at a time on the projector (progress.turn); the projector shows that group's actions with
// their latest update in large type, or an overview of all groups between turns.
import { lang } from "../i18n.js";
import { html, useLayoutEffect, useRef, useState } from "../ui/view.js";
import { dateText } from "../words.js";
import { SharedText } from "../ui/components.js";
import { FU, NewsBox, QUESTIONS, StatusBadge, StatusCounts, UpdateView, latestText, statusLabel, useFollowUp, who } from "./transition_cafe.js";

export { followUp as reducer } from "../state/follow_up.js";

const STATUSES = ["planned", "under_way", "done", "stalled", "stopped"];

function latestFor(model, actionId) {
  return model.progress.latest_by_action[actionId] || null;
}

// A lead's form for one action: status and the four questions. Keyed by action: what a lead typed
// stays while the model is loaded again; once shared, a fresh form (with last time's "next").
function UpdateForm({ live, model, action, t, onSent }) {
  const [error, setError] = useState("");
  const form = useRef(null);
  const id = `rv-${action.id}`;
  useLayoutEffect(() => {
    const last = latestFor(model, action.id);
    form.current.querySelector(`#${id}-status`).value = action.status;
    if (last && last.next) form.current.querySelector(`#${id}-said`).value = last.next; // what we said we'd do = last time's "next"
  }, []);
  return html`<form class="fu-form stack" ref=${form} onSubmit=${async (ev) => {
    ev.preventDefault();
    setError("");
    const f = form.current;
    const data = { action_id: action.id, status: f.querySelector(`#${id}-status`).value,
      ...Object.fromEntries(QUESTIONS.map(([k]) => [k, f.querySelector(`#${id}-${k}`).value])) };
    const ack = await live.send("progress.post", data);
    if (!ack.ok) { setError(ack.error.message); return; }
    onSent(t("Thank you. Your update is shared with your group."));
  }}>
    <label for=${`${id}-status`}>${t("Status")}</label>
    <select id=${`${id}-status`}>${STATUSES.map((s) => html`<option key=${s} value=${s}>${statusLabel(s, t)}</option>`)}</select>
    ${QUESTIONS.map(([k, label]) => html`<label key=${`l${k}`} for=${`${id}-${k}`}>${t(label)}</label><${SharedText} key=${`f${k}`} id=${`${id}-${k}`} autosave=${false} rows="2" maxlength="2000" value="" />`)}
    <p class="field-error" role="alert">${error}</p>
    <button type="submit" class="button primary big">${t("Share this update")}</button>
  </form>`;
}

function Action({ live, model, a, lead, t }) {
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState({ n: 0, message: "" });
  const last = latestFor(model, a.id);
  return html`<article class="fu-action"><h4><${StatusBadge} status=${a.status} t=${t} /> ${a.what}</h4>
    ${last ? html`<${UpdateView} u=${last} t=${t} current=${a.status} />` : html`<p class="small muted">${t("No update yet.")}</p>`}
    ${lead ? html`<details open=${open} onToggle=${(ev) => setOpen(ev.target.open)}><summary>${t("Post an update")}</summary>
      <${UpdateForm} key=${sent.n} live=${live} model=${model} action=${a} t=${t} onSent=${(message) => setSent({ n: sent.n + 1, message })} />
      <p class="fu-done" role="status">${sent.message}</p></details>` : null}
  </article>`;
}

// --- participant -------------------------------------------------------------------------------
function Participant({ live, t }) {
  const model = useFollowUp(live);
  if (!model) return html`<${FU} model=${model} t=${t} live />`;
  const plan = model.plan;
  const leads = model.progress.lead_goal_ids || [];
  const mine = plan.goals.filter((g) => plan.me.goal_ids.includes(g.id));
  const onScreen = plan.goals.find((g) => g.id === model.stand.review_goal_id);
  return html`<${FU} model=${model} t=${t} live>
    ${onScreen ? html`<p class="fu-onscreen">${t("On the screen now: %(title)s", { title: onScreen.title })}</p>` : null}
    <${NewsBox} live=${live} model=${model} t=${t} />
    ${mine.length ? mine.map((g) => html`<section key=${g.id} class="fu-goal is-mine" aria-labelledby=${`rv-goal-${g.id}`}>
      <h3 id=${`rv-goal-${g.id}`}>${g.title}</h3>
      ${leads.includes(g.id) ? html`<p class="small">${t("You lead this goal: tell everyone how each action is going.")}</p>` : null}
      ${g.actions.map((a) => html`<${Action} key=${a.id} live=${live} model=${model} a=${a} lead=${leads.includes(g.id)} t=${t} />`)}
      ${g.actions.length ? null : html`<p class="muted">${t("No actions yet.")}</p>`}
    </section>`) : html`<p class="muted">${t("You are not in an action group. Listen to the updates, or join a goal in the café.")}</p>`}
  <//>`;
}

// --- cockpit: whose turn it is ------------------------------------------------------------------------
function Cockpit({ live, t }) {
  const model = useFollowUp(live);
  if (!model) return html`<${FU} model=${model} t=${t} />`;
  const goals = model.plan.goals;
  const current = model.stand.review_goal_id;
  const i = goals.findIndex((g) => g.id === current);
  const next = goals[i + 1];
  return html`<${FU} model=${model} t=${t}>
    <div class="row">
      <button type="button" class="button primary" disabled=${!goals.length}
        onClick=${() => live.send("progress.turn", { goal_id: i === -1 ? (goals[0] || {}).id ?? null : next ? next.id : null })}>
        ${i === -1 ? t("Start with the first group") : next ? t("Next group: %(title)s", { title: next.title }) : t("Done: back to the overview")}</button>
      <button type="button" class="button" onClick=${() => live.send("progress.turn", { goal_id: null })}>${t("Show the overview")}</button>
    </div>
    <ol class="rv-turns">${goals.map((g) => {
      const latest = model.progress.latest[g.id];
      return html`<li key=${g.id} class=${g.id === current ? "is-current" : ""}>
        <button type="button" class="button small" aria-pressed=${String(g.id === current)} onClick=${() => live.send("progress.turn", { goal_id: g.id })}>${t("Show")}</button>${" "}
        <strong>${g.title}</strong>${" "}
        <span class="small muted">${latest ? `${dateText(latest.created_at, lang)}: ${latestText(latest, t)}` : t("No update yet.")}</span></li>`;
    })}</ol>
  <//>`;
}

// --- projector: one group's update at a time ---------------------------------------------------------------
function Presenter({ live, t }) {
  const model = useFollowUp(live);
  if (!model) return html`<${FU} model=${model} t=${t} cls="fu-projector rv" />`;
  const plan = model.plan;
  const goal = plan.goals.find((g) => g.id === model.stand.review_goal_id);
  if (!goal) {
    return html`<${FU} model=${model} t=${t} cls="fu-projector rv"><div class="fu-projector-main"><p class="fu-eyebrow">${t("Progress")}</p>
      <ol class="fu-projector-goals">${plan.goals.map((g) => html`<li key=${g.id}><span class="fu-goal-title">${g.title}</span>
        <span class="fu-goal-meta"><${StatusCounts} g=${g} t=${t} statuses=${STATUSES} /></span></li>`)}</ol></div><//>`;
  }
  return html`<${FU} model=${model} t=${t} cls="fu-projector rv"><div class="fu-projector-main">
    <p class="fu-eyebrow">${t("Action group")}</p>
    <h2 class="rv-title">${goal.title}</h2>
    ${goal.leads.length ? html`<p class="rv-leads">${t("Led by %(names)s.", { names: goal.leads.map((pid) => who(plan, pid, t)).join(", ") })}</p>` : null}
    <div class="rv-actions">
      ${goal.actions.map((a) => {
        const last = latestFor(model, a.id);
        return html`<article key=${a.id} class="rv-action"><h3><${StatusBadge} status=${a.status} t=${t} /> ${a.what}</h3>
          ${last ? html`<${UpdateView} u=${last} t=${t} big current=${a.status} />` : html`<p class="muted">${t("No update yet.")}</p>`}</article>`;
      })}
      ${goal.actions.length ? null : html`<p class="muted">${t("No actions yet.")}</p>`}
    </div>
  </div><//>`;
}

export const views = { participant: Participant, cockpit: Cockpit, presenter: Presenter };

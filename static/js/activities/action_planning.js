// Action planning: the facilitator makes goals (from the confirmed common ground or new), opens the
// choice, and everyone joins one goal group (or several, when allowed). Each group sees its mix of
// stakeholder groups ("no one from business yet"), chooses its leads and plans its actions (what,
// who leads, who helps, when, how, where). The projector and the overview show every goal with its
// group, leads, actions and commitments. The plan is part "plan" (live query of the same name), kept
// by the one store (reducer in static/js/state/plan.js); commitments.js and the plan overview page
// (templates/plan/_overview_script.html) use the same part.
import { lang } from "../i18n.js";
import { html, isStaff, useEffect, useLayoutEffect, useRef, useState, useStylesheet } from "../ui/view.js";
import { dateText } from "../words.js";
import { InlineEditor, SharedText } from "../ui/components.js";
import { usePart } from "../ui/screen.js";

export { plan as reducer } from "../state/plan.js";

export const CSS = "/static/css/activities-actions.css";

export function usePlan(live) {
  return usePart(live, "plan");
}

// The activity's frame: its stylesheet, nothing shown before it is in effect (no flash of unstyled
// content on the projector); "Loading…" until the plan is there.
export function AP({ plan, t, cls = "", children }) {
  const ready = useStylesheet(CSS);
  if (!plan) return html`<p class="muted">${t("Loading…")}</p>`;
  return html`<div class=${cls} style=${ready ? null : { visibility: "hidden" }}>${children}</div>`;
}

// [feedback, send]: the server's refusal, if any, for the line under the view.
function useFeedback(live) {
  const [feedback, setFeedback] = useState("");
  const send = async (kind, data) => {
    const ack = await live.send(kind, data);
    setFeedback(ack.ok ? "" : ack.error.message);
    return ack;
  };
  return [feedback, send, setFeedback];
}

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

export function GroupDot({ group }) {
  return html`<span class="dot" style=${{ background: group ? group.colour : "#9aa5b1" }} aria-hidden="true"></span>`;
}

function who(plan, entry, t) {
  return entry.participant_id ? personName(plan, entry.participant_id, t) : entry.organisation;
}

export function whenText(action, t) {
  const horizon = { short: t("short term"), long: t("long term") }[action.horizon];
  if (action.when_date && horizon) return `${dateText(action.when_date, lang)} (${horizon})`;
  return action.when_date ? dateText(action.when_date, lang) : horizon || "";
}

// Translated broad-prosperity theme names (stored in English); other tags are shown as typed.
export function tagText(tag, t) {
  return t(tag);
}

export function goalTitle(plan, id, t) {
  const g = plan.goals.find((x) => x.id === id);
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
export function GroupMix({ plan, goal, t, big = false }) {
  const counts = new Map();
  goal.members.forEach((m) => counts.set(m.group_id, (counts.get(m.group_id) || 0) + 1));
  const present = plan.groups.filter((g) => counts.has(g.id));
  const missing = plan.groups.filter((g) => !counts.has(g.id));
  return html`<div class=${big ? "ap-mix big" : "ap-mix"}>
    <p class="ap-count">${goal.members.length === 1 ? t("1 person") : t("%(num)s people", { num: goal.members.length })}</p>
    ${present.length ? html`<ul class="ap-groups" aria-label=${t("Stakeholder groups in this group")}>${present.map((g) => html`<li key=${g.id}>
      <${GroupDot} group=${g} />${` ${g.name} `}<strong>${String(counts.get(g.id))}</strong></li>`)}</ul>` : null}
    ${missing.length ? html`<p class="ap-gaps"><span class="ap-gap-label">${t("No one here yet from:")}</span>${" "}
      ${missing.map((g, i) => html`<span key=${g.id} class="ap-gap"><${GroupDot} group=${g} />${"\u00a0"}${g.name}${i < missing.length - 1 ? "," : ""}</span>${i < missing.length - 1 ? " " : ""}`)}</p>` : null}
  </div>`;
}

function TagChips({ goal, t }) {
  const tags = [...goal.themes.map((x) => tagText(x, t)), ...goal.neighbourhoods];
  return tags.length ? html`<ul class="ap-tags" aria-label=${t("Themes")}>${tags.map((x) => html`<li key=${x}>${x}</li>`)}</ul>` : null;
}

function ActionCard({ plan, a, t, traceUrl, onEdit, big }) {
  const leads = a.people.filter((p) => p.role === "lead");
  const helpers = a.people.filter((p) => p.role !== "lead");
  const when = whenText(a, t);
  if (big) { // the projector: one line per action, readable from the back of the room
    return html`<li class="ap-action" data-id=${a.id}><span class="ap-action-what">${a.what}</span>
      ${leads.length ? html`<span class="ap-action-lead">${` · ${leads.map((p) => who(plan, p, t)).join(", ")}`}</span>` : null}
      ${when ? html`<span class="ap-action-when">${` · ${when}`}</span>` : null}</li>`;
  }
  const fact = (label, value) => html`<dt>${label}</dt><dd>${value}</dd>`;
  return html`<li class="ap-action" data-id=${a.id}>
    <p class="ap-action-what">${a.what}</p>
    <dl class="ap-facts">
      ${leads.length ? fact(t("Lead"), leads.map((p) => who(plan, p, t)).join(", ")) : null}
      ${helpers.length ? fact(t("With"), helpers.map((p) => who(plan, p, t)).join(", ")) : null}
      ${when ? fact(t("When"), when) : null}
      ${a.how ? fact(t("How"), a.how) : null}
      ${a.neighbourhoods.length ? fact(t("Where"), a.neighbourhoods.join(", ")) : null}
    </dl>
    ${onEdit || traceUrl ? html`<div class="ap-action-tools">
      ${onEdit ? html`<button type="button" class="button small" onClick=${() => onEdit(a)}>${t("Edit")}</button>` : null}
      ${traceUrl ? html`<a class="ap-trace" href=${traceUrl(a)}>${t("Where does this come from?")}</a>` : null}</div>` : null}
  </li>`;
}

// An inline editor for one field of a goal, opened by a button that hides while it is open.
function GoalFieldEditor({ live, t, goal, field, label, multiline, buttonText }) {
  const [editing, setEditing] = useState(false);
  const button = useRef(null);
  return html`<button type="button" class="button small" ref=${button} hidden=${editing} onClick=${() => setEditing(true)}>${buttonText}</button>
    ${editing ? html`<${InlineEditor} label=${label} multiline=${multiline} maxlength=${field === "title" ? 200 : 2000} value=${goal[field] || ""}
      save=${(value) => live.send("goal.update", { goal_id: goal.id, [field]: value })}
      shared=${field === "description" ? { live, doc: `goal:${goal.id}:description` } : null}
      onClose=${() => { setEditing(false); setTimeout(() => button.current && button.current.focus(), 0); }} />` : null}`;
}

function StaffTools({ live, goal, t }) {
  const [feedback, send] = useFeedback(live);
  return html`<div class="ap-staff-tools">
    <${GoalFieldEditor} live=${live} t=${t} goal=${goal} field="title" label=${t("Title of the goal")} multiline=${false} buttonText=${t("Rename")} />
    <${GoalFieldEditor} live=${live} t=${t} goal=${goal} field="description" label=${t("Description of the goal")} multiline buttonText=${t("Edit description")} />
    <button type="button" class="button small danger" onClick=${() => {
      if (window.confirm(t("Remove this goal?"))) send("goal.delete", { goal_id: goal.id });
    }}>${t("Remove")}</button>
    <span class="field-error" role="alert">${feedback}</span>
  </div>`;
}

// --- the overview: every goal with its group, leads, actions and commitments -----------------------
function OverviewCard({ live, plan, g, t, big, staff, traceUrl }) {
  return html`<li class="ap-goal" data-goal=${g.id}>
    <${big ? "h2" : "h3"} class="ap-goal-title">${g.title}<//>
    ${g.description && !big ? html`<p class="ap-goal-desc">${g.description}</p>` : null}
    <${TagChips} goal=${g} t=${t} />
    <${GroupMix} plan=${plan} goal=${g} t=${t} big=${big} />
    <p class="ap-leads"><strong>${t("Leads:")}</strong>${" "}${g.leads.length ? g.leads.map((pid) => personName(plan, pid, t)).join(", ")
      : html`<span class="ap-missing">${t("no lead yet")}</span>`}</p>
    ${!big && g.members.length ? html`<p class="ap-members small"><strong>${t("Members:")}</strong> ${g.members.map((m) => personName(plan, m.participant_id, t)).join(", ")}</p>` : null}
    ${g.actions.length ? html`<ol class="ap-actions">${g.actions.map((a) => html`<${ActionCard} key=${a.id} plan=${plan} a=${a} t=${t} traceUrl=${traceUrl} big=${big} />`)}</ol>`
      : html`<p class="muted small ap-empty-actions">${t("No actions yet.")}</p>`}
    ${g.commitments.length ? html`<div class="ap-goal-commitments"><${big ? "h3" : "h4"}>${t("Commitments")}<//>
      <ul>${g.commitments.map((c) => html`<li key=${c.id}><q>${c.text}</q>${c.by_when ? ` (${c.by_when})` : ""}${" · "}${
        c.on_behalf === "organisation" && c.organisation ? c.organisation : personName(plan, c.participant_id, t)}</li>`)}</ul></div>` : null}
    ${staff ? html`<${StaffTools} live=${live} goal=${g} t=${t} />` : null}
  </li>`;
}

export function Overview({ live, plan, t, big = false, staff = false, traceUrl = null }) {
  // a dozen goals still fit on one projector screen
  return html`<ul class=${`${big ? "ap-overview big" : "ap-overview"}${big && plan.goals.length > 6 ? " dense" : ""}`}>
    ${plan.goals.map((g) => html`<${OverviewCard} key=${g.id} live=${live} plan=${plan} g=${g} t=${t} big=${big} staff=${staff} traceUrl=${traceUrl} />`)}
    ${plan.goals.length ? null : html`<li key="empty" class=${big ? "ap-empty big" : "muted"}>${t("No goals yet.")}</li>`}
  </ul>`;
}

// --- participant: choose a group, plan its actions ------------------------------------------------
function participantTraceUrl(live) {
  const token = live.auth && live.auth.token;
  return token ? (a) => `/p/${encodeURIComponent(token)}/plan/actions/${a.id}` : null;
}

function GoalChoice({ plan, g, t, send }) {
  const myGoals = plan.me.goal_ids;
  const joined = myGoals.includes(g.id);
  const label = joined ? t("You are in this group") : myGoals.length && !plan.choice.allow_multiple ? t("Move to this group") : t("Join this group");
  return html`<li class=${`ap-goal${joined ? " is-mine" : ""}`} data-goal=${g.id}>
    <h4 class="ap-goal-title">${g.title}</h4>
    ${g.description ? html`<p class="ap-goal-desc">${g.description}</p>` : null}
    <${TagChips} goal=${g} t=${t} />
    <${GroupMix} plan=${plan} goal=${g} t=${t} />
    ${plan.choice.open && !joined ? html`<button type="button" class="button primary big" onClick=${() => send("goal.join", { goal_id: g.id })}
      aria-label=${`${label}: ${g.title}`}>${label}</button>` : null}
    ${joined ? html`<p class="ap-joined">✓ ${label}</p>` : null}
  </li>`;
}

function MyGroup({ live, plan, g, t, staff, send, openForm }) {
  const me = plan.me.participant_id;
  const iLead = g.leads.includes(me);
  // who leads is chosen by the group's leads and the facilitators; every member may take it up or step down
  const mayChoose = (m) => staff || iLead || m.participant_id === me;
  const traceUrl = participantTraceUrl(live);
  return html`<section class="ap-my-goal" data-goal=${g.id} aria-label=${t("Your group: %(title)s", { title: g.title })}>
    <p class="eyebrow">${t("Your group")}</p>
    <h3>${g.title}</h3>
    ${g.common_ground_id && live.auth.token ? html`<p class="small"><a class="ap-trace" href=${`/p/${encodeURIComponent(live.auth.token)}/plan/goals/${g.id}`}>
      ${t("Where does this goal come from?")}</a></p>` : null}
    <${GroupMix} plan=${plan} goal=${g} t=${t} />
    <h4>${t("People")}</h4>
    <ul class="ap-people">${g.members.map((m) => html`<li key=${m.participant_id}>
      <${GroupDot} group=${groupOf(plan, m.group_id)} />${" "}<span class="ap-person">${personName(plan, m.participant_id, t)}</span>
      ${m.lead ? html`<span class="badge ap-lead-badge">${t("lead")}</span>` : null}
      ${mayChoose(m) ? html`<button type="button" class="button small" onClick=${() => send("goal.lead", { goal_id: g.id, participant_id: m.participant_id, lead: !m.lead })}>
        ${m.lead ? t("Not lead") : m.participant_id === me ? t("I will lead") : t("Make lead")}</button>` : null}</li>`)}</ul>
    ${g.leads.length ? null : html`<p class="ap-missing">${t("Your group has no lead yet. Who takes it on?")}</p>`}
    <h4>${t("Actions")}</h4>
    ${g.actions.length ? html`<ol class="ap-actions">${g.actions.map((a) => html`<${ActionCard} key=${a.id} plan=${plan} a=${a} t=${t} traceUrl=${traceUrl} onEdit=${(x) => openForm(g.id, x)} />`)}</ol>`
      : html`<p class="muted">${t("No actions yet. Add the first one.")}</p>`}
    <div class="actions-bar">
      <button type="button" class="button primary" onClick=${() => openForm(g.id, null)}>${t("Add an action")}</button>
      <${GoalFieldEditor} live=${live} t=${t} goal=${g} field="description" label=${t("Description of the goal")} multiline buttonText=${t("Edit description")} />
      ${plan.choice.open ? html`<button type="button" class="button small danger" onClick=${() => send("goal.leave", { goal_id: g.id })}>${t("Leave this group")}</button>` : null}
    </div>
  </section>`;
}

// The form to add or edit an action (one per view). Its fields are the browser's (not controlled):
// filled once when it opens, they stay as typed while the lists around them change; the lead and
// helper choices are keyed by person, so someone joining the group adds a choice without touching
// the ones made.
let formIds = 0;
function ActionForm({ live, plan, goalId, editing, t, close, showError }) {
  const uid = useRef(`f${(formIds += 1)}`).current;
  const id = (name) => `ap-${name}-${uid}`;
  const form = useRef(null);
  const what = useRef(null);
  const [lead, setLead] = useState(() => {
    const l = editing && editing.people.find((p) => p.role === "lead");
    return l ? (l.participant_id ? String(l.participant_id) : "org") : "";
  });
  const [error, setError] = useState("");
  const goal = plan.goals.find((g) => g.id === goalId);
  const people = editing ? editing.people : [];
  const leadEntry = people.find((p) => p.role === "lead");
  const helping = new Set(people.filter((p) => p.role === "member" && p.participant_id).map((p) => p.participant_id));
  const chosen = new Set(editing ? editing.neighbourhoods : []);
  useLayoutEffect(() => { form.current.scrollIntoView({ block: "start" }); what.current.focus(); }, []);
  // The goal or the action went away under the open form: the form goes too.
  const gone = !goal || (editing && !goal.actions.some((a) => a.id === editing.id));
  useEffect(() => { if (gone) close(); }, [gone]);
  if (!goal) return null;

  function collectPeople(f) {
    const out = [];
    const leadOrg = f.querySelector("[name=lead_org]").value.trim();
    if (lead === "org" && leadOrg) out.push({ organisation: leadOrg, role: "lead" });
    else if (lead && lead !== "org") out.push({ participant_id: Number(lead), role: "lead" });
    f.querySelectorAll(".ap-helpers input:checked").forEach((c) => {
      if (c.value !== lead) out.push({ participant_id: Number(c.value), role: "member" });
    });
    const seen = new Set(out.filter((p) => p.organisation).map((p) => p.organisation.toLowerCase()));
    f.querySelector("[name=organisations]").value.split(",").map((x) => x.trim()).filter(Boolean).forEach((name) => {
      if (!seen.has(name.toLowerCase())) { seen.add(name.toLowerCase()); out.push({ organisation: name, role: "member" }); }
    });
    return out;
  }

  async function save(ev) {
    ev.preventDefault();
    const f = form.current;
    if (!what.current.value.trim()) { setError(t("Write what you will do.")); what.current.focus(); return; }
    const data = {
      what: what.current.value, how: f.querySelector("[name=how]").value, when_date: f.querySelector("[name=when_date]").value || null,
      horizon: f.querySelector(`input[name=horizon-${uid}]:checked`).value || null,
      neighbourhoods: [...f.querySelectorAll(".ap-places input:checked")].map((c) => c.value),
      people: collectPeople(f),
    };
    // An existing action's what and how are shared texts, saved keystroke by keystroke (below).
    if (editing) { delete data.what; delete data.how; }
    const ack = editing ? await live.send("action.update", { action_id: editing.id, ...data })
      : await live.send("action.create", { goal_id: goalId, ...data });
    if (!ack.ok) { setError(ack.error.message); return; }
    close();
  }

  async function remove() {
    if (!editing || !window.confirm(t("Delete this action?"))) return;
    const ack = await live.send("action.delete", { action_id: editing.id });
    if (!ack.ok) { showError(ack.error.message); return; }
    close();
  }

  return html`<form class="ap-form card stack" ref=${form} onSubmit=${save}>
    <h3 tabindex="-1">${editing ? t("Change the action") : t("New action for: %(title)s", { title: goal.title })}</h3>
    <label for=${id("what")}>${t("What will you do?")}</label>
    <${SharedText} id=${id("what")} fieldRef=${what} autosave=${false} name="what" rows="2" maxlength="300" required value=${editing ? editing.what : ""}
      shared=${editing ? { live, doc: `action:${editing.id}:what` } : null} />
    <label for=${id("lead")}>${t("Who leads it?")}</label>
    <select id=${id("lead")} name="lead" value=${lead} onChange=${(ev) => setLead(ev.target.value)}>
      <option value="">${t("Not decided yet")}</option>
      ${goal.members.map((m) => html`<option key=${m.participant_id} value=${String(m.participant_id)}>${personName(plan, m.participant_id, t)}</option>`)}
      <option value="org">${t("An organisation…")}</option>
    </select>
    <input id=${id("lead-org")} type="text" name="lead_org" maxlength="160" hidden=${lead !== "org"} placeholder=${t("Name of the organisation")}
      aria-label=${t("Name of the organisation that leads")} defaultValue=${leadEntry && !leadEntry.participant_id ? leadEntry.organisation : ""} />
    <fieldset class="plain"><legend>${t("Who helps?")}</legend><div class="ap-helpers">
      ${goal.members.map((m) => html`<label key=${m.participant_id} class="choice"><input type="checkbox" value=${String(m.participant_id)}
        defaultChecked=${helping.has(m.participant_id)} />${personName(plan, m.participant_id, t)}</label>`)}
    </div></fieldset>
    <label for=${id("orgs")}>${t("Organisations that help (separate with commas)")}</label>
    <input id=${id("orgs")} type="text" name="organisations" maxlength="600"
      defaultValue=${people.filter((p) => p.role === "member" && !p.participant_id).map((p) => p.organisation).join(", ")} />
    <label for=${id("date")}>${t("When? A date…")}</label>
    <input id=${id("date")} type="date" name="when_date" defaultValue=${editing && editing.when_date ? editing.when_date : ""} />
    <fieldset class="plain"><legend>${t("…or a horizon")}</legend><div class="choices ap-horizon" role="radiogroup">
      ${[["", t("Not decided")], ["short", t("Short term")], ["long", t("Long term")]].map(([value, label]) => html`<label key=${value} class="choice">
        <input type="radio" name=${`horizon-${uid}`} value=${value} defaultChecked=${value === ((editing && editing.horizon) || "")} />${label}</label>`)}
    </div></fieldset>
    <label for=${id("how")}>${t("How? What is needed (people, money, a place)?")}</label>
    <${SharedText} id=${id("how")} autosave=${false} name="how" rows="3" maxlength="2000" value=${editing ? editing.how : ""}
      shared=${editing ? { live, doc: `action:${editing.id}:how` } : null} />
    <details class="ap-places-box"><summary>${t("Which neighbourhoods?")}</summary><div class="ap-places">
      ${plan.tags.neighbourhoods.map((n) => html`<label key=${n} class="choice"><input type="checkbox" value=${n} defaultChecked=${chosen.has(n)} />${n}</label>`)}
    </div></details>
    <p class="field-error" role="alert">${error}</p>
    <div class="actions-bar">
      <button type="submit" class="button primary">${t("Save action")}</button>
      <button type="button" class="button" onClick=${close}>${t("Cancel")}</button>
      <button type="button" class="button danger ap-delete" hidden=${!editing} onClick=${remove}>${t("Delete action")}</button>
    </div>
  </form>`;
}

function Participant({ live, me, t }) {
  const plan = usePlan(live);
  const [feedback, send, setFeedback] = useFeedback(live);
  const [news, setNews] = useState("");
  const [form, setForm] = useState(null); // {key, goalId, editing}
  // What changed in one's own group, said once (the lists themselves update silently).
  useEffect(() => {
    const announce = (e) => {
      const p = live.state.plan;
      if (!p || !p.me) return;
      const d = e.data;
      const mineNow = p.me.goal_ids;
      if (e.kind === "goal.joined" && mineNow.includes(d.goal_id) && d.participant_id !== p.me.participant_id) {
        setNews(t("%(name)s joined your group.", { name: personName(p, d.participant_id, t) }));
      } else if (e.kind === "action.created" && mineNow.includes(d.action.goal_id)) {
        setNews(t("New action in your group: %(what)s", { what: d.action.what }));
      } // goal.choice: the status line is a live region of its own
    };
    const offs = [live.on("goal.", announce), live.on("action.", announce)];
    return () => offs.forEach((off) => off());
  }, [live]);
  if (!plan) return html`<${AP} plan=${plan} t=${t} />`;
  const myGoals = plan.me.goal_ids;
  const openForm = (goalId, editing) => setForm({ key: Date.now(), goalId, editing });
  return html`<${AP} plan=${plan} t=${t}>
    <p class="ap-choice" role="status" data-open=${String(plan.choice.open)}>${plan.choice.open
      ? (plan.choice.allow_multiple ? t("Choose the goals you want to work on. You may join more than one.")
        : t("Choose the goal you want to work on. You can change until the facilitator closes the choice."))
      : t("The choice is closed. Work on your plan with your group.")}</p>
    <p class="field-error" role="alert">${feedback}</p>
    <p class="sr-only" aria-live="polite">${news}</p>
    <div class="ap-mine">${plan.goals.filter((x) => myGoals.includes(x.id)).map((g) => html`<${MyGroup} key=${g.id} live=${live} plan=${plan} g=${g} t=${t}
      staff=${isStaff(me)} send=${send} openForm=${openForm} />`)}</div>
    ${form ? html`<${ActionForm} key=${form.key} live=${live} plan=${plan} goalId=${form.goalId} editing=${form.editing} t=${t}
      close=${() => setForm(null)} showError=${setFeedback} />` : null}
    <h3 class="ap-all-title">${t("All goals")}</h3>
    <ul class="ap-list" aria-label=${t("All goals")}>
      ${plan.goals.map((g) => html`<${GoalChoice} key=${g.id} plan=${plan} g=${g} t=${t} send=${send} />`)}
      ${plan.goals.length ? null : html`<li key="none" class="muted">${t("The facilitator has not made any goals yet.")}</li>`}
    </ul>
  <//>`;
}

// --- facilitator: make goals, run the choice, watch the groups --------------------------------------
function Cockpit({ live, t }) {
  const plan = usePlan(live);
  const [feedback, send] = useFeedback(live);
  const goalForm = useRef(null);
  if (!plan) return html`<${AP} plan=${plan} t=${t} />`;
  const c = plan.choice;
  const statements = plan.statements || [];
  const box = (value, label) => html`<label key=${value} class="check"><input type="checkbox" value=${value} />${label}</label>`;
  const createGoal = async (ev) => {
    ev.preventDefault();
    const f = goalForm.current;
    const ack = await send("goal.create", {
      title: f.querySelector("[name=title]").value, description: f.querySelector("[name=description]").value,
      themes: [...f.querySelectorAll(".ap-themes input:checked")].map((x) => x.value),
      neighbourhoods: [...f.querySelectorAll(".ap-places-tags input:checked")].map((x) => x.value),
    });
    if (ack.ok) { f.reset(); f.querySelector("[name=title]").focus(); }
  };
  return html`<${AP} plan=${plan} t=${t}><div class="ap-cockpit">
    <section class="ap-cockpit-side">
      <div><h3>${t("Choosing action groups")}</h3>
        <div class="ap-choice-tools actions-bar">
          <span class=${`badge ${c.open ? "open" : "closed"}`}>${c.open ? t("Choice open") : t("Choice closed")}</span>
          <button type="button" class=${c.open ? "button" : "button primary"} onClick=${() => send("goal.choice", { open: !c.open })}>
            ${c.open ? t("Close the choice") : t("Open the choice again")}</button>
          <label class="check"><input type="checkbox" checked=${!!c.allow_multiple}
            onChange=${(ev) => send("goal.choice", { allow_multiple: ev.target.checked })} />${t("People may join more than one group")}</label>
        </div>
        <p><a href=${`/organiser/c/${live.auth.conference_id}/plan/`} target="_blank" rel="noopener">${t("Open the plan overview")}</a></p></div>
      <div><h3>${t("Goals from the common ground")}</h3><div class="ap-sources">
        ${statements.length ? html`<ul class="ap-source-list">${statements.map((s) => html`<li key=${s.id}><span>${s.text}</span>
          ${s.goal_id ? html`<span class="badge">${t("goal made")}</span>`
            : html`<button type="button" class="button small primary" onClick=${() => send("goal.create", { common_ground_id: s.id })}>${t("Make a goal")}</button>`}</li>`)}</ul>`
          : html`<p class="muted small">${t("No confirmed common ground yet.")}</p>`}</div></div>
      <div><h3>${t("A new goal")}</h3>
        <form class="stack ap-goal-form" ref=${goalForm} onSubmit=${createGoal}>
          <label for="ap-goal-title">${t("Title")}</label><input type="text" name="title" maxlength="200" required id="ap-goal-title" />
          <label for="ap-goal-desc">${t("Description")}</label><textarea name="description" rows="2" maxlength="2000" id="ap-goal-desc"></textarea>
          <details><summary>${t("Themes")}</summary><div class="ap-tag-choices ap-themes">${[...plan.tags.themes, ...plan.tags.prosperity].map((x) => box(x, tagText(x, t)))}</div></details>
          <details><summary>${t("Neighbourhoods")}</summary><div class="ap-tag-choices ap-places-tags">${plan.tags.neighbourhoods.map((x) => box(x, x))}</div></details>
          <button type="submit" class="button primary">${t("Add goal")}</button>
        </form>
        <p class="field-error" role="alert">${feedback}</p></div>
    </section>
    <section class="ap-cockpit-main"><h3>${t("Goals and their groups")}</h3>
      <div><${Overview} live=${live} plan=${plan} t=${t} staff traceUrl=${(a) => `/organiser/c/${live.auth.conference_id}/plan/actions/${a.id}`} /></div>
    </section>
  </div><//>`;
}

// --- projector -------------------------------------------------------------------------------------
function Presenter({ live, t }) {
  const plan = usePlan(live);
  return html`<${AP} plan=${plan} t=${t} cls="ap-projector">${plan ? html`<${Overview} live=${live} plan=${plan} t=${t} big />` : null}<//>`;
}

export const views = { participant: Participant, cockpit: Cockpit, presenter: Presenter };

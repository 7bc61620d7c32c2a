// The transition café: after the conference, newcomers catch up and join in. On their phone they see
// each goal with its actions, leads and latest news; they join a goal, suggest an action (the goal's
// leads accept or decline it, with a reason) or make a promise. Leads answer suggestions here. The
// cockpit shows the café link, opens the choice of goals and lists suggestions; the projector shows
// where we stand with the QR code to join.
//
// The model is part "follow_up" of the one store (live query "follow_up", loaded again shortly after
// anything it shows changes: static/js/state/follow_up.js). review.js builds on the pieces here.
//
// Loaded as a page script (templates/follow_up/cafe_home.html, #cafe-root) the module starts itself.
import { lang } from "../i18n.js";
import { html, useEffect, useRef, useState, useStylesheet } from "../ui/view.js";
import { dateText } from "../words.js";
import { usePart } from "../ui/screen.js";

export { followUp as reducer } from "../state/follow_up.js";

export const CSS = "/static/css/follow-up.css";

export function useFollowUp(live) {
  return usePart(live, "follow_up");
}

// The view's frame: its stylesheet, and "Loading…" until the model is there.
export function FU({ model, t, cls = "fu-body", live: polite = false, children }) {
  useStylesheet(CSS);
  return html`<div class=${cls} aria-live=${polite ? "polite" : null}>${model ? children : html`<p class="muted">${t("Loading…")}</p>`}</div>`;
}

export function statusLabel(status, t) {
  return { planned: t("Planned"), under_way: t("Under way"), done: t("Done"), stalled: t("Stalled"), stopped: t("Stopped") }[status] || status;
}

export function StatusBadge({ status, t }) {
  return html`<span class=${`status status-${status}`}>${statusLabel(status, t)}</span>`;
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
export function UpdateView({ u, t, big = false, current = null }) {
  return html`<div class=${big ? "update big" : "update"}>
    <p class="update-head">${u.status !== current ? html`<${StatusBadge} status=${u.status} t=${t} />${" "}` : null}
      <time datetime=${u.created_at}>${t("Update of %(date)s", { date: dateText(u.created_at, lang) })}</time></p>
    <dl class="four">${QUESTIONS.filter(([k]) => u[k]).map(([k, label]) => html`<dt key=${`t${k}`}>${t(label)}</dt><dd key=${`d${k}`}>${u[k]}</dd>`)}</dl>
  </div>`;
}

// Notifications: new updates on the goals I work on.
export function NewsBox({ live, model, t }) {
  const news = model.progress.notifications || [];
  if (!news.length) return null;
  const titles = Object.fromEntries(model.plan.goals.flatMap((g) => g.actions.map((a) => [a.id, a.what])));
  return html`<section class="fu-news" aria-labelledby="fu-news-title">
    <h3 id="fu-news-title">${news.length === 1 ? t("1 new update on your goal") : t("%(num)s new updates on your goals", { num: news.length })}</h3>
    <ul class="plain-list">${news.slice(0, 5).map((u) => html`<li key=${u.id}><${StatusBadge} status=${u.status} t=${t} />${" "}
      <strong>${titles[u.action_id] || ""}</strong>: ${latestText(u, t)}</li>`)}</ul>
    <button type="button" class="button" onClick=${() => live.send("progress.read", { update_id: news[0].id })}>${t("Mark as read")}</button>
  </section>`;
}

// One small inline form (suggest an action / make a promise) under a goal; done(message) once sent.
function InlineForm({ live, kind, goal, t, done }) {
  const [error, setError] = useState("");
  const first = useRef(null);
  const second = useRef(null);
  const prefix = `fu-${kind}-${goal.id}`;
  const labels = kind === "propose"
    ? [t("Your idea for an action"), t("What is needed? (optional)"), t("Send my idea to the leads")]
    : [t("I will …"), t("By when? (optional)"), t("Make my promise")];
  return html`<form class="fu-form stack" onSubmit=${async (ev) => {
    ev.preventDefault();
    setError("");
    if (!first.current.value.trim()) { setError(kind === "propose" ? t("Write your idea.") : t("Write what you will do.")); first.current.focus(); return; }
    const ack = kind === "propose"
      ? await live.send("proposal.make", { goal_id: goal.id, what: first.current.value, how: second.current.value })
      : await live.send("commitment.make", { goal_id: goal.id, text: first.current.value, by_when: second.current.value, on_behalf: "self" });
    if (!ack.ok) { setError(ack.error.message); return; }
    done(kind !== "propose" ? t("Thank you. Your promise is in the plan.")
      : goal.leads.length ? t("Thank you. The leads of this goal will answer your idea.")
        : t("Thank you. This goal has no lead yet: the organisers will answer your idea."));
  }}>
    <label for=${`${prefix}-1`}>${labels[0]}</label>
    <textarea id=${`${prefix}-1`} ref=${first} rows="2" maxlength=${kind === "propose" ? "300" : "500"} required></textarea>
    <label for=${`${prefix}-2`}>${labels[1]}</label>
    ${kind === "propose" ? html`<textarea id=${`${prefix}-2`} ref=${second} rows="2" maxlength="2000"></textarea>`
      : html`<input id=${`${prefix}-2`} ref=${second} type="text" maxlength="80" />`}
    <p class="field-error" role="alert">${error}</p>
    <button type="submit" class="button primary big">${labels[2]}</button>
  </form>`;
}

// What a lead answers: one suggestion for their goal, a yes or a no with a reason.
function Suggestion({ live, model, p, t }) {
  const [error, setError] = useState("");
  const reason = useRef(null);
  return html`<li class="fu-proposal" data-id=${p.id}>
    <p><strong>${p.what}</strong>${p.how ? ` · ${p.how}` : ""}<span class="muted small">${` · ${who(model.plan, p.participant_id, t)}`}</span></p>
    <div class="row">
      <button type="button" class="button primary" onClick=${async () => {
        const ack = await live.send("proposal.accept", { proposal_id: p.id });
        if (!ack.ok) setError(ack.error.message);
      }}>${t("Yes, add it to the plan")}</button>
      <label for=${`fu-reason-${p.id}`} class="sr-only">${t("Reason")}</label>
      <input type="text" maxlength="500" id=${`fu-reason-${p.id}`} ref=${reason} placeholder=${t("Why not? (needed to say no)")} />
      <button type="button" class="button" onClick=${async () => {
        if (!reason.current.value.trim()) { setError(t("Say why, so the person understands.")); reason.current.focus(); return; }
        const ack = await live.send("proposal.decline", { proposal_id: p.id, reason: reason.current.value });
        if (!ack.ok) setError(ack.error.message);
      }}>${t("No")}</button>
    </div>
    <p class="field-error" role="alert">${error}</p>
  </li>`;
}

function MyProposals({ model, t }) {
  const me = model.plan.me.participant_id;
  const mine = model.proposals.filter((p) => p.participant_id === me);
  if (!mine.length) return null;
  const title = Object.fromEntries(model.plan.goals.map((g) => [g.id, g.title]));
  return html`<section class="fu-mine"><h3>${t("Your ideas")}</h3>
    <ul class="plain-list">${mine.map((p) => html`<li key=${p.id}><strong>${p.what}</strong>${` (${title[p.goal_id] || ""}): `}
      ${p.state === "proposed" ? html`<span class="badge">${t("waiting for the leads")}</span>`
        : p.state === "accepted" ? html`<span class="status status-done">${t("accepted: it is in the plan")}</span>`
          : html`<span><span class="status status-stopped">${t("not taken up")}</span> ${t("Why: %(reason)s", { reason: p.reason })}</span>`}</li>`)}</ul>
  </section>`;
}

// The café page's own link key (data-cafe-key on #cafe-root): the goal's page is under it.
const cafeKey = () => (typeof document !== "undefined" && document.getElementById("cafe-root")?.dataset.cafeKey) || null;

// One goal as a card: news at a glance, actions with status, and what you can do. Keyed by goal: the
// form that is open (and what was typed in it) stays while the model is loaded again around it.
function GoalCard({ live, model, goal, t }) {
  const [open, setOpen] = useState(null); // "propose" | "commit" | null
  const [said, setSaid] = useState("");
  const [error, setError] = useState("");
  const plan = model.plan;
  const mine = plan.me.goal_ids.includes(goal.id);
  const lead = (model.progress.lead_goal_ids || []).includes(goal.id);
  const latest = model.progress.latest[goal.id];
  const waiting = lead ? model.proposals.filter((p) => p.goal_id === goal.id && p.state === "proposed") : [];
  const show = (kind) => {
    setSaid("");
    setOpen(open === kind ? null : kind);
    setTimeout(() => { const f = document.getElementById(`fu-${kind}-${goal.id}-1`); if (f) f.focus(); }, 0);
  };
  return html`<article class=${`fu-goal${mine ? " is-mine" : ""}`} data-goal=${goal.id} aria-labelledby=${`fu-goal-${goal.id}`}>
    <h3 id=${`fu-goal-${goal.id}`}>${goal.title}</h3>
    ${goal.description ? html`<p>${goal.description}</p>` : null}
    <p class="small muted">${goal.leads.length ? t("Led by %(names)s.", { names: goal.leads.map((pid) => who(plan, pid, t)).join(", ") }) + " " : ""}${
      goal.members.length === 1 ? t("1 person works on this.") : t("%(num)s people work on this.", { num: goal.members.length })}</p>
    ${latest ? html`<p class="latest small"><strong>${t("Latest news:")}</strong> ${latestText(latest, t)}<span class="muted">${` (${dateText(latest.created_at, lang)})`}</span></p>` : null}
    ${goal.actions.length ? html`<ul class="fu-actions">${goal.actions.map((a) => html`<li key=${a.id}><${StatusBadge} status=${a.status} t=${t} /> ${a.what}</li>`)}</ul>`
      : html`<p class="small muted">${t("No actions yet.")}</p>`}
    ${cafeKey() ? html`<p class="small"><a href=${`/cafe/${cafeKey()}/goals/${goal.id}${lead && goal.actions.length ? "#action-" + goal.actions[0].id : ""}`}>${
      lead ? t("Where this goal stands · post an update") : t("Where this goal stands")}</a></p>` : null}
    ${waiting.length ? html`<div class="fu-queue"><h4>${t("Ideas waiting for your answer")}</h4>
      <ul class="plain-list">${waiting.map((p) => html`<${Suggestion} key=${p.id} live=${live} model=${model} p=${p} t=${t} />`)}</ul></div>` : null}
    <div class="fu-buttons">
      ${mine ? html`<span class="badge mine">${lead ? t("You lead this goal") : t("You are in this group")}</span>`
        : html`<button type="button" class="button primary" onClick=${async () => {
          const ack = await live.send("goal.join", { goal_id: goal.id });
          setError(ack.ok ? "" : ack.error.message);
        }}>${t("Join this goal")}</button>`}
      <button type="button" class="button" aria-expanded=${String(open === "propose")} onClick=${() => show("propose")}>${t("Suggest an action")}</button>
      <button type="button" class="button" aria-expanded=${String(open === "commit")} onClick=${() => show("commit")}>${t("Make a promise")}</button>
    </div>
    <p class="field-error" role="alert">${error}</p>
    <div class="fu-slot">${open ? html`<${InlineForm} key=${open} live=${live} kind=${open} goal=${goal} t=${t} done=${(msg) => { setOpen(null); setSaid(msg); }} />` : null}</div>
    <p class="fu-done" role="status">${said}</p>
  </article>`;
}

// --- participant ---------------------------------------------------------------------------------
function Participant({ live, t }) {
  const model = useFollowUp(live);
  return html`<h2>${t("What would you like to do?")}</h2>
    <p class="muted">${t("Join a goal, suggest an action or make a promise. The leads of a goal decide about new actions.")}</p>
    <${FU} model=${model} t=${t} live>${model ? html`
      <${NewsBox} live=${live} model=${model} t=${t} />
      <${MyProposals} model=${model} t=${t} />
      ${model.plan.goals.length ? model.plan.goals.map((g) => html`<${GoalCard} key=${g.id} live=${live} model=${model} goal=${g} t=${t} />`)
        : html`<p class="muted">${t("No goals yet.")}</p>`}` : null}<//>`;
}

// --- cockpit -------------------------------------------------------------------------------------
// One idea waiting for the leads, as the facilitator may answer it: accept, or decline with a reason
// written in an inline form (the reason is required: the person reads it).
function Waiting({ live, p, goal, by, t }) {
  const [declining, setDeclining] = useState(false);
  const [error, setError] = useState("");
  const reason = useRef(null);
  const button = useRef(null);
  const opened = useRef(false);
  // the field has the focus while the form is open; closed (Cancel, Escape), the focus goes back to Decline
  useEffect(() => {
    if (declining && reason.current) { opened.current = true; reason.current.focus(); }
    else if (!declining && opened.current && button.current) button.current.focus();
  }, [declining]);
  const fieldId = `fu-decline-${p.id}`;
  const decline = async (ev) => {
    ev.preventDefault();
    const text = reason.current.value.trim();
    if (!text) { setError(t("Say why, so the person understands.")); reason.current.focus(); return; }
    const ack = await live.send("proposal.decline", { proposal_id: p.id, reason: text });
    if (!ack.ok) { setError(ack.error.message); return; }
    setError("");
    setDeclining(false);
  };
  const cancel = () => { setDeclining(false); setError(""); };
  return html`<li class="fu-waiting-item" data-id=${p.id}><strong>${p.what}</strong>${` · ${goal} · ${by} `}
    <span class="fu-waiting-buttons" hidden=${declining}>
      <button type="button" class="button small" onClick=${async () => {
        const ack = await live.send("proposal.accept", { proposal_id: p.id });
        setError(ack.ok ? "" : ack.error.message);
      }}>${t("Accept")}</button>${" "}
      <button type="button" class="button small" ref=${button} onClick=${() => setDeclining(true)}>${t("Decline")}</button>
    </span>
    ${declining ? html`<form class="fu-decline" onSubmit=${decline} onKeyDown=${(ev) => { if (ev.key === "Escape") cancel(); }}>
      <label for=${fieldId}>${t("Why not? (the person will read this)")}</label>
      <input id=${fieldId} ref=${reason} type="text" maxlength="500" aria-required="true"
        aria-invalid=${error ? "true" : null} aria-describedby=${error ? `${fieldId}-error` : null} />
      <span class="fu-decline-buttons">
        <button type="submit" class="button small primary">${t("Decline the idea")}</button>
        <button type="button" class="button small" onClick=${cancel}>${t("Cancel")}</button>
      </span>
    </form>` : null}
    <p class="field-error" id=${`${fieldId}-error`} role="alert">${error}</p>
  </li>`;
}

function Cockpit({ live, t }) {
  const model = useFollowUp(live);
  if (!model) return html`<${FU} model=${model} t=${t} />`;
  const key = model.stand.cafe_key;
  const url = key ? `${location.origin}/cafe/${key}` : "";
  const waiting = model.proposals.filter((p) => p.state === "proposed");
  const title = Object.fromEntries(model.plan.goals.map((g) => [g.id, g.title]));
  return html`<${FU} model=${model} t=${t}>
    <div class="fu-cockpit-head">
      ${key ? html`<img class="qr" src=${`/cafe/${key}/qr.svg`} alt=${t("QR code that opens the café page")} width="120" height="120" />` : null}
      <div>
        <p>${model.stand.open ? html`<span class="badge open">${t("The café link is open")}</span>`
          : html`<span class="badge closed">${t("The café link is closed: open it on the follow-up page")}</span>`}</p>
        ${url ? html`<p class="mono small">${url}</p>` : null}
        <p>${model.plan.choice.open
          ? html`<button type="button" class="button" onClick=${() => live.send("goal.choice", { open: false })}>${t("Stop people choosing a goal")}</button>`
          : html`<button type="button" class="button primary" onClick=${() => live.send("goal.choice", { open: true })}>${t("Let people choose a goal")}</button>`}</p>
      </div>
    </div>
    <h3>${t("Ideas waiting for the leads (%(num)s)", { num: waiting.length })}</h3>
    <ul class="plain-list fu-waiting">${waiting.map((p) => html`<${Waiting} key=${p.id} live=${live} p=${p} goal=${title[p.goal_id] || ""}
      by=${who(model.plan, p.participant_id, t)} t=${t} />`)}</ul>
    <h3>${t("Goals")}</h3>
    <ul class="plain-list">${model.plan.goals.map((g) => html`<li key=${g.id}><strong>${g.title}</strong>${
      ` · ${people(g.members.length, t)} · ${g.actions.length === 1 ? t("1 action") : t("%(num)s actions", { num: g.actions.length })}`}</li>`)}</ul>
  <//>`;
}

// --- projector -----------------------------------------------------------------------------------
export function StatusCounts({ g, t, statuses }) {
  return statuses.map((st) => {
    const n = g.actions.filter((a) => a.status === st).length;
    return n ? html`<span key=${st} class=${`status status-${st}`}>${`${n} ${statusLabel(st, t)}`}</span>` : null;
  });
}

function Presenter({ live, t }) {
  const model = useFollowUp(live);
  if (!model) return html`<${FU} model=${model} t=${t} cls="fu-projector" />`;
  const s = model.stand;
  return html`<${FU} model=${model} t=${t} cls="fu-projector">
    <div class="fu-projector-main">
      <p class="fu-eyebrow">${t("Where we stand")}</p>
      <ul class="fu-totals">
        <li><strong>${String(s.totals.common_ground)}</strong>${t("things we agree on")}</li>
        <li><strong>${String(s.totals.goals)}</strong>${t("goals")}</li>
        <li><strong>${String(s.totals.actions)}</strong>${t("actions")}</li>
        <li><strong>${String(s.totals.commitments)}</strong>${t("promises")}</li>
      </ul>
      <ol class="fu-projector-goals">${model.plan.goals.map((g) => html`<li key=${g.id}><span class="fu-goal-title">${g.title}</span>
        <span class="fu-goal-meta">${people(g.members.length, t)}${" · "}<${StatusCounts} g=${g} t=${t} statuses=${["under_way", "done", "stalled"]} /></span></li>`)}</ol>
    </div>
    ${s.cafe_key ? html`<div class="fu-join"><img src=${`/cafe/${s.cafe_key}/qr.svg`} alt="" width="260" height="260" /><p>${t("New here? Scan to join the café")}</p></div>` : null}
  <//>`;
}

export const views = { participant: Participant, cockpit: Cockpit, presenter: Presenter };

// --- started as the café page's own script ------------------------------------------------------------
const root = typeof document !== "undefined" && document.getElementById("cafe-root");
if (root && !root.dataset.started) {
  root.dataset.started = "1";
  Promise.all([import("../live.js"), import("../i18n.js"), import("../ui/screen.js")]).then(([{ connectLive }, { t }, { mountInPlace, mountScreen }]) => {
    const live = connectLive({ auth: { token: root.dataset.token } });
    window.facilitatorLive = live;
    const labels = { connecting: t("Connecting…"), connected: "", reconnecting: t("Connection lost. Reconnecting…"), offline: t("Offline") };
    mountInPlace(live, root.querySelector("[data-live=status]"), ({ live: l }) => html`<p class="live-status small muted" data-live="status" role="status"
      data-status=${l.status} hidden=${l.status === "connected"}>${labels[l.status] ?? ""}</p>`);
    mountScreen(live, root.querySelector("[data-live=activity]"), (props) => html`<${Participant} ...${props} t=${t} />`);
  });
}

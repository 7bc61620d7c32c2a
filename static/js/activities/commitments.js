// Public commitments: "I will ... by ...", personally or on behalf of one's organisation, attached
// to a goal or an action. The projector shows them as they come in; the facilitator can remove one
// made by mistake; the author can take theirs back. Same part as action planning ("plan").
import { html, useLayoutEffect, useRef, useState } from "../ui/view.js";
import { AP, commitmentTarget, personName, usePlan } from "./action_planning.js";

export { plan as reducer } from "../state/plan.js";

function author(plan, c, t) {
  const name = personName(plan, c.participant_id, t);
  if (c.on_behalf === "organisation" && c.organisation) return t("%(name)s, for %(organisation)s", { name, organisation: c.organisation });
  return c.organisation ? `${name} (${c.organisation})` : name;
}

function Item({ plan, c, t, big = false, fresh = false, tools = null }) {
  return html`<li class=${`cm-item${fresh ? " is-new" : ""}`} data-id=${c.id}>
    <p class="cm-text"><q>${c.text}</q>${c.by_when ? html`<span class="cm-when">${` · ${c.by_when}`}</span>` : null}</p>
    <p class="cm-meta"><strong>${author(plan, c, t)}</strong>${big ? html`<br />` : " · "}<span class="cm-target">${commitmentTarget(plan, c, t)}</span></p>
    ${tools}
  </li>`;
}

// --- participant -------------------------------------------------------------------------------
// The form's fields are the browser's: the commitments coming in never touch what is being typed,
// and the goal chosen stays chosen (its options are keyed).
function Participant({ live, t }) {
  const plan = usePlan(live);
  const [error, setError] = useState("");
  const [done, setDone] = useState("");
  const form = useRef(null);
  const target = useRef(null);
  useLayoutEffect(() => {
    if (plan && target.current && !target.current.dataset.set) {
      target.current.dataset.set = "1";
      const myGoal = plan.me.goal_ids[0];
      target.current.value = myGoal ? `goal:${myGoal}` : "";
    }
  });
  if (!plan) return html`<${AP} plan=${plan} t=${t} />`;
  const me = plan.people[plan.me.participant_id] || {};
  const list = [...plan.commitments].reverse();
  async function submit(ev) {
    ev.preventDefault();
    const f = form.current;
    const text = f.querySelector("#cm-text");
    const byWhen = f.querySelector("#cm-when");
    setError("");
    if (!text.value.trim()) { setError(t("Write what you will do.")); text.focus(); return; }
    if (!target.current.value) { setError(t("Choose the goal or action your commitment is for.")); target.current.focus(); return; }
    const [kind, id] = target.current.value.split(":");
    // Kept in the outbox until the server has it: a commitment made while the wifi drops is not lost.
    const sent = live.send("commitment.make", {
      text: text.value, by_when: byWhen.value, on_behalf: (f.querySelector("input[name=cm-behalf]:checked") || {}).value || "self",
      [kind === "goal" ? "goal_id" : "action_id"]: Number(id),
    }, { queue: true });
    if (live.status !== "connected") setDone(t("No connection now. Your commitment is sent as soon as it is back."));
    const ack = await sent;
    if (!ack.ok) { setError(ack.error.message); return; }
    text.value = byWhen.value = "";
    setDone(t("Thank you. Your commitment is on the screen."));
  }
  const mine = list.filter((c) => c.participant_id === plan.me.participant_id);
  const others = list.filter((c) => c.participant_id !== plan.me.participant_id);
  return html`<${AP} plan=${plan} t=${t}>
    <p class="cm-intro">${t("What will you do for this plan? Say it in one sentence: I will … by …")}</p>
    <form class="cm-form stack" ref=${form} onSubmit=${submit}>
      <label for="cm-text">${t("Your commitment")}</label>
      <textarea id="cm-text" rows="3" maxlength="500" required placeholder=${t("I will …")}></textarea>
      <label for="cm-when">${t("By when?")}</label>
      <input id="cm-when" type="text" maxlength="80" placeholder=${t("e.g. 1 June, or before summer")} />
      <label for="cm-target">${t("For which goal or action?")}</label>
      <select id="cm-target" ref=${target} required>
        <option value="">${t("Choose…")}</option>
        ${plan.goals.map((g) => html`<optgroup key=${g.id} label=${g.title}>
          <option value=${`goal:${g.id}`}>${t("The goal: %(title)s", { title: g.title })}</option>
          ${g.actions.map((a) => html`<option key=${a.id} value=${`action:${a.id}`}>${a.what}</option>`)}
        </optgroup>`)}
      </select>
      <fieldset class="plain"><legend>${t("Who makes it?")}</legend><div class="choices" role="radiogroup">
        <label class="choice"><input type="radio" name="cm-behalf" value="self" defaultChecked />${t("Me, personally")}</label>
        ${me.organisation ? html`<label class="choice"><input type="radio" name="cm-behalf" value="organisation" />${t("On behalf of %(organisation)s", { organisation: me.organisation })}</label>` : null}
      </div></fieldset>
      <p class="field-error" role="alert">${error}</p>
      <button type="submit" class="button primary big">${t("Make my commitment public")}</button>
    </form>
    <p class="cm-done" role="status">${done}</p>
    <h3>${t("Your commitments")}</h3>
    <ul class="cm-list" aria-label=${t("Your commitments")}>
      ${mine.map((c) => html`<${Item} key=${c.id} plan=${plan} c=${c} t=${t} tools=${html`<button type="button" class="button small danger" onClick=${async () => {
        if (!window.confirm(t("Take back this commitment?"))) return;
        const ack = await live.send("commitment.withdraw", { commitment_id: c.id });
        if (!ack.ok) setError(ack.error.message);
      }}>${t("Take back")}</button>`} />`)}
      ${mine.length ? null : html`<li key="none" class="muted">${t("You have not made a commitment yet.")}</li>`}
    </ul>
    <h3>${t("Commitments from everyone")}</h3>
    <ul class="cm-list" aria-live="polite" aria-label=${t("Commitments from everyone")}>
      ${others.map((c) => html`<${Item} key=${c.id} plan=${plan} c=${c} t=${t} />`)}
      ${others.length ? null : html`<li key="none" class="muted">${t("No commitments from others yet.")}</li>`}
    </ul>
  <//>`;
}

// --- the feed: cockpit, projector and the plan overview ------------------------------------------
// Commitments that come in after the feed first showed are marked new (they light up).
export function Feed({ live, t, big = false }) {
  const plan = usePlan(live);
  const firstSeen = useRef(null);
  if (!plan) return html`<${AP} plan=${plan} t=${t} />`;
  if (!firstSeen.current) firstSeen.current = new Set(plan.commitments.map((c) => c.id));
  const commitments = [...plan.commitments].reverse();
  const shown = big ? commitments.slice(0, 12) : commitments;
  return html`<${AP} plan=${plan} t=${t}>
    <p class=${big ? "cm-count big" : "cm-count"}>${commitments.length === 1 ? t("1 commitment") : t("%(num)s commitments", { num: commitments.length })}</p>
    <ul class=${big ? "cm-feed big" : "cm-feed"} aria-live="polite">
      ${shown.map((c) => html`<${Item} key=${c.id} plan=${plan} c=${c} t=${t} big=${big} fresh=${!firstSeen.current.has(c.id)}
        tools=${big ? null : html`<button type="button" class="button small danger" onClick=${() => {
          if (window.confirm(t("Remove this commitment?"))) live.send("commitment.withdraw", { commitment_id: c.id });
        }}>${t("Remove")}</button>`} />`)}
      ${shown.length ? null : html`<li key="none" class=${big ? "ap-empty big" : "muted"}>${t("No commitments yet. Who picks up the gauntlet?")}</li>`}
    </ul>
  <//>`;
}

// The projector's live count (presenter.js): what this activity has had so far.
export const count = (state) => ({ posted: state.plan && state.plan.commitments ? state.plan.commitments.length : null });

export const views = {
  participant: Participant,
  cockpit: (props) => html`<${Feed} ...${props} />`,
  presenter: (props) => html`<${Feed} ...${props} big />`,
};

// Public commitments: "I will ... by ...", personally or on behalf of one's organisation, attached
// to a goal or an action. The projector shows them as they come in; the facilitator can remove one
// made by mistake; the author can take theirs back.
import { clear, h } from "../dom.js";
import { commitmentTarget, ensureStyles, patch, personName, watchPlan } from "./action_planning.js";

function author(plan, c, t) {
  const name = personName(plan, c.participant_id, t);
  if (c.on_behalf === "organisation" && c.organisation) return t("%(name)s, for %(organisation)s", { name, organisation: c.organisation });
  return c.organisation ? `${name} (${c.organisation})` : name;
}

// A commitment's card changes when its text, its author's name or what it is attached to changes.
function sig(plan, c, t) {
  return JSON.stringify([c, author(plan, c, t), commitmentTarget(plan, c, t)]);
}

function item(plan, c, t, { big = false, fresh = false, tools = null } = {}) {
  return h("li", { class: `cm-item${fresh ? " is-new" : ""}`, dataset: { id: c.id } },
    h("p", { class: "cm-text" }, h("q", {}, c.text), c.by_when ? h("span", { class: "cm-when" }, ` · ${c.by_when}`) : null),
    h("p", { class: "cm-meta" }, h("strong", {}, author(plan, c, t)), big ? h("br") : " · ",
      h("span", { class: "cm-target" }, commitmentTarget(plan, c, t))),
    tools);
}

// --- participant -------------------------------------------------------------------------------

export function participant(el, ctx) {
  ensureStyles(el);
  const { live, t } = ctx;
  const text = h("textarea", { id: "cm-text", rows: "3", maxlength: "500", required: true, placeholder: t("I will …") });
  const byWhen = h("input", { id: "cm-when", type: "text", maxlength: "80", placeholder: t("e.g. 1 June, or before summer") });
  const target = h("select", { id: "cm-target", required: true });
  const behalf = h("div", { class: "choices", role: "radiogroup" });
  const error = h("p", { class: "field-error", role: "alert" });
  const done = h("p", { class: "cm-done", role: "status" });
  const form = h("form", { class: "cm-form stack", onsubmit: submit },
    h("label", { for: "cm-text" }, t("Your commitment")), text,
    h("label", { for: "cm-when" }, t("By when?")), byWhen,
    h("label", { for: "cm-target" }, t("For which goal or action?")), target,
    h("fieldset", { class: "plain" }, h("legend", {}, t("Who makes it?")), behalf),
    error,
    h("button", { type: "submit", class: "button primary big" }, t("Make my commitment public")));
  const mineList = h("ul", { class: "cm-list", "aria-label": t("Your commitments") });
  const allList = h("ul", { class: "cm-list", "aria-live": "polite", "aria-label": t("Commitments from everyone") });
  el.append(h("p", { class: "cm-intro" }, t("What will you do for this plan? Say it in one sentence: I will … by …")),
    form, done, h("h3", {}, t("Your commitments")), mineList, h("h3", {}, t("Commitments from everyone")), allList);

  let targetsFor = "";
  function fillTargets(plan) {
    const key = JSON.stringify(plan.goals.map((g) => [g.id, g.title, g.actions.map((a) => [a.id, a.what])]));
    if (key === targetsFor) return;
    targetsFor = key;
    const chosen = target.value;
    const myGoal = plan.me.goal_ids[0];
    clear(target).append(h("option", { value: "" }, t("Choose…")), ...plan.goals.map((g) => h("optgroup", { label: g.title },
      h("option", { value: `goal:${g.id}` }, t("The goal: %(title)s", { title: g.title })),
      ...g.actions.map((a) => h("option", { value: `action:${a.id}` }, a.what)))));
    target.value = chosen || (myGoal ? `goal:${myGoal}` : "");
    const me = plan.people[plan.me.participant_id] || {};
    const current = (behalf.querySelector("input:checked") || {}).value || "self";
    clear(behalf).append(
      h("label", { class: "choice" }, h("input", { type: "radio", name: "cm-behalf", value: "self", checked: current === "self" }), t("Me, personally")),
      me.organisation ? h("label", { class: "choice" }, h("input", { type: "radio", name: "cm-behalf", value: "organisation",
        checked: current === "organisation" }), t("On behalf of %(organisation)s", { organisation: me.organisation })) : "");
  }

  async function submit(ev) {
    ev.preventDefault();
    error.textContent = "";
    if (!text.value.trim()) { error.textContent = t("Write what you will do."); text.focus(); return; }
    if (!target.value) { error.textContent = t("Choose the goal or action your commitment is for."); target.focus(); return; }
    const [kind, id] = target.value.split(":");
    // Kept in the outbox until the server has it: a commitment made while the wifi drops is not lost.
    const sent = live.send("commitment.make", {
      text: text.value, by_when: byWhen.value, on_behalf: (behalf.querySelector("input:checked") || {}).value || "self",
      [kind === "goal" ? "goal_id" : "action_id"]: Number(id),
    }, { queue: true });
    if (live.status !== "connected") done.textContent = t("No connection now. Your commitment is sent as soon as it is back.");
    const ack = await sent;
    if (!ack.ok) { error.textContent = ack.error.message; return; }
    text.value = byWhen.value = "";
    done.textContent = t("Thank you. Your commitment is on the screen.");
  }

  function render(plan) {
    fillTargets(plan);
    const me = plan.me.participant_id;
    const list = [...plan.commitments].reverse();
    const entry = (c, build) => ({ key: c.id, sig: sig(plan, c, t), build });
    patch(mineList, list.filter((c) => c.participant_id === me).map((c) => entry(c, () => item(plan, c, t, {
      tools: h("button", { type: "button", class: "button small danger", onclick: async () => {
        if (!window.confirm(t("Take back this commitment?"))) return;
        const ack = await live.send("commitment.withdraw", { commitment_id: c.id });
        if (!ack.ok) error.textContent = ack.error.message;
      } }, t("Take back")) }))), () => h("li", { class: "muted" }, t("You have not made a commitment yet.")));
    patch(allList, list.filter((c) => c.participant_id !== me).map((c) => entry(c, () => item(plan, c, t))),
      () => h("li", { class: "muted" }, t("No commitments from others yet.")));
  }

  const watcher = watchPlan(live, render);
  return () => watcher.stop();
}

// --- the feed: cockpit and projector --------------------------------------------------------------

function feed(el, ctx, { big }) {
  ensureStyles(el);
  const { live, t } = ctx;
  const count = h("p", { class: big ? "cm-count big" : "cm-count" });
  const list = h("ul", { class: big ? "cm-feed big" : "cm-feed", "aria-live": "polite" });
  el.append(count, list);
  let first = true;

  function render(plan) {
    const commitments = [...plan.commitments].reverse();
    count.textContent = commitments.length === 1 ? t("1 commitment") : t("%(num)s commitments", { num: commitments.length });
    const shown = big ? commitments.slice(0, 12) : commitments;
    patch(list, shown.map((c) => ({ key: c.id, sig: sig(plan, c, t), build: () => item(plan, c, t, { big, fresh: !first,
      tools: big ? null : h("button", { type: "button", class: "button small danger",
        onclick: () => { if (window.confirm(t("Remove this commitment?"))) live.send("commitment.withdraw", { commitment_id: c.id }); } },
      t("Remove")) }) })), () => h("li", { class: big ? "ap-empty big" : "muted" }, t("No commitments yet. Who picks up the gauntlet?")));
    first = false;
  }

  const watcher = watchPlan(live, render);
  return () => watcher.stop();
}

export function cockpit(el, ctx) {
  return feed(el, ctx, { big: false });
}

export function presenter(el, ctx) {
  return feed(el, ctx, { big: true });
}

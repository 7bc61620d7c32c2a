// The action plan: goals, their groups, actions and commitments. Loaded by the live query "plan"
// (query: true) and kept current here. Pure: the reducer works on a copy (produce). An event about
// someone the plan does not know yet (a newcomer) cannot be applied: the part is marked reload, and
// the store loads it again.
import { produce } from "./shared_future.js";

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
function reducePlan(plan, e) {
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


export const plan = {
  part: "plan",
  query: true,
  prefixes: ["goal.", "action.", "commitment.", "tags.changed"],
  reduce: (p, e) => produce(p, (copy) => { if (reducePlan(copy, e) === "reload") copy.reload = true; }),
};

export const reducers = [plan];

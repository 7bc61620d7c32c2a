// The activity types the browser knows, from one place. Every live page carries the server's
// registry (one list in Python) as JSON in <script type="application/json" id="activity-registry">:
//   [{name, label (translated), phase, takes_input, groupings: [...], module: "<file in activities/>" | null}]
// Nothing else in static/js lists activity types or their labels: ask this module.
import { t } from "./i18n.js";

function fromPage() {
  const el = typeof document !== "undefined" && document.getElementById("activity-registry");
  if (!el) return null;
  try { return JSON.parse(el.textContent); } catch (err) { console.error("activity-registry", err); return null; }
}

// FALLBACK until the server registry lands: the lists the scripts had before (cockpit.js's copy
// of facilitator/web/labels.py, live.js's NO_INPUT). Remove this block once every live page embeds
// #activity-registry.
function fallback() {
  const noInput = ["plenary", "break"];
  const labels = {
    plenary: t("Plenary"), break: t("Break"), notes: t("Sticky notes"), timeline: t("Timelines"),
    timeline_review: t("Timeline review"), trend_map: t("Trend map"), dot_vote: t("Dot vote"),
    trend_response: t("Trend response"), prouds_sorries: t("Prouds and sorries"), statements: t("Statements"),
    common_ground: t("Common ground"), common_ground_confirm: t("Confirming common ground"),
    scenario: t("Desired future scenario"), action_planning: t("Action planning"), commitments: t("Commitments"),
    transition_cafe: t("Transition café"), review: t("Review meeting"),
  };
  return Object.entries(labels).map(([name, label]) => ({
    name, label, phase: null, takes_input: !noInput.includes(name), groupings: [],
    module: name === "break" ? "plenary" : name,
  }));
}
// (end of FALLBACK)

const list = fromPage() || fallback();
const byName = new Map(list.map((a) => [a.name, a]));

export const activities = list;

export function activity(name) {
  return byName.get(name) || null;
}

export function activityLabel(name) {
  const a = byName.get(name);
  return a ? a.label : name;
}

export function takesInput(name) {
  const a = byName.get(name);
  return a ? !!a.takes_input : false;
}

// The file under static/js/activities/ (without .js) whose views show this activity, and the one
// to use when that file is missing: sticky notes for an activity that takes input, else plenary.
export function moduleOf(name) {
  const a = byName.get(name);
  return (a && a.module) || name;
}

export function fallbackModule(name) {
  const a = byName.get(name);
  return a && !a.takes_input ? "plenary" : "notes";
}

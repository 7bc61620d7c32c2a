// The activity types the browser knows, from one place. Every live page carries the server's
// registry (one list in Python) as JSON in <script type="application/json" id="activity-registry">:
//   [{name, label (translated), phase, takes_input, groupings: [...], module: "<file in activities/>" | null}]
// Nothing else in static/js lists activity types or their labels: ask this module.
function fromPage() {
  const el = typeof document !== "undefined" && document.getElementById("activity-registry");
  if (!el) return null;
  try { return JSON.parse(el.textContent); } catch (err) { console.error("activity-registry", err); return null; }
}


const list = fromPage() || []; // every page with scripts carries it (templates/_activity_registry.html)
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
  if (!a) return name;
  return a.module || fallbackModule(name); // an activity without views of its own (a break)
}

export function fallbackModule(name) {
  const a = byName.get(name);
  return a && !a.takes_input ? "plenary" : "notes";
}

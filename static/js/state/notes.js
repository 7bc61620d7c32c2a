// The sticky notes of the current session: state.notes = {session_id, notes, clusters, anonymous,
// show_others}. Pure: reduce(part, event, env) -> the new part, with a new object only for what
// changed (a note that did not change keeps its identity, so its card is not redrawn).
// env: {mine: Set of this browser's note ids, staff: bool}.
export const part = "notes";
export const prefixes = ["note.", "cluster."];

function sessionOf(d) {
  return d.note ? d.note.session_id : d.cluster ? d.cluster.session_id : d.session_id;
}

export function reduce(p, e, env = {}) {
  const d = e.data;
  if (e.kind === "note.loaded") return d;
  if (!p || p.session_id !== sessionOf(d)) return p;
  const mine = env.mine || new Set();
  if (d.note) {
    const note = mine.has(d.note.id) ? { ...d.note, mine: true } : { ...d.note };
    const i = p.notes.findIndex((n) => n.id === note.id);
    const notes = p.notes.slice();
    if (i >= 0) notes[i] = { ...p.notes[i], ...note };
    else notes.push(note);
    return { ...p, notes };
  }
  if (e.kind === "note.removed" || e.kind === "note.hidden") {
    let notes = p.notes;
    const i = notes.findIndex((n) => n.id === d.id);
    if (i >= 0) {
      notes = notes.slice();
      if (e.kind === "note.hidden" && (env.staff || notes[i].mine)) notes[i] = { ...notes[i], hidden: true };
      else notes.splice(i, 1);
    }
    if (e.kind === "note.removed") notes = notes.map((n) => (n.merged_into === d.id ? { ...n, merged_into: null } : n));
    return notes === p.notes ? p : { ...p, notes };
  }
  if (d.cluster) {
    const i = p.clusters.findIndex((c) => c.id === d.cluster.id);
    const clusters = p.clusters.slice();
    if (i >= 0) clusters[i] = d.cluster;
    else clusters.push(d.cluster);
    return { ...p, clusters };
  }
  if (e.kind === "cluster.removed") {
    return { ...p, clusters: p.clusters.filter((c) => c.id !== d.id),
      notes: p.notes.map((n) => (n.cluster_id === d.id ? { ...n, cluster_id: null } : n)) };
  }
  return p;
}

// Notes marked as this browser's (the events carry no author): from the snapshot's "mine" and ours.
export function markMine(p, mine) {
  if (!p || !p.notes) return p;
  let changed = false;
  const notes = p.notes.map((n) => {
    if (n.mine) { mine.add(n.id); return n; }
    if (mine.has(n.id)) { changed = true; return { ...n, mine: true }; }
    return n;
  });
  return changed ? { ...p, notes } : p;
}

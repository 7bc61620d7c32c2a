// The past-and-present parts of the state: timelines, their review, the trend map, the dot votes,
// the trend responses and the prouds and sorries. Pure reducers: (part, event, env) -> new part.
// env: {staff: bool, role, mineEntries: Set of timeline entry ids this browser posted}.

function upsert(list, item, key) {
  const i = list.findIndex((x) => x[key] === item[key]);
  const out = list.slice();
  if (i >= 0) out[i] = { ...list[i], ...item };
  else out.push(item);
  return out;
}

export const timelines = {
  part: "timelines",
  prefixes: ["timeline."],
  reduce(p, e, env = {}) {
    if (!p) return p;
    const d = e.data;
    if (e.kind === "timeline.entry") {
      const old = p.entries.find((x) => x.id === d.id);
      const mine = old ? !!old.mine || (env.mineEntries && env.mineEntries.has(d.id)) : !!(env.mineEntries && env.mineEntries.has(d.id));
      return { ...p, entries: upsert(p.entries, { ...d, mine }, "id") };
    }
    if (e.kind === "timeline.removed") return { ...p, entries: p.entries.filter((x) => x.id !== d.id) };
    if (e.kind === "timeline.show") return { ...p, showing: d.id };
    // Local: this browser's own entry was acknowledged.
    if (e.kind === "timeline.mine") return { ...p, entries: p.entries.map((x) => (x.id === d.id ? { ...x, mine: true } : x)) };
    return p;
  },
};

export const timelineReviews = {
  part: "timeline_reviews",
  prefixes: ["review."],
  reduce(p, e) {
    if (!p) return p;
    if (e.kind === "review.report") return { ...p, reports: upsert(p.reports, e.data, "table_id") };
    if (e.kind === "review.show") return { ...p, showing: e.data.id };
    return p;
  },
};

export const trends = {
  part: "trends",
  prefixes: ["trend."],
  reduce(p, e) {
    if (!p) return p;
    const d = e.data;
    if (e.kind === "trend.map") return { ...p, ...d };
    if (e.kind === "trend.proposals") return { ...p, pending: d.pending };
    if (e.kind === "trend.proposal") return { ...p, my_proposals: upsert(p.my_proposals || [], d, "id") };
    return p;
  },
};

export const dotVotes = {
  part: "dot_votes",
  prefixes: ["vote."],
  reduce(p, e, env = {}) {
    if (!p) return p;
    const d = e.data;
    const sid = String(d.session_id);
    const v = { ...(p.votes[sid] || { settings: {}, results: null }) };
    if (e.kind === "vote.mine") v.mine = d;
    else if (e.kind === "vote.results") v.results = d;
    else if (e.kind === "vote.settings") {
      v.settings = d;
      // Results shown to phones (and, when revealed at close, to the projector) go away on a reopen.
      const sees = env.staff || d.status === "closed" || (env.role === "presenter" && d.reveal === "live");
      if (!sees) v.results = null;
    } else return p;
    return { ...p, votes: { ...p.votes, [sid]: v } };
  },
};

export const trendResponses = {
  part: "trend_responses",
  prefixes: ["response."],
  reduce(p, e) {
    if (!p) return p;
    if (e.kind === "response.sheet") return { ...p, sheets: upsert(p.sheets, e.data, "group_id") };
    if (e.kind === "response.show") return { ...p, showing: e.data.id };
    return p;
  },
};

export const prouds = {
  part: "prouds",
  prefixes: ["proud."],
  reduce(p, e) {
    if (!p) return p;
    if (e.kind === "proud.list") return { ...p, lists: upsert(p.lists, e.data, "group_id") };
    if (e.kind === "proud.show") return { ...p, showing: e.data.id };
    return p;
  },
};

export const reducers = [timelines, timelineReviews, trends, dotVotes, trendResponses, prouds];

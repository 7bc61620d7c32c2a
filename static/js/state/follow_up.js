// The follow-up model (where we stand, the plan, progress, proposals), from the live query
// "follow_up". It is not reduced event by event: whatever it shows changes, it is loaded again
// shortly after (reloadOnly), as the server computes it.
export const followUp = {
  part: "follow_up",
  query: true,
  reloadOnly: true,
  reloadAfterMs: 150,
  prefixes: ["goal.", "action.", "commitment.", "progress.", "proposal.", "participant."],
  reduce: (p) => p,
};

export const reducers = [followUp];

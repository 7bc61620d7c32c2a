// Which events of the room's stream a client applies: the one place that decides order, duplicates
// and gaps. Pure (no DOM, no socket), so Node's own test runner checks it (tests/js/stream.test.mjs).
//
// The server sends every conference's events in sequence order; each live event carries `prev`,
// the seq of the previous event with the same audience (0: none). Events a client may not see
// leave holes in its seqs; `prev` tells those apart from a real loss (docs/protocol.md, "Order").
//
// accept(stream, event) -> "apply" | "skip" | "gap"
//   stream: {seq, base, heads}: the last seq applied; `base`, a seq up to which the client has every
//     event it may see (the snapshot's, a resync's); `heads`, per audience the last seq applied since.
//   "apply": new, in order: the caller applies it (accept has moved the stream on);
//   "skip":  already seen, or already in the snapshot;
//   "gap":   an event this client may see was missed: the caller resyncs. `stream.stale` says
//            whether the missed one is older than what was applied (then only a snapshot mends it).
// Events without `prev` come from a resync's complete list: applied by seq alone.
export function accept(stream, event) {
  if (event.seq <= stream.seq) return "skip";
  if (event.prev !== undefined && event.prev !== null) {
    const heads = stream.heads || (stream.heads = {});
    const known = Math.max(heads[event.audience] ?? 0, stream.base ?? 0);
    if (event.prev > known) {
      stream.stale = event.prev <= stream.seq;
      return "gap";
    }
    heads[event.audience] = event.seq;
  }
  stream.seq = event.seq;
  return "apply";
}

// After a snapshot (state) or a resync (sync) current to `seq`: the client has everything it may
// see up to there.
export function caughtUp(stream, seq) {
  stream.seq = seq;
  stream.base = seq;
  stream.heads = {};
  stream.stale = false;
}

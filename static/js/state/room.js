// The room's part of the state (the current session, input open or closed, the timer, the last
// message) and its session's settings. Pure: (state, event) -> the new state; the old one is never
// changed, so a view can tell what changed by identity. Unit-tested in tests/js/reducers.test.mjs.
export const prefixes = ["room.", "session.settings", "programme.changed", "conference.changed"];

export function reduce(state, e) {
  const d = e.data;
  const room = state.room || {};
  if (e.kind === "room.session") {
    const notes = d.session ? { session_id: d.session.id, notes: [], clusters: [], anonymous: d.session.anonymous,
      show_others: d.session.show_others } : null;
    return { ...state, notes, room: { ...room, session: d.session, current_session_id: d.session && d.session.id,
      input_open: d.input_open, timer: d.timer } };
  }
  if (e.kind === "room.input") return { ...state, room: { ...room, input_open: d.open } };
  if (e.kind === "room.timer") return { ...state, room: { ...room, timer: d.timer } };
  if (e.kind === "room.message") return { ...state, room: { ...room, message: d } };
  if (e.kind === "programme.changed") return { ...state, programme: d.programme };
  if (e.kind === "conference.changed") return { ...state, conference: d.conference, room: { ...room, status: d.status } };
  if (e.kind === "session.settings") {
    const next = { ...state };
    if (room.session && room.session.id === d.session_id) next.room = { ...room, session: { ...room.session, ...d } };
    if (state.notes && state.notes.session_id === d.session_id) next.notes = { ...state.notes, ...d };
    return next;
  }
  return state;
}

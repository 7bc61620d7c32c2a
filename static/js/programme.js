// The programme on the participant's phone: days, the time slots of each day (sessions that run at
// the same time shown together), the current session marked, and for parallel sessions the choice
// "I take part in this one" (live event programme.choose). Drawn from the one store:
// state.programme (snapshot part "programme", replaced by every programme.changed: each session
// carries its day_id, date, day_title and slot), state.room.current_session_id, and the part
// "choices" ({chosen: [session id]}: this participant's own sessions, nobody else's).

import { html, useMemo, useState } from "./ui/view.js";
import { ErrorLine } from "./ui/live_bits.js";
import { usePart } from "./ui/screen.js";
import { lang, t } from "./i18n.js";
import { dayText } from "./words.js";

// The part "choices": the snapshot's and the live query's (facilitator/domain/programme.py
// `choices`). programme.chosen {session_id, slot: [ids], participant_id} comes to this participant
// only: the chosen session replaces any other of its slot. programme.changed may have moved
// choices with it (the organiser spread everyone over parallel sessions, or deleted one): the part
// is loaded again.
export const choices = {
  part: "choices",
  prefixes: ["programme.chosen", "programme.changed"],
  query: true,
  reduce(p, e) {
    if (!p || !Array.isArray(p.chosen)) return p; // staff and projectors choose nothing
    if (e.kind === "programme.changed") return { ...p, reload: true };
    if (e.kind !== "programme.chosen") return p;
    const d = e.data || {};
    const slot = Array.isArray(d.slot) ? d.slot : [d.session_id];
    const chosen = [...p.chosen.filter((id) => !slot.includes(id)), d.session_id].sort((a, b) => a - b);
    if (chosen.length === p.chosen.length && chosen.every((id, i) => id === p.chosen[i])) return p;
    return { ...p, chosen };
  },
};

// The flat programme in days and slots, in its order (the server sorts it: day, start, position).
export function daysOf(programme) {
  const days = [];
  for (const s of programme || []) {
    let day = days[days.length - 1];
    if (!day || day.id !== s.day_id) {
      day = { id: s.day_id, date: s.date, title: s.day_title || "", slots: [] };
      days.push(day);
    }
    const last = day.slots[day.slots.length - 1];
    if (last && last.slot === s.slot) last.sessions.push(s);
    else day.slots.push({ slot: s.slot, sessions: [s] });
  }
  return days;
}

function Session({ s, parallel, current, mine, busy, choose, labels }) {
  const meta = [labels.phases[s.phase] || s.phase, labels.groupings[s.grouping] || s.grouping, s.track].filter(Boolean);
  const titleId = `prog-title-${s.id}`;
  return html`<article class=${`session phase-${s.phase}${current ? " current" : ""}`} aria-current=${current ? "step" : null}
      data-session=${String(s.id)}>
    <div class="time">${s.start}–${s.end}</div>
    <div>
      <strong id=${titleId}>${s.title}</strong>
      <div class="meta">${meta.join(" · ")}</div>
      ${parallel ? html`<p class="choose">
        <button type="button" class=${`button small${mine ? " primary" : ""}`} aria-pressed=${mine ? "true" : "false"}
          aria-describedby=${titleId} onClick=${() => { if (!mine && !busy) choose(s); }}>
          ${t("I take part in this one")}</button>
        ${mine ? html` <span class="badge open">${t("Your choice")}</span>` : null}</p>` : null}
    </div>
  </article>`;
}

// One time slot: its sessions side by side when they run in parallel, with the slot's own error line.
function Slot({ live, slot, current, chosen, labels }) {
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const parallel = slot.sessions.length > 1;
  async function choose(s) {
    setBusy(true);
    const ack = await live.send("programme.choose", { session_id: s.id }, { queue: true });
    setBusy(false);
    if (!ack.ok) { setError((ack.error && ack.error.message) || t("Something went wrong.")); return; }
    setError("");
    live.local("programme.chosen", ack.result); // shown at once; the event that follows changes nothing more
  }
  const labelId = `slot-${slot.sessions[0].id}`;
  return html`<div class=${parallel ? "slot parallel" : "slot"} role=${parallel ? "group" : null}
      aria-labelledby=${parallel ? labelId : null}>
    ${parallel ? html`<p class="slot-label" id=${labelId}>${t("Choose one of these sessions")}</p>` : null}
    ${slot.sessions.map((s) => html`<${Session} key=${s.id} s=${s} parallel=${parallel} current=${s.id === current}
      mine=${chosen.has(s.id)} busy=${busy} choose=${choose} labels=${labels} />`)}
    ${parallel ? html`<${ErrorLine} message=${error} />` : null}
  </div>`;
}

// The list itself. Until the live state is there, what the server drew stays (it works without
// scripts: its forms send the same programme.choose through the pipeline).
export function Programme({ live, state, labels, placeholder }) {
  const part = usePart(live, "choices", choices);
  const days = useMemo(() => daysOf(state.programme), [state.programme]);
  if (!live.loaded) return html`<div dangerouslySetInnerHTML=${{ __html: placeholder }}></div>`;
  if (!days.length) return html`<p class="muted">${t("The programme is not published yet.")}</p>`;
  const current = state.room ? state.room.current_session_id : null;
  const chosen = new Set((part && part.chosen) || []);
  return html`${days.map((day) => html`<section class="programme-day" key=${day.id}>
    <h3>${dayText(day.date, lang)}${day.title ? ` · ${day.title}` : ""}</h3>
    ${day.slots.map((slot) => html`<${Slot} key=${slot.sessions[0].id} live=${live} slot=${slot} current=${current}
      chosen=${chosen} labels=${labels} />`)}
  </section>`)}`;
}

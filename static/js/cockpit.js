// The facilitator's cockpit: one screen that runs the room from a laptop. A command bar that stays
// put (previous / next session, input open or closed, the timer, a message to everyone, who is
// connected), the programme in a narrow column that folds away, and the session's activity filling
// the rest, scrolling within itself. Everything below is one screen on the one store: the server
// draws only the page's frame (templates/organiser/cockpit.html).
import { lang, t, tn } from "./i18n.js";
import { clock, connectLive } from "./live.js";
import { activity, activityLabel } from "./registry.js";
import { dateText } from "./words.js";
import { html, memo, useEffect, useRef, useState } from "./ui/view.js";
import { ActivityHost, mountScreen } from "./ui/screen.js";
import { useTimer } from "./ui/live_bits.js";

const root = document.getElementById("cockpit-root");
const live = connectLive({ auth: { conference_id: Number(root.dataset.conference) } });
window.facilitatorLive = live;

// Sends an event; a refusal shows in the command bar's error line (one for the whole bar).
function useAct(live) {
  const [error, setError] = useState("");
  const act = async (kind, data) => {
    const ack = await live.send(kind, data);
    setError(ack.ok ? "" : (ack.error && ack.error.message) || t("Something went wrong."));
    return ack;
  };
  return [error, act];
}

function Status({ live }) {
  const text = { connecting: t("Connecting…"), connected: t("Connected"), reconnecting: t("Reconnecting…"), offline: t("Offline") }[live.status];
  return html`<span class="live-status small" data-live="status" data-status=${live.status} role="status"><span class="status-dot" aria-hidden="true"></span>${text}</span>`;
}

// --- the command bar: sessions ----------------------------------------------------------------------
function neighbours(state) {
  const list = state.programme || [];
  const at = list.findIndex((s) => s.id === (state.room && state.room.current_session_id));
  return { prev: at > 0 ? list[at - 1] : null, next: at < 0 ? list[0] || null : list[at + 1] || null };
}

function SessionNav({ state, act }) {
  const s = state.room && state.room.session;
  const { prev, next } = neighbours(state);
  return html`<div class="cockpit-sessions" role="group" aria-label=${t("Sessions")}>
    <button class="button" type="button" data-live="prev" disabled=${!prev} title=${prev ? prev.title : null}
      onClick=${() => act("room.goto", { step: -1 })}>${t("← Previous session")}</button>
    <div class="cockpit-now" data-live="session">
      ${s ? html`<p class="eyebrow">${s.start}–${s.end} · ${activityLabel(s.activity)}</p>
        <h2 id="now-title" title=${s.title}>${s.title}</h2>`
        : html`<h2 id="now-title" class="muted">${t("No session is running. Choose one in the programme or press Next.")}</h2>`}
    </div>
    <button class=${`button cockpit-next${next ? " primary" : ""}`} type="button" data-live="next" disabled=${!next}
      onClick=${() => act("room.goto", { step: 1 })}>${next
        ? html`<span class="cockpit-next-label">${t("Next session:")}</span> <span class="cockpit-next-title">${next.title}</span> →`
        : t("This is the last session")}</button>
  </div>`;
}

function InputButton({ state, act }) {
  const room = state.room || {};
  return html`<button class=${`button cockpit-input ${room.input_open ? "is-open" : "is-closed"}`} type="button" data-live="input" disabled=${!room.session}
    aria-pressed=${String(!!room.input_open)} onClick=${() => act("room.input", { open: !room.input_open })}>
    <span class="cockpit-input-dot" aria-hidden="true"></span>${room.input_open ? t("Input is open: close it") : t("Input is closed: open it")}</button>`;
}

function Count({ state }) {
  const p = state.presence;
  if (!p) return null;
  return html`<a class="cockpit-count" href="#presence-title" title=${`${p.connected} / ${p.total} ${t("participants connected")}`}>
    <strong>${`${p.connected} / ${p.total}`}</strong> ${t("participants")}</a>`;
}

// --- the command bar: timer ------------------------------------------------------------------------
function Clock({ live }) {
  const { left, running, timer } = useTimer(live);
  const ending = left !== null && running && left <= 30;
  return html`<p class=${`cockpit-clock${left !== null && !running ? " paused" : ""}${ending ? " ending" : ""}`} data-live="clock" role="timer"
    aria-label=${left === null ? t("No timer") : running ? t("Time left: %(time)s", { time: clock(left) }) : t("Timer paused")}>
    ${left === null ? "–:––" : clock(left)}${timer.close_input && running ? html`<span class="cockpit-clock-note" data-live="timer-note"
      title=${t("Input closes when the time is up.")}>${t("closes input")}</span>` : null}</p>`;
}

function Timer({ live, act }) {
  const { left, running, timer } = useTimer(live);
  const minutes = useRef(null);
  const seconds = useRef(null);
  const closeInput = useRef(null);
  const timerAct = (action, extra = {}) => () => act("room.timer", { action, ...extra });
  const start = (ev) => {
    ev.preventDefault();
    const total = Math.round(Number(minutes.current.value || 0) * 60) + Number(seconds.current.value || 0);
    act("room.timer", { action: "start", seconds: total, close_input: closeInput.current.checked });
  };
  return html`<form class="cockpit-timer" data-live="timer-form" aria-label=${t("Timer")} onSubmit=${start}>
    <${Clock} live=${live} />
    <label class="cockpit-unit"><input type="number" name="minutes" ref=${minutes} min="0" max="1440" defaultValue="10" inputmode="numeric"
      aria-label=${t("Minutes")} /> <span aria-hidden="true">${t("min")}</span></label>
    <label class="cockpit-unit"><input type="number" name="seconds" ref=${seconds} min="0" max="59" defaultValue="0" inputmode="numeric"
      aria-label=${t("Seconds")} /> <span aria-hidden="true">${t("sec")}</span></label>
    <label class="check small"><input type="checkbox" name="close_input" ref=${closeInput} /> ${t("then close input")}</label>
    <button class="button primary" type="submit">${t("Start")}</button>
    <span class="cockpit-timer-buttons">
      <button class="button" type="button" data-live="pause" hidden=${!running} onClick=${timerAct("pause")}>${t("Pause")}</button>
      <button class="button" type="button" data-live="resume" hidden=${running || !timer.remaining} onClick=${timerAct("resume")}>${t("Resume")}</button>
      ${[[60, `+1 ${t("min")}`, t("One minute more")], [300, `+5 ${t("min")}`, t("Five minutes more")], [-60, `−1 ${t("min")}`, t("One minute less")]].map(([n, label, name]) => html`<button
        key=${n} class="button" type="button" data-add=${n} disabled=${left === null} aria-label=${name} title=${name}
        onClick=${timerAct("add", { seconds: n })}>${label}</button>`)}
      <button class="button danger" type="button" data-live="stop" disabled=${left === null} onClick=${timerAct("stop")}>${t("Stop")}</button>
    </span>
  </form>`;
}

// --- the command bar: a message to every screen -------------------------------------------------------
function Message({ live, act }) {
  const field = useRef(null);
  const [sent, setSent] = useState("");
  const send = async (ev) => {
    ev.preventDefault();
    const ack = await act("room.message", { text: field.current.value });
    if (ack.ok) {
      setSent(t("Sent: %(text)s", { text: ack.result.text }));
      field.current.value = "";
    }
  };
  return html`<form class="cockpit-message" data-live="message-form" onSubmit=${send}>
    <label for="cockpit-message-text" class="sr-only">${t("Message to everyone")}</label>
    <input id="cockpit-message-text" type="text" name="text" ref=${field} maxlength="280" required
      placeholder=${t("Message to everyone")} autocomplete="off" />
    <button class="button" type="submit" title=${t("Send to all screens")}>${t("Send")}</button>
    <span class="muted small cockpit-sent" data-live="message-sent" role="status" title=${sent || null}>${sent}</span>
  </form>`;
}

function CommandBar({ live, state, act, error }) {
  return html`<section class="cockpit-bar" aria-label=${t("Controls")}>
    <div class="cockpit-bar-row">
      <${SessionNav} state=${state} act=${act} />
      <${InputButton} state=${state} act=${act} />
      <span class="cockpit-bar-end"><${Count} state=${state} /><${Status} live=${live} /></span>
    </div>
    <div class="cockpit-bar-row">
      <${Timer} live=${live} act=${act} />
      <${Message} live=${live} act=${act} />
    </div>
    <p class="field-error" data-live="feedback" role="alert">${error}</p>
  </section>`;
}

// --- the programme (the narrow column) ------------------------------------------------------------------
const Programme = memo(({ programme, current, act }) => {
  const list = useRef(null);
  useEffect(() => {
    const cur = list.current && list.current.querySelector(".current");
    if (cur) cur.scrollIntoView({ block: "nearest" });
  }, [current]);
  const items = [];
  let day = null;
  for (const s of programme || []) {
    if (s.date !== day) {
      day = s.date;
      items.push(html`<li key=${`day-${day}`} class="day-head">${dateText(day, lang)}</li>`);
    }
    const isCurrent = s.id === current;
    items.push(html`<li key=${s.id} class=${`prog-item phase-${s.phase}${isCurrent ? " current" : ""}`} aria-current=${isCurrent ? "step" : null}>
      <button type="button" class="prog-button" onClick=${() => act("room.goto", { session_id: s.id })}
        aria-label=${t("Go to %(title)s", { title: s.title })}><span class="time">${s.start}</span><span class="title">${s.title}</span></button>
    </li>`);
  }
  return html`<ol class="prog-list" data-live="programme" ref=${list}>${items}</ol>`;
});

// --- who is connected -------------------------------------------------------------------------------
function Meter({ n, total }) {
  return html`<span class="meter" title=${`${n} / ${total}`}>
    <span class="meter-bar" style=${{ width: `${total ? Math.round((100 * n) / total) : 0}%` }}></span>
    <span class="meter-text">${n}/${total}</span></span>`;
}

function Presence({ state }) {
  const p = state.presence;
  if (!p) return html`<div data-live="presence"></div>`;
  // each table's video-call link (snapshot part video, event tables.video.all)
  const links = new Map(((state.video && state.video.tables) || []).map((x) => [x.id, x.video_url]));
  const videoOf = (tb) => links.get(tb.id) || "";
  return html`<div data-live="presence">
    <p class="presence-total"><strong>${p.connected} / ${p.total}</strong> ${t("participants connected")} · ${
      tn("%(num)d facilitator", "%(num)d facilitators", p.staff)} · ${tn("%(num)d projector", "%(num)d projectors", p.presenters)}</p>
    <h3>${t("By stakeholder group")}</h3>
    <ul class="presence-list">${p.groups.map((g) => html`<li key=${g.id || g.name}>
      <span class="dot" style=${{ background: g.colour }}></span><span class="name">${g.name}</span><${Meter} n=${g.connected} total=${g.total} /></li>`)}</ul>
    ${p.tables.length ? html`<h3>${t("By table")}</h3>
      <ul class="presence-list tables">${p.tables.map((tb) => html`<li key=${tb.id || tb.number}>
        <span class="name">${tb.name || t("Table %(number)s", { number: tb.number })}</span><${Meter} n=${tb.connected} total=${tb.total} />
        ${videoOf(tb) ? html`<a class="small presence-video" href=${videoOf(tb)} target="_blank" rel="noopener noreferrer"
          aria-label=${`${t("Video call")}: ${t("Table %(number)s", { number: tb.number })}`}>${t("Video call")}</a>` : null}</li>`)}</ul>` : null}
  </div>`;
}

// The column folds to a narrow strip; the choice is kept for this browser.
const RAIL_KEY = "facilitator.cockpit.rail";
function useRail() {
  const [open, setOpen] = useState(() => { try { return localStorage.getItem(RAIL_KEY) !== "closed"; } catch { return true; } });
  const toggle = () => {
    setOpen(!open);
    try { localStorage.setItem(RAIL_KEY, open ? "closed" : "open"); } catch { /* private mode: not kept */ }
  };
  return [open, toggle];
}

function Rail({ state, act, open, toggle }) {
  return html`<aside class="cockpit-rail" aria-labelledby="prog-title">
    <div class="cockpit-rail-head">
      <h2 id="prog-title" class=${open ? null : "sr-only"}>${t("Programme")}</h2>
      <button type="button" class="button small cockpit-rail-toggle" aria-expanded=${String(open)} aria-controls="cockpit-rail-body"
        onClick=${toggle}>${open ? t("Hide") : t("Programme")}</button>
    </div>
    <div id="cockpit-rail-body" class="cockpit-rail-body" hidden=${!open}>
      <${Programme} programme=${state.programme} current=${state.room && state.room.current_session_id} act=${act} />
      <section class="cockpit-presence" aria-labelledby="presence-title">
        <h2 id="presence-title">${t("Who is connected")}</h2>
        <${Presence} state=${state} />
      </section>
    </div>
  </aside>`;
}

// --- the work area: the session's question, its settings, its activity ------------------------------
// Only the settings that change something in this activity (the registry's "settings"): none for
// most, anonymity and "see each other's notes" for notes, anonymity for confirming common ground.
function Settings({ state, act }) {
  const s = state.room && state.room.session;
  const a = s && activity(s.activity);
  if (!a || !(a.settings || []).length) return null;
  const change = (ev) => act("session.settings", { session_id: s.id, [ev.target.name]: ev.target.checked });
  return html`<fieldset class="session-settings" data-live="settings">
    <legend>${t("Who sees what in this session")}</legend>
    ${a.settings.map((x) => html`<label class="check" key=${x.name}><input type="checkbox" name=${x.name}
      checked=${!!s[x.name]} onChange=${change} /> ${x.label}</label>`)}
  </fieldset>`;
}

function Work({ live, state, act }) {
  const s = state.room && state.room.session;
  // It scrolls within itself: focusable, so the keyboard can scroll it too (also while its activity
  // has nothing focusable yet).
  return html`<section class="cockpit-work" aria-labelledby="work-title" tabindex="0">
    <h2 id="work-title" class="sr-only">${t("Contributions")}</h2>
    ${s && s.prompt ? html`<p class="live-prompt">${s.prompt}</p>` : null}
    <${Settings} state=${state} act=${act} />
    <div data-live="activity"><${ActivityHost} live=${live} state=${state} view="cockpit" /></div>
  </section>`;
}

function Cockpit({ live, state }) {
  const [open, toggle] = useRail();
  const [error, act] = useAct(live);
  return html`<${CommandBar} live=${live} state=${state} act=${act} error=${error} />
    <div class=${`cockpit-body${open ? "" : " rail-closed"}`}>
      <${Rail} state=${state} act=${act} open=${open} toggle=${toggle} />
      <${Work} live=${live} state=${state} act=${act} />
    </div>`;
}

mountScreen(live, root, Cockpit);

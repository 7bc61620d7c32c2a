// The facilitator's cockpit: programme with the current session, next / previous / jump, input
// open or closed, the timer, a message to everyone, who is connected; the session's activity below.
// The page's frame and its forms are drawn by the server; every part that follows the room is a
// component on the one store, mounted in its place.
import { lang, t, tn } from "./i18n.js";
import { clock, connectLive } from "./live.js";
import { activityLabel } from "./registry.js";
import { dateText } from "./words.js";
import { html, useEffect, useRef } from "./ui/view.js";
import { ActivityHost, mountInPlace, mountScreen } from "./ui/screen.js";
import { useTimer } from "./ui/live_bits.js";

const root = document.getElementById("cockpit-root");
const $ = (name) => root.querySelector(`[data-live=${name}]`);
const live = connectLive({ auth: { conference_id: Number(root.dataset.conference) } });
window.facilitatorLive = live;

const feedback = $("feedback");
async function act(kind, data) {
  const ack = await live.send(kind, data);
  feedback.textContent = ack.ok ? "" : ack.error.message;
  return ack;
}

function Status({ live }) {
  const text = { connecting: t("Connecting…"), connected: t("Connected"), reconnecting: t("Reconnecting…"), offline: t("Offline") }[live.status];
  return html`<span class="live-status small" data-live="status" data-status=${live.status} role="status">${text}</span>`;
}

// --- programme ----------------------------------------------------------------------------------
function Programme({ state }) {
  const current = state.room && state.room.current_session_id;
  const list = useRef(null);
  useEffect(() => {
    const cur = list.current && list.current.querySelector(".current");
    if (cur) cur.scrollIntoView({ block: "nearest" });
  }, [current]);
  const items = [];
  let day = null;
  for (const s of state.programme || []) {
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
}

// --- the current session ------------------------------------------------------------------------
function Session({ state }) {
  const s = state.room && state.room.session;
  if (!s) return html`<p class="muted">${t("No session is running. Choose one in the programme or press Next.")}</p>`;
  return html`<p class="eyebrow">${dateText(s.date, lang)} · ${s.start}–${s.end} · ${activityLabel(s.activity)}</p><h2>${s.title}</h2>
    ${s.prompt ? html`<p class="live-prompt">${s.prompt}</p>` : null}`;
}

function InputButton({ state }) {
  const room = state.room || {};
  return html`<button class=${room.input_open ? "button" : "button primary"} type="button" data-live="input" disabled=${!room.session}
    aria-pressed=${String(!!room.input_open)} onClick=${() => act("room.input", { open: !room.input_open })}>
    ${room.input_open ? t("Input is open: close it") : t("Input is closed: open it")}</button>`;
}

function Settings({ state }) {
  const s = state.room && state.room.session;
  const change = (ev) => act("session.settings", { session_id: s.id, [ev.target.name]: ev.target.checked });
  return html`<fieldset class="session-settings" data-live="settings" hidden=${!s}>
    <legend>${t("Notes in this session")}</legend>
    <label class="check"><input type="checkbox" name="anonymous" checked=${!!(s && s.anonymous)} onChange=${change} /> ${t("Anonymous: nobody sees who wrote a note")}</label>
    <label class="check"><input type="checkbox" name="show_others" checked=${!!(s && s.show_others)} onChange=${change} /> ${t("Participants see each other's notes (new notes)")}</label>
  </fieldset>`;
}

// --- timer ----------------------------------------------------------------------------------------
function Clock({ live }) {
  const { left, running } = useTimer(live);
  return html`<p class=${`cockpit-clock${left !== null && !running ? " paused" : ""}`} data-live="clock" role="timer">${left === null ? "–:––" : clock(left)}</p>`;
}

function TimerButtons({ live }) {
  const { left, running, timer } = useTimer(live);
  const timerAct = (action, extra = {}) => () => act("room.timer", { action, ...extra });
  return html`<div class="actions-bar">
    <button class="button" type="button" data-live="pause" hidden=${!running} onClick=${timerAct("pause")}>${t("Pause")}</button>
    <button class="button" type="button" data-live="resume" hidden=${running || !timer.remaining} onClick=${timerAct("resume")}>${t("Resume")}</button>
    ${[[60, `+1 ${t("min")}`], [300, `+5 ${t("min")}`], [-60, `−1 ${t("min")}`]].map(([n, label]) => html`<button key=${n} class="button" type="button"
      data-add=${n} disabled=${left === null} onClick=${timerAct("add", { seconds: n })}>${label}</button>`)}
    <button class="button danger" type="button" data-live="stop" disabled=${left === null} onClick=${timerAct("stop")}>${t("Stop")}</button>
  </div>`;
}

function TimerNote({ state }) {
  const timer = (state.room && state.room.timer) || {};
  return html`<p class="muted small" data-live="timer-note">${timer.close_input && timer.running ? t("Input closes when the time is up.") : ""}</p>`;
}

// --- who is connected ---------------------------------------------------------------------------
function Meter({ n, total }) {
  return html`<span class="meter" title=${`${n} / ${total}`}>
    <span class="meter-bar" style=${{ width: `${total ? Math.round((100 * n) / total) : 0}%` }}></span>
    <span class="meter-text">${n}/${total}</span></span>`;
}

function Presence({ state }) {
  const p = state.presence;
  if (!p) return null;
  // each table's video-call link (snapshot part video, event tables.video.all)
  const links = new Map(((state.video && state.video.tables) || []).map((x) => [x.id, x.video_url]));
  const videoOf = (tb) => links.get(tb.id) || "";
  return html`<p class="presence-total"><strong>${p.connected} / ${p.total}</strong> ${t("participants connected")} · ${
    tn("%(num)d facilitator", "%(num)d facilitators", p.staff)} · ${tn("%(num)d projector", "%(num)d projectors", p.presenters)}</p>
    <h3>${t("By stakeholder group")}</h3>
    <ul class="presence-list">${p.groups.map((g) => html`<li key=${g.id || g.name}>
      <span class="dot" style=${{ background: g.colour }}></span><span class="name">${g.name}</span><${Meter} n=${g.connected} total=${g.total} /></li>`)}</ul>
    ${p.tables.length ? html`<h3>${t("By table")}</h3>
      <ul class="presence-list tables">${p.tables.map((tb) => html`<li key=${tb.id || tb.number}>
        <span class="name">${tb.name || t("Table %(number)s", { number: tb.number })}</span><${Meter} n=${tb.connected} total=${tb.total} />
        ${videoOf(tb) ? html`<a class="small presence-video" href=${videoOf(tb)} target="_blank" rel="noopener noreferrer"
          aria-label=${`${t("Video call")}: ${t("Table %(number)s", { number: tb.number })}`}>${t("Video call")}</a>` : null}</li>`)}</ul>` : null}`;
}

mountInPlace(live, $("status"), Status);
mountInPlace(live, $("programme"), Programme);
mountScreen(live, $("session"), Session);
mountInPlace(live, $("input"), InputButton);
mountInPlace(live, $("settings"), Settings);
mountInPlace(live, $("clock"), Clock);
mountInPlace(live, root.querySelector("[data-live=pause]").parentElement, TimerButtons);
mountInPlace(live, $("timer-note"), TimerNote);
mountScreen(live, $("presence"), Presence);
mountScreen(live, $("activity"), (props) => html`<${ActivityHost} ...${props} view="cockpit" />`);

// --- the server's forms -----------------------------------------------------------------------------
$("timer-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const form = ev.currentTarget;
  const seconds = Math.round(Number(form.minutes.value || 0) * 60) + Number(form.seconds.value || 0);
  act("room.timer", { action: "start", seconds, close_input: form.close_input.checked });
});
$("prev").addEventListener("click", () => act("room.goto", { step: -1 }));
$("next").addEventListener("click", () => act("room.goto", { step: 1 }));
$("message-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const field = ev.currentTarget.text;
  const ack = await act("room.message", { text: field.value });
  if (ack.ok) {
    $("message-sent").textContent = t("Sent: %(text)s", { text: ack.result.text });
    field.value = "";
  }
});

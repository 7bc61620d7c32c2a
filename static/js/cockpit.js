// The facilitator's cockpit: programme with the current session, next / previous / jump, input
// open or closed, the timer, a message to everyone, who is connected; the session's activity below.
import { clear, h } from "./dom.js";
import { t, tn } from "./i18n.js";
import { activityFollower, clock, connectLive, timeLeft } from "./live.js";

const root = document.getElementById("cockpit-root");
const $ = (name) => root.querySelector(`[data-live=${name}]`);
const live = connectLive({ auth: { conference_id: Number(root.dataset.conference) }, onStatus: showStatus });
window.facilitatorLive = live;
const follow = activityFollower(live, "cockpit", $("activity"));

const feedback = $("feedback");
async function act(kind, data) {
  const ack = await live.send(kind, data);
  feedback.textContent = ack.ok ? "" : ack.error.message;
  return ack;
}

function showStatus({ status }) {
  const el = $("status");
  el.dataset.status = status;
  el.textContent = { connecting: t("Connecting…"), connected: t("Connected"), reconnecting: t("Reconnecting…"), offline: t("Offline") }[status];
}

// --- programme ----------------------------------------------------------------------------------
function showProgramme() {
  const list = $("programme");
  const current = live.state.room && live.state.room.current_session_id;
  let day = null;
  clear(list);
  for (const s of live.state.programme || []) {
    if (s.date !== day) {
      day = s.date;
      list.append(h("li", { class: "day-head" }, day));
    }
    const isCurrent = s.id === current;
    list.append(h("li", { class: `prog-item phase-${s.phase}${isCurrent ? " current" : ""}`, "aria-current": isCurrent ? "step" : false },
      h("button", { type: "button", class: "prog-button", onclick: () => act("room.goto", { session_id: s.id }),
        "aria-label": t("Go to %(title)s", { title: s.title }) },
        h("span", { class: "time" }, s.start), h("span", { class: "title" }, s.title))));
  }
  const cur = list.querySelector(".current");
  if (cur) cur.scrollIntoView({ block: "nearest" });
}

// The activity's name in the page's language (the same labels as facilitator/web/labels.py).
function activityLabel(key) {
  return {
    plenary: t("Plenary"), break: t("Break"), notes: t("Sticky notes"), timeline: t("Timelines"),
    timeline_review: t("Timeline review"), trend_map: t("Trend map"), dot_vote: t("Dot vote"),
    trend_response: t("Trend response"), prouds_sorries: t("Prouds and sorries"), statements: t("Statements"),
    common_ground: t("Common ground"), common_ground_confirm: t("Confirming common ground"),
    scenario: t("Desired future scenario"), action_planning: t("Action planning"), commitments: t("Commitments"),
    transition_cafe: t("Transition café"), review: t("Review meeting"),
  }[key] || key;
}

// --- the current session ------------------------------------------------------------------------
function showSession() {
  const room = live.state.room || {};
  const s = room.session;
  const head = clear($("session"));
  if (!s) head.append(h("p", { class: "muted" }, t("No session is running. Choose one in the programme or press Next.")));
  else {
    head.append(h("p", { class: "eyebrow" }, `${s.date} · ${s.start}–${s.end} · ${activityLabel(s.activity)}`), h("h2", {}, s.title),
      ...(s.prompt ? [h("p", { class: "live-prompt" }, s.prompt)] : [])); // Element.append(null) would print "null"
  }
  const input = $("input");
  input.disabled = !s;
  input.setAttribute("aria-pressed", String(!!room.input_open));
  input.textContent = room.input_open ? t("Input is open: close it") : t("Input is closed: open it");
  input.classList.toggle("primary", !room.input_open);
  const settings = $("settings");
  settings.hidden = !s;
  if (s) {
    settings.querySelector("[name=anonymous]").checked = s.anonymous;
    settings.querySelector("[name=show_others]").checked = s.show_others;
  }
  showProgramme();
  follow();
}

// --- timer ----------------------------------------------------------------------------------------
function tick() {
  const left = timeLeft(live);
  const timer = (live.state.room && live.state.room.timer) || {};
  $("clock").textContent = left === null ? "–:––" : clock(left);
  $("clock").classList.toggle("paused", left !== null && !timer.running);
  $("pause").hidden = !timer.running;
  $("resume").hidden = timer.running || !timer.remaining;
  root.querySelectorAll("[data-add], [data-live=stop]").forEach((b) => { b.disabled = left === null; });
  $("timer-note").textContent = timer.close_input && timer.running ? t("Input closes when the time is up.") : "";
}

$("timer-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const form = ev.currentTarget;
  const seconds = Math.round(Number(form.minutes.value || 0) * 60) + Number(form.seconds.value || 0);
  act("room.timer", { action: "start", seconds, close_input: form.close_input.checked });
});
$("pause").addEventListener("click", () => act("room.timer", { action: "pause" }));
$("resume").addEventListener("click", () => act("room.timer", { action: "resume" }));
$("stop").addEventListener("click", () => act("room.timer", { action: "stop" }));
root.querySelectorAll("[data-add]").forEach((b) => b.addEventListener("click", () => act("room.timer", { action: "add", seconds: Number(b.dataset.add) })));
$("prev").addEventListener("click", () => act("room.goto", { step: -1 }));
$("next").addEventListener("click", () => act("room.goto", { step: 1 }));
$("input").addEventListener("click", () => act("room.input", { open: !live.state.room.input_open }));
$("settings").addEventListener("change", (ev) => {
  const s = live.state.room.session;
  act("session.settings", { session_id: s.id, [ev.target.name]: ev.target.checked });
});
$("message-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const field = ev.currentTarget.text;
  const ack = await act("room.message", { text: field.value });
  if (ack.ok) {
    $("message-sent").textContent = t("Sent: %(text)s", { text: ack.result.text });
    field.value = "";
  }
});

// --- who is connected ---------------------------------------------------------------------------
function showPresence() {
  const p = live.state.presence;
  const el = clear($("presence"));
  if (!p) return;
  el.append(...[ // Element.append would print "null" for the parts left out
    h("p", { class: "presence-total" }, h("strong", {}, `${p.connected} / ${p.total}`), " ",
      t("participants connected"), " · ", tn("%(num)d facilitator", "%(num)d facilitators", p.staff), " · ",
      tn("%(num)d projector", "%(num)d projectors", p.presenters)),
    h("h3", {}, t("By stakeholder group")),
    h("ul", { class: "presence-list" }, p.groups.map((g) => h("li", {},
      h("span", { class: "dot", style: { background: g.colour } }), h("span", { class: "name" }, g.name),
      meter(g.connected, g.total)))),
    p.tables.length ? h("h3", {}, t("By table")) : null,
    p.tables.length ? h("ul", { class: "presence-list tables" }, p.tables.map((tb) => h("li", {},
      h("span", { class: "name" }, tb.name || t("Table %(number)s", { number: tb.number })), meter(tb.connected, tb.total)))) : null,
  ].filter(Boolean));
}

function meter(n, total) {
  return h("span", { class: "meter", title: `${n} / ${total}` },
    h("span", { class: "meter-bar", style: { width: `${total ? Math.round((100 * n) / total) : 0}%` } }),
    h("span", { class: "meter-text" }, `${n}/${total}`));
}

live.on("live.state", () => { showSession(); showPresence(); tick(); });
live.on("live.presence", showPresence);
live.on("room.", showSession);
live.on("programme.", showSession);
live.on("session.settings", showSession);
live.on("room.timer", tick);
setInterval(tick, 500);

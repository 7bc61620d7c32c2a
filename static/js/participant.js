// The participant's phone: follows the facilitator (current session, prompt, timer), shows the
// connection honestly, and mounts the current session's activity module.
import { clear, h } from "./dom.js";
import { t, tn } from "./i18n.js";
import { activityFollower, clock, connectLive, timeLeft } from "./live.js";
import { followProgramme } from "./programme.js";

const root = document.getElementById("live-root");
const parts = {
  status: root.querySelector("[data-live=status]"),
  message: root.querySelector("[data-live=message]"),
  session: root.querySelector("[data-live=session]"),
  timer: root.querySelector("[data-live=timer]"),
  activity: root.querySelector("[data-live=activity]"),
};

const live = connectLive({ auth: { token: root.dataset.token }, onStatus: showStatus });
window.facilitatorLive = live; // for tests and debugging
const follow = activityFollower(live, "participant", parts.activity);

function showStatus({ status, waiting }) {
  const labels = {
    connecting: t("Connecting…"),
    connected: t("Connected"),
    reconnecting: t("Connection lost. Reconnecting…"),
    offline: t("Offline"),
  };
  const text = waiting && status !== "connected"
    ? `${labels[status]} · ${tn("%(num)d note waiting to be sent", "%(num)d notes waiting to be sent", waiting)}`
    : waiting ? `${labels[status]} · ${t("Sending…")}` : labels[status];
  parts.status.dataset.status = status;
  parts.status.dataset.waiting = String(waiting);
  clear(parts.status).append(h("span", { class: "status-dot", "aria-hidden": "true" }), h("span", {}, text));
}

function showSession() {
  const room = live.state.room || {};
  const s = room.session;
  clear(parts.session);
  if (!s) {
    parts.session.append(h("p", { class: "muted" }, t("The conference has not started yet. This page follows the facilitator.")));
  } else {
    parts.session.append(
      h("p", { class: "eyebrow" }, `${s.start}–${s.end}`),
      h("h2", { class: "live-title" }, s.title),
      ...(s.prompt ? [h("p", { class: "live-prompt" }, s.prompt)] : []), // Element.append(null) would print "null"
      h("p", { class: room.input_open ? "input-state open" : "input-state closed" },
        room.input_open ? t("You can add your input now.") : t("Input is closed. Listen and talk together.")),
    );
  }
  markProgramme(s);
  follow();
}

// The programme further down the page was drawn by the server in the same order as
// state.programme: mark the current session there too.
function markProgramme(current) {
  const items = document.querySelectorAll("#programme .session");
  const list = live.state.programme || [];
  if (items.length !== list.length) return;
  items.forEach((el, i) => {
    const on = !!current && list[i].id === current.id;
    el.classList.toggle("current", on);
    if (on) el.setAttribute("aria-current", "step");
    else el.removeAttribute("aria-current");
  });
}

function tick() {
  const left = timeLeft(live);
  const timer = live.state.room && live.state.room.timer;
  parts.timer.hidden = left === null;
  if (left !== null) {
    parts.timer.textContent = clock(left);
    parts.timer.classList.toggle("paused", !timer.running);
    parts.timer.classList.toggle("ending", left <= 30);
    parts.timer.setAttribute("aria-label", timer.running ? t("Time left: %(time)s", { time: clock(left) }) : t("Timer paused"));
  }
}

// The facilitator's last message stays until the next one (a phone that comes in later gets a
// recent one with the room's state).
function showMessage() {
  const message = live.state.room && live.state.room.message;
  parts.message.hidden = !message;
  if (message) clear(parts.message).append(h("strong", {}, t("From the facilitator:")), " ", message.text);
}

live.on("live.state", () => { showSession(); showMessage(); });
live.on("room.session", showSession);
live.on("room.input", showSession);
live.on("room.timer", tick);
live.on("room.message", showMessage);
followProgramme(live, "#programme", () => markProgramme(live.state.room && live.state.room.session));
setInterval(tick, 500);
showStatus({ status: "connecting", waiting: live.pending().length });

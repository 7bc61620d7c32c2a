// The projector: read-only, large type; the current session, its live contributions, the timer,
// the QR code and code to join. A signed-in facilitator gets the same screen with drag and drop.
import { clear, h } from "./dom.js";
import { t } from "./i18n.js";
import { activityFollower, clock, connectLive, timeLeft } from "./live.js";

const root = document.getElementById("presenter-root");
const $ = (name) => root.querySelector(`[data-live=${name}]`);
const auth = root.dataset.conference ? { conference_id: Number(root.dataset.conference) } : { presenter: root.dataset.key };
const live = connectLive({ auth, onStatus: ({ status }) => {
  $("status").dataset.status = status;
  $("status").textContent = status === "connected" ? "" : { connecting: t("Connecting…"), reconnecting: t("Reconnecting…"), offline: t("Offline") }[status];
} });
window.facilitatorLive = live;
const follow = activityFollower(live, "presenter", $("activity"));
let messageTimer;

function showSession() {
  const s = live.state.room && live.state.room.session;
  const conf = live.state.conference || {};
  if (s) {
    clear($("session")).append(h("p", { class: "projector-eyebrow" }, `${conf.title || ""} · ${s.start}–${s.end}`),
      h("h1", { class: "presenter-title" }, s.title), ...(s.prompt ? [h("p", { class: "presenter-question" }, s.prompt)] : []));
  }
  follow();
}

function tick() {
  const left = timeLeft(live);
  const el = $("timer");
  el.hidden = left === null;
  if (left !== null) {
    el.textContent = clock(left);
    el.classList.toggle("paused", !live.state.room.timer.running);
    el.classList.toggle("ending", left <= 30);
  }
}

live.on("live.state", () => { showSession(); tick(); });
live.on("room.session", showSession);
live.on("room.timer", tick);
live.on("room.message", (e) => {
  const el = $("message");
  el.textContent = e.data.text;
  el.hidden = false;
  clearTimeout(messageTimer);
  messageTimer = setTimeout(() => { el.hidden = true; }, 30000);
});
setInterval(tick, 500);

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

// A message shows on the projector for 30 seconds after it was sent (also after a reload).
const MESSAGE_MS = 30000;
function showMessage() {
  const message = live.state.room && live.state.room.message;
  const left = message ? message.at + MESSAGE_MS - live.serverNow() : 0;
  const el = $("message");
  el.hidden = left <= 0;
  clearTimeout(messageTimer);
  if (left > 0) {
    el.textContent = message.text;
    messageTimer = setTimeout(() => { el.hidden = true; }, left);
  }
}

live.on("live.state", () => { showSession(); tick(); showMessage(); });
live.on("room.session", showSession);
live.on("room.timer", tick);
live.on("room.message", showMessage);
setInterval(tick, 500);

// Everything on one screen: nobody scrolls a projector. When the activity runs past the bottom of
// the screen (a dozen goals, a full board) it is zoomed out until it fits, to half size at most; the
// grids reflow at each step, so the largest zoom that fits is searched, not computed.
const MIN_ZOOM = 0.5;
let fitting = 0;

function fit() {
  fitting = 0;
  const el = $("activity");
  el.style.zoom = "";
  const room = window.innerHeight - el.getBoundingClientRect().top - 12;
  const fits = () => el.getBoundingClientRect().height <= room;
  if (room <= 0 || fits()) return;
  let lo = MIN_ZOOM;
  let hi = 1;
  for (let i = 0; i < 6; i += 1) {
    const mid = (lo + hi) / 2;
    el.style.zoom = String(mid);
    if (fits()) lo = mid;
    else hi = mid;
  }
  el.style.zoom = String(lo);
}

const refit = () => { if (!fitting) fitting = requestAnimationFrame(fit); };
// Refit when what sits above or in the activity changes, not at every tick of the timer's clock.
const watcher = new MutationObserver(refit);
const content = { childList: true, subtree: true, characterData: true };
watcher.observe($("activity"), content);
watcher.observe($("session"), content);
watcher.observe($("message"), { ...content, attributes: true, attributeFilter: ["hidden"] });
watcher.observe($("timer"), { attributes: true, attributeFilter: ["hidden"] });
window.addEventListener("resize", refit);

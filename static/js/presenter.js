// The projector: read-only, large type; the current session, its live contributions, the timer,
// the QR code and code to join. A signed-in facilitator gets the same screen with drag and drop.
import { t, tn } from "./i18n.js";
import { connectLive } from "./live.js";
import { html, useEffect, useState } from "./ui/view.js";
import { ActivityHost, mountInPlace, mountScreen } from "./ui/screen.js";
import { TimerText } from "./ui/live_bits.js";
import { moduleOf } from "./registry.js";

const root = document.getElementById("presenter-root");
const $ = (name) => root.querySelector(`[data-live=${name}]`);
const auth = root.dataset.conference ? { conference_id: Number(root.dataset.conference) } : { presenter: root.dataset.key };
const live = connectLive({ auth });
window.facilitatorLive = live;

function Status({ live }) {
  const text = live.status === "connected" ? "" : { connecting: t("Connecting…"), reconnecting: t("Reconnecting…"), offline: t("Offline") }[live.status];
  return html`<p class="projector-status" data-live="status" data-status=${live.status} role="status">${text}</p>`;
}

function Heading({ state }) {
  const s = state.room && state.room.session;
  const conf = state.conference || {};
  if (!s) return null;
  return html`<p class="projector-eyebrow">${conf.title || ""} · ${s.start}–${s.end}</p>
    <h1 class="presenter-title">${s.title}</h1>
    ${s.prompt ? html`<p class="presenter-question">${s.prompt}</p>` : null}`;
}

// A message shows on the projector for 30 seconds after it was sent (also after a reload).
const MESSAGE_MS = 30000;
function Message({ live, state }) {
  const message = state.room && state.room.message;
  const left = message ? message.at + MESSAGE_MS - live.serverNow() : 0;
  const [, expire] = useState(0);
  useEffect(() => {
    if (left <= 0) return undefined;
    const id = setTimeout(() => expire((n) => n + 1), left);
    return () => clearTimeout(id);
  }, [message]);
  return html`<div class="projector-message" data-live="message" role="status" hidden=${left <= 0}>${left > 0 ? message.text : ""}</div>`;
}

// The live count: "12 joined · 5 posted · 3 voted". Joined: the participants connected now (the
// server sends projectors the two numbers of its presence, never who). Posted and voted: the current
// activity says what it has had so far (its module's optional `count(state, session)`), from the
// same store its view draws from, so the count moves with the contributions.
function useActivityModule(activity) {
  const [mod, setMod] = useState(null);
  useEffect(() => {
    if (!activity) return undefined;
    let on = true;
    import(`./activities/${moduleOf(activity)}.js`).then((m) => { if (on) setMod({ activity, m }); }, () => {});
    return () => { on = false; };
  }, [activity]);
  return mod && mod.activity === activity ? mod.m : null;
}

function LiveCount({ state }) {
  const session = state.room && state.room.session;
  const mod = useActivityModule(session ? session.activity || "plenary" : null);
  const counts = session && mod && mod.count ? mod.count(state, session) || {} : {};
  const presence = state.presence;
  const parts = [];
  if (presence) parts.push(["joined", tn("%(num)d joined", "%(num)d joined", presence.connected)]);
  if (counts.posted != null) parts.push(["posted", tn("%(num)d posted", "%(num)d posted", counts.posted)]);
  if (counts.voted != null) parts.push(["voted", tn("%(num)d voted", "%(num)d voted", counts.voted)]);
  return html`<p class="projector-count" data-live="count" hidden=${!parts.length}>
    ${parts.map(([key, text], i) => html`<span key=${key} data-count=${key}>${i ? " · " : ""}${text}</span>`)}</p>`;
}

// The projector's frame is drawn by the server; its live parts are taken over in place. Until the
// first state arrives the server's heading (the conference's title and question) stays.
const heading = $("session");
const activity = $("activity");
live.on("live.state", () => { if (!heading.dataset.mounted) { heading.dataset.mounted = "1"; mountScreen(live, heading, Heading); } });
mountInPlace(live, $("timer"), ({ live }) => html`<${TimerText} live=${live} cls="projector-timer" />`);
mountInPlace(live, $("message"), Message);
mountInPlace(live, $("status"), Status);
mountInPlace(live, $("count"), LiveCount);
mountScreen(live, activity, (props) => html`<${ActivityHost} ...${props} view="presenter" />`);

// Everything on one screen, never scrolled, and no text below the rule (docs/frontend.md): the
// activity keeps its size and shows what fits. Each view puts what matters now first (the newest
// notes first, ...); what runs past the bottom of the screen is cut off under a fading edge, and
// "+N more" says how many of its items (list items, cards) are not wholly on the screen. An item
// inside a cut item counts with it, not again.
const ITEMS = "li, article";
let fitting = 0;
let setMore = () => {};

function More() {
  const [n, set] = useState(0);
  setMore = set;
  return html`<p class="projector-more" data-live="more" data-more=${n} hidden=${!n}>${tn("+%(num)d more", "+%(num)d more", n)}</p>`;
}
mountInPlace(live, $("more"), More);

function cutItems(el, bottom) {
  let n = 0;
  for (const item of el.querySelectorAll(ITEMS)) {
    const r = item.getBoundingClientRect();
    if (!r.height || r.bottom <= bottom + 1) continue;
    const outer = item.parentElement && item.parentElement.closest(ITEMS);
    if (outer && el.contains(outer) && outer.getBoundingClientRect().bottom > bottom + 1) continue;
    n += 1;
  }
  return n;
}

function fit() {
  fitting = 0;
  const el = activity;
  const main = el.closest(".presenter-main");
  const below = main ? parseFloat(getComputedStyle(main).paddingBottom) || 0 : 0; // the frame's own margin
  const room = Math.max(0, Math.floor(window.innerHeight - el.getBoundingClientRect().top - below - 1));
  el.style.maxHeight = `${room}px`;
  const over = el.scrollHeight > el.clientHeight + 1;
  el.classList.toggle("overfull", over);
  setMore(over ? cutItems(el, el.getBoundingClientRect().top + room) : 0);
}
const refit = () => { if (!fitting) fitting = requestAnimationFrame(fit); };
// Refit when what sits above or in the activity changes, not at every tick of the timer's clock.
const watcher = new MutationObserver(refit);
const content = { childList: true, subtree: true, characterData: true };
watcher.observe(activity, content);
watcher.observe(heading, content);
watcher.observe(root, { attributes: true, subtree: true, attributeFilter: ["hidden"] });
window.addEventListener("resize", refit);
// What arrives rises into place (projector-arrive): count what is cut once it stands where it stays.
activity.addEventListener("animationend", refit);
// An activity's stylesheet arrives after its view is drawn (useStylesheet): fit again once it applies.
document.addEventListener("load", (ev) => { if (ev.target.tagName === "LINK") refit(); }, true);

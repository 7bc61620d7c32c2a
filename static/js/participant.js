// The participant's phone: follows the facilitator (current session, prompt, timer), shows the
// connection honestly, shows the current session's activity, and the programme. Screens on the one store.
import { t } from "./i18n.js";
import { connectLive } from "./live.js";
import { html } from "./ui/view.js";
import { mountInPlace, mountScreen, ActivityHost } from "./ui/screen.js";
import { statusText, TimerText } from "./ui/live_bits.js";
import { Programme } from "./programme.js";
import { tableVideoLink } from "./state/video.js";

const root = document.getElementById("live-root");
// What the server drew before the live state arrives (the central question): shown until then.
const placeholder = root.querySelector("[data-live=session]").innerHTML;

const live = connectLive({ auth: { token: root.dataset.token } });
window.facilitatorLive = live; // for tests and debugging

function Status({ live }) {
  const waiting = live.outbox.length;
  return html`<p class="live-status" data-live="status" data-status=${live.status} data-waiting=${String(waiting)} role="status">
    <span class="status-dot" aria-hidden="true"></span><span>${statusText(live.status, waiting)}</span></p>`;
}

function Session({ live, state }) {
  const room = state.room || {};
  const s = room.session;
  if (!live.loaded) return html`<div data-live="session" aria-live="polite" dangerouslySetInnerHTML=${{ __html: placeholder }}></div>`;
  return html`<div data-live="session" aria-live="polite">
    ${!s ? html`<p class="muted">${t("The conference has not started yet. This page follows the facilitator.")}</p>` : html`
      <p class="eyebrow">${s.start}–${s.end}</p>
      <h2 class="live-title">${s.title}</h2>
      ${s.prompt ? html`<p class="live-prompt">${s.prompt}</p>` : null}
      <p class=${room.input_open ? "input-state open" : "input-state closed"}>
        ${room.input_open ? t("You can add your input now.") : t("Input is closed. Listen and talk together.")}</p>`}
  </div>`;
}

// The facilitator's last message stays until the next one (a phone that comes in later gets a
// recent one with the room's state).
function Message({ state }) {
  const message = state.room && state.room.message;
  return html`<div class="live-message" data-live="message" role="alert" hidden=${!message}>
    ${message ? html`<strong>${t("From the facilitator:")}</strong> ${message.text}` : null}</div>`;
}

function Phone({ live, state }) {
  return html`
    <div class="live-bar"><${Status} live=${live} /><${TimerText} live=${live} cls="live-timer" /></div>
    <${Message} state=${state} />
    <${Session} live=${live} state=${state} />
    <div data-live="activity"><${ActivityHost} live=${live} state=${state} view="participant" /></div>`;
}

// The table's video call (drawn by the server at the top of the page): only while the session works
// at mixed tables, with the link the facilitators set last (event tables.video).
function VideoLink({ state }) {
  const url = tableVideoLink(state);
  const table = state.video && state.video.my_table;
  return html`<p data-live="video" data-table=${table ? String(table.id) : null} hidden=${!url}>
    ${url ? html`<a class="button" href=${url} target="_blank" rel="noopener noreferrer">${t("Join your table's video call")}</a>` : null}</p>`;
}

mountScreen(live, root, Phone);
const videoSpot = document.querySelector("[data-live=video]");
if (videoSpot) mountInPlace(live, videoSpot, VideoLink);
// The programme further down the page: the server drew it (it shows, and its forms work, until the
// live state is there); from then on the component draws it from the store (programme.js).
const programmeSpot = document.querySelector("[data-live=programme]");
if (programmeSpot) {
  const labels = JSON.parse(programmeSpot.dataset.labels || "{}");
  const props = { labels: { phases: labels.phases || {}, groupings: labels.groupings || {} }, placeholder: programmeSpot.innerHTML };
  mountScreen(live, programmeSpot, Programme, props);
}

// Pieces of the live screens' frames (phone, cockpit, projector): the connection, the timer, the
// error line under a form (small, so the phone's first screen loads no more than it shows).
import { html, useEffect, useState } from "./view.js";
import { clock, timeLeft } from "../live.js";
import { t, tn } from "../i18n.js";

// The error under a form: hidden while there is none.
export function ErrorLine({ message, cls = "" }) {
  return html`<p class=${`field-error pp-error ${cls}`.trim()} role="alert" hidden=${!message}>${message || ""}</p>`;
}

// Renders again every half second while mounted (a clock).
export function useTick(ms = 500) {
  const [, setN] = useState(0);
  useEffect(() => { const id = setInterval(() => setN((n) => n + 1), ms); return () => clearInterval(id); }, [ms]);
}

export function statusText(status, waiting = 0, { short = false } = {}) {
  const labels = {
    connecting: t("Connecting…"),
    connected: t("Connected"),
    reconnecting: short ? t("Reconnecting…") : t("Connection lost. Reconnecting…"),
    offline: t("Offline"),
  };
  if (!waiting) return labels[status];
  return status !== "connected"
    ? `${labels[status]} · ${tn("%(num)d note waiting to be sent", "%(num)d notes waiting to be sent", waiting)}`
    : `${labels[status]} · ${t("Sending…")}`;
}

// The time left: {left (seconds or null), running, text}.
export function useTimer(live) {
  useTick();
  const left = timeLeft(live);
  const timer = (live.state.room && live.state.room.timer) || {};
  return { left, running: !!timer.running, timer, text: left === null ? null : clock(left) };
}

export function TimerText({ live, cls }) {
  const { left, running, text } = useTimer(live);
  const classes = [cls, !running && left !== null ? "paused" : "", left !== null && left <= 30 ? "ending" : ""].filter(Boolean).join(" ");
  return html`<p class=${classes} data-live="timer" role="timer" hidden=${left === null}
    aria-label=${left === null ? null : running ? t("Time left: %(time)s", { time: text }) : t("Timer paused")}>${text || ""}</p>`;
}

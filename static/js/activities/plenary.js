// Plenary and breaks: nothing to post; the phone says what is happening, the projector shows the
// session large, the cockpit shows the facilitator's notes if there are any.
import { h } from "../dom.js";

export function participant(el, ctx) {
  const { t, session } = ctx;
  el.append(h("p", { class: "plenary-note" }, session.activity === "break"
    ? t("Break. Come back when the timer ends.")
    : t("We are together in the plenary. Listen and join the conversation.")));
}

export function cockpit(el, ctx) {
  el.append(h("p", { class: "muted" }, ctx.t("Participants see the title and the prompt of this session. There is no input.")));
}

export function presenter(el, ctx) {
  if (ctx.session.activity === "break") el.append(h("p", { class: "presenter-break" }, ctx.t("Break")));
}

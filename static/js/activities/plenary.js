// Plenary and breaks: nothing to post; the phone says what is happening, the projector shows the
// session large, the cockpit says that participants only see the title and the prompt.
import { html } from "../ui/view.js";

export const views = {
  participant: ({ session, t }) => html`<p class="plenary-note">${session.activity === "break"
    ? t("Break. Come back when the timer ends.")
    : t("We are together in the plenary. Listen and join the conversation.")}</p>`,
  cockpit: ({ t }) => html`<p class="muted">${t("Participants see the title and the prompt of this session. There is no input.")}</p>`,
  presenter: ({ session, t }) => (session.activity === "break" ? html`<p class="presenter-break">${t("Break")}</p>` : null),
};

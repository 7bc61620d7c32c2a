// Shared by the statements, common ground and scenario modules: their stylesheet and frame. Their
// parts are loaded by their own live query and kept by the one store (usePart; reducers in
// static/js/state/shared_future.js).
import { html, useStylesheet } from "../ui/view.js";

export const CSS = "/static/css/activities-shared-future.css";

// The activity's frame: its stylesheet, nothing shown before it is in effect; "Loading…" until the part is there.
export function SF({ part, t, cls = "", children }) {
  const ready = useStylesheet(CSS);
  if (!part) return html`<p class="muted">${t("Loading…")}</p>`;
  return html`<div class=${cls} style=${ready ? null : { visibility: "hidden" }}>${children}</div>`;
}

// Common ground, part 2: confirmation in the whole room, one theme at a time. Everyone says "I can
// support this" or "I cannot support this" (with an optional reason) and may change it while the
// theme is up; the facilitator sees the objections live and decides: confirmed (a common-ground
// statement, wording editable) or not agreed (the objections are kept). Both lists are always
// visible. Same part and events as common_ground.js.
import { tn } from "../i18n.js";
import { html, useRef } from "../ui/view.js";
import { ErrorLine, SharedText, useSend } from "../ui/components.js";
import { useCommonGround } from "./common_ground.js";
import { SF } from "./shared_future.js";

export { commonGround as reducer } from "../state/shared_future.js";

// The wording of a confirmed statement, editable in the cockpit: keyed by statement, so a new
// wording from the server shows only while nobody types in it here.
function Wording({ theme, t, act }) {
  const field = useRef(null);
  return html`<form class="sf-inline-form" onSubmit=${(ev) => { ev.preventDefault(); act("cg.statement.edit", { id: theme.statement.id, text: field.current.value }); }}>
    <${SharedText} multiline=${false} autosave=${false} fieldRef=${field} value=${theme.statement.text} maxlength="280" aria-label=${t("Wording of the statement")} />
    <button class="button small" type="submit">${t("Save wording")}</button></form>`;
}

function Lists({ part, t, big = false, act = null }) {
  const confirmed = part.themes.filter((x) => x.state === "confirmed");
  const notAgreed = part.themes.filter((x) => x.state === "not_agreed");
  const objections = (x) => (x.objections || (x.responses || []).filter((r) => !r.support)).filter((r) => r.reason);
  return html`<div class=${big ? "sf-two-lists big" : "sf-two-lists"}>
    <section class="sf-card sf-confirmed" aria-live="polite"><h3>${t("Common ground (%(num)s)", { num: confirmed.length })}</h3>
      <ol>${confirmed.map((x) => html`<li key=${x.id} data-theme=${x.id}>${act && x.statement
        ? html`<${Wording} key=${x.statement.id} theme=${x} t=${t} act=${act} />` : (x.statement ? x.statement.text : x.name)}</li>`)}</ol>
      ${confirmed.length ? null : html`<p class="muted">${t("Nothing confirmed yet.")}</p>`}</section>
    <section class="sf-card sf-not-agreed" aria-live="polite"><h3>${t("Not agreed (%(num)s)", { num: notAgreed.length })}</h3>
      <ul>${notAgreed.map((x) => html`<li key=${x.id} data-theme=${x.id}><span>${x.name}</span>
        ${objections(x).length ? html`<ul class="sf-objections">${objections(x).map((r, i) => html`<li key=${i}>${r.reason}${r.name ? html`<span class="muted">${` · ${r.name}`}</span>` : null}</li>`)}</ul>` : null}
      </li>`)}</ul>
      ${notAgreed.length ? null : html`<p class="muted">${t("Nothing here yet.")}</p>`}</section>
  </div>`;
}

function Candidates({ theme }) {
  return theme.candidates.length ? html`<ul class="sf-theme-candidates">${theme.candidates.map((c) => html`<li key=${c.id}>${c.text}</li>`)}</ul>` : null;
}

function Tally({ theme, big = false }) {
  return html`<p class=${big ? "sf-tally big" : "sf-tally"} aria-live=${big ? null : "polite"}>
    <span class="badge sf-yes">${tn("%(num)d person can support this", "%(num)d people can support this", theme.tally.support)}</span>
    ${" "}<span class="badge sf-no">${tn("%(num)d person cannot support this", "%(num)d people cannot support this", theme.tally.object)}</span></p>`;
}

// --- participant ----------------------------------------------------------------------------------
// The theme that is up is keyed by theme: typing a reason survives the others' answers.
function UpCard({ live, part, up, t, send }) {
  const reason = useRef(null);
  const mine = (part.my_responses || {})[String(up.id)];
  const respond = (support) => {
    const text = reason.current.value.trim();
    live.local("cg.response", { theme_id: up.id, support, reason: text });
    send("cg.theme.respond", { theme_id: up.id, support, reason: text }, { queue: true });
  };
  return html`<article class="sf-card sf-up" data-theme=${up.id}>
    <p class="eyebrow">${t("Can everyone support this?")}</p>
    <h3 class="sf-up-name">${up.name}</h3>
    <div><${Candidates} theme=${up} /></div>
    ${part.names_notice ? html`<p class="muted names-notice" data-names-notice>${t(part.names_notice)}</p>` : null}
    <div class="sf-support-buttons" role="group" aria-label=${t("Your answer")}>
      <button type="button" class="button big sf-yes" aria-pressed=${String(!!mine && mine.support)} onClick=${() => respond(true)}>${t("I can support this")}</button>
      <button type="button" class="button big sf-no" aria-pressed=${String(!!mine && !mine.support)} onClick=${() => respond(false)}>${t("I cannot support this")}</button>
    </div>
    <label for="cg-reason">${t("Why? (you may leave this empty)")}</label>
    <${SharedText} id="cg-reason" maxlength="280" rows="2" autosave=${false} fieldRef=${reason} value=${mine ? mine.reason : ""} />
    <button type="button" class="button" hidden=${!mine} onClick=${() => respond(mine.support)}>${t("Send my reason")}</button>
    <p class="sf-status">${mine ? (mine.support ? t("You said: I can support this. You can change it while the theme is up.")
      : t("You said: I cannot support this. You can change it while the theme is up.")) : t("Choose your answer.")}</p>
  </article>`;
}

function Participant({ live, t }) {
  const part = useCommonGround(live);
  const [error, send] = useSend(live);
  if (!part) return html`<${SF} part=${part} t=${t} />`;
  const up = part.themes.find((x) => x.state === "up");
  return html`<${SF} part=${part} t=${t}>
    <div aria-live="polite">${up ? html`<${UpCard} key=${up.id} live=${live} part=${part} up=${up} t=${t} send=${send} />`
      : html`<p class="sf-card muted">${t("No theme is up right now. Wait for the facilitator.")}</p>`}</div>
    <${ErrorLine} message=${error} />
    <div><${Lists} part=${part} t=${t} /></div>
  <//>`;
}

// --- cockpit --------------------------------------------------------------------------------------
// Keyed by theme: the room's answers coming in do not take the wording field away from the facilitator.
function UpCockpit({ up, t, act }) {
  const text = useRef(null);
  const against = (up.responses || []).filter((r) => !r.support);
  return html`<article class="sf-card sf-up" data-theme=${up.id}>
    <p class="eyebrow">${t("Up for confirmation")}</p>
    <h3>${up.name}</h3>
    <div><${Candidates} theme=${up} /></div>
    <${Tally} theme=${up} />
    <div>${against.length ? html`<ul class="sf-objections" aria-live="polite">${against.map((r, i) => html`<li key=${i}>
      <strong>${r.name}</strong>${r.group_name ? ` (${r.group_name})` : ""}${r.reason ? `: ${r.reason}` : ""}</li>`)}</ul>` : null}</div>
    <label for="cg-wording">${t("Wording if confirmed")}</label>
    <${SharedText} multiline=${false} autosave=${false} fieldRef=${text} id="cg-wording" maxlength="280" value=${up.name} />
    <div class="row sf-actions">
      <button type="button" class="button primary" onClick=${() => {
        const despite = up.tally.object > 0;
        if (despite && !window.confirm(t("Some people cannot support this. Confirm anyway?"))) return;
        act("cg.theme.decide", { id: up.id, decision: "confirmed", text: text.current.value, despite_objections: despite });
      }}>${up.tally.object ? t("Confirm despite objections") : t("Confirm")}</button>
      <button type="button" class="button" onClick=${() => act("cg.theme.decide", { id: up.id, decision: "not_agreed" })}>${t("Move to not agreed")}</button>
      <button type="button" class="button small" onClick=${() => act("cg.theme.take_down", { id: up.id })}>${t("Take down")}</button>
    </div>
  </article>`;
}

function Cockpit({ live, t }) {
  const part = useCommonGround(live);
  const [error, act] = useSend(live);
  if (!part) return html`<${SF} part=${part} t=${t} />`;
  const up = part.themes.find((x) => x.state === "up");
  const waiting = part.themes.filter((x) => x.state === "draft");
  return html`<${SF} part=${part} t=${t}>
    <${ErrorLine} message=${error} />
    <div>${up ? html`<${UpCockpit} key=${up.id} up=${up} t=${t} act=${act} />` : null}</div>
    <section class="sf-card"><h3>${t("Themes to put to the room")}</h3>
      ${waiting.length ? html`<ul class="sf-draft-themes">${waiting.map((x) => html`<li key=${x.id} data-theme=${x.id}>
        <span>${x.name} <span class="muted">${`(${x.candidates.length})`}</span></span>
        <button type="button" class="button" disabled=${!!up} onClick=${() => act("cg.theme.put_up", { id: x.id })}>${t("Put to the room")}</button></li>`)}</ul>`
        : html`<p class="muted">${t("No themes waiting. Make themes in the common ground session.")}</p>`}</section>
    <div><${Lists} part=${part} t=${t} act=${act} /></div>
  <//>`;
}

// --- projector ------------------------------------------------------------------------------------
function Presenter({ live, t }) {
  const part = useCommonGround(live);
  if (!part) return html`<${SF} part=${part} t=${t} />`;
  const up = part.themes.find((x) => x.state === "up");
  return html`<${SF} part=${part} t=${t} cls="sf-projector">
    ${up ? html`<section class="sf-big-statement" data-theme=${up.id}><p class="projector-eyebrow">${t("Can everyone support this?")}</p>
      <h2>${up.name}</h2><${Candidates} theme=${up} /><${Tally} theme=${up} big /></section>` : null}
    <${Lists} part=${part} t=${t} big />
  <//>`;
}

// The projector's live count (presenter.js): what this activity has had so far.
export const count = (state) => {
  const up = state.common_ground && state.common_ground.themes.find((x) => x.state === "up");
  return { voted: up && up.tally ? up.tally.support + up.tally.object : null };
};

export const views = { participant: Participant, cockpit: Cockpit, presenter: Presenter };

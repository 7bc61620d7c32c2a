// Common ground, part 2: confirmation in the whole room, one theme at a time. Everyone says "I can
// support this" or "I cannot support this" (with an optional reason) and may change it while the
// theme is up; the facilitator sees the objections live and decides: confirmed (a common-ground
// statement, wording editable) or not agreed (the objections are kept). Both lists are always
// visible. Same part and events as common_ground.js.
import { clear, h } from "../dom.js";
import { tn } from "../i18n.js";
import { watchCommonGround } from "./common_ground.js";
import { errorLine, fill, projector } from "./shared_future.js";

// wordingOf(theme): the cockpit's field to edit a confirmed statement's wording (else its text shows).
function lists(part, t, { big = false, wordingOf = null } = {}) {
  const confirmed = part.themes.filter((x) => x.state === "confirmed");
  const notAgreed = part.themes.filter((x) => x.state === "not_agreed");
  const objections = (x) => (x.objections || (x.responses || []).filter((r) => !r.support));
  return h("div", { class: big ? "sf-two-lists big" : "sf-two-lists" },
    h("section", { class: "sf-card sf-confirmed", "aria-live": "polite" }, h("h3", {}, t("Common ground (%(num)s)", { num: confirmed.length })),
      h("ol", {}, confirmed.map((x) => h("li", { dataset: { theme: x.id } }, wordingOf && x.statement ? wordingOf(x) : (x.statement ? x.statement.text : x.name)))),
      confirmed.length ? null : h("p", { class: "muted" }, t("Nothing confirmed yet."))),
    h("section", { class: "sf-card sf-not-agreed", "aria-live": "polite" }, h("h3", {}, t("Not agreed (%(num)s)", { num: notAgreed.length })),
      h("ul", {}, notAgreed.map((x) => h("li", { dataset: { theme: x.id } }, h("span", {}, x.name),
        objections(x).filter((r) => r.reason).length ? h("ul", { class: "sf-objections" }, objections(x).filter((r) => r.reason)
          .map((r) => h("li", {}, r.reason, r.name ? h("span", { class: "muted" }, ` · ${r.name}`) : null))) : null))),
      notAgreed.length ? null : h("p", { class: "muted" }, t("Nothing here yet."))));
}

// Built once per statement: take(text) shows a new wording from the server, but not over one being typed.
function wording(theme, t, act) {
  const input = h("input", { type: "text", value: theme.statement.text, maxlength: "280",
    "aria-label": t("Wording of the statement") });
  const form = h("form", { class: "sf-inline-form", onsubmit: (ev) => { ev.preventDefault(); act("cg.statement.edit", { id: theme.statement.id, text: input.value }); } },
    input, h("button", { class: "button small", type: "submit" }, t("Save wording")));
  let shown = theme.statement.text;
  form.take = (text) => {
    if (text !== shown && document.activeElement !== input) input.value = text;
    shown = text;
  };
  return form;
}

function candidatesOf(theme) {
  return theme.candidates.length ? h("ul", { class: "sf-theme-candidates" }, theme.candidates.map((c) => h("li", {}, c.text))) : null;
}

// --- participant ----------------------------------------------------------------------------------

export function participant(el, ctx) {
  const { live, t } = ctx;
  const current = h("div", { "aria-live": "polite" });
  const below = h("div");
  const error = errorLine();
  const reason = h("textarea", { id: "cg-reason", maxlength: "280", rows: "2" });
  el.append(current, error, below);
  let card = null; // the theme that is up, built once so that typing a reason survives others' answers

  const mineFor = (theme) => live.state.common_ground.my_responses[String(theme.id)];

  async function respond(support) {
    const theme = live.state.common_ground.themes.find((x) => x.state === "up");
    if (!theme) return;
    live.state.common_ground.my_responses[String(theme.id)] = { support, reason: reason.value.trim() };
    render(live.state.common_ground);
    error.show(await live.send("cg.theme.respond", { theme_id: theme.id, support, reason: reason.value.trim() }, { queue: true }));
  }

  function themeCard(up) {
    const name = h("h3", { class: "sf-up-name" });
    const candidates = h("div");
    const yes = h("button", { type: "button", class: "button big sf-yes", onclick: () => respond(true) }, t("I can support this"));
    const no = h("button", { type: "button", class: "button big sf-no", onclick: () => respond(false) }, t("I cannot support this"));
    const sendReason = h("button", { type: "button", class: "button", onclick: () => respond(mineFor(up).support) }, t("Send my reason"));
    const status = h("p", { class: "sf-status" });
    const article = h("article", { class: "sf-card sf-up", dataset: { theme: up.id } },
      h("p", { class: "eyebrow" }, t("Can everyone support this?")), name, candidates,
      h("div", { class: "sf-support-buttons", role: "group", "aria-label": t("Your answer") }, yes, no),
      h("label", { for: "cg-reason" }, t("Why? (you may leave this empty)")), reason, sendReason, status);
    const mine = mineFor(up);
    reason.value = mine ? mine.reason : "";
    return { id: up.id, article, update(theme) {
      const m = mineFor(theme);
      name.textContent = theme.name;
      fill(candidates, candidatesOf(theme));
      yes.setAttribute("aria-pressed", String(!!m && m.support));
      no.setAttribute("aria-pressed", String(!!m && !m.support));
      sendReason.hidden = !m;
      status.textContent = m ? (m.support ? t("You said: I can support this. You can change it while the theme is up.")
        : t("You said: I cannot support this. You can change it while the theme is up.")) : t("Choose your answer.");
    } };
  }

  function render(part) {
    const up = part.themes.find((x) => x.state === "up");
    if (!up) {
      card = null;
      fill(current, h("p", { class: "sf-card muted" }, t("No theme is up right now. Wait for the facilitator.")));
    } else {
      if (!card || card.id !== up.id) { card = themeCard(up); fill(current, card.article); }
      card.update(up);
    }
    fill(below, lists(part, t));
  }

  const watcher = watchCommonGround(ctx, render);
  return () => watcher.stop();
}

// --- cockpit --------------------------------------------------------------------------------------

export function cockpit(el, ctx) {
  const { live, t } = ctx;
  const error = errorLine();
  const act = async (kind, data) => error.show(await live.send(kind, data));
  const top = h("div");
  const drafts = h("section", { class: "sf-card" });
  const below = h("div");
  el.append(error, top, drafts, below);
  const text = h("input", { type: "text", id: "cg-wording", maxlength: "280" });
  // The theme that is up is built once, and the two lists are redrawn only when they change: the
  // room's answers coming in do not take the wording field away from the facilitator typing in it.
  let card = null;
  const wordings = new Map(); // statement id -> its wording form
  let listsShown = null;

  function wordingOf(theme) {
    if (!wordings.has(theme.statement.id)) wordings.set(theme.statement.id, wording(theme, t, act));
    const form = wordings.get(theme.statement.id);
    form.take(theme.statement.text);
    return form;
  }

  function upCard(theme) {
    let up = theme;
    text.value = up.name;
    const name = h("h3");
    const candidates = h("div");
    const tally = h("p", { class: "sf-tally", "aria-live": "polite" });
    const objections = h("div");
    const confirm = h("button", { type: "button", class: "button primary", onclick: () => {
      const despite = up.tally.object > 0;
      if (despite && !window.confirm(t("Some people cannot support this. Confirm anyway?"))) return;
      act("cg.theme.decide", { id: up.id, decision: "confirmed", text: text.value, despite_objections: despite });
    } });
    const article = h("article", { class: "sf-card sf-up", dataset: { theme: up.id } },
      h("p", { class: "eyebrow" }, t("Up for confirmation")), name, candidates, tally, objections,
      h("label", { for: "cg-wording" }, t("Wording if confirmed")), text,
      h("div", { class: "row sf-actions" }, confirm,
        h("button", { type: "button", class: "button", onclick: () => act("cg.theme.decide", { id: up.id, decision: "not_agreed" }) }, t("Move to not agreed")),
        h("button", { type: "button", class: "button small", onclick: () => act("cg.theme.take_down", { id: up.id }) }, t("Take down"))));
    return { id: up.id, article, update(x) {
      up = x;
      const against = (up.responses || []).filter((r) => !r.support);
      name.textContent = up.name;
      fill(candidates, candidatesOf(up));
      fill(tally, h("span", { class: "badge sf-yes" }, tn("%(num)d person can support this", "%(num)d people can support this", up.tally.support)), " ",
        h("span", { class: "badge sf-no" }, tn("%(num)d person cannot support this", "%(num)d people cannot support this", up.tally.object)));
      fill(objections, against.length ? h("ul", { class: "sf-objections", "aria-live": "polite" }, against.map((r) =>
        h("li", {}, h("strong", {}, r.name), r.group_name ? ` (${r.group_name})` : "", r.reason ? `: ${r.reason}` : ""))) : null);
      confirm.textContent = up.tally.object ? t("Confirm despite objections") : t("Confirm");
    } };
  }

  function render(part) {
    const up = part.themes.find((x) => x.state === "up");
    if (!up) { card = null; clear(top); }
    else {
      if (!card || card.id !== up.id) { card = upCard(up); fill(top, card.article); }
      card.update(up);
    }
    const waiting = part.themes.filter((x) => x.state === "draft");
    fill(drafts, h("h3", {}, t("Themes to put to the room")),
      waiting.length ? h("ul", { class: "sf-draft-themes" }, waiting.map((x) => h("li", { dataset: { theme: x.id } },
        h("span", {}, x.name, " ", h("span", { class: "muted" }, `(${x.candidates.length})`)),
        h("button", { type: "button", class: "button", disabled: !!up, onclick: () => act("cg.theme.put_up", { id: x.id }) }, t("Put to the room")))))
        : h("p", { class: "muted" }, t("No themes waiting. Make themes in the common ground session.")));
    const decided = JSON.stringify(part.themes.filter((x) => x.state === "confirmed" || x.state === "not_agreed"));
    if (decided !== listsShown) { listsShown = decided; fill(below, lists(part, t, { wordingOf })); }
  }

  const watcher = watchCommonGround(ctx, render);
  return () => watcher.stop();
}

// --- projector ------------------------------------------------------------------------------------

export function presenter(el, ctx) {
  const { t } = ctx;
  return projector(el, ctx, watchCommonGround, (part) => {
    const up = part.themes.find((x) => x.state === "up");
    return [
      up ? h("section", { class: "sf-big-statement", dataset: { theme: up.id } }, h("p", { class: "projector-eyebrow" }, t("Can everyone support this?")),
        h("h2", {}, up.name), candidatesOf(up),
        h("p", { class: "sf-tally big" }, h("span", { class: "badge sf-yes" }, tn("%(num)d person can support this", "%(num)d people can support this", up.tally.support)), " ",
          h("span", { class: "badge sf-no" }, tn("%(num)d person cannot support this", "%(num)d people cannot support this", up.tally.object))))
        : null,
      lists(part, t, { big: true })];
  });
}

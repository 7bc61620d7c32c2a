// Statements ("stellingen"): the facilitator puts statements up one at a time or as a set; everyone
// answers agree / disagree / pass (or on a 5-point scale) with an optional reason and may change the
// answer until the statement closes. Results: counts and the split per stakeholder group, live or
// once revealed; the statement with the most agreement across all groups and the most divisive one
// are highlighted. Part "statements" (query of the same name), events statement.*.
import { tn } from "../i18n.js";
import { html, useLayoutEffect, useRef, useState } from "../ui/view.js";
import { ErrorLine, InlineEditor, SharedText, useSend } from "../ui/components.js";
import { usePart } from "../ui/screen.js";
import { SF } from "./shared_future.js";

export { statements as reducer } from "../state/shared_future.js";

const COLOURS = { agree: "#1e7a46", disagree: "#b3261e", pass: "#9aa5b1",
  1: "#b3261e", 2: "#e58a6f", 3: "#c3c9d1", 4: "#7cc49a", 5: "#1e7a46" };
const ORDER = { agree: ["agree", "pass", "disagree"], scale5: ["5", "4", "3", "pass", "2", "1"] };

export function answerLabels(t) {
  return { agree: t("Agree"), disagree: t("Disagree"), pass: t("Pass"), 1: t("Strongly disagree"), 2: t("Disagree"),
    3: t("Neutral"), 4: t("Agree"), 5: t("Strongly agree") };
}

function choices(st) {
  return st.scale === "scale5" ? ["1", "2", "3", "4", "5", "pass"] : ["agree", "disagree", "pass"];
}

// --- results ------------------------------------------------------------------------------------

function Bar({ counts, keys, labels, total }) {
  return html`<div class="sf-bar" role="img" aria-label=${keys.map((k) => `${labels[k]}: ${counts[k] || 0}`).join(", ")}>
    ${keys.filter((k) => counts[k]).map((k) => html`<span key=${k} class="sf-bar-part" title=${`${labels[k]}: ${counts[k]}`}
      style=${{ width: `${(100 * counts[k]) / total}%`, background: COLOURS[k] }}>${String(counts[k])}</span>`)}
  </div>`;
}

export function Result({ st, t, big = false }) {
  const labels = answerLabels(t);
  const r = st.result;
  const keys = ORDER[st.scale];
  if (!r) {
    return html`<div class=${big ? "sf-result big" : "sf-result"}><p class="muted">${tn("%(num)d answer so far. Results follow later.",
      "%(num)d answers so far. Results follow later.", st.answered || 0)}</p></div>`;
  }
  return html`<div class=${big ? "sf-result big" : "sf-result"}>
    <ul class="sf-legend" aria-hidden="true">${keys.map((k) => html`<li key=${k}><span class="dot" style=${{ background: COLOURS[k] }}></span>${labels[k]}</li>`)}</ul>
    <div class="sf-result-row total"><span class="sf-result-name">${t("Everyone (%(num)s)", { num: r.total })}</span>
      ${r.total ? html`<${Bar} counts=${r.counts} keys=${keys} labels=${labels} total=${r.total} />` : html`<span class="muted">${t("No answers yet.")}</span>`}</div>
    ${r.groups.filter((g) => g.total).map((g) => html`<div key=${g.group_id || 0} class="sf-result-row" data-group=${g.group_id || ""}>
      <span class="sf-result-name"><span class="dot" style=${{ background: g.colour }}></span>${`${g.name || t("No group")} (${g.total})`}</span>
      <${Bar} counts=${g.counts} keys=${keys} labels=${labels} total=${g.total} /></div>`)}
    ${r.reasons.length ? html`<${big ? "h3" : "h4"}>${t("Reasons")}<//><ul class="sf-reasons" aria-live="polite">${r.reasons.slice(big ? -6 : -60).map((x, i) => html`<li key=${i}>
      <span class="sf-chip" style=${{ background: COLOURS[x.answer] }}>${labels[x.answer]}</span> ${x.text}${x.name ? html`<span class="muted">${` · ${x.name}`}</span>` : null}</li>`)}</ul>` : null}
  </div>`;
}

function Badges({ part, st, t }) {
  const hl = part.highlights || {};
  return html`${hl.common === st.id ? html`<span class="badge sf-common">${t("Most agreement across all groups")}</span>` : null}
    ${hl.divisive === st.id ? html`<span class="badge sf-divisive">${t("Most divisive")}</span>` : null}`;
}

function stateLabel(st, t) {
  return { draft: t("Not put up yet"), open: t("Open"), closed: t("Closed") }[st.state];
}

// --- participant ----------------------------------------------------------------------------------
// A card per statement, keyed: the reason being typed stays while the room's answers come in.
function AnswerCard({ live, part, st, t }) {
  const labels = answerLabels(t);
  const [error, send, setError] = useSend(live);
  const reason = useRef(null);
  const open = st.state === "open";
  const mine = st.mine && st.mine.answer;
  async function answer(value) {
    if (!value) { setError(t("Choose an answer first.")); return; }
    setError("");
    const text = reason.current.value.trim();
    live.local("statement.answer", { statement_id: st.id, answer: value, reason: text });
    await send("statement.answer", { statement_id: st.id, answer: value, reason: text }, { queue: true });
  }
  return html`<article class="sf-card sf-statement" data-id=${st.id}>
    <div class="sf-badges"><${Badges} part=${part} st=${st} t=${t} /></div>
    <h3 class="sf-statement-text">${st.text}</h3>
    <div class="sf-answer-box" hidden=${!open}>
      <div class=${`sf-answers ${st.scale}`} role="group" aria-label=${t("Your answer")}>
        ${choices(st).map((c) => html`<button key=${c} type="button" class=${`button big sf-choice choice-${c}`} aria-pressed=${String(mine === c)}
          data-answer=${c} onClick=${() => answer(c)}>${st.scale === "scale5" && c !== "pass" ? html`<strong>${c}</strong> ${labels[c]}` : labels[c]}</button>`)}
      </div>
      ${st.names_notice ? html`<p class="muted names-notice" data-names-notice>${t(st.names_notice)}</p>` : null}
      <label for=${`reason-${st.id}`}>${t("Why? (you may leave this empty)")}</label>
      <${SharedText} id=${`reason-${st.id}`} maxlength="280" rows="2" autosave=${false} fieldRef=${reason} value=${st.mine ? st.mine.reason || "" : ""} />
      <button type="button" class="button" onClick=${() => answer(mine)}>${t("Send my reason")}</button>
      <${ErrorLine} message=${error} />
    </div>
    <p class="sf-status" aria-live="polite">${mine
      ? (open ? t("Your answer: %(answer)s. You can change it until the statement closes.", { answer: labels[mine] })
        : t("Closed. Your answer: %(answer)s.", { answer: labels[mine] }))
      : (open ? t("Choose your answer.") : t("Closed. You did not answer."))}</p>
    <div><${Result} st=${st} t=${t} /></div>
  </article>`;
}

function Participant({ live, t }) {
  const part = usePart(live, "statements");
  if (!part) return html`<${SF} part=${part} t=${t} />`;
  const shown = part.statements.filter((s) => s.state !== "draft");
  const open = shown.filter((s) => s.state === "open");
  const ordered = [...open, ...shown.filter((s) => s.state !== "open").reverse()];
  return html`<${SF} part=${part} t=${t}><div class="sf-list">
    ${ordered.map((s) => html`<${AnswerCard} key=${s.id} live=${live} part=${part} st=${s} t=${t} />`)}
    ${ordered.length ? null : html`<p class="muted sf-empty">${t("No statement yet. Wait for the facilitator.")}</p>`}
  </div><//>`;
}

// --- cockpit --------------------------------------------------------------------------------------
// One card per statement, keyed: the answers coming in redraw the results, never the "Reword" field
// the facilitator may be typing in.
function StatementCard({ live, part, st, t, act, putUp }) {
  const [editing, setEditing] = useState(false);
  const reword = useRef(null);
  const close = () => { setEditing(false); setTimeout(() => reword.current && reword.current.focus(), 0); };
  return html`<article class=${`sf-card sf-statement state-${st.state}`} data-id=${st.id}>
    <div class="sf-badges">
      <span class=${`badge state-${st.state}`}>${stateLabel(st, t)}</span>
      ${st.state !== "draft" && st.results === "reveal" ? html`<span class="badge">${st.revealed ? t("Revealed") : t("Results hidden")}</span>` : null}
      ${st.scale === "scale5" ? html`<span class="badge">${t("Scale of 1 to 5")}</span>` : null}
      ${st.anonymous ? null : html`<span class="badge">${t("With names")}</span>`}
      <${Badges} part=${part} st=${st} t=${t} />
    </div>
    <h3 class="sf-statement-text" hidden=${editing}>${st.text}</h3>
    ${editing ? html`<${InlineEditor} label=${t("Wording of the statement")} maxlength=${500} multiline value=${st.text}
      save=${(text) => live.send("statement.edit", { id: st.id, text })} onClose=${close} />` : null}
    <div class="row sf-actions" hidden=${editing}>
      <button type="button" class="button primary" hidden=${st.state === "open"} onClick=${() => putUp([st.id], true)}>
        ${st.state === "draft" ? t("Put up (closes the others)") : t("Open again")}</button>
      <button type="button" class="button" hidden=${st.state === "open"} onClick=${() => putUp([st.id], false)}>${t("Add to the open set")}</button>
      <button type="button" class="button" hidden=${st.state !== "open"} onClick=${() => act("statement.close", { ids: [st.id] })}>${t("Close")}</button>
      <button type="button" class="button" hidden=${!(st.state !== "draft" && st.results === "reveal" && !st.revealed)}
        onClick=${() => act("statement.reveal", { ids: [st.id] })}>${t("Reveal results")}</button>
      <button type="button" class="button" ref=${reword} hidden=${Boolean(st.answered)} onClick=${() => setEditing(true)}>${t("Reword")}</button>
      <button type="button" class="button danger small" hidden=${!(st.state === "draft" && !st.answered)} onClick=${() => {
        if (window.confirm(t("Delete this statement?"))) act("statement.remove", { id: st.id });
      }}>${t("Delete")}</button>
    </div>
    <div>${st.result && st.state !== "draft" ? html`<${Result} st=${st} t=${t} />` : null}</div>
  </article>`;
}

function Cockpit({ live, session, t }) {
  const part = usePart(live, "statements");
  const [error, act] = useSend(live);
  const text = useRef(null);
  const scale = useRef(null);
  const mode = useRef(null);
  const anonymous = useRef(null);
  // Reasons are anonymous when the session is (the cockpit's session setting), unless changed here.
  useLayoutEffect(() => { if (anonymous.current) anonymous.current.checked = session.anonymous !== false; }, [!!part]);
  if (!part) return html`<${SF} part=${part} t=${t} />`;
  const putUp = (ids, only) => act("statement.open", { ids, only, results: mode.current.value, anonymous: anonymous.current.checked });
  return html`<${SF} part=${part} t=${t}>
    <div class="sf-toolbar">
      <form class="sf-add stack" onSubmit=${async (ev) => {
        ev.preventDefault();
        const ack = await act("statement.add", { text: text.current.value, scale: scale.current.value });
        if (ack.ok) text.current.value = "";
      }}>
        <label for="statement-new">${t("New statement")}</label>
        <textarea id="statement-new" ref=${text} maxlength="500" rows="2"></textarea>
        <div class="row"><label for="statement-scale" class="sr-only">${t("Scale")}</label>
          <select id="statement-scale" ref=${scale}><option value="agree">${t("Agree / disagree / pass")}</option><option value="scale5">${t("Scale of 1 to 5")}</option></select>
          <button class="button" type="submit">${t("Add statement")}</button></div>
      </form>
      <fieldset class="sf-options"><legend>${t("When I put statements up")}</legend>
        <label for="statement-results">${t("Results")}</label>
        <select id="statement-results" ref=${mode}><option value="live">${t("Show results live")}</option><option value="reveal">${t("Show results when I reveal them")}</option></select>
        <label class="check"><input type="checkbox" id="statement-anonymous" ref=${anonymous} />${t("Reasons without names")}</label>
        <button type="button" class="button" onClick=${() => {
          const ids = part.statements.filter((s) => s.state === "draft").map((s) => s.id);
          if (ids.length) putUp(ids, false);
        }}>${t("Put up all new statements as a set")}</button>
      </fieldset>
    </div>
    <${ErrorLine} message=${error} />
    <div class="sf-list">
      ${part.statements.map((s) => html`<${StatementCard} key=${s.id} live=${live} part=${part} st=${s} t=${t} act=${act} putUp=${putUp} />`)}
      ${part.statements.length ? null : html`<p class="muted">${t("No statements yet. Add one above.")}</p>`}
    </div>
  <//>`;
}

// --- projector ------------------------------------------------------------------------------------
function Presenter({ live, t }) {
  const part = usePart(live, "statements");
  if (!part) return html`<${SF} part=${part} t=${t} />`;
  const shown = part.statements.filter((s) => s.state !== "draft");
  const open = shown.filter((s) => s.state === "open");
  const main = open.length ? open : shown.filter((s) => s.result).slice(-1);
  const byId = (id) => part.statements.find((s) => s.id === id);
  const hl = part.highlights || {};
  return html`<${SF} part=${part} t=${t} cls="sf-projector">
    ${main.map((s) => html`<section key=${s.id} class="sf-big-statement" data-id=${s.id}>
      <div class="sf-badges"><${Badges} part=${part} st=${s} t=${t} /></div>
      <h2>${s.text}</h2><${Result} st=${s} t=${t} big /></section>`)}
    ${main.length ? null : html`<p class="sf-wait">${t("The statements follow soon.")}</p>`}
    ${hl.common || hl.divisive ? html`<div class="sf-highlights">
      ${hl.common && byId(hl.common) ? html`<p><span class="badge sf-common">${t("Most agreement across all groups")}</span> ${byId(hl.common).text}</p>` : null}
      ${hl.divisive && byId(hl.divisive) ? html`<p><span class="badge sf-divisive">${t("Most divisive")}</span> ${byId(hl.divisive).text}</p>` : null}
    </div>` : null}
  <//>`;
}

// The projector's live count (presenter.js): what this activity has had so far.
// Answers to the statement(s) now open (the most answered, when several are open).
export const count = (state) => {
  const open = state.statements ? state.statements.statements.filter((s) => s.state === "open") : [];
  return { voted: open.length ? Math.max(...open.map((s) => s.answered || 0)) : null };
};

export const views = { participant: Participant, cockpit: Cockpit, presenter: Presenter };

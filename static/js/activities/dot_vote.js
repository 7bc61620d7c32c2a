// The dot vote on the trend map: every participant has a number of dots (5 unless the facilitator
// sets another number), may put several on one trend and take them back until the vote closes.
// Dots are drawn in the colour of the voter's stakeholder group. Results: totals per trend split
// per stakeholder group; live on the projector and in the cockpit, on phones once the vote is closed.
import { html, useLayoutEffect, useRef } from "../ui/view.js";
import { ErrorLine, useSend } from "../ui/components.js";
import { Outline, PP, ResultsChart, sessionVote } from "./_shared_past_present.js";

export { dotVotes as reducer } from "../state/past_present.js";

const trendsPart = (state) => state.trends || { topic: "", nodes: [] };

function Dots({ n, colour, cls = "" }) {
  return Array.from({ length: n }, (_, i) => html`<span key=${i} class=${`pp-dot ${cls}`} style=${{ background: colour }} aria-hidden="true"></span>`);
}

// --- participant ---------------------------------------------------------------------------------
// The + and − buttons are keyed by trend and stay in place (disabled, never replaced) when a dot
// changes the count: keyboard focus stays on the button pressed.
function Participant({ live, state, session, me: meCtx, t }) {
  const [error, send] = useSend(live);
  const busy = useRef(false);
  const { vote, groups } = sessionVote(state, session);
  const me = state.me || meCtx || {};
  const colour = (me.group && me.group.colour) || "#1d4e89";
  const s = vote.settings;
  const mine = (vote.mine && vote.mine.dots) || {};
  const used = Object.values(mine).reduce((a, b) => a + b, 0);
  const left = Math.max(0, s.dots - used);
  const open = s.status === "open";
  const change = async (kind, trendId) => {
    if (busy.current) return;
    busy.current = true;
    try { await send(kind, { session_id: session.id, trend_id: trendId }); } finally { busy.current = false; }
  };
  const controls = (n) => {
    if (n.kind !== "trend") return null;
    const here = mine[String(n.id)] || 0;
    return html`<span class="pp-vote-ctl">
      ${open ? html`<button type="button" class="minus" aria-disabled=${String(here === 0)}
        aria-label=${t("Take a dot back from %(name)s", { name: n.text })} onClick=${() => { if (here > 0) change("vote.remove", n.id); }}>−</button>` : null}
      <span class="pp-vote-dots" aria-hidden="true"><${Dots} n=${here} colour=${colour} /></span>
      <span class="pp-vote-count" aria-label=${t("Your dots on %(name)s: %(num)s", { name: n.text, num: here })}>${String(here)}</span>
      ${open ? html`<button type="button" class="plus" aria-disabled=${String(left === 0)}
        aria-label=${t("Put a dot on %(name)s", { name: n.text })} onClick=${() => { if (left > 0) change("vote.add", n.id); }}>+</button>` : null}
    </span>`;
  };
  return html`<${PP} cls="pp-vote"><div class="pp-vote-body">
    ${open ? html`<p>${t("Put your dots on the trends that matter most. You may put more than one dot on a trend.")}</p>` : null}
    ${me.group ? html`<p class="muted small"><span class="dot" style=${{ background: colour }}></span> ${t("Your dots have the colour of your group: %(name)s", { name: me.group.name })}</p>` : null}
    <p class="pp-dots-left" aria-live="polite">
      ${open ? t("%(left)s of %(dots)s dots left", { left, dots: s.dots }) : t("The vote is closed.")}
      ${open ? html`<span aria-hidden="true"><${Dots} n=${left} colour=${colour} /><${Dots} n=${used} colour=${colour} cls="empty" /></span>` : null}
    </p>
    <${ErrorLine} message=${error} />
    ${vote.results ? html`<h3>${t("Results")}</h3><${ResultsChart} t=${t} trends=${trendsPart(state)} results=${vote.results} groups=${groups} />` : null}
    ${vote.results ? html`<h3>${t("Your dots")}</h3>` : null}
    <${Outline} t=${t} trends=${trendsPart(state)} extra=${controls} />
  </div><//>`;
}

// --- cockpit ----------------------------------------------------------------------------------------
// The settings fields are keyed by the settings: a vote coming in redraws the results, not the
// fields being set; a change of the settings (here or in another cockpit) gives fresh fields.
function Settings({ s, send, session, t }) {
  const number = useRef(null);
  const reveal = useRef(null);
  const open = s.status === "open";
  useLayoutEffect(() => { number.current.value = s.dots; reveal.current.value = s.reveal; }, []);
  return html`<form class="card pp-settings" onSubmit=${(ev) => {
    ev.preventDefault();
    send("vote.configure", { session_id: session.id, dots: Number(number.current.value), reveal: reveal.current.value });
  }}>
    <span class=${`pp-status-badge ${s.status}`}>${open ? t("Voting is open") : t("Voting is closed")}</span>
    <label for="dv-dots">${t("Dots per person")}<input id="dv-dots" ref=${number} type="number" min="1" max="50" /></label>
    <label for="dv-reveal">${t("Show results")}<select id="dv-reveal" ref=${reveal}>
      <option value="live">${t("Live on the projector")}</option>
      <option value="close">${t("When the vote closes")}</option>
    </select></label>
    <button type="submit" class="button">${t("Save")}</button>
    <button type="button" class=${open ? "button primary" : "button"} onClick=${() =>
      send("vote.status", { session_id: session.id, status: open ? "closed" : "open" })}>${open ? t("Close the vote") : t("Open the vote again")}</button>
  </form>`;
}

function Cockpit({ live, state, session, t }) {
  const [error, send] = useSend(live);
  const { vote, groups } = sessionVote(state, session);
  const s = vote.settings;
  return html`<${PP} cls="pp-cockpit">
    <${Settings} key=${`${s.dots}|${s.reveal}`} s=${s} send=${send} session=${session} t=${t} />
    <${ErrorLine} message=${error} />
    <section class="card"><h3>${t("Results")}</h3>
      <${ResultsChart} t=${t} trends=${trendsPart(state)} results=${vote.results} groups=${groups} /></section>
  <//>`;
}

// --- projector ----------------------------------------------------------------------------------------
function Presenter({ state, session, t }) {
  const { vote, groups } = sessionVote(state, session);
  return html`<${PP} cls="pp-present">${vote.results
    ? html`<${ResultsChart} t=${t} trends=${trendsPart(state)} results=${vote.results} groups=${groups} limit=${10} />`
    : html`<p class="pp-waiting">${vote.settings.status === "open" ? t("Voting… The results show when the vote closes.") : t("The vote is closed.")}</p>`}<//>`;
}

// The projector's live count (presenter.js): what this activity has had so far.
// The voters are known where the results are (the projector sees them when the vote shows them live).
export const count = (state, session) => {
  const { vote } = sessionVote(state, session);
  return { voted: vote.results && vote.results.voters !== undefined ? vote.results.voters : null };
};

export const views = { participant: Participant, cockpit: Cockpit, presenter: Presenter };

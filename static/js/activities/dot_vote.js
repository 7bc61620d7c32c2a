// The dot vote on the trend map: every participant has a number of dots (5 unless the facilitator
// sets another number), may put several on one trend and take them back until the vote closes.
// Dots are drawn in the colour of the voter's stakeholder group. Results: totals per trend split
// per stakeholder group; live on the projector and in the cockpit, on phones once the vote is closed.
import {
  fill, ensureCss, errorLine, follow, h, outline, preserving, resultsChart, send, sessionVote,
} from "./_shared_past_present.js";

function trendsPart(ctx) {
  return ctx.live.state.trends || { topic: "", nodes: [] };
}

function dots(n, colour, cls = "") {
  return Array.from({ length: n }, () => h("span", { class: `pp-dot ${cls}`, style: { background: colour }, "aria-hidden": "true" }));
}

// --- participant ---------------------------------------------------------------------------------
export function participant(el, ctx) {
  ensureCss();
  const { t } = ctx;
  const error = errorLine();
  const root = h("div", { class: "pp pp-vote" });
  el.append(root);
  const me = ctx.live.state.me || ctx.me || {};
  const colour = (me.group && me.group.colour) || "#1d4e89";
  let busy = false;

  async function change(kind, trendId) {
    if (busy) return;
    busy = true;
    try {
      await send(ctx, kind, { session_id: ctx.session.id, trend_id: trendId }, error);
    } finally {
      busy = false;
    }
  }

  function render() {
    const { vote, groups } = sessionVote(ctx);
    const s = vote.settings;
    const mine = (vote.mine && vote.mine.dots) || {};
    const used = Object.values(mine).reduce((a, b) => a + b, 0);
    const left = Math.max(0, s.dots - used);
    const open = s.status === "open";
    const status = h("p", { class: "pp-dots-left", "aria-live": "polite" },
      open ? t("%(left)s of %(dots)s dots left", { left, dots: s.dots }) : t("The vote is closed."),
      open ? h("span", { "aria-hidden": "true" }, dots(left, colour), dots(used, colour, "empty")) : null);
    const controls = (n) => {
      if (n.kind !== "trend") return null;
      const here = mine[String(n.id)] || 0;
      return h("span", { class: "pp-vote-ctl" },
        open ? h("button", { type: "button", class: "minus", disabled: here === 0,
          "aria-label": t("Take a dot back from %(name)s", { name: n.text }), onclick: () => change("vote.remove", n.id) }, "−") : null,
        h("span", { class: "pp-vote-dots", "aria-hidden": "true" }, dots(here, colour)),
        h("span", { class: "pp-vote-count", "aria-label": t("Your dots on %(name)s: %(num)s", { name: n.text, num: here }) }, String(here)),
        open ? h("button", { type: "button", class: "plus", disabled: left === 0,
          "aria-label": t("Put a dot on %(name)s", { name: n.text }), onclick: () => change("vote.add", n.id) }, "+") : null);
    };
    fill(root, h("div", { class: "pp-vote-body" },
      open ? h("p", {}, t("Put your dots on the trends that matter most. You may put more than one dot on a trend.")) : null,
      me.group ? h("p", { class: "muted small" }, h("span", { class: "dot", style: { background: colour } }), " ",
        t("Your dots have the colour of your group: %(name)s", { name: me.group.name })) : null,
      status, error,
      vote.results ? [h("h3", {}, t("Results")), resultsChart(ctx, { trends: trendsPart(ctx), results: vote.results, groups })] : null,
      vote.results ? h("h3", {}, t("Your dots")) : null,
      outline(ctx, trendsPart(ctx), controls)));
  }

  const draw = () => preserving(root, render);
  draw();
  return follow(ctx, ["vote.", "trend."], draw);
}

// --- cockpit ----------------------------------------------------------------------------------------
// The settings form is built once: the votes coming in redraw the results, not the fields being set.
export function cockpit(el, ctx) {
  ensureCss();
  const { t } = ctx;
  const error = errorLine();
  const number = h("input", { id: "dv-dots", type: "number", min: "1", max: "50" });
  const reveal = h("select", { id: "dv-reveal" },
    h("option", { value: "live" }, t("Live on the projector")),
    h("option", { value: "close" }, t("When the vote closes")));
  const badge = h("span");
  const toggle = h("button", { type: "button", onclick: () => {
    const open = sessionVote(ctx).vote.settings.status === "open";
    send(ctx, "vote.status", { session_id: ctx.session.id, status: open ? "closed" : "open" }, error);
  } });
  const results = h("div");
  el.append(h("div", { class: "pp pp-cockpit" },
    h("form", { class: "card pp-settings", onsubmit: (ev) => {
      ev.preventDefault();
      send(ctx, "vote.configure", { session_id: ctx.session.id, dots: Number(number.value), reveal: reveal.value }, error);
    } },
    badge,
    h("label", { for: "dv-dots" }, t("Dots per person"), number),
    h("label", { for: "dv-reveal" }, t("Show results"), reveal),
    h("button", { type: "submit", class: "button" }, t("Save")),
    toggle),
    error,
    h("section", { class: "card" }, h("h3", {}, t("Results")), results)));
  let shown = {}; // the settings last put into the fields: only a change of them is put in again

  function render() {
    const { vote, groups } = sessionVote(ctx);
    const s = vote.settings;
    const open = s.status === "open";
    if (s.dots !== shown.dots && document.activeElement !== number) number.value = s.dots;
    if (s.reveal !== shown.reveal && document.activeElement !== reveal) reveal.value = s.reveal;
    shown = s;
    badge.className = `pp-status-badge ${s.status}`;
    badge.textContent = open ? t("Voting is open") : t("Voting is closed");
    toggle.className = open ? "button primary" : "button";
    toggle.textContent = open ? t("Close the vote") : t("Open the vote again");
    fill(results, resultsChart(ctx, { trends: trendsPart(ctx), results: vote.results, groups }));
  }

  render();
  return follow(ctx, ["vote.", "trend."], render);
}

// --- projector ----------------------------------------------------------------------------------------
export function presenter(el, ctx) {
  ensureCss();
  const { t } = ctx;
  const render = () => {
    const { vote, groups } = sessionVote(ctx);
    fill(el, h("div", { class: "pp pp-present" }, vote.results
      ? resultsChart(ctx, { trends: trendsPart(ctx), results: vote.results, groups, limit: 10 })
      : h("p", { class: "pp-waiting" }, vote.settings.status === "open"
        ? t("Voting… The results show when the vote closes.")
        : t("The vote is closed."))));
  };
  render();
  return follow(ctx, ["vote.", "trend."], render);
}

// Timelines: everyone posts events on three timelines (the conference's lenses), by decade.
// Phone: pick a timeline, a decade (or a year) and write; a scrollable list below. Projector and
// cockpit: a wall with a column per decade and a lane per timeline; the cockpit can remove entries.
import {
  ensureCss, errorLine, fill, focusBar, follow, h, inputOpen, lensLabel, markMine, send,
} from "./_shared_past_present.js";

function part(ctx) {
  return ctx.live.state.timelines || { lenses: ["personal", "local", "global"], decades: [], entries: [] };
}

function yearText(e) {
  return e.year ? String(e.year) : "";
}

// --- participant ---------------------------------------------------------------------------------
export function participant(el, ctx) {
  ensureCss();
  const { t } = ctx;
  let lens = 0;
  let editing = null;
  const error = errorLine();
  const tabs = h("div", { class: "pp-tabs", role: "radiogroup", "aria-label": t("Timeline") });
  const decade = h("select", { id: "tl-decade", class: "pp-select" });
  const year = h("input", { id: "tl-year", type: "number", inputmode: "numeric", class: "pp-year", placeholder: t("Year"), "aria-describedby": "tl-year-help" });
  const text = h("textarea", { id: "tl-text", rows: "2", maxlength: "160", required: true });
  const submit = h("button", { class: "button primary big", type: "submit" }, t("Put on the timeline"));
  const cancel = h("button", { class: "button", type: "button", hidden: true, onclick: () => stopEditing() }, t("Cancel"));
  const form = h("form", { class: "pp-form stack", onsubmit: post },
    h("div", { class: "pp-when" },
      h("div", {}, h("label", { for: "tl-decade" }, t("When?")), decade),
      h("div", {}, h("label", { for: "tl-year" }, t("Year (if you know it)")), year)),
    h("p", { id: "tl-year-help", class: "muted small" }, t("A year puts it in the right decade by itself.")),
    h("label", { for: "tl-text" }, t("What happened?")), text, error,
    h("div", { class: "actions-bar" }, submit, cancel));
  const closed = h("p", { class: "muted pp-closed" }, t("Input is closed now. You can read the timelines."));
  const count = h("p", { class: "muted small", "aria-live": "polite" });
  const list = h("div", { class: "pp-tl-list", "aria-live": "polite" });
  el.append(h("div", { class: "pp pp-timeline" }, tabs, form, closed, count, list));

  async function post(ev) {
    ev.preventDefault();
    const value = text.value.trim();
    if (!value) { error.show(t("Write what happened first.")); return; }
    const data = { lens, text: value };
    if (year.value.trim()) data.year = Number(year.value);
    else data.decade = Number(decade.value);
    if (!editing) {
      // Kept in the outbox until the server has it: a phone that loses the network sends it later.
      const sent = ctx.live.send("timeline.add", data, { queue: true });
      error.show("");
      stopEditing();
      render();
      text.focus();
      const ack = await sent;
      if (ack.ok) markMine(ctx.live, ack.result.id);
      else {
        error.show((ack.error && ack.error.message) || t("Something went wrong."));
        if (!text.value) text.value = data.text;
      }
      render();
      return;
    }
    const ack = await send(ctx, "timeline.edit", { id: editing, ...data }, error);
    if (!ack.ok) return;
    stopEditing();
    render();
    text.focus();
  }

  function stopEditing() {
    editing = null;
    text.value = "";
    year.value = "";
    submit.textContent = t("Put on the timeline");
    cancel.hidden = true;
  }

  function render() {
    const p = part(ctx);
    const open = inputOpen(ctx);
    form.hidden = !open;
    closed.hidden = open;
    fill(tabs, ...p.lenses.map((_, i) => h("button", {
      type: "button", role: "radio", class: "pp-tab", "aria-checked": String(i === lens),
      onclick: () => { lens = i; render(); },
    }, lensLabel(t, p.lenses, i), " ", h("span", { class: "badge" }, String(p.entries.filter((e) => e.lens === i).length)))));
    if (decade.options.length !== p.decades.length) {
      fill(decade, ...p.decades.map((d) => h("option", { value: d.decade }, d.label)));
      decade.value = String(p.decades.length ? p.decades[p.decades.length - 1].decade : "");
    }
    if (p.decades.length) {
      year.min = String(p.decades[0].from);
      year.max = String(p.decades[p.decades.length - 1].to);
    }
    const entries = p.entries.filter((e) => e.lens === lens);
    const waiting = ctx.live.pending("timeline.add").map((op) => op.data).filter((d) => d.lens === lens)
      .map((d) => ({ ...d, decade: d.year ? Math.max(Math.floor(d.year / 10) * 10, p.decades.length ? p.decades[0].decade : 0) : d.decade }));
    count.textContent = t("%(num)s entries on this timeline", { num: entries.length });
    fill(list, ...p.decades.map((d) => {
      const here = entries.filter((e) => e.decade === d.decade).sort((a, b) => (a.year || d.decade) - (b.year || d.decade));
      return h("section", { class: "pp-tl-decade" },
        h("h3", {}, d.label),
        here.length || waiting.some((w) => w.decade === d.decade) ? h("ul", { class: "pp-tl-entries" }, here.map((e) => h("li", { class: `pp-tl-entry${e.mine ? " mine" : ""}`, dataset: { id: e.id } },
          e.year ? h("span", { class: "pp-tl-year" }, yearText(e)) : null,
          h("span", { class: "pp-tl-text" }, e.text),
          e.mine && open ? h("span", { class: "pp-tl-own" },
            h("button", { type: "button", class: "button small", onclick: () => {
              editing = e.id; lens = e.lens; text.value = e.text; year.value = e.year || ""; decade.value = String(e.decade);
              submit.textContent = t("Save changes"); cancel.hidden = false; render(); text.focus();
            } }, t("Edit")),
            h("button", { type: "button", class: "button small danger", onclick: () => send(ctx, "timeline.remove", { id: e.id }, error) }, t("Delete")))
            : null)),
        waiting.filter((w) => w.decade === d.decade).map((w) => h("li", { class: "pp-tl-entry mine is-waiting" },
          w.year ? h("span", { class: "pp-tl-year" }, String(w.year)) : null, h("span", { class: "pp-tl-text" }, w.text),
          h("span", { class: "muted small" }, t("Waiting to be sent"))))) : h("p", { class: "muted small" }, t("Nothing here yet.")));
    }));
  }

  render();
  return follow(ctx, ["timeline.", "room.input", "live.status"], render);
}

// --- the wall (projector, cockpit) ---------------------------------------------------------------
function wall(ctx, { removable, lenses }) {
  const { t } = ctx;
  const p = part(ctx);
  const shown = p.lenses.map((_, i) => i).filter((i) => !lenses || lenses.includes(i));
  // A full room posts hundreds of entries: the wall gets denser so it still fits the screen.
  const count = p.entries.filter((e) => shown.includes(e.lens)).length;
  const density = count > 220 ? " denser" : count > 90 ? " dense" : "";
  return h("div", { class: `pp-wall${density}`, style: { gridTemplateColumns: `9rem repeat(${p.decades.length}, minmax(0, 1fr))` } },
    h("div", { class: "pp-wall-corner" }),
    p.decades.map((d) => h("div", { class: "pp-wall-head" }, d.label)),
    shown.map((i) => [
      h("div", { class: `pp-wall-lens lens-${i}` }, lensLabel(t, p.lenses, i),
        h("span", { class: "pp-wall-count" }, String(p.entries.filter((e) => e.lens === i).length))),
      p.decades.map((d) => h("ul", { class: `pp-wall-cell lens-${i}`, "aria-label": `${lensLabel(t, p.lenses, i)} ${d.label}` },
        p.entries.filter((e) => e.lens === i && e.decade === d.decade)
          .sort((a, b) => (a.year || d.decade) - (b.year || d.decade))
          .map((e) => h("li", { class: "pp-wall-entry", dataset: { id: e.id } },
            e.year ? h("b", {}, `${e.year} `) : null, e.text,
            removable ? h("button", { type: "button", class: "pp-remove", "aria-label": t("Remove"), title: t("Remove"),
              onclick: () => { if (confirm(t("Remove this entry?"))) send(ctx, "timeline.remove", { id: e.id }); } }, "×") : null)))),
    ]));
}

export function presenter(el, ctx) {
  ensureCss();
  const render = () => {
    const showing = part(ctx).showing;
    fill(el, h("div", { class: "pp pp-present" }, wall(ctx, { removable: false, lenses: showing === null || showing === undefined ? null : [showing] })));
  };
  render();
  return follow(ctx, ["timeline."], render);
}

export function cockpit(el, ctx) {
  ensureCss();
  const { t } = ctx;
  const error = errorLine();
  const render = () => {
    const p = part(ctx);
    fill(el, h("div", { class: "pp pp-cockpit" },
      focusBar(ctx, { items: p.lenses.map((_, i) => ({ id: i, label: lensLabel(t, p.lenses, i) })), showing: p.showing,
        kind: "timeline.show", key: "lens", allLabel: t("All timelines"), error }),
      error,
      h("p", { class: "muted" }, t("%(num)s entries so far. Remove an entry with ×.", { num: p.entries.length })),
      wall(ctx, { removable: true })));
  };
  render();
  return follow(ctx, ["timeline."], render);
}


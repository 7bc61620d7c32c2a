// Prouds and sorries, per stakeholder group: what we are proud of and what we are sorry about in
// how we deal with the task now. Members add and edit together (no names on the lists); the
// projector shows group after group as the facilitator steps through them.
import { arrange } from "../dom.js";
import {
  ensureCss, errorLine, fill, follow, groupHead, groupsCockpit, groupsPresenter, h, inputOpen, send,
} from "./_shared_past_present.js";

function part(ctx) {
  return ctx.live.state.prouds || { lists: [], groups: [], showing: null };
}

function kinds(t) {
  return [
    { kind: "proud", title: t("Proud"), question: t("What are we proud of?"), add: t("Add a proud"), icon: "★" },
    { kind: "sorry", title: t("Sorry"), question: t("What are we sorry about?"), add: t("Add a sorry"), icon: "↺" },
  ];
}

// --- participant ---------------------------------------------------------------------------------
// Built once: the add fields and the item being edited stay in place while the group's other
// members add, so typing goes on (a phone keeps its keyboard) when someone else's item comes in.
export function participant(el, ctx) {
  ensureCss();
  const { t } = ctx;
  const error = errorLine();
  const head = h("div");
  const closed = h("p", { class: "muted pp-closed" }, t("Input is closed now. You can read your lists."));
  const none = h("p", { class: "muted" }, t("You are not in a stakeholder group, so there is no list for you."));
  let editing = null; // {id, li, input}: the item being changed
  const lists = kinds(t).map((k) => {
    const inputId = `ps-add-${k.kind}`;
    const input = h("input", { id: inputId, type: "text", maxlength: "300", autocomplete: "off" });
    const items = h("ul", { class: "pp-items", "aria-live": "polite" });
    const form = h("form", { class: "pp-add", onsubmit: async (ev) => {
      ev.preventDefault();
      if (!input.value.trim()) { error.show(t("Write something first.")); input.focus(); return; }
      const ack = await send(ctx, "proud.add", { kind: k.kind, text: input.value.trim() }, error);
      if (ack.ok) { input.value = ""; input.focus(); }
    } },
    h("label", { for: inputId }, k.add), input,
    h("button", { type: "submit", class: "button primary" }, t("Add")));
    return { kind: k.kind, items, form, el: h("section", { class: `pp-list ${k.kind}`, "aria-label": k.title },
      h("h3", {}, h("span", { "aria-hidden": "true" }, k.icon), k.question), items, form) };
  });
  const body = h("div", {}, h("p", { class: "muted small" }, t("Your group fills in these lists together. Names are not shown.")),
    closed, error, h("div", { class: "pp-lists" }, lists.map((l) => l.el)));
  const root = h("div", { class: "pp pp-prouds" }, none, head, body);
  el.append(root);

  function render() {
    const p = part(ctx);
    const me = ctx.live.state.me || {};
    const list = p.lists[0];
    const open = inputOpen(ctx);
    none.hidden = !!list;
    head.hidden = body.hidden = !list;
    if (!list) return;
    fill(head, me.group ? groupHead(me.group) : null);
    closed.hidden = open;
    if (editing && (!open || !list.items.some((i) => i.id === editing.id))) editing = null;
    for (const l of lists) {
      l.form.hidden = !open;
      arrange(l.items, list.items.filter((i) => i.kind === l.kind).map((i) => item(i, open)));
    }
  }

  function item(i, open) {
    if (editing && editing.id === i.id) return editing.li;
    return h("li", { class: "pp-item", dataset: { id: i.id } },
      h("span", {}, i.text),
      open ? h("div", { class: "pp-item-actions" },
        h("button", { type: "button", class: "button small", onclick: () => { startEditing(i); render(); editing.input.focus(); } }, t("Edit")),
        h("button", { type: "button", class: "button small danger", onclick: () => send(ctx, "proud.remove", { id: i.id }, error) }, t("Delete")))
        : null);
  }

  function startEditing(i) {
    const inputId = `ps-edit-${i.id}`;
    const input = h("input", { id: inputId, type: "text", maxlength: "300", value: i.text });
    const li = h("li", { class: "pp-item", dataset: { id: i.id } },
      h("form", { class: "pp-add", onsubmit: async (ev) => {
        ev.preventDefault();
        const ack = await send(ctx, "proud.edit", { id: i.id, text: input.value }, error);
        if (ack.ok) { editing = null; render(); }
      } },
      h("label", { for: inputId, class: "sr-only" }, t("Change")), input,
      h("div", { class: "pp-item-actions" },
        h("button", { type: "submit", class: "button small primary" }, t("Save")),
        h("button", { type: "button", class: "button small", onclick: () => { editing = null; render(); } }, t("Cancel")))));
    editing = { id: i.id, li, input };
  }

  render();
  return follow(ctx, ["proud.", "room.input"], render);
}

// --- the lists for the cockpit and the projector --------------------------------------------------------
function groupLists(ctx, list, group, showing) {
  const { t } = ctx;
  return h("article", { class: `pp-sheet${showing ? " showing" : ""}`, style: { borderTopColor: group ? group.colour : "#9aa5b1" }, dataset: { group: list.group_id } },
    groupHead(group, "h2"),
    h("div", { class: "pp-lists" }, kinds(t).map((k) => h("section", { class: `pp-list ${k.kind}` },
      h("h3", {}, h("span", { "aria-hidden": "true" }, k.icon), k.title),
      h("ul", { class: "pp-items" }, list.items.filter((i) => i.kind === k.kind).map((i) => h("li", { class: "pp-item" }, i.text)))))));
}

const BOARD = { part, list: (p) => p.lists, kind: "proud.show", prefixes: ["proud."], card: groupLists };

export function cockpit(el, ctx) {
  return groupsCockpit(el, ctx, BOARD);
}

export function presenter(el, ctx) {
  return groupsPresenter(el, ctx, BOARD);
}

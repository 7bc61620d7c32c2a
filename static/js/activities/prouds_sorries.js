// Prouds and sorries, per stakeholder group: what we are proud of and what we are sorry about in
// how we deal with the task now. Members add and edit together (no names on the lists); the
// projector shows group after group as the facilitator steps through them.
import {
  ensureCss, errorLine, fill, follow, groupHead, groupsCockpit, groupsPresenter, h, inputOpen, preserving, send,
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
export function participant(el, ctx) {
  ensureCss();
  const { t } = ctx;
  const error = errorLine();
  const root = h("div", { class: "pp pp-prouds" });
  el.append(root);
  let editing = null;
  const drafts = { proud: "", sorry: "" };

  function render() {
    const p = part(ctx);
    const me = ctx.live.state.me || {};
    const list = p.lists[0];
    const open = inputOpen(ctx);
    if (!list) {
      fill(root, h("p", { class: "muted" }, t("You are not in a stakeholder group, so there is no list for you.")));
      return;
    }
    fill(root, 
      me.group ? groupHead(me.group) : null,
      h("p", { class: "muted small" }, t("Your group fills in these lists together. Names are not shown.")),
      open ? null : h("p", { class: "muted pp-closed" }, t("Input is closed now. You can read your lists.")),
      error,
      h("div", { class: "pp-lists" }, kinds(t).map((k) => {
        const items = list.items.filter((i) => i.kind === k.kind);
        const inputId = `ps-add-${k.kind}`;
        return h("section", { class: `pp-list ${k.kind}`, "aria-label": k.title },
          h("h3", {}, h("span", { "aria-hidden": "true" }, k.icon), k.question),
          h("ul", { class: "pp-items", "aria-live": "polite" }, items.map((i) => item(i, open))),
          open ? h("form", { class: "pp-add", onsubmit: async (ev) => {
            ev.preventDefault();
            const input = ev.target.querySelector("input");
            if (!input.value.trim()) { error.show(t("Write something first.")); input.focus(); return; }
            const ack = await send(ctx, "proud.add", { kind: k.kind, text: input.value.trim() }, error);
            if (ack.ok) { drafts[k.kind] = ""; const f = root.querySelector(`#${inputId}`); if (f) { f.value = ""; f.focus(); } }
          } },
          h("label", { for: inputId }, k.add),
          h("input", { id: inputId, type: "text", maxlength: "300", autocomplete: "off", value: drafts[k.kind],
            oninput: (ev) => { drafts[k.kind] = ev.target.value; } }),
          h("button", { type: "submit", class: "button primary" }, t("Add"))) : null);
      })));
  }

  function item(i, open) {
    if (editing === i.id && open) {
      const inputId = `ps-edit-${i.id}`;
      return h("li", { class: "pp-item", dataset: { id: i.id } },
        h("form", { class: "pp-add", onsubmit: async (ev) => {
          ev.preventDefault();
          const ack = await send(ctx, "proud.edit", { id: i.id, text: ev.target.querySelector("input").value }, error);
          if (ack.ok) { editing = null; draw(); }
        } },
        h("label", { for: inputId, class: "sr-only" }, t("Change")),
        h("input", { id: inputId, type: "text", maxlength: "300", value: i.text }),
        h("div", { class: "pp-item-actions" },
          h("button", { type: "submit", class: "button small primary" }, t("Save")),
          h("button", { type: "button", class: "button small", onclick: () => { editing = null; draw(); } }, t("Cancel")))));
    }
    return h("li", { class: "pp-item", dataset: { id: i.id } },
      h("span", {}, i.text),
      open ? h("div", { class: "pp-item-actions" },
        h("button", { type: "button", class: "button small", onclick: () => {
          editing = i.id; draw(); const f = root.querySelector(`#ps-edit-${i.id}`); if (f) f.focus();
        } }, t("Edit")),
        h("button", { type: "button", class: "button small danger", onclick: () => send(ctx, "proud.remove", { id: i.id }, error) }, t("Delete")))
        : null);
  }

  const draw = () => preserving(root, render);
  draw();
  return follow(ctx, ["proud.", "room.input"], draw);
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

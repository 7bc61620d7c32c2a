// Prouds and sorries, per stakeholder group: what we are proud of and what we are sorry about in
// how we deal with the task now. Members add and edit together (no names on the lists); the
// projector shows group after group as the facilitator steps through them.
import { html, useEffect, useRef, useState } from "../ui/view.js";
import { ErrorLine, SharedText, useSend } from "../ui/components.js";
import { GroupHead, PP, groupsViews, inputOpen } from "./_shared_past_present.js";

export { prouds as reducer } from "../state/past_present.js";

const part = (state) => state.prouds || { lists: [], groups: [], showing: null };

function kinds(t) {
  return [
    { kind: "proud", title: t("Proud"), question: t("What are we proud of?"), add: t("Add a proud"), icon: "★" },
    { kind: "sorry", title: t("Sorry"), question: t("What are we sorry about?"), add: t("Add a sorry"), icon: "↺" },
  ];
}

// --- participant ---------------------------------------------------------------------------------
// Items are keyed: the add fields and the item being edited stay in place while the group's other
// members add, so typing goes on (a phone keeps its keyboard) when someone else's item comes in.
// An item's wording is a shared text (static/js/collab.js, ``prouds:<id>:text``): while it is open,
// everyone in the group who opens it types in it at once, every keystroke kept; "Done" closes it.
function Item({ i, open, live, setError, t }) {
  const [editing, setEditing] = useState(false);
  const field = useRef(null);
  useEffect(() => { if (editing && field.current) field.current.focus(); }, [editing]);
  if (editing && open) {
    const shared = { live, doc: `prouds:${i.id}:text`, editable: () => inputOpen(live.state),
      onSaved: () => setError(""), onError: (ack) => setError((ack.error && ack.error.message) || t("Something went wrong.")) };
    return html`<li class="pp-item" data-id=${i.id}><form class="pp-add" onSubmit=${(ev) => { ev.preventDefault(); setEditing(false); }}>
      <label for=${`ps-edit-${i.id}`} class="sr-only">${t("Change")}</label>
      <${SharedText} multiline=${false} fieldRef=${field} id=${`ps-edit-${i.id}`} maxlength="300" value=${i.text} shared=${shared} />
      <div class="pp-item-actions">
        <button type="submit" class="button small primary">${t("Done")}</button>
      </div></form></li>`;
  }
  const send = (kind, data) => live.send(kind, data).then((ack) => { setError(ack.ok ? "" : ack.error.message); return ack; });
  return html`<li class="pp-item" data-id=${i.id}><span>${i.text}</span>
    ${open ? html`<div class="pp-item-actions">
      <button type="button" class="button small" onClick=${() => setEditing(true)}>${t("Edit")}</button>
      <button type="button" class="button small danger" onClick=${() => send("proud.remove", { id: i.id })}>${t("Delete")}</button>
    </div>` : null}</li>`;
}

function AddForm({ k, send, setError, t }) {
  const input = useRef(null);
  return html`<form class="pp-add" onSubmit=${async (ev) => {
    ev.preventDefault();
    const value = input.current.value.trim();
    if (!value) { setError(t("Write something first.")); input.current.focus(); return; }
    const ack = await send("proud.add", { kind: k.kind, text: value });
    if (ack.ok) { input.current.value = ""; input.current.focus(); }
  }}>
    <label for=${`ps-add-${k.kind}`}>${k.add}</label>
    <input id=${`ps-add-${k.kind}`} ref=${input} type="text" maxlength="300" autocomplete="off" />
    <button type="submit" class="button primary">${t("Add")}</button>
  </form>`;
}

function Participant({ live, state, t }) {
  const [error, send, setError] = useSend(live);
  const p = part(state);
  const me = state.me || {};
  const list = p.lists[0];
  const open = inputOpen(state);
  return html`<${PP} cls="pp-prouds">
    <p class="muted" hidden=${!!list}>${t("You are not in a stakeholder group, so there is no list for you.")}</p>
    <div hidden=${!list}>${me.group ? html`<${GroupHead} group=${me.group} />` : null}</div>
    <div hidden=${!list}>
      <p class="muted small">${t("Your group fills in these lists together. Names are not shown.")}</p>
      <p class="muted pp-closed" hidden=${open}>${t("Input is closed now. You can read your lists.")}</p>
      <${ErrorLine} message=${error} />
      <div class="pp-lists">${kinds(t).map((k) => html`<section key=${k.kind} class=${`pp-list ${k.kind}`} aria-label=${k.title}>
        <h3><span aria-hidden="true">${k.icon}</span>${k.question}</h3>
        <ul class="pp-items" aria-live="polite">${(list ? list.items : []).filter((i) => i.kind === k.kind)
          .map((i) => html`<${Item} key=${i.id} i=${i} open=${open} live=${live} setError=${setError} t=${t} />`)}</ul>
        <div hidden=${!open}><${AddForm} k=${k} send=${send} setError=${setError} t=${t} /></div>
      </section>`)}</div>
    </div>
  <//>`;
}

// --- the lists for the cockpit and the projector --------------------------------------------------------
function GroupLists({ t, sheet: list, group, showing }) {
  return html`<article class=${`pp-sheet${showing ? " showing" : ""}`} style=${{ borderTopColor: group ? group.colour : "#9aa5b1" }} data-group=${list.group_id}>
    <${GroupHead} group=${group} tag="h2" />
    <div class="pp-lists">${kinds(t).map((k) => html`<section key=${k.kind} class=${`pp-list ${k.kind}`}>
      <h3><span aria-hidden="true">${k.icon}</span>${k.title}</h3>
      <ul class="pp-items">${list.items.filter((i) => i.kind === k.kind).map((i) => html`<li key=${i.id} class="pp-item">${i.text}</li>`)}</ul>
    </section>`)}</div>
  </article>`;
}

const boards = groupsViews({ part, list: (p) => p.lists, kind: "proud.show", Card: GroupLists });

// The projector's live count (presenter.js): what this activity has had so far.
export const count = (state) => ({ posted: state.prouds ? state.prouds.lists.reduce((n, l) => n + l.items.length, 0) : null });

export const views = { participant: Participant, ...boards };

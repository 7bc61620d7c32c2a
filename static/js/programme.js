// The programme drawn by the server on a page (the participant's phone): when the organiser changes
// the programme (event `programme.changed`), fetch the page again and put its new programme in place,
// so a phone never shows a session that no longer exists. `onChange` runs after each swap.
export function followProgramme(live, selector, onChange = () => {}) {
  return live.on("programme.changed", async () => {
    try {
      const reply = await fetch(location.href, { credentials: "same-origin", headers: { Accept: "text/html" } });
      if (!reply.ok) return;
      const fresh = new DOMParser().parseFromString(await reply.text(), "text/html").querySelector(selector);
      const here = document.querySelector(selector);
      if (fresh && here) here.replaceChildren(...fresh.childNodes);
      onChange();
    } catch { /* offline: the next page load shows it */ }
  });
}

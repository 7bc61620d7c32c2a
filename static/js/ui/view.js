// The one view layer: Preact (vendored, static/vendor/preact) with htm's tagged templates, so there
// is no build step. Every screen writes html`...` and lets Preact's keyed diff update the page:
// an element that stays keeps its focus, caret, open menu and drag, whatever else changes.
// docs/frontend.md says how a screen is written.
import { Component, Fragment, createRef, h, render } from "../../vendor/preact/preact.module.js";
import {
  useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState,
} from "../../vendor/preact/hooks.module.js";
import htm from "../../vendor/htm/htm.module.js";

export const html = htm.bind(h);
export {
  Component, Fragment, createRef, h, render, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState,
};

// Who may do what only a facilitator may (the server checks it again; this only hides buttons).
export const STAFF = ["organiser", "facilitator"];
export const isStaff = (me) => !!me && STAFF.includes(me.role);

// Static files are served under one content hash per release (/static/<digest>/..., see
// facilitator/static_files.py); this module was loaded from there, so a "/static/css/x.css" an
// activity names is taken from the same release.
const STATIC = new URL("../../", import.meta.url).pathname;
export function staticUrl(path) {
  return path.startsWith("/static/") ? STATIC + path.slice("/static/".length) : path;
}

// An activity's stylesheet, added once per page; resolves when it is in effect.
const sheets = new Map();
export function stylesheet(href) {
  href = staticUrl(href);
  if (!sheets.has(href)) {
    let link = document.querySelector(`link[href="${href}"]`);
    const ready = new Promise((resolve) => {
      if (link && link.sheet) { resolve(); return; }
      if (!link) {
        link = document.createElement("link");
        link.rel = "stylesheet";
        link.href = href;
        document.head.append(link);
      }
      link.addEventListener("load", resolve, { once: true });
      link.addEventListener("error", resolve, { once: true });
    });
    sheets.set(href, ready);
  }
  return sheets.get(href);
}

// true once the stylesheet is in effect: a view stays invisible until then (no flash of unstyled
// content on the projector).
export function useStylesheet(href) {
  const [ready, setReady] = useState(false);
  useEffect(() => { let on = true; stylesheet(href).then(() => on && setReady(true)); return () => { on = false; }; }, [href]);
  return ready;
}

// memo(View): a component drawn again only when one of its props changed (by identity; an array
// prop counts as changed when one of its items did). The reducers give a new object only to what
// changed, so a board of thousands of notes redraws only the card that changed.
function same(a, b) {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((x, i) => x === b[i]);
}

export function memo(View) {
  class Memo extends Component {
    shouldComponentUpdate(next) {
      const keys = Object.keys(next);
      if (keys.length !== Object.keys(this.props).length) return true;
      return keys.some((k) => k !== "children" && !same(next[k], this.props[k]));
    }

    render(props) {
      return h(View, props);
    }
  }
  Memo.displayName = `memo(${View.name})`;
  return Memo;
}

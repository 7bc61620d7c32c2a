// Translations for scripts: the page loads its language's words (from the same .po files as the
// templates) before its modules, as /i18n/<version>/<lang>/<entry module>.js, which adds them to
// globalThis.FACILITATOR_I18N (facilitator/i18n.py): the words of the page's entry module and of
// every module it imports. A module imported later (an activity's views) brings its own words with
// loadWords(). Strings are marked t("...") so pybabel extracts them (babel.cfg).
const catalog = globalThis.FACILITATOR_I18N = globalThis.FACILITATOR_I18N || {};
const source = typeof document !== "undefined" ? document.querySelector("script[data-catalogue]") : null;
const base = source ? source.dataset.catalogue : null;
const asked = new Map();

// The words of the module at `path` under static/js ("activities/notes.js"), once per page; resolves
// when they are in (or could not be had: t() then shows the English).
export function loadWords(path) {
  if (!base) return Promise.resolve();
  if (!asked.has(path)) {
    asked.set(path, new Promise((resolve) => {
      const el = document.createElement("script");
      el.src = base + path;
      el.onload = el.onerror = () => resolve();
      document.head.append(el);
    }));
  }
  return asked.get(path);
}

export const lang = (typeof document !== "undefined" && document.documentElement.lang) || "nl";

export function t(message, params = {}) {
  const text = catalog[message] || message;
  return text.replace(/%\((\w+)\)[sd]/g, (_, key) => (key in params ? String(params[key]) : ""));
}

// Plural: tn("%(num)d note", "%(num)d notes", n)
export function tn(singular, plural, num, params = {}) {
  const entry = catalog[singular];
  let text;
  if (Array.isArray(entry)) text = entry[num === 1 ? 0 : 1];
  else text = num === 1 ? singular : plural;
  return text.replace(/%\((\w+)\)[sd]/g, (_, key) => (key === "num" ? String(num) : key in params ? String(params[key]) : ""));
}

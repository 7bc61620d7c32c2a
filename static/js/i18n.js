// Translations for scripts: the page loads its language's catalogue (from the same .po files as
// the templates) before its modules, as /i18n/<version>/<lang>.js, which sets
// globalThis.FACILITATOR_I18N (facilitator/i18n.py). Strings are marked t("...") so pybabel
// extracts them (babel.cfg).
const catalog = globalThis.FACILITATOR_I18N || {};

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

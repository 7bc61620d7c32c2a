// Translations for scripts: the page embeds its language's catalogue (from the same .po files
// as the templates) in <script type="application/json" id="i18n">. Strings are marked t("...")
// so pybabel extracts them (babel.cfg).
const element = typeof document !== "undefined" ? document.getElementById("i18n") : null;
const catalog = element ? JSON.parse(element.textContent) : {};

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

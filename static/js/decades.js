// A decade of the timelines snapshot part in words (a plain function, no DOM): a whole decade as the
// server names it, a message key with its parameters ("the %(short)ss" -> "jaren 70";
// facilitator/domain/timelines.py), a cut one as it is ("2020-2024"). Its own module, apart from
// words.js: it translates a message it is handed, so the pages that load it get the server's keys in
// their catalogue (facilitator/i18n.py, module_messages), and pages that only show dates do not.
export function decadeText(decade, t) {
  return decade && decade.message ? t(decade.message, decade.params || {}) : (decade ? decade.label : "");
}

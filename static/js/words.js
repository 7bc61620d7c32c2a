// Dates in the page's language, for every view (plain functions, no DOM, no words of their own: a
// page that shows a date gets no catalogue for it). The server sends ISO dates ("2024-09-01", or a
// timestamp); these turn them into the words people read: "1 september 2024". The view layer calls
// them where it shows a date. (Decades: activities/timeline.js.)

// "2024-09-01" or "2024-09-01T19:30:00+00:00" -> "1 september 2024" (nl) / "1 September 2024" (en)
export function dateText(iso, lang) {
  const day = String(iso || "").slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return iso || "";
  const locale = lang === "en" ? "en-GB" : lang || "nl"; // as the Word documents and Babel on the pages write it
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })
    .format(new Date(`${day}T12:00:00Z`));
}

// "2021-03-01" -> "maandag 1 maart 2021" (nl) / "Monday 1 March 2021" (en): a programme's day, as the
// server's pages write it (Babel's "EEEE d MMMM yyyy", web/labels.py format_day).
export function dayText(iso, lang) {
  const day = String(iso || "").slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return iso || "";
  const locale = lang === "en" ? "en-GB" : lang || "nl";
  const parts = new Intl.DateTimeFormat(locale, { weekday: "long", day: "numeric", month: "long", year: "numeric",
    timeZone: "UTC" }).formatToParts(new Date(`${day}T12:00:00Z`));
  const part = (type) => (parts.find((p) => p.type === type) || {}).value || "";
  return `${part("weekday")} ${part("day")} ${part("month")} ${part("year")}`;
}

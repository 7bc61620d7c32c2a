// The tables' video-call links, snapshot part "video" (facilitator/domain/video.py):
// a participant has {my_table: {id, number, video_url} | null}; staff {pattern, tables: [{id, number,
// name, video_url, own}]}. Pure: reduce(part, event) -> the new part; what did not change keeps its identity.
// Events: "tables.video" {table_id, number, video_url} to the people at that table (and staff),
// "tables.video.all" {pattern, tables} to the facilitators.
export const video = {
  part: "video",
  prefixes: ["tables.video"],
  reduce(p, e) {
    const d = e.data || {};
    if (e.kind === "tables.video.all") return { ...(p || {}), pattern: d.pattern, tables: d.tables };
    if (e.kind !== "tables.video" || !p) return p;
    let out = p;
    if (Array.isArray(p.tables)) {
      const i = p.tables.findIndex((x) => x.id === d.table_id);
      if (i >= 0 && p.tables[i].video_url !== d.video_url) {
        const tables = p.tables.slice();
        tables[i] = { ...p.tables[i], video_url: d.video_url };
        out = { ...out, tables };
      }
    }
    // only the people at this table receive it: their own table's link (also when they were seated after loading)
    if ("my_table" in p && (!p.my_table || p.my_table.id === d.table_id)) {
      out = { ...out, my_table: { ...(p.my_table || {}), id: d.table_id, number: d.number, video_url: d.video_url } };
    }
    return out;
  },
};

// The phone shows its table's link only while the current session works at mixed tables.
export function tableVideoLink(state) {
  const v = state.video;
  const session = state.room && state.room.session;
  if (!v || !v.my_table || !v.my_table.video_url || !session || session.grouping !== "mixed") return "";
  return v.my_table.video_url;
}

"""Where the plan lands: each neighbourhood's indicators next to the actions that concern it, and the
neighbourhoods ranked by need with the action there.

- An action concerns the neighbourhoods it is tagged with; an action without neighbourhood tags takes
  its goal's (the same rule as the shared plan page). Its themes are its goal's themes.
- An indicator's summary in a neighbourhood: the latest value, and the change since the first year
  (latest value minus first value).
- **Need** is the latest value of one indicator (the organiser chooses it; by default the indicator
  called MDI, else the first one in alphabetical order), higher meaning more need unless the organiser
  says lower values mean more need. Neighbourhoods are ranked by it (rank 1: most need; equal values
  share a rank); a neighbourhood without a value for it is listed after the ranked ones.
- **High need, thin action** (flagged): a neighbourhood in the third with the most need (the top
  ceil(n/3) ranks of the n ranked neighbourhoods) that has no actions, or fewer actions than the
  average over the ranked neighbourhoods. Stopped actions do not count as action.

Plain Python on the domain modules; the page, the public page and the Word report read ``monitor()``.
"""
from __future__ import annotations

import math

from facilitator.domain import goals, indicators, progress, tags
from facilitator.domain import plan as plan_module

STATUSES = progress.STATUSES
COUNTED = tuple(s for s in STATUSES if s != "stopped")
# five classes, light to dark (ColorBrewer YlOrRd); dark = higher value
PALETTE = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
NO_VALUE = "#d9d9d9"
# the colour of each status in the need-and-action pictures (page and Word report)
STATUS_COLOURS = {"planned": "#8a96a3", "under_way": "#2f6db5", "done": "#1e7a46", "stalled": "#c98f00",
                  "stopped": "#b3261e"}
NO_THEME = ""


def default_indicator(names: list[str]) -> str:
    return next((n for n in names if n.lower() == "mdi"), names[0] if names else "")


def _last_text(update: dict | None) -> dict | None:
    if not update:
        return None
    return {"created_at": update["created_at"], "status": update["status"],
            "text": update["done"] or update["next"] or update["said"] or update["help"] or ""}


def summary(points: list[tuple[int, float]]) -> dict:
    """Latest value and change since the first year of one series [(year, value), ...] in year order."""
    (y0, v0), (y1, v1) = points[0], points[-1]
    return {"first_year": y0, "first": v0, "latest_year": y1, "latest": v1,
            "change": (v1 - v0) if len(points) > 1 else None, "series": points}


def ranks(values: dict[str, float], higher_is_need: bool = True) -> dict[str, int]:
    """Competition ranking (1, 2, 2, 4): rank 1 has the most need."""
    ordered = sorted(values.items(), key=lambda kv: -kv[1] if higher_is_need else kv[1])
    out, last, last_rank = {}, None, 0
    for i, (name, val) in enumerate(ordered, start=1):
        if val != last:
            last_rank, last = i, val
        out[name] = last_rank
    return out


def classes(values: list[float]) -> list[dict]:
    """Five equal-interval classes between the lowest and highest value (one class when all are equal)."""
    if not values:
        return []
    lo, hi = min(values), max(values)
    if lo == hi:
        return [{"min": lo, "max": hi, "colour": PALETTE[2]}]
    step = (hi - lo) / len(PALETTE)
    return [{"min": lo + i * step, "max": hi if i == len(PALETTE) - 1 else lo + (i + 1) * step, "colour": c}
            for i, c in enumerate(PALETTE)]


def colour_for(value: float | None, cls: list[dict]) -> str:
    if value is None or not cls:
        return NO_VALUE
    for c in cls:
        if value <= c["max"]:
            return c["colour"]
    return cls[-1]["colour"]


def monitor(db, conference_id: int, *, theme: str = "", goal_id: int | None = None, status: str = "",
            need: str = "", lower_is_need: bool = False, trend: str = "", map_indicator: str = "") -> dict:
    """Everything the monitoring pages and the report show; filters keep the actions of one theme,
    goal and/or status (indicators are never filtered)."""
    full = plan_module.plan(db, conference_id)
    names = tags.names(db, conference_id, "neighbourhoods")
    codes = tags.codes(db, conference_id)
    data = indicators.series(db, conference_id)
    units = indicators.units(db, conference_id)
    # the indicators of the conference's neighbourhoods (a value is only ever stored for one of them)
    ind_names = sorted({i for n in names for i in data.get(n, {})}, key=str.lower)
    need = need if need in ind_names else default_indicator(ind_names)
    trend = trend if trend in ind_names else need
    map_indicator = map_indicator if map_indicator in ind_names else need
    status = status if status in STATUSES else ""
    latest = progress.latest_by_action(db, conference_id)

    per_place = {n: [] for n in names}
    citywide = []
    for g in full["goals"]:
        if theme and theme not in g["themes"]:
            continue
        if goal_id and g["id"] != goal_id:
            continue
        for a in g["actions"]:
            if status and a["status"] != status:
                continue
            item = {"id": a["id"], "what": a["what"], "status": a["status"], "goal_id": g["id"],
                    "goal": g["title"], "themes": list(g["themes"]) or [NO_THEME],
                    "last": _last_text(latest.get(a["id"]))}
            places = [n for n in (a["neighbourhoods"] or g["neighbourhoods"]) if n in per_place]
            for n in places:
                per_place[n].append(item)
            if not places:
                citywide.append(item)

    places = []
    for n in names:
        acts = per_place[n]
        counts = {s: sum(1 for a in acts if a["status"] == s) for s in STATUSES}
        themes_order = []
        for a in acts:
            for th in a["themes"]:
                if th not in themes_order:
                    themes_order.append(th)
        by_theme = [{"theme": th, "actions": [a for a in acts if th in a["themes"]]} for th in themes_order]
        places.append({
            "name": n, "code": codes.get(n, ""),
            "indicators": [{"name": i, "unit": units.get(i, ""), **summary(data[n][i])}
                           for i in ind_names if i in data.get(n, {})],
            "actions": acts, "by_theme": by_theme, "counts": counts,
            "action_count": sum(counts[s] for s in COUNTED),
        })

    need_values = {p["name"]: data[p["name"]][need][-1][1] for p in places if need and need in data.get(p["name"], {})}
    rank = ranks(need_values, higher_is_need=not lower_is_need)
    ranked = sorted((p for p in places if p["name"] in rank), key=lambda p: (rank[p["name"]], names.index(p["name"])))
    mean = sum(p["action_count"] for p in ranked) / len(ranked) if ranked else 0.0
    top = math.ceil(len(ranked) / 3)
    ranking = []
    for p in ranked + [p for p in places if p["name"] not in rank]:
        r = rank.get(p["name"])
        high = r is not None and r <= top
        thin = p["action_count"] == 0 or p["action_count"] < mean
        ranking.append({"name": p["name"], "rank": r, "value": need_values.get(p["name"]),
                        "action_count": p["action_count"], "counts": p["counts"], "high_need": high,
                        "thin": thin, "flagged": high and thin,
                        "last": max((a["last"] for a in p["actions"] if a["last"]), key=lambda u: u["created_at"],
                                    default=None)})

    trend_points = [val for p in names for _y, val in data.get(p, {}).get(trend, [])]
    trend_years = sorted({y for p in names for y, _v in data.get(p, {}).get(trend, [])})
    map_values = {p: data[p][map_indicator][-1][1] for p in names if map_indicator in data.get(p, {})}
    map_classes = classes(list(map_values.values()))
    boundary = indicators.boundaries(db, conference_id)
    return {
        "neighbourhoods": places,
        "citywide": citywide,
        "indicators": ind_names,
        "units": units,
        "need": {"indicator": need, "unit": units.get(need, ""), "lower_is_need": lower_is_need,
                 "ranking": ranking, "mean_actions": mean, "top": top},
        "trend": {"indicator": trend, "unit": units.get(trend, ""), "years": trend_years,
                  "min": min(trend_points) if trend_points else None, "max": max(trend_points) if trend_points else None,
                  "series": {p: data[p][trend] for p in names if trend in data.get(p, {})}},
        "map": {"indicator": map_indicator, "unit": units.get(map_indicator, ""), "classes": map_classes,
                "values": map_values, "colours": {p: colour_for(map_values.get(p), map_classes) for p in names},
                "counts": {p["name"]: p["action_count"] for p in places}, "boundaries": boundary},
        "filters": {"theme": theme, "goal_id": goal_id, "status": status},
        "goals": [{"id": g["id"], "title": g["title"]} for g in full["goals"]],
        "tags": goals.conference_tags(db, conference_id),
    }

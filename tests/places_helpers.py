"""A small conference for "where the plan lands", with figures worked out by hand.

Three neighbourhoods, one indicator (MDI) in 2014 and 2023, four actions:

| neighbourhood | MDI 2014 | MDI 2023 | change | rank | actions counted (not stopped) |
|---|---|---|---|---|---|
| Noord | 0.40 | 0.50 | +0.10 | 1 | 0 (a3 is stopped) |
| Oost  | 0.10 | 0.35 | +0.25 | 2 | 2 (a2, a4) |
| Zuid  | 0.30 | 0.20 | -0.10 | 3 | 2 (a1 takes its goal's Zuid, a2) |

Average 4/3 actions; the top third is ceil(3/3) = 1 rank, so only Noord is "high need, thin action".
Map classes (MDI 0.20..0.50, five steps of 0.06): Zuid 0.20 -> class 1 #ffffb2, Oost 0.35 -> class 3
#fd8d3c, Noord 0.50 -> class 5 #bd0026.
"""
from __future__ import annotations

import json

from facilitator.domain import actions, conferences, goals, progress
from facilitator.domain.events import Actor

INDICATORS_CSV = """neighbourhood,indicator,year,value,unit
Noord,MDI,2014,0.40,
Noord,MDI,2023,0.50,
Zuid,MDI,2014,0.30,
Zuid,MDI,2023,0.20,
Oost,MDI,2014,0.10,
Oost,MDI,2023,0.35,
"""

EXPECTED_COLOURS = {"Zuid": "#ffffb2", "Oost": "#fd8d3c", "Noord": "#bd0026"}


def square(x0, y0, x1, y1):
    return [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]  # anticlockwise, as RFC 7946 has it


GEOJSON = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"naam": "Noord", "code": "WK01"}, "geometry": {"type": "Polygon", "coordinates": square(5.60, 51.50, 5.70, 51.55)}},
    {"type": "Feature", "properties": {"naam": "Zuidelijk", "code": "WK02"}, "geometry": {"type": "Polygon", "coordinates": square(5.60, 51.40, 5.70, 51.45)}},
    {"type": "Feature", "properties": {"naam": "Oost", "code": "WK03"}, "geometry": {"type": "MultiPolygon", "coordinates": [square(5.72, 51.45, 5.80, 51.50)]}},
]}


def small_conference(db, title="Wijken"):
    """The conference above; returns ids and the staff actor. Zuid has the code WK02 (the GeoJSON names
    it "Zuidelijk", so it matches by code)."""
    from facilitator.domain import indicators, tags

    cid = conferences.create(db, {"title": title, "language": "en", "neighbourhoods": ["Noord", "Zuid", "Oost"],
                                  "themes": ["Poverty"]})
    staff = Actor("organiser", cid, user_id=None)
    tags.set_code(db, staff, {"name": "Zuid", "code": "WK02"})
    g1 = goals.create(db, staff, {"title": "Healthy streets", "themes": ["Health"], "neighbourhoods": ["Zuid"]})[0]["goal"]
    g2 = goals.create(db, staff, {"title": "Jobs nearby"})[0]["goal"]
    a1 = actions.create(db, staff, {"goal_id": g1["id"], "what": "Walking routes"})[0]["action"]
    a2 = actions.create(db, staff, {"goal_id": g1["id"], "what": "Sports in the park",
                                    "neighbourhoods": ["Zuid", "Oost"]})[0]["action"]
    a3 = actions.create(db, staff, {"goal_id": g1["id"], "what": "Healthy school meals",
                                    "neighbourhoods": ["Noord"]})[0]["action"]
    a4 = actions.create(db, staff, {"goal_id": g2["id"], "what": "Job fair", "neighbourhoods": ["Oost"]})[0]["action"]
    progress.set_status(db, staff, {"action_id": a3["id"], "status": "stopped"})
    progress.post_update(db, staff, {"action_id": a4["id"], "status": "done", "done": "Forty people found work"})
    indicators.import_csv(db, cid, INDICATORS_CSV)
    indicators.import_boundaries(db, cid, json.dumps(GEOJSON))
    return {"cid": cid, "staff": staff, "g1": g1, "g2": g2, "a1": a1, "a2": a2, "a3": a3, "a4": a4}

"""The organiser's neighbourhoods-and-indicators page, the monitoring page and its public variant,
through HTTP: uploads good and bad, renames that follow the tags (and their events), who may do what,
and the figures on the page against the hand computation of tests/places_helpers.py."""
from __future__ import annotations

import io
import json
import re
from html import unescape

import pytest

from conftest import PASSWORD, ROOT, login
from facilitator.domain import actions, cafe, conferences, indicators, tags, users
from places_helpers import EXPECTED_COLOURS, GEOJSON, INDICATORS_CSV, small_conference


@pytest.fixture
def small(db, admin):
    return small_conference(db)


@pytest.fixture
def org(organiser_client):
    """The organiser, reading English (the choice stays in the session)."""
    organiser_client.get("/organiser/?lang=en")
    return organiser_client


def upload(client, url, text, name="file.csv", **form):
    data = {"file": (io.BytesIO(text.encode("utf-8") if isinstance(text, str) else text), name), **form}
    return client.post(url, data=data, content_type="multipart/form-data", follow_redirects=True)


def flashes(response) -> list[str]:
    return [unescape(re.sub(r"<[^>]+>", "", m)).strip()
            for m in re.findall(r'<div class="flash flash-\w+"[^>]*>(.*?)</div>', response.get_data(as_text=True), re.S)]


def test_import_indicators_from_the_page_good_and_bad(org, db, small):
    cid = small["cid"]
    base = f"/organiser/c/{cid}/places"
    page = org.get(base + "/")
    assert page.status_code == 200 and "6 values stored: MDI." in page.get_data(as_text=True)
    bad = "neighbourhood,year,MDI\nNoord,2019,0.45\nMars,2019,1\nZuid,2019,veel\nNoord,2019,0.46\n"
    r = upload(org, base + "/indicators", bad)
    assert flashes(r) == ["The file was not imported. Problems found: 3.", "Line 3: unknown neighbourhood Mars.",
                          "Line 4: the value veel for MDI is not a number.",
                          "Line 5 repeats MDI for Noord in 2019 (first on line 2)."]
    assert len(indicators.all_values(db, cid)) == 6  # nothing imported
    r = upload(org, base + "/indicators", "neighbourhood,year,MDI\nNoord,2019,0.45\nWK02,2019,0.25\n")
    assert flashes(r) == ["Imported: 2 values, 1 indicators, 2 neighbourhoods."]
    assert len(indicators.all_values(db, cid)) == 8
    r = upload(org, base + "/indicators", "neighbourhood,indicator,year,value\nOost,Work,2020,3\n", replace="1")
    assert [(v["neighbourhood"], v["indicator"]) for v in indicators.all_values(db, cid)] == [("Oost", "Work")]
    r = org.post(base + "/indicators", data={}, follow_redirects=True)
    assert flashes(r) == ["Choose a file to import."]
    r = upload(org, base + "/indicators?lang=nl", "neighbourhood,indicator,year,value\nMars,MDI,2014,1\n")
    assert "Regel 2: onbekende wijk Mars." in flashes(r)


def test_export_csv_round_trip_and_clear(org, db, small):
    base = f"/organiser/c/{small['cid']}/places"
    r = org.get(base + "/indicators.csv")
    assert r.mimetype == "text/csv" and "attachment" in r.headers["Content-Disposition"]
    text = r.get_data(as_text=True).lstrip("\ufeff")
    assert sorted(text.splitlines()[1:]) == sorted(INDICATORS_CSV.replace("0.40", "0.4").replace("0.30", "0.3")
                                                   .replace("0.10", "0.1").replace("0.50", "0.5")
                                                   .replace("0.20", "0.2").splitlines()[1:])
    org.post(base + "/indicators/clear", data={})
    assert len(indicators.all_values(db, small["cid"])) == 6  # not without the tick
    org.post(base + "/indicators/clear", data={"confirm": "yes"})
    assert indicators.all_values(db, small["cid"]) == []
    upload(org, base + "/indicators", text)
    assert len(indicators.all_values(db, small["cid"])) == 6


def test_boundaries_upload_good_and_bad(org, db, small):
    base = f"/organiser/c/{small['cid']}/places"
    org.post(base + "/boundaries/delete", follow_redirects=True)
    assert indicators.boundaries(db, small["cid"]) is None
    bad = json.loads(json.dumps(GEOJSON))
    bad["features"][0]["properties"] = {"naam": "Mars"}
    r = upload(org, base + "/boundaries", json.dumps(bad), name="wijken.geojson")
    assert flashes(r) == ["The file was not imported. Problems found: 1.",
                          "Feature 1 (Mars) matches no neighbourhood by name or code."]
    assert indicators.boundaries(db, small["cid"]) is None
    r = upload(org, base + "/boundaries", json.dumps(GEOJSON), name="wijken.geojson")
    assert flashes(r) == ["Boundaries saved: 3 neighbourhoods."]
    assert len(indicators.boundaries(db, small["cid"])["features"]) == 3


def test_rename_on_the_page_follows_the_tags_and_tells_live_screens(org, db, small):
    cid = small["cid"]
    base = f"/organiser/c/{cid}/places"
    last = db.execute("select max(seq) from events where conference_id = ?", [cid]).fetchone()[0]
    r = org.post(base + "/tags/rename", data={"kind": "neighbourhoods", "name": "Oost", "new_name": "Oosterpark"},
                              follow_redirects=True)
    assert flashes(r) == ["Renamed; goals, actions and indicators follow."]
    assert actions.public(db, actions.get(db, cid, small["a2"]["id"]))["neighbourhoods"] == ["Zuid", "Oosterpark"]
    assert actions.public(db, actions.get(db, cid, small["a4"]["id"]))["neighbourhoods"] == ["Oosterpark"]
    kinds = [r_["kind"] for r_ in db.query("select kind from events where conference_id = ? and seq > ? order by seq",
                                           [cid, last])]
    assert kinds == ["action.updated", "action.updated", "tags.changed"]
    r = org.post(base + "/tags/rename", data={"kind": "neighbourhoods", "name": "Noord", "new_name": "zuid"},
                              follow_redirects=True)
    assert flashes(r) == ["zuid is already in the list."]
    r = org.post(base + "/tags/remove", data={"kind": "themes", "name": "Poverty"}, follow_redirects=True)
    assert flashes(r) == ["Tick the box to confirm the removal."] and tags.names(db, cid, "themes") == ["Poverty"]
    org.post(base + "/tags/remove", data={"kind": "themes", "name": "Poverty", "confirm": "yes"})
    assert tags.names(db, cid, "themes") == []
    org.post(base + "/tags", data={"kind": "neighbourhoods", "name": "West", "code": "WK04"})
    org.post(base + "/code", data={"name": "Noord", "code": "WK01"})
    assert tags.codes(db, cid) == {"Zuid": "WK02", "West": "WK04", "Noord": "WK01"}
    assert tags.names(db, cid, "neighbourhoods") == ["Noord", "Zuid", "Oosterpark", "West"]


def test_saving_the_settings_leaves_neighbourhoods_and_themes_alone(org, db, small):
    form = {"title": "Wijken 2", "language": "en", "mode": "room", "timeline_start_year": "1995", "lens0": "a",
            "lens1": "b", "lens2": "c", "future_year": "2035", "free_places": "0"}
    org.post(f"/organiser/c/{small['cid']}/", data=form)
    c = conferences.get(db, small["cid"])
    assert c["title"] == "Wijken 2" and c["neighbourhoods"] == ["Noord", "Zuid", "Oost"] and c["themes"] == ["Poverty"]


def test_who_may_do_what(app, db, small, client):
    cid = small["cid"]
    fac = users.create_or_update(db, "fac@example.org", PASSWORD, "Fac", is_admin=False)
    conferences.add_member(db, cid, fac["id"], "facilitator")
    facilitator = login(app.test_client(), "fac@example.org")
    assert facilitator.get(f"/organiser/c/{cid}/monitor").status_code == 200
    assert facilitator.get(f"/organiser/c/{cid}/places/indicators.csv").status_code == 200
    assert facilitator.get(f"/organiser/c/{cid}/places/").status_code == 403
    for url, data in [("/tags/rename", {"kind": "neighbourhoods", "name": "Oost", "new_name": "X"}),
                      ("/indicators/clear", {"confirm": "yes"}), ("/boundaries/delete", {})]:
        assert facilitator.post(f"/organiser/c/{cid}/places{url}", data=data).status_code == 403
        assert client.post(f"/organiser/c/{cid}/places{url}", data=data).status_code == 302  # to the login
    assert tags.names(db, cid, "neighbourhoods") == ["Noord", "Zuid", "Oost"]
    assert len(indicators.all_values(db, cid)) == 6 and indicators.boundaries(db, cid)


def _cells(html: str, table_class: str) -> list[list[str]]:
    table = re.search(rf'<table class="data {table_class}">(.*?)</table>', html, re.S).group(1)
    body = table.split("<tbody>")[1]
    return [[unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)]
            for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def test_monitoring_page_figures_match_the_hand_computation(org, small):
    html = org.get(f"/organiser/c/{small['cid']}/monitor?lang=en").get_data(as_text=True)
    # need and action: rank, name, MDI, actions, planned, under way, done, stalled, last progress, flagged
    day = r"\d{4}-\d\d-\d\d: "
    assert _cells(html, "need-table") == [
        ["1", "Noord", "0.5", "0", "0", "0", "0", "0", re.search(day + "Stopped", html).group(0), "yes"],
        ["2", "Oost", "0.35", "2", "1", "0", "1", "0", re.search(day + "Forty people found work", html).group(0), "no"],
        ["3", "Zuid", "0.2", "2", "2", "0", "0", "0", "–", "no"],
    ]
    assert "fewer than the average (1.3 per neighbourhood)" in html
    assert re.search(r'class="need-row flagged" data-neighbourhood="Noord"', html)
    assert len(re.findall(r'class="need-row flagged"', html)) == 1
    # bars: need relative to 0.5; actions relative to the most (2)
    oost = re.search(r'data-neighbourhood="Oost">(.*?)</div>', html, re.S).group(1)
    assert 'style="width: 70.0%"' in oost and oost.count('style="width: 50.0%;') == 2
    # per neighbourhood: latest and change since the first year
    assert re.search(r"<th scope=\"row\">MDI</th><td>0.35 <span class=\"muted small\">\(2023\)</span></td>\s*"
                     r"<td>\+0.25 <span class=\"muted small\">\(since 2014\)</span>", html)
    assert re.search(r"<td>0.2 <span class=\"muted small\">\(2023\)</span></td>\s*<td>−0.1 ", html)
    # small multiples on one scale (years 2014..2023, MDI 0.1..0.5): Noord 0.4 -> 0.5
    noord = re.search(r'class="multiple" data-neighbourhood="Noord">(.*?)</li>', html, re.S).group(1)
    assert '<polyline class="line" points="18.0,28.0 142.0,14.0"/>' in noord
    # the map's data: the colours of the classes, the counts
    data = json.loads(re.search(r'<script type="application/json" id="places-map-data">(.*?)</script>', html, re.S).group(1))
    assert data["colours"] == EXPECTED_COLOURS and data["counts"] == {"Noord": 0, "Zuid": 2, "Oost": 2}
    # actions by theme under Oost
    oost_section = html[html.index('<h3 id="h-place-3">'):]
    assert oost_section.index("<h4>Health</h4>") < oost_section.index("Sports in the park") < \
        oost_section.index("<h4>No theme</h4>") < oost_section.index("Job fair")


def test_monitoring_filters(org, small):
    url = f"/organiser/c/{small['cid']}/monitor?lang=en"
    done = _cells(org.get(url + "&status=done").get_data(as_text=True), "need-table")
    assert [(r[1], r[3]) for r in done] == [("Noord", "0"), ("Oost", "1"), ("Zuid", "0")]
    goal = _cells(org.get(url + f"&goal={small['g1']['id']}").get_data(as_text=True), "need-table")
    assert [(r[1], r[3]) for r in goal] == [("Noord", "0"), ("Oost", "1"), ("Zuid", "2")]
    lower = _cells(org.get(url + "&lower=1").get_data(as_text=True), "need-table")
    assert [(r[0], r[1]) for r in lower] == [("1", "Zuid"), ("2", "Oost"), ("3", "Noord")]


def test_public_variant_only_when_the_plan_is_shared_and_without_names(app, db, small, client):
    cid = small["cid"]
    key = cafe.settings(db, cid)["plan_key"]
    assert client.get(f"/plan/{key}/places").status_code == 404
    cafe.update_settings(db, cid, plan_public=True)
    r = client.get(f"/plan/{key}/places?lang=en")
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "Where the plan lands" in html and "Sports in the park" in html
    assert 'href="/organiser' not in html
    assert f'href="/plan/{key}/places"' in client.get(f"/plan/{key}").get_data(as_text=True)
    assert client.get("/plan/nonsense/places").status_code == 404


def test_an_empty_conference_shows_the_page_without_figures(org, db, admin):
    cid = conferences.create(db, {"title": "Leeg"})
    r = org.get(f"/organiser/c/{cid}/monitor?lang=en")
    assert r.status_code == 200 and "No indicators yet" in r.get_data(as_text=True)


def test_the_example_files_import(db, admin):
    cid = conferences.create(db, {"title": "Voorbeeld", "neighbourhoods": ["Binnenstad", "Brouwhuis", "Stiphout"]})
    examples = ROOT / "docs" / "examples"
    assert (ROOT / "static" / "examples" / "indicators-example.csv").read_bytes() == \
        (examples / "indicators-example.csv").read_bytes()
    assert indicators.import_csv(db, cid, (examples / "indicators-example.csv").read_bytes())["values"] == 15
    assert indicators.import_csv(db, cid, (examples / "indicators-example-wide.csv").read_bytes())["values"] == 9
    assert indicators.import_boundaries(db, cid, (examples / "neighbourhoods-example.geojson").read_bytes()) == \
        {"features": 3}


def test_cli_import_and_export(tmp_path, db_path, app, db):
    small_ids = small_conference(db)
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text("neighbourhood,year,Work\nNoord,2020,5\n")
    bad.write_text("neighbourhood,year,Work\nMars,2020,5\n")
    from click.testing import CliRunner
    from facilitator.cli import cli

    runner = CliRunner()
    r = runner.invoke(cli, ["indicators", "import", str(small_ids["cid"]), str(bad), "--db", db_path])
    assert r.exit_code == 1 and "Line 2: unknown neighbourhood Mars." in r.output
    r = runner.invoke(cli, ["indicators", "import", str(small_ids["cid"]), str(good), "--db", db_path])
    assert r.exit_code == 0 and "Imported: 1 values, 1 indicators, 1 neighbourhoods." in r.output
    r = runner.invoke(cli, ["indicators", "import", str(small_ids["cid"]), str(good), "--replace", "--db", db_path])
    assert "(removed 7 old values)" in r.output
    r = runner.invoke(cli, ["indicators", "export", str(small_ids["cid"]), "--db", db_path])
    assert r.output == "neighbourhood,indicator,year,value,unit\nNoord,Work,2020,5,\n"
    r = runner.invoke(cli, ["indicators", "export", "999", "--db", db_path])
    assert r.exit_code == 1 and "Not found: conference." in r.output


def test_a_rename_reaches_open_screens_through_the_live_pipeline(app, org, db, sample_id):
    """A participant's open plan hears the renamed tags with the events' sequence numbers."""
    from facilitator.domain import goals, participants
    from facilitator.domain.events import Actor
    from facilitator.live import socketio
    from tests.test_protocol_actions import received_events

    staff = Actor("organiser", sample_id)
    goal = goals.create(db, staff, {"title": "Green squares", "neighbourhoods": ["Brouwhuis"]})[0]["goal"]
    action = actions.create(db, staff, {"goal_id": goal["id"], "what": "Plant trees",
                                        "neighbourhoods": ["Binnenstad", "Brouwhuis"]})[0]["action"]
    person = participants.list_for(db, sample_id)[0]
    phone = socketio.test_client(app, auth={"token": person["token"]})
    phone.get_received()
    org.post(f"/organiser/c/{sample_id}/places/tags/rename",
             data={"kind": "neighbourhoods", "name": "Brouwhuis", "new_name": "Brouwhuis-Oost"})
    got = received_events(phone)
    assert [e["kind"] for e in got] == ["goal.updated", "action.updated", "tags.changed"]
    assert got[0]["data"]["goal"]["neighbourhoods"] == ["Brouwhuis-Oost"]
    assert got[1]["data"]["action"]["id"] == action["id"]
    assert got[1]["data"]["action"]["neighbourhoods"] == ["Binnenstad", "Brouwhuis-Oost"]
    assert [e["seq"] for e in got] == list(range(got[0]["seq"], got[0]["seq"] + 3))
    phone.disconnect()


def test_names_are_escaped_everywhere_they_show(org, db, small):
    from facilitator.domain.events import Actor

    evil = '<script>alert("x")</script>'
    tags.rename(db, Actor("organiser", small["cid"]), {"kind": "neighbourhoods", "name": "Noord", "new_name": evil})
    indicators.import_csv(db, small["cid"], f'neighbourhood,indicator,year,value\n"{evil.replace(chr(34), chr(34) * 2)}",<b>Bold</b>,2023,1\n')
    for url in (f"/organiser/c/{small['cid']}/monitor?trend=<b>Bold</b>", f"/organiser/c/{small['cid']}/places/"):
        html = org.get(url).get_data(as_text=True)
        assert "<script>alert" not in html and "<b>Bold</b>" not in html
        assert "&lt;script&gt;alert" in html or "\\u003cscript\\u003e" in html

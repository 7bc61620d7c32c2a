"""Where the plan lands, in Chromium: the map drawn by d3-geo for a small GeoJSON (paths, colours,
counts), axe-core finding nothing on the pages, phones at 390 and 320 px without sideways scroll,
print without the filters, and an upload through the organiser's form."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from axe_helpers import assert_accessible
from conftest import DESKTOP, PHONE, sign_in
from facilitator.domain import cafe
from places_helpers import EXPECTED_COLOURS, small_conference


pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(module_server):
    """One server for the module: each test makes its own conference on it (``world``)."""
    return module_server


@pytest.fixture
def world(server):
    db = server.db()
    ids = small_conference(db)
    cafe.update_settings(db, ids["cid"], plan_public=True)
    ids["plan_key"] = cafe.settings(db, ids["cid"])["plan_key"]
    db.close()
    return ids


def no_sideways_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_the_map_is_drawn_with_the_classes_colours_and_the_counts(server, browser, world):
    page = browser(**DESKTOP).new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    sign_in(page, server.url)
    page.goto(f"{server.url}/organiser/c/{world['cid']}/monitor?lang=en")
    paths = page.locator("#places-map svg.map path")
    expect(paths).to_have_count(3)
    drawn = paths.evaluate_all("""ps => ps.map(p => {
        const b = p.getBBox();
        return {name: p.dataset.neighbourhood, fill: p.getAttribute('fill'), d: p.getAttribute('d'),
                x: b.x, y: b.y, w: b.width, h: b.height};
    })""")
    assert {p["name"]: p["fill"] for p in drawn} == EXPECTED_COLOURS
    box = {p["name"]: p for p in drawn}
    for p in drawn:  # a shape of its own, inside the picture (not the whole world around it)
        assert p["d"].startswith("M") and p["d"].rstrip().endswith("Z")
        assert 0 <= p["x"] and p["x"] + p["w"] <= 640.5 and 0 <= p["y"] and p["y"] + p["h"] <= 480.5
        assert 20 < p["w"] < 640 and 20 < p["h"] < 480
    assert box["Noord"]["y"] + box["Noord"]["h"] <= box["Zuid"]["y"]  # north above south
    assert box["Oost"]["x"] >= box["Noord"]["x"] + box["Noord"]["w"]  # east to the right
    counts = page.locator("#places-map g.count").evaluate_all(
        "gs => Object.fromEntries(gs.map(g => [g.dataset.neighbourhood, g.textContent]))")
    assert counts == {"Noord": "0", "Zuid": "2", "Oost": "2"}
    assert page.locator("#places-map svg.map path[data-neighbourhood='Oost'] title").text_content() == "Oost: 0.35, 2 actions"
    assert errors == []
    assert_accessible(page)


def test_pages_pass_axe_and_fit_phones_and_print(server, browser, world):
    public = f"{server.url}/plan/{world['plan_key']}/places"
    for viewport in (390, 320):
        page = browser(**{**PHONE, "viewport": {"width": viewport, "height": 800}}).new_page()
        page.goto(public + "?lang=nl")
        expect(page.locator("#places-map svg.map path")).to_have_count(3)
        assert no_sideways_scroll(page), viewport
        assert_accessible(page)
    page = browser(**DESKTOP).new_page()
    sign_in(page, server.url)
    for url in (f"/organiser/c/{world['cid']}/monitor?lang=nl", f"/organiser/c/{world['cid']}/places/?lang=en"):
        page.goto(server.url + url)
        if "monitor" in url:
            expect(page.locator("#places-map svg.map path")).to_have_count(3)
        assert_accessible(page)
    phone = browser(**{**PHONE, "viewport": {"width": 320, "height": 800}}).new_page()
    sign_in(phone, server.url)
    phone.goto(f"{server.url}/organiser/c/{world['cid']}/monitor?lang=nl")
    expect(phone.locator("#places-map svg.map path")).to_have_count(3)
    assert no_sideways_scroll(phone)
    phone.emulate_media(media="print")
    expect(phone.locator(".places-filters")).to_be_hidden()
    expect(phone.locator("#places-map svg.map")).to_be_visible()


def test_upload_through_the_form_then_see_it_on_the_monitor(server, browser, world, tmp_path):
    good = tmp_path / "work.csv"
    good.write_text("neighbourhood,year,Work\nNoord,2019,61\nNoord,2023,64\nWK02,2023,70\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("neighbourhood,year,Work\nMars,2019,61\n", encoding="utf-8")
    page = browser(**DESKTOP).new_page()
    sign_in(page, server.url)
    page.goto(f"{server.url}/organiser/c/{world['cid']}/places/?lang=en")
    form = page.locator("#indicators form").first
    form.get_by_label("CSV file").set_input_files(str(bad))
    form.get_by_role("button", name="Import").click()
    expect(page.get_by_role("alert").filter(has_text="Line 2: unknown neighbourhood Mars.")).to_be_visible()
    form = page.locator("#indicators form").first
    form.get_by_label("CSV file").set_input_files(str(good))
    form.get_by_role("button", name="Import").click()
    expect(page.get_by_role("status").filter(has_text="Imported: 3 values, 1 indicators, 2 neighbourhoods.")).to_be_visible()
    page.goto(f"{server.url}/organiser/c/{world['cid']}/monitor?lang=en&need=Work")
    expect(page.locator(".need-table tbody tr").first.locator("th")).to_have_text("Zuid")
    noord = page.locator("section.place", has=page.get_by_role("heading", name="Noord"))
    expect(noord.get_by_role("row", name="Work")).to_contain_text("+3")

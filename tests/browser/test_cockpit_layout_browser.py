"""The cockpit runs the room from one laptop screen (issue 13), in a real Chromium against `python run.py`:
the command bar and the work both in view without scrolling at 1366x768 and 1440x900, every cockpit
word in Dutch, the timeline wall wrapping at word boundaries, and the café's decline as an inline form.
axe-core checks every phase these tests show."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from facilitator.db import transaction
from facilitator.domain import goals, programme
from facilitator.domain import proposals as proposals_domain
from tests.axe_helpers import assert_accessible
from tests.cockpit_helpers import STAFF, as_participant, catalogue, conference_id, do, fill_room, goto
from tests.conftest import sign_in

pytestmark = pytest.mark.browser

PO = Path(__file__).resolve().parents[2] / "facilitator" / "translations" / "nl" / "LC_MESSAGES" / "messages.po"
LAPTOPS = [(1366, 768), (1440, 900)]
FIRST_WORK = {"notes": ".note-board .note", "timeline": ".pp-wall-entry"}


@pytest.fixture
def room(server):
    db = server.db()
    cid = conference_id(db)
    sessions = fill_room(db, cid)
    db.close()
    return server, cid, sessions


def open_cockpit(server, browser, cid, size, lang="nl"):
    page = browser(viewport={"width": size[0], "height": size[1]}).new_page()
    sign_in(page, server.url)
    page.goto(f"{server.url}/organiser/c/{cid}/cockpit/?lang={lang}")
    expect(page.locator("[data-live=status]")).to_have_attribute("data-status", "connected")
    return page


def move_to(server, page, cid, session_id):
    db = server.db()
    goto(db, cid, session_id)
    db.close()
    title = page.evaluate("(id) => (window.facilitatorLive.state.programme || []).find((s) => s.id === id).title", session_id)
    expect(page.locator("#now-title")).to_have_text(title)


def box_in_view(page, selector):
    # Wait for the element itself: the connected count draws only once the server's presence message
    # has come, which is a message of its own and may come after the snapshot (under load it did, and
    # a querySelector read then found nothing). The box measured is the one Playwright waited for.
    first = page.locator(selector).first
    expect(first).to_be_visible()
    return first.evaluate("""(el) => { const r = el.getBoundingClientRect();
      return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, w: innerWidth, h: innerHeight}; }""")


def assert_in_view(page, selector):
    b = box_in_view(page, selector)
    assert b["top"] >= 0 and b["bottom"] <= b["h"] and b["left"] >= 0 and b["right"] <= b["w"], (selector, b)


@pytest.mark.parametrize("size", LAPTOPS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_command_bar_and_work_in_view_without_scrolling(room, browser, size):
    server, cid, sessions = room
    page = open_cockpit(server, browser, cid, size)
    for activity in ("notes", "timeline"):
        move_to(server, page, cid, sessions[activity])
        first = FIRST_WORK[activity]
        page.locator(first).first.wait_for()
        # the page itself does not scroll: the bar and the first contributions are on the screen as loaded
        assert page.evaluate("document.documentElement.scrollHeight <= innerHeight && scrollY === 0")
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
        for control in ("[data-live=prev]", "[data-live=next]", "[data-live=input]", "[data-live=timer-form]",
                        "[data-live=message-form]", ".cockpit-count", f"{first}"):
            assert_in_view(page, control)
        # the work area scrolls within itself: scrolled to its end, the controls stay where they were
        bar = box_in_view(page, ".cockpit-bar")
        page.locator(".cockpit-work").evaluate("el => { el.scrollTop = el.scrollHeight; }")
        assert box_in_view(page, ".cockpit-bar") == bar
        assert_in_view(page, "[data-live=next]")
        assert_accessible(page)
    # the timer's fields keep what the facilitator typed while the clock redraws, and start what was typed
    page.locator("[data-live=timer-form] [name=minutes]").fill("3")
    page.get_by_label("daarna invoer sluiten").check()
    page.locator("[data-live=timer-form]").get_by_role("button", name="Begin").click()
    expect(page.locator("[data-live=clock]")).to_have_text(re.compile(r"^(3:00|2:5\d)"))
    expect(page.locator("[data-live=timer-note]")).to_have_text("sluit invoer")
    expect(page.locator("[data-live=timer-form] [name=minutes]")).to_have_value("3")
    # the two "next" buttons say what they move: the room's session, or the projector's view
    expect(page.locator("[data-live=next]")).to_have_text(re.compile(r"^Volgende sessie: .+ →$"))
    expect(page.get_by_role("button", name="Beamer: volgende →")).to_be_visible()


def test_session_settings_show_only_where_they_change_something(room, browser):
    """The registry's "settings": the notes session shows both boxes, confirming common ground the
    anonymity box that says the facilitators see names when unticked, the dot vote and the
    statements none."""
    server, cid, sessions = room
    cat = catalogue(PO)
    page = open_cockpit(server, browser, cid, (1366, 768))
    box = page.locator("[data-live=settings]")
    move_to(server, page, cid, sessions["notes"])
    expect(box).to_be_visible()
    expect(box.locator("legend")).to_have_text(cat["Who sees what in this session"])
    expect(box.get_by_label(cat["Anonymous: nobody sees who wrote a note"])).to_be_checked()
    expect(box.get_by_label(cat["Participants see each other's notes (new notes)"])).to_be_checked()
    box.get_by_label(cat["Anonymous: nobody sees who wrote a note"]).uncheck()
    expect(box.get_by_label(cat["Anonymous: nobody sees who wrote a note"])).not_to_be_checked()
    expect(page.locator("[data-live=feedback]")).to_have_text("")
    assert_accessible(page)
    db = server.db()
    others = {a: db.execute("select id from sessions where conference_id = ? and activity = ?", [cid, a]).fetchone()[0]
              for a in ("dot_vote", "statements", "common_ground_confirm")}
    db.close()
    for activity in ("dot_vote", "statements"):
        move_to(server, page, cid, others[activity])
        page.locator("[data-live=activity] .activity").wait_for()
        expect(box).to_have_count(0)
    move_to(server, page, cid, others["common_ground_confirm"])
    expect(box.locator("input[type=checkbox]")).to_have_count(1)
    label = [m for m in cat if m.startswith("Anonymous: nobody sees who supported or objected")][0]
    expect(box.get_by_label(cat[label])).to_be_checked()


def test_programme_column_folds_away_and_stays_folded(room, browser):
    server, cid, sessions = room
    page = open_cockpit(server, browser, cid, (1366, 768))
    move_to(server, page, cid, sessions["timeline"])
    work = box_in_view(page, ".cockpit-work")
    page.get_by_role("button", name="Verbergen").click()
    expect(page.locator(".prog-list")).to_be_hidden()
    assert box_in_view(page, ".cockpit-work")["left"] < work["left"] - 80  # the work takes the room
    page.reload()
    expect(page.locator("[data-live=status]")).to_have_attribute("data-status", "connected")
    expect(page.locator(".prog-list")).to_be_hidden()
    page.get_by_role("button", name="Programma").click()
    expect(page.get_by_role("button", name=re.compile("^Ga naar "))).not_to_have_count(0)


VISIBLE_TEXTS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    const text = n.textContent.trim();
    if (!text || !el || el.closest("script, style")) continue;
    if (el.checkVisibility && !el.checkVisibility({ visibilityProperty: true })) continue;
    out.push(text);
  }
  for (const el of document.body.querySelectorAll("[placeholder], [aria-label], [title]")) {
    for (const a of ["placeholder", "aria-label", "title"]) if (el.getAttribute(a)) out.push(el.getAttribute(a).trim());
  }
  return out;
}"""


def untranslated(texts, cat):
    """The texts that are an English message of the catalogue whose Dutch differs (or a message with
    its parameters filled in)."""
    patterns = []
    for mid, nl in cat.items():
        if "%(" in mid and nl and nl != mid:
            rx = re.escape(mid)
            rx = re.sub(r"%\\\(\w+\\\)[sd]", ".+", rx)
            patterns.append(re.compile(f"^{rx}$"))
    bad = []
    for text in texts:
        if text in cat and cat[text] and cat[text] != text:
            bad.append(text)
        elif any(p.match(text) for p in patterns):
            bad.append(text)
    return sorted(set(bad))


def test_cockpit_in_dutch_shows_no_english(room, browser):
    server, cid, sessions = room
    cat = catalogue(PO)
    page = open_cockpit(server, browser, cid, (1440, 900))
    db = server.db()
    phases = [sessions["notes"], sessions["timeline"], sessions["trend_map"]]
    phases.append(db.execute("select id from sessions where conference_id = ? and activity = 'plenary' order by id", [cid]).fetchone()[0])
    db.close()
    checked = 0
    for sid in phases:
        move_to(server, page, cid, sid)
        page.locator("[data-live=activity] .activity").wait_for()
        page.wait_for_function("() => !document.querySelector('[data-live=activity] .pp[style*=hidden]')")
        texts = page.evaluate(VISIBLE_TEXTS)
        checked += len(texts)
        assert not untranslated(texts, cat), f"English on the Dutch cockpit: {untranslated(texts, cat)}"
    assert checked > 100
    # the check can fail: the English cockpit shows English messages
    english = open_cockpit(server, browser, cid, (1440, 900), lang="en")
    move_to(server, english, cid, sessions["timeline"])
    english.locator(".pp-wall-entry").first.wait_for()
    assert "Next session:" in untranslated(english.evaluate(VISIBLE_TEXTS), cat)


WORD_LINES = """(word) => {
  const found = [];
  const walker = document.createTreeWalker(document.querySelector('.pp-wall'), NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const at = n.textContent.indexOf(word);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(n, at);
    range.setEnd(n, at + word.length);
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    // the word's own width on one line, beside the room its entry gives it
    const entry = n.parentElement.closest('.pp-wall-entry');
    const probe = document.createElement('span');
    probe.style.whiteSpace = 'nowrap';
    probe.textContent = word;
    entry.append(probe);
    const wide = probe.getBoundingClientRect().width;
    probe.remove();
    const style = getComputedStyle(entry);
    const room = entry.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    found.push({ lines: tops.size, fits: wide <= room });
  }
  return found;
}"""


@pytest.mark.parametrize("size", [(1366, 768), (1100, 700)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_timeline_wall_wraps_at_word_boundaries(room, browser, size):
    server, cid, sessions = room
    # timelines from 1950: eight decades side by side, the columns that squeezed "Hoensbr oek"
    db = server.db()
    with transaction(db):
        db.execute("update conferences set timeline_start_year = 1950 where id = ?", [cid])
    db.close()
    page = open_cockpit(server, browser, cid, size)
    move_to(server, page, cid, sessions["timeline"])
    page.locator(".pp-wall-entry", has_text="Hoensbroek").wait_for()
    for word in ("Hoensbroek", "Toekomstconferentie", "Brandevoort"):
        found = page.evaluate(WORD_LINES, word)
        assert found, word
        # a word that fits its entry is never broken; one longer than its column may be (hyphenated)
        assert all(f["lines"] == 1 for f in found if f["fits"]), (word, found)
        if word == "Hoensbroek":
            assert all(f["fits"] and f["lines"] == 1 for f in found), found
    assert page.locator(".pp-wall-head").count() == 8
    # the wall scrolls sideways within its panel, the page does not
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")


def test_trend_map_fits_its_panel(room, browser):
    server, cid, sessions = room
    page = open_cockpit(server, browser, cid, (1366, 768))
    move_to(server, page, cid, sessions["trend_map"])
    page.locator(".pp-mindmap").wait_for()
    fit = page.evaluate("""() => { const w = document.querySelector('.pp-map-wrap'), m = w.querySelector('.pp-mindmap').getBoundingClientRect();
      const r = w.getBoundingClientRect(); return {map: [m.left, m.right], panel: [r.left, r.right], scroll: w.scrollWidth - w.clientWidth}; }""")
    assert fit["map"][0] >= fit["panel"][0] - 1 and fit["map"][1] <= fit["panel"][1] + 1, fit  # no sub-trend cut off at an edge
    assert fit["scroll"] <= 1
    assert_accessible(page)


def test_cafe_decline_is_an_inline_form_with_a_reason(room, browser):
    server, cid, _ = room
    db = server.db()
    staff = STAFF(cid)
    goal = goals.create(db, staff, {"title": "Een buurtfeest per wijk"})[0]["goal"]
    person = db.execute("select * from participants where conference_id = ? order by id limit 1", [cid]).fetchone()
    person = dict(zip([d[0] for d in db.execute("select * from participants limit 0").description], person))
    proposal = do(db, proposals_domain.propose, as_participant(person), {"goal_id": goal["id"], "what": "Een feest in de Rozenwijk"})[0]["proposal"]
    day = programme.days(db, cid)[-1]["id"]
    cafe_id = programme.add_session(db, cid, day, {"start": "20:00", "end": "21:00", "title": "Transitiecafé", "phase": "follow_up",
                                                    "activity": "transition_cafe", "grouping": "self_selected"})
    db.close()
    page = open_cockpit(server, browser, cid, (1366, 768))
    page.on("dialog", lambda d: pytest.fail(f"a browser dialog opened: {d.message}"))
    move_to(server, page, cid, cafe_id)
    item = page.locator(".fu-waiting-item", has_text="Een feest in de Rozenwijk")
    item.get_by_role("button", name="Afwijzen").click()
    field = item.get_by_label("Waarom niet? (de persoon leest dit)")
    expect(field).to_be_focused()
    assert_accessible(page)
    assert not untranslated(page.evaluate(VISIBLE_TEXTS), catalogue(PO))  # the café's cockpit is Dutch too
    # Escape closes the form and gives the focus back to Decline; Enter opens it again
    field.press("Escape")
    expect(field).to_have_count(0)
    expect(item.get_by_role("button", name="Afwijzen")).to_be_focused()
    page.keyboard.press("Enter")
    expect(field).to_be_focused()
    # no reason: a clear error, and nothing changes
    item.get_by_role("button", name="Idee afwijzen").click()
    expect(item.get_by_role("alert")).to_have_text("Zeg waarom, zodat de persoon het begrijpt.")
    expect(field).to_be_focused()
    db = server.db()
    assert db.execute("select state from action_proposals where id = ?", [proposal["id"]]).fetchone()[0] == "proposed"
    # by keyboard: type the reason, Enter sends it
    field.fill("Dat doet de wijkraad al")
    field.press("Enter")
    expect(page.locator(".fu-waiting-item")).to_have_count(0)
    assert db.execute("select state, reason from action_proposals where id = ?", [proposal["id"]]).fetchone() == ("declined", "Dat doet de wijkraad al")
    db.close()

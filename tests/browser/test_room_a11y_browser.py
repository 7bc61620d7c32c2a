"""The room's screens, in Chromium, on one server for the whole module: the Helmond sample (Dutch)
with a little of every session filled in (tests/room_helpers.py), the room moved through its whole
programme.

- axe-core finds nothing on the participant's page and on the projector in every phase, nor on the
  cockpit (1366x768, Dutch), where the command bar and the work area stay in view in every phase;
- no page scrolls sideways on a 320 px phone: the live page in every phase, joining, the code page,
  "Je gegevens", the café and the shared plan pages;
- a participant posts a note, places dots (the focus stays on the + button) and answers a statement
  with the keyboard alone;
- the projector's live count moves when a note is posted, and what arrives moves in, except under
  prefers-reduced-motion;
- the projector's smallest text is at least 2.2% of the screen's height (the rule in static/css/live.css)
  at 1920x1080 and 1366x768, in every phase."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

import re

from axe_helpers import assert_accessible, axe_violations, describe
from conftest import PHONE, ServerProcess, sign_in
from facilitator.db import row
from facilitator.domain import cafe, conferences, programme
from room_helpers import fill, goto, sessions

pytestmark = pytest.mark.browser

RULE = 2.2  # percent of the viewport's height: the projector's smallest text (docs/frontend.md)


@pytest.fixture(scope="module")
def room(tmp_path_factory, templates):
    server = ServerProcess(tmp_path_factory.mktemp("room"), templates=templates).start()
    db = server.db()
    cid = row(db, "select id from conferences order by id")["id"]
    day = programme.days(db, cid)[0]["id"]
    programme.add_session(db, cid, day, {"start": "13:15", "end": "13:30", "title": "Ideeën op de muur", "phase": "opening",
                                         "activity": "notes", "grouping": "whole", "prompt": "Waar hoop je op?"})
    world = fill(db, cid)
    cafe.update_settings(db, cid, cafe_open=True, plan_public=True)
    keys = cafe.settings(db, cid)
    conf = conferences.get(db, cid)
    me = row(db, "select token from participants where id = ?", [world["me"].participant_id])["token"]
    goal = row(db, "select id from goals where conference_id = ? order by id", [cid])["id"]
    yield {"server": server, "db": db, "cid": cid, "me": me, "presenter": conf["presenter_key"],
           "code": conf["join_code"], "cafe": keys["cafe_key"], "plan": keys["plan_key"], "goal": goal,
           "sessions": sessions(db, cid)}
    db.close()
    server.kill()


@pytest.fixture
def context(playwright_browser):
    made = []

    def new(**kwargs):
        ctx = playwright_browser.new_context(**kwargs)
        ctx.set_default_timeout(10_000)
        made.append(ctx)
        return ctx

    yield new
    for ctx in made:
        ctx.close()


def phone(context, width=390):
    return context(**{**PHONE, "viewport": {"width": width, "height": 800}}).new_page()


def at(room, activity):
    return next(s for s in room["sessions"] if s["activity"] == activity)


def open_live(page, url):
    page.goto(url)
    page.wait_for_function("() => window.facilitatorLive && window.facilitatorLive.loaded")
    page.locator("[data-activity]").wait_for(state="attached")
    page.wait_for_load_state("networkidle")


def participant_url(room):
    return f"{room['server'].url}/p/{room['me']}"


def projector_url(room):
    return f"{room['server'].url}/present/{room['presenter']}"


def sideways(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth")


# Every visible text on the screen, drawn at what size (CSS zoom of the fit and an SVG's scale
# included), as a share of the viewport's height: the smallest first.
SMALLEST_TEXT = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || box.right <= 0 || box.bottom <= 0 || box.left >= innerWidth || box.top >= innerHeight) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || parseFloat(style.opacity) === 0) continue;
    let size = parseFloat(style.fontSize);
    for (let e = el; e; e = e.parentElement) size *= parseFloat(getComputedStyle(e).zoom || 1);
    const svg = el.closest('svg');
    if (svg && svg.viewBox.baseVal && svg.viewBox.baseVal.width) size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    found.push([size / innerHeight * 100, `${el.tagName.toLowerCase()}.${el.getAttribute('class') || ''}: ${node.textContent.trim().slice(0, 40)}`]);
  }
  return found.sort((a, b) => a[0] - b[0]).slice(0, 5);
}"""


def test_axe_finds_nothing_on_the_phone_and_the_projector_in_every_phase(room, context):
    page = phone(context)
    projector = context(viewport={"width": 1920, "height": 1080}).new_page()
    found = {}
    for s in room["sessions"]:
        goto(room["db"], room["cid"], s["id"])
        open_live(page, participant_url(room))
        expect(page.locator(".live-title")).to_have_text(s["title"])
        open_live(projector, projector_url(room))
        expect(projector.locator(".presenter-title")).to_have_text(s["title"])
        for screen, p in (("phone", page), ("projector", projector)):
            violations = axe_violations(p)
            if violations:
                found[f"{s['activity']} {screen}"] = describe(violations)
    assert found == {}


IN_VIEW = """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
  return r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth; }"""


def test_the_cockpit_passes_axe_and_keeps_its_bar_and_work_in_view_in_every_phase(room, context):
    page = context(viewport={"width": 1366, "height": 768}).new_page()
    sign_in(page, room["server"].url)
    page.goto(f"{room['server'].url}/organiser/c/{room['cid']}/cockpit/?lang=nl")
    expect(page.locator("[data-live=status]")).to_have_attribute("data-status", "connected")
    found, out_of_view = {}, {}
    for s in room["sessions"]:
        goto(room["db"], room["cid"], s["id"])
        expect(page.locator("#now-title")).to_have_text(s["title"])
        page.wait_for_load_state("networkidle")
        hidden = [sel for sel in (".cockpit-bar", "[data-live=next]", "[data-live=input]", ".cockpit-work")
                  if not page.evaluate(IN_VIEW, sel)]
        if hidden:
            out_of_view[s["activity"]] = hidden
        violations = axe_violations(page)
        if violations:
            found[s["activity"]] = describe(violations)
    assert out_of_view == {}
    assert found == {}


def test_no_live_page_scrolls_sideways_at_320_px_in_any_phase(room, context):
    page = phone(context, 320)
    wide = {}
    for s in room["sessions"]:
        goto(room["db"], room["cid"], s["id"])
        open_live(page, participant_url(room))
        expect(page.locator(".live-title")).to_have_text(s["title"])
        if sideways(page) > 320:
            wide[s["activity"]] = sideways(page)
    assert wide == {}


def test_joining_my_data_the_cafe_and_the_plan_pages_fit_320_px(room, context):
    base = room["server"].url
    pages = {"join": "/join", "code": f"/join/{room['code']}", "conference": f"/c/{room['code']}",
             "my data": f"/p/{room['me']}/my-data", "my café": f"/p/{room['me']}/cafe", "café": f"/cafe/{room['cafe']}",
             "café goal": f"/cafe/{room['cafe']}/goals/{room['goal']}", "my goal": f"/p/{room['me']}/goals/{room['goal']}",
             "plan": f"/plan/{room['plan']}", "plan places": f"/plan/{room['plan']}/places"}
    page = phone(context, 320)
    wide = {}
    for name, path in pages.items():
        assert page.goto(base + path).ok, name
        page.wait_for_load_state("networkidle")
        if sideways(page) > 320:
            wide[name] = sideways(page)
    assert wide == {}
    assert_accessible(page)  # the last one (the places page) too


def tab_to(page, selector, limit=80):
    """Press Tab until the focused element matches selector (as a keyboard user would)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_participant_takes_part_with_the_keyboard_alone(room, context):
    page = phone(context)
    # a note
    goto(room["db"], room["cid"], at(room, "notes")["id"])
    open_live(page, participant_url(room))
    tab_to(page, "#note-text")
    page.keyboard.type("Een bankje bij de bibliotheek")
    tab_to(page, ".note-form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(".note-text", has_text="Een bankje bij de bibliotheek")).to_be_visible()

    # dots: the focus stays on the + after each dot
    goto(room["db"], room["cid"], at(room, "dot_vote")["id"])
    open_live(page, participant_url(room))
    plus = "button.plus[aria-label*='Wonen wordt duurder']"
    count = page.locator(".pp-vote-count[aria-label*='Wonen wordt duurder']")
    expect(count).to_have_text("0")
    tab_to(page, plus)
    page.keyboard.press("Enter")
    expect(count).to_have_text("1")
    assert page.evaluate("(s) => document.activeElement.matches(s)", plus)
    page.keyboard.press("Space")
    expect(count).to_have_text("2")
    assert page.evaluate("(s) => document.activeElement.matches(s)", plus)

    # a statement
    goto(room["db"], room["cid"], at(room, "statements")["id"])
    open_live(page, participant_url(room))
    tab_to(page, "button.sf-choice[data-answer=agree]")
    page.keyboard.press("Enter")
    expect(page.locator("button.sf-choice[data-answer=agree]")).to_have_attribute("aria-pressed", "true")
    mine = page.evaluate("() => window.facilitatorLive.state.statements.statements.find(s => s.state === 'open').mine")
    assert mine["answer"] == "agree"


def post_note(page, text):
    ack = page.evaluate("(text) => window.facilitatorLive.send('note.post', {text})", text)
    assert ack["ok"], ack


def test_the_projector_count_moves_when_a_note_is_posted(room, context):
    goto(room["db"], room["cid"], at(room, "notes")["id"])
    projector = context(viewport={"width": 1920, "height": 1080}).new_page()
    open_live(projector, projector_url(room))
    posted = projector.locator("[data-count=posted]")
    before = int(re.search(r"\d+", posted.text_content()).group())
    page = phone(context)
    open_live(page, participant_url(room))
    # the phone's connection shows in "joined" (the server sends projectors the number, within a second)
    expect(projector.locator("[data-count=joined]")).to_contain_text("1 doet mee")
    post_note(page, "Meer groen op het plein")
    now = before + 1  # the module's server is shared: earlier tests (in any order) may have posted
    expect(posted).to_have_text(f"· {now} {'bijdrage' if now == 1 else 'bijdragen'}")
    expect(projector.locator(".note-text", has_text="Meer groen op het plein")).to_be_visible()


ARRIVALS = "() => document.getAnimations().filter(a => a.animationName === 'projector-arrive' && a.playState === 'running').length"


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_new_contributions_move_in_except_under_reduced_motion(room, context, motion):
    goto(room["db"], room["cid"], at(room, "notes")["id"])
    projector = context(viewport={"width": 1920, "height": 1080}, reduced_motion=motion).new_page()
    open_live(projector, projector_url(room))
    projector.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    page = phone(context)
    open_live(page, participant_url(room))
    projector.evaluate("""() => { window.__moved = 0; new MutationObserver(() => {
        window.__moved = Math.max(window.__moved, document.getAnimations().length); }).observe(document.body, {childList: true, subtree: true}); }""")
    post_note(page, f"Beweging: {motion}")
    note = projector.locator(".note-text", has_text=f"Beweging: {motion}")
    expect(note).to_be_visible()
    if motion == "reduce":
        assert projector.evaluate(ARRIVALS) == 0
        assert projector.evaluate("() => document.getAnimations().length") == 0
        assert projector.evaluate("() => window.__moved") == 0
    else:
        card = note.locator("xpath=ancestor::li[1]")
        assert card.evaluate("e => e.getAnimations().map(a => a.animationName)") in (["projector-arrive"], [])
        assert projector.evaluate("() => window.__moved") >= 1


# Every word on the screen that the browser split across lines: a word (between spaces, hyphens,
# slashes) whose text lies on more than one line. The browser here has no Dutch hyphenation
# dictionary (Linux Chromium gets them from its component updater), so a split word is a word broken
# without a hyphen: "Ervaringsdeskundi / gen".
BROKEN_WORDS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!el || el.closest('svg, script, style') || !el.checkVisibility({ visibilityProperty: true })) continue;
    for (const m of node.textContent.matchAll(/[^\\s\\-\u2013\u2014\\/\u00b7]{2,}/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = [];
      for (const r of range.getClientRects()) {
        if (r.width > 0 && !tops.some((t) => Math.abs(t - r.top) < r.height / 2)) tops.push(r.top);
      }
      if (tops.length > 1) out.push(m[0]);
    }
  }
  return out;
}"""


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)])
def test_the_projector_has_no_text_below_the_rule_in_any_phase(room, context, size):
    """No text under the rule, and no word broken across lines (six stakeholder groups side by side:
    "Ervaringsdeskundigen" is whole), in every phase; the page speaks the conference's language."""
    projector = context(viewport={"width": size[0], "height": size[1]}).new_page()
    too_small, broken = {}, {}
    for s in room["sessions"]:
        goto(room["db"], room["cid"], s["id"])
        open_live(projector, projector_url(room))
        expect(projector.locator(".presenter-title")).to_have_text(s["title"])
        projector.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
        smallest = projector.evaluate(SMALLEST_TEXT)
        assert smallest, s["activity"]
        if smallest[0][0] < RULE - 0.01:
            too_small[s["activity"]] = smallest
        if projector.evaluate(BROKEN_WORDS):
            broken[s["activity"]] = projector.evaluate(BROKEN_WORDS)
        if s["activity"] in ("trend_response", "prouds_sorries"):
            heads = projector.locator(".pp-group-head")
            expect(heads).to_have_count(6)
            expect(heads.filter(has_text="Ervaringsdeskundigen")).to_have_count(1)
    assert projector.evaluate("document.documentElement.lang") == "nl"  # hyphens: auto hyphenates Dutch as Dutch
    assert too_small == {}
    assert broken == {}


FULL_BOARD = 120


def fill_the_board(room):
    """The notes session with 120 notes (more than any projector shows), once for the module."""
    from facilitator.domain import notes, participants
    from shared_future_helpers import person, run

    session = at(room, "notes")["id"]
    goto(room["db"], room["cid"], session)
    have = room["db"].execute("select count(*) from notes where session_id = ?", [session]).fetchone()[0]
    people = participants.list_for(room["db"], room["cid"])
    for i in range(have, FULL_BOARD):
        run(room["db"], notes.post, person(room["db"], people[i % len(people)]["id"]),
            {"text": f"Idee nummer {i + 1}: een buurtkamer waar iedereen welkom is"})
    return session


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)])
def test_an_overfull_board_keeps_the_rule_and_says_how_many_more(room, context, size):
    """120 notes: the projector does not shrink them below the rule; it shows the newest that fit and
    "+N more" for the notes not wholly on the screen (docs/frontend.md)."""
    fill_the_board(room)
    projector = context(viewport={"width": size[0], "height": size[1]}).new_page()
    open_live(projector, projector_url(room))
    notes = projector.locator(".note-board.big .note")
    expect(notes).to_have_count(room["db"].execute(
        "select count(*) from notes where session_id = ? and hidden = 0 and deleted = 0 and merged_into is null",
        [at(room, "notes")["id"]]).fetchone()[0])
    projector.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    more = projector.locator("[data-live=more]")
    expect(more).to_be_visible()
    smallest = projector.evaluate(SMALLEST_TEXT)
    assert smallest[0][0] >= RULE - 0.01, smallest
    assert projector.evaluate("() => getComputedStyle(document.querySelector('[data-live=activity]')).zoom") == "1"
    # "+N more" is the number of notes not wholly on the screen, and some are
    cut = projector.evaluate("""() => { const bottom = document.querySelector('[data-live=activity]').getBoundingClientRect().bottom;
      return [...document.querySelectorAll('.note-board.big .note')].filter((n) => n.getBoundingClientRect().bottom > bottom + 1).length; }""")
    shown = notes.count() - cut
    assert 0 < shown < FULL_BOARD and cut > 0
    expect(more).to_have_text(f"+{cut} meer")
    assert int(more.get_attribute("data-more")) == cut
    # the page still does not scroll, and the newest note is the first on the board, on the screen
    assert projector.evaluate("document.documentElement.scrollHeight <= innerHeight && document.documentElement.scrollWidth <= innerWidth")
    first = notes.first.bounding_box()
    assert first["y"] + first["height"] <= size[1]
    newest = room["db"].execute("select max(id) from notes where session_id = ? and hidden = 0 and deleted = 0",
                                [at(room, "notes")["id"]]).fetchone()[0]
    expect(notes.first).to_have_attribute("data-id", str(newest))
    assert_accessible(projector)


@pytest.mark.parametrize("width", [320, 390])
def test_statement_buttons_are_comfortable_on_a_phone(room, context, width):
    """Touch targets at least 44 px high, labels neither clipped nor broken inside a word, and no
    sideways scroll, in Dutch at 320 and 390 px."""
    goto(room["db"], room["cid"], at(room, "statements")["id"])
    page = phone(context, width)
    open_live(page, participant_url(room))
    buttons = page.locator(".sf-answers .sf-choice")
    expect(buttons.first).to_be_visible()
    assert buttons.count() >= 3
    for b in buttons.all():
        fit = b.evaluate("""(el) => { const r = el.getBoundingClientRect(), range = document.createRange();
          range.selectNodeContents(el);
          const lines = new Set([...range.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top)));
          const text = range.getBoundingClientRect();
          return {h: r.height, clipped: el.scrollWidth > el.clientWidth || text.left < r.left || text.right > r.right,
                  lines: lines.size, label: el.textContent.trim()}; }""")
        assert fit["h"] >= 44 and not fit["clipped"] and fit["lines"] == 1, fit
    assert not page.evaluate(BROKEN_WORDS)
    assert sideways(page) <= width

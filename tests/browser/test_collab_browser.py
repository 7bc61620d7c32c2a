"""In a real Chromium against `python run.py`: two, then five, people at one table type their own
sentence into the scenario story at the same time (round after round of keystrokes, nobody waiting
for the others). Afterwards every sentence is there, whole, on every phone, in the cockpit and in the
Word report. A phone shows "Femke is typing" while someone else at the table types. A phone that
goes offline keeps typing; back online, its text and the others' are both there."""
import io

import docx
import pytest
from playwright.sync_api import expect

from tests.browser.test_shared_future_browser import cockpit, mixed_tables, phone
from tests.test_collab_live import server_story

pytestmark = pytest.mark.browser
STORY = "The story: describe it as if it already happened"


def word_report_text(page, server, cid) -> str:
    response = page.request.get(server.url + f"/organiser/c/{cid}/export/download?format=docx&kind=report")
    assert response.ok, response.status
    document = docx.Document(io.BytesIO(response.body()))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]  # a trend response is in a table
    return "\n".join([p.text for p in document.paragraphs] + cells)


def type_at_once(fields, sentences):
    """Everyone types at once: a few keys each, in turns, without waiting for the others' text."""
    chunks = [[s[i:i + 4] for i in range(0, len(s), 4)] + [" "] for s in sentences]
    for step in range(max(len(c) for c in chunks)):
        for field, mine in zip(fields, chunks):
            if step < len(mine):
                field.press_sequentially(mine[step])


@pytest.mark.parametrize("people", [2, 5])
def test_people_typing_the_same_story_at_once_keep_every_sentence(server, browser, people):
    cid, seated = mixed_tables(server, seed=3)
    table = seated[0]
    staff = cockpit(browser, server, cid, "scenario")
    members = table["members"][:people]
    phones = [phone(browser, server, m["token"]) for m in members]
    # Five people at once prove the same as two with shorter sentences (every keystroke still its own
    # update, interleaved with the others'): fewer keys to press keeps the case cheap.
    sentences = [f"Sentence {i + 1}: in 2030 neighbourhood {i + 1} shares its garden with {m['name']}." if people == 2
                 else f"S{i + 1}: {m['name']} shares a garden." for i, m in enumerate(members)]
    fields = []
    for page in phones:
        page.get_by_text(f"Table {table['number']}: it is 2030.").wait_for()
        field = page.get_by_label(STORY)
        expect(field).to_be_editable()  # the shared text is loaded
        fields.append(field)
    for field in fields:
        field.click()
        field.press("Control+End")
    type_at_once(fields, sentences)
    for page in phones:
        page.wait_for_function("sentences => sentences.every(s => document.querySelector('#sc-story').value.includes(s))",
                               arg=sentences, timeout=15_000)
    values = [f.input_value() for f in fields]
    assert len(set(values)) == 1, values  # every phone shows the same merged text
    assert len(values[0].strip()) == len(" ".join(sentences))  # nothing else, nothing twice
    # The cockpit (a reader, not a writer) shows the merged text, and so does the Word report.
    board = staff.locator(".sf-board-cell").nth(0)
    for s in sentences:
        expect(board).to_contain_text(s)
    report = word_report_text(staff, server, cid)
    for s in sentences:
        assert s in report
    # Reloading a phone loads the same text from the server's document.
    phones[0].reload()
    expect(phones[0].get_by_label(STORY)).to_have_value(values[0])


def test_a_phone_sees_who_else_is_typing(server, browser):
    cid, seated = mixed_tables(server, seed=3)
    table = seated[0]
    cockpit(browser, server, cid, "scenario")
    a, b = (phone(browser, server, m["token"]) for m in table["members"][:2])
    for page in (a, b):
        page.get_by_text(f"Table {table['number']}: it is 2030.").wait_for()
        expect(page.get_by_label(STORY)).to_be_editable()
    a.get_by_label(STORY).press_sequentially("We began with one street.")
    first_name = table["members"][0]["name"]
    marker = b.locator("#sc-story + .typing-marker")
    expect(marker).to_contain_text(f"{first_name} is typing")
    expect(b.get_by_label(STORY)).to_have_value("We began with one street.")
    for width in (390, 320):  # phone-first: the marker fits, no sideways scroll
        b.set_viewport_size({"width": width, "height": 700})
        assert b.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    expect(a.locator("#sc-story + .typing-marker")).to_be_hidden()  # nobody else types
    a.get_by_label("Title").click()  # leaving the field ends the notice at once
    expect(marker).to_be_hidden()


def test_a_phone_that_was_offline_merges_what_it_typed_when_it_is_back(server, browser):
    cid, seated = mixed_tables(server, seed=3)
    table = seated[0]
    cockpit(browser, server, cid, "scenario")
    a, b = (phone(browser, server, m["token"]) for m in table["members"][:2])
    for page in (a, b):
        page.get_by_text(f"Table {table['number']}: it is 2030.").wait_for()
        expect(page.get_by_label(STORY)).to_be_editable()
    a.get_by_label(STORY).press_sequentially("Start. ")
    expect(b.get_by_label(STORY)).to_have_value("Start. ")
    b.context.set_offline(True)  # the phone loses the network: no new connection gets through...
    b.evaluate("window.facilitatorLive.socket.io.engine.close()")  # ...and the open one drops
    b.wait_for_function("!window.facilitatorLive.socket.connected")
    b.get_by_label(STORY).press("Control+End")
    b.get_by_label(STORY).press_sequentially("Typed on the train. ")
    a.get_by_label(STORY).press("Control+End")
    a.get_by_label(STORY).press_sequentially("Typed in the room. ")
    a.wait_for_function("window.facilitatorLive.outbox.length === 0")  # the room's text is on the server
    assert "Typed in the room." not in b.get_by_label(STORY).input_value()
    assert "Typed on the train." not in server_story(server, table["id"])
    b.context.set_offline(False)
    for page in (a, b):
        page.wait_for_function("() => ['Typed on the train. ', 'Typed in the room. ', 'Start. ']"
                               ".every(s => document.querySelector('#sc-story').value.includes(s))", timeout=20_000)
    assert a.get_by_label(STORY).input_value() == b.get_by_label(STORY).input_value()
    assert server_story(server, table["id"]) == a.get_by_label(STORY).input_value()


def test_what_an_offline_phone_typed_survives_closing_the_page(server, browser):
    cid, seated = mixed_tables(server, seed=3)
    table = seated[0]
    cockpit(browser, server, cid, "scenario")
    b = phone(browser, server, table["members"][1]["token"])
    b.get_by_text(f"Table {table['number']}: it is 2030.").wait_for()
    expect(b.get_by_label(STORY)).to_be_editable()
    b.context.set_offline(True)
    b.evaluate("window.facilitatorLive.socket.io.engine.close()")
    b.wait_for_function("!window.facilitatorLive.socket.connected")
    b.get_by_label(STORY).press_sequentially("Written in a tunnel, then the battery died. ")
    context = b.context
    b.close()  # never acknowledged: in the outbox and in the shared text's local store only
    assert server_story(server, table["id"]) == ""
    context.set_offline(False)
    again = context.new_page()
    again.goto(server.url + f"/p/{table['members'][1]['token']}?lang=en")
    expect(again.get_by_label(STORY)).to_have_value("Written in a tunnel, then the battery died. ")
    again.wait_for_function("window.facilitatorLive.outbox.length === 0")
    assert server_story(server, table["id"]) == "Written in a tunnel, then the battery died. "


def test_two_phones_typing_into_one_trend_response_keep_both_sentences(server, browser):
    """A trend response is a shared text too (``trend_response:<row id>:now``): two people of one
    stakeholder group type into the same field at once; both sentences stay, on both phones, in the
    cockpit's sheet and in the Word report."""
    from tests.browser.test_typing_browser import connected

    db = server.db()
    cid = db.execute("select id from conferences order by id").fetchone()[0]
    staff = cockpit(browser, server, cid, "trend_response")
    connected(staff)
    assert staff.evaluate("() => window.facilitatorLive.send('trend.add', {text: 'Care', kind: 'trend', parent_id: null})")["ok"]
    group = db.execute("select stakeholder_group_id from participants where conference_id = ? and stakeholder_group_id "
                       "is not null order by id limit 1", [cid]).fetchone()[0]
    members = db.execute("select name, token from participants where stakeholder_group_id = ? order by id limit 2", [group]).fetchall()
    phones = [phone(browser, server, token) for _name, token in members]
    phones[0].locator("#rs-pick").select_option(label="Care")
    phones[0].get_by_role("button", name="Add to our sheet").click()
    fields = []
    for page in phones:
        field = page.locator(".pp-row", has_text="Care").get_by_label("What we do about it now")
        expect(field).to_be_editable()  # the shared text is loaded
        field.click()
        fields.append(field)
    sentences = [f"{name} runs the care café on Mondays." for name, _token in members]
    type_at_once(fields, sentences)
    for page in phones:
        page.wait_for_function("sentences => sentences.every(s => document.querySelector('textarea[id^=rs-now]').value.includes(s))",
                               arg=sentences, timeout=15_000)
    values = [f.input_value() for f in fields]
    assert values[0] == values[1] and len(values[0].strip()) == len(" ".join(sentences))
    stored = db.execute("select now_text from trend_responses where group_id = ?", [group]).fetchone()[0]
    assert stored == values[0]
    sheet = staff.locator(f'.pp-sheet[data-group="{group}"]')
    report = word_report_text(staff, server, cid)
    for s in sentences:
        expect(sheet).to_contain_text(s)
        assert s in report

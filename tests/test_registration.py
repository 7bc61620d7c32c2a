"""Registration for the free places and webinars, against a real SMTP server (aiosmtpd): the e-mail
check link, limited places and the waiting list that moves up on a cancellation, optional approval,
a second registration with the same address, bad addresses, the rate limit. Every link is taken from
the mail that arrived and followed."""
import re
from pathlib import Path

import pytest

from facilitator.app import create_app
from facilitator.domain import conferences, participants, privacy, programme, registrations
from facilitator.domain.events import Actor
from tests.mail_helpers import BASE, mail_app, parts, smtp  # noqa: F401 (fixture)



@pytest.fixture
def app(request, templates, db_path, smtp):
    return mail_app(request, templates, db_path, smtp)


@pytest.fixture
def conf(db, sample_id):
    sessions = [s for s in programme.sessions(db, sample_id) if s["phase"] != "break"][:2]
    conferences.update(db, sample_id, {"free_places": 2, "language": "en"})
    s = registrations.update_settings(db, sample_id, is_open=True, session_ids=[x["id"] for x in sessions])
    return {"cid": sample_id, "key": s["reg_key"], "sessions": sessions}


def links(message) -> list[str]:
    text = parts(message)["text/plain"][0].get_content()
    return [u.replace(BASE, "") for u in re.findall(re.escape(BASE) + r"/\S+", text)]


def register(client, conf, email, name="Jan Jansen", sessions=()):
    return client.post(f"/register/{conf['key']}", data={"name": name, "organisation": "Buurthuis", "email": email,
                                                         "session_id": [str(s) for s in sessions]})


def register_and_confirm(client, smtp, conf, email, name):
    before = len(smtp.inbox.messages)
    assert register(client, conf, email, name).status_code == 200
    check = smtp.inbox.wait_for(before + 1)[-1]
    assert check["To"] == email and check["Subject"].startswith("Please check your e-mail address")
    page = client.get(links(check)[0])
    assert page.status_code == 200
    return smtp.inbox.wait_for(before + 2)[-1]


def test_places_run_out_then_the_waiting_list_moves_up_on_a_cancellation(client, db, smtp, conf):
    first = register_and_confirm(client, smtp, conf, "ann@example.org", "Ann")
    assert first["Subject"].startswith("You are registered")
    found = parts(first)
    assert "text/calendar" in found and "image/png" in found
    personal = links(first)[0]
    assert re.match(r"/p/[\w-]+$", personal) and client.get(personal).status_code == 200
    register_and_confirm(client, smtp, conf, "bob@example.org", "Bob")
    third = register_and_confirm(client, smtp, conf, "cas@example.org", "Cas")
    assert third["Subject"].startswith("You are on the waiting list") and "number 1" in links_text(third)
    assert registrations.places_left(db, conf["cid"]) == 0
    assert registrations.counts(db, conf["cid"])["waiting"] == 1
    # Ann cancels with the link in her mail: Cas moves up and gets her personal link.
    cancel = [u for u in links(first) if "/cancel/" in u][0]
    assert "Yes, cancel" in client.get(cancel).get_data(as_text=True)
    assert client.post(cancel).status_code == 200
    moved = smtp.inbox.wait_for(7)[-1]
    assert moved["To"] == "cas@example.org" and moved["Subject"].startswith("You are registered")
    assert "a place came free" in links_text(moved)
    assert client.get(links(moved)[0]).status_code == 200
    names = sorted(p["name"] for p in participants.list_for(db, conf["cid"]) if p["joined_via"] == "code")
    assert names == ["Bob", "Cas"]
    assert client.get(personal).status_code == 404  # Ann's link no longer opens a place


def links_text(message) -> str:
    return parts(message)["text/plain"][0].get_content()


def test_the_same_address_again_updates_the_first_registration(client, db, smtp, conf):
    register_and_confirm(client, smtp, conf, "ann@example.org", "Ann")
    again = register(client, conf, "Ann@EXAMPLE.org", "Ann de Vries", sessions=[conf["sessions"][0]["id"]])
    assert again.status_code == 200 and "confirm the changes" in again.get_data(as_text=True)
    # Nothing changes until the link mailed to that address is followed (nobody changes someone else's).
    regs = registrations.list_for(db, conf["cid"])
    assert len(regs) == 1 and regs[0]["name"] == "Ann"
    ask = smtp.inbox.wait_for(3)[-1]
    assert ask["To"] == "ann@example.org" and ask["Subject"].startswith("Please confirm the changes")
    assert "Ann de Vries" in links_text(ask)
    page = client.get(links(ask)[0])
    assert page.status_code == 200 and "Your registration is changed" in page.get_data(as_text=True)
    regs = registrations.list_for(db, conf["cid"])
    assert len(regs) == 1 and regs[0]["name"] == "Ann de Vries" and regs[0]["state"] == "registered"
    assert registrations.places_left(db, conf["cid"]) == 1  # still one place taken
    person = participants.get(db, conf["cid"], regs[0]["participant_id"])
    assert person["name"] == "Ann de Vries"
    chosen = [r[0] for r in db.execute("select session_id from session_members where participant_id = ?", [person["id"]])]
    assert chosen == [conf["sessions"][0]["id"]]
    update = smtp.inbox.wait_for(4)[-1]
    assert update["Subject"].startswith("You are registered") and conf["sessions"][0]["title"] in links_text(update)
    assert client.get(links(ask)[0]).status_code == 404  # the link works once


def test_an_unconfirmed_registration_is_simply_corrected(client, db, smtp, conf):
    register(client, conf, "ann@example.org", "An")
    register(client, conf, "ann@example.org", "Ann")
    [reg] = registrations.list_for(db, conf["cid"])
    assert reg["name"] == "Ann" and reg["state"] == "unconfirmed"
    checks = smtp.inbox.wait_for(2)
    assert [m["Subject"].startswith("Please check your e-mail address") for m in checks] == [True, True]


@pytest.mark.parametrize("bad", ["ann", "ann@", "ann@example", "ann @example.org"])
def test_a_bad_address_is_refused_by_name_and_nothing_is_kept(client, db, smtp, conf, bad):
    r = register(client, conf, bad)
    body = r.get_data(as_text=True)
    assert r.status_code == 400 and f"E-mail: “{bad}” is not a valid e-mail address." in body
    assert 'aria-invalid="true"' in body
    assert registrations.list_for(db, conf["cid"]) == [] and smtp.inbox.messages == []


def test_other_bad_input_changes_nothing(client, db, smtp, conf):
    assert register(client, conf, "ann@example.org", name="").status_code == 400
    assert register(client, conf, "ann@example.org", sessions=[999999]).status_code == 400
    assert registrations.list_for(db, conf["cid"]) == []
    registrations.update_settings(db, conf["cid"], is_open=False)
    closed = register(client, conf, "ann@example.org")
    assert closed.status_code == 400 and registrations.list_for(db, conf["cid"]) == []
    assert client.get("/register/no-such-key").status_code == 404


def test_with_approval_the_organiser_gives_the_place(client, organiser_client, db, smtp, conf):
    registrations.update_settings(db, conf["cid"], approval=True)
    received = register_and_confirm(client, smtp, conf, "ann@example.org", "Ann")
    assert received["Subject"].startswith("We received your registration")
    reg = registrations.list_for(db, conf["cid"])[0]
    assert reg["state"] == "pending" and reg["participant_id"] is None
    page = organiser_client.get(f"/organiser/c/{conf['cid']}/registration/?lang=en").get_data(as_text=True)
    assert "waits for your approval" in page and "ann@example.org" in page
    organiser_client.post(f"/organiser/c/{conf['cid']}/registration/{reg['id']}", data={"decision": "approve"})
    placed = smtp.inbox.wait_for(3)[-1]
    assert placed["Subject"].startswith("You are registered") and client.get(links(placed)[0]).status_code == 200


def test_more_free_places_move_the_waiting_list_up(client, organiser_client, db, smtp, conf):
    conferences.update(db, conf["cid"], {"free_places": 0})
    register_and_confirm(client, smtp, conf, "ann@example.org", "Ann")
    assert registrations.list_for(db, conf["cid"])[0]["state"] == "waiting"
    organiser_client.post(f"/organiser/c/{conf['cid']}/registration/settings",
                          data={"sessions_form": "1", "free_places": "1"})
    assert registrations.list_for(db, conf["cid"])[0]["state"] == "registered"
    assert smtp.inbox.wait_for(3)[-1]["Subject"].startswith("You are registered")


def test_an_erased_registrant_keeps_no_trace_in_registrations(client, db, smtp, conf):
    register_and_confirm(client, smtp, conf, "ann@example.org", "Ann Erase")
    reg = registrations.list_for(db, conf["cid"])[0]
    privacy.erase(db, Actor("participant", conf["cid"], participant_id=reg["participant_id"]), {})
    dump = "\n".join(db.conn.iterdump())
    assert "ann@example.org" not in dump and "Ann Erase" not in dump


def test_registration_is_rate_limited(db_path, db, smtp, conf):
    from facilitator.web.limits import limiter

    app = create_app(DATABASE=db_path, TESTING=True, SECRET_KEY="test-secret", SMTP_URL=smtp.url, PUBLIC_URL=BASE,
                     RATELIMIT_ENABLED=True)
    limiter.reset()
    try:
        client = app.test_client()
        for _ in range(5):
            assert register(client, conf, "ann@example.org").status_code == 200
        assert register(client, conf, "ann@example.org").status_code == 429
        assert len(registrations.list_for(db, conf["cid"])) == 1
        assert register(client, conf, "bob@example.org").status_code == 200  # another address still may
    finally:
        limiter.reset()

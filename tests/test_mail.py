"""Mail through a real SMTP server (aiosmtpd, started here on a free port): invitations (personal link,
QR code inline, the conference days as .ics), in the conference's language, plain text and HTML with
nothing from the internet; the queue when the server is down (every mail arrives once); the outbox
when no server is set; unsubscribing; refused recipients; bad addresses."""
import re
from pathlib import Path

import icalendar
import pytest

from facilitator.app import create_app
from facilitator.domain import conferences, mail_queue, participants, privacy
from facilitator.domain.errors import ValidationError
from facilitator.domain.events import Actor
from facilitator.mail import deliver, invitations
from facilitator.mail.settings import BadMailURL, from_url
from tests.mail_helpers import mail_app, message_ids, parts, smtp  # noqa: F401 (fixture)

SENDER = "Helmond Doet Mee <conferentie@helmond.example>"


@pytest.fixture
def app(request, templates, db_path, smtp):
    return mail_app(request, templates, db_path, smtp, MAIL_FROM=SENDER)


def some_people(db, cid, n):
    return participants.list_for(db, cid)[:n]


def invite(app, db, cid, mode="chosen", ids=None):
    with app.app_context():
        result = invitations.invite(db, cid, mode, ids)
        counts = deliver.deliver_all(db, conference_id=cid)
    return result, counts


# --- settings and addresses -----------------------------------------------------------------

def test_smtp_url_forms():
    assert from_url("smtp://u%40x.org:s3cret@mail.example.org") == {
        "MAIL_BACKEND": "facilitator.mail.backend.EmailBackend", "MAIL_SERVER": "mail.example.org", "MAIL_PORT": 587, "MAIL_USERNAME": "u@x.org",
        "MAIL_PASSWORD": "s3cret", "MAIL_USE_SSL": False, "MAIL_USE_TLS": True}
    tls = from_url("smtps://u:p@mail.example.org")
    assert (tls["MAIL_PORT"], tls["MAIL_USE_SSL"], tls["MAIL_USE_TLS"]) == (465, True, False)
    local = from_url("smtp://127.0.0.1:2525")
    assert (local["MAIL_PORT"], local["MAIL_USERNAME"], local["MAIL_USE_TLS"], local["MAIL_USE_SSL"]) == (2525, None, False, False)
    with pytest.raises(BadMailURL):
        from_url("http://mail.example.org")


@pytest.mark.parametrize("bad", ["jan", "jan@", "@example.org", "jan@example", "jan de vries@example.org",
                                 "jan@@example.org", "jan..x@example.org", "<jan@example.org>", "x" * 250 + "@e.org"])
def test_invalid_addresses_are_refused_by_name(bad):
    with pytest.raises(ValidationError) as err:
        mail_queue.clean_address(bad)
    assert bad[:100] in err.value.as_dict()["message"]


def test_valid_addresses_are_kept():
    assert mail_queue.clean_address("  Jan.de-Vries+conf@Example.ORG ") == "Jan.de-Vries+conf@example.org"


# --- invitations through the real server ------------------------------------------------------

def test_invitation_arrives_in_the_conference_language_with_link_qr_and_calendar(app, db, sample_id, smtp):
    person = some_people(db, sample_id, 1)[0]
    result, counts = invite(app, db, sample_id, ids=[person["id"]])
    assert result["queued"] == 1 and counts["sent"] == 1
    [message] = smtp.inbox.wait_for(1)
    assert smtp.inbox.envelopes[0] == ("conferentie@helmond.example", [person["email"]])
    assert message["To"] == person["email"] and message["From"] == SENDER
    conference = conferences.get(db, sample_id)
    assert message["Subject"] == f"Je uitnodiging: {conference['title']}"  # the sample conference is Dutch
    assert message["Content-Language"] == "nl"
    found = parts(message)
    text = found["text/plain"][0].get_content()
    html = found["text/html"][0].get_content()
    link = f"http://venue.local:5000/p/{person['token']}"
    assert link in text and f'href="{link}"' in html and "Hallo" in text
    # Nothing loaded from the internet: the only image is the attached QR code, by cid.
    assert re.findall(r'<img[^>]+src="([^"]+)"', html) == ["cid:qr"]
    assert not re.search(r'(src|href)="https?://(?!venue\.local)', html)
    qr = found["image/png"][0]
    assert qr["Content-ID"] == "<qr>" and qr.get_content()[:8] == b"\x89PNG\r\n\x1a\n"
    calendar = icalendar.Calendar.from_ical(found["text/calendar"][0].get_content())
    events = [e for e in calendar.walk("VEVENT")]
    days = db.execute("select date from days where conference_id = ? order by date", [sample_id]).fetchall()
    assert [str(e.decoded("dtstart").date()) for e in events] == [d[0] for d in days]
    assert events[0].decoded("dtstart").strftime("%H:%M") == "13:00"
    # Unsubscribing is one click away.
    assert message["List-Unsubscribe"].strip().startswith("<http://venue.local:5000/mail/unsubscribe/")


def test_links_in_the_invitation_work_when_followed(app, db, sample_id, smtp):
    person = some_people(db, sample_id, 1)[0]
    invite(app, db, sample_id, ids=[person["id"]])
    [message] = smtp.inbox.wait_for(1)
    text = parts(message)["text/plain"][0].get_content()
    links = [u.replace("http://venue.local:5000", "") for u in re.findall(r"http://venue\.local:5000\S+", text)]
    client = app.test_client()
    personal, unsubscribe = links[0], links[-1]
    assert client.get(personal).status_code == 200
    page = client.get(unsubscribe)
    assert page.status_code == 200 and "Ja, geen mail meer" in page.get_data(as_text=True)
    assert not mail_queue.unsubscribed(db, sample_id, person["email"])  # opening the link alone does nothing
    done = client.post(unsubscribe)
    assert done.status_code == 200 and mail_queue.unsubscribed(db, sample_id, person["email"])
    # At once: the next invitation to everyone skips this address.
    result, _ = invite(app, db, sample_id, mode="all")
    assert person["email"] not in [p["email"] for p in result["people"]]
    assert client.get("/mail/unsubscribe/forged-token").status_code == 404


def test_english_conference_gets_english_mail(app, db, sample_id, smtp):
    conferences.update(db, sample_id, {"language": "en"})
    person = some_people(db, sample_id, 1)[0]
    invite(app, db, sample_id, ids=[person["id"]])
    [message] = smtp.inbox.wait_for(1)
    assert message["Subject"].startswith("Your invitation: ") and message["Content-Language"] == "en"
    assert "Hello" in parts(message)["text/plain"][0].get_content()


def test_invite_only_the_new_ones_and_see_who_got_what(app, db, sample_id, smtp, organiser_client):
    first = some_people(db, sample_id, 2)
    invite(app, db, sample_id, ids=[p["id"] for p in first])
    smtp.inbox.wait_for(2)
    everyone = invitations.candidates(db, sample_id)
    result, counts = invite(app, db, sample_id, mode="new")
    assert result["queued"] == len(everyone) - 2 and counts["sent"] == len(everyone) - 2
    assert {p["id"] for p in first}.isdisjoint({p["id"] for p in result["people"]})
    messages = smtp.inbox.wait_for(len(everyone))
    assert sorted(m["To"] for m in messages) == sorted(p["email"] for p in everyone)  # each person once
    assert invite(app, db, sample_id, mode="new")[0]["queued"] == 0
    page = organiser_client.get(f"/organiser/c/{sample_id}/mail/?lang=en").get_data(as_text=True)
    assert first[0]["email"] in page and "sent" in page


def test_a_refused_recipient_is_shown_and_can_be_resent(app, db, sample_id, smtp, organiser_client):
    person = some_people(db, sample_id, 1)[0]
    smtp.inbox.refuse.add(person["email"])
    _, counts = invite(app, db, sample_id, ids=[person["id"]])
    assert counts["failed"] == 1
    m = mail_queue.last_by_participant(db, sample_id, "invitation")[person["id"]]
    assert m["state"] == "failed" and "550" in m["last_error"]
    page = organiser_client.get(f"/organiser/c/{sample_id}/mail/?lang=en").get_data(as_text=True)
    assert "refused" in page and "No such user" in page
    smtp.inbox.refuse.clear()
    organiser_client.post(f"/organiser/c/{sample_id}/mail/{m['id']}/resend")
    [message] = smtp.inbox.wait_for(1)
    assert message["To"] == person["email"]


def test_server_down_in_the_middle_every_mail_arrives_once(app, db, sample_id, smtp):
    people = some_people(db, sample_id, 6)
    smtp.inbox.stop_after = 2  # the server accepts two mails, then goes away
    smtp.inbox.on_limit = lambda: __import__("threading").Thread(target=smtp.stop).start()
    with app.app_context():
        invitations.invite(db, sample_id, "chosen", [p["id"] for p in people])
        first = deliver.deliver_due(db, conference_id=sample_id)
    arrived = smtp.inbox.wait_for(2)
    assert first["sent"] >= 2 and first["retry"] == 6 - first["sent"]
    waiting = [m for m in mail_queue.overview(db, sample_id)["mails"] if m["state"] == "queued"]
    assert len(waiting) == 6 - first["sent"] and all(m["last_error"] for m in waiting)  # the organiser sees why
    with app.app_context():  # still down: tries again later, nothing lost
        assert deliver.deliver_due(db, conference_id=sample_id)["sent"] == 0  # not due yet (backoff)
        db.execute("update mail_queue set next_attempt_at = 0 where state = 'queued'")
        db.conn.commit()
        down = deliver.deliver_due(db, conference_id=sample_id)
    assert down["retry"] == 6 - first["sent"]
    smtp.inbox.stop_after = None
    smtp.start()
    db.execute("update mail_queue set next_attempt_at = 0 where state = 'queued'")
    db.conn.commit()
    with app.app_context():
        deliver.deliver_all(db, conference_id=sample_id)
    arrived = smtp.inbox.wait_for(6)
    assert sorted(m["To"] for m in arrived) == sorted(p["email"] for p in people)
    ids = message_ids(arrived)
    assert len(ids) == len(set(ids)) == 6
    assert mail_queue.overview(db, sample_id)["counts"]["sent"] == 6


def test_nobody_erased_gets_mail_and_no_mail_keeps_their_address(app, db, sample_id, smtp):
    person = some_people(db, sample_id, 1)[0]
    with app.app_context():
        invitations.invite(db, sample_id, "chosen", [person["id"]])  # queued, not yet sent
        privacy.erase(db, Actor("participant", sample_id, participant_id=person["id"]), {})
        counts = deliver.deliver_due(db, conference_id=sample_id)
    assert counts["sent"] == 0 and smtp.inbox.messages == []
    dump = "\n".join(db.conn.iterdump())
    assert person["email"] not in dump
    assert invitations.recipients(db, sample_id, "all") and person["id"] not in [
        p["id"] for p in invitations.recipients(db, sample_id, "all")]


def test_cli_invite_dry_run_and_only_new(app, db, sample_id, smtp, db_path, monkeypatch):
    from click.testing import CliRunner

    from facilitator.cli import cli

    monkeypatch.setenv("FACILITATOR_SMTP_URL", smtp.url)
    monkeypatch.setenv("FACILITATOR_SECRET_KEY", "test-secret")
    monkeypatch.setenv("FACILITATOR_EXPORTS", str(Path(db_path).parent / "exports"))
    runner = CliRunner()
    dry = runner.invoke(cli, ["invite", str(sample_id), "--dry-run", "--db", db_path])
    assert dry.exit_code == 0, dry.output
    assert "75" in dry.output and "dry run" in dry.output.lower()
    assert db.execute("select count(*) from mail_queue").fetchone()[0] == 0
    real = runner.invoke(cli, ["invite", str(sample_id), "--only-new", "--db", db_path])
    assert real.exit_code == 0, real.output
    smtp.inbox.wait_for(75)
    again = runner.invoke(cli, ["invite", str(sample_id), "--only-new", "--db", db_path])
    assert again.exit_code == 0 and "0 invitations" in again.output
    assert len(smtp.inbox.messages) == 75
    bad = runner.invoke(cli, ["invite", "9999", "--db", db_path])
    assert bad.exit_code == 1


# --- no mail server: the outbox ------------------------------------------------------------------

def test_without_a_server_mails_go_to_the_outbox_and_leave_later(db_path, smtp, tmp_path):
    exports = tmp_path / "exports"
    offline = create_app(DATABASE=db_path, TESTING=True, SECRET_KEY="test-secret", EXPORTS_DIR=str(exports))
    from facilitator import db as database
    from facilitator.domain import definition, users
    from tests.conftest import SAMPLE, login

    db = database.connect(db_path)
    import json

    cid = definition.import_definition(db, json.loads(SAMPLE.read_text("utf-8")))
    users.create_or_update(db, "admin@example.org", "correct horse battery", "Admin", is_admin=True)
    people = participants.list_for(db, cid)[:3]
    with offline.app_context():
        invitations.invite(db, cid, "chosen", [p["id"] for p in people])
        counts = deliver.deliver_due(db, conference_id=cid)
    assert counts["outbox"] == 3
    files = sorted((exports / "mail").glob("*.eml"))
    assert len(files) == 3
    import email
    import email.policy

    parsed = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert parsed["To"] in [p["email"] for p in people] and parsed["Subject"].startswith("Je uitnodiging")
    client = login(offline.test_client(), "admin@example.org")
    page = client.get(f"/organiser/c/{cid}/mail/?lang=en").get_data(as_text=True)
    assert "in the outbox" in page and files[0].name in page and "No mail server is set" in page
    outbox_ids = {email.message_from_bytes(f.read_bytes(), policy=email.policy.default)["Message-ID"] for f in files}
    # Later a server is set: the organiser sends the outbox from the page.
    online = create_app(DATABASE=db_path, TESTING=True, SECRET_KEY="test-secret", EXPORTS_DIR=str(exports),
                        SMTP_URL=smtp.url)
    client = login(online.test_client(), "admin@example.org")
    client.post(f"/organiser/c/{cid}/mail/send")
    arrived = smtp.inbox.wait_for(3)
    assert sorted(m["To"] for m in arrived) == sorted(p["email"] for p in people)
    assert {m["Message-ID"] for m in arrived} == outbox_ids  # the very mails of the outbox
    assert list((exports / "mail").glob("*.eml")) == []  # sent: out of the outbox
    db.close()


def test_a_stored_bad_address_is_skipped_and_named(app, db, sample_id, smtp, organiser_client):
    bad, good = some_people(db, sample_id, 2)
    db.execute("update participants set email = 'ahmed.aarts@' where id = ?", [bad["id"]])  # as a bad import left it
    db.conn.commit()
    page = organiser_client.post(f"/organiser/c/{sample_id}/mail/invite?lang=en",
                                 data={"mode": "chosen", "participant_id": [str(bad["id"]), str(good["id"])]},
                                 follow_redirects=True).get_data(as_text=True)
    assert "Not invited: “ahmed.aarts@”" in page.replace("&#34;", '"') and bad["name"] in page
    [message] = smtp.inbox.wait_for(1)
    assert message["To"] == good["email"]
    assert db.execute("select count(*) from mail_queue where participant_id = ?", [bad["id"]]).fetchone()[0] == 0

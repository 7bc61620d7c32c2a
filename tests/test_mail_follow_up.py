"""Reminders, digests and summaries (issue 16), against a real SMTP server: a lead is reminded when an
update is due (cadence per goal), members get the news on their goals, organisers a summary; each once
per window; nobody unsubscribed or erased gets one; `facilitator send-due` for cron, and the running
server's own mail loop."""
import re
import time
from datetime import datetime
from pathlib import Path

import pytest

from facilitator.app import create_app
from facilitator.domain import actions, conferences, goals, mail_queue, participants, privacy, progress, proposals
from facilitator.domain.events import Actor
from facilitator.mail import deliver, follow_up
from tests.mail_helpers import BASE, mail_app, parts, smtp  # noqa: F401 (fixture)

DAY = 86400


@pytest.fixture
def app(request, templates, db_path, smtp):
    return mail_app(request, templates, db_path, smtp)


@pytest.fixture
def world(db, sample_id, admin):
    cid = sample_id
    conferences.update(db, cid, {"language": "en"})
    conferences.add_member(db, cid, admin["id"], "organiser")
    staff = Actor("organiser", cid, user_id=admin["id"])
    lead, member = participants.list_for(db, cid)[:2]
    la, ma = (Actor("participant", cid, participant_id=p["id"]) for p in (lead, member))
    goal = goals.create(db, staff, {"title": "Buddies for everyone"})[0]["goal"]
    orphan = goals.create(db, staff, {"title": "Green streets"})[0]["goal"]
    goals.join(db, la, {"goal_id": goal["id"]})
    goals.join(db, ma, {"goal_id": goal["id"]})
    goals.set_lead(db, la, {"goal_id": goal["id"], "participant_id": lead["id"]})
    action = actions.create(db, la, {"goal_id": goal["id"], "what": "Match buddies"})[0]["action"]
    proposals.propose(db, ma, {"goal_id": orphan["id"], "what": "Benches"})
    follow_up.update_settings(db, cid, follow_up_mail=True)
    created = datetime.fromisoformat(goals.get(db, cid, goal["id"])["created_at"]).timestamp()
    return {"cid": cid, "lead": lead, "member": member, "la": la, "goal": goal["id"], "action": action["id"],
            "t0": created, "admin": admin}


def run(app, db, cid, at):
    with app.app_context():
        made = follow_up.make_due(db, cid, at=at)
        deliver.deliver_all(db, conference_id=cid)
    return made


def of_kind(smtp, subject_start):
    return [m for m in smtp.inbox.messages if m["Subject"].startswith(subject_start)]


def test_nothing_goes_until_the_organiser_switches_it_on(app, db, world, smtp):
    follow_up.update_settings(db, world["cid"], follow_up_mail=False)
    assert run(app, db, world["cid"], world["t0"] + 40 * DAY) == 0 and smtp.inbox.messages == []


def test_a_lead_is_reminded_once_per_window_and_the_link_lets_them_post(app, db, world, smtp):
    run(app, db, world["cid"], world["t0"] + 10 * DAY)  # not due yet (the cadence is 30 days)
    assert not of_kind(smtp, "Time for an update")
    run(app, db, world["cid"], world["t0"] + 31 * DAY)
    run(app, db, world["cid"], world["t0"] + 32 * DAY)  # the same window: no second reminder
    reminders = of_kind(smtp, "Time for an update")
    assert [m["To"] for m in reminders] == [world["lead"]["email"]]
    text = parts(reminders[0])["text/plain"][0].get_content()
    assert "Buddies for everyone" in text and "Match buddies" in text
    link = re.search(re.escape(BASE) + r"(/p/\S+/goals/\d+)", text).group(1)
    client = app.test_client()
    page = client.get(link, follow_redirects=True)
    assert page.status_code == 200 and "Post an update" in page.get_data(as_text=True)
    url = page.request.path
    assert client.post(url, data={"action_id": str(world["action"]), "done": "Matched 8", "op_id": "e" * 12}).status_code == 302
    assert progress.history(db, world["cid"], world["action"])[-1]["done"] == "Matched 8"


def test_the_organiser_sets_the_cadence_per_goal(app, db, world, smtp, organiser_client):
    organiser_client.post(f"/organiser/c/{world['cid']}/mail/follow-up",
                          data={"follow_up_mail": "1", "digest_days": "30", "summary_days": "7",
                                f"cadence-{world['goal']}": "7"})
    assert follow_up.cadences(db, world["cid"])[world["goal"]] == 7
    run(app, db, world["cid"], world["t0"] + 8 * DAY)
    assert len(of_kind(smtp, "Time for an update")) == 1


def test_members_get_a_digest_with_the_news_and_organisers_a_summary(app, db, world, smtp):
    progress.post_update(db, world["la"], {"action_id": world["action"], "done": "Matched 8", "help": "A printer"})
    run(app, db, world["cid"], time.time())
    digests = of_kind(smtp, "News on your goals")
    assert sorted(m["To"] for m in digests) == sorted([world["member"]["email"], world["lead"]["email"]])
    body = parts(digests[0])["text/plain"][0].get_content()
    assert "Matched 8" in body and "A printer" in body
    [summary] = of_kind(smtp, "This week")
    assert summary["To"] == world["admin"]["email"]
    text = parts(summary)["text/plain"][0].get_content()
    assert "1 idea waits for an answer" in text and "Benches (Green streets) [no lead: yours to answer]" in text
    run(app, db, world["cid"], time.time())  # once per window
    assert len(of_kind(smtp, "News on your goals")) == 2 and len(of_kind(smtp, "This week")) == 1


def test_an_idea_for_a_goal_without_a_lead_reaches_the_organisers_at_once(app, db, world, smtp):
    run(app, db, world["cid"], time.time())
    [idea] = of_kind(smtp, "A new idea waits for your answer")
    assert idea["To"] == world["admin"]["email"]
    text = parts(idea)["text/plain"][0].get_content()
    assert "Benches" in text and "Green streets" in text
    link = re.search(re.escape(BASE) + r"(/organiser/\S+)#ideas", text).group(1)
    from tests.conftest import login

    page = login(app.test_client(), world["admin"]["email"]).get(link + "?lang=en").get_data(as_text=True)
    assert "Benches" in page and "no lead: yours to answer" in page
    run(app, db, world["cid"], time.time() + 60)
    assert len(of_kind(smtp, "A new idea waits for your answer")) == 1  # once per idea


def test_unsubscribed_and_erased_people_get_nothing(app, db, world, smtp):
    progress.post_update(db, world["la"], {"action_id": world["action"], "done": "Matched 8"})
    mail_queue.unsubscribe(db, world["cid"], world["member"]["email"])
    privacy.erase(db, Actor("participant", world["cid"], participant_id=world["lead"]["id"]), {})
    run(app, db, world["cid"], time.time() + 40 * DAY)
    to = {m["To"] for m in smtp.inbox.messages}
    assert world["member"]["email"] not in to and world["lead"]["email"] not in to
    assert to == {world["admin"]["email"]}


def test_send_due_for_cron(app, db, world, smtp, db_path, monkeypatch):
    from click.testing import CliRunner

    from facilitator.cli import cli

    progress.post_update(db, world["la"], {"action_id": world["action"], "done": "Matched 8"})
    for name, value in (("FACILITATOR_SMTP_URL", smtp.url), ("FACILITATOR_SECRET_KEY", "test-secret"),
                        ("FACILITATOR_PUBLIC_URL", BASE)):
        monkeypatch.setenv(name, value)
    out = CliRunner().invoke(cli, ["send-due", str(world["cid"]), "--db", db_path])
    assert out.exit_code == 0, out.output
    assert "4 reminders and digests made" in out.output  # two digests, the summary, the idea
    smtp.inbox.wait_for(4)
    again = CliRunner().invoke(cli, ["send-due", "--db", db_path])
    assert "0 reminders and digests made" in again.output and len(smtp.inbox.messages) == 4


@pytest.mark.live
def test_the_running_server_sends_on_its_own(tmp_path, smtp, monkeypatch):
    """`python run.py` with a mail server set: its background loop sends what waits in the queue."""
    from facilitator import db as database
    from facilitator.mail import invitations
    from tests.conftest import ServerProcess

    monkeypatch.setenv("FACILITATOR_SMTP_URL", smtp.url)
    monkeypatch.setenv("FACILITATOR_MAIL_TICK", "0.2")
    server = ServerProcess(tmp_path).start()
    try:
        db = database.connect(server.db_path)
        cid = db.execute("select id from conferences").fetchone()[0]
        person = db.execute("select id from participants where conference_id = ? and email <> '' limit 1", [cid]).fetchone()[0]
        writer = create_app(DATABASE=server.db_path, TESTING=True, SECRET_KEY="live-test-secret", SMTP_URL=smtp.url)
        with writer.app_context():
            invitations.invite(db, cid, "chosen", [person])  # queued only; the server sends it
        [message] = smtp.inbox.wait_for(1, timeout=15)
        assert message["Subject"].startswith("Je uitnodiging")
        deadline = time.time() + 10  # the server marks it sent right after the mail server's answer
        while db.execute("select state from mail_queue").fetchone()[0] != "sent" and time.time() < deadline:
            time.sleep(0.05)
        assert db.execute("select state from mail_queue").fetchone()[0] == "sent"
    finally:
        server.kill()

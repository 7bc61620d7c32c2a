"""Personal invitations: the personal link, its QR code (an inline image) and the conference days
(an ``.ics`` attachment), in the conference's language, to everyone, to those not invited yet, or to
chosen people. Who was sent what and when, and how it went, is the mail queue's record
(``mail_queue.last_by_participant(db, cid, "invitation")``)."""
from __future__ import annotations

from flask_babel import gettext as _

from facilitator.db import rows
from facilitator.domain import conferences, mail_queue
from facilitator.mail import compose
from facilitator.mail.calendar import conference_days
from facilitator.mail.images import qr_png
from facilitator.web import external_url

KIND = "invitation"
MODES = ("all", "new", "chosen")
INVITED = ("queued", "sending", "sent", "outbox")


def candidates(db, conference_id: int) -> list[dict]:
    """Participants who can be invited: with an address, not erased, not unsubscribed."""
    return [p for p in rows(
        db, "select p.* from participants p where p.conference_id = ? and p.email <> '' and p.id not in "
            "(select participant_id from erasures) order by p.name, p.id", [conference_id])
        if not mail_queue.unsubscribed(db, conference_id, p["email"])]


def recipients(db, conference_id: int, mode: str, chosen: list[int] | None = None) -> list[dict]:
    if mode not in MODES:
        raise ValueError(mode)
    people = candidates(db, conference_id)
    if mode == "new":
        done = {pid for pid, m in mail_queue.last_by_participant(db, conference_id, KIND).items() if m["state"] in INVITED}
        people = [p for p in people if p["id"] not in done]
    elif mode == "chosen":
        wanted = set(chosen or [])
        people = [p for p in people if p["id"] in wanted]
    return people


def invite_one(db, conference: dict, person: dict) -> int | None:
    with compose.link_context():
        link = external_url("participant.home", token=person["token"])
    calendar = conference_days(db, conference, url=link)
    return compose.queue(
        db, conference, kind=KIND, participant_id=person["id"], to=person["email"],
        subject=lambda: _("Your invitation: %(title)s", title=conference["title"]),
        template="invitation", context={"person": person, "link": link, "days": _days(db, conference["id"])},
        images=[("qr", qr_png(link))], attachments=[("conference.ics", calendar, "text/calendar")])


def _days(db, conference_id: int) -> list[dict]:
    return rows(db, "select d.date, d.title, min(s.start) first, max(s.end) last from days d left join sessions s "
                    "on s.day_id = d.id and s.phase <> 'follow_up' where d.conference_id = ? group by d.id "
                    "order by d.date, d.position", [conference_id])


def invite(db, conference_id: int, mode: str = "new", chosen: list[int] | None = None, *, dry_run: bool = False) -> dict:
    """Queue invitations; returns who (ids and names) and how many were queued. ``dry_run`` queues none."""
    conference = conferences.get(db, conference_id)
    people = recipients(db, conference_id, mode, chosen)
    queued, invalid = 0, []
    for p in people:
        if not mail_queue.is_address(p["email"]):  # imported with a broken address: named, skipped
            invalid.append({"id": p["id"], "name": p["name"], "email": p["email"]})
        elif not dry_run and invite_one(db, conference, p):
            queued += 1
    bad = {x["id"] for x in invalid}
    return {"people": [{"id": p["id"], "name": p["name"], "email": p["email"]} for p in people if p["id"] not in bad],
            "queued": queued, "invalid": invalid}

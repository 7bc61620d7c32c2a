"""The mails of registration: the e-mail check, the confirmation with the personal access link (its QR
code, the days as .ics), the waiting list, waiting for approval, declined. One template pair
(templates/mail/registration.txt|html) says each ``what``."""
from __future__ import annotations

from flask_babel import gettext as _

from facilitator.domain import conferences, programme, registrations
from facilitator.mail import compose
from facilitator.mail.calendar import conference_days
from facilitator.mail.images import qr_png
from facilitator.web import external_url

KINDS = {"check": "registration_check", "registered": "registration_confirmed", "waiting": "registration_waiting",
         "pending": "registration_pending", "declined": "registration_declined",
         "confirm_update": "registration_update"}


def _subject(what: str, title: str):
    return {
        "check": lambda: _("Please check your e-mail address: %(title)s", title=title),
        "registered": lambda: _("You are registered: %(title)s", title=title),
        "waiting": lambda: _("You are on the waiting list: %(title)s", title=title),
        "pending": lambda: _("We received your registration: %(title)s", title=title),
        "declined": lambda: _("About your registration: %(title)s", title=title),
        "confirm_update": lambda: _("Please confirm the changes to your registration: %(title)s", title=title),
    }[what]


def send(db, reg: dict, what: str, *, moved_up: bool = False) -> int | None:
    """Queue the mail that tells the person where their registration stands."""
    conference = conferences.get(db, reg["conference_id"])
    key = registrations.settings(db, conference["id"])["reg_key"]
    sessions = {s["id"]: s for s in programme.sessions(db, conference["id"])}
    with compose.link_context():
        links = {"check": external_url("registration.check", key=key, token=reg["token"]),
                 "cancel": external_url("registration.cancel", key=key, token=reg["token"])}
        if what == "confirm_update":
            links["change"] = external_url("registration.update", key=key, token=reg["pending_token"])
        person = None
        if what == "registered" and reg["participant_id"]:
            from facilitator.domain import participants

            person = participants.get(db, conference["id"], reg["participant_id"])
            links["personal"] = external_url("participant.home", token=person["token"])
    images, attachments = [], []
    if person:
        images = [("qr", qr_png(links["personal"]))]
        attachments = [("conference.ics", conference_days(db, conference, url=links["personal"]), "text/calendar")]
    return compose.queue(
        db, conference, kind=KINDS[what], registration_id=reg["id"], participant_id=reg["participant_id"],
        to=reg["email"], subject=_subject(what, conference["title"]), template="registration",
        context={"reg": reg, "what": what, "links": links, "moved_up": moved_up, "pending": reg.get("pending"),
                 "position": registrations.waiting_position(db, reg),
                 "sessions": [sessions[i] for i in reg["session_ids"] if i in sessions]},
        images=images, attachments=attachments, unsubscribe=what not in ("check", "confirm_update"))

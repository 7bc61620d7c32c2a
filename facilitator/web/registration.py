"""The public registration page per conference (/register/<key>), the e-mail check and cancel links,
and the organiser's registration page. Registration changes participants and session choices, which
no live screen shows while they happen (like adding a participant on the set-up pages): no pipeline
event."""
from __future__ import annotations

import io

import segno
from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from facilitator.domain import registrations
from facilitator.domain.errors import DomainError
from facilitator.i18n import error_text
from facilitator.mail import deliver
from facilitator.mail import registration as reg_mail
from facilitator.web import conference_by_link, conference_role, external_url, flash_error, get_db, quiet_route
from facilitator.web.limits import registration_limits

bp = Blueprint("registration", __name__)


def _tell(db, result: dict, *, moved: list | None = None) -> None:
    """Queue the mails a change calls for and send them soon."""
    reg, action = result["registration"], result["action"]
    what = {"new": "check", "renewed": "check", "registered": "registered", "waiting": "waiting",
            "pending": "pending", "declined": "declined", "confirm_update": "confirm_update"}.get(action)
    if action == "updated":
        what = "check" if reg["state"] == "unconfirmed" else reg["state"]
    if what:
        reg_mail.send(db, reg, what)
    for other in moved or []:
        reg_mail.send(db, other, "registered", moved_up=True)
    deliver.soon(reg["conference_id"])


@bp.route("/register/<key>", methods=["GET", "POST"])
@registration_limits
@quiet_route("a registration shows on the organiser's registration page, not on a live screen")
def page(key):
    db = get_db()
    conference = conference_by_link(registrations.by_key, key)
    s = registrations.settings(db, conference["id"])
    message = field = None
    status = 200
    if request.method == "POST":
        data = {k: request.form.get(k, "") for k in ("name", "organisation", "email")}
        data["session_ids"] = request.form.getlist("session_id")
        try:
            result = registrations.register(db, conference["id"], data)
        except DomainError as err:
            message, field, status = error_text(err), err.field, err.status
        else:
            _tell(db, result)
            return render_template("registration/sent.html", conference=conference, reg=result["registration"],
                                   action=result["action"])
    return render_template("registration/page.html", conference=conference, open=bool(s["is_open"]),
                           sessions=registrations.offered_sessions(db, conference["id"]),
                           left=registrations.places_left(db, conference["id"]), message=message, field=field,
                           form=request.form, chosen=[int(x) for x in request.form.getlist("session_id") if x.isdigit()]), status


@bp.route("/register/<key>/check/<token>")
def check(key, token):
    db = get_db()
    conference = conference_by_link(registrations.by_key, key)
    reg = registrations.by_token(db, token)
    if not reg or reg["conference_id"] != conference["id"]:
        abort(404)
    try:
        result = registrations.confirm(db, token)
    except DomainError:
        abort(404)
    if result["action"] != "already":
        _tell(db, result)
    reg = result["registration"]
    return render_template("registration/status.html", conference=conference, reg=reg,
                           position=registrations.waiting_position(db, reg), key=key)


@bp.route("/register/<key>/update/<token>")
def update(key, token):
    """The link that confirms a change to a registration made with the same address."""
    db = get_db()
    conference = conference_by_link(registrations.by_key, key)
    try:
        result = registrations.apply_update(db, token)
    except DomainError:
        abort(404)
    if result["registration"]["conference_id"] != conference["id"]:
        abort(404)
    _tell(db, result)
    reg = result["registration"]
    return render_template("registration/status.html", conference=conference, reg=reg, updated=True,
                           position=registrations.waiting_position(db, reg), key=key)


@bp.route("/register/<key>/cancel/<token>", methods=["GET", "POST"])
@quiet_route("a cancellation shows on the organiser's registration page, not on a live screen")
def cancel(key, token):
    db = get_db()
    conference = conference_by_link(registrations.by_key, key)
    reg = registrations.by_token(db, token)
    if not reg or reg["conference_id"] != conference["id"]:
        abort(404)
    done = reg["state"] == "cancelled"
    if request.method == "POST" and not done:
        result = registrations.cancel(db, token)
        for other in result["moved_up"]:
            reg_mail.send(db, other, "registered", moved_up=True)
        deliver.soon(conference["id"])
        done = True
    return render_template("registration/cancel.html", conference=conference, reg=reg, done=done)


# --- the organiser's page -----------------------------------------------------------------

@bp.route("/organiser/c/<int:conference_id>/registration/")
@conference_role("organiser")
def overview(conference_id):
    db = get_db()
    s = registrations.settings(db, conference_id)
    from facilitator.domain import programme

    return render_template("registration/organiser.html", conference=g.conference, role=g.role, section="registration",
                           settings=s, url=external_url("registration.page", key=s["reg_key"]),
                           sessions=programme.sessions(db, conference_id), people=registrations.list_for(db, conference_id),
                           counts=registrations.counts(db, conference_id),
                           left=registrations.places_left(db, conference_id))


@bp.route("/organiser/c/<int:conference_id>/registration/qr.svg")
@conference_role("organiser")
def qr(conference_id):
    s = registrations.settings(get_db(), conference_id)
    out = io.BytesIO()
    segno.make(external_url("registration.page", key=s["reg_key"]), error="m").save(
        out, kind="svg", scale=6, border=2, omitsize=True, xmldecl=False)
    return Response(out.getvalue(), mimetype="image/svg+xml")


@bp.route("/organiser/c/<int:conference_id>/registration/settings", methods=["POST"])
@conference_role("organiser")
@quiet_route("registration settings show on no live screen")
def save_settings(conference_id):
    db = get_db()
    form = request.form
    try:
        free = form.get("free_places")
        registrations.update_settings(
            db, conference_id, is_open=(form["is_open"] == "1") if "is_open" in form else None,
            approval=(form.get("approval") == "1") if "sessions_form" in form else None,
            session_ids=[int(x) for x in form.getlist("session_id") if x.isdigit()] if "sessions_form" in form else None,
            free_places=int(free) if free not in (None, "") and free.isdigit() else None,
            new_key=form.get("new_key") == "1")
    except DomainError as err:
        flash_error(err)
    else:
        moved = registrations.move_up(db, conference_id)  # more places: the waiting list moves up
        for other in moved:
            reg_mail.send(db, other, "registered", moved_up=True)
        if moved:
            deliver.soon(conference_id)
        flash(_("Saved."), "success")
    return redirect(url_for("registration.overview", conference_id=conference_id))


@bp.route("/organiser/c/<int:conference_id>/registration/<int:registration_id>", methods=["POST"])
@conference_role("organiser")
@quiet_route("an approval shows on the organiser's registration page, not on a live screen")
def decide(conference_id, registration_id):
    db = get_db()
    decision = request.form.get("decision")
    try:
        if decision == "approve":
            result = registrations.approve(db, conference_id, registration_id)
        elif decision == "decline":
            result = registrations.decline(db, conference_id, registration_id)
        else:
            abort(400)
    except DomainError as err:
        flash_error(err)
    else:
        _tell(db, result)
        flash(_("Done. The person gets a mail."), "success")
    return redirect(url_for("registration.overview", conference_id=conference_id))

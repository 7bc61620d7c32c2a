"""Participants join without an account: a personal link, or the conference code plus a few details."""
from flask import Blueprint, abort, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from facilitator.domain import conferences, groups, participants, programme, tables, video
from facilitator.domain.errors import DomainError
from facilitator.i18n import error_text
from facilitator.web import get_db, labels, live_route, quiet_route
from facilitator.web.limits import join_flood_limit, join_guess_limit
from facilitator.web.live_form import new_op_id, participant_actor, submit

bp = Blueprint("participant", __name__)


def remember(participant: dict) -> None:
    """Recognise this device next time: the token is kept in the signed session cookie."""
    joined = dict(session.get("joined", {}))
    joined[str(participant["conference_id"])] = participant["token"]
    session["joined"] = joined
    session.permanent = True


def remembered(conference_id: int) -> dict | None:
    token = session.get("joined", {}).get(str(conference_id))
    p = participants.by_token(get_db(), token) if token else None
    return p if p and p["conference_id"] == conference_id else None


@bp.errorhandler(429)
def too_many_tries(error):
    return render_template("participant/code.html", code="", error="limited", message=error.description), 429


@bp.route("/join", methods=["GET", "POST"])
@quiet_route("finding a conference by its code changes nothing")
@join_guess_limit
def join():
    code = (request.values.get("code") or "").strip()
    if code:
        conference = conferences.by_code(get_db(), code)
        if conference:
            return redirect(url_for("participant.join_conference", code=conference["join_code"]))
        return render_template("participant/code.html", code=code, error="wrong_code"), 404
    return render_template("participant/code.html", code="", error=None)


@bp.route("/join/<code>", methods=["GET", "POST"])
@quiet_route("a newcomer shows in the cockpit's presence when their phone connects; nobody else's rooms change")
@join_guess_limit
@join_flood_limit
def join_conference(code):
    db = get_db()
    conference = conferences.by_code(db, code)
    if not conference:
        return render_template("participant/code.html", code=code, error="wrong_code"), 404
    g.conference_language = conference["language"]
    known = remembered(conference["id"])
    if known:
        return redirect(url_for("participant.home", token=known["token"]))
    message = field = None
    blocked, status = False, 200
    if conference["status"] != "open":
        blocked, status = True, 403
        message = _("This conference is closed. You cannot join any more.")
    elif participants.free_places_left(db, conference) <= 0:
        blocked, status = True, 403
        message = _("This conference is full. Ask the organisers for a place.")
    elif request.method == "POST":
        try:
            p = participants.join_with_code(db, code, request.form)
        except DomainError as err:
            message, field = error_text(err), err.field
            blocked = err.code in ("conference_full", "conference_closed")
            status = 403 if blocked else 400
        else:
            _seat(db, conference["id"], p["id"])
            remember(p)
            return redirect(url_for("participant.home", token=p["token"]))
    return render_template(
        "participant/join.html",
        conference=conference,
        groups=groups.list_for(db, conference["id"]),
        message=message,
        field=field,
        blocked=blocked,
        form=request.form,
    ), status


def _seat(db, conference_id: int, participant_id: int) -> None:
    latest = tables.latest_tabling(db, conference_id)
    if latest:
        tables.seat_newcomer(db, latest["id"], participant_id)


@bp.route("/p/<token>")
def home(token):
    db = get_db()
    p = participants.by_token(db, token)
    if not p:
        return render_template("participant/bad_link.html"), 404
    conference = conferences.get(db, p["conference_id"])
    g.conference_language = conference["language"]
    remember(p)
    participants.touch(db, p["id"])
    latest = tables.latest_tabling(db, conference["id"])
    table = tables.table_of(db, latest["id"], p["id"]) if latest else None
    return render_template(
        "participant/home.html",
        conference=conference,
        me=p,
        table=table,
        table_video=video.link(table, video.pattern(db, conference["id"])) if table else "",
        programme=programme.programme(db, conference["id"]),
        materials=list(db.query("select * from materials where conference_id = ? order by position, id", [conference["id"]])),
        choose_url=lambda s: url_for("participant.choose_session", token=token, session_id=s["id"]),
        chosen=set(programme.chosen(db, p["id"])),
        new_op_id=new_op_id,
        programme_labels={"phases": {k: str(v) for k, v in labels.PHASE_LABELS.items()},
                          "groupings": {k: str(v) for k, v in labels.GROUPING_LABELS.items()}},
    )


@bp.route("/p/<token>/sessions/<int:session_id>/choose", methods=["POST"])
@live_route
def choose_session(token, session_id):
    """The programme's "I take part in this one" without scripts: the same live event as the phone's
    button (``programme.choose``), so the change, its event and its broadcast are the pipeline's."""
    db = get_db()
    p = participants.by_token(db, token)
    if not p:
        abort(404)
    g.conference_language = conferences.get(db, p["conference_id"])["language"]
    try:
        submit(participant_actor(p), "programme.choose", {"session_id": session_id},
               op_id=request.form.get("op_id") or None)
    except DomainError as err:
        flash(error_text(err), "error")
    else:
        flash(_("Your choice is saved."), "success")
    return redirect(url_for("participant.home", token=token) + "#programme")

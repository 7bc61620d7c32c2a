"""The action plan in the browser: the live overview (facilitator, projector) and the trace from an
action or goal back to the common ground and the tables' original notes."""
from flask import Blueprint, abort, g, render_template

from facilitator.domain import conferences, participants
from facilitator.domain import plan as plan_domain
from facilitator.domain.errors import DomainError
from facilitator.web import conference_by_link, conference_role, get_db

bp = Blueprint("plan", __name__)


@bp.route("/organiser/c/<int:conference_id>/plan/")
@conference_role("organiser", "facilitator")
def overview(conference_id):
    return render_template("plan/overview.html", conference=g.conference, role=g.role, section="plan", staff=True)


@bp.route("/present/<key>/plan")
def projector(key):
    conference = conference_by_link(conferences.by_presenter_key, key)
    return render_template("plan/projector.html", conference=conference, presenter_key=key)


def _trace(conference_id: int, *, action_id=None, goal_id=None) -> dict:
    db = get_db()
    try:
        if action_id is not None:
            return plan_domain.trace(db, conference_id, action_id)
        return plan_domain.trace_goal(db, conference_id, goal_id)
    except DomainError:
        abort(404)


@bp.route("/organiser/c/<int:conference_id>/plan/actions/<int:action_id>")
@conference_role("organiser", "facilitator")
def staff_action_trace(conference_id, action_id):
    return render_template("plan/trace.html", conference=g.conference, trace=_trace(conference_id, action_id=action_id),
                           back=("plan.overview", {"conference_id": conference_id}), staff=True)


@bp.route("/organiser/c/<int:conference_id>/plan/goals/<int:goal_id>")
@conference_role("organiser", "facilitator")
def staff_goal_trace(conference_id, goal_id):
    return render_template("plan/trace.html", conference=g.conference, trace=_trace(conference_id, goal_id=goal_id),
                           back=("plan.overview", {"conference_id": conference_id}), staff=True)


def _participant(token):
    p = participants.by_token(get_db(), token)
    if not p:
        abort(404)
    conference = conferences.get(get_db(), p["conference_id"])
    g.conference_language = conference["language"]
    return p, conference


@bp.route("/p/<token>/plan/actions/<int:action_id>")
def action_trace(token, action_id):
    _, conference = _participant(token)
    return render_template("plan/trace.html", conference=conference, trace=_trace(conference["id"], action_id=action_id),
                           back=("participant.home", {"token": token}), staff=False)


@bp.route("/p/<token>/plan/goals/<int:goal_id>")
def goal_trace(token, goal_id):
    _, conference = _participant(token)
    return render_template("plan/trace.html", conference=conference, trace=_trace(conference["id"], goal_id=goal_id),
                           back=("participant.home", {"token": token}), staff=False)

"""The projector view: read-only, large type, opened with the conference's secret presenter link.

A facilitator who opens it while signed in connects as staff, so they can drag notes into
clusters on the big screen too; everyone else connects as a read-only projector.
"""
from flask import Blueprint, render_template, request

from facilitator.domain import conferences
from facilitator.web import conference_by_link, current_user, external_url, get_db

bp = Blueprint("presenter", __name__)


@bp.route("/present/<key>")
def show(key):
    db = get_db()
    conference = conference_by_link(conferences.by_presenter_key, key)
    staff = conferences.role_of(db, conference["id"], current_user()) is not None and request.args.get("view") != "audience"
    return render_template("presenter/show.html", conference=conference, presenter_key=key, staff=staff,
                           join_url=external_url("participant.join"))

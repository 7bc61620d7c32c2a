"""The projector view: read-only, large type, opened with the conference's secret presenter link."""
from flask import Blueprint, g, render_template

from facilitator.domain import conferences
from facilitator.web import get_db

bp = Blueprint("presenter", __name__)


@bp.route("/present/<key>")
def show(key):
    conference = conferences.by_presenter_key(get_db(), key)
    if not conference:
        return render_template("error.html", status=404), 404
    g.conference_language = conference["language"]
    return render_template("presenter/show.html", conference=conference, presenter_key=key)

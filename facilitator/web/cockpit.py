"""The facilitator's cockpit: runs the room with the live engine (static/js/cockpit.js)."""
from flask import Blueprint, g, render_template

from facilitator.web import conference_role

bp = Blueprint("cockpit", __name__, url_prefix="/organiser/c/<int:conference_id>/cockpit")


@bp.route("/")
@conference_role("organiser", "facilitator")
def show(conference_id):
    return render_template("organiser/cockpit.html", conference=g.conference, role=g.role, section="share")

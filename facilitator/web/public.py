import io

"""Pages anyone may see: the start page, a conference's programme and material, its QR code."""
import segno
from flask import Blueprint, Response, g, redirect, render_template, url_for

from facilitator.domain import conferences, programme
from facilitator.web import current_user, external_url, get_db

bp = Blueprint("public", __name__)


@bp.route("/")
def home():
    if current_user():
        return redirect(url_for("organiser.index"))
    return render_template("public/home.html")


@bp.route("/c/<code>")
def conference_page(code):
    db = get_db()
    conference = conferences.by_code(db, code)
    if not conference:
        return render_template("participant/code.html", code=code, error="wrong_code"), 404
    g.conference_language = conference["language"]
    return render_template(
        "public/conference.html",
        conference=conference,
        programme=programme.programme(db, conference["id"]),
        materials=list(db.query("select * from materials where conference_id = ? order by position, id", [conference["id"]])),
    )


@bp.route("/qr/<code>.svg")
def qr(code):
    conference = conferences.by_code(get_db(), code)
    if not conference:
        return Response(status=404)
    url = external_url("participant.join_conference", code=conference["join_code"])
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=8, border=2, dark="#111", light="#fff",
                                     omitsize=True, xmldecl=False, svgclass=None, lineclass=None)
    return Response(buffer.getvalue(), mimetype="image/svg+xml", headers={"Cache-Control": "no-cache"})


@bp.route("/healthz")
def health():
    get_db().execute("select 1")
    return {"ok": True}

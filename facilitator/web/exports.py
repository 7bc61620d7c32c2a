"""The organiser's download page: the action plan and the report (Word), the sheets (CSV) and the
complete backup (JSON), at any moment, also while the conference runs. Every download also keeps a
copy in the exports folder (EXPORTS_DIR), listed on the page."""
from __future__ import annotations

import io
from pathlib import Path

from flask import Blueprint, abort, current_app, g, render_template, request, send_file
from werkzeug.utils import secure_filename

from facilitator import export as exports
from facilitator.web import conference_role, get_db

bp = Blueprint("exports", __name__, url_prefix="/organiser/c/<int:conference_id>/export")
RECENT = 12


def _copies(conference_id: int) -> list[dict]:
    """Earlier copies of this conference's exports, newest first."""
    folder = Path(current_app.config["EXPORTS_DIR"])
    if not folder.is_dir():
        return []
    prefix = f"{exports.slug(g.conference['title'])}-{conference_id}-"
    found = [p for p in folder.iterdir() if p.is_file() and p.name.startswith(prefix)]
    found.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    return [{"name": p.name, "size": p.stat().st_size} for p in found[:RECENT]]


@bp.route("/")
@conference_role("organiser", "facilitator")
def page(conference_id):
    return render_template("organiser/exports.html", conference=g.conference, role=g.role, section="exports",
                           copies=_copies(conference_id))


@bp.route("/download")
@conference_role("organiser", "facilitator")
def download(conference_id):
    fmt = request.args.get("format", "docx")
    kind = request.args.get("kind", "plan")
    if fmt not in exports.FORMATS or kind not in ("plan", "report"):
        abort(404)
    if fmt == "json" and g.role != "organiser":
        abort(403)  # the backup holds every participant's personal link and e-mail address
    item = exports.export(get_db(), conference_id, fmt, kind, names=request.args.get("names", "1") != "0")
    exports.save_copy(current_app.config["EXPORTS_DIR"], item)
    return send_file(io.BytesIO(item.content), mimetype=item.mimetype, as_attachment=True,
                     download_name=item.filename)


@bp.route("/files/<name>")
@conference_role("organiser", "facilitator")
def copy(conference_id, name):
    if name != secure_filename(name) or name not in {c["name"] for c in _copies(conference_id)}:
        abort(404)
    if name.endswith(".json") and g.role != "organiser":
        abort(403)
    return send_file(Path(current_app.config["EXPORTS_DIR"]).resolve() / name, as_attachment=True, download_name=name)

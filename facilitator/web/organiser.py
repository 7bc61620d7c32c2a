"""Organiser pages: the conference list, creating and importing conferences, and the setup."""
from __future__ import annotations

import json
from datetime import date

from flask import Blueprint, Response, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from facilitator.domain import conferences, definition, participants, programme
from facilitator.domain.errors import DomainError
from facilitator.export import backup
from facilitator.i18n import in_words_of
from facilitator.web import conference_role, current_user, external_url, flash_error, get_db, login_required, quiet_route

bp = Blueprint("organiser", __name__, url_prefix="/organiser")


@bp.route("/")
@login_required
def index():
    db = get_db()
    items = []
    for c in conferences.list_for_user(db, current_user()):
        items.append({**c, "participant_count": participants.count(db, c["id"]),
                      "role": conferences.role_of(db, c["id"], current_user())})
    return render_template("organiser/index.html", conferences=items, templates=programme.TEMPLATES,
                           today=date.today().isoformat())


@bp.route("/new", methods=["POST"])
@login_required
@quiet_route("a new conference has no live screens yet")
def create():
    db = get_db()
    form = request.form
    try:
        cid = conferences.create(
            db,
            {"title": form.get("title"), "language": form.get("language", "nl"),
             "central_question": form.get("central_question", ""), "mode": form.get("mode", "room")},
            owner_id=current_user()["id"],
        )
        if form.get("template"):
            in_words_of(conferences.get(db, cid)["language"], programme.apply_template, db, cid, form["template"],
                        form.get("start_date") or date.today().isoformat())
    except DomainError as err:
        flash_error(err)
        return redirect(url_for("organiser.index"))
    flash(_("The conference is created. Now add stakeholder groups and participants."), "success")
    return redirect(url_for("setup.settings", conference_id=cid))


@bp.route("/import", methods=["POST"])
@login_required
@quiet_route("an imported conference is new: no live screens yet")
def import_definition():
    upload = request.files.get("file")
    if not upload or not upload.filename:
        flash(_("Choose a JSON file to import."), "error")
        return index(), 400
    db = get_db()
    try:
        data = definition.parse(upload.read())
        if backup.is_backup(data):
            cid = backup.restore(db, data)["conference_id"]
            conferences.add_member(db, cid, current_user()["id"], "organiser")
        else:
            cid = definition.import_definition(db, data, owner_id=current_user()["id"])
    except DomainError as err:  # the conference list again, with what is wrong; nothing was imported
        flash_error(err)
        return index(), 400
    flash(_("The conference is imported."), "success")
    return redirect(url_for("setup.settings", conference_id=cid))


@bp.route("/c/<int:conference_id>/definition.json")
@conference_role("organiser", "facilitator")
def export_definition(conference_id):
    data = definition.export_definition(get_db(), conference_id)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    filename = f"conference-{conference_id}.json"
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})

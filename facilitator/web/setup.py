"""Setting up a conference (organisers): settings, groups, participants, programme, tables, team.

Every form posts, changes one thing through the domain, and redirects back with a message:
a bad value gets a clear error and changes nothing.
"""
from __future__ import annotations


from flask import Blueprint, Response, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from facilitator.db import row, rows, transaction
from facilitator.domain import changes, conferences, groups, participants, programme, tables, users, video
from facilitator.domain import validate as v
from facilitator.domain.errors import DomainError
from facilitator.i18n import in_words_of
from facilitator.web import conference_role, external_url, flash_error, get_db, live_route, quiet_route, run_live

bp = Blueprint("setup", __name__, url_prefix="/organiser/c/<int:conference_id>")
organiser_only = conference_role("organiser")


def act(change, success: str, back: str):
    """Run one change; flash success or the domain's error; redirect back."""
    try:
        change()
    except DomainError as err:
        flash_error(err)
    else:
        flash(success, "success")
    return redirect(back)


def live_act(conference_id: int, effect, change, success: str, back: str):
    """``act`` for a change live screens show: ``change(db)`` runs as a pipeline mutation with the
    events ``effect`` (domain.changes.programme, .regrouping, .conference) appends, then broadcast."""
    return act(lambda: run_live(conference_id, effect(change)), success, back)


def page(template: str, section: str, **context):
    return render_template(f"organiser/{template}", conference=g.conference, role=g.role, section=section, **context)


# --- settings and material ---------------------------------------------------------

def settings_from_form(form) -> dict:
    def lines(name):
        return [x.strip() for x in form.get(name, "").splitlines() if x.strip()]

    return {
        "title": form.get("title"), "subtitle": form.get("subtitle", ""),
        "central_question": form.get("central_question", ""), "language": form.get("language"),
        "mode": form.get("mode"), "timeline_start_year": form.get("timeline_start_year"),
        "timeline_lenses": [form.get(f"lens{i}", "") for i in range(3)],
        "future_year": form.get("future_year"), "free_places": form.get("free_places"),
        "organisers": lines("organisers"), "contact_email": form.get("contact_email", ""),
    }  # neighbourhoods and themes have their own page (web/places.py), where a rename follows the tags


@bp.route("/", methods=["GET", "POST"])
@organiser_only
@live_route
def settings(conference_id):
    db = get_db()
    if request.method == "POST":
        return live_act(conference_id, changes.conference,
                        lambda db: conferences.update(db, conference_id, settings_from_form(request.form)),
                        _("Settings saved."), url_for("setup.settings", conference_id=conference_id))
    materials = rows(db, "select * from materials where conference_id = ? order by position, id", [conference_id])
    return page("settings.html", "settings", materials=materials)


@bp.route("/materials", methods=["POST"])
@organiser_only
@quiet_route("materials show on pages that read them when they load")
def add_material(conference_id):
    db = get_db()

    def add():
        values = {"title": v.text(request.form.get("title"), "title", max_len=200),
                  "url": v.url(request.form.get("url"), "url"),
                  "kind": v.choice(request.form.get("kind", "document"), "kind", ("document", "recording", "website"))}
        with transaction(db):
            position = row(db, "select count(*) n from materials where conference_id = ?", [conference_id])["n"]
            db["materials"].insert({**values, "conference_id": conference_id, "position": position})

    return act(add, _("Material added."), url_for("setup.settings", conference_id=conference_id) + "#materials")


@bp.route("/materials/<int:material_id>/delete", methods=["POST"])
@organiser_only
@quiet_route("materials show on pages that read them when they load")
def delete_material(conference_id, material_id):
    get_db().execute("delete from materials where id = ? and conference_id = ?", [material_id, conference_id])
    flash(_("Material removed."), "success")
    return redirect(url_for("setup.settings", conference_id=conference_id) + "#materials")


# --- stakeholder groups -------------------------------------------------------------

@bp.route("/groups")
@organiser_only
def group_list(conference_id):
    return page("groups.html", "groups", groups=groups.list_for(get_db(), conference_id))


@bp.route("/groups", methods=["POST"])
@organiser_only
@live_route
def add_group(conference_id):
    return live_act(conference_id, changes.regrouping, lambda db: groups.add(db, conference_id, request.form.get("name"), request.form.get("colour") or None),
               _("Group added."), url_for("setup.group_list", conference_id=conference_id))


@bp.route("/groups/<int:group_id>", methods=["POST"])
@organiser_only
@live_route
def update_group(conference_id, group_id):
    return live_act(conference_id, changes.regrouping, lambda db: groups.update(db, conference_id, group_id, request.form.get("name"), request.form.get("colour")),
               _("Group saved."), url_for("setup.group_list", conference_id=conference_id))


@bp.route("/groups/<int:group_id>/delete", methods=["POST"])
@organiser_only
@live_route
def delete_group(conference_id, group_id):
    return live_act(conference_id, changes.regrouping, lambda db: groups.delete(db, conference_id, group_id),
               _("Group removed."), url_for("setup.group_list", conference_id=conference_id))


# --- participants ----------------------------------------------------------------------

def personal_link(p: dict) -> str:
    return external_url("participant.home", token=p["token"])


@bp.route("/participants")
@organiser_only
def participant_list(conference_id):
    db = get_db()
    people = participants.list_for(db, conference_id)
    return page("participants.html", "participants", participants=people, groups=groups.list_for(db, conference_id),
                personal_link=personal_link, free_left=participants.free_places_left(db, g.conference))


@bp.route("/participants", methods=["POST"])
@organiser_only
@live_route
def add_participant(conference_id):
    return live_act(conference_id, changes.regrouping, lambda db: participants.add(db, conference_id, request.form),
               _("Participant added."), url_for("setup.participant_list", conference_id=conference_id))


@bp.route("/participants/<int:participant_id>", methods=["GET", "POST"])
@organiser_only
@live_route
def edit_participant(conference_id, participant_id):
    db = get_db()
    p = participants.get(db, conference_id, participant_id)
    if request.method == "POST":
        try:
            run_live(conference_id, changes.regrouping(
                lambda db: participants.update(db, conference_id, participant_id, request.form)))
        except DomainError as err:
            flash_error(err)
            return redirect(url_for("setup.edit_participant", conference_id=conference_id, participant_id=participant_id))
        flash(_("Participant saved."), "success")
        return redirect(url_for("setup.participant_list", conference_id=conference_id))
    return page("participant_edit.html", "participants", p=p, groups=groups.list_for(db, conference_id),
                link=personal_link(p))


@bp.route("/participants/<int:participant_id>/delete", methods=["POST"])
@organiser_only
@live_route
def delete_participant(conference_id, participant_id):
    return live_act(conference_id, changes.regrouping, lambda db: participants.delete(db, conference_id, participant_id),
               _("Participant removed."), url_for("setup.participant_list", conference_id=conference_id))


@bp.route("/participants/import", methods=["POST"])
@organiser_only
@live_route
def import_participants(conference_id):
    upload = request.files.get("file")
    back = url_for("setup.participant_list", conference_id=conference_id)
    if not upload or not upload.filename:
        flash(_("Choose a CSV file to import."), "error")
        return redirect(back)
    try:
        text = upload.read().decode("utf-8-sig")
        result = run_live(conference_id, changes.regrouping(lambda db: participants.import_csv(db, conference_id, text)))
    except UnicodeDecodeError:
        flash(_("The file is not UTF-8 text. Save it as CSV (UTF-8) and try again."), "error")
    except DomainError as err:
        flash_error(err)
    else:
        flash(_("Imported: %(added)d added, %(updated)d updated.", **result), "success")
    return redirect(back)


@bp.route("/participants.csv")
@organiser_only
def export_participants(conference_id):
    body = participants.export_csv(get_db(), conference_id, extra={"personal_link": personal_link})
    return Response("\ufeff" + body, mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="participants-{conference_id}.csv"'})


# --- programme -------------------------------------------------------------------------

@bp.route("/programme")
@organiser_only
def programme_page(conference_id):
    db = get_db()
    return page("programme.html", "programme", programme=programme.programme(db, conference_id),
                templates=programme.TEMPLATES, phases=programme.PHASES, activities=programme.ACTIVITIES,
                groupings=programme.GROUPINGS,
                members={s["id"]: len(programme.session_members(db, s["id"])) for s in programme.sessions(db, conference_id)})


def _back_to_programme(conference_id, anchor=""):
    return url_for("setup.programme_page", conference_id=conference_id) + anchor


@bp.route("/programme/template", methods=["POST"])
@organiser_only
@live_route
def apply_template(conference_id):
    language = conferences.get(get_db(), conference_id)["language"]  # the sessions' titles are in its words
    return live_act(conference_id, changes.programme,
                    lambda db: in_words_of(language, programme.apply_template, db, conference_id,
                                           request.form.get("template"), request.form.get("start_date")),
               _("Template added to the programme."), _back_to_programme(conference_id))


@bp.route("/days", methods=["POST"])
@organiser_only
@live_route
def add_day(conference_id):
    return live_act(conference_id, changes.programme,
                    lambda db: programme.add_day(db, conference_id, request.form.get("date"), request.form.get("title", "")),
               _("Day added."), _back_to_programme(conference_id))


@bp.route("/days/<int:day_id>", methods=["POST"])
@organiser_only
@live_route
def update_day(conference_id, day_id):
    return live_act(conference_id, changes.programme,
                    lambda db: programme.update_day(db, conference_id, day_id, request.form.get("date"),
                                                    request.form.get("title", "")),
               _("Day saved."), _back_to_programme(conference_id, f"#day-{day_id}"))


@bp.route("/days/<int:day_id>/delete", methods=["POST"])
@organiser_only
@live_route
def delete_day(conference_id, day_id):
    return live_act(conference_id, changes.programme, lambda db: programme.delete_day(db, conference_id, day_id),
               _("Day removed."), _back_to_programme(conference_id))


@bp.route("/days/<int:day_id>/sessions", methods=["POST"])
@organiser_only
@live_route
def add_session(conference_id, day_id):
    return live_act(conference_id, changes.programme,
                    lambda db: programme.add_session(db, conference_id, day_id, request.form),
               _("Session added."), _back_to_programme(conference_id, f"#day-{day_id}"))


@bp.route("/sessions/<int:session_id>", methods=["GET", "POST"])
@organiser_only
@live_route
def edit_session(conference_id, session_id):
    db = get_db()
    s = programme.get_session(db, conference_id, session_id)
    if request.method == "POST":
        try:
            run_live(conference_id, changes.programme(
                lambda db: programme.update_session(db, conference_id, session_id, request.form)))
        except DomainError as err:
            flash_error(err)
            return redirect(url_for("setup.edit_session", conference_id=conference_id, session_id=session_id))
        flash(_("Session saved."), "success")
        return redirect(_back_to_programme(conference_id, f"#day-{s['day_id']}"))
    return page("session_edit.html", "programme", s=s, days=programme.days(db, conference_id),
                tablings=tables.tablings(db, conference_id),
                phases=programme.PHASES, activities=programme.ACTIVITIES, groupings=programme.GROUPINGS)


@bp.route("/sessions/<int:session_id>/delete", methods=["POST"])
@organiser_only
@live_route
def delete_session(conference_id, session_id):
    return live_act(conference_id, changes.programme,
                    lambda db: programme.delete_session(db, conference_id, session_id),
               _("Session removed."), _back_to_programme(conference_id))


@bp.route("/sessions/<int:session_id>/assign", methods=["POST"])
@organiser_only
@live_route
def assign_parallel(conference_id, session_id):
    db = get_db()
    everyone = [p["id"] for p in participants.list_for(db, conference_id)]
    return live_act(conference_id, changes.programme,
                    lambda db: programme.assign_parallel(db, conference_id, session_id, everyone),
               _("Everyone who had not chosen is assigned to one of the parallel sessions."),
               _back_to_programme(conference_id))


# --- mixed tables ----------------------------------------------------------------------

@bp.route("/tables")
@organiser_only
def table_list(conference_id):
    db = get_db()
    all_tablings = tables.tablings(db, conference_id)
    chosen = request.args.get("tabling", type=int) or (all_tablings[0]["id"] if all_tablings else None)
    current = tables.get_tabling(db, conference_id, chosen) if chosen else None
    return page("tables.html", "tables", tablings=all_tablings, current=current,
                tables=tables.tables_of(db, current["id"]) if current else [],
                links={t["id"]: t for t in video.tables_with_links(db, conference_id, current["id"])} if current else {},
                video_pattern=video.pattern(db, conference_id), groups=groups.list_for(db, conference_id))


@bp.route("/tables", methods=["POST"])
@organiser_only
@live_route
def mix_tables(conference_id):
    try:
        tabling_id = run_live(conference_id, changes.regrouping(
            lambda db: tables.create_tabling(db, conference_id, request.form.get("name"),
                                             request.form.get("table_size", tables.DEFAULT_TABLE_SIZE))))
    except DomainError as err:
        flash_error(err)
        return redirect(url_for("setup.table_list", conference_id=conference_id))
    flash(_("New mixed tables are ready."), "success")
    return redirect(url_for("setup.table_list", conference_id=conference_id, tabling=tabling_id))


@bp.route("/tables/<int:tabling_id>/video", methods=["POST"])
@organiser_only
@live_route
def video_links(conference_id, tabling_id):
    """The video-call links: a pattern for every table, and a link of its own for any table."""
    tables.get_tabling(get_db(), conference_id, tabling_id)
    form = request.form
    links = {key.removeprefix("link_"): value for key, value in form.items() if key.startswith("link_")}
    return act(lambda: run_live(conference_id, video.set_links, {"pattern": form.get("video_pattern", ""), "links": links}),
               _("Video links saved."), url_for("setup.table_list", conference_id=conference_id, tabling=tabling_id))


@bp.route("/tables/<int:tabling_id>/move", methods=["POST"])
@organiser_only
@live_route
def move_to_table(conference_id, tabling_id):
    return live_act(conference_id, changes.regrouping,
                    lambda db: tables.move(db, conference_id, tabling_id, request.form.get("participant_id", type=int),
                                           request.form.get("table_id", type=int)),
               _("Moved."), url_for("setup.table_list", conference_id=conference_id, tabling=tabling_id))


@bp.route("/tables/<int:tabling_id>/delete", methods=["POST"])
@organiser_only
@live_route
def delete_tabling(conference_id, tabling_id):
    return live_act(conference_id, changes.regrouping, lambda db: tables.delete_tabling(db, conference_id, tabling_id),
               _("Tables removed."), url_for("setup.table_list", conference_id=conference_id))


# --- team ------------------------------------------------------------------------------

@bp.route("/team")
@organiser_only
def team(conference_id):
    return page("team.html", "team", members=conferences.members(get_db(), conference_id))


@bp.route("/team", methods=["POST"])
@organiser_only
@quiet_route("the team shows on organiser pages only; a new member's screens load it when they open")
def add_team_member(conference_id):
    db = get_db()

    def add():
        email = request.form.get("email", "")
        user = users.by_email(db, email)
        if not user:
            password = request.form.get("password", "")
            user = users.create_or_update(db, email, password, request.form.get("name", ""), is_admin=False)
        conferences.add_member(db, conference_id, user["id"], request.form.get("role", "facilitator"))

    return act(add, _("Team member added."), url_for("setup.team", conference_id=conference_id))


@bp.route("/team/<int:user_id>/delete", methods=["POST"])
@organiser_only
@quiet_route("the team shows on organiser pages only")
def remove_team_member(conference_id, user_id):
    return act(lambda: conferences.remove_member(get_db(), conference_id, user_id),
               _("Team member removed."), url_for("setup.team", conference_id=conference_id))


# --- run and share ---------------------------------------------------------------------

@bp.route("/share")
@conference_role("organiser", "facilitator")
def share(conference_id):
    db = get_db()
    c = g.conference
    return page("share.html", "share",
                join_url=external_url("participant.join_conference", code=c["join_code"]),
                join_page=external_url("participant.join"),
                presenter_url=external_url("presenter.show", key=c["presenter_key"]),
                programme_url=external_url("public.conference_page", code=c["join_code"]),
                free_left=participants.free_places_left(db, c), participant_count=participants.count(db, conference_id))


@bp.route("/status", methods=["POST"])
@organiser_only
@live_route
def set_status(conference_id):
    status = request.form.get("status")
    return live_act(conference_id, changes.conference, lambda db: conferences.update(db, conference_id, {"status": status}),
               _("Joining is open.") if status == "open" else _("Joining is closed."),
               url_for("setup.share", conference_id=conference_id))

"""After the conference: the café link and "where we stand", the shared plan page, a participant's
own data (see, download, erase), and the organiser's follow-up page (café, plan sharing, review
meetings, progress, erasure, exports). The café and review sessions themselves run on the live engine
(static/js/activities/transition_cafe.js and review.js)."""
from __future__ import annotations

import csv
import io
import json

import segno
from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from facilitator.domain import cafe, changes, conferences, groups, participants, privacy, progress, proposals
from facilitator.domain import plan as plan_module
from facilitator.domain.errors import DomainError
from facilitator.domain.events import Actor
from facilitator.i18n import error_text, in_words_of
from facilitator.web import (conference_by_link, conference_role, current_user, external_url, flash_error, get_db,
                             kept, live_route, quiet_route, run_live, shared_plan_conference)
from facilitator.web.live_form import new_op_id

bp = Blueprint("follow_up", __name__)



def status_labels() -> dict:
    return {"planned": _("Planned"), "under_way": _("Under way"), "done": _("Done"), "stalled": _("Stalled"),
            "stopped": _("Stopped")}


@bp.app_context_processor
def follow_up_helpers():
    return {"follow_up_member": member_box, "status_labels": status_labels}


def member_box(me: dict) -> dict:
    """What a member's page shows (templates/follow_up/_member.html): new updates on their goals and links."""
    db = get_db()
    return {"notifications": progress.notifications(db, me["conference_id"], me["id"]),
            "cafe_url": url_for("follow_up.cafe_home", token=me["token"]),
            "data_url": url_for("follow_up.my_data", token=me["token"])}


def _participant(token: str) -> tuple[dict, dict]:
    db = get_db()
    p = participants.by_token(db, token)
    if not p:
        abort(404)
    conference = conferences.get(db, p["conference_id"])
    g.conference_language = conference["language"]
    return p, conference


def _remember(p: dict) -> None:
    joined = dict(session.get("joined", {}))
    joined[str(p["conference_id"])] = p["token"]
    session["joined"] = joined
    session.permanent = True


# --- the café link ----------------------------------------------------------------------------

@bp.route("/cafe/<key>", methods=["GET", "POST"])
@quiet_route("a newcomer shows in presence when their phone connects")
def cafe_page(key):
    db = get_db()
    conference = conference_by_link(cafe.by_cafe_key, key)
    settings = cafe.settings(db, conference["id"])
    token = session.get("joined", {}).get(str(conference["id"]))
    known = participants.by_token(db, token) if token else None
    message = field = None
    status = 200
    if request.method == "POST":
        try:
            p = cafe.join_newcomer(db, conference["id"], request.form)
        except DomainError as err:
            message, field, status = error_text(err), err.field, err.status
        else:
            _remember(p)
            return redirect(url_for("follow_up.cafe_home", token=p["token"]))
    return render_template("follow_up/cafe.html", conference=conference, key=key, open=bool(settings["cafe_open"]),
                           stand=cafe.where_we_stand(db, conference["id"]), known=known,
                           groups=groups.list_for(db, conference["id"]), message=message, field=field,
                           form=request.form), status


@bp.route("/cafe/<key>/qr.svg")
def cafe_qr(key):
    conference = cafe.by_cafe_key(get_db(), key)
    if not conference:
        return Response(status=404)
    buffer = io.BytesIO()
    segno.make(external_url("follow_up.cafe_page", key=key), error="m").save(
        buffer, kind="svg", scale=8, border=2, dark="#111", light="#fff", omitsize=True, xmldecl=False)
    return Response(buffer.getvalue(), mimetype="image/svg+xml", headers={"Cache-Control": "no-cache"})


@bp.route("/p/<token>/cafe")
def cafe_home(token):
    """A participant's café page: where we stand, then join a goal, propose an action or commit (live)."""
    p, conference = _participant(token)
    _remember(p)
    participants.touch(get_db(), p["id"])
    return render_template("follow_up/cafe_home.html", conference=conference, me=p,
                           stand=cafe.where_we_stand(get_db(), conference["id"]), box=member_box(p),
                           cafe_key=cafe.settings(get_db(), conference["id"])["cafe_key"])


# --- a participant's own data -------------------------------------------------------------

@bp.route("/p/<token>/my-data")
def my_data(token):
    p, conference = _participant(token)
    data = privacy.my_data(get_db(), conference["id"], p["id"])
    return render_template("follow_up/my_data.html", conference=conference, me=p, data=data,
                           kept=kept.lines(data["records"]), consent=data["consent"]["name_on_shared_plan"])


@bp.route("/p/<token>/my-data.json")
def my_data_json(token):
    p, conference = _participant(token)
    body = json.dumps(privacy.my_data(get_db(), conference["id"], p["id"]), ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": 'attachment; filename="my-data.json"'})


@bp.route("/p/<token>/consent", methods=["POST"])
@quiet_route("the consent shows on the shared plan page, read when it loads")
def set_consent(token):
    p, conference = _participant(token)
    cafe.set_consent(get_db(), conference["id"], p["id"], request.form.get("public_name") == "1")
    flash(_("Saved."), "success")
    return redirect(url_for("follow_up.my_data", token=token))


@bp.route("/p/<token>/erase", methods=["POST"])
@live_route
def erase_me(token):
    p, conference = _participant(token)
    if request.form.get("confirm") != "yes":
        flash(_("Tick the box to confirm that you want your data erased."), "error")
        return redirect(url_for("follow_up.my_data", token=token))
    privacy_erase(Actor("participant", conference["id"], participant_id=p["id"]), {})
    joined = dict(session.get("joined", {}))
    joined.pop(str(conference["id"]), None)
    session["joined"] = joined
    return render_template("follow_up/erased.html", conference=conference)


def privacy_erase(actor: Actor, data: dict) -> dict:
    """Erase through the pipeline (so names disappear from open screens, and offline ones by seq)."""
    from flask import current_app

    from facilitator.live import pipeline

    # Not pipeline.run: erase commits its own transaction, then rewrites the file (VACUUM), which no
    # transaction may be open around. Then its event goes out as every change's does.
    result, new_events = privacy.erase(get_db(), actor, data, exports_dir=current_app.config.get("EXPORTS_DIR"))
    pipeline.broadcast(actor.conference_id, new_events)
    if current_app.extensions.get("socketio"):
        from facilitator.live.guard import disconnect_participant

        disconnect_participant(actor.conference_id, result["participant_id"])  # its token is already refused
    return result


# --- the shared plan page -------------------------------------------------------------------

@bp.route("/plan/<key>")
def shared_plan(key):
    db = get_db()
    conference, staff = shared_plan_conference(key)
    args = {k: (request.args.get(k) or "").strip()[:100] for k in ("neighbourhood", "theme", "status")}
    data = cafe.shared_plan(db, conference["id"], **args)
    return render_template("follow_up/plan.html", conference=conference, plan=data, key=key, preview=staff)


# --- one goal: where it stands, and progress at any time -------------------------------------

PLACES = {"cafe": cafe.by_cafe_key, "plan": cafe.by_plan_key}


def _goal_place(place: str, key: str) -> tuple[dict, bool]:
    """The conference a café or plan link opens, and whether the visitor is staff. The plan link only
    while the plan is public (staff may preview)."""
    db = get_db()
    conference = conference_by_link(PLACES[place], key)
    staff = conferences.role_of(db, conference["id"], current_user()) is not None
    if place == "plan" and not staff and not cafe.settings(db, conference["id"])["plan_public"]:
        abort(404)
    return conference, staff


def goal_reporter(conference_id: int, goal_id: int) -> Actor | None:
    """Who may post progress on this goal from its page: staff, or a lead of the goal (known by the
    personal link this browser joined with)."""
    from facilitator.web.live_form import participant_actor

    db = get_db()
    user = current_user()
    role = conferences.role_of(db, conference_id, user)
    if role in ("organiser", "facilitator"):
        return Actor(role, conference_id, user_id=user["id"])
    token = session.get("joined", {}).get(str(conference_id))
    p = participants.by_token(db, token) if token else None
    if p and progress.is_lead(db, goal_id, p["id"]):
        return participant_actor(p)
    return None


@bp.route("/p/<token>/goals/<int:goal_id>")
def goal_via_link(token, goal_id):
    """From a mail (a lead's reminder, a digest): the personal link makes this browser known, then the
    goal's page, where a lead posts progress."""
    p, conference = _participant(token)
    _remember(p)
    key = cafe.settings(get_db(), conference["id"])["cafe_key"]
    return redirect(url_for("follow_up.goal_page", place="cafe", key=key, goal_id=goal_id))


@bp.route("/<any(cafe, plan):place>/<key>/goals/<int:goal_id>", methods=["GET", "POST"])
@live_route
def goal_page(place, key, goal_id):
    """Where one goal stands (readable on a phone, printable); its leads and staff post progress here."""
    from facilitator.web.live_form import new_op_id, submit

    db = get_db()
    conference, staff = _goal_place(place, key)
    try:
        stand = cafe.goal_stand(db, conference["id"], goal_id)
    except DomainError:
        abort(404)
    reporter = goal_reporter(conference["id"], goal_id)
    status, errors = 200, {}
    if request.method == "POST":
        if reporter is None:
            abort(403)
        form = request.form
        action_id = form.get("action_id", type=int)
        data = {k: form.get(k, "") for k in progress.QUESTIONS}
        data.update(action_id=action_id, status=form.get("status") or None)
        try:
            submit(reporter, "progress.post", data, op_id=form.get("op_id") or None)
        except DomainError as err:
            errors[action_id] = error_text(err)
            status = err.status
        else:
            flash(_("Your update is shared with your group."), "success")
            return redirect(url_for("follow_up.goal_page", place=place, key=key, goal_id=goal_id) + f"#action-{action_id}")
        stand = cafe.goal_stand(db, conference["id"], goal_id)
    back = url_for("follow_up.cafe_page", key=key) if place == "cafe" else url_for("follow_up.shared_plan", key=key)
    return render_template("follow_up/goal.html", conference=conference, stand=stand, reporter=reporter,
                           op_id=new_op_id(), errors=errors, form=request.form, back=back, preview=staff), status


# --- the organiser's follow-up page ------------------------------------------------------

@bp.route("/organiser/c/<int:conference_id>/follow-up/")
@conference_role("organiser", "facilitator")
def overview(conference_id):
    db = get_db()
    settings = cafe.settings(db, conference_id)
    full = plan_module.plan(db, conference_id)
    sessions = [s for s in db.query("select s.*, d.date from sessions s join days d on d.id = s.day_id where "
                                    "s.conference_id = ? and s.activity in ('transition_cafe', 'review') "
                                    "order by d.date, s.start", [conference_id])]
    return render_template(
        "follow_up/organiser.html", conference=g.conference, role=g.role, section="follow_up", settings=settings,
        cafe_url=external_url("follow_up.cafe_page", key=settings["cafe_key"]),
        plan_url=external_url("follow_up.shared_plan", key=settings["plan_key"]),
        plan=full, latest=progress.latest_by_goal(db, conference_id), sessions=sessions,
        waiting=[p for p in proposals.list_for(db, conference_id) if p["state"] == "proposed"],
        leads_by_goal={g_["id"]: g_["leads"] for g_ in full["goals"]}, op_id=new_op_id(),
        newcomers=cafe.newcomers(db, conference_id),
        people=participants.list_for(db, conference_id) if g.role == "organiser" else [],
        erased={r["participant_id"] for r in db.query("select participant_id from erasures where conference_id = ?",
                                                      [conference_id])},
    )


@bp.route("/organiser/c/<int:conference_id>/follow-up/settings", methods=["POST"])
@conference_role("organiser")
@quiet_route("the café and shared plan pages read these settings when they load")
def save_settings(conference_id):
    form = request.form
    cafe.update_settings(
        get_db(), conference_id,
        cafe_open=(form["cafe_open"] == "1") if "cafe_open" in form else None,
        plan_public=(form["plan_public"] == "1") if "plan_public" in form else None,
        new_cafe_key=form.get("new_cafe_key") == "1", new_plan_key=form.get("new_plan_key") == "1")
    flash(_("Saved."), "success")
    return redirect(url_for("follow_up.overview", conference_id=conference_id))


@bp.route("/organiser/c/<int:conference_id>/follow-up/schedule", methods=["POST"])
@conference_role("organiser")
@live_route
def schedule(conference_id):
    try:
        language = conferences.get(get_db(), conference_id)["language"]  # the session's title in its words
        run_live(conference_id, changes.programme(lambda db: in_words_of(
            language, cafe.schedule, db, conference_id, request.form.get("kind", ""), request.form)))
    except DomainError as err:
        flash_error(err)
    else:
        flash(_("Added to the programme."), "success")
    return redirect(url_for("follow_up.overview", conference_id=conference_id))


@bp.route("/organiser/c/<int:conference_id>/follow-up/proposals/<int:proposal_id>", methods=["POST"])
@conference_role("organiser", "facilitator")
@live_route
def answer_proposal(conference_id, proposal_id):
    """Staff answer an idea (above all for goals without a lead): yes (it becomes an action) or no with
    a reason. Through the live pipeline, so the proposer's open café page shows the answer."""
    from facilitator.web.live_form import submit

    decision = request.form.get("decision")
    actor = Actor(g.role, conference_id, user_id=current_user()["id"])
    try:
        if decision == "accept":
            submit(actor, "proposal.accept", {"proposal_id": proposal_id, "what": request.form.get("what") or None},
                   op_id=request.form.get("op_id") or None)
        elif decision == "decline":
            submit(actor, "proposal.decline", {"proposal_id": proposal_id, "reason": request.form.get("reason", "")},
                   op_id=request.form.get("op_id") or None)
        else:
            abort(400)
    except DomainError as err:
        flash_error(err)
    else:
        flash(_("Added to the plan.") if decision == "accept" else _("Answered. The person sees your reason."), "success")
    return redirect(url_for("follow_up.overview", conference_id=conference_id) + "#ideas")


@bp.route("/organiser/c/<int:conference_id>/follow-up/erase", methods=["POST"])
@conference_role("organiser")
@live_route
def erase_participant(conference_id):
    participant_id = request.form.get("participant_id", type=int)
    if not participant_id:
        flash(_("Choose the participant to erase."), "error")
    elif request.form.get("confirm") != "yes":
        flash(_("Tick the box to confirm the erasure."), "error")
    else:
        try:
            privacy_erase(Actor("organiser", conference_id, user_id=current_user()["id"]),
                          {"participant_id": participant_id})
        except DomainError as err:
            flash_error(err)
        else:
            flash(_("The participant's name and contact details are erased."), "success")
    return redirect(url_for("follow_up.overview", conference_id=conference_id) + "#people")


def progress_rows(db, conference_id: int) -> list[dict]:
    """One row per update, with goal and action, for the CSV and JSON exports (no names)."""
    full = plan_module.plan(db, conference_id)
    actions = {a["id"]: (g, a) for g in full["goals"] for a in g["actions"]}
    out = []
    for u in progress.all_updates(db, conference_id):
        goal, action = actions.get(u["action_id"], ({"title": ""}, {"what": "", "status": ""}))
        out.append({"goal": goal["title"], "action": action["what"], "current_status": action["status"],
                    **{k: u[k] for k in ("id", "goal_id", "action_id", "created_at", "previous_status", "status",
                                         "said", "done", "next", "help", "by_staff")}})
    return out


@bp.route("/organiser/c/<int:conference_id>/follow-up/progress.json")
@conference_role("organiser", "facilitator")
def progress_json(conference_id):
    db = get_db()
    shared = cafe.shared_plan(db, conference_id)
    body = json.dumps({"conference_id": conference_id, "goals": shared["goals"], "counts": shared["counts"],
                       "updates": progress_rows(db, conference_id)}, ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="progress-{conference_id}.json"'})


@bp.route("/organiser/c/<int:conference_id>/follow-up/progress.csv")
@conference_role("organiser", "facilitator")
def progress_csv(conference_id):
    db = get_db()
    out = io.StringIO()
    columns = ["goal", "action", "current_status", "created_at", "previous_status", "status", "said", "done", "next",
               "help"]
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    full = plan_module.plan(db, conference_id)
    rows_ = progress_rows(db, conference_id)
    updated = {r["action_id"] for r in rows_}
    for g_ in full["goals"]:  # actions without any update yet still show their status
        for a in g_["actions"]:
            if a["id"] not in updated:
                rows_.append({"goal": g_["title"], "action": a["what"], "current_status": a["status"]})
    writer.writerows(rows_)
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="progress-{conference_id}.csv"'})

"""Where the plan lands: the organiser's neighbourhoods, themes, indicators and boundaries page, the
monitoring page, and its public variant next to the shared plan.

Renaming or removing a neighbourhood or theme changes goals and actions that live screens show: the
change takes the pipeline (``run_live``: one transaction with its events, then the broadcast). Indicator and boundary uploads change nothing a live screen shows.
"""
from __future__ import annotations

from flask import Blueprint, Response, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from facilitator.domain import indicators, monitor, tags
from facilitator.domain.errors import DomainError
from facilitator.domain.indicators import ImportProblems
from facilitator.web import (conference_role, flash_error, get_db, live_route, quiet_route,
                             run_live, shared_plan_conference)
from facilitator.web import figures

bp = Blueprint("places", __name__)
PREFIX = "/organiser/c/<int:conference_id>/places"


def _back(conference_id: int, anchor: str = "") -> str:
    return url_for("places.page", conference_id=conference_id) + anchor


def _flash_problems(err: DomainError) -> None:
    flash_error(err)
    if isinstance(err, ImportProblems):
        for message in err.messages(_):
            flash(message, "error")
        if err.more:
            flash(_("… and %(count)d more.", count=err.more), "error")


def _change(conference_id: int, fn, success: str, anchor: str):
    data = {k: (request.form.get(k) or "") for k in ("kind", "name", "new_name", "code")}
    try:
        run_live(conference_id, fn, data)
    except DomainError as err:
        flash_error(err)
    else:
        flash(success, "success")
    return redirect(_back(conference_id, anchor))


@bp.route(PREFIX + "/")
@conference_role("organiser")
def page(conference_id):
    db = get_db()
    return render_template(
        "places/setup.html", conference=g.conference, role=g.role, section="places",
        neighbourhoods=tags.names(db, conference_id, "neighbourhoods"), themes=tags.names(db, conference_id, "themes"),
        codes=tags.codes(db, conference_id), use={k: tags.usage(db, conference_id, k) for k in tags.KINDS},
        indicator_names=indicators.indicator_names(db, conference_id),
        value_count=len(indicators.all_values(db, conference_id)), boundaries=indicators.boundaries(db, conference_id))


@bp.route(PREFIX + "/tags", methods=["POST"])
@conference_role("organiser")
@live_route
def add_tag(conference_id):
    return _change(conference_id, tags.add, _("Added."), "#" + (request.form.get("kind") or ""))


@bp.route(PREFIX + "/tags/rename", methods=["POST"])
@conference_role("organiser")
@live_route
def rename_tag(conference_id):
    return _change(conference_id, tags.rename, _("Renamed; goals, actions and indicators follow."),
                   "#" + (request.form.get("kind") or ""))


@bp.route(PREFIX + "/tags/remove", methods=["POST"])
@conference_role("organiser")
@live_route
def remove_tag(conference_id):
    if request.form.get("confirm") != "yes":
        flash(_("Tick the box to confirm the removal."), "error")
        return redirect(_back(conference_id, "#" + (request.form.get("kind") or "")))
    return _change(conference_id, tags.remove, _("Removed."), "#" + (request.form.get("kind") or ""))


@bp.route(PREFIX + "/code", methods=["POST"])
@conference_role("organiser")
@quiet_route("a neighbourhood's code shows only on the monitoring pages, which are not live")
def set_code(conference_id):
    return _change(conference_id, tags.set_code, _("Saved."), "#neighbourhoods")


def _upload():
    upload = request.files.get("file")
    if not upload or not upload.filename:
        return None
    return upload.read(indicators.MAX_BYTES + 1)


@bp.route(PREFIX + "/indicators", methods=["POST"])
@conference_role("organiser")
@quiet_route("indicators show only on the monitoring pages, which are not live")
def import_indicators(conference_id):
    data = _upload()
    if data is None:
        flash(_("Choose a file to import."), "error")
        return redirect(_back(conference_id, "#indicators"))
    try:
        result = indicators.import_csv(get_db(), conference_id, data, replace=request.form.get("replace") == "1")
    except DomainError as err:
        _flash_problems(err)
    else:
        flash(_("Imported: %(values)d values, %(indicators)d indicators, %(neighbourhoods)d neighbourhoods.",
                **result), "success")
    return redirect(_back(conference_id, "#indicators"))


@bp.route(PREFIX + "/indicators/clear", methods=["POST"])
@conference_role("organiser")
@quiet_route("indicators show only on the monitoring pages, which are not live")
def clear_indicators(conference_id):
    if request.form.get("confirm") != "yes":
        flash(_("Tick the box to confirm the removal."), "error")
    else:
        indicators.clear(get_db(), conference_id)
        flash(_("All indicator values are removed."), "success")
    return redirect(_back(conference_id, "#indicators"))


@bp.route(PREFIX + "/indicators.csv")
@conference_role("organiser", "facilitator")
def export_indicators(conference_id):
    return Response("\ufeff" + indicators.export_csv(get_db(), conference_id), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="indicators-{conference_id}.csv"'})


@bp.route(PREFIX + "/boundaries", methods=["POST"])
@conference_role("organiser")
@quiet_route("boundaries show only on the monitoring pages, which are not live")
def import_boundaries(conference_id):
    data = _upload()
    if data is None:
        flash(_("Choose a file to import."), "error")
        return redirect(_back(conference_id, "#boundaries"))
    try:
        result = indicators.import_boundaries(get_db(), conference_id, data, (request.form.get("property") or "").strip())
    except DomainError as err:
        _flash_problems(err)
    else:
        flash(_("Boundaries saved: %(features)d neighbourhoods.", **result), "success")
    return redirect(_back(conference_id, "#boundaries"))


@bp.route(PREFIX + "/boundaries/delete", methods=["POST"])
@conference_role("organiser")
@quiet_route("boundaries show only on the monitoring pages, which are not live")
def delete_boundaries(conference_id):
    indicators.remove_boundaries(get_db(), conference_id)
    flash(_("The boundaries are removed."), "success")
    return redirect(_back(conference_id, "#boundaries"))


# --- monitoring -------------------------------------------------------------------------------

def _monitor(conference_id: int) -> dict:
    args = request.args
    goal_id = args.get("goal", type=int)
    data = monitor.monitor(
        get_db(), conference_id, theme=(args.get("theme") or "")[:100], goal_id=goal_id,
        status=(args.get("status") or "")[:20], need=(args.get("need") or "")[:100],
        lower_is_need=args.get("lower") == "1", trend=(args.get("trend") or "")[:100],
        map_indicator=(args.get("map") or "")[:100])
    data["need_rows"] = figures.need_rows(data["need"]["ranking"], monitor.COUNTED)
    return data


@bp.app_context_processor
def figure_helpers():
    return {"trend_svg": figures.trend_svg, "fmt": indicators.format_number, "status_colours": figures.STATUS_COLOURS,
            "counted_statuses": monitor.COUNTED}


@bp.route("/organiser/c/<int:conference_id>/monitor")
@conference_role("organiser", "facilitator")
def monitoring(conference_id):
    return render_template("places/monitor.html", conference=g.conference, role=g.role, section="monitor",
                           m=_monitor(conference_id), public=False)


@bp.route("/plan/<key>/places")
def public_monitoring(key):
    conference, staff = shared_plan_conference(key)
    return render_template("places/public.html", conference=conference, m=_monitor(conference["id"]), public=True,
                           key=key, preview=staff)


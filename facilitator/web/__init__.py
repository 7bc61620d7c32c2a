"""Shared helpers for the blueprints: the request's database, the signed-in user, access checks."""
from __future__ import annotations

import functools

from flask import abort, current_app, flash, g, redirect, request, session, url_for
from flask_babel import gettext

from facilitator import db as database
from facilitator.domain import conferences, users
from facilitator.domain.errors import DomainError


def get_db():
    if "db" not in g:
        g.db = database.connect(current_app.config["DATABASE"])
    return g.db


def close_db(_exc=None):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def current_user() -> dict | None:
    """The signed-in user, if the session cookie's sign-in still holds (see users.session_user)."""
    if "user" not in g:
        g.user = users.session_user(get_db(), session) if session.get("user_id") else None
    return g.user


def login_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user():
            return redirect(url_for("auth.login", next=request.full_path))
        return view(*args, **kwargs)

    return wrapped


def conference_role(*allowed: str):
    """Load the conference from ``conference_id`` and require one of the roles."""

    def decorator(view):
        @functools.wraps(view)
        @login_required
        def wrapped(conference_id, *args, **kwargs):
            db = get_db()
            try:
                g.conference = conferences.get(db, conference_id)
            except DomainError:
                abort(404)
            g.role = conferences.role_of(db, conference_id, current_user())
            if g.role not in allowed:
                abort(403)
            return view(conference_id, *args, **kwargs)

        return wrapped

    return decorator


def conference_by_link(lookup, key: str) -> dict:
    """The conference a secret link opens (projector, café, shared plan): 404 when the key is unknown.
    The page then speaks the conference's language, unless the person chose another."""
    conference = lookup(get_db(), key)
    if not conference:
        abort(404)
    g.conference_language = conference["language"]
    return conference


def shared_plan_conference(key: str) -> tuple[dict, bool]:
    """The conference a shared-plan link opens, and whether the visitor is its staff. While the plan
    is not public, staff may preview it; anyone else gets the "not shared" page (404)."""
    from flask import make_response, render_template

    from facilitator.domain import cafe

    conference = conference_by_link(cafe.by_plan_key, key)
    staff = conferences.role_of(get_db(), conference["id"], current_user()) is not None
    if not staff and not cafe.settings(get_db(), conference["id"])["plan_public"]:
        abort(make_response(render_template("follow_up/not_shared.html", conference=conference), 404))
    return conference, staff


def flash_error(err: DomainError) -> None:
    flash(err.as_dict(gettext)["message"], "error")


def external_url(endpoint: str, **values) -> str:
    """An absolute URL, using FACILITATOR_PUBLIC_URL when set (for QR codes on a venue network)."""
    base = current_app.config.get("PUBLIC_URL")
    if base:
        return base.rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


# --- POST routes and the live pipeline (docs/protocol.md, "Changes made by HTTP forms") -----------

def live_route(view):
    """Mark a POST route whose change goes through the pipeline (:func:`run_live`): its change and
    its events commit together and are broadcast, so open screens follow. tests/test_web_pipeline.py
    checks that every POST route is marked ``live_route`` or ``quiet_route``."""
    view.pipeline = "live"
    return view


def quiet_route(reason: str):
    """Mark a POST route as changing nothing any live screen shows (say why, in a few words)."""

    def decorator(view):
        view.pipeline = "quiet"
        view.quiet_reason = reason
        return view

    return decorator


def run_live(conference_id: int, fn, data: dict | None = None):
    """Run ``fn(db, actor, data) -> (result, events)`` for the signed-in organiser or facilitator as
    one pipeline mutation (one transaction with its events, then broadcast); returns the result."""
    from facilitator.domain.events import Actor
    from facilitator.live import pipeline

    actor = Actor(g.role, conference_id, user_id=current_user()["id"])
    return pipeline.run(get_db(), actor, fn, data)

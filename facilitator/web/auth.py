"""Organisers and facilitators sign in; participants never need to."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from facilitator.domain import users
from facilitator.web import current_user, get_db, login_required, quiet_route
from facilitator.web.limits import sign_in_limits

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("organiser.index")


@bp.route("/login", methods=["GET", "POST"])
@sign_in_limits
@quiet_route("signing in changes only the browser's session")
def login():
    error = None
    if request.method == "POST":
        user = users.authenticate(get_db(), request.form.get("email", ""), request.form.get("password", ""))
        if user:
            keep = {k: session[k] for k in ("lang", "joined") if k in session}
            session.clear()
            session.update(keep)
            session.permanent = True
            session["user_id"] = user["id"]
            session["session_id"] = users.start_session(get_db(), user["id"])
            return redirect(_safe_next(request.args.get("next")))
        error = _("The e-mail address or password is not right.")
    return render_template("auth/login.html", error=error), (401 if error else 200)


@bp.errorhandler(429)
def too_many_tries(_error):
    error = _("Too many wrong tries. Wait a quarter of an hour and try again, or ask an organiser for a new password.")
    return render_template("auth/login.html", error=error), 429


@bp.route("/logout", methods=["POST"])
@quiet_route("signing out changes only the browser's session")
def logout():
    """Sign out: this browser's session ends on the server too, so a copy of the cookie stops working."""
    users.end_session(get_db(), session.pop("session_id", None))
    session.pop("user_id", None)
    return redirect(url_for("auth.login"))


@bp.route("/sign-out-everywhere", methods=["POST"])
@login_required
@quiet_route("ends an account's sign-ins; its live connections close, no screen's content changes")
def sign_out_everywhere():
    """End every session of this account (a lost phone, a shared computer), this one included, and
    close the account's live connections on this server."""
    user_id = current_user()["id"]
    users.end_all_sessions(get_db(), user_id)
    if current_app.extensions.get("socketio"):
        from facilitator.live.guard import disconnect_user

        disconnect_user(user_id)
    session.pop("session_id", None)
    session.pop("user_id", None)
    flash(_("You are signed out on every device. Sign in again to go on."), "success")
    return redirect(url_for("auth.login"))

"""The organiser's mail page (what waits in the queue and why, the outbox, failed mails, invitations)
and the unsubscribe link every mail carries. None of these change what a live screen shows: they
change the mail queue only (no pipeline event)."""
from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from facilitator.domain import conferences, mail_queue
from facilitator.domain import goals
from facilitator.mail import compose, configured, deliver, follow_up, invitations
from facilitator.web import conference_by_link, conference_role, get_db, quiet_route

bp = Blueprint("mail", __name__)


def _page(conference_id):
    return redirect(url_for("mail.organiser_page", conference_id=conference_id))


@bp.route("/organiser/c/<int:conference_id>/mail/")
@conference_role("organiser")
def organiser_page(conference_id):
    db = get_db()
    invited = mail_queue.last_by_participant(db, conference_id, invitations.KIND)
    people = invitations.candidates(db, conference_id)
    without = db.execute("select count(*) from participants where conference_id = ? and email = '' and id not in "
                         "(select participant_id from erasures)", [conference_id]).fetchone()[0]
    return render_template("mailbox/organiser.html", conference=g.conference, role=g.role, section="mail",
                           queue=mail_queue.overview(db, conference_id), server=configured(current_app),
                           outbox=str(deliver.outbox_dir()), people=people, invited=invited, without_address=without,
                           sender=compose.sender(), follow_up=follow_up.settings(db, conference_id),
                           goals=goals.list_for(db, conference_id), cadences=follow_up.cadences(db, conference_id))


@bp.route("/organiser/c/<int:conference_id>/mail/invite", methods=["POST"])
@conference_role("organiser")
@quiet_route("queues mails; no live screen shows the mail queue")
def invite(conference_id):
    mode = request.form.get("mode", "new")
    if mode not in invitations.MODES:
        abort(400)
    chosen = [int(x) for x in request.form.getlist("participant_id") if x.isdigit()]
    if mode == "chosen" and not chosen:
        flash(_("Choose the people to invite."), "error")
        return _page(conference_id)
    db = get_db()
    result = invitations.invite(db, conference_id, mode, chosen)
    counts = deliver.deliver_due(db, conference_id=conference_id)
    flash(ngettext("%(num)d invitation made.", "%(num)d invitations made.", result["queued"]) + " " +
          _("Sent: %(sent)d. In the outbox: %(outbox)d. Waiting for the mail server: %(retry)d.",
            sent=counts["sent"], outbox=counts["outbox"], retry=counts["retry"]), "success")
    for p in result["invalid"]:
        flash(_("Not invited: “%(address)s” (%(name)s) is not a valid e-mail address. Correct it on the participants page.",
                address=p["email"], name=p["name"]), "error")
    return _page(conference_id)


@bp.route("/organiser/c/<int:conference_id>/mail/send", methods=["POST"])
@conference_role("organiser")
@quiet_route("sends queued mails; no live screen shows the mail queue")
def send_now(conference_id):
    """Send what waits now: the outbox (once a mail server is set), failed mails when asked, and the
    queue without waiting for its next try."""
    db = get_db()
    if not configured(current_app):
        flash(_("No mail server is set (FACILITATOR_SMTP_URL). The mails stay in the outbox."), "error")
        return _page(conference_id)
    states = ("outbox", "failed", "queued") if request.form.get("failed") == "1" else ("outbox", "queued")
    mail_queue.requeue(db, conference_id, states=states)
    counts = deliver.deliver_all(db, conference_id=conference_id)
    flash(_("Sent: %(sent)d. Waiting for the mail server: %(retry)d. Refused: %(failed)d.", **counts), "success")
    return _page(conference_id)


@bp.route("/organiser/c/<int:conference_id>/mail/<int:mail_id>/resend", methods=["POST"])
@conference_role("organiser")
@quiet_route("queues a mail again; no live screen shows the mail queue")
def resend(conference_id, mail_id):
    db = get_db()
    m = mail_queue.get(db, conference_id, mail_id)
    if not m:
        abort(404)
    if m["kind"] == invitations.KIND and m["participant_id"]:  # a fresh invitation (the link may be new)
        invitations.invite(db, conference_id, "chosen", [m["participant_id"]])
    else:
        mail_queue.requeue(db, conference_id, ids=[mail_id], states=("failed", "outbox", "sent", "cancelled"))
    counts = deliver.deliver_due(db, conference_id=conference_id)
    flash(_("Sent: %(sent)d. Waiting for the mail server: %(retry)d. Refused: %(failed)d.", **counts), "success")
    return _page(conference_id)


@bp.route("/organiser/c/<int:conference_id>/mail/<int:mail_id>.eml")
@conference_role("organiser")
def show_mail(conference_id, mail_id):
    m = mail_queue.get(get_db(), conference_id, mail_id)
    if not m or not m["raw"]:
        abort(404)
    return Response(m["raw"], mimetype="message/rfc822",
                    headers={"Content-Disposition": f'attachment; filename="mail-{mail_id}.eml"'})


@bp.route("/organiser/c/<int:conference_id>/mail/follow-up", methods=["POST"])
@conference_role("organiser")
@quiet_route("reminder settings show on no live screen")
def follow_up_settings(conference_id):
    """Reminders and digests: on or off, how often, and each goal's reminder cadence."""
    form = request.form
    cadences = {int(k[8:]): v for k, v in form.items() if k.startswith("cadence-") and k[8:].isdigit()}
    follow_up.update_settings(get_db(), conference_id, follow_up_mail=form.get("follow_up_mail") == "1",
                              digest_days=form.get("digest_days"), summary_days=form.get("summary_days"),
                              cadences=cadences)
    flash(_("Saved."), "success")
    return redirect(url_for("mail.organiser_page", conference_id=conference_id) + "#reminders")


# --- unsubscribe ----------------------------------------------------------------------------

@bp.route("/mail/unsubscribe/<token>", methods=["GET", "POST"])
@quiet_route("a person's mail preference shows on no live screen")
def unsubscribe(token):
    """The link in every mail: one button (a link alone must not unsubscribe: mail scanners open links);
    a POST, from the button or a mail program's one-click unsubscribe (RFC 8058), takes effect at once."""
    found = compose.read_unsubscribe_token(token)
    if not found:
        abort(404)
    cid, address = found
    db = get_db()
    conference = conference_by_link(lambda _db, key: conferences.get(_db, key), cid)
    done = request.method == "POST"
    if done:
        mail_queue.unsubscribe(db, cid, address)
    elif mail_queue.unsubscribed(db, cid, address):
        done = True
    return render_template("mailbox/unsubscribe.html", conference=conference, address=address, done=done, token=token)


def init_app(app) -> None:
    from facilitator.web.csrf import csrf

    csrf.exempt(unsubscribe)  # the signed token is the proof; mail programs post without a form token

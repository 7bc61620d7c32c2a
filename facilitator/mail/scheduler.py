"""The running server's mail loop (a gevent background task): every FACILITATOR_MAIL_TICK seconds it
makes the reminders and digests that are due (facilitator/mail/follow_up.py) and sends the queue.
``facilitator send-due [ID]`` does one round of the same, for a cron job."""
from __future__ import annotations

_started = False


def make_due(db, conference_id: int | None = None) -> int:
    try:
        from facilitator.mail import follow_up
    except ImportError:  # reminders not built in this version
        return 0
    return follow_up.make_due(db, conference_id)


def _loop(app) -> None:
    import gevent

    from facilitator import db as database
    from facilitator.mail import deliver

    db = database.connect(app.config["DATABASE"])
    while True:
        gevent.sleep(app.config.get("MAIL_TICK_SECONDS", 30))
        try:
            with app.app_context():
                make_due(db)
                deliver.deliver_due(db, app=app)
        except Exception:  # keep the loop alive; what failed waits in the queue for the next round
            app.logger.exception("mail round failed")


def start(app) -> None:
    """Start the loop once per process (not in tests)."""
    global _started
    if _started or app.config.get("TESTING"):
        return
    _started = True
    import gevent

    gevent.spawn(_loop, app)

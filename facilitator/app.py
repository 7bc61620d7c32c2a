"""The application factory."""
from __future__ import annotations

import secrets
from pathlib import Path

from flask import Flask, render_template

from facilitator import compression, static_files
from facilitator import config as config_module
from facilitator import db as database
from facilitator import i18n
from facilitator.domain.errors import DomainError


def create_app(**overrides) -> Flask:
    config = config_module.from_env(**overrides)
    app = Flask(
        __name__,
        template_folder=str(config_module.ROOT / "templates"),
        static_folder=None,  # served by facilitator/static_files.py, under a content hash
    )
    app.config.update(config)
    if app.config.get("PROXIES"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        n = app.config["PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)
    if app.config["DATABASE"] != ":memory:":
        Path(app.config["DATABASE"]).parent.mkdir(parents=True, exist_ok=True)

    db = database.open_database(app.config["DATABASE"])
    if not app.config.get("SECRET_KEY"):
        key = database.setting(db, "secret_key")
        if not key:
            key = secrets.token_hex(32)
            database.set_setting(db, "secret_key", key)
        app.config["SECRET_KEY"] = key
    db.close()

    i18n.init_app(app)
    static_files.init_app(app, config_module.ROOT / "static", app.config.get("STATIC_COMPRESSED_DIR"))
    if not app.config.get("TESTING"):
        i18n.script_messages()  # read the scripts' messages once before serving, not in the first page
    compression.init_app(app)
    from facilitator.web import labels

    labels.init_app(app)

    from facilitator import web
    from facilitator import mail as mail_module
    from facilitator.web import (auth, cockpit, csrf, exports, follow_up, limits, organiser, participant, places,
                                 plan, presenter, public, registration, setup)
    from facilitator.web import mail as mail_pages

    app.teardown_appcontext(web.close_db)
    from facilitator.web import sessions

    sessions.init_app(app)
    limits.init_app(app)
    csrf.init_app(app)
    mail_module.init_app(app)
    mail_pages.init_app(app)
    for module in (auth, public, participant, organiser, setup, cockpit, presenter, exports, follow_up, plan, places,
                   mail_pages, registration):
        app.register_blueprint(module.bp)

    from facilitator.live import socketio, init_live

    init_live(app)

    @app.context_processor
    def inject():
        from flask_babel import get_locale

        return {"current_user": web.current_user(), "locale": str(get_locale())}

    @app.errorhandler(DomainError)
    def domain_error(err):
        return render_template("error.html", message=i18n.error_text(err)), err.status

    for status in (403, 404):
        app.register_error_handler(status, lambda e, s=status: (render_template("error.html", status=s), s))

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if response.mimetype not in static_files.NEVER_A_DOCUMENT:  # 26 scripts and stylesheets a page
            response.headers.setdefault("Referrer-Policy", "same-origin")
            response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response

    app.extensions["facilitator_socketio"] = socketio
    return app

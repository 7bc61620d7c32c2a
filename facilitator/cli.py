"""The `facilitator` command: serve the app and every organiser operation scripts need.

Every command takes --db PATH (or FACILITATOR_DB).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from facilitator import config as config_module

db_option = click.option(
    "--db", "db_path", envvar="FACILITATOR_DB", default=None, type=click.Path(dir_okay=False),
    help="SQLite database file (default: instance/facilitator.db, or FACILITATOR_DB).",
)


def open_db(db_path: str | None):
    from facilitator import db as database

    path = db_path or config_module.default_db_path()
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    try:
        return database.open_database(path)
    except database.DatabaseUnusable as err:
        fail(str(err))


def fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


@click.group()
@click.version_option(package_name="facilitator")
def cli():
    """Facilitator: run Future Search conferences live."""


@cli.command()
@click.option("--host", envvar="FACILITATOR_HOST", default="127.0.0.1", show_default=True)
@click.option("--port", envvar="FACILITATOR_PORT", default=5000, type=int, show_default=True)
@db_option
@click.option("--no-demo", is_flag=True, help="Do not import the demo conference into an empty database.")
@click.option("--workers", default=1, type=click.IntRange(1, 64), show_default=True,
              help="Single-worker servers to start on PORT, PORT+1, ... (needs FACILITATOR_MESSAGE_QUEUE; "
                   "put a reverse proxy with sticky sessions in front: docs/deploy.md).")
def run(host, port, db_path, no_demo, workers):
    """Serve the app (gevent, WebSocket) with the embedded SQLite database."""
    from facilitator import server
    from facilitator.db import DatabaseUnusable

    path = db_path or config_module.default_db_path()
    if workers == 1:
        try:
            server.serve(host=host, port=port, db_path=path, demo=not no_demo)
        except DatabaseUnusable as err:
            fail(str(err))
        return
    import os

    if not os.environ.get("FACILITATOR_MESSAGE_QUEUE"):
        fail("--workers needs a message queue: set FACILITATOR_MESSAGE_QUEUE=redis://127.0.0.1:6379/0 (docs/deploy.md)")
    server.supervise(host=host, port=port, db_path=path, demo=not no_demo, workers=workers)


@cli.command("import")
@click.argument("file", type=click.File("rb"))
@db_option
def import_(file, db_path):
    """Import a conference definition or a complete backup (JSON) as a new conference."""
    from facilitator.domain import conferences, definition
    from facilitator.domain.errors import DomainError
    from facilitator.export import backup

    db = open_db(db_path)
    try:
        data = definition.parse(file.read())
        if backup.is_backup(data):
            cid = backup.restore(db, data)["conference_id"]
        else:
            cid = definition.import_definition(db, data)
    except DomainError as err:
        fail(err.as_dict()["message"] + (f" (field: {err.field})" if err.field else ""))
    c = conferences.get(db, cid)
    click.echo(f"Imported conference {cid}: {c['title']} (join code {c['join_code']})")


@cli.command("conferences")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
def list_conferences(db_path, as_json):
    """List conferences: id, join code, title."""
    from facilitator.domain import conferences

    items = conferences.list_all(open_db(db_path))
    if as_json:
        click.echo(json.dumps([{"id": c["id"], "join_code": c["join_code"], "title": c["title"],
                                "status": c["status"], "language": c["language"]} for c in items],
                              ensure_ascii=False, indent=2))
        return
    if not items:
        click.echo("No conferences yet. Import one with: facilitator import FILE")
    for c in items:
        click.echo(f"{c['id']:>4}  {c['join_code']}  {c['title']}")


@cli.command("create-user")
@click.option("--email", prompt=True)
@click.option("--name", default="")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              help="At least 8 characters. Setting it again for an existing e-mail resets the password.")
@click.option("--admin/--no-admin", default=None, help="Admins see and organise every conference.")
@db_option
def create_user(email, name, password, admin, db_path):
    """Create an organiser account, or reset its password."""
    from facilitator.domain import users
    from facilitator.domain.errors import DomainError

    try:
        user = users.create_or_update(open_db(db_path), email, password, name, is_admin=admin)
    except DomainError as err:
        fail(err.as_dict()["message"])
    click.echo(f"Account ready: {user['email']}" + (" (admin)" if user["is_admin"] else ""))


@cli.command("export-definition")
@click.argument("conference", type=int)
@click.option("--out", type=click.Path(dir_okay=False), help="File to write (default: standard output).")
@db_option
def export_definition(conference, out, db_path):
    """Export a conference's definition (setup) as JSON in the import format."""
    from facilitator.domain import definition
    from facilitator.domain.errors import DomainError

    try:
        data = definition.export_definition(open_db(db_path), conference)
    except DomainError as err:
        fail(err.as_dict()["message"])
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if out:
        Path(out).write_text(text + "\n", encoding="utf-8")
        click.echo(f"Wrote {out}")
    else:
        click.echo(text)


@cli.command("export")
@click.argument("conference", type=int)
@click.option("--format", "fmt", type=click.Choice(["docx", "json", "csv"]), default="docx", show_default=True,
              help="docx: Word document; json: complete backup (restore with `facilitator import`); csv: zip of sheets.")
@click.option("--kind", type=click.Choice(["plan", "report"]), default="plan", show_default=True,
              help="For docx: the short action plan or the full conference report.")
@click.option("--no-names", is_flag=True, help="For docx: leave every participant's name out.")
@click.option("--out", type=click.Path(dir_okay=False), help="File to write (default: only the copy in exports/).")
@db_option
def export(conference, fmt, kind, no_names, out, db_path):
    """Export a conference: action plan or report (Word), backup (JSON) or sheets (CSV); a copy lands in exports/."""
    from facilitator.domain.errors import DomainError
    from facilitator.export import export as make_export, save_copy

    try:
        item = make_export(open_db(db_path), conference, fmt, kind, names=not no_names)
    except DomainError as err:
        fail(err.as_dict()["message"])
    copy = save_copy(config_module.from_env()["EXPORTS_DIR"], item)
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_bytes(item.content)
        click.echo(f"Wrote {out} ({len(item.content)} bytes); copy in {copy}")
    else:
        click.echo(f"Wrote {copy} ({len(item.content)} bytes)")


@cli.group("indicators")
def indicators_group():
    """Indicators per neighbourhood (docs/indicators.md): import a CSV, export it again."""


def _conference_or_fail(db, conference: int) -> None:
    from facilitator.domain import conferences
    from facilitator.domain.errors import DomainError

    try:
        conferences.get(db, conference)
    except DomainError as err:
        fail(err.as_dict()["message"])


@indicators_group.command("import")
@click.argument("conference", type=int)
@click.argument("file", type=click.File("rb"))
@click.option("--replace", is_flag=True, help="Remove the conference's stored values first.")
@db_option
def indicators_import(conference, file, replace, db_path):
    """Check a whole CSV file (long or wide form) and import its values; with any problem, nothing."""
    from facilitator.domain import indicators
    from facilitator.domain.errors import DomainError

    db = open_db(db_path)
    _conference_or_fail(db, conference)
    try:
        result = indicators.import_csv(db, conference, file.read(), replace=replace)
    except indicators.ImportProblems as err:
        for message in err.messages():
            click.echo(message, err=True)
        if err.more:
            click.echo(f"... and {err.more} more.", err=True)
        fail(err.as_dict()["message"])
    except DomainError as err:
        fail(err.as_dict()["message"])
    click.echo(f"Imported: {result['values']} values, {result['indicators']} indicators, "
               f"{result['neighbourhoods']} neighbourhoods" + (f" (removed {result['removed']} old values)" if replace else "") + ".")


@indicators_group.command("export")
@click.argument("conference", type=int)
@click.option("--out", type=click.Path(dir_okay=False), help="File to write (default: standard output).")
@db_option
def indicators_export(conference, out, db_path):
    """Write the conference's indicator values as CSV in long form (importable again)."""
    from facilitator.domain import indicators

    db = open_db(db_path)
    _conference_or_fail(db, conference)
    text = indicators.export_csv(db, conference)
    if out:
        Path(out).write_text(text, encoding="utf-8")
        click.echo(f"Wrote {out}")
    else:
        click.echo(text, nl=False)


@cli.command("migrate")
@db_option
def migrate(db_path):
    """Bring an existing database's schema up to date (also done on every start)."""
    from facilitator import db as database

    path = db_path or config_module.default_db_path()
    applied = database.migrate(database.connect(path))
    click.echo("Applied: " + ", ".join(applied) if applied else "The database is up to date.")


def mail_app(db_path: str | None):
    """The app (for templates, translations and links) on this database, with the mail settings from
    the environment (FACILITATOR_SMTP_URL, FACILITATOR_MAIL_FROM, FACILITATOR_PUBLIC_URL)."""
    from facilitator.app import create_app

    return create_app(DATABASE=db_path or config_module.default_db_path())


@cli.command("invite")
@click.argument("conference_id", type=int)
@click.option("--only-new", is_flag=True, help="Only people not invited yet.")
@click.option("--dry-run", is_flag=True, help="Show who would get an invitation; send nothing.")
@db_option
def invite(conference_id, only_new, dry_run, db_path):
    """Send personal invitations (link, QR code, calendar file) to the conference's participants."""
    from facilitator import db as database
    from facilitator.domain import conferences
    from facilitator.domain.errors import DomainError
    from facilitator.mail import configured, deliver, invitations

    app = mail_app(db_path)
    db = database.connect(app.config["DATABASE"])
    try:
        conferences.get(db, conference_id)
    except DomainError:
        fail(f"There is no conference {conference_id}.")
    with app.app_context():
        result = invitations.invite(db, conference_id, "new" if only_new else "all", dry_run=dry_run)
        for p in result["invalid"]:
            click.echo(f"  skipped: {p['name']}: '{p['email']}' is not a valid e-mail address", err=True)
        if dry_run:
            for p in result["people"]:
                click.echo(f"  {p['name']} <{p['email']}>")
            click.echo(f"Dry run: {len(result['people'])} people would get an invitation; nothing sent.")
            return
        counts = deliver.deliver_all(db, conference_id=conference_id)
    where = "sent" if configured(app) else f"written to the outbox ({deliver.outbox_dir(app)})"
    click.echo(f"{result['queued']} invitations made; {counts['sent'] + counts['outbox']} {where}, "
               f"{counts['retry']} waiting for the mail server, {counts['failed']} refused.")


@cli.command("send-due")
@click.argument("conference_id", type=int, required=False)
@db_option
def send_due(conference_id, db_path):
    """Send what is due (for a cron job): reminders and digests whose time has come, then the mail queue."""
    from facilitator import db as database
    from facilitator.mail import deliver, scheduler

    app = mail_app(db_path)
    db = database.connect(app.config["DATABASE"])
    with app.app_context():
        made = scheduler.make_due(db, conference_id)
        counts = deliver.deliver_all(db, conference_id=conference_id)
    click.echo(f"{made} reminders and digests made; sent {counts['sent']}, to the outbox {counts['outbox']}, "
               f"waiting {counts['retry']}, refused {counts['failed']}.")


def main(argv=None):
    cli.main(args=argv, prog_name="facilitator")


if __name__ == "__main__":
    main()

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
    return database.open_database(path)


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

    path = db_path or config_module.default_db_path()
    if workers == 1:
        server.serve(host=host, port=port, db_path=path, demo=not no_demo)
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


@cli.command("migrate")
@db_option
def migrate(db_path):
    """Bring an existing database's schema up to date (also done on every start)."""
    from facilitator import db as database

    path = db_path or config_module.default_db_path()
    applied = database.migrate(database.connect(path))
    click.echo("Applied: " + ", ".join(applied) if applied else "The database is up to date.")


def main(argv=None):
    cli.main(args=argv, prog_name="facilitator")


if __name__ == "__main__":
    main()

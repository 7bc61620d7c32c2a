"""The `facilitator` command line: import, conferences, create-user, export-definition, migrate."""
import json

from click.testing import CliRunner

from facilitator.cli import cli
from tests.conftest import SAMPLE


def run(*args, env=None):
    result = CliRunner().invoke(cli, [str(a) for a in args], env=env)
    return result


def test_import_list_and_export(tmp_path, sample_data):
    db = tmp_path / "cli.db"
    result = run("import", SAMPLE, "--db", db)
    assert result.exit_code == 0 and "Imported conference 1" in result.output
    listing = json.loads(run("conferences", "--json", "--db", db).output)
    assert listing[0]["id"] == 1 and listing[0]["title"] == "Ruimte om te leven" and len(listing[0]["join_code"]) == 6
    assert listing[0]["join_code"] in run("conferences", "--db", db).output
    out = tmp_path / "def.json"
    assert run("export-definition", "1", "--out", out, "--db", db).exit_code == 0
    assert json.loads(out.read_text())["participants"] == sample_data["participants"]


def test_db_from_environment(tmp_path):
    db = tmp_path / "env.db"
    assert run("import", SAMPLE, env={"FACILITATOR_DB": str(db)}).exit_code == 0
    assert "Ruimte om te leven" in run("conferences", "--db", db).output


def test_bad_import_names_the_field_and_fails(tmp_path, sample_data):
    bad = tmp_path / "bad.json"
    sample_data["stakeholder_groups"][0]["colour"] = "blue"
    bad.write_text(json.dumps(sample_data))
    db = tmp_path / "cli.db"
    result = run("import", bad, "--db", db)
    assert result.exit_code == 1 and "stakeholder_groups[0].colour" in result.output
    assert json.loads(run("conferences", "--json", "--db", db).output) == []


def test_create_user_and_reset_password(tmp_path):
    from facilitator import db as database
    from facilitator.domain import users

    db = tmp_path / "cli.db"
    assert "Account ready: a@example.org (admin)" in run("create-user", "--email", "a@example.org", "--password", "first-password", "--db", db).output
    run("create-user", "--email", "a@example.org", "--password", "second-password", "--db", db)
    conn = database.open_database(db)
    assert users.authenticate(conn, "a@example.org", "second-password")
    assert not users.authenticate(conn, "a@example.org", "first-password")
    result = run("create-user", "--email", "b@example.org", "--password", "short", "--db", db)
    assert result.exit_code == 1 and "at least 8" in result.output


def test_export_unknown_conference_fails(tmp_path):
    result = run("export-definition", "99", "--db", tmp_path / "x.db")
    assert result.exit_code == 1 and "Not found" in result.output


def test_migrate_is_idempotent(tmp_path):
    db = tmp_path / "m.db"
    run("conferences", "--db", db)
    assert "up to date" in run("migrate", "--db", db).output


def test_bootstrap_creates_account_and_demo(tmp_path):
    from facilitator import db as database
    from facilitator.server import bootstrap

    conn = database.open_database(tmp_path / "boot.db")
    done = bootstrap(conn)
    assert done["account"] == "organiser@example.org" and len(done["password"]) >= 8 and done["demo"] == 1
    again = bootstrap(conn)
    assert again == {"account": None, "password": None, "demo": None}

"""Sign-in sessions that can be revoked, Secure cookies over HTTPS, joining by code limited, and the
web import's clear answers to files it cannot use."""
from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner

from facilitator.app import create_app
from facilitator.cli import cli
from facilitator.domain import users
from facilitator.live import socketio
from tests.conftest import PASSWORD, login


def copy_of(client):
    """A second browser holding a copy of ``client``'s session cookie (as someone who copied it would)."""
    cookie = client.get_cookie("session")
    assert cookie is not None
    thief = client.application.test_client()
    thief.set_cookie("session", cookie.value)
    return thief


def opens_organiser(client) -> bool:
    return client.get("/organiser/").status_code == 200


def test_logout_ends_the_session_for_a_copied_cookie_too(organiser_client):
    thief = copy_of(organiser_client)
    assert opens_organiser(thief)
    organiser_client.post("/logout")
    assert not opens_organiser(organiser_client)
    assert not opens_organiser(thief)
    assert thief.get("/organiser/").headers["Location"].startswith("/login")


def test_a_new_password_from_the_command_line_ends_every_session(app, organiser_client, admin):
    thief = copy_of(organiser_client)
    result = CliRunner().invoke(cli, ["create-user", "--email", admin["email"], "--password", "a whole new secret",
                                      "--db", app.config["DATABASE"]])
    assert result.exit_code == 0, result.output
    assert not opens_organiser(thief) and not opens_organiser(organiser_client)
    fresh = app.test_client()
    login(fresh, admin["email"], "a whole new secret")
    assert opens_organiser(fresh)


def test_sign_out_everywhere_ends_other_browsers_and_live_connections(app, admin, sample_id):
    laptop = login(app.test_client(), admin["email"])
    phone = login(app.test_client(), admin["email"])
    thief = copy_of(phone)
    live = socketio.test_client(app, flask_test_client=phone, auth={"conference_id": sample_id})
    assert live.is_connected()
    page = laptop.get("/organiser/").get_data(as_text=True)
    assert "Sign out everywhere" in page or "Overal afmelden" in page
    assert laptop.post("/sign-out-everywhere").status_code == 302
    assert not any(opens_organiser(c) for c in (laptop, phone, thief))
    assert not live.is_connected()
    assert not socketio.test_client(app, flask_test_client=thief, auth={"conference_id": sample_id}).is_connected()


def test_a_second_sign_in_survives_the_first_ones_logout(app, admin):
    one, two = login(app.test_client(), admin["email"]), login(app.test_client(), admin["email"])
    one.post("/logout")
    assert opens_organiser(two)


def _session_cookie_header(response) -> str:
    return next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))


def test_session_cookie_is_secure_over_https_also_behind_a_proxy(db_path, admin):
    plain = create_app(DATABASE=db_path, TESTING=True, SECRET_KEY="s")
    r = plain.test_client().post("/login", data={"email": admin["email"], "password": PASSWORD})
    assert "Secure" not in _session_cookie_header(r)  # plain HTTP on a venue network still works
    r = plain.test_client().post("/login", data={"email": admin["email"], "password": PASSWORD},
                                 base_url="https://venue.example")
    assert "Secure" in _session_cookie_header(r)
    proxied = create_app(DATABASE=db_path, TESTING=True, SECRET_KEY="s", PROXIES=1)
    r = proxied.test_client().post("/login", data={"email": admin["email"], "password": PASSWORD},
                                   headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.0.0.9"})
    assert "Secure" in _session_cookie_header(r) and "HttpOnly" in _session_cookie_header(r)


# --- the web import: files it cannot use get a clear answer, and change nothing -------------------

def _import(client, body: bytes):
    upload = {"file": (io.BytesIO(body), "conference.json")}
    return client.post("/organiser/import?lang=en", data=upload, content_type="multipart/form-data")


def _conference_count(db) -> int:
    return db.execute("select count(*) from conferences").fetchone()[0]


def test_import_of_deeply_nested_json_is_a_clear_400(organiser_client, db):
    response = _import(organiser_client, b'{"format": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
    assert response.status_code == 400
    assert "nested too deeply" in response.get_data(as_text=True)
    assert _conference_count(db) == 0


def test_import_of_a_backup_whose_conference_lacks_required_columns_is_a_clear_400(organiser_client, db, sample_id):
    from facilitator.export import backup

    data = backup.export_backup(db, sample_id)
    block = data["tables"]["conferences"]
    keep = [i for i, c in enumerate(block["columns"]) if c not in ("title", "join_code")]
    block["columns"] = [block["columns"][i] for i in keep]
    block["rows"] = [[r[i] for i in keep] for r in block["rows"]]
    response = _import(organiser_client, backup.dumps(data).encode())
    assert response.status_code == 400
    assert "The backup cannot be restored" in response.get_data(as_text=True)
    assert _conference_count(db) == 1  # the sample only: nothing of the backup was written
    no_id = backup.export_backup(db, sample_id)
    block = no_id["tables"]["conferences"]
    pos = block["columns"].index("id")
    block["columns"].pop(pos)
    for r in block["rows"]:
        r.pop(pos)
    response = _import(organiser_client, backup.dumps(no_id).encode())
    assert response.status_code == 400 and "lacks the column id" in response.get_data(as_text=True)
    assert _conference_count(db) == 1


def test_import_with_a_lone_surrogate_in_a_title_is_invalid(organiser_client, db, sample_data):
    bad = json.dumps(dict(sample_data, title="Helmond \ud800")).encode()
    response = _import(organiser_client, bad)
    assert response.status_code == 400 and "not valid text" in response.get_data(as_text=True)
    assert _conference_count(db) == 0


# --- joining by code is limited ------------------------------------------------------------------

@pytest.fixture
def limited_app(db_path):
    from facilitator.web.limits import limiter

    def make(**config):
        app = create_app(DATABASE=db_path, TESTING=True, SECRET_KEY="test-secret", RATELIMIT_ENABLED=True, **config)
        limiter.reset()
        return app

    yield make
    limiter.reset()


def _from(app, address):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_guessing_join_codes_is_stopped_per_address(limited_app, db, sample_id):
    from facilitator.domain import conferences
    from facilitator.web.limits import WRONG_CODES_PER_ADDRESS

    allowed = int(WRONG_CODES_PER_ADDRESS.split()[0])
    app = limited_app()
    code = conferences.get(db, sample_id)["join_code"]
    guesser = _from(app, "10.1.1.1")
    for i in range(allowed):  # both doors count: the code form and the code in the address
        url = f"/join?code=WRONG{i:04d}&lang=en" if i % 2 else f"/join/WRONG{i:04d}?lang=en"
        assert guesser.get(url).status_code == 404
    refused = guesser.get("/join?code=WRONGLAST&lang=en")
    assert refused.status_code == 429
    assert "Too many wrong codes" in refused.get_data(as_text=True)
    assert guesser.get(f"/join?code={code}").status_code == 429  # even the right code, for now
    assert "Te veel verkeerde codes" in guesser.get("/join?code=X&lang=nl").get_data(as_text=True)
    # someone else on another address joins as usual; right codes never count
    other = _from(app, "10.2.2.2")
    for _ in range(allowed + 5):
        assert other.get(f"/join?code={code}").status_code == 302


def test_joins_per_code_are_limited(limited_app, db, sample_id):
    from facilitator.domain import conferences

    app = limited_app(JOIN_PER_CODE_LIMIT="3 per 10 minutes")
    code = conferences.get(db, sample_id)["join_code"]
    for i in range(3):
        _from(app, f"10.3.3.{i}").post(f"/join/{code}", data={"name": ""})
    refused = _from(app, "10.3.3.99").post(f"/join/{code}?lang=en", data={"name": "Flood"})
    assert refused.status_code == 429 and "Very many people are joining" in refused.get_data(as_text=True)
    assert not db.execute("select 1 from participants where name = 'Flood'").fetchone()

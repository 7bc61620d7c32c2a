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

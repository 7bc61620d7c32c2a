"""Organiser and facilitator accounts (participants never need one)."""
from __future__ import annotations

import secrets

from werkzeug.security import check_password_hash, generate_password_hash

from facilitator.db import now, row, rows, transaction
from facilitator.domain import validate as v
from facilitator.domain.errors import N_, ValidationError

MIN_PASSWORD = 8
# How new passwords are hashed: Werkzeug's default (scrypt). The test suite sets a cheap method
# here (tests/conftest.py): scrypt costs about 0.2 s a hash by design.
PASSWORD_METHOD = "scrypt"


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=PASSWORD_METHOD)


def create_or_update(db, email: str, password: str, name: str = "", *, is_admin: bool | None = None) -> dict:
    """Create the account, or set a new password when it exists. Returns the user."""
    email = v.email(email, "email", required=True)
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise ValidationError("password", N_("The password needs at least %(min)d characters."), min=MIN_PASSWORD)
    name = v.text(name, "name", max_len=120, required=False)
    with transaction(db):
        existing = by_email(db, email)
        if existing:
            values = {"password_hash": hash_password(password)}
            if name:
                values["name"] = name
            if is_admin is not None:
                values["is_admin"] = int(is_admin)
            db["users"].update(existing["id"], values)
            user_id = existing["id"]
            end_all_sessions(db, user_id)  # a new password: every browser signs in again
        else:
            first = row(db, "select count(*) n from users")["n"] == 0
            user_id = db["users"].insert(
                {
                    "email": email,
                    "name": name,
                    "password_hash": hash_password(password),
                    "is_admin": int(first if is_admin is None else is_admin),
                    "created_at": now(),
                }
            ).last_pk
    return get(db, user_id)


def get(db, user_id: int) -> dict | None:
    return row(db, "select id, email, name, is_admin, created_at from users where id = ?", [user_id])


def by_email(db, email: str) -> dict | None:
    return row(db, "select id, email, name, is_admin from users where email = ?", [email.strip()])


def authenticate(db, email: str, password: str) -> dict | None:
    r = row(db, "select * from users where email = ?", [(email or "").strip()])
    if r and check_password_hash(r["password_hash"], password or ""):
        return get(db, r["id"])
    return None


def count(db) -> int:
    return row(db, "select count(*) n from users")["n"]


def list_all(db) -> list[dict]:
    return rows(db, "select id, email, name, is_admin from users order by email")


def generate_password() -> str:
    return secrets.token_urlsafe(9)


# --- sign-in sessions: one row per signed-in browser, so that a session can be revoked ----------

SESSION_DAYS = 120  # as long as the session cookie lives (PERMANENT_SESSION_LIFETIME)


def start_session(db, user_id: int) -> str:
    """A new sign-in for this user; returns its id (kept in the signed session cookie)."""
    session_id = secrets.token_urlsafe(24)
    with transaction(db):
        db.execute("delete from user_sessions where created_at < datetime('now', ?)", [f"-{SESSION_DAYS} days"])
        db.execute("insert into user_sessions (id, user_id, created_at) values (?, ?, datetime('now'))",
                   [session_id, user_id])
    return session_id


def session_user(db, cookie) -> dict | None:
    """The user a session cookie's ``user_id`` and ``session_id`` still stand for, or None (signed
    out, password changed, signed out everywhere, expired, or a cookie from before sessions existed)."""
    user_id, session_id = cookie.get("user_id"), cookie.get("session_id")
    if not isinstance(user_id, int) or not isinstance(session_id, str):
        return None
    if not row(db, "select 1 from user_sessions where id = ? and user_id = ? and created_at >= datetime('now', ?)",
               [session_id, user_id, f"-{SESSION_DAYS} days"]):
        return None
    return get(db, user_id)


def end_session(db, session_id) -> None:
    if isinstance(session_id, str):
        db.execute("delete from user_sessions where id = ?", [session_id])


def end_all_sessions(db, user_id: int) -> int:
    """Sign the user out in every browser; returns how many sessions ended."""
    return db.execute("delete from user_sessions where user_id = ?", [user_id]).rowcount

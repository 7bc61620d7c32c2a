"""Forms that change something need the session's token: a page elsewhere cannot post in someone's name."""
import re
from pathlib import Path

from facilitator.app import create_app
from tests.conftest import PASSWORD

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def test_every_form_that_posts_carries_the_token():
    missing = []
    for path in TEMPLATES.rglob("*.html"):
        for match in re.finditer(r"<form\b[^>]*method=\"post\"[^>]*>(.{0,40})", path.read_text(), re.I | re.S):
            if not match.group(1).startswith("{{ csrf_field() }}"):
                missing.append(f"{path.relative_to(TEMPLATES)}: {match.group(0)[:80]}")
    assert not missing, missing


def test_a_post_without_the_token_changes_nothing(db_path, db, admin, sample_id):
    app = create_app(DATABASE=db_path, TESTING=True, SECRET_KEY="test-secret", WTF_CSRF_ENABLED=True)
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    # signing in needs the token from the sign-in page
    refused = client.post("/login", data={"email": admin["email"], "password": PASSWORD})
    assert refused.status_code == 400 and b"This form could not be sent" in refused.data
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert client.post("/login", data={"email": admin["email"], "password": PASSWORD, "csrf_token": token}).status_code == 302
    # signed in, a change without the token (as a page elsewhere would send it) is refused
    before = db.execute("select title from conferences where id = ?", [sample_id]).fetchone()[0]
    response = client.post(f"/organiser/c/{sample_id}/status", data={"status": "closed"})
    assert response.status_code == 400
    assert db.execute("select title, status from conferences where id = ?", [sample_id]).fetchone() == (before, "open")
    # with the token of the page (signing in starts a new session, so a new token) it goes through
    page = client.get(f"/organiser/c/{sample_id}/share").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post(f"/organiser/c/{sample_id}/status", data={"status": "closed", "csrf_token": token})
    assert response.status_code in (200, 302)
    assert db.execute("select status from conferences where id = ?", [sample_id]).fetchone()[0] == "closed"

"""The secure forms of FACILITATOR_SMTP_URL against a real server (aiosmtpd with a self-signed
certificate the test trusts through SSL_CERT_FILE): smtp://user:password@host:port logs in after
STARTTLS, smtps:// speaks TLS from the start; a wrong password or an untrusted certificate leaves the
mail waiting, with the reason shown."""
from pathlib import Path

import pytest

from facilitator.app import create_app
from facilitator.domain import mail_queue, participants
from facilitator.mail import deliver, invitations
from tests.mail_helpers import SMTPServer, self_signed


@pytest.fixture
def cert(tmp_path):
    return self_signed(tmp_path)


def send_one(db_path, db, cid, url):
    app = create_app(DATABASE=db_path, TESTING=True, SECRET_KEY="test-secret", SMTP_URL=url,
                     EXPORTS_DIR=str(Path(db_path).parent / "exports"))
    person = participants.list_for(db, cid)[0]
    with app.app_context():
        invitations.invite(db, cid, "chosen", [person["id"]])
        counts = deliver.deliver_due(db, conference_id=cid)
    return person, counts


@pytest.mark.parametrize("tls, scheme", [("starttls", "smtp"), ("implicit", "smtps")])
def test_login_over_tls(db_path, db, sample_id, cert, monkeypatch, tls, scheme):
    monkeypatch.setenv("SSL_CERT_FILE", cert[0])
    server = SMTPServer(tls=tls, cert=cert, users={"conferentie@helmond.example": "s3cret pw"}).start()
    try:
        url = f"{scheme}://conferentie%40helmond.example:s3cret%20pw@localhost:{server.port}"
        person, counts = send_one(db_path, db, sample_id, url)
        assert counts["sent"] == 1, [(m["state"], m["last_error"]) for m in mail_queue.overview(db, sample_id)["mails"]]
        [message] = server.inbox.wait_for(1)
        assert message["To"] == person["email"] and server.logins == ["conferentie@helmond.example"]
    finally:
        server.stop()


def test_a_wrong_password_leaves_the_mail_waiting_with_the_reason(db_path, db, sample_id, cert, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", cert[0])
    server = SMTPServer(tls="starttls", cert=cert, users={"u": "right"}).start()
    try:
        _, counts = send_one(db_path, db, sample_id, f"smtp://u:wrong@localhost:{server.port}")
        assert counts["retry"] == 1 and server.inbox.messages == []
        [m] = mail_queue.overview(db, sample_id)["mails"]
        assert m["state"] == "queued" and "535" in m["last_error"]
    finally:
        server.stop()


def test_an_untrusted_certificate_is_refused(db_path, db, sample_id, cert, monkeypatch, tmp_path):
    (tmp_path / "other").mkdir()
    other = self_signed(tmp_path / "other")
    monkeypatch.setenv("SSL_CERT_FILE", other[0])  # trusts another certificate, not the server's
    server = SMTPServer(tls="starttls", cert=cert, users={"u": "pw"}).start()
    try:
        _, counts = send_one(db_path, db, sample_id, f"smtp://u:pw@localhost:{server.port}")
        assert counts["retry"] == 1 and server.inbox.messages == []
        [m] = mail_queue.overview(db, sample_id)["mails"]
        assert "CERTIFICATE_VERIFY_FAILED" in m["last_error"]
    finally:
        server.stop()

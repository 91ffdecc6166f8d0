"""The email channel against a real aiosmtpd server: parts, headers, threading, escaping, auth, failures."""

from __future__ import annotations

from dataclasses import replace

from monitor.models import Alert
from notifiers import build_notifier
from notifiers.email import EmailNotifier
from notifiers.render import sample_alert
from tests.fixtures_servers import SMTP_PASSWORD, SMTP_USER, free_port


def _mailer(smtp, **extra) -> EmailNotifier:
    settings = {
        "smtp_host": smtp.host,
        "smtp_port": smtp.port,
        "security": "none",
        "from": "storywatch@example.org",
        "to": ["desk@example.org", "standards@example.org"],
        **extra,
    }
    notifier = build_notifier("standards", "email", settings)
    assert isinstance(notifier, EmailNotifier)
    return notifier


def _alert(alert_id: int, version: int, headline: str | None = None) -> Alert:
    alert = sample_alert("standards")
    change = replace(alert.change, id=alert_id, to_version=version, from_version=version - 1)
    if headline is not None:
        change = replace(change, headline=headline)
    return replace(alert, id=alert_id, change=change, dedupe_key=f"change:{alert_id}:standards")


def test_sends_text_and_html_parts(smtp_server) -> None:
    result = _mailer(smtp_server).send(_alert(11, 2))
    assert result.ok, result.error
    (message,) = smtp_server.wait_for(1)
    assert smtp_server.envelopes == [("storywatch@example.org", ["desk@example.org", "standards@example.org"])]
    assert message["Subject"] == "[MAJOR] Updated: Harbour Summit opens with 27 heads of state — Port Calder Gazette"
    assert message["From"] == "storywatch@example.org"
    assert message["To"] == "desk@example.org, standards@example.org"
    assert message["Auto-Submitted"] == "auto-generated" and message["Date"]
    assert message.get_content_type() == "multipart/alternative"
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "[MAJOR] Updated: Harbour Summit opens" in plain and "• Added: Ilse Varga" in plain
    assert html.lstrip().startswith("<!DOCTYPE html>")
    assert "text-decoration:line-through" in html and "<style" not in html


def test_versions_of_one_story_thread_together(smtp_server) -> None:
    mailer = _mailer(smtp_server)
    assert mailer.send(_alert(11, 2)).ok and mailer.send(_alert(12, 3)).ok
    first, second = smtp_server.wait_for(2)
    assert first["Message-ID"] == "<alert-11.story-7.v2@storywatch.example.org>"
    assert second["Message-ID"] == "<alert-12.story-7.v3@storywatch.example.org>"
    for message in (first, second):
        assert message["In-Reply-To"] == "<story-7@storywatch.example.org>"
        assert message["References"] == "<story-7@storywatch.example.org>"


def test_test_alerts_get_a_fresh_message_id(smtp_server) -> None:
    mailer = _mailer(smtp_server)
    assert mailer.send(sample_alert("standards")).ok and mailer.send(sample_alert("standards")).ok
    first, second = smtp_server.wait_for(2)
    assert first["Message-ID"] != second["Message-ID"]


def test_page_text_is_escaped_in_html_and_kept_on_one_subject_line(smtp_server) -> None:
    evil = '<script>alert(1)</script> "Quoted" & more\r\nBcc: victim@example.org'
    assert _mailer(smtp_server).send(_alert(13, 2, headline=evil)).ok
    (message,) = smtp_server.wait_for(1)
    html = message.get_body(("html",)).get_content()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert message["Bcc"] is None and "\n" not in message["Subject"]
    assert smtp_server.envelopes[0][1] == ["desk@example.org", "standards@example.org"]


def test_login_when_a_username_is_set(smtp_auth_server) -> None:
    mailer = _mailer(smtp_auth_server, username=SMTP_USER, password=SMTP_PASSWORD)
    assert mailer.send(_alert(11, 2)).ok
    assert smtp_auth_server.logins == [SMTP_USER] and len(smtp_auth_server.wait_for(1)) == 1


def test_a_refused_login_is_a_value_without_the_password(smtp_auth_server) -> None:
    wrong = "wrong-pass-XYZ-123"
    result = _mailer(smtp_auth_server, username=SMTP_USER, password=wrong).send(_alert(11, 2))
    assert not result.ok and "login refused: 535" in result.error
    assert wrong not in result.error and not smtp_auth_server.messages


def test_starttls_on_a_plain_server_says_what_to_do(smtp_server) -> None:
    result = _mailer(smtp_server, security="starttls").send(_alert(11, 2))
    assert not result.ok and "offers no STARTTLS" in result.error


def test_a_server_that_is_down(smtp_server) -> None:
    result = _mailer(smtp_server, smtp_port=free_port(), timeout=2).send(_alert(11, 2))
    assert not result.ok and result.error.startswith("email via 127.0.0.1:")
    assert "Connection" in result.error or "refused" in result.error


def test_security_follows_the_port_unless_set(smtp_server) -> None:
    def security(**settings) -> str:
        base = {"smtp_host": "mail.example.org", "from": "a@example.org", "to": ["b@example.org"], **settings}
        return build_notifier("m", "email", base).security  # type: ignore[attr-defined]

    assert security() == "starttls"
    assert security(smtp_port=465) == "ssl"
    assert security(smtp_port=25) == "none"
    assert security(smtp_port=465, security="none") == "none"

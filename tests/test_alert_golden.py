"""Golden files of what each channel delivers for each event kind (update, correction, removal, restoration,
``notify test``): the Slack payload as posted, the email's subject, text and HTML parts as received by a real
SMTP server, the webhook body as posted, and the console's text. Fixed invented alerts (``tests.alert_cases``),
a desk in Europe/Berlin, the web view at ``web.base_url``.

Regenerate with ``STORYWATCH_REGENERATE_GOLDEN=1 .venv/bin/pytest tests/test_alert_golden.py`` and read the
``git diff``: these files are what editors receive.
"""

from __future__ import annotations

import json

import pytest

from notifiers import build_notifier
from tests.alert_cases import CASES
from tests.fixtures_servers import CaptureServer, SmtpCapture
from tests.golden import check_golden

BASE = "https://storywatch.example.org/desk"
DESK = {"timezone": "Europe/Berlin"}
KINDS = list(CASES)


def _json(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("kind", KINDS)
def test_slack(kind: str, capture_server: CaptureServer) -> None:
    notifier = build_notifier(
        "world-desk", "slack", {"webhook_url": capture_server.url + "/services/T0/B0/x", **DESK}, web_base_url=BASE
    )
    assert notifier.send(CASES[kind]("world-desk")).ok
    (request,) = capture_server.requests
    check_golden(f"alerts/{kind}.slack.json", _json(request.json()))


@pytest.mark.parametrize("kind", KINDS)
def test_email(kind: str, smtp_server: SmtpCapture) -> None:
    settings = {
        "smtp_host": smtp_server.host,
        "smtp_port": smtp_server.port,
        "security": "none",
        "from": "storywatch@example.org",
        "to": ["standards@example.org"],
        **DESK,
    }
    notifier = build_notifier("standards", "email", settings, web_base_url=BASE)
    assert notifier.send(CASES[kind]("standards")).ok
    (message,) = smtp_server.wait_for(1)
    plain, html = (message.get_body((part,)).get_content().replace("\r\n", "\n") for part in ("plain", "html"))
    check_golden(f"alerts/{kind}.email.txt", f"Subject: {message['Subject']}\n\n{plain}")
    check_golden(f"alerts/{kind}.email.html", html)


@pytest.mark.parametrize("kind", KINDS)
def test_webhook(kind: str, capture_server: CaptureServer) -> None:
    notifier = build_notifier("tools", "webhook", {"url": capture_server.url + "/in", **DESK}, web_base_url=BASE)
    assert notifier.send(CASES[kind]("tools")).ok
    (request,) = capture_server.requests
    check_golden(f"alerts/{kind}.webhook.json", _json(request.json()))


@pytest.mark.parametrize("kind", KINDS)
def test_console(kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    notifier = build_notifier("screen", "console", {"color": False, **DESK}, web_base_url=BASE)
    assert notifier.send(CASES[kind]("screen")).ok
    check_golden(f"alerts/{kind}.console.txt", capsys.readouterr().out)

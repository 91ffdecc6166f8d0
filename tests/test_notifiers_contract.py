"""Every registered notifier type against the local servers: options, delivery, failure as a value."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from monitor.errors import NotifierError
from notifiers import build_notifier
from notifiers.base import Notifier, Option, registry
from notifiers.render import sample_alert
from tests.fixtures_servers import CaptureServer, SmtpCapture, closed_url

SECRET_PATH = "/hooks/T0SECRET/B0SECRET/tokentokentoken"

# Settings that point each built-in type at the local servers. A new notifier type adds its entry here.
CONTRACT_SETTINGS: dict[str, Callable[[CaptureServer, SmtpCapture], dict[str, Any]]] = {
    "console": lambda http, smtp: {"color": False},
    "slack": lambda http, smtp: {"webhook_url": http.url + SECRET_PATH},
    "webhook": lambda http, smtp: {"url": http.url + SECRET_PATH, "secret": "shared-secret-value"},
    "email": lambda http, smtp: {
        "smtp_host": smtp.host,
        "smtp_port": smtp.port,
        "security": "none",
        "from": "storywatch@example.org",
        "to": ["desk@example.org"],
    },
}


def _received(kind: str, http: CaptureServer, smtp: SmtpCapture, out: str) -> bool:
    if kind == "console":
        return "Harbour Summit opens with 27 heads of state" in out
    if kind == "email":
        return len(smtp.wait_for(1)) == 1
    requests = http.wait_for(1)
    return len(requests) == 1 and requests[0].path == SECRET_PATH and bool(json.loads(requests[0].body))


@pytest.mark.parametrize("kind", sorted(registry()))
def test_every_notifier_delivers_the_sample_alert(kind: str, capture_server, smtp_server, capsys) -> None:
    assert kind in CONTRACT_SETTINGS, f"add local-server settings for the new notifier type {kind!r}"
    notifier = build_notifier(f"contract-{kind}", kind, CONTRACT_SETTINGS[kind](capture_server, smtp_server))
    result = notifier.send(sample_alert(notifier.name))
    assert result.ok, result.error
    assert _received(kind, capture_server, smtp_server, capsys.readouterr().out)
    notifier.close()


@pytest.mark.parametrize("kind", sorted(registry()))
def test_every_notifier_is_self_describing(kind: str) -> None:
    cls = registry()[kind]
    assert issubclass(cls, Notifier) and cls.type == kind
    assert cls.description and cls.__doc__
    names = [option.name for option in cls.all_options()]
    assert len(names) == len(set(names)), "option declared twice"
    for option in cls.options:
        assert isinstance(option, Option) and option.help, option.name
        if any(word in option.name for word in ("password", "secret", "token", "url")):
            assert option.secret, f"{kind}.{option.name} looks secret but is not marked secret=True"


@pytest.mark.parametrize("kind", ["slack", "webhook", "email"])
def test_a_down_channel_is_a_value_without_secrets(kind: str, capture_server, smtp_server) -> None:
    settings = CONTRACT_SETTINGS[kind](capture_server, smtp_server)
    if kind == "email":
        settings.update(
            smtp_port=int(closed_url().rsplit(":", 1)[1].split("/")[0]), username="desk", password="pw-SECRET-1"
        )
    else:
        settings[next(iter(settings))] = closed_url(SECRET_PATH)
    notifier = build_notifier("down", kind, settings)
    result = notifier.send(sample_alert("down"))
    assert not result.ok and result.error
    for secret in notifier.secrets():
        assert secret not in result.error
    assert "SECRET" not in result.error


def test_build_notifier_rejects_an_unknown_type_and_lists_the_known() -> None:
    with pytest.raises(NotifierError) as info:
        build_notifier("desk", "teams", {})
    assert "unknown type 'teams'" in str(info.value)
    for kind in registry():
        assert kind in str(info.value)


def test_build_notifier_checks_options_without_showing_secrets() -> None:
    with pytest.raises(NotifierError) as info:
        build_notifier("desk", "slack", {"webhook_url": "ftp://hooks/very-secret", "webhok": 1})
    message = str(info.value)
    assert "webhook_url: *** does not match" in message and "very-secret" not in message
    assert "webhok: unknown key" in message and "did you mean 'webhook_url'" in message
    with pytest.raises(NotifierError, match="to: required"):
        build_notifier("mail", "email", {"smtp_host": "localhost", "from": "a@example.org"})


def test_build_notifier_fills_defaults_and_converts() -> None:
    notifier = build_notifier(
        "mail",
        "email",
        {
            "smtp_host": "localhost",
            "from": "a@example.org",
            "to": "b@example.org",
            "smtp_port": "465",
            "timeout": "2m",
            "min_significance": "major",
        },
    )
    assert notifier.settings["to"] == ("b@example.org",)
    assert notifier.settings["smtp_port"] == 465 and notifier.settings["timeout"] == 120.0
    assert notifier.min_significance.label == "major" and notifier.enabled is True

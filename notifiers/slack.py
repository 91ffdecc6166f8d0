"""The Slack channel: posts Block Kit alerts to an incoming webhook."""

from __future__ import annotations

import json
from typing import ClassVar

from monitor.models import Alert, DeliveryResult
from notifiers._http import post
from notifiers.base import Notifier, Option
from notifiers.render_slack import slack_payload


class SlackNotifier(Notifier):
    """Post each alert to a Slack channel through an incoming webhook (Block Kit, with a text fallback)."""

    type: ClassVar[str] = "slack"
    description: ClassVar[str] = "Slack channel via an incoming webhook (Block Kit message)"
    options: ClassVar[tuple[Option, ...]] = (
        Option(
            "webhook_url",
            required=True,
            secret=True,
            pattern=r"^https?://",
            help="the incoming-webhook URL Slack gives you (https://hooks.slack.com/services/…)",
        ),
        Option("timeout", kind="duration", default=10.0, help="give up on one request after this long"),
    )

    def send(self, alert: Alert) -> DeliveryResult:
        body = json.dumps(slack_payload(alert), ensure_ascii=False).encode("utf-8")
        timeout = float(self.settings.get("timeout") or 10.0)
        return post(self, str(self.settings["webhook_url"]), body, timeout=timeout)

"""The Slack channel: Block Kit alerts through an incoming webhook, or a bot token with one thread per story.

Two modes, picked by the options given:

- ``webhook_url``: each alert is POSTed to the incoming webhook (no threads: webhooks cannot reply).
- ``token`` + ``channel``: ``chat.postMessage`` through the Web API (``api_base``, default
  https://slack.com/api). A story's first alert opens a thread; its ``ts`` is stored, and every later alert of
  that story replies in the thread (major changes are also broadcast to the channel).

With the bot token each alert carries its id as message metadata; an alert whose last attempt began and never
finished (a crash mid-POST) is first looked for in the channel (``notifiers.slack_history``) and, when found,
counted as delivered instead of posted twice. A lookup that fails is logged and the alert is sent again.

Slack answers HTTP 200 with ``{"ok": false, "error": …}`` for API errors: those are failed deliveries;
``ratelimited``/429 carries ``Retry-After``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any, ClassVar

from monitor.alert_types import OpsAlert
from monitor.models import Alert, DeliveryResult, Significance
from notifiers._http import post, post_for_response
from notifiers.base import Notifier, Option
from notifiers.slack_history import Found, LookupFailed, find_alert, metadata

log = logging.getLogger("storywatch.notifiers.slack")

DEFAULT_API = "https://slack.com/api"
# API errors a retry cannot fix: the alert goes dead sooner in spirit, but the outbox still decides
_PERMANENT = {"invalid_auth", "not_authed", "channel_not_found", "not_in_channel", "account_inactive"}


class SlackNotifier(Notifier):
    """Post each alert to Slack (Block Kit, with a text fallback): incoming webhook or bot token."""

    type: ClassVar[str] = "slack"
    description: ClassVar[str] = "Slack: incoming webhook, or bot token (chat.postMessage, one thread per story)"
    options: ClassVar[tuple[Option, ...]] = (
        Option(
            "webhook_url",
            secret=True,
            pattern=r"^https?://",
            help="the incoming-webhook URL Slack gives you (https://hooks.slack.com/services/…)",
        ),
        Option("token", secret=True, help="a bot token (xoxb-…) with chat:write; use with channel"),
        Option("channel", help="channel id or name for the bot token mode, e.g. C0123456789 or #world-desk"),
        Option("api_base", default=DEFAULT_API, pattern=r"^https?://", help="Slack Web API base URL"),
        Option("timeout", kind="duration", default=10.0, help="give up on one request after this long"),
    )

    @classmethod
    def combination_problems(cls, values: Mapping[str, Any]) -> list[tuple[str, str]]:
        problems = super().combination_problems(values)
        has_hook, has_bot = bool(values.get("webhook_url")), bool(values.get("token"))
        if has_hook and has_bot:
            problems.append(("token", "set either webhook_url, or token and channel, not both"))
        elif not has_hook and not has_bot:
            problems.append(("webhook_url", "required (or token and channel for bot mode, one thread per story)"))
        if has_bot and not values.get("channel"):
            problems.append(("channel", "required with token (the channel id or #name to post in)"))
        if values.get("channel") and not has_bot:
            problems.append(("channel", "only used with token (an incoming webhook posts to its own channel)"))
        return problems

    @property
    def bot_mode(self) -> bool:
        return bool(self.settings.get("token"))

    @property
    def _timeout(self) -> float:
        return float(self.settings.get("timeout") or 10.0)

    def send(self, alert: Alert) -> DeliveryResult:
        from notifiers.render_slack import slack_payload  # the renderers load when an alert is sent

        payload = slack_payload(alert, self.diff_link(alert.change), self.tz)
        if not self.bot_mode:
            return self._webhook(payload)
        story_id = alert.change.story_id
        threads = self.threads if alert.id > 0 else None  # test alerts never open a thread
        thread = threads.get(story_id) if threads is not None else None
        found = self._already_sent(alert, thread)
        if found is not None:
            if threads is not None and not thread:
                threads.save(story_id, found.thread_ts or found.ts, str(self.settings["channel"]))
            return DeliveryResult(ok=True)
        if alert.id > 0:
            payload["metadata"] = metadata(alert.id, alert.dedupe_key)
        if thread:
            payload["thread_ts"] = thread
            if alert.change.significance >= Significance.MAJOR:
                payload["reply_broadcast"] = True
        result, answer = self._post_message(payload)
        if result.ok and threads is not None and not thread and answer.get("ts"):
            threads.save(story_id, str(answer["ts"]), str(answer.get("channel") or self.settings["channel"]))
        return result

    def send_ops(self, alert: OpsAlert) -> DeliveryResult:
        from notifiers.render_slack import ops_payload

        payload = ops_payload(alert)
        if not self.bot_mode:
            return self._webhook(payload)
        if self._already_sent(alert, None) is not None:
            return DeliveryResult(ok=True)
        payload["metadata"] = metadata(alert.id, alert.dedupe_key)
        return self._post_message(payload)[0]

    def _already_sent(self, alert: Alert | OpsAlert, thread: str | None) -> Found | None:
        """The message of an alert whose last attempt never finished, if the channel has it (bot mode only)."""
        started, alert_id = alert.attempt_started_at, alert.id
        if started is None or alert_id <= 0:
            return None
        api = str(self.settings.get("api_base") or DEFAULT_API)
        token, channel = str(self.settings["token"]), str(self.settings["channel"])
        try:
            found = find_alert(
                api,
                token,
                channel,
                alert_id=alert_id,
                dedupe_key=alert.dedupe_key,
                since=started,
                thread=thread,
                timeout=self._timeout,
            )
        except LookupFailed as exc:
            log.warning(
                "%s: alert %d's last attempt never finished and the channel cannot be read (%s): sending it again",
                self.name,
                alert_id,
                self.redact(str(exc)),
            )
            return None
        if found is None:
            log.info("%s: alert %d's unfinished attempt did not reach the channel: sending it", self.name, alert_id)
        else:
            log.info("%s: alert %d is in the channel already (ts %s): not sent again", self.name, alert_id, found.ts)
        return found

    def _webhook(self, payload: dict[str, Any]) -> DeliveryResult:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        return post(self, str(self.settings["webhook_url"]), body, timeout=self._timeout)

    def _post_message(self, payload: dict[str, Any]) -> tuple[DeliveryResult, dict[str, Any]]:
        """``chat.postMessage``; returns the result and Slack's answer (``ts``, ``channel``) when ok."""
        url = str(self.settings.get("api_base") or DEFAULT_API).rstrip("/") + "/chat.postMessage"
        body = json.dumps({"channel": self.settings["channel"], **payload}, ensure_ascii=False).encode("utf-8")
        headers = {"Authorization": f"Bearer {self.settings['token']}"}
        result, response = post_for_response(self, url, body, headers=headers, timeout=self._timeout)
        if not result.ok or response is None:
            return result, {}
        try:
            answer = response.json()
        except ValueError:
            return DeliveryResult(ok=False, error="slack: the API answered with something that is not JSON"), {}
        if not isinstance(answer, dict) or not answer.get("ok"):
            error = str(answer.get("error") if isinstance(answer, dict) else "unexpected answer")
            hint = " (check the token, the channel and that the bot is in it)" if error in _PERMANENT else ""
            wait = 60.0 if error == "ratelimited" else None
            return DeliveryResult(ok=False, error=self.redact(f"slack: API error {error}{hint}"), retry_after=wait), {}
        return result, answer

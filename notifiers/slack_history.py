"""Has this alert reached the Slack channel already? Read back through the Web API by the alert's metadata.

With a bot token every alert is posted with message metadata (``event_type`` ``storywatch_alert``, the alert's
id and dedupe key in ``event_payload``). An alert whose last attempt began and never finished (the process
died mid-POST) is looked for before it is sent again: in its story's thread (``conversations.replies``) when
it was going to be a reply, else in the channel (``conversations.history``), from a little before the attempt
began, newest first, a bounded number of pages. Found: the alert is delivered, no second copy. A lookup
that fails raises ``LookupFailed`` and the caller sends again (never lose an alert for fear of a duplicate).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

EVENT_TYPE = "storywatch_alert"
SLACK_CLOCK_SKEW = timedelta(minutes=2)  # look this much before the attempt began (our clock vs Slack's)
PAGE_SIZE = 200
MAX_PAGES = 5  # at most 1,000 messages read per lookup


class LookupFailed(Exception):
    """The channel could not be read (API down, no permission, unexpected answer); the message says why."""


@dataclass(frozen=True)
class Found:
    """The alert's message in the channel: its ``ts`` and, for a reply, the thread it is in."""

    ts: str
    thread_ts: str | None


def metadata(alert_id: int, dedupe_key: str) -> dict[str, Any]:
    """The ``metadata`` of an alert's message (``chat.postMessage``)."""
    return {"event_type": EVENT_TYPE, "event_payload": {"alert_id": alert_id, "dedupe_key": dedupe_key}}


def _is_alert(message: Any, alert_id: int, dedupe_key: str) -> bool:
    if not isinstance(message, dict):
        return False
    meta = message.get("metadata")
    if not isinstance(meta, dict) or meta.get("event_type") != EVENT_TYPE:
        return False
    payload = meta.get("event_payload")
    return isinstance(payload, dict) and payload.get("alert_id") == alert_id and payload.get("dedupe_key") == dedupe_key


def find_alert(
    api_base: str,
    token: str,
    channel: str,
    *,
    alert_id: int,
    dedupe_key: str,
    since: datetime,
    thread: str | None = None,
    timeout: float = 10.0,
) -> Found | None:
    """The alert's message if the channel holds it (posted after ``since`` minus a clock margin), else None."""
    method = "conversations.replies" if thread else "conversations.history"
    params: dict[str, str] = {
        "channel": channel,
        "oldest": f"{(since - SLACK_CLOCK_SKEW).timestamp():.6f}",
        "limit": str(PAGE_SIZE),
        "include_all_metadata": "true",
    }
    if thread:
        params["ts"] = thread
    url = api_base.rstrip("/") + "/" + method
    headers = {"Authorization": f"Bearer {token}"}
    import httpx  # loaded when an alert is looked for, not when the config names a Slack channel

    from monitor.tls import tls

    with httpx.Client(timeout=timeout, follow_redirects=False, verify=tls()) as client:
        for _ in range(MAX_PAGES):
            answer = _get(client, url, params, headers, method)
            for message in answer.get("messages") or ():
                if _is_alert(message, alert_id, dedupe_key):
                    return Found(str(message.get("ts")), message.get("thread_ts") or thread)
            cursor = (answer.get("response_metadata") or {}).get("next_cursor")
            if not answer.get("has_more") or not cursor:
                return None
            params["cursor"] = str(cursor)
    raise LookupFailed(f"not among the {PAGE_SIZE * MAX_PAGES} latest messages of the channel (too busy to tell)")


def _get(client: Any, url: str, params: dict[str, str], headers: dict[str, str], method: str) -> Any:
    try:
        response = client.get(url, params=params, headers=headers)
    except Exception as exc:  # noqa: BLE001 - httpx.HTTPError and whatever a broken answer raises
        raise LookupFailed(f"{method}: cannot connect: {type(exc).__name__}") from None
    if response.status_code != 200:
        raise LookupFailed(f"{method}: HTTP {response.status_code}")
    try:
        answer = response.json()
    except ValueError:
        raise LookupFailed(f"{method}: the answer is not JSON") from None
    if not isinstance(answer, dict) or not answer.get("ok"):
        error = answer.get("error") if isinstance(answer, dict) else "unexpected answer"
        hints = {
            "missing_scope": " (the bot needs channels:history, or groups:history in a private channel)",
            "channel_not_found": " (reading needs the channel's id, C…, as channel, not its #name)",
        }
        hint = hints.get(str(error), "")
        raise LookupFailed(f"{method}: API error {error}{hint}")
    return answer

"""POST a JSON body to a channel's HTTP endpoint and turn every outcome into a DeliveryResult."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from monitor.models import DeliveryResult
from monitor.tls import tls
from notifiers.base import Notifier

if TYPE_CHECKING:
    import httpx

USER_AGENT = "storywatch-notifier/1"
_BODY_SNIPPET = 200


def retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header (seconds or an HTTP date); None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        from email.utils import parsedate_to_datetime  # an HTTP date: rare, so loaded when one comes

        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def post(
    notifier: Notifier, url: str, body: bytes, *, headers: dict[str, str] | None = None, timeout: float = 10.0
) -> DeliveryResult:
    """POST ``body`` to ``url``: 2xx is ok, 429 carries ``retry_after``, anything else a redacted error."""
    return post_for_response(notifier, url, body, headers=headers, timeout=timeout)[0]


def post_for_response(
    notifier: Notifier, url: str, body: bytes, *, headers: dict[str, str] | None = None, timeout: float = 10.0
) -> tuple[DeliveryResult, httpx.Response | None]:
    """Like :func:`post`, also returning the response (None when there was none) for APIs that answer."""
    import httpx  # loaded when something is sent, not when the config names an HTTP channel

    all_headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT}
    all_headers.update(headers or {})
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False, verify=tls()) as client:
            response = client.post(url, content=body, headers=all_headers)
    except httpx.TimeoutException:
        return DeliveryResult(ok=False, error=f"{notifier.type}: timed out after {timeout:g}s"), None
    except httpx.HTTPError as exc:
        reason = str(exc) or type(exc).__name__
        return DeliveryResult(ok=False, error=notifier.redact(f"{notifier.type}: cannot connect: {reason}")), None
    if 200 <= response.status_code < 300:
        return DeliveryResult(ok=True), response
    snippet = " ".join(response.text[:_BODY_SNIPPET].split())
    error = f"{notifier.type}: HTTP {response.status_code} {response.reason_phrase}".rstrip()
    if snippet:
        error += f": {snippet}"
    wait = retry_after(response.headers.get("Retry-After")) if response.status_code in (429, 503) else None
    if response.status_code == 429 and wait is None:
        wait = 60.0
    return DeliveryResult(ok=False, error=notifier.redact(error), retry_after=wait), response

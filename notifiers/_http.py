"""POST a JSON body to a channel's HTTP endpoint and turn every outcome into a DeliveryResult."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from monitor.models import DeliveryResult
from monitor.tls import tls
from notifiers.base import Notifier

if TYPE_CHECKING:
    import httpx

USER_AGENT = "storywatch-notifier/1"
_BODY_SNIPPET = 200
_burst = threading.local()  # .client: this thread's client while a burst lasts (None until its first post)


@contextmanager
def burst() -> Iterator[None]:
    """This thread's POSTs until the block ends share one client and its open connections: a delivery cycle that
    sends a channel many alerts connects once, not once per alert. Outside a burst each POST has its own client."""
    if hasattr(_burst, "client"):  # already in one
        yield
        return
    _burst.client = None
    try:
        yield
    finally:
        client = _burst.client
        del _burst.client
        if client is not None:
            client.close()


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

    from monitor.cookies import quiet_cookies

    all_headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT}
    all_headers.update(headers or {})
    shared = hasattr(_burst, "client")
    try:
        if shared:
            if _burst.client is None:
                _burst.client = quiet_cookies(httpx.Client(follow_redirects=False, verify=tls()))
            response = _burst.client.post(url, content=body, headers=all_headers, timeout=timeout)
        else:
            with quiet_cookies(httpx.Client(timeout=timeout, follow_redirects=False, verify=tls())) as client:
                response = client.post(url, content=body, headers=all_headers)
    except httpx.HTTPError as exc:
        if shared and _burst.client is not None:  # its connections may be broken: the next POST starts afresh
            _burst.client.close()
            _burst.client = None
        if isinstance(exc, httpx.TimeoutException):
            return DeliveryResult(ok=False, error=f"{notifier.type}: timed out after {timeout:g}s"), None
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

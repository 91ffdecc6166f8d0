"""Fetch one URL politely and safely with httpx; every outcome, failures included, is a FetchResult.

Politeness: conditional GET (the server's own ETag / Last-Modified sent back; 304 is a value), at most
``per_host`` requests in flight per host with ``min_gap`` between starts, 429/503 ``Retry-After`` honoured for
the whole host, robots.txt obeyed (Crawl-delay too).
Safety: only http(s); the body is streamed and cut off at ``max_bytes``; a total deadline catches slow-drip
bodies; redirects are followed by hand so each hop is checked (scheme, private addresses, robots) and counted.
Connections go to the very address the private-address check approved (the transport does not resolve the
name again), so a name that answers a public address to the check and a private one later gets nowhere (DNS
rebinding). Compressed bodies are inflated in steps of ``INFLATE_STEP`` bytes with the cap checked after each
step, so a gzip bomb costs at most the cap, never the whole bomb.
Cost: a 304, a redirect or an error answer has its (small) body read to the end, so its keep-alive connection
goes back to the pool instead of being closed; a host's private-address verdict is cached for ``RESOLVE_TTL``.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from monitor.config import FetchSettings
from monitor.cookies import quiet_cookies
from monitor.inflate import Inflater, UnsupportedEncoding
from monitor.models import FetchResult, utcnow
from monitor.politeness import HostLimiter
from monitor.robots import RobotsCache, SharedReading
from monitor.tls import tls

log = logging.getLogger("storywatch.fetch")

_REDIRECTS = {301, 302, 303, 307, 308}
MAX_RETRY_AFTER = 24 * 3600.0
RESOLVE_TTL = 30.0  # seconds a host's private-address verdict is reused (one DNS lookup per host, not per request)
DRAIN_LIMIT = 64_000  # bytes of a 304/redirect/error body read so the connection can be reused
Resolver = Callable[[str], list[str]]


def _resolve(host: str) -> list[str]:
    return sorted({info[4][0] for info in socket.getaddrinfo(host, None)})


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class _TooSlow(Exception):
    pass


class Fetcher:
    """One shared httpx client (connection pool) for every source; safe to use from several threads."""

    def __init__(
        self,
        settings: FetchSettings,
        *,
        resolver: Resolver = _resolve,
        limiter: HostLimiter | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``clock`` (monotonic seconds) times the cached private-address verdicts; tests pass their own."""
        self.settings = settings
        self._resolve = resolver
        self._clock = clock
        # host → (expires, refusal or None, the addresses checked): connections go to those addresses only
        self._verdicts: dict[str, tuple[float, str | None, tuple[str, ...]]] = {}
        self.limiter = limiter or HostLimiter(settings.per_host, settings.min_gap)
        self.robots = RobotsCache(self._get_robots, settings.user_agent) if settings.robots_txt else None
        timeout = httpx.Timeout(settings.timeout, connect=min(settings.timeout, 10.0))
        limits = httpx.Limits(max_connections=max(4, settings.workers * 2), max_keepalive_connections=8)
        pinned = None if settings.allow_private_networks else _PinnedTransport(self._approved_addresses, limits)
        self._client = quiet_cookies(
            httpx.Client(
                timeout=timeout,
                follow_redirects=False,
                headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
                limits=limits,
                transport=pinned,
                verify=tls(),
            )
        )

    def share(self, limiter: HostLimiter, robots: SharedReading) -> None:
        """Hold per-host limits and robots.txt readings together with other workers (``monitor.politeness_shared``)."""
        self.limiter = limiter
        if self.robots is not None:
            self.robots.shared = robots

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(
        self,
        url: str,
        *,
        accept: str = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchResult:
        """GET ``url`` (conditionally when validators are given), following up to ``max_redirects`` hops.

        Never raises for network trouble: the outcome is a FetchResult (``error`` set on failure,
        ``status == 304`` when the server says nothing changed, ``deferred`` when we did not ask at all).
        """
        started = time.monotonic()
        current = url
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for _hop in range(self.settings.max_redirects + 1):
            refusal = self._refuse(current)
            if refusal:
                return self._failed(url, current, None, refusal, started, deferred=refusal.startswith("deferred"))
            try:
                result = self._polite_get(url, current, headers, started)
            except (httpx.TimeoutException, _TooSlow) as exc:
                limit = self.settings.total_timeout if isinstance(exc, _TooSlow) else self.settings.timeout
                return self._failed(url, current, None, f"timed out after {limit:g}s", started)
            except httpx.HTTPError as exc:
                return self._failed(url, current, None, _network_reason(exc), started)
            if isinstance(result, FetchResult):
                return result
            current = result  # the next hop; validators belong to the first URL only
            headers = {"Accept": accept}
        return self._failed(
            url, current, None, f"too many redirects (more than {self.settings.max_redirects})", started
        )

    def _polite_get(self, url: str, current: str, headers: dict[str, str], started: float) -> FetchResult | str:
        parts = urlsplit(current)
        host = parts.hostname or ""
        gap = self.robots.crawl_delay(current) if self.robots and parts.path != "/robots.txt" else None
        with self.limiter.slot(host, gap):
            # the total deadline runs from the request's own start, not from the wait for the host's turn
            return self._get_once(url, current, headers, started, time.monotonic() + self.settings.total_timeout)

    def _get_once(
        self, url: str, current: str, headers: dict[str, str], started: float, deadline: float
    ) -> FetchResult | str:
        with self._client.stream("GET", current, headers=headers) as response:
            if response.status_code in _REDIRECTS and "location" in response.headers:
                _drain(response, deadline)
                return urljoin(current, response.headers["location"])
            content_type, charset = _content_type(response.headers.get("content-type", ""))
            header_pairs = tuple(response.headers.items())
            if response.status_code == 304:
                _drain(response, deadline)
                return self._result(url, response, b"", content_type, charset, header_pairs, started)
            if response.status_code >= 400:
                _drain(response, deadline)
                return self._http_error(url, current, response, header_pairs, started)
            try:
                inflater = Inflater(response.headers.get("content-encoding", ""))
            except UnsupportedEncoding as exc:
                return self._failed(url, current, response.status_code, str(exc), started)
            body = bytearray()
            try:
                for raw in response.iter_raw():
                    for piece in inflater.feed(raw):
                        body.extend(piece)
                        if len(body) > self.settings.max_bytes:
                            cap = _size(self.settings.max_bytes)
                            reason = f"body larger than the {cap} cap" + (
                                " once decompressed" if inflater.active else ""
                            )
                            return self._failed(url, current, response.status_code, reason, started)
                    if time.monotonic() > deadline:
                        raise _TooSlow
            except UnsupportedEncoding as exc:  # a body that is not what its Content-Encoding says
                return self._failed(url, current, response.status_code, str(exc), started)
        return self._result(url, response, bytes(body), content_type, charset, header_pairs, started)

    def _result(
        self,
        url: str,
        response: httpx.Response,
        body: bytes,
        content_type: str,
        charset: str | None,
        headers: tuple[tuple[str, str], ...],
        started: float,
    ) -> FetchResult:
        elapsed = time.monotonic() - started
        log.debug("fetched %s status=%s bytes=%d in %.2fs", response.url, response.status_code, len(body), elapsed)
        return FetchResult(
            url=url,
            final_url=str(response.url),
            status=response.status_code,
            content=body,
            content_type=content_type,
            encoding=charset,
            headers=headers,
            fetched_at=utcnow(),
            elapsed=elapsed,
        )

    def _http_error(
        self,
        url: str,
        current: str,
        response: httpx.Response,
        headers: tuple[tuple[str, str], ...],
        started: float,
    ) -> FetchResult:
        status = response.status_code
        reason = f"HTTP {status} {response.reason_phrase}".strip()
        retry_after = None
        if status in (429, 503):
            retry_after = _retry_after(response.headers.get("retry-after"))
            if retry_after is not None:
                self.limiter.defer(urlsplit(current).hostname or "", retry_after)
                reason += f" (asked to retry after {retry_after:g}s)"
        result = self._failed(url, current, status, reason, started, headers=headers)
        return FetchResult(**{**result.__dict__, "retry_after": retry_after})

    def _refuse(self, url: str) -> str | None:
        """Why this URL may not be fetched now, or None."""
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"}:
            return f"refused: only http and https URLs are fetched, not {parts.scheme or 'a relative URL'!r}"
        if not parts.hostname:
            return "refused: the URL has no host"
        if not self.settings.allow_private_networks:
            private = self._private_address(parts.hostname)
            if private:
                return private
        wait = self.limiter.deferred(parts.hostname)
        if wait > 0:
            return f"deferred: {parts.hostname} asked us to wait {wait:.0f}s more (Retry-After)"
        if self.robots is not None and parts.path != "/robots.txt":
            return self.robots.check(url)
        return None

    def _private_address(self, host: str) -> str | None:
        """Why ``host`` is refused (it resolves to a private address, or not at all), or None; cached briefly."""
        return self._checked(host)[0]

    def _checked(self, host: str) -> tuple[str | None, tuple[str, ...]]:
        """(refusal or None, the addresses it is about), resolved once per ``RESOLVE_TTL``."""
        now = self._clock()
        cached = self._verdicts.get(host)
        if cached is not None and cached[0] > now:
            return cached[1], cached[2]
        verdict, addresses = self._resolve_verdict(host)
        if len(self._verdicts) > 10_000:  # many one-off hosts: start over rather than grow without bound
            self._verdicts.clear()
        self._verdicts[host] = (now + RESOLVE_TTL, verdict, addresses)
        return verdict, addresses

    def _approved_addresses(self, host: str) -> tuple[str, ...]:
        """The addresses a connection to ``host`` may use: those the check approved (the transport's resolver)."""
        verdict, addresses = self._checked(host)
        if verdict or not addresses:
            raise httpcore.ConnectError(verdict or f"could not resolve {host}")
        return addresses

    def _resolve_verdict(self, host: str) -> tuple[str | None, tuple[str, ...]]:
        try:
            addresses = tuple(self._resolve(host))
        except OSError as exc:
            return f"could not resolve {host}: {exc.strerror or exc}", ()
        private = [a for a in addresses if not _is_public(a)]
        if private:
            reason = (
                f"refused: {host} resolves to a private or loopback address ({private[0]}); "
                "set fetch.allow_private_networks: true to allow it"
            )
            return reason, addresses
        return None, addresses

    def _get_robots(self, url: str) -> FetchResult:
        return self.get(url, accept="text/plain,*/*;q=0.5")

    def _failed(
        self,
        url: str,
        current: str,
        status: int | None,
        reason: str,
        started: float,
        *,
        headers: tuple[tuple[str, str], ...] = (),
        deferred: bool = False,
    ) -> FetchResult:
        # the caller decides what a failure means (a story failing is a warning, a missing robots.txt nothing)
        log.debug("GET %s: %s", current, reason)
        return FetchResult(
            url=url,
            final_url=current,
            status=status,
            headers=headers,
            fetched_at=utcnow(),
            elapsed=time.monotonic() - started,
            error=reason,
            deferred=deferred,
        )


class _PinnedBackend(httpcore.SyncBackend):
    """Connects to the addresses ``approve(host)`` returns, never to a fresh resolution of the name."""

    def __init__(self, approve: Callable[[str], tuple[str, ...]]) -> None:
        self._approve = approve

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        failure: Exception | None = None
        for address in self._approve(host):
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:  # the next approved address, as create_connection would
                failure = exc
        raise failure or httpcore.ConnectError(f"could not connect to {host}")


class _PinnedTransport(httpx.HTTPTransport):
    """httpx's own transport, with its connection pool built on :class:`_PinnedBackend`.

    TLS still verifies the certificate against the host name (httpcore sends the name as SNI; only the TCP
    connection uses the approved address).
    """

    def __init__(self, approve: Callable[[str], tuple[str, ...]], limits: httpx.Limits) -> None:
        super().__init__(limits=limits)
        self._pool = httpcore.ConnectionPool(
            ssl_context=tls(),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=_PinnedBackend(approve),
        )


def _drain(response: httpx.Response, deadline: float) -> None:
    """Read a body we do not keep, so the connection can serve the next request.

    Past DRAIN_LIMIT bytes, the deadline or a broken read, stop: the connection is then closed, not reused."""
    read = 0
    try:
        for chunk in response.iter_raw():
            read += len(chunk)
            if read > DRAIN_LIMIT or time.monotonic() > deadline:
                return
    except httpx.HTTPError:
        return


def _size(count: int) -> str:
    """10000000 → "10 MB", 2000 → "2 kB" (the way config.yaml writes sizes)."""
    if count >= 1_000_000:
        return f"{count / 1_000_000:g} MB"
    return f"{count / 1000:g} kB" if count >= 1000 else f"{count} bytes"


def _retry_after(value: str | None) -> float | None:
    """``Retry-After: 120`` or an HTTP date → seconds from now (capped at a day); None when absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return min(max(0.0, (when - utcnow()).total_seconds()), MAX_RETRY_AFTER)


def _content_type(header: str) -> tuple[str, str | None]:
    """``text/html; charset=UTF-8`` → ("text/html", "utf-8")."""
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip("\"' ").lower()
    return media.strip().lower(), charset


def _network_reason(exc: httpx.HTTPError) -> str:
    text = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.ConnectError):
        return f"could not connect: {text}"
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
        return f"the server broke the connection: {text}"
    return f"{type(exc).__name__}: {text}"

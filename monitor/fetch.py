"""Fetch one URL politely and safely with httpx; every outcome, failures included, is a FetchResult.

Safety: only http(s); the body is streamed and cut off at ``max_bytes``; redirects are followed by hand so
each hop is checked (scheme, private addresses) and counted; connect/read timeouts come from config.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

import httpx

from monitor.config import FetchSettings
from monitor.models import FetchResult, utcnow

log = logging.getLogger("storywatch.fetch")

_REDIRECTS = {301, 302, 303, 307, 308}
Resolver = Callable[[str], list[str]]


def _resolve(host: str) -> list[str]:
    return sorted({info[4][0] for info in socket.getaddrinfo(host, None)})


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class Fetcher:
    """One shared httpx client (connection pool) for every source; safe to use from several threads."""

    def __init__(self, settings: FetchSettings, *, resolver: Resolver = _resolve) -> None:
        self.settings = settings
        self._resolve = resolver
        timeout = httpx.Timeout(settings.timeout, connect=min(settings.timeout, 10.0))
        self._client = httpx.Client(
            timeout=timeout,
            follow_redirects=False,
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            limits=httpx.Limits(max_connections=max(4, settings.workers * 2), max_keepalive_connections=8),
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(
        self, url: str, *, accept: str = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
    ) -> FetchResult:
        """GET ``url``, following up to ``max_redirects`` redirects; never raises for network trouble."""
        started = time.monotonic()
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            refusal = self._refuse(current)
            if refusal:
                return self._failed(url, current, None, refusal, started)
            try:
                result = self._get_once(url, current, accept, started)
            except httpx.TimeoutException:
                return self._failed(
                    url, current, None, f"timed out after {self.settings.timeout:g}s", started
                )
            except httpx.HTTPError as exc:
                return self._failed(url, current, None, _network_reason(exc), started)
            if isinstance(result, FetchResult):
                return result
            current = result  # the next hop
        return self._failed(
            url, current, None, f"too many redirects (more than {self.settings.max_redirects})", started
        )

    def _get_once(self, url: str, current: str, accept: str, started: float) -> FetchResult | str:
        with self._client.stream("GET", current, headers={"Accept": accept}) as response:
            if response.status_code in _REDIRECTS and "location" in response.headers:
                return urljoin(current, response.headers["location"])
            content_type, charset = _content_type(response.headers.get("content-type", ""))
            headers = tuple((k, v) for k, v in response.headers.items())
            if response.status_code >= 400:
                reason = f"HTTP {response.status_code} {response.reason_phrase}".strip()
                return self._failed(url, current, response.status_code, reason, started, headers=headers)
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > self.settings.max_bytes:
                    cap = f"{self.settings.max_bytes / 1_000_000:g} MB"
                    return self._failed(
                        url, current, response.status_code, f"body larger than the {cap} cap", started
                    )
        elapsed = time.monotonic() - started
        log.debug("fetched %s status=%s bytes=%d in %.2fs", current, response.status_code, len(body), elapsed)
        return FetchResult(
            url=url,
            final_url=str(response.url),
            status=response.status_code,
            content=bytes(body),
            content_type=content_type,
            encoding=charset,
            headers=headers,
            fetched_at=utcnow(),
            elapsed=elapsed,
        )

    def _refuse(self, url: str) -> str | None:
        """Why this URL may not be fetched, or None."""
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"}:
            return f"refused: only http and https URLs are fetched, not {parts.scheme or 'a relative URL'!r}"
        if not parts.hostname:
            return "refused: the URL has no host"
        if self.settings.allow_private_networks:
            return None
        try:
            addresses = self._resolve(parts.hostname)
        except OSError as exc:
            return f"could not resolve {parts.hostname}: {exc.strerror or exc}"
        private = [a for a in addresses if not _is_public(a)]
        if private:
            return (
                f"refused: {parts.hostname} resolves to a private or loopback address ({private[0]}); "
                "set fetch.allow_private_networks: true to allow it"
            )
        return None

    def _failed(
        self,
        url: str,
        current: str,
        status: int | None,
        reason: str,
        started: float,
        *,
        headers: tuple[tuple[str, str], ...] = (),
    ) -> FetchResult:
        log.info("fetch failed %s: %s", current, reason)
        return FetchResult(
            url=url,
            final_url=current,
            status=status,
            headers=headers,
            fetched_at=utcnow(),
            elapsed=time.monotonic() - started,
            error=reason,
        )


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
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"the server broke the connection: {text}"
    return f"{type(exc).__name__}: {text}"

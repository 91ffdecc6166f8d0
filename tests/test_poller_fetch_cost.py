"""What a cheap check costs the fetcher, against a real local server: kept-alive connections, one DNS lookup.

A 304, a redirect hop or an error answer leaves its connection open for the next request (its small body is
read to the end), and a host's private-address check resolves it once per ``RESOLVE_TTL``, not per request.
Only an answer that sets a cookie is read by the cookie jar (``monitor.cookies``); its cookie is sent back.
"""

from __future__ import annotations

import http.cookiejar
from typing import Any

import pytest

from monitor import fetch
from monitor.config import FetchSettings
from monitor.demo.newsroom import Newsroom
from monitor.fetch import Fetcher
from tests.fixtures_servers import CaptureServer

LOOPBACK = FetchSettings(allow_private_networks=True, timeout=2.0, min_gap=0.0, robots_txt=False)


def client_ports(newsroom: Newsroom) -> list[int]:
    """The client port of every request the newsroom answers: one port, one kept-alive connection."""
    ports: list[int] = []
    original = newsroom._serve

    def counting(handler: Any) -> None:
        ports.append(handler.client_address[1])
        original(handler)

    newsroom._serve = counting  # type: ignore[method-assign]
    return ports


@pytest.mark.parametrize(
    ("status", "headers", "body"),
    [
        (304, {"ETag": '"v1"'}, b""),
        (404, {}, b"<html><body><h1>Not found</h1>" + b"<p>gone</p>" * 200 + b"</body></html>"),
        (302, {"Location": "/page"}, b"<a href='/page'>moved</a>"),
    ],
    ids=["304", "404 with a body", "redirect with a body"],
)
def test_a_cheap_answer_keeps_its_connection_for_the_next_request(
    status: int, headers: dict[str, str], body: bytes, newsroom: Newsroom
) -> None:
    newsroom.set("/answer", body, status=status, headers=headers)
    newsroom.set("/page", "<p>here</p>")
    ports = client_ports(newsroom)
    with Fetcher(LOOPBACK) as fetcher:
        results = [fetcher.get(newsroom.url("/answer"), etag='"v1"') for _ in range(5)]
    assert {r.status for r in results} == {200 if status == 302 else status}
    assert len(ports) == (10 if status == 302 else 5) and len(set(ports)) == 1  # one connection for all


def test_a_big_error_page_is_not_downloaded_to_save_a_connection(newsroom: Newsroom) -> None:
    newsroom.set("/huge-error", b"x" * (fetch.DRAIN_LIMIT * 4), status=500)
    with Fetcher(LOOPBACK) as fetcher:
        result = fetcher.get(newsroom.url("/huge-error"))
        assert result.status == 500 and result.error == "HTTP 500 Internal Server Error"
        assert fetcher.get(newsroom.url("/huge-error")).status == 500  # a new connection serves the next one


def test_the_private_address_check_resolves_a_host_once_per_ttl(newsroom: Newsroom, monkeypatch) -> None:
    newsroom.set("/page", "<p>here</p>")
    lookups: list[str] = []
    now = [1000.0]

    def resolver(host: str) -> list[str]:
        lookups.append(host)
        return ["127.0.0.1"]

    monkeypatch.setattr(fetch, "_is_public", lambda address: address == "127.0.0.1")  # passed off as public
    settings = FetchSettings(allow_private_networks=False, timeout=2.0, min_gap=0.0, robots_txt=False)
    with Fetcher(settings, resolver=resolver, clock=lambda: now[0]) as fetcher:
        assert all(fetcher.get(newsroom.url("/page")).ok for _ in range(3))
        assert lookups == ["127.0.0.1"]
        now[0] += fetch.RESOLVE_TTL + 1
        assert fetcher.get(newsroom.url("/page")).ok
        assert lookups == ["127.0.0.1", "127.0.0.1"]  # looked up again once the verdict expired


def test_only_an_answer_that_sets_a_cookie_is_read_by_the_jar(capture_server: CaptureServer, monkeypatch) -> None:
    read: list[str] = []
    extract = http.cookiejar.CookieJar.extract_cookies

    def counted(jar: http.cookiejar.CookieJar, response: Any, request: Any) -> None:
        read.append(request.get_full_url())
        extract(jar, response, request)

    monkeypatch.setattr(http.cookiejar.CookieJar, "extract_cookies", counted)
    capture_server.respond(200, "<p>one</p>").respond(200, "<p>two</p>", {"Set-Cookie": "edition=uk; Path=/"})
    with Fetcher(LOOPBACK) as fetcher:
        for path in ("/plain", "/sets", "/after"):
            assert fetcher.get(capture_server.url + path).ok
    assert read == [capture_server.url + "/sets"]  # the answers without Set-Cookie cost the jar nothing
    assert [r.headers.get("cookie") for r in capture_server.requests] == [None, None, "edition=uk"]

"""The fetcher against hostile answers: a name that rebinds to a private address, gzip bombs, lying encodings."""

from __future__ import annotations

import gzip
import threading
import tracemalloc
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from monitor import fetch
from monitor.config import FetchSettings
from monitor.demo.newsroom import Newsroom
from monitor.fetch import Fetcher
from monitor.inflate import STEP, Inflater, UnsupportedEncoding


class _Site:
    """One loopback address answering every GET with ``body``; ``hits`` counts what reached it."""

    def __init__(self, host: str, port: int, body: bytes) -> None:
        site = self
        self.hits = 0

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                site.hits += 1
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

        self.server = ThreadingHTTPServer((host, port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def two_sites() -> Iterator[tuple[_Site, _Site]]:
    """The same port on two loopback addresses: 127.0.0.1 holds a secret, 127.0.0.2 the public page."""
    inside = _Site("127.0.0.1", 0, b"<p>secret from the inside</p>")
    outside = _Site("127.0.0.2", inside.port, b"<p>the public page</p>")
    yield inside, outside
    inside.close()
    outside.close()


def test_a_name_that_rebinds_to_a_private_address_after_the_check_is_not_followed(
    two_sites: tuple[_Site, _Site], monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: the name answers a "public" address to the check and a private one to every later lookup.
    The connection must go to the address that was checked, never to the rebound one."""
    inside, outside = two_sites
    monkeypatch.setattr(fetch, "_is_public", lambda address: address == "127.0.0.2")  # passed off as public
    answers = iter([["127.0.0.2"]])
    lookups: list[str] = []

    def resolver(host: str) -> list[str]:
        lookups.append(host)
        return next(answers, ["127.0.0.1"])  # every lookup after the first: the private address

    settings = FetchSettings(allow_private_networks=False, min_gap=0.0, robots_txt=False, timeout=3.0)
    with Fetcher(settings, resolver=resolver) as fetcher:
        result = fetcher.get(f"http://localhost:{inside.port}/story")
    assert result.ok, result.error
    assert result.content == b"<p>the public page</p>"
    assert inside.hits == 0 and outside.hits == 1
    assert lookups == ["localhost"]  # one lookup: the transport connects to what the check saw


def test_when_the_checked_verdict_expires_a_rebound_name_is_refused_not_fetched(
    two_sites: tuple[_Site, _Site], monkeypatch: pytest.MonkeyPatch
) -> None:
    inside, outside = two_sites
    monkeypatch.setattr(fetch, "_is_public", lambda address: address == "127.0.0.2")
    now = [0.0]
    answers = iter([["127.0.0.2"]])
    settings = FetchSettings(allow_private_networks=False, min_gap=0.0, robots_txt=False, timeout=3.0)
    with Fetcher(settings, resolver=lambda host: next(answers, ["127.0.0.1"]), clock=lambda: now[0]) as fetcher:
        assert fetcher.get(f"http://localhost:{inside.port}/a").ok
        now[0] += fetch.RESOLVE_TTL + 1
        second = fetcher.get(f"http://localhost:{inside.port}/b")
    assert not second.ok and "private or loopback address" in (second.error or "")
    assert inside.hits == 0


def _bomb(size: int) -> bytes:
    return gzip.compress(b"\0" * size, compresslevel=9)


def test_a_gzip_bomb_is_refused_at_the_cap_without_inflating_the_whole_bomb(newsroom: Newsroom) -> None:
    bomb = _bomb(200_000_000)  # ~200 kB on the wire, 200 MB inflated
    newsroom.set("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    settings = FetchSettings(allow_private_networks=True, min_gap=0.0, robots_txt=False, max_bytes=1_000_000)
    with Fetcher(settings) as fetcher:
        tracemalloc.start()
        try:
            result = fetcher.get(newsroom.url("/bomb"))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert not result.ok and "cap once decompressed" in (result.error or "")
    assert peak < 8_000_000, f"peak {peak / 1e6:.1f} MB while refusing a 1 MB cap"


def test_compressed_pages_still_read_whole(newsroom: Newsroom) -> None:
    page = ("<p>" + "The harbour bridge will close for repairs. " * 4000 + "</p>").encode()
    raw_deflate = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    newsroom.set("/gzip", gzip.compress(page), headers={"Content-Encoding": "gzip"})
    newsroom.set("/zlib", zlib.compress(page), headers={"Content-Encoding": "deflate"})
    newsroom.set("/raw", raw_deflate.compress(page) + raw_deflate.flush(), headers={"Content-Encoding": "deflate"})
    newsroom.set("/two", gzip.compress(page[:5000]) + gzip.compress(page[5000:]), headers={"Content-Encoding": "gzip"})
    settings = FetchSettings(allow_private_networks=True, min_gap=0.0, robots_txt=False)
    with Fetcher(settings) as fetcher:
        for path in ("/gzip", "/zlib", "/raw", "/two"):
            result = fetcher.get(newsroom.url(path))
            assert result.ok and result.content == page, (path, result.error)


def test_a_body_that_lies_about_its_encoding_gets_a_reason(newsroom: Newsroom) -> None:
    newsroom.set("/liar", b"<p>plain text, not gzip</p>", headers={"Content-Encoding": "gzip"})
    newsroom.set("/br", b"\x8b\x02\x80hello\x03", headers={"Content-Encoding": "br"})
    settings = FetchSettings(allow_private_networks=True, min_gap=0.0, robots_txt=False)
    with Fetcher(settings) as fetcher:
        liar, brotli = fetcher.get(newsroom.url("/liar")), fetcher.get(newsroom.url("/br"))
    assert not liar.ok and "not valid gzip data" in (liar.error or "")
    assert not brotli.ok and "unsupported Content-Encoding 'br'" in (brotli.error or "")


def test_the_inflater_never_yields_more_than_a_step() -> None:
    inflater = Inflater("gzip")
    bomb = _bomb(10_000_000)
    sizes = [len(piece) for start in range(0, len(bomb), 4096) for piece in inflater.feed(bomb[start : start + 4096])]
    assert sum(sizes) == 10_000_000 and max(sizes) <= STEP
    with pytest.raises(UnsupportedEncoding):
        Inflater("compress")

"""A tiny local newsroom: an HTTP server on 127.0.0.1 serving pages and feeds we set, for the demo and tests.

with Newsroom() as site:
    site.set("/world/rss.xml", rss_xml, content_type="application/rss+xml")
    site.url("/world/rss.xml")   # http://127.0.0.1:PORT/world/rss.xml
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Page:
    body: bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (for timeout tests)


class Newsroom:
    """Serves ``pages`` by path; unknown paths are 404. Thread-safe; records each request path."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self._pages: dict[str, Page] = {}
        self._lock = threading.Lock()
        self.requests: list[str] = []
        newsroom = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                newsroom._serve(self)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass  # quiet: the demo prints its own story

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a client that hung up early (a timeout test) is not the newsroom's problem

        self._server = Server((host, 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="newsroom", daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def set(
        self,
        path: str,
        body: str | bytes,
        *,
        status: int = 200,
        content_type: str | None = None,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        page = Page(data, status, content_type or "text/html; charset=utf-8", dict(headers or {}), delay)
        with self._lock:
            self._pages[path] = page

    def remove(self, path: str) -> None:
        with self._lock:
            self._pages.pop(path, None)

    def start(self) -> Newsroom:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> Newsroom:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?", 1)[0]
        with self._lock:
            self.requests.append(handler.path)
            page = self._pages.get(path)
        if page is None:
            page = Page(b"<html><body><h1>Not found</h1></body></html>", 404)
        if page.delay:
            time.sleep(page.delay)
        handler.send_response(page.status)
        handler.send_header("Content-Type", page.content_type)
        handler.send_header("Content-Length", str(len(page.body)))
        for key, value in page.headers.items():
            handler.send_header(key, value)
        handler.end_headers()
        handler.wfile.write(page.body)

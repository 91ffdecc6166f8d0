"""Run the web view on waitress, a production WSGI server (pure Python, a pool of threads, no C toolchain)."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

from monitor.config import Settings
from storage.store import Store

log = logging.getLogger("storywatch.web")
THREADS = 8  # requests served at once; each holds one short database connection


def make_server(settings: Settings, store: Store, host: str, port: int, *, ops_only: bool = False) -> Any:
    """A bound (not yet running) waitress server for the web view (``ops_only``: /healthz and /metrics alone);
    ``port=0`` picks a free port."""
    from waitress import create_server

    from monitor.web.app import create_app

    app = create_app(settings, store, ops_only=ops_only)
    # waitress names itself in no header; its own logger says little at WARNING
    return create_server(
        app, host=host, port=port, threads=THREADS, ident="storywatch", clear_untrusted_proxy_headers=True
    )


def bound_url(server: Any) -> str:
    host, port = server.effective_host, server.effective_port
    shown = f"[{host}]" if ":" in str(host) else host
    return f"http://{shown}:{port}/"


def serve_forever(server: Any, on_stop: Callable[[], None] = lambda: None) -> None:
    """Serve until SIGINT or SIGTERM, then close the listening socket and return."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.close()
        on_stop()


def serve_in_background(server: Any) -> threading.Thread:
    """Run ``server`` on a daemon thread (``run --metrics``); ``server.close()`` stops it."""
    thread = threading.Thread(target=server.run, name="storywatch-metrics", daemon=True)
    thread.start()
    return thread

"""One extraction worker process: reads pages from its pipe, answers each with an Article or the reason it failed.

    serve(conn, rules, log_level)   the worker's main loop (``monitor.extract_pool`` starts it)

A task is ``(content, url, encoding)``; the answer ``("ok", article, logs)``, ``("error", message, logs)`` for an
ExtractionError, or ``("raised", exception, logs)`` for a bug (re-raised in the checking thread, as if the page had
been read there). ``logs`` are the log records the extraction emitted, handed back so the parent writes them
with its own handlers (format, redaction). ``None`` or the pipe's end stops the worker.

SIGINT and SIGTERM (a terminal's Ctrl-C, systemd stopping the service's whole group) never cut a page short: an
idle worker exits at once, a busy one after answering. The parent decides when the pool stops.

**Test-only hook.** ``STORYWATCH_TEST_EXTRACT_CRASH="MARKER[:MODE][,MARKER[:MODE]…]"`` makes the worker fail on
a page containing MARKER, the way trafilatura/lxml fail in the wild (MODE: ``SIGSEGV``, the default;
``SIGABRT`` through ``os.abort()``; ``SIGKILL``, as the kernel's out-of-memory killer; ``memory``, allocating
past an address-space rlimit it sets until MemoryError; ``hang``, sleeping past any timeout). A MARKER ending in
``-once`` fails only the first time a given page is seen: the page's digest is recorded as a file in
``STORYWATCH_TEST_EXTRACT_CRASH_DIR`` before the crash. The variables are read here, in the worker, when it
starts (a worker inherits the environment of the fork server, which is the parent's when it read its first
page); nothing in the parent looks at them. Never set them outside tests.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import resource
import signal
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from types import FrameType
from typing import Any

from monitor.errors import ExtractionError, GateHeld
from monitor.extract_pool import OUT_OF_MEMORY
from monitor.extractors import SiteRule, extract

CRASH_HOOK = "STORYWATCH_TEST_EXTRACT_CRASH"
CRASH_DIR = "STORYWATCH_TEST_EXTRACT_CRASH_DIR"


class _Worker:
    busy = False
    stopping = False

    def on_signal(self, signum: int, frame: FrameType | None) -> None:
        if not self.busy:
            os._exit(0)
        self.stopping = True  # the page in hand is answered first


def serve(conn: Connection, rules: Sequence[SiteRule], log_level: int) -> None:
    """Answer tasks from ``conn`` until told to stop or the parent goes away."""
    # what the fork server loaded (the reader's modules, their tables) lives as long as the worker: the collector
    # need not walk it again at every full collection (nor touch, and so copy, the pages it shares with the server)
    gc.freeze()
    state = _Worker()
    signal.signal(signal.SIGINT, state.on_signal)
    signal.signal(signal.SIGTERM, state.on_signal)
    records = _capture_logs(log_level)
    crash = crash_hook(os.environ)
    while not state.stopping:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        state.busy = True
        content, url, encoding, sealed = task
        del records[:]
        try:
            if crash is not None:
                crash(content)
            reply: tuple[str, Any, list[logging.LogRecord]] = (
                "ok",
                extract(content, url, encoding=encoding, rules=rules, sealed=sealed),
                records,
            )
        except GateHeld:
            reply = ("held", sealed, records)
        except ExtractionError as exc:
            reply = ("error", str(exc), records)
        except MemoryError:
            os._exit(OUT_OF_MEMORY)
        except Exception as exc:  # a bug: the checking thread reports it as it would its own
            reply = ("raised", _picklable(exc), records)
        try:
            conn.send(reply)
        except OSError:  # the parent went away
            return
        state.busy = False


def _picklable(exc: Exception) -> Exception:
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


class _Records(logging.Handler):
    """Keeps the log records of the current page, ready to pickle (message formatted, traceback as text)."""

    def __init__(self, into: list[logging.LogRecord]) -> None:
        super().__init__()
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args, record.exc_info = record.getMessage(), None, None
        self.into.append(record)


def _capture_logs(level: int) -> list[logging.LogRecord]:
    records: list[logging.LogRecord] = []
    root = logging.getLogger()
    root.handlers[:] = [_Records(records)]
    root.setLevel(level)
    return records


def crash_hook(env: dict[str, str] | os._Environ[str]) -> Callable[[bytes | str], None] | None:
    """The test-only failure for pages holding a configured marker (see the module's docstring), or None."""
    spec = env.get(CRASH_HOOK)
    if not spec:
        return None
    modes = dict(_marker(item) for item in spec.split(",") if item.strip())
    folder = env.get(CRASH_DIR)

    def crash(content: bytes | str) -> None:
        text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
        for marker, mode in modes.items():
            if marker in text and _first_time(marker, text, folder):
                _fail(mode)

    return crash


def _marker(item: str) -> tuple[str, str]:
    marker, _, mode = item.strip().partition(":")
    return marker, (mode or "SIGSEGV").strip()


def _first_time(marker: str, text: str, folder: str | None) -> bool:
    if not marker.endswith("-once"):
        return True
    if folder is None:
        raise RuntimeError(f"{CRASH_HOOK}: a '-once' marker needs {CRASH_DIR} (a folder for what was seen)")
    seen = Path(folder) / hashlib.sha256(text.encode()).hexdigest()
    try:
        seen.touch(exist_ok=False)
    except FileExistsError:
        return False
    return True


def _fail(mode: str) -> Any:
    if mode == "hang":
        while True:
            time.sleep(3600)
    if mode == "memory":
        status = Path("/proc/self/status").read_text().split("VmSize:")[1].split()[0]
        resource.setrlimit(resource.RLIMIT_AS, (int(status) * 1024 + (256 << 20), resource.RLIM_INFINITY))
        hog = []
        while True:
            hog.append(bytearray(16 << 20))
    if mode == "SIGABRT":
        os.abort()
    os.kill(os.getpid(), signal.Signals[mode])
    time.sleep(10)  # the signal is delivered before this returns

"""Where pages are extracted: a pool of worker processes (the default), or the checking threads one at a time.

    open_extractor(rules, settings) -> ExtractPool | InThread     (``extraction.processes``; 0: InThread)
    extractor.extract(content, url, encoding=None) -> Article    raises ExtractionError, like ``extract``
    extractor.close()                                            no worker left behind

trafilatura and lxml are not safe to call from several threads at once (trafilatura issues #840, #925: an
intermittent SIGSEGV or "double free or corruption"), and a crash in C code takes its whole process with it.
So each page is read in a worker process (``monitor.extract_worker``): as many pages at once as there are
workers, past the GIL, and a worker that dies takes only itself.

Each task is bound to one worker, so a death is the page's own: the worker is replaced and the page tried once
more on another (a new one when none is idle); a second death is that story's error ("the extractor crashed on
this page twice (SIGSEGV)"), recorded through the ordinary failure path, and the other pages in flight never
notice. A page still unread after ``extraction.timeout`` has its worker killed (no retry: it would most likely
hang again). A worker is replaced after ``PAGES_PER_WORKER`` pages, so the memory it keeps stays bounded.

Workers start lazily, one more only when every live one is busy, from a fork server that has imported the
extractor once (the first worker costs the server's imports; a replacement ~0.1 s, against 1.3 s for a spawned
interpreter). trafilatura is loaded by the fork server when several workers share it, else by the lone worker
(a one-core machine's, or ``extraction.processes: 1``) at its first full read — never in a pass whose every page
the exact gate holds. The fork server is started from a fresh interpreter, so forking never copies a threaded
daemon's locks. Site rules go to each worker once, when it starts; a task carries only the page.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from monitor.errors import ExtractionError, GateHeld

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from monitor.config import ExtractionSettings
    from monitor.extractors import SiteRule
    from monitor.models import Article

log = logging.getLogger("storywatch.extract")

WORKER_MODULE = "monitor.extract_worker"  # imported once, by the fork server: every worker starts with it loaded
FULL_READER_MODULE = "monitor.extract_preload"  # trafilatura: by the fork server too when several workers share it
STOP_GRACE = 2.0  # seconds a worker has to exit when told to, before it is killed
# pages a worker reads before it is replaced: a worker keeps the memory its largest page needed (~85 MB over the
# shared real pages) and creeps on slowly; a replacement costs ~0.1 s
PAGES_PER_WORKER = 500
OUT_OF_MEMORY = 75  # the exit code of a worker whose extraction raised MemoryError (it may be left inconsistent)


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, as a container or taskset sets it)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class PageExtractor(Protocol):
    concurrency: int  # pages read at once

    def extract(
        self, content: bytes | str, url: str, *, encoding: str | None = None, sealed: str | None = None
    ) -> Article: ...

    def warm(self) -> None: ...

    def close(self) -> None: ...


def open_extractor(rules: Sequence[SiteRule], settings: ExtractionSettings) -> PageExtractor:
    """The extractor ``extraction.processes`` asks for (no process starts before the first page)."""
    if settings.processes == 0:
        return InThread(rules)
    return ExtractPool(rules, processes=settings.processes or usable_cores(), timeout=settings.timeout)


class InThread:
    """``extraction.processes: 0``: pages read in the checking threads, one at a time (trafilatura is not
    thread-safe), with no protection from a crash. For debugging, and machines that cannot fork."""

    concurrency = 1

    def __init__(self, rules: Sequence[SiteRule]) -> None:
        self.rules = tuple(rules)
        self._lock = threading.Lock()

    def extract(
        self, content: bytes | str, url: str, *, encoding: str | None = None, sealed: str | None = None
    ) -> Article:
        from monitor.extractors import extract

        with self._lock:
            return extract(content, url, encoding=encoding, rules=self.rules, sealed=sealed)

    def warm(self) -> None:
        pass

    def close(self) -> None:
        pass


class _Died(Exception):
    """The worker ended while it held the task."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Hung(Exception):
    """The worker did not answer within the timeout (it has been killed)."""


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    pages: int = 0  # pages given to it

    def run(self, task: tuple[bytes | str, str, str | None, str | None], timeout: float) -> tuple[str, Any, list[Any]]:
        self.pages += 1
        try:
            self.conn.send(task)
            if not self.conn.poll(timeout):
                self.kill()
                raise _Hung
            reply: tuple[str, Any, list[Any]] = self.conn.recv()
        except (EOFError, OSError):
            raise _Died(self.death()) from None
        return reply

    def death(self) -> str:
        """Why the worker ended: the signal that killed it, or its exit code."""
        self.process.join(STOP_GRACE)
        code = self.process.exitcode
        if code is None:  # its pipe broke but it lives on: not to be trusted with another page
            self.kill()
            return "its pipe broke"
        return _exit_reason(code)

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.process.join(STOP_GRACE)
        self.kill()

    def kill(self) -> None:
        if self.process.exitcode is None:
            self.process.kill()
            self.process.join(STOP_GRACE)
        self.conn.close()


def _exit_reason(code: int) -> str:
    if code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return "out of memory" if code == OUT_OF_MEMORY else f"exit code {code}"


class ExtractPool:
    """Up to ``processes`` worker processes, each reading one page at a time; safe to use from many threads."""

    def __init__(
        self, rules: Sequence[SiteRule], *, processes: int, timeout: float, pages_per_worker: int = PAGES_PER_WORKER
    ) -> None:
        self.rules = tuple(rules)
        self.concurrency = max(1, processes)
        self.timeout = timeout
        self.pages_per_worker = pages_per_worker
        self._idle: list[_Worker] = []
        self._workers: set[_Worker] = set()
        self._starting = 0
        self._closed = False
        self._changed = threading.Condition()
        self._context: Any = None  # multiprocessing's, on the first page (read-only commands never import it)
        self._warmed = False

    def extract(
        self, content: bytes | str, url: str, *, encoding: str | None = None, sealed: str | None = None
    ) -> Article:
        """The page read by a worker; a worker's death is retried once on another worker, then an ExtractionError.
        ``sealed``: as for ``extract`` — GateHeld when the page's digest is that one (the worker says so)."""
        task = (content, url, encoding, sealed)
        reason = ""
        for attempt in (1, 2):
            worker = self._take()
            try:
                kind, value, records = worker.run(task, self.timeout)
            except _Died as died:
                self._forget(worker)
                reason = died.reason
                again = "; trying it once more on another worker" if attempt == 1 else ""
                log.warning("extraction worker %d died on %s (%s)%s", worker.process.pid, url, reason, again)
                continue
            except _Hung:
                self._forget(worker)
                log.warning("extraction worker %d stopped: %s took over %gs", worker.process.pid, url, self.timeout)
                raise ExtractionError(f"the extractor took longer than {self.timeout:g}s on this page") from None
            self._give_back(worker)
            _replay(records)
            if kind == "ok":
                return value  # type: ignore[no-any-return]
            if kind == "held":
                raise GateHeld(value)
            if kind == "error":
                raise ExtractionError(value)
            raise value
        raise ExtractionError(f"the extractor crashed on this page twice ({reason})")

    def warm(self) -> None:
        """Get the fork server importing the extractor, in its own process, while other checks fetch: a check
        calls it when its page needs reading, so a pass of 304s and identical pages starts no process at all (the
        server's imports cost ~0.5 s of CPU). Starts no worker; costs milliseconds here, nothing after the first
        call."""
        if self._warmed:
            return
        self._warmed = True
        try:
            self._forkserver().ensure_running()
        except Exception as exc:  # the first page tries again, and fails as its story's error if it must
            log.warning("could not start the extraction workers' fork server: %s", exc)

    def pids(self) -> list[int]:
        """The live workers' process ids (for status and tests)."""
        with self._changed:
            return [w.process.pid for w in self._workers if w.process.pid is not None]

    def close(self) -> None:
        """Stop every worker: idle ones now, busy ones as their page comes back (killed after the timeout)."""
        with self._changed:
            self._closed = True
            idle, self._idle = self._idle, []
            self._changed.notify_all()
        for worker in idle:
            self._forget(worker, stop=True)
        with self._changed:
            self._changed.wait_for(lambda: not self._workers and not self._starting, timeout=self.timeout)
            left = list(self._workers)
        for worker in left:
            self._forget(worker, stop=True)

    def __enter__(self) -> ExtractPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _take(self) -> _Worker:
        with self._changed:
            while True:
                if self._closed:
                    raise ExtractionError("the extraction pool is shut down")
                while self._idle:
                    worker = self._idle.pop()
                    if worker.process.is_alive():
                        return worker
                    self._workers.discard(worker)  # ended while idle (killed from outside): no page's fault
                    worker.conn.close()
                if len(self._workers) + self._starting < self.concurrency:
                    self._starting += 1
                    break
                self._changed.wait()
        try:
            worker = self._start()
        finally:
            with self._changed:
                self._starting -= 1
                self._changed.notify_all()
        return worker

    def _forkserver(self) -> Any:
        """multiprocessing's fork server, set to import the worker's module when it starts."""
        from multiprocessing import forkserver

        if self._context is None:
            import multiprocessing

            self._context = multiprocessing.get_context("forkserver")
            # taken up when the server starts; the full reader too when more than one worker will share it (a lone
            # worker loads it at its first full read, which a pass of pages the exact gate holds never makes)
            preload = ["__main__", WORKER_MODULE, *([FULL_READER_MODULE] if self.concurrency > 1 else [])]
            self._context.set_forkserver_preload(preload)
        return forkserver

    def _start(self) -> _Worker:
        self._forkserver()
        mine, theirs = self._context.Pipe()
        try:
            process = self._context.Process(
                target=_serve,
                args=(theirs, self.rules, logging.getLogger().getEffectiveLevel()),
                name="storywatch-extract",
                daemon=True,  # multiprocessing stops it at exit, whatever happens to close()
            )
            process.start()
        except Exception as exc:
            mine.close()
            raise ExtractionError(f"could not start an extraction worker: {exc}") from exc
        finally:
            theirs.close()
        worker = _Worker(process, mine)
        with self._changed:
            self._workers.add(worker)
        log.info("extraction worker %d started", process.pid)
        return worker

    def _give_back(self, worker: _Worker) -> None:
        with self._changed:
            if not self._closed and worker.pages < self.pages_per_worker:
                self._idle.append(worker)
                self._changed.notify_all()
                return
        self._forget(worker, stop=True)

    def _forget(self, worker: _Worker, *, stop: bool = False) -> None:
        if stop:
            worker.stop()
        else:
            worker.kill()
        with self._changed:
            self._workers.discard(worker)
            self._changed.notify_all()


def _serve(conn: Connection, rules: tuple[SiteRule, ...], log_level: int) -> None:
    """The worker's entry (the extractor is imported by the worker alone: this process never needs it)."""
    from monitor.extract_worker import serve

    serve(conn, rules, log_level)


def _replay(records: list[logging.LogRecord]) -> None:
    """A worker's log records, written by this process's handlers (its format, its redaction)."""
    for record in records:
        logger = logging.getLogger(record.name)
        if logger.isEnabledFor(record.levelno):
            logger.handle(record)

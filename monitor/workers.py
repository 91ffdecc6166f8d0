"""This process as one worker among the daemons sharing a database: its registration, heartbeat and claims.

    worker = Worker(store, settings.workers)
    worker.join()                       # registered; `status` lists it
    stories = worker.claim_stories(["world"])   # due stories no other worker holds, ours for ``claim_lease``
    worker.release("story", [str(s.id) for s in stories])      # their checks are written
    worker.beat()                       # every ``heartbeat``: alive, and every claim's deadline pushed on
    worker.leave()                      # a clean stop: all claims released at once, marked stopped

A live worker's claims never expire (its heartbeat renews them well within the lease); a dead worker's expire
``claim_lease`` after its last heartbeat and are taken by whoever claims next. A worker that lost the database
goes on with what it holds (its writes fail and are retried by whoever checks those stories next; nothing half
written) and rejoins on its first heartbeat that reaches the database again, re-registering if its row went.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from monitor.config import WorkerSettings
from monitor.models import Source, Story, utcnow
from storage.store import Store

log = logging.getLogger("storywatch.workers")


def worker_id() -> str:
    """This process as a worker names it: ``host:pid:tag`` (the tag tells apart two containers' pid 1)."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(2)}"


class Worker:
    """One `storywatch run` on a database: registers, beats, claims work and lets it go."""

    def __init__(
        self,
        store: Store,
        settings: WorkerSettings,
        *,
        jitter: float = 0.0,
        clock: Callable[[], datetime] = utcnow,
        name: str | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.lease = settings.claim_lease
        self.jitter = jitter
        self.clock = clock
        self.id = name or worker_id()
        self.host = socket.gethostname()
        self.pid = os.getpid()
        self.connected = True

    # -- membership ----------------------------------------------------------------------------------
    def join(self) -> None:
        self.store.register_worker(self.id, host=self.host, pid=self.pid, now=self.clock())
        log.info("worker %s joined (claims last %gs)", self.id, self.lease.total_seconds())

    def beat(self) -> bool:
        """Renew the heartbeat and every claim held; rejoin when the row went missing. False: no database."""
        now = self.clock()
        try:
            if not self.store.worker_heartbeat(self.id, now=now, lease=self.lease):
                self.store.register_worker(self.id, host=self.host, pid=self.pid, now=now)
                log.warning("worker %s registered again (its row was gone)", self.id)
        except Exception as exc:
            if self.connected:
                log.error(
                    "worker %s lost the database (%s); in-flight work goes on, claims expire in %gs",
                    self.id,
                    exc,
                    self.lease.total_seconds(),
                )
            self.connected = False
            return False
        if not self.connected:
            log.info("worker %s reached the database again: rejoined", self.id)
        self.connected = True
        return True

    def note(self, action: str) -> None:
        """Record what this worker did last (for `status`); never raises."""
        try:
            self.store.note_worker(self.id, action, now=self.clock())
        except Exception as exc:
            log.warning("could not note the worker's last action: %s", exc)

    def leave(self) -> int:
        """A clean stop: every claim released now (others take the work at once), the worker marked stopped."""
        released = self.store.stop_worker(self.id, now=self.clock())
        log.info("worker %s left: %d claim(s) released", self.id, released)
        return released

    # -- claims --------------------------------------------------------------------------------------
    def claim_stories(self, sources: Sequence[str] | None = None, limit: int | None = None) -> list[Story]:
        return self.store.claim_stories(
            self.id, now=self.clock(), lease=self.lease, sources=sources, limit=limit or self.settings.batch
        )

    def claim_source_read(self, source: Source) -> bool:
        """The read of ``source``'s feed for this interval: True when it falls to us (nobody read it lately)."""
        now = self.clock()
        spread = timedelta(seconds=max(1.0, source.interval.total_seconds() * self.jitter)) + timedelta(seconds=1)
        read_before = now - max(source.interval - spread, source.interval / 2)
        return self.store.claim_source_read(self.id, source.name, now=now, lease=self.lease, read_before=read_before)

    def claim(self, kind: str, key: str) -> bool:
        return self.store.claim(self.id, kind, key, now=self.clock(), lease=self.lease)

    def release(self, kind: str, keys: Sequence[str] | str) -> None:
        """Let go of claims whose work is written; a database failure leaves them to expire (logged)."""
        try:
            self.store.release_claims(self.id, kind, [keys] if isinstance(keys, str) else keys)
        except Exception as exc:
            log.warning("could not release %s claim(s) (they expire in %gs): %s", kind, self.lease.total_seconds(), exc)

"""How storywatch is doing, read from the database alone: the daemon, the sources, the stories, the outbox.

    status = gather(store, settings, now)     → Status (a value: no I/O after it is built)
    status.healthy                            → False when a source is failing, alerts are dead, or the
                                                daemon is expected and not running
    status.to_json()                          → the stable shape of ``storywatch status --json``

The daemon counts as alive while its lease's heartbeat is fresher than ``STALE_AFTER``; the same constants
decide when a second daemon may take over the lease of one that died. A daemon is *expected* once one has run
on this database (its lease row stays, marked released, after a clean stop): from then on a daemon that is not
running — crashed, killed or stopped — is a problem. ``gather(..., daemon=False)`` is for cron-only installs
(never a problem), ``daemon=True`` expects one even before the first ever ran.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from monitor.config import Settings
from monitor.models import iso
from storage.records import Lease

HEARTBEAT = timedelta(seconds=15)  # how often a running daemon renews its lease
STALE_AFTER = 3 * HEARTBEAT  # a lease not renewed for this long belonged to a daemon that died


def lease_owner() -> str:
    """This process, as a lease names it: ``host:pid``."""
    return f"{socket.gethostname()}:{os.getpid()}"


def running_daemon(store: Any, now: datetime) -> Lease | None:
    """The lease of a daemon running on this database now (heartbeat fresh, not let go, its process not known
    gone), else None: one-shot commands leave the outbox to it, so no alert goes out from two processes."""
    lease = store.lease()
    if lease is None or not lease.alive(now, STALE_AFTER) or owner_gone(lease.owner):
        return None
    return lease


def owner_gone(owner: str) -> bool:
    """True when ``owner`` (``host:pid``) names a process of this host that no longer runs (killed, crashed).

    Another host's process, or one we may not signal, is never known to be gone."""
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


class StatusStore(Protocol):
    def last_lease(self) -> Lease | None: ...
    def source_states(self) -> list[Any]: ...
    def story_counts(self) -> dict[str, int]: ...
    def due_count(self, now: datetime) -> int: ...
    def outbox_status(self) -> list[Any]: ...


@dataclass(frozen=True)
class DaemonStatus:
    alive: bool
    owner: str | None = None
    started_at: datetime | None = None
    heartbeat_at: datetime | None = None
    last_cycle_at: datetime | None = None
    stopped_at: datetime | None = None  # a clean stop; None while it runs, or when it died without one
    expected: bool = False  # one should be running here: not alive is then a problem

    @property
    def missing(self) -> bool:
        return self.expected and not self.alive

    def problem(self) -> str | None:
        """Why the expected daemon is not running, in words; None when it runs or none is expected."""
        if not self.missing:
            return None
        if self.owner is None:
            return "daemon not running: none has run on this database yet (start it with `storywatch run`)"
        if self.stopped_at is not None:
            return (
                f"daemon not running: {self.owner} stopped at {iso(self.stopped_at)} (start it with `storywatch run`)"
            )
        return (
            f"daemon not running: {self.owner} last seen at {iso(self.heartbeat_at)} and did not stop cleanly "
            "(it crashed or was killed; start it again with `storywatch run`)"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "alive": self.alive,
            "owner": self.owner,
            "started_at": iso(self.started_at),
            "heartbeat_at": iso(self.heartbeat_at),
            "last_cycle_at": iso(self.last_cycle_at),
            "stopped_at": iso(self.stopped_at),
            "expected": self.expected,
        }


@dataclass(frozen=True)
class SourceStatus:
    name: str
    kind: str
    failures: int  # checks failed in a row
    last_error: str | None
    last_checked_at: datetime | None
    stories: int
    configured: bool = True

    @property
    def state(self) -> str:
        """One of: failing (its last check failed), healthy, unchecked (never checked), not configured."""
        if not self.configured:
            return "not configured"
        if self.failures:
            return "failing"
        return "healthy" if self.last_checked_at is not None else "unchecked"

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "state": self.state,
            "consecutive_failures": self.failures,
            "last_error": self.last_error,
            "last_checked_at": iso(self.last_checked_at),
            "stories": self.stories,
        }


@dataclass(frozen=True)
class OutboxStatus:
    notifier: str
    pending: int
    failing: int
    dead: int
    last_error: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "notifier": self.notifier,
            "pending": self.pending,
            "failing": self.failing,
            "dead": self.dead,
            "last_error": self.last_error,
        }


@dataclass(frozen=True)
class WorkerStatus:
    """One `storywatch run` on the database (``monitor.workers``), alive by its heartbeat, and what it did last."""

    id: str
    host: str
    pid: int
    started_at: datetime
    heartbeat_at: datetime
    alive: bool
    stopped_at: datetime | None = None
    last_action: str | None = None
    last_action_at: datetime | None = None
    claims: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "host": self.host,
            "pid": self.pid,
            "started_at": iso(self.started_at),
            "heartbeat_at": iso(self.heartbeat_at),
            "alive": self.alive,
            "stopped_at": iso(self.stopped_at),
            "last_action": self.last_action,
            "last_action_at": iso(self.last_action_at),
            "claims": self.claims,
        }


@dataclass(frozen=True)
class Status:
    now: datetime
    daemon: DaemonStatus
    sources: tuple[SourceStatus, ...]
    stories: dict[str, int]  # per status
    due: int
    outbox: tuple[OutboxStatus, ...]
    workers: tuple[WorkerStatus, ...] = ()

    @property
    def workers_alive(self) -> int:
        return sum(w.alive for w in self.workers)

    @property
    def failing_sources(self) -> list[SourceStatus]:
        return [s for s in self.sources if s.state == "failing"]

    @property
    def dead_alerts(self) -> int:
        return sum(o.dead for o in self.outbox)

    @property
    def healthy(self) -> bool:
        """Nothing for the operator to fix: the expected daemon runs, no configured source fails, no alert gave up."""
        return not self.failing_sources and not self.dead_alerts and not self.daemon.missing

    def problems(self) -> list[str]:
        """What makes the status unhealthy, one plain line each."""
        daemon = self.daemon.problem()
        lines = [daemon] if daemon else []
        lines += [f"source {s.name} failing ({s.failures}× in a row): {s.last_error}" for s in self.failing_sources]
        lines += [f"notifier {o.notifier}: {o.dead} dead alert(s): {o.last_error}" for o in self.outbox if o.dead]
        return lines

    def to_json(self) -> dict[str, Any]:
        return {
            "healthy": self.healthy,
            "checked_at": iso(self.now),
            "daemon": self.daemon.to_json(),
            "sources": [s.to_json() for s in self.sources],
            "stories": {"total": sum(self.stories.values()), "by_status": dict(self.stories), "due": self.due},
            "outbox": {
                "pending": sum(o.pending for o in self.outbox),
                "failing": sum(o.failing for o in self.outbox),
                "dead": self.dead_alerts,
                "notifiers": [o.to_json() for o in self.outbox],
            },
            "problems": self.problems(),
            "workers": [w.to_json() for w in self.workers],
            "workers_alive": self.workers_alive,
        }


def daemon_status(
    lease: Lease | None, now: datetime, stale_after: timedelta = STALE_AFTER, *, expected: bool | None = None
) -> DaemonStatus:
    """The daemon by its last lease (released or not). ``expected`` None: expected once one has run here."""
    if lease is None:
        return DaemonStatus(alive=False, expected=bool(expected))
    return DaemonStatus(
        alive=lease.released_at is None and lease.alive(now, stale_after),
        owner=lease.owner,
        started_at=lease.started_at,
        heartbeat_at=lease.heartbeat_at,
        last_cycle_at=lease.last_cycle_at,
        stopped_at=lease.released_at,
        expected=True if expected is None else expected,
    )


def gather(
    store: StatusStore,
    settings: Settings,
    now: datetime,
    *,
    redact: Any = lambda text: text,
    stale_after: timedelta = STALE_AFTER,
    daemon: bool | None = None,
) -> Status:
    """Read everything ``status`` shows, in a handful of aggregate queries. ``redact`` scrubs stored errors;
    ``daemon``: whether one must be running (None: once one has run on this database)."""
    configured = {s.name for s in settings.sources}
    sources = tuple(
        SourceStatus(
            name=s.name,
            kind=s.kind,
            failures=s.consecutive_failures,
            last_error=redact(s.last_error) if s.last_error else None,
            last_checked_at=s.last_checked_at,
            stories=s.stories,
            configured=s.name in configured,
        )
        for s in store.source_states()
    )
    known = {s.name for s in sources}  # a source configured since the last check or run: not stored yet
    sources += tuple(
        SourceStatus(name=s.name, kind=s.kind.value, failures=0, last_error=None, last_checked_at=None, stories=0)
        for s in settings.sources
        if s.name not in known
    )
    outbox = tuple(
        OutboxStatus(r.notifier, r.pending, r.failing, r.dead, redact(r.last_error) if r.last_error else None)
        for r in store.outbox_status()
    )
    return Status(
        now=now,
        daemon=daemon_status(store.last_lease(), now, stale_after, expected=daemon),
        sources=sources,
        stories=store.story_counts(),
        due=store.due_count(now),
        outbox=outbox,
        workers=worker_statuses(store, now, settings.workers.claim_lease),
    )


def worker_statuses(store: Any, now: datetime, stale_after: timedelta) -> tuple[WorkerStatus, ...]:
    """Every worker the database remembers; alive while its heartbeat is fresher than the claim lease."""
    listed = getattr(store, "list_workers", None)  # a store from before workers (a test double) has none
    rows = listed() if listed is not None else []
    return tuple(
        WorkerStatus(
            id=w.id,
            host=w.host,
            pid=w.pid,
            started_at=w.started_at,
            heartbeat_at=w.heartbeat_at,
            alive=w.alive(now, stale_after),
            stopped_at=w.stopped_at,
            last_action=w.last_action,
            last_action_at=w.last_action_at,
            claims=w.claims,
        )
        for w in rows
    )

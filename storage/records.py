"""What the Store's read queries return, and how a row becomes it — with no SQLAlchemy, so the light read path
(``storage.lite``) builds the same values as the Store does.

A *row* here is anything with the columns as attributes: a SQLAlchemy ``Row``, or the light path's
``SimpleNamespace`` of converted DB-API values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any, TypeVar

from monitor.models import Significance, Story, StoryStatus, Version

_T = TypeVar("_T")


@dataclass(frozen=True)
class CheckBasis:
    """What a story's check compares a fresh read with, read at once (``Store.check_basis``)."""

    latest: Version | None  # the story's newest version
    hashes: tuple[tuple[int, str], ...]  # every version's (number, text hash), oldest first: for revert detection
    duplicate: tuple[str, int] | None  # the first of the page's URLs another story answers to, and that story's id


@dataclass(frozen=True)
class StoredVersion:
    """What ``Store.store_version`` wrote: the version's number, its change's id and its alerts' ids."""

    number: int
    change_id: int | None = None  # None for a baseline
    alert_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class SourceState:
    """What the database knows of a configured source."""

    name: str
    kind: str
    location: str
    last_checked_at: datetime | None
    last_error: str | None
    consecutive_failures: int
    stories: int
    etag: str | None = None
    last_modified: str | None = None
    raw_hash: str | None = None


@dataclass(frozen=True)
class Lease:
    owner: str  # "host:pid"
    started_at: datetime
    heartbeat_at: datetime
    last_cycle_at: datetime | None
    released_at: datetime | None = None  # set when its daemon let go on a clean stop

    def alive(self, now: datetime, stale_after: timedelta) -> bool:
        return now - self.heartbeat_at <= stale_after


@dataclass(frozen=True)
class OutboxRow:
    """The outbox of one notifier, for ``notify status``."""

    notifier: str
    pending: int  # waiting, never tried or tried and failed (attempts > 0)
    failing: int  # pending with attempts > 0
    dead: int
    delivered: int
    last_error: str | None  # of the most recent failed attempt
    next_attempt_at: datetime | None  # earliest pending
    held: int = 0  # pending, never tried, held until later on purpose (debounce, quiet hours, digest window)
    operations: int = 0  # pending operations alerts (counted in ``pending`` too)


@dataclass(frozen=True)
class WorkerRow:
    id: str  # "host:pid:tag"
    host: str
    pid: int
    started_at: datetime
    heartbeat_at: datetime
    stopped_at: datetime | None
    last_action: str | None
    last_action_at: datetime | None
    claims: int  # claims it holds now

    def alive(self, now: datetime, stale_after: timedelta) -> bool:
        return self.stopped_at is None and now - self.heartbeat_at <= stale_after


@dataclass(frozen=True)
class StoryFilters:
    """Which stories to list; every field left at its default lets all through."""

    since: datetime | None = None  # changed or found at or after
    sources: Sequence[str] | None = None  # from these sources (a source filter, or a tag's sources)
    min_significance: Significance | None = None  # the story's latest change is at least this

    def labels(self) -> list[str]:
        """The significance labels ``min_significance`` lets through."""
        assert self.min_significance is not None
        return [level.label for level in Significance if level >= self.min_significance]


def story_from_row(row: Any) -> Story:
    return Story(
        id=row.id,
        url=row.url,
        source=row.source_name,
        headline=row.headline,
        status=StoryStatus(row.status),
        versions=row.version_count,
        first_seen_at=row.first_seen_at,
        last_checked_at=row.last_checked_at,
        last_changed_at=row.last_changed_at,
        next_check_at=row.next_check_at,
        last_error=row.last_error,
        etag=row.etag,
        last_modified=row.last_modified,
        raw_hash=row.raw_hash,
        failures=row.failures,
        removed_at=row.removed_at,
        gate=row.gate,
        canonical_url=row.canonical_url,
    )


def source_state(row: Any) -> SourceState:
    return _built(SourceState, row, stories="story_count")


def lease(row: Any) -> Lease:
    return _built(Lease, row)


def outbox_row(row: Any, last_error: str | None) -> OutboxRow:
    return OutboxRow(
        notifier=row.notifier,
        pending=int(row.pending),
        failing=int(row.failing),
        dead=int(row.dead),
        delivered=int(row.delivered),
        last_error=last_error,
        next_attempt_at=row.next_attempt_at,
        held=int(row.held),
        operations=int(row.operations),
    )


def worker_row(row: Any) -> WorkerRow:
    return _built(WorkerRow, row)


def _built(cls: type[_T], row: Any, **renamed: str) -> _T:
    """A dataclass from the row's columns of the same names (``renamed``: field → column)."""
    return cls(**{f.name: getattr(row, renamed.get(f.name, f.name)) for f in fields(cls)})  # type: ignore[arg-type]


def last_errors(rows: Any) -> dict[str, str]:
    """Each notifier's most recent error, from (notifier, last_error) rows newest first."""
    errors: dict[str, str] = {}
    for notifier, error in rows:
        errors.setdefault(notifier, error)
    return errors

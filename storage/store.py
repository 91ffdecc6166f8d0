"""The Store: storywatch's only door to the database. It speaks our dataclasses, never ORM rows.

One Engine per Store and a short connection per call, so one Store serves many threads (the scheduler's
workers). Every write is one transaction; on SQLite it takes the write lock at BEGIN, on PostgreSQL the
story row is locked, so two workers never number two versions alike. Database failures surface as
``StoreError``; a reference to nothing (an unknown story, source or alert) as ``NotFound``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, select, update
from sqlalchemy.exc import SQLAlchemyError

from monitor.errors import NotFound, StoreError
from monitor.models import (
    Change,
    Source,
    Story,
    StoryStatus,
    Version,
)
from storage import records, rows
from storage import story_queries as sq
from storage.check_batch import CheckRecord
from storage.check_store import CheckMethods
from storage.claim_store import ClaimMethods
from storage.engine import MAX_CONNECTIONS, coordination_engine, describe_error, make_engine, redact, scrub, writer
from storage.host_store import HostMethods
from storage.lease_store import LeaseMethods
from storage.listing_store import ListingMethods, StoryFilters
from storage.maintenance_store import MaintenanceMethods
from storage.merge_store import MergeMethods, duplicate_of
from storage.metrics_store import MetricsMethods
from storage.migrate import Migrate, prepare
from storage.outbox_store import OutboxMethods, OutboxRow  # noqa: F401 - OutboxRow re-exported (monitor.cli)
from storage.records import CheckBasis, SourceState
from storage.reextract_store import ReextractMethods
from storage.review_store import ReviewMethods
from storage.status_store import StatusMethods
from storage.tables import changes, stories, versions
from storage.tables import sources as sources_table
from storage.version_store import VersionMethods
from storage.worker_store import WorkerMethods

log = logging.getLogger("storywatch.storage")


class Store(
    VersionMethods,
    OutboxMethods,
    LeaseMethods,
    StatusMethods,
    ReextractMethods,
    CheckMethods,
    MergeMethods,
    ReviewMethods,
    ListingMethods,
    MetricsMethods,
    MaintenanceMethods,
    WorkerMethods,
    ClaimMethods,
    HostMethods,
):
    """The database, as storywatch's pipeline, CLI and outbox see it. Safe to share between threads."""

    def __init__(self, engine: Engine) -> None:
        """Use :meth:`open`; this takes an engine whose schema is already current."""
        self._engine = engine
        self._writer = writer(engine)
        self._coordination = coordination_engine(engine)

    @classmethod
    def open(cls, url: str, *, migrate: Migrate = True, max_connections: int = MAX_CONNECTIONS) -> Store:
        """Open the database at ``url``: ``migrate`` says what may happen to its schema (``storage.migrate.Migrate``:
        True upgrades it, "new" creates only a brand-new one, False wants it current, "as-is" takes any).

        On PostgreSQL the process keeps at most ``max_connections`` connections for its work, plus a few for
        coordination (``storage.engine.COORDINATION``)."""
        engine = make_engine(url, max_connections=max_connections)
        try:
            prepare(engine, migrate=migrate)
        except StoreError:
            engine.dispose()
            raise
        except Exception as exc:  # unreachable server, bad credentials, a file we cannot open, …
            engine.dispose()
            reason = scrub(describe_error(exc), engine.url)
            raise StoreError(f"cannot open database {redact(engine.url)}: {reason}") from None
        log.info("store open: %s", redact(engine.url))
        return cls(engine)

    def close(self) -> None:
        if self._coordination.engine is not self._engine:
            self._coordination.dispose()
        self._engine.dispose()

    @property
    def shared(self) -> bool:
        """True on PostgreSQL, where several daemons (workers) may share the database; SQLite has one."""
        return self._engine.dialect.name == "postgresql"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self, write: bool = False) -> Iterator[Connection]:
        """One short transaction; database errors become StoreError, ours pass through."""
        try:
            with (self._writer if write else self._engine).begin() as connection:
                yield connection
        except SQLAlchemyError as exc:
            raise StoreError(f"database error: {scrub(describe_error(exc), self._engine.url)}") from exc

    @contextmanager
    def _coordinating(self) -> Iterator[Connection]:
        """One short coordination transaction (``storage.engine.coordination_engine``); errors as StoreError."""
        try:
            with self._coordination.begin() as connection:
                yield connection
        except SQLAlchemyError as exc:
            raise StoreError(f"database error: {scrub(describe_error(exc), self._engine.url)}") from exc

    # sources

    def sync_sources(self, sources: Sequence[Source]) -> None:
        """Insert or update the configured sources by name (sources no longer configured are kept), in one
        statement per source, so several processes opening the database at once never collide."""
        if self._engine.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        table = sources_table
        with self._transaction(write=True) as connection:
            for source in sources:  # an upsert: workers starting together never collide on a source's name
                values = _source_values(source)
                query = insert(table).values(**values, consecutive_failures=0)
                connection.execute(query.on_conflict_do_update(index_elements=[table.c.name], set_=values))

    def record_source_check(
        self,
        name: str,
        *,
        at: datetime,
        error: str | None,
        duration: float = 0.0,
        validators: tuple[str | None, str | None] | None = None,
        raw_hash: str | None = None,
    ) -> int:
        """Log one check of a source; returns its failures in a row (grown on error, reset on success)."""
        table = sources_table
        failures = table.c.consecutive_failures + 1 if error else 0
        values: dict[str, Any] = {"last_checked_at": at, "last_error": error, "consecutive_failures": failures}
        if validators is not None:
            values["etag"], values["last_modified"] = validators
        if raw_hash is not None:
            values["raw_hash"] = raw_hash
        with self._transaction(write=True) as connection:
            if connection.execute(update(table).where(table.c.name == name).values(values)).rowcount == 0:
                raise NotFound(f"no source named {name!r} (sync_sources first)")
            sq.log_check(connection, at, "error" if error else "ok", error, duration, source_name=name)
            return connection.scalar(select(table.c.consecutive_failures).where(table.c.name == name)) or 0

    def source_states(self) -> list[SourceState]:
        """Every source the database knows, by name, with how many stories each has."""
        counts = select(stories.c.source_name, func.count().label("stories")).group_by(stories.c.source_name).subquery()
        query = (
            select(sources_table, func.coalesce(counts.c.stories, 0).label("story_count"))
            .outerjoin(counts, counts.c.source_name == sources_table.c.name)
            .order_by(sources_table.c.name)
        )
        with self._transaction() as connection:
            return [records.source_state(row) for row in connection.execute(query)]

    # stories

    def add_story(
        self, url: str, *, source: str | None, headline: str | None, now: datetime, next_check_at: datetime
    ) -> tuple[Story, bool]:
        """The story at ``url`` (matched on its URL or canonical URL), added when new; True when added."""
        with self._transaction(write=True) as connection:
            row = sq.find_story(connection, url)
            if row is not None:
                return records.story_from_row(row), False
            values = {
                "url": url,
                "source_name": source,
                "headline": headline,
                "status": StoryStatus.ACTIVE.value,
                "first_seen_at": now,
                "next_check_at": next_check_at,
                "version_count": 0,
            }
            story_id = connection.execute(stories.insert(), values).inserted_primary_key[0]
            log.info("story added: %s (id %s, source %s)", url, story_id, source)
            return sq.story(connection, story_id), True

    def get_story(self, ref: str | int) -> Story | None:
        """The story with id ``ref`` (an int or all digits) or URL ``ref``; None when there is none."""
        with self._transaction() as connection:
            if isinstance(ref, int) or ref.strip().isdigit():
                row = connection.execute(select(stories).where(stories.c.id == int(ref))).first()
            else:
                row = sq.find_story(connection, ref.strip())
            return records.story_from_row(row) if row is not None else None

    def find_stories(self, urls: Sequence[str]) -> dict[str, Story]:
        """The story each of ``urls`` names (as ``get_story`` finds it by URL), in one transaction."""
        with self._transaction() as connection:
            return {url: records.story_from_row(row) for url, row in sq.find_stories(connection, urls).items()}

    def list_stories(self, *, since: datetime | None = None, source: str | None = None) -> list[Story]:
        """Stories, most recently changed first (never-changed last), optionally changed or new ``since``
        (a listing to stream, page or filter by significance: ``stream_stories``)."""
        return list(self.stream_stories(StoryFilters(since=since, sources=None if source is None else [source])))

    def due_stories(self, now: datetime, *, source: str | None = None, limit: int | None = None) -> list[Story]:
        """Stories whose next check is due at ``now``, the most overdue first."""
        query = select(stories).where(stories.c.next_check_at <= now)
        if source is not None:
            query = query.where(stories.c.source_name == source)
        return self._stories(query.order_by(stories.c.next_check_at, stories.c.id).limit(limit))

    def _stories(self, query: Any) -> list[Story]:
        with self._transaction() as connection:
            return [records.story_from_row(row) for row in connection.execute(query)]

    def record_story_check(
        self,
        story_id: int,
        *,
        at: datetime,
        status: str,
        error: str | None = None,
        next_check_at: datetime | None = None,
        duration: float = 0.0,
        validators: tuple[str | None, str | None] | None = None,
        raw_hash: str | None = None,
        gate: str | None = None,
        clear_next: bool = False,
        returning: bool = True,
    ) -> Story | None:
        """Log one check of a story and update it; returns the story as it is now.

        Status: "error" → error (failures + 1), "removed" → removed (since the first 404/410), "deferred"
        (we did not ask: the host is backing us off) → unchanged, anything else → active (failures reset).
        ``validators`` (ETag, Last-Modified), ``raw_hash`` and ``gate`` are stored when given (``gate=""``:
        the last full read could not be sealed, so the next is full too); ``clear_next`` stops scheduling the
        story (it is past the maximum age).
        """
        check = CheckRecord(at, status, error, next_check_at, duration, validators, raw_hash, gate, clear_next)
        return self.record_check(story_id, check, returning=returning)

    def record_check(self, story_id: int, check: CheckRecord, *, returning: bool = False) -> Story | None:
        """``record_story_check`` with its fields in a CheckRecord; the story as it is now when ``returning``."""
        with self._transaction(write=True) as connection:
            sq.record_check(connection, story_id, check)
            return sq.story(connection, story_id) if returning else None

    def set_canonical_url(self, story_id: int, url: str) -> None:
        with self._transaction(write=True) as connection:
            sq.update_story(connection, story_id, {"canonical_url": url})

    # versions and changes

    def latest_version(self, story_id: int) -> Version | None:
        with self._transaction() as connection:
            return sq.latest_version(connection, story_id)

    def get_version(self, story_id: int, number: int) -> Version | None:
        with self._transaction() as connection:
            return sq.version(connection, story_id, number)

    def get_versions(self, keys: Sequence[tuple[int, int]]) -> dict[tuple[int, int], Version]:
        """``get_version`` for many (story id, number) pairs in one transaction: the versions that exist, by pair."""
        if not keys:
            return {}
        with self._transaction() as connection:
            return sq.versions_by_key(connection, keys)

    def list_versions(self, story_id: int) -> list[Version]:
        query = rows.version_select().where(versions.c.story_id == story_id).order_by(versions.c.number)
        with self._transaction() as connection:
            return [rows.version_from_row(row) for row in connection.execute(query)]

    def version_hashes(self, story_id: int) -> list[tuple[int, str]]:
        """(number, text hash) of every version of a story, oldest first: what revert detection compares."""
        with self._transaction() as connection:
            return sq.version_hashes(connection, story_id)

    def check_basis(self, story_id: int, urls: Sequence[str] = ()) -> CheckBasis:
        """What a check compares a fresh read with, in one read transaction: the story's latest version, every
        version's text hash (``version_hashes``) and the first of ``urls`` another story answers to
        (``find_duplicate``), with that story's id."""
        with self._transaction() as connection:
            latest = sq.latest_version(connection, story_id)
            hashes = tuple(sq.version_hashes(connection, story_id)) if latest is not None else ()
            found = ((url, duplicate_of(connection, url, story_id)) for url in urls)
            duplicate = next(((url, other) for url, other in found if other is not None), None)
        return CheckBasis(latest, hashes, duplicate)

    def raw_html(self, story_id: int, number: int) -> bytes | None:
        """The page a version was extracted from, while it is kept (see :meth:`prune_raw_html`)."""
        where = and_(versions.c.story_id == story_id, versions.c.number == number)
        with self._transaction() as connection:
            return connection.scalar(select(versions.c.raw_html).where(where))

    def prune_raw_html(self, keep: int = 3) -> int:
        """Drop the raw HTML of all but each story's ``keep`` newest versions; returns how many."""
        with self._transaction(write=True) as connection:
            return connection.execute(sq.raw_html_pruner(keep)).rowcount

    def add_stories(self, urls: Sequence[tuple[str, str | None]], *, source: str | None, now: datetime) -> int:
        """Track many (url, headline) at once (a big feed), skipping known ones; returns how many were new."""
        if not urls:
            return 0
        with self._transaction(write=True) as connection:
            known = sq.known_urls(connection, [u for u, _ in urls])
            fresh = [
                {
                    "url": url,
                    "source_name": source,
                    "headline": headline,
                    "status": StoryStatus.ACTIVE.value,
                    "first_seen_at": now,
                    "next_check_at": now,
                    "version_count": 0,
                }
                for url, headline in dict(urls).items()
                if url not in known
            ]
            if fresh:
                connection.execute(stories.insert(), fresh)
        return len(fresh)

    def get_change(self, story_id: int, from_version: int, to_version: int) -> Change | None:
        """The stored change from one version to the next; None for any other pair (diff those yourself)."""
        where = and_(
            changes.c.story_id == story_id,
            changes.c.from_version == from_version,
            changes.c.to_version == to_version,
        )
        with self._transaction() as connection:
            return sq.change(connection, where)

    def latest_change(self, story_id: int) -> Change | None:
        with self._transaction() as connection:
            number = sq.latest_number(connection, story_id)
            if number is None:
                return None
            query = (
                rows.change_select()
                .where(changes.c.story_id == story_id, changes.c.to_version == number)
                .order_by(changes.c.id.desc())
            )
            row = connection.execute(query).first()
            return rows.change_from_row(row) if row is not None else None

    def list_changes(self, story_id: int) -> list[Change]:
        query = rows.change_select().where(changes.c.story_id == story_id).order_by(changes.c.to_version, changes.c.id)
        with self._transaction() as connection:
            return [rows.change_from_row(row) for row in connection.execute(query)]


def _source_values(source: Source) -> dict[str, Any]:
    return {
        "name": source.name,
        "kind": str(getattr(source.kind, "value", source.kind)),
        "location": source.location,
        "interval_seconds": int(source.interval.total_seconds()),
        "tags": list(source.tags),
    }

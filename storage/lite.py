"""The light read path: the queries of `stories` and `status` over the database driver itself, without SQLAlchemy.

Importing SQLAlchemy (and building its tables) is most of what a read-only command used to spend before it
read anything: about 0.2 s of a 0.45 s `storywatch stories`. ``LiteStore`` answers the listing and the status
counts with plain SQL through ``sqlite3`` (the standard library) or psycopg, and returns the very values the
Store does (``storage.records`` builds both). Anything else a read-only command asks of it (a story's history,
a diff) opens the full Store on first use and is answered there, so every command works through it.

It only takes the plain case: an existing SQLite file or a PostgreSQL URL, at the newest schema. Anything else
(an in-memory or URI-form SQLite database, an older or foreign schema, a file SQLite cannot open) is handed to
``Store.open``, whose errors say what to do. tests/test_lite_store.py checks that each query gives what the
Store's gives, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from monitor.errors import StoreError
from monitor.models import AlertStatus, Story, utcnow
from storage import records
from storage.records import Lease, OutboxRow, SourceState, StoryFilters, WorkerRow
from storage.revisions import head_revision

PG_SCHEMES = ("postgres://", "postgresql://", "postgresql+psycopg://")
SQLITE_SCHEMES = ("sqlite:///", "sqlite+pysqlite:///")
PG_CONNECT_TIMEOUT = 10  # seconds, unless the URL says otherwise (the Store's engine uses it too)
CHUNK = 500  # rows fetched at a time by a listing (as the Store's listing reads them)
_PARAM = re.compile(r":(\w+)")

STORY_COLUMNS = (
    "id, url, source_name, headline, status, version_count, first_seen_at, last_checked_at, last_changed_at, "
    "next_check_at, last_error, etag, last_modified, raw_hash, failures, removed_at, gate, canonical_url"
)
# the significance of a story's latest change: the newest change to its newest version (storage.listing_store)
LATEST_SIGNIFICANCE = (
    "(SELECT c.significance FROM changes c WHERE c.story_id = stories.id AND c.to_version = "
    "(SELECT max(v.number) FROM versions v WHERE v.story_id = stories.id) ORDER BY c.id DESC LIMIT 1)"
)
SOURCE_STATES = (
    "SELECT s.name, s.kind, s.location, s.last_checked_at, s.last_error, s.consecutive_failures, s.etag, "
    "s.last_modified, s.raw_hash, coalesce(c.n, 0) AS story_count FROM sources s LEFT OUTER JOIN "
    "(SELECT source_name, count(*) AS n FROM stories GROUP BY source_name) c ON c.source_name = s.name "
    "ORDER BY s.name"
)
WORKERS = (
    "SELECT w.id, w.host, w.pid, w.started_at, w.heartbeat_at, w.stopped_at, w.last_action, w.last_action_at, "
    "coalesce(h.n, 0) AS claims FROM workers w LEFT OUTER JOIN "
    "(SELECT owner, count(*) AS n FROM claims GROUP BY owner) h ON h.owner = w.id "
    "ORDER BY w.started_at DESC, w.id"
)
LEASE = "SELECT owner, started_at, heartbeat_at, last_cycle_at, released_at FROM daemon_lease WHERE name = 'daemon'"


def _count(condition: str) -> str:
    return f"coalesce(sum(CASE WHEN {condition} THEN 1 ELSE 0 END), 0)"


_PENDING = f"status = '{AlertStatus.PENDING.value}'"
_OUTBOX_COUNTS = {
    "pending": _PENDING,
    "failing": f"{_PENDING} AND attempts > 0",
    "held": f"{_PENDING} AND attempts = 0 AND next_attempt_at > :now",
    "operations": f"{_PENDING} AND kind != 'change'",
    "dead": f"status = '{AlertStatus.DEAD.value}'",
    "delivered": f"status = '{AlertStatus.DELIVERED.value}'",
}
OUTBOX_COUNTS = (
    "SELECT notifier, "
    + "".join(f"{_count(condition)} AS {name}, " for name, condition in _OUTBOX_COUNTS.items())
    + f"min(CASE WHEN {_PENDING} THEN next_attempt_at END) AS next_attempt_at "
    "FROM alerts GROUP BY notifier ORDER BY notifier"
)
LAST_ERRORS = (
    "SELECT notifier, last_error FROM alerts WHERE last_error IS NOT NULL "
    f"AND status != '{AlertStatus.DELIVERED.value}' ORDER BY last_attempt_at DESC, id DESC"
)


class LiteStore:
    """The read queries of `stories` and `status` on one DB-API connection; the full Store for the rest."""

    def __init__(self, url: str, connection: Any, *, postgres: bool) -> None:
        self.url = url
        self._connection = connection
        self._postgres = postgres
        self._full: Any = None

    @classmethod
    def open(cls, url: str, *, max_connections: int | None = None) -> Any:
        """A LiteStore on ``url`` at the newest schema, else the full ``Store`` (opened without migrating, so its
        errors name what is wrong: no database yet, an older schema, a bad URL …)."""
        lite = cls._connect(url)
        if lite is not None and lite._current():
            return lite
        if lite is not None:
            lite.close()
        return _full_store(url, max_connections)

    @classmethod
    def _connect(cls, url: str) -> LiteStore | None:
        if url.startswith(PG_SCHEMES):
            return cls(url, _pg_connect(url), postgres=True)
        path = sqlite_path(url)
        if path is None:
            return None
        import sqlite3

        try:
            connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            connection.execute("PRAGMA busy_timeout=5000")
        except sqlite3.Error:
            return None  # the Store says why
        return cls(url, connection, postgres=False)

    def _current(self) -> bool:
        try:
            with self._cursor() as cursor:
                cursor.execute("SELECT version_num FROM alembic_version")
                row = cursor.fetchone()
        except StoreError:  # no such table, a locked or broken file: the Store's check says which
            return False
        return row is not None and row[0] == head_revision()

    # -- the Store's read methods that `stories` and `status` use ---------------------------------------------

    def stream_stories(
        self, filters: StoryFilters | None = None, *, offset: int = 0, limit: int | None = None, chunk: int = CHUNK
    ) -> Iterator[Story]:
        """As ``Store.stream_stories``: most recently changed first, never-changed last, ties by id."""
        sql, params = self._listing(filters or StoryFilters(), offset, limit)
        with self._cursor(server_side=True) as cursor:
            cursor.execute(self._sql(sql), params)
            while batch := cursor.fetchmany(chunk):
                yield from map(records.story_from_row, _rows(cursor, batch))

    def story_counts(self) -> dict[str, int]:
        rows = self._all("SELECT status, count(*) FROM stories GROUP BY status ORDER BY status")
        return {status: int(count) for status, count in rows}

    def due_count(self, now: datetime) -> int:
        rows = self._all("SELECT count(*) FROM stories WHERE next_check_at <= :now", now=self._bind(now))
        return int(rows[0][0] or 0)

    def source_names(self) -> list[str]:
        return [name for (name,) in self._all("SELECT name FROM sources ORDER BY name")]

    def source_states(self) -> list[SourceState]:
        return [records.source_state(row) for row in self._named(SOURCE_STATES)]

    def last_lease(self) -> Lease | None:
        found = self._named(LEASE)
        return records.lease(found[0]) if found else None

    def list_workers(self) -> list[WorkerRow]:
        return [records.worker_row(row) for row in self._named(WORKERS)]

    def outbox_status(self, now: datetime | None = None) -> list[OutboxRow]:
        errors = records.last_errors(self._all(LAST_ERRORS))
        counts = self._named(OUTBOX_COUNTS, now=self._bind(now or utcnow()))
        return [records.outbox_row(row, errors.get(row.notifier)) for row in counts]

    @property
    def shared(self) -> bool:
        return self._postgres

    # -- everything else: the full Store ----------------------------------------------------------------------

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if self._full is None:
            self._full = _full_store(self.url, None)
        return getattr(self._full, name)

    def close(self) -> None:
        if self._full is not None:
            self._full.close()
        self._connection.close()

    def __enter__(self) -> LiteStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- plumbing ---------------------------------------------------------------------------------------------

    def _listing(self, f: StoryFilters, offset: int, limit: int | None) -> tuple[str, dict[str, Any]]:
        where: list[str] = []
        params: dict[str, Any] = {}
        if f.since is not None:
            where.append("(last_changed_at >= :since OR first_seen_at >= :since)")
            params["since"] = self._bind(f.since)
        if f.sources is not None:
            names = {f"source{i}": name for i, name in enumerate(f.sources)}
            where.append(f"source_name IN ({', '.join(':' + key for key in names)})" if names else "1 = 0")
            params.update(names)
        if f.min_significance is not None:
            labels = {f"label{i}": label for i, label in enumerate(f.labels())}
            where.append(f"{LATEST_SIGNIFICANCE} IN ({', '.join(':' + key for key in labels)})")
            params.update(labels)
        sql = f"SELECT {STORY_COLUMNS} FROM stories"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY last_changed_at IS NULL, last_changed_at DESC, id"
        if limit is not None:
            sql += " LIMIT :limit"
            params["limit"] = limit
        elif offset and not self._postgres:
            sql += " LIMIT -1"  # SQLite takes an OFFSET only after a LIMIT
        if offset:
            sql += " OFFSET :offset"
            params["offset"] = offset
        return sql, params

    def _sql(self, sql: str) -> str:
        """``:name`` parameters as the driver wants them (sqlite3 takes them as they are; psycopg ``%(name)s``)."""
        return _PARAM.sub(r"%(\1)s", sql) if self._postgres else sql

    def _bind(self, value: datetime) -> Any:
        """A datetime as the Store writes it: SQLite keeps the naive UTC wall time as SQLAlchemy's text."""
        value = value.astimezone(UTC) if value.tzinfo else value
        return value if self._postgres else value.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")

    def _all(self, sql: str, **params: Any) -> list[Any]:
        with self._cursor() as cursor:
            cursor.execute(self._sql(sql), params)
            return cursor.fetchall()

    def _named(self, sql: str, **params: Any) -> list[SimpleNamespace]:
        with self._cursor() as cursor:
            cursor.execute(self._sql(sql), params)
            return _rows(cursor, cursor.fetchall())

    @contextmanager
    def _cursor(self, *, server_side: bool = False) -> Iterator[Any]:
        """A cursor in one read transaction (on PostgreSQL a server-side one for a listing); errors: StoreError."""
        connection = self._connection
        try:
            if self._postgres:
                with connection.transaction():
                    cursor = connection.cursor(name="storywatch_listing") if server_side else connection.cursor()
                    with cursor:
                        yield cursor
            else:
                connection.execute("BEGIN")
                cursor = connection.cursor()
                try:
                    yield cursor
                finally:
                    cursor.close()
                    connection.execute("COMMIT")
        except StoreError:
            raise
        except Exception as exc:
            if not _driver_error(exc):
                raise
            raise StoreError(f"database error: {_describe(exc, self.url)}") from exc


def sqlite_path(url: str) -> str | None:
    """The file of a plain ``sqlite:///PATH`` URL that exists; None for anything else (memory, URI, options)."""
    scheme = next((s for s in SQLITE_SCHEMES if url.startswith(s)), None)
    if scheme is None:
        return None
    path = url.removeprefix(scheme)
    if not path or path == ":memory:" or path.startswith("file:") or "?" in path:
        return None
    return path if Path(path).expanduser().is_file() else None


def _pg_connect(url: str) -> Any:
    import psycopg

    conninfo = "postgresql://" + url.split("://", 1)[1]
    options = {} if "connect_timeout=" in conninfo else {"connect_timeout": PG_CONNECT_TIMEOUT}
    try:
        return psycopg.connect(conninfo, autocommit=True, **options)
    except Exception as exc:  # unreachable, bad credentials, a bad option: said as Store.open says it
        from storage.engine import parse_url, redact

        raise StoreError(f"cannot open database {redact(parse_url(url))}: {_describe(exc, url)}") from None


def _full_store(url: str, max_connections: int | None) -> Any:
    from storage.store import Store

    options = {} if max_connections is None else {"max_connections": max_connections}
    return Store.open(url, migrate=False, **options)


def _rows(cursor: Any, batch: Sequence[Sequence[Any]]) -> list[SimpleNamespace]:
    """Rows with their columns as attributes and every ``…_at`` column an aware UTC datetime."""
    names = [column[0] for column in cursor.description]
    times = [name.endswith("_at") for name in names]
    return [
        SimpleNamespace(**{n: _utc(v) if t else v for n, t, v in zip(names, times, values, strict=True)})
        for values in batch
    ]


def _utc(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):  # SQLite's text
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _driver_error(exc: Exception) -> bool:
    import sqlite3

    if isinstance(exc, sqlite3.Error):
        return True
    psycopg = __import__("sys").modules.get("psycopg")
    return psycopg is not None and isinstance(exc, psycopg.Error)


def _describe(exc: Exception, url: str) -> str:
    """The driver's message as the Store words it (its first line, a hint, no password)."""
    from storage.engine import describe_error, parse_url, scrub

    return scrub(describe_error(exc), parse_url(url))

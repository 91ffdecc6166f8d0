"""Create the one SQLAlchemy Engine a Store uses: SQLite (the default) or PostgreSQL, from a URL.

SQLite gets WAL, foreign keys and a busy timeout on every connection, and transactions that SQLite itself
begins (so a write transaction can take the write lock up front with ``BEGIN IMMEDIATE``; see ``writer``).
PostgreSQL URLs (``postgresql://`` or ``postgresql+psycopg://``) always use psycopg 3.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import ConnectionPoolEntry, StaticPool

from monitor.errors import StoreError
from storage.lite import PG_CONNECT_TIMEOUT

log = logging.getLogger("storywatch.storage")

SQLITE_PRAGMAS = ("journal_mode=WAL", "foreign_keys=ON", "busy_timeout=5000", "synchronous=NORMAL")
IMMEDIATE = "storywatch_immediate"  # execution option: begin SQLite transactions with BEGIN IMMEDIATE
PG_DRIVERS = {"postgres", "postgresql", "postgresql+psycopg"}


MAX_CONNECTIONS = 15  # a process's own PostgreSQL connections at most (the coordination pool adds COORDINATION)
COORDINATION = 4


def make_engine(url: str, *, max_connections: int = MAX_CONNECTIONS) -> Engine:
    """An Engine for ``url``; raises StoreError (password redacted) for a URL we cannot use."""
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    return _postgres_engine(parsed, max_connections)


def writer(engine: Engine) -> Engine:
    """The same engine, for transactions that will write (on SQLite they take the write lock at BEGIN)."""
    return engine.execution_options(**{IMMEDIATE: True})


def parse_url(url: str) -> URL:
    """The URL parsed and checked: ``sqlite:///path`` or a PostgreSQL URL rewritten to psycopg 3."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        expected = "expected sqlite:///PATH or postgresql://USER@HOST/DB"
        raise StoreError(f"not a database URL: {redact(url)!r} ({expected})") from None
    if parsed.drivername in PG_DRIVERS:
        return parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername in ("sqlite", "sqlite+pysqlite"):
        return parsed
    raise StoreError(
        f"unsupported database URL {redact(url)!r}: use sqlite:///PATH or postgresql+psycopg://USER@HOST/DB"
    )


def redact(url: str | URL) -> str:
    """The URL as text with any password replaced by ``***``."""
    if isinstance(url, URL):
        return url.render_as_string(hide_password=True)
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):  # unparseable: hide everything up to the last "@" (user, password)
        return "…@" + url.rsplit("@", 1)[1] if "@" in url else url


def _sqlite_engine(url: URL) -> Engine:
    if not url.database or url.database == ":memory:":
        # one shared in-memory database (else each connection gets its own, empty one): demos, tests
        engine = create_engine(
            url, poolclass=StaticPool, connect_args={"check_same_thread": False}, json_serializer=_json
        )
    else:
        engine = create_engine(url, json_serializer=_json)
        _create_folder(url)
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _json(value: Any) -> str:
    """JSON as SQLite stores it: names as written (not ``\\u`` escapes), so a search finds "Müller"."""
    return json.dumps(value, ensure_ascii=False)


def _create_folder(url: URL) -> None:
    assert url.database is not None
    if not url.database.startswith("file:"):
        folder = Path(url.database).expanduser().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for {url}: {exc.strerror or exc}") from None


def _sqlite_on_connect(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
    # the driver must not begin transactions itself: _sqlite_on_begin does, so that BEGIN IMMEDIATE works
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()
    # lower() for every alphabet, as PostgreSQL's (SQLite's folds ASCII only): a search for "ørsted" finds "Ørsted"
    dbapi_connection.create_function("lower", 1, _lower, deterministic=True)


def _lower(text: Any) -> Any:
    return text.lower() if isinstance(text, str) else text


def _sqlite_on_begin(connection: Any) -> None:
    immediate = connection.get_execution_options().get(IMMEDIATE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _postgres_engine(url: URL, max_connections: int = MAX_CONNECTIONS) -> Engine:
    connect_args: dict[str, Any] = {}
    if "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = PG_CONNECT_TIMEOUT
    size = max(1, min(5, max_connections))
    try:
        return create_engine(
            url, pool_pre_ping=True, pool_size=size, max_overflow=max_connections - size, connect_args=connect_args
        )
    except Exception as exc:  # e.g. a bad query option; never echo the raw URL
        raise StoreError(f"cannot use database {redact(url)}: {scrub(describe_error(exc), url)}") from None


def coordination_engine(engine: Engine) -> Engine:
    """The engine for coordination writes (claims, heartbeats, host slots): on PostgreSQL a small pool of its own
    (``COORDINATION`` connections) whose sessions commit without waiting for the WAL flush; on SQLite the writer.

    That bookkeeping is short-lived and written many times a second; waiting for the disk on each commit would
    make the commit, not the query, its cost (and serialise a busy host's slots), and sharing the main pool
    would let it queue behind checks. What a server crash can lose is the last fraction of a second of it — a
    claim forgotten, so one story may be checked twice, once, right after the crash — never a version, change
    or alert: those go through the main engine, with the server's own setting."""
    if engine.dialect.name != "postgresql":
        return writer(engine)
    connect_args: dict[str, Any] = {"options": "-c synchronous_commit=off"}
    if "connect_timeout" not in engine.url.query:
        connect_args["connect_timeout"] = PG_CONNECT_TIMEOUT
    return create_engine(
        engine.url,
        pool_pre_ping=True,
        pool_size=COORDINATION // 2,
        max_overflow=COORDINATION // 2,
        connect_args=connect_args,
    )


_FULL = "the disk holding the database may be full (or a file size limit reached): free space and run again"
_READ_ONLY = "the database file or its folder is not writable by this user: fix its permissions (reading still works)"
# what a driver's message means for the operator, by a piece of it (SQLite reports a write past a size limit as
# an I/O error; PostgreSQL names the device)
_HINTS = (
    ("database or disk is full", _FULL),
    ("disk i/o error", _FULL),
    ("no space left on device", _FULL),
    ("could not extend file", _FULL),
    ("readonly database", _READ_ONLY),
    ("read-only transaction", "the server takes no writes (a standby, or default_transaction_read_only)"),
)


def describe_error(exc: BaseException) -> str:
    """The readable part of a database error: the driver's first line, without SQLAlchemy's boilerplate, and
    what to do when the cause is a known one (a full disk, a read-only file)."""
    original = getattr(exc, "orig", None)
    text = str(original if original is not None else exc).strip()
    line = text.splitlines()[0] if text else type(exc).__name__
    hint = next((hint for piece, hint in _HINTS if piece in line.lower()), None)
    return f"{line} — {hint}" if hint else line


def scrub(message: str, url: URL) -> str:
    """``message`` without the URL's password (drivers sometimes echo connection strings)."""
    if url.password:
        message = message.replace(str(url.password), "***")
    return message

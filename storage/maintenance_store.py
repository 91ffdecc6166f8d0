"""The Store's housekeeping: what the database holds (``db stats``), a consistent copy (``db backup``), and
pruning (kept raw pages by count and age; old versions and changes only when asked) — mixed into Store.

Versions and changes are kept forever unless ``db prune --before DATE`` is run; a story's latest version is
never pruned (the next check compares with it), nor its raw page (a new extractor re-reads it first).
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, and_, delete, func, or_, select, update

from monitor.errors import StoreError
from storage.tables import alerts, changes, checks, metadata, stories, versions


@dataclass(frozen=True)
class DatabaseStats:
    backend: str  # "sqlite" | "postgresql"
    size_bytes: int | None  # the file (and its WAL) or the PostgreSQL database
    rows: dict[str, int]  # per table
    raw_pages: int  # versions whose raw HTML is kept
    oldest_raw_page: datetime | None  # when the oldest kept raw page was seen


@dataclass(frozen=True)
class Pruned:
    raw_pages: int = 0
    versions: int = 0
    changes: int = 0
    checks: int = 0


class MaintenanceMethods:
    """stats / backup_to / prune_raw_pages / prune_before, mixed into ``storage.store.Store``."""

    _engine: Engine

    def _transaction(self, write: bool = False) -> AbstractContextManager[Connection]:  # provided by Store
        raise NotImplementedError

    def stats(self) -> DatabaseStats:
        with self._transaction() as connection:
            rows = {
                table.name: int(connection.scalar(select(func.count()).select_from(table)) or 0)
                for table in metadata.sorted_tables
            }
            kept = versions.c.raw_html.is_not(None)
            raw_pages = int(connection.scalar(select(func.count()).select_from(versions).where(kept)) or 0)
            oldest = connection.scalar(select(func.min(versions.c.seen_at)).where(kept))
            if self._engine.dialect.name == "postgresql":
                size = int(connection.exec_driver_sql("SELECT pg_database_size(current_database())").scalar() or 0)
            else:
                size = _sqlite_size(self._engine)
        return DatabaseStats(self._engine.dialect.name, size, rows, raw_pages, oldest)

    def backup_to(self, target: Path) -> None:
        """A consistent copy of a SQLite database while writers go on (SQLite's online backup API)."""
        if self._engine.dialect.name != "sqlite":
            raise StoreError("db backup copies SQLite databases; for PostgreSQL use pg_dump (see the README)")
        raw = self._engine.raw_connection()
        try:
            source = raw.driver_connection
            assert isinstance(source, sqlite3.Connection)
            copy = sqlite3.connect(target)
            try:
                source.backup(copy, pages=1024)  # in steps, so writers are held up only briefly
            finally:
                copy.close()
        except sqlite3.Error as exc:
            raise StoreError(f"backup to {target} failed: {exc}") from None
        finally:
            raw.close()

    def prune_raw_pages(self, *, keep: int, seen_before: datetime | None = None) -> int:
        """Drop the raw HTML of all but each story's ``keep`` newest versions, and of any version seen before
        ``seen_before`` — except each story's latest; returns how many pages were dropped."""
        latest = select(stories.c.version_count).where(stories.c.id == versions.c.story_id).scalar_subquery()
        old = versions.c.number <= latest - max(keep, 1)
        if seen_before is not None:
            old = or_(old, and_(versions.c.seen_at < seen_before, versions.c.number < latest))
        query = update(versions).where(versions.c.raw_html.is_not(None), old).values(raw_html=None)
        with self._transaction(write=True) as connection:
            return connection.execute(query).rowcount

    def prune_before(self, before: datetime) -> Pruned:
        """Delete versions seen before ``before`` (never a story's latest), the changes from them and the check
        log before it. Their alerts go with their changes; a story keeps every later version, the oldest kept
        one standing as its baseline."""
        latest = select(stories.c.version_count).where(stories.c.id == versions.c.story_id).scalar_subquery()
        with self._transaction(write=True) as connection:
            doomed = select(versions.c.story_id, versions.c.number).where(
                versions.c.seen_at < before, versions.c.number < latest
            )
            gone = {(row.story_id, row.number) for row in connection.execute(doomed)}
            # a change that reaches back to a pruned version goes too: the oldest kept version is a new baseline
            change_ids = [
                row.id
                for row in connection.execute(select(changes.c.id, changes.c.story_id, changes.c.from_version))
                if (row.story_id, row.from_version) in gone
            ]
            for start in range(0, len(change_ids), 500):
                chunk = change_ids[start : start + 500]
                connection.execute(delete(alerts).where(alerts.c.change_id.in_(chunk)))
                connection.execute(delete(changes).where(changes.c.id.in_(chunk)))
            removed = connection.execute(
                delete(versions).where(versions.c.seen_at < before, versions.c.number < latest)
            ).rowcount
            logged = connection.execute(delete(checks).where(checks.c.at < before)).rowcount
        return Pruned(versions=removed, changes=len(change_ids), checks=logged)


def _sqlite_size(engine: Engine) -> int | None:
    database = engine.url.database
    if not database or database == ":memory:":
        return None
    files = [Path(database), Path(database + "-wal")]
    return sum(f.stat().st_size for f in files if f.exists())


def describe_size(count: int | None) -> str:
    if count is None:
        return "unknown"
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if count >= size:
            return f"{count / size:.1f} {unit}"
    return f"{count} bytes"

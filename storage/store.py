"""The Store: storywatch's only door to the database. It speaks our dataclasses, never ORM rows.

One Engine per Store and a short connection per call, so one Store serves many threads (the scheduler's
workers). Every write is one transaction; on SQLite it takes the write lock at BEGIN, on PostgreSQL the
story row is locked, so two workers never number two versions alike. Database failures surface as
``StoreError``; a reference to nothing (an unknown story or alert) as ``NotFound``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, ColumnElement, Engine, and_, case, func, or_, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from monitor.errors import NotFound, StoreError
from monitor.models import Alert, AlertStatus, Article, Change, DiffSummary, Source, Story, StoryStatus, Version
from storage import rows
from storage.engine import make_engine, redact, scrub, writer
from storage.migrate import current_revision, head_revision, known_revisions, upgrade
from storage.tables import alerts, changes, checks, sources, stories, versions

log = logging.getLogger("storywatch.storage")

MIGRATE_HINT = "run `python -m storage.migrate URL`, or open the store with migrations enabled"


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


class Store:
    def __init__(self, engine: Engine) -> None:
        """Use :meth:`open`; this takes an engine whose schema is already current."""
        self._engine = engine
        self._writer = writer(engine)

    @classmethod
    def open(cls, url: str, *, migrate: bool = True) -> Store:
        """Open the database at ``url``, migrating it to the newest schema unless ``migrate`` is False."""
        engine = make_engine(url)
        try:
            _prepare_schema(engine, migrate)
        except StoreError:
            engine.dispose()
            raise
        except Exception as exc:
            engine.dispose()
            reason = scrub(_reason(exc), engine.url)
            raise StoreError(f"cannot open database {redact(engine.url)}: {reason}") from None
        log.info("store open: %s", redact(engine.url))
        return cls(engine)

    def close(self) -> None:
        self._engine.dispose()

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
            raise StoreError(f"database error: {scrub(_reason(exc), self._engine.url)}") from exc

    # sources

    def sync_sources(self, sources: Sequence[Source]) -> None:
        """Insert or update the configured sources by name (sources no longer configured are kept)."""
        with self._transaction(write=True) as connection:
            known = set(connection.scalars(select(sources_table.c.name)))
            for source in sources:
                values = _source_values(source)
                if source.name in known:
                    connection.execute(update(sources_table).where(sources_table.c.name == source.name), values)
                else:
                    connection.execute(sources_table.insert(), {**values, "consecutive_failures": 0})
                    known.add(source.name)

    def record_source_check(self, name: str, *, at: datetime, error: str | None, duration: float = 0.0) -> None:
        failures = sources_table.c.consecutive_failures + 1 if error else 0
        with self._transaction(write=True) as connection:
            result = connection.execute(
                update(sources_table)
                .where(sources_table.c.name == name)
                .values(last_checked_at=at, last_error=error, consecutive_failures=failures)
            )
            if result.rowcount == 0:
                raise NotFound(f"no source named {name!r} (sync_sources first)")
            _log_check(connection, at, "error" if error else "ok", error, duration, source_name=name)

    def source_states(self) -> list[SourceState]:
        counts = (
            select(stories.c.source_name, func.count().label("stories"))
            .group_by(stories.c.source_name)
            .subquery()
        )
        query = (
            select(sources_table, func.coalesce(counts.c.stories, 0).label("story_count"))
            .outerjoin(counts, counts.c.source_name == sources_table.c.name)
            .order_by(sources_table.c.name)
        )
        with self._transaction() as connection:
            return [_source_state(row) for row in connection.execute(query)]

    # stories

    def add_story(
        self, url: str, *, source: str | None, headline: str | None, now: datetime, next_check_at: datetime
    ) -> tuple[Story, bool]:
        """The story at ``url`` (matched on its URL or canonical URL), added when new; True when added."""
        with self._transaction(write=True) as connection:
            row = _find_story(connection, url)
            if row is not None:
                return rows.story_from_row(row), False
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
            return _story(connection, story_id), True

    def get_story(self, ref: str | int) -> Story | None:
        """The story with id ``ref`` (an int or all digits) or URL ``ref``; None when there is none."""
        with self._transaction() as connection:
            if isinstance(ref, int) or ref.strip().isdigit():
                row = connection.execute(select(stories).where(stories.c.id == int(ref))).first()
            else:
                row = _find_story(connection, ref.strip())
            return rows.story_from_row(row) if row is not None else None

    def list_stories(self, *, since: datetime | None = None, source: str | None = None) -> list[Story]:
        """Stories, most recently changed first (never-changed last), optionally changed or new ``since``."""
        query = select(stories).order_by(
            stories.c.last_changed_at.is_(None), stories.c.last_changed_at.desc(), stories.c.id
        )
        if since is not None:
            query = query.where(or_(stories.c.last_changed_at >= since, stories.c.first_seen_at >= since))
        if source is not None:
            query = query.where(stories.c.source_name == source)
        with self._transaction() as connection:
            return [rows.story_from_row(row) for row in connection.execute(query)]

    def due_stories(self, now: datetime, *, source: str | None = None, limit: int | None = None) -> list[Story]:
        """Stories whose next check is due at ``now``, the most overdue first."""
        query = select(stories).where(stories.c.next_check_at <= now)
        if source is not None:
            query = query.where(stories.c.source_name == source)
        query = query.order_by(stories.c.next_check_at, stories.c.id).limit(limit)
        with self._transaction() as connection:
            return [rows.story_from_row(row) for row in connection.execute(query)]

    def record_story_check(
        self,
        story_id: int,
        *,
        at: datetime,
        status: str,
        error: str | None = None,
        next_check_at: datetime | None = None,
        duration: float = 0.0,
    ) -> None:
        """Log one check of a story and update its status ("error", "removed", anything else is active)."""
        values: dict[str, Any] = {
            "last_checked_at": at,
            "last_error": error if status == "error" else None,
            "status": _story_status(status).value,
        }
        if next_check_at is not None:
            values["next_check_at"] = next_check_at
        with self._transaction(write=True) as connection:
            _update_story(connection, story_id, values)
            _log_check(connection, at, status, error, duration, story_id=story_id)

    def set_canonical_url(self, story_id: int, url: str) -> None:
        with self._transaction(write=True) as connection:
            _update_story(connection, story_id, {"canonical_url": url})

    # versions and changes

    def latest_version(self, story_id: int) -> Version | None:
        query = rows.version_select().where(versions.c.story_id == story_id).order_by(versions.c.number.desc())
        with self._transaction() as connection:
            row = connection.execute(query.limit(1)).first()
            return rows.version_from_row(row) if row is not None else None

    def get_version(self, story_id: int, number: int) -> Version | None:
        with self._transaction() as connection:
            return _version(connection, story_id, number)

    def list_versions(self, story_id: int) -> list[Version]:
        query = rows.version_select().where(versions.c.story_id == story_id).order_by(versions.c.number)
        with self._transaction() as connection:
            return [rows.version_from_row(row) for row in connection.execute(query)]

    def raw_html(self, story_id: int, number: int) -> bytes | None:
        """The page a version was extracted from, when it was kept (see :meth:`prune_raw_html`)."""
        query = select(versions.c.raw_html).where(versions.c.story_id == story_id, versions.c.number == number)
        with self._transaction() as connection:
            return connection.scalar(query)

    def prune_raw_html(self, keep: int = 3) -> int:
        """Drop the raw HTML of all but each story's ``keep`` newest versions; returns how many were dropped."""
        count = select(stories.c.version_count).where(stories.c.id == versions.c.story_id).scalar_subquery()
        query = (
            update(versions)
            .where(versions.c.raw_html.is_not(None), versions.c.number <= count - keep)
            .values(raw_html=None)
        )
        with self._transaction(write=True) as connection:
            return connection.execute(query).rowcount

    def add_version(
        self,
        story_id: int,
        article: Article,
        *,
        text: str,
        text_hash: str,
        seen_at: datetime,
        raw_html: bytes | None = None,
        summary: DiffSummary | None = None,
        notifiers: Sequence[str] = (),
    ) -> tuple[Version, Change | None, list[Alert]]:
        """Store the next version of a story, with its change and one alert per notifier, in one transaction.

        ``summary`` (the diff from the latest stored version) requires a previous version; without it
        nothing alerts (a baseline). Either everything is written or, on any error, nothing.
        """
        try:
            with self._transaction(write=True) as connection:
                _lock_story(connection, story_id)
                previous = connection.scalar(select(func.max(versions.c.number)).where(versions.c.story_id == story_id))
                if summary is not None and previous is None:
                    raise ValueError(f"story {story_id} has no version yet: its first version cannot be a change")
                number = (previous or 0) + 1
                version_values = {
                    **rows.article_values(article),
                    "story_id": story_id,
                    "number": number,
                    "seen_at": seen_at,
                    "extractor_version": str(article.extractor.get("version", "")),
                    "text": text,
                    "text_hash": text_hash,
                    "raw_html": raw_html,
                }
                connection.execute(versions.insert(), version_values)
                change = alerts_made = None
                if summary is not None:
                    change_id = _insert_change(connection, story_id, previous, number, seen_at, summary)
                    alert_ids = [_insert_alert(connection, change_id, name, seen_at) for name in notifiers]
                    change = _change(connection, changes.c.id == change_id)
                    alerts_made = _alerts(connection, alerts.c.id.in_(alert_ids))
                story_values: dict[str, Any] = {
                    "headline": article.headline,
                    "version_count": number,
                    "status": StoryStatus.ACTIVE.value,
                    "last_error": None,
                }
                if change is not None:
                    story_values["last_changed_at"] = seen_at
                _update_story(connection, story_id, story_values)
                version = _version(connection, story_id, number)
        except StoreError as exc:
            if isinstance(exc.__cause__, IntegrityError):
                raise StoreError(f"story {story_id}: version not stored, nothing was written ({exc})") from exc
            raise
        assert version is not None
        log.info("story %s: version %s stored%s", story_id, number, f", {len(notifiers)} alert(s)" if change else "")
        return version, change, alerts_made or []

    def get_change(self, story_id: int, from_version: int, to_version: int) -> Change | None:
        """The stored change from one version to the next; None for any other pair (diff those yourself)."""
        where = and_(
            changes.c.story_id == story_id,
            changes.c.from_version == from_version,
            changes.c.to_version == to_version,
        )
        with self._transaction() as connection:
            return _change(connection, where)

    def latest_change(self, story_id: int) -> Change | None:
        query = rows.change_select().where(changes.c.story_id == story_id).order_by(changes.c.to_version.desc())
        with self._transaction() as connection:
            row = connection.execute(query.limit(1)).first()
            return rows.change_from_row(row) if row is not None else None

    def list_changes(self, story_id: int) -> list[Change]:
        query = rows.change_select().where(changes.c.story_id == story_id).order_by(changes.c.to_version)
        with self._transaction() as connection:
            return [rows.change_from_row(row) for row in connection.execute(query)]

    # the outbox

    def due_alerts(self, now: datetime, *, notifier: str | None = None, limit: int = 100) -> list[Alert]:
        """Pending alerts whose next attempt is due, oldest first."""
        where = and_(alerts.c.status == AlertStatus.PENDING.value, alerts.c.next_attempt_at <= now)
        if notifier is not None:
            where = and_(where, alerts.c.notifier == notifier)
        with self._transaction() as connection:
            return _alerts(connection, where, limit=limit)

    def mark_delivered(self, alert_id: int, *, at: datetime) -> None:
        values = {"status": AlertStatus.DELIVERED.value, "delivered_at": at, "next_attempt_at": None}
        with self._transaction(write=True) as connection:
            _attempted(connection, alert_id, at, values)

    def mark_failed(self, alert_id: int, *, error: str, at: datetime, next_attempt_at: datetime | None) -> None:
        """Record a failed attempt; with no ``next_attempt_at`` the alert is given up (dead)."""
        status = AlertStatus.DEAD if next_attempt_at is None else AlertStatus.PENDING
        values = {"status": status.value, "last_error": error, "next_attempt_at": next_attempt_at}
        with self._transaction(write=True) as connection:
            _attempted(connection, alert_id, at, values)

    def retry_alerts(self, *, now: datetime, notifier: str | None = None, dead: bool = False) -> int:
        """Make pending alerts (and with ``dead``, dead ones too) due at ``now``; returns how many."""
        statuses = [AlertStatus.PENDING.value] + ([AlertStatus.DEAD.value] if dead else [])
        query = update(alerts).where(alerts.c.status.in_(statuses))
        if notifier is not None:
            query = query.where(alerts.c.notifier == notifier)
        query = query.values(status=AlertStatus.PENDING.value, next_attempt_at=now)
        with self._transaction(write=True) as connection:
            return connection.execute(query).rowcount

    def outbox_status(self) -> list[OutboxRow]:
        """One row per notifier that has alerts, by name."""
        with self._transaction() as connection:
            errors = _last_errors(connection)
            return [
                OutboxRow(
                    notifier=row.notifier,
                    pending=row.pending or 0,
                    failing=row.failing or 0,
                    dead=row.dead or 0,
                    delivered=row.delivered or 0,
                    last_error=errors.get(row.notifier),
                    next_attempt_at=row.next_attempt_at,
                )
                for row in connection.execute(_outbox_counts())
            ]


sources_table = sources  # the contract's `sync_sources(sources)` parameter shadows the table's name


def _prepare_schema(engine: Engine, migrate: bool) -> None:
    """Migrate, or check that the schema is current; StoreError says what to do when it is not."""
    revision = current_revision(engine)
    if revision is not None and revision not in known_revisions():
        raise StoreError(
            f"database {redact(engine.url)} has schema revision {revision!r}, newer than this storywatch "
            "knows: upgrade storywatch"
        )
    if migrate:
        upgrade(engine)
    elif revision != head_revision():
        state = "has no storywatch schema" if revision is None else f"is at schema revision {revision}"
        raise StoreError(
            f"database {redact(engine.url)} {state}, this storywatch needs {head_revision()}: {MIGRATE_HINT}"
        )


def _reason(exc: BaseException) -> str:
    """The readable part of a database error (the driver's message, without SQLAlchemy's boilerplate)."""
    original = getattr(exc, "orig", None)
    text = str(original if original is not None else exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _source_values(source: Source) -> dict[str, Any]:
    return {
        "name": source.name,
        "kind": str(source.kind.value if hasattr(source.kind, "value") else source.kind),
        "location": source.location,
        "interval_seconds": int(source.interval.total_seconds()),
        "tags": list(source.tags),
    }


def _source_state(row: Any) -> SourceState:
    return SourceState(
        name=row.name,
        kind=row.kind,
        location=row.location,
        last_checked_at=row.last_checked_at,
        last_error=row.last_error,
        consecutive_failures=row.consecutive_failures,
        stories=row.story_count,
    )


def _log_check(
    connection: Connection,
    at: datetime,
    status: str,
    error: str | None,
    duration: float,
    *,
    story_id: int | None = None,
    source_name: str | None = None,
) -> None:
    values = {
        "story_id": story_id,
        "source_name": source_name,
        "at": at,
        "status": status,
        "error": error,
        "duration_ms": max(0, round(duration * 1000)),
    }
    connection.execute(checks.insert(), values)


def _story_status(check_status: str) -> StoryStatus:
    if check_status == "error":
        return StoryStatus.ERROR
    if check_status == "removed":
        return StoryStatus.REMOVED
    return StoryStatus.ACTIVE


def _find_story(connection: Connection, url: str) -> Any:
    """The story row whose URL or canonical URL is ``url``, give or take a trailing slash."""
    bare = url.rstrip("/")
    candidates = {url, bare, bare + "/"}
    query = (
        select(stories)
        .where(or_(stories.c.url.in_(candidates), stories.c.canonical_url.in_(candidates)))
        .order_by(case((stories.c.url == url, 0), (stories.c.canonical_url == url, 1), else_=2), stories.c.id)
    )
    return connection.execute(query.limit(1)).first()


def _story(connection: Connection, story_id: int) -> Story:
    row = connection.execute(select(stories).where(stories.c.id == story_id)).first()
    if row is None:
        raise NotFound(f"no story with id {story_id}")
    return rows.story_from_row(row)


def _lock_story(connection: Connection, story_id: int) -> None:
    """Lock the story row until the transaction ends (PostgreSQL; SQLite holds its write lock already)."""
    query = select(stories.c.id).where(stories.c.id == story_id).with_for_update()
    if connection.scalar(query) is None:
        raise NotFound(f"no story with id {story_id}")


def _update_story(connection: Connection, story_id: int, values: dict[str, Any]) -> None:
    result = connection.execute(update(stories).where(stories.c.id == story_id).values(**values))
    if result.rowcount == 0:
        raise NotFound(f"no story with id {story_id}")


def _version(connection: Connection, story_id: int, number: int) -> Version | None:
    query = rows.version_select().where(versions.c.story_id == story_id, versions.c.number == number)
    row = connection.execute(query).first()
    return rows.version_from_row(row) if row is not None else None


def _insert_change(
    connection: Connection, story_id: int, previous: int, number: int, seen_at: datetime, summary: DiffSummary
) -> int:
    values = {
        "story_id": story_id,
        "from_version": previous,
        "to_version": number,
        "created_at": seen_at,
        "significance": summary.significance.label,
        "declared": summary.declared,
        "summary": summary.to_json(),
    }
    return connection.execute(changes.insert(), values).inserted_primary_key[0]


def _insert_alert(connection: Connection, change_id: int, notifier: str, now: datetime) -> int:
    values = {
        "change_id": change_id,
        "notifier": notifier,
        "dedupe_key": f"change:{change_id}:{notifier}",
        "status": AlertStatus.PENDING.value,
        "attempts": 0,
        "created_at": now,
        "next_attempt_at": now,
    }
    return connection.execute(alerts.insert(), values).inserted_primary_key[0]


def _change(connection: Connection, where: ColumnElement[bool]) -> Change | None:
    row = connection.execute(rows.change_select().where(where)).first()
    return rows.change_from_row(row) if row is not None else None


def _alerts(connection: Connection, where: ColumnElement[bool], limit: int | None = None) -> list[Alert]:
    query = select(alerts).where(where).order_by(alerts.c.id).limit(limit)
    return rows.alerts_from_rows(connection, connection.execute(query))


def _attempted(connection: Connection, alert_id: int, at: datetime, values: dict[str, Any]) -> None:
    query = (
        update(alerts)
        .where(alerts.c.id == alert_id)
        .values(attempts=alerts.c.attempts + 1, last_attempt_at=at, **values)
    )
    if connection.execute(query).rowcount == 0:
        raise NotFound(f"no alert with id {alert_id}")


def _count(condition: ColumnElement[bool]) -> Any:
    return func.sum(case((condition, 1), else_=0))


def _outbox_counts() -> Any:
    pending = alerts.c.status == AlertStatus.PENDING.value
    return (
        select(
            alerts.c.notifier,
            _count(pending).label("pending"),
            _count(and_(pending, alerts.c.attempts > 0)).label("failing"),
            _count(alerts.c.status == AlertStatus.DEAD.value).label("dead"),
            _count(alerts.c.status == AlertStatus.DELIVERED.value).label("delivered"),
            func.min(case((pending, alerts.c.next_attempt_at), else_=None)).label("next_attempt_at"),
        )
        .group_by(alerts.c.notifier)
        .order_by(alerts.c.notifier)
    )


def _last_errors(connection: Connection) -> dict[str, str]:
    """Each notifier's most recent error among its undelivered alerts."""
    query = (
        select(alerts.c.notifier, alerts.c.last_error)
        .where(alerts.c.last_error.is_not(None), alerts.c.status != AlertStatus.DELIVERED.value)
        .order_by(alerts.c.last_attempt_at.desc(), alerts.c.id.desc())
    )
    errors: dict[str, str] = {}
    for row in connection.execute(query):
        errors.setdefault(row.notifier, row.last_error)
    return errors

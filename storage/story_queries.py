"""The statements behind the Store's story, version and check methods, each on a caller's connection."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    ClauseElement,
    ColumnElement,
    Connection,
    Row,
    Select,
    bindparam,
    case,
    func,
    or_,
    select,
    tuple_,
    update,
)

from monitor.errors import NotFound
from monitor.models import Article, Change, DiffSummary, Story, StoryStatus, Version
from storage import records, rows
from storage.check_batch import CheckRecord
from storage.tables import changes, checks, stories, story_aliases, versions


def find_story(connection: Connection, url: str) -> Row[Any] | None:
    """The story row whose URL, canonical URL or alias (a merged story's URL) is ``url``, give or take a slash."""
    candidates = _candidates(url)
    exact_first = case((stories.c.url == url, 0), (stories.c.canonical_url == url, 1), else_=2)
    query = (
        select(stories)
        .where(or_(stories.c.url.in_(candidates), stories.c.canonical_url.in_(candidates)))
        .order_by(exact_first, stories.c.id)
    )
    row = connection.execute(query.limit(1)).first()
    if row is not None:
        return row
    aliased = select(stories).join(story_aliases, story_aliases.c.story_id == stories.c.id)
    return connection.execute(aliased.where(story_aliases.c.url.in_(candidates)).limit(1)).first()


def find_stories(connection: Connection, urls: Sequence[str]) -> dict[str, Row[Any]]:
    """``find_story`` for many URLs at once, in a few queries: each URL that a story answers to, with its row."""
    wanted = {url: _candidates(url) for url in dict.fromkeys(urls)}
    every = sorted(set().union(*wanted.values())) if wanted else []
    by_url: dict[str, Row[Any]] = {}
    by_canonical: dict[str, Row[Any]] = {}
    by_alias: dict[str, Row[Any]] = {}
    for start in range(0, len(every), 500):
        chunk = every[start : start + 500]
        found = select(stories).where(or_(stories.c.url.in_(chunk), stories.c.canonical_url.in_(chunk)))
        for row in connection.execute(found.order_by(stories.c.id)):
            by_url.setdefault(row.url, row)
            if row.canonical_url is not None:
                by_canonical.setdefault(row.canonical_url, row)
        aliased = select(stories, story_aliases.c.url.label("alias")).join(
            story_aliases, story_aliases.c.story_id == stories.c.id
        )
        for row in connection.execute(aliased.where(story_aliases.c.url.in_(chunk)).order_by(stories.c.id)):
            by_alias.setdefault(row.alias, row)
    answers: dict[str, Row[Any]] = {}
    for url, candidates in wanted.items():
        row = by_url.get(url) or by_canonical.get(url)  # an exact URL first, then an exact canonical URL
        if row is None:  # then either, give or take a slash, the oldest story first; then an alias
            near = [r for c in candidates for r in (by_url.get(c), by_canonical.get(c)) if r is not None]
            row = min(near, key=lambda r: r.id) if near else None
        if row is None:
            aliases = [by_alias[c] for c in candidates if c in by_alias]
            row = min(aliases, key=lambda r: r.id) if aliases else None
        if row is not None:
            answers[url] = row
    return answers


def _candidates(url: str) -> set[str]:
    bare = url.rstrip("/")
    return {url, bare, bare + "/"}


def known_urls(connection: Connection, urls: list[str]) -> set[str]:
    """Those of ``urls`` that some story already answers to (its URL, canonical URL or an alias)."""
    known: set[str] = set()
    for start in range(0, len(urls), 500):
        chunk = urls[start : start + 500]
        for column in (stories.c.url, stories.c.canonical_url, story_aliases.c.url):
            known |= set(connection.scalars(select(column).where(column.in_(chunk))))
    return known


# the statements of a story's check, built once (building one costs several times running it): each takes its
# values as bound parameters
_STORY = select(stories).where(stories.c.id == bindparam("story_id"))
_LOCK = select(stories.c.id).where(stories.c.id == bindparam("story_id")).with_for_update()
_UPDATE_STORY = update(stories).where(stories.c.id == bindparam("story_id_"))  # SET: the parameters' columns
_LATEST_NUMBER = select(func.max(versions.c.number)).where(versions.c.story_id == bindparam("story_id"))
_HASHES = (
    select(versions.c.number, versions.c.text_hash)
    .where(versions.c.story_id == bindparam("story_id"))
    .order_by(versions.c.number)
)


def story(connection: Connection, story_id: int) -> Story:
    row = connection.execute(_STORY, {"story_id": story_id}).first()
    if row is None:
        raise NotFound(f"no story with id {story_id}")
    return records.story_from_row(row)


def lock_story(connection: Connection, story_id: int) -> None:
    """Lock the story row until the transaction ends (PostgreSQL; SQLite holds its write lock already)."""
    if connection.scalar(_LOCK, {"story_id": story_id}) is None:
        raise NotFound(f"no story with id {story_id}")


def update_story(connection: Connection, story_id: int, values: dict[str, Any]) -> None:
    if any(isinstance(value, ClauseElement) for value in values.values()):  # an expression: built for it
        result = connection.execute(update(stories).where(stories.c.id == story_id).values(**values))
    else:  # plain values, as parameters of one statement built once (a third of the cost of building it each time)
        result = connection.execute(_UPDATE_STORY, {"story_id_": story_id, **values})
    if result.rowcount == 0:
        raise NotFound(f"no story with id {story_id}")


def status_after_check(check_status: str) -> StoryStatus:
    """A story's status after a check: "error" and "removed" stick, anything else means active."""
    if check_status == "error":
        return StoryStatus.ERROR
    if check_status == "removed":
        return StoryStatus.REMOVED
    return StoryStatus.ACTIVE


def check_values(check: CheckRecord) -> dict[str, Any]:
    """The story row's values after ``check`` (see ``Store.record_story_check``)."""
    values: dict[str, Any] = {"last_checked_at": check.at}
    if check.status != "deferred":
        values["last_error"] = check.error if check.status in ("error", "removed") else None
        values["status"] = status_after_check(check.status).value
        values["failures"] = stories.c.failures + 1 if check.status == "error" else 0
        if check.status == "removed":
            values["removed_at"] = func.coalesce(stories.c.removed_at, check.at)
        elif check.status != "error":
            values["removed_at"] = None
    if check.next_check_at is not None or check.clear_next:
        values["next_check_at"] = check.next_check_at
    if check.validators is not None:
        values["etag"], values["last_modified"] = check.validators
    if check.raw_hash is not None:
        values["raw_hash"] = check.raw_hash
    if check.gate is not None:
        values["gate"] = check.gate
    return values


def record_check(connection: Connection, story_id: int, check: CheckRecord, also: dict[str, Any] | None = None) -> None:
    """Update the story after ``check`` (and with ``also``, in the same UPDATE) and log the check."""
    update_story(connection, story_id, {**check_values(check), **(also or {})})
    log_check(connection, check.at, check.status, check.error, check.duration, story_id=story_id)


def log_check(
    connection: Connection,
    at: datetime,
    status: str,
    error: str | None,
    duration: float,
    *,
    story_id: int | None = None,
    source_name: str | None = None,
) -> None:
    """One row of the compact check log."""
    values = {
        "story_id": story_id,
        "source_name": source_name,
        "at": at,
        "status": status,
        "error": error,
        "duration_ms": max(0, round(duration * 1000)),
    }
    connection.execute(checks.insert(), values)


def latest_number(connection: Connection, story_id: int) -> int | None:
    return connection.scalar(_LATEST_NUMBER, {"story_id": story_id})


def version(connection: Connection, story_id: int, number: int) -> Version | None:
    row = connection.execute(_version(), {"story_id": story_id, "number": number}).first()
    return rows.version_from_row(row) if row is not None else None


def versions_by_key(connection: Connection, keys: Sequence[tuple[int, int]]) -> dict[tuple[int, int], Version]:
    """The versions named by (story id, number) ``keys``, in a query per 500."""
    wanted = list(dict.fromkeys(keys))
    found: dict[tuple[int, int], Version] = {}
    for start in range(0, len(wanted), 500):
        for row in connection.execute(_versions_by_key(), {"keys": wanted[start : start + 500]}):
            found[(row.story_id, row.number)] = rows.version_from_row(row)
    return found


def version_hashes(connection: Connection, story_id: int) -> list[tuple[int, str]]:
    """(number, text hash) of every version of a story, oldest first."""
    return [(row.number, row.text_hash) for row in connection.execute(_HASHES, {"story_id": story_id})]


def latest_version(connection: Connection, story_id: int) -> Version | None:
    """The story's newest version, in one query."""
    row = connection.execute(_latest_version(), {"story_id": story_id}).first()
    return rows.version_from_row(row) if row is not None else None


@cache  # built at first use, as version_select is
def _version() -> Select[Any]:
    story_id, number = bindparam("story_id"), bindparam("number")
    return rows.version_select().where(versions.c.story_id == story_id, versions.c.number == number)


@cache
def _versions_by_key() -> Select[Any]:
    keys = bindparam("keys", expanding=True)
    return rows.version_select().where(tuple_(versions.c.story_id, versions.c.number).in_(keys))


@cache
def _latest_version() -> Select[Any]:
    query = rows.version_select().where(versions.c.story_id == bindparam("story_id"))
    return query.order_by(versions.c.number.desc()).limit(1)


def insert_version(
    connection: Connection, story_id: int, number: int, article: Article, seen_at: datetime, **stored: Any
) -> None:
    """Insert a version; ``stored`` holds ``text``, ``text_hash`` and ``raw_html``."""
    values = {
        **rows.article_values(article),
        **stored,
        "story_id": story_id,
        "number": number,
        "seen_at": seen_at,
        "extractor_version": str(article.extractor.get("version", "")),
    }
    connection.execute(versions.insert(), values)


def insert_change(
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


def change(connection: Connection, where: ColumnElement[bool]) -> Change | None:
    row = connection.execute(rows.change_select().where(where)).first()
    return rows.change_from_row(row) if row is not None else None


def raw_html_pruner(keep: int) -> Any:
    """An UPDATE that drops the raw HTML of all but each story's ``keep`` newest versions."""
    count = select(stories.c.version_count).where(stories.c.id == versions.c.story_id).scalar_subquery()
    return (
        update(versions)
        .where(versions.c.raw_html.is_not(None), versions.c.number <= count - keep)
        .values(raw_html=None)
    )

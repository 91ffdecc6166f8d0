"""Turn database rows into storywatch's dataclasses (and build the selects those rows come from).

Nothing outside ``storage/`` ever sees a row: every Store method returns what these functions build.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from sqlalchemy import Connection, Row, Select, and_, select

from monitor.alert_types import OpsAlert, RoutedAlert
from monitor.models import (
    AlertStatus,
    Article,
    Change,
    DiffSummary,
    Note,
    Significance,
    Version,
)
from storage.tables import changes, stories, versions

_from = versions.alias("v_from")
_to = versions.alias("v_to")


@cache  # built once: a Select is immutable (.where() and friends return new ones)
def version_select() -> Select[Any]:
    """Versions (without their text and raw HTML) with the significance of the change that made each."""
    columns = [c for c in versions.c if c.name not in ("text", "raw_html")]
    return select(*columns, changes.c.significance).outerjoin(
        changes,
        and_(
            changes.c.story_id == versions.c.story_id,
            changes.c.to_version == versions.c.number,
            changes.c.from_version < changes.c.to_version,  # not a removed/restored event
        ),
    )


def article_values(article: Article) -> dict[str, Any]:
    """The versions columns that hold an Article."""
    data = article.to_json()
    return {
        "url": article.url,
        "canonical_url": article.canonical_url,
        "headline": article.headline,
        "authors": data["authors"],
        "published": article.published,
        "modified": article.modified,
        "language": article.language,
        "body": data["body"],
        "notes": data["notes"],
        "extractor": data["extractor"],
    }


def version_from_row(row: Row[Any]) -> Version:
    article = Article(
        url=row.url,
        canonical_url=row.canonical_url,
        headline=row.headline,
        authors=tuple(row.authors),
        published=row.published,
        modified=row.modified,
        language=row.language,
        body=tuple(row.body),
        notes=tuple(Note(note["kind"], note["text"]) for note in row.notes),
        extractor=dict(row.extractor),
    )
    return Version(
        story_id=row.story_id,
        number=row.number,
        seen_at=row.seen_at,
        article=article,
        text_hash=row.text_hash,
        extractor_version=row.extractor_version,
        significance=Significance.parse(row.significance) if row.significance else None,
    )


@cache
def change_select() -> Select[Any]:
    """Changes with what a Change carries besides the summary: the story's URL, the versions' times."""
    return (
        select(
            changes.c.id,
            changes.c.story_id,
            changes.c.from_version,
            changes.c.to_version,
            changes.c.summary,
            stories.c.url.label("story_url"),
            _to.c.headline,
            _from.c.seen_at.label("from_seen_at"),
            _to.c.seen_at.label("to_seen_at"),
            changes.c.created_at,
        )
        .join(stories, stories.c.id == changes.c.story_id)
        .join(_from, and_(_from.c.story_id == changes.c.story_id, _from.c.number == changes.c.from_version))
        .join(_to, and_(_to.c.story_id == changes.c.story_id, _to.c.number == changes.c.to_version))
    )


def change_from_row(row: Row[Any]) -> Change:
    return Change(
        id=row.id,
        story_id=row.story_id,
        story_url=row.story_url,
        headline=row.headline,
        from_version=row.from_version,
        to_version=row.to_version,
        from_seen_at=row.from_seen_at,
        to_seen_at=row.to_seen_at,
        summary=DiffSummary.from_json(row.summary),
        created_at=row.created_at,
    )


def alerts_from_rows(connection: Connection, rows: Iterable[Row[Any]]) -> list[Any]:
    """Outbox rows as alerts: a change alert (``RoutedAlert``) with its Change, or an ``OpsAlert``."""
    rows = list(rows)
    change_ids = {row.change_id for row in rows if row.change_id is not None}
    found = connection.execute(change_select().where(changes.c.id.in_(change_ids))) if change_ids else []
    by_id = {change.id: change for change in map(change_from_row, found)}
    return [
        alert_from_row(row, by_id[row.change_id]) if row.change_id is not None else ops_alert_from_row(row)
        for row in rows
    ]


def alert_from_row(row: Row[Any], change: Change) -> RoutedAlert:
    return RoutedAlert(
        id=row.id,
        notifier=row.notifier,
        change=change,
        dedupe_key=row.dedupe_key,
        status=AlertStatus(row.status),
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        last_error=row.last_error,
        created_at=row.created_at,
        delivered_at=row.delivered_at,
        attempt_started_at=row.attempt_started_at,
        story_id=change.story_id,
        reasons=dict(row.reasons or {}),
    )


def ops_alert_from_row(row: Row[Any]) -> OpsAlert:
    return OpsAlert(
        id=row.id,
        notifier=row.notifier,
        kind=row.kind,
        subject=row.subject or "",
        body=row.body or "",
        dedupe_key=row.dedupe_key,
        status=AlertStatus(row.status),
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        last_error=row.last_error,
        created_at=row.created_at,
        delivered_at=row.delivered_at,
        attempt_started_at=row.attempt_started_at,
    )

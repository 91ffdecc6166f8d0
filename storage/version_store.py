"""The Store's version writes: a new version with its change and alerts, or an event, each in one transaction.

    store.add_version(story_id, article, text=..., ...)   -> (Version, Change | None, [Alert]), read back as stored
    store.store_version(story_id, article, text=..., ...) -> StoredVersion: the same rows, nothing read back
    store.add_event(story_id, summary, at=...)            -> (Change, [Alert])

``store_version`` is what a check uses: it needs only the new version's number and how many alerts it queued,
and reading the version, its change and alerts back (three joined selects) costs a changed story as much as
writing them. Mixed into Store.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from typing import Any, Required, TypedDict, Unpack

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from monitor.errors import StoreError
from monitor.models import Alert, Article, Change, DiffSummary, StoryStatus, Version
from storage import alert_queries as aq
from storage import story_queries as sq
from storage.check_batch import CheckRecord
from storage.records import StoredVersion
from storage.tables import alerts, changes

log = logging.getLogger("storywatch.storage")

Routed = Sequence[str] | Mapping[str, Mapping[str, Any] | None]  # notifier names, or each with its reasons


class VersionFields(TypedDict, total=False):
    """The keywords of ``add_version`` and ``store_version``."""

    text: Required[str]  # the normalised text
    text_hash: Required[str]
    seen_at: Required[datetime]
    raw_html: bytes | None  # the page, kept compressed
    summary: DiffSummary | None  # the diff from the latest version: None for a baseline
    notifiers: Routed
    check: CheckRecord | None  # the check that found the version


class VersionMethods:
    """add_version / store_version / add_event, mixed into ``storage.store.Store``."""

    def _transaction(self, write: bool = False) -> AbstractContextManager[Connection]:  # provided by Store
        raise NotImplementedError

    def add_version(
        self, story_id: int, article: Article, **fields: Unpack[VersionFields]
    ) -> tuple[Version, Change | None, list[Alert]]:
        """Store the next version of a story, with its change and one alert per notifier, in one transaction.

        ``summary`` (the diff from the latest stored version) requires a previous version; without it
        nothing alerts (a baseline). ``notifiers`` names the routed notifiers, or maps each to its routing
        reasons (``Notifier.route``), stored with its alert. ``check``: the check that found the version, recorded
        in the same transaction (as ``record_story_check`` would). Either everything is written or, on any error,
        nothing.
        """
        with self._writing_version(story_id) as connection:
            written = _write_version(connection, story_id, article, fields)
            version = sq.version(connection, story_id, written.number)
            change, made = None, []
            if written.change_id is not None:
                change, made = _read_change(connection, written)
        assert version is not None
        return version, change, made

    def store_version(self, story_id: int, article: Article, **fields: Unpack[VersionFields]) -> StoredVersion:
        """``add_version``, writing the same rows in one transaction, but reading none of them back."""
        with self._writing_version(story_id) as connection:
            return _write_version(connection, story_id, article, fields)

    @contextmanager
    def _writing_version(self, story_id: int) -> Iterator[Connection]:
        try:
            with self._transaction(write=True) as connection:
                yield connection
        except StoreError as exc:
            if isinstance(exc.__cause__, IntegrityError):
                raise StoreError(f"story {story_id}: nothing stored, the version was rolled back ({exc})") from exc
            raise

    def add_event(
        self, story_id: int, summary: DiffSummary, *, at: datetime, notifiers: Routed = ()
    ) -> tuple[Change, list[Alert]]:
        """A change with no new text (the story was removed or restored), with its alerts, in one transaction.

        It is recorded against the latest version (from = to = that version's number)."""
        with self._transaction(write=True) as connection:
            sq.lock_story(connection, story_id)
            latest = sq.latest_number(connection, story_id)
            if latest is None:
                raise ValueError(f"story {story_id} has no version yet: nothing to report as removed")
            written = _write_change(connection, story_id, latest, latest, at, summary, notifiers)
            sq.update_story(connection, story_id, {"last_changed_at": at})
            change, made = _read_change(connection, written)
        log.info("story %s: %s, %d alert(s)", story_id, summary.event, len(made))
        return change, made


def _write_version(connection: Connection, story_id: int, article: Article, fields: VersionFields) -> StoredVersion:
    """The version's, change's, alerts' and (with ``check``) the check's rows, on the caller's transaction."""
    seen_at, summary, check = fields["seen_at"], fields.get("summary"), fields.get("check")
    stored = {"text": fields["text"], "text_hash": fields["text_hash"], "raw_html": fields.get("raw_html")}
    sq.lock_story(connection, story_id)
    previous = sq.latest_number(connection, story_id)
    if summary is not None and previous is None:
        raise ValueError(f"story {story_id} has no version yet: a first version is no change")
    number = (previous or 0) + 1
    sq.insert_version(connection, story_id, number, article, seen_at, **stored)
    written = StoredVersion(number)
    if summary is not None and previous is not None:
        written = _write_change(connection, story_id, previous, number, seen_at, summary, fields.get("notifiers", ()))
    after = _story_after_version(article, number, seen_at, written.change_id is not None)
    if check is None:
        sq.update_story(connection, story_id, after)
    else:
        sq.record_check(connection, story_id, check, after)
    log.info("story %s: version %s stored, %d alert(s)", story_id, number, len(written.alert_ids))
    return written


def _write_change(
    connection: Connection,
    story_id: int,
    previous: int,
    number: int,
    seen_at: datetime,
    summary: DiffSummary,
    notifiers: Routed,
) -> StoredVersion:
    """The change to version ``number`` and its alerts, one per notifier."""
    change_id = sq.insert_change(connection, story_id, previous, number, seen_at, summary)
    reasons = notifiers if isinstance(notifiers, Mapping) else {}
    alert_ids = tuple(
        aq.insert_alert(connection, change_id, name, seen_at, story_id=story_id, reasons=reasons.get(name))
        for name in notifiers
    )
    return StoredVersion(number, change_id, alert_ids)


def _read_change(connection: Connection, written: StoredVersion) -> tuple[Change, list[Alert]]:
    """The change and alerts just written, as stored."""
    change = sq.change(connection, changes.c.id == written.change_id)
    assert change is not None
    made = aq.select_alerts(connection, alerts.c.id.in_(written.alert_ids)) if written.alert_ids else []
    return change, made


def _story_after_version(article: Article, number: int, seen_at: datetime, changed: bool) -> dict[str, Any]:
    values: dict[str, Any] = {
        "headline": article.headline,
        "version_count": number,
        "status": StoryStatus.ACTIVE.value,
        "last_error": None,
    }
    if changed:
        values["last_changed_at"] = seen_at
    return values

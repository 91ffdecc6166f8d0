"""The Store: storywatch's only door to the database. It speaks our dataclasses, never ORM rows.

SPEC (the signatures below are the contract the pipeline, CLI and outbox code against; bodies TODO).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from monitor.models import Alert, Article, Change, DiffSummary, Source, Story, Version


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
    @classmethod
    def open(cls, url: str, *, migrate: bool = True) -> Store:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    # sources
    def sync_sources(self, sources: Sequence[Source]) -> None:
        raise NotImplementedError

    def record_source_check(self, name: str, *, at: datetime, error: str | None, duration: float = 0.0) -> None:
        raise NotImplementedError

    def source_states(self) -> list[SourceState]:
        raise NotImplementedError

    # stories
    def add_story(
        self, url: str, *, source: str | None, headline: str | None, now: datetime, next_check_at: datetime
    ) -> tuple[Story, bool]:
        raise NotImplementedError

    def get_story(self, ref: str | int) -> Story | None:
        raise NotImplementedError

    def list_stories(self, *, since: datetime | None = None, source: str | None = None) -> list[Story]:
        raise NotImplementedError

    def due_stories(self, now: datetime, *, source: str | None = None, limit: int | None = None) -> list[Story]:
        raise NotImplementedError

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
        raise NotImplementedError

    def set_canonical_url(self, story_id: int, url: str) -> None:
        raise NotImplementedError

    # versions and changes
    def latest_version(self, story_id: int) -> Version | None:
        raise NotImplementedError

    def get_version(self, story_id: int, number: int) -> Version | None:
        raise NotImplementedError

    def list_versions(self, story_id: int) -> list[Version]:
        raise NotImplementedError

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
        raise NotImplementedError

    def get_change(self, story_id: int, from_version: int, to_version: int) -> Change | None:
        raise NotImplementedError

    def latest_change(self, story_id: int) -> Change | None:
        raise NotImplementedError

    def list_changes(self, story_id: int) -> list[Change]:
        raise NotImplementedError

    # the outbox
    def due_alerts(self, now: datetime, *, notifier: str | None = None, limit: int = 100) -> list[Alert]:
        raise NotImplementedError

    def mark_delivered(self, alert_id: int, *, at: datetime) -> None:
        raise NotImplementedError

    def mark_failed(self, alert_id: int, *, error: str, at: datetime, next_attempt_at: datetime | None) -> None:
        raise NotImplementedError

    def retry_alerts(self, *, now: datetime, notifier: str | None = None, dead: bool = False) -> int:
        raise NotImplementedError

    def outbox_status(self) -> list[OutboxRow]:
        raise NotImplementedError

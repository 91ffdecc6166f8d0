"""Wire concrete parts together from Settings: the store, the fetcher, the notifiers, the pipeline."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from monitor.models import utcnow
from monitor.redaction import redact

if TYPE_CHECKING:
    from monitor.config import Settings
    from monitor.fetch import Fetcher
    from monitor.pipeline import Pipeline
    from notifiers.base import Notifier
    from notifiers.outbox import Outbox
    from storage.migrate import Migrate
    from storage.store import Store

log = logging.getLogger("storywatch.app")


@dataclass
class Reader:
    """What the read-only commands need: the config and the store, opened without migrating or writing.

    It imports no fetcher, extractor, pipeline or notifier, so `stories` or `status` start without them."""

    settings: Settings
    store: Store

    @classmethod
    def open(cls, settings: Settings) -> Reader:
        """The store is a ``storage.lite.LiteStore`` where it can be (the listing and status queries without
        SQLAlchemy's import), which opens the full Store for anything else."""
        from storage.lite import LiteStore

        url, connections = settings.storage.url, settings.storage.max_connections
        return cls(settings, LiteStore.open(url, max_connections=connections))

    def redact(self, text: str) -> str:
        return redact(text, self.settings.secrets)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass
class App(Reader):
    """Everything one storywatch process needs, opened from one config; close() releases it all."""

    fetcher: Fetcher
    notifiers: list[Notifier]
    pipeline: Pipeline
    outbox: Outbox
    clock: Callable[[], datetime] = field(default=utcnow)

    @classmethod
    def open(  # type: ignore[override]
        cls,
        settings: Settings,
        *,
        clock: Callable[[], datetime] = utcnow,
        deliver: bool = True,
        readonly: bool = False,
        migrate: Migrate | None = None,
    ) -> App:
        """Open every part. ``deliver=False`` builds no notifier, so needs no secret. ``readonly`` (the review
        commands) neither changes the schema nor writes the sources table: it works on a read-only database.
        ``migrate`` (``storage.migrate.Migrate``) defaults to creating only a brand-new database (False when
        ``readonly``): an older schema is upgraded on purpose, never as a side effect."""
        from monitor.extract_pool import open_extractor
        from monitor.extractors.sites import site_rules
        from monitor.fetch import Fetcher
        from monitor.pipeline import Pipeline
        from notifiers.outbox import Outbox

        if migrate is None:
            migrate = False if readonly else "new"
        store = _store(settings, migrate=migrate)
        if not readonly:
            store.sync_sources(settings.sources)
        notifiers = build_notifiers(settings) if deliver else []
        fetcher = Fetcher(settings.fetch)
        rules = site_rules(settings.sites)
        pipeline = Pipeline(
            store,
            fetcher,
            sources=settings.sources,
            notifiers=notifiers,
            schedule=settings.schedule,
            rules=rules,
            clock=clock,
            workers=settings.fetch.workers,
            secrets=settings.secrets,
            extractor=open_extractor(rules, settings.extraction),  # no process starts before the first page
        )
        outbox = Outbox(
            store,
            {n.name: n for n in notifiers},
            clock=clock,
            max_attempts=settings.delivery.max_attempts,
            base_delay=settings.delivery.base_delay.total_seconds(),
            max_delay=settings.delivery.max_delay.total_seconds(),
        )
        return cls(settings, store, fetcher, notifiers, pipeline, outbox, clock)

    def housekeeping(self) -> int:
        """Retention: drop raw pages past ``storage.keep_raw_pages`` / ``keep_raw_for``; returns how many."""
        keep_for = self.settings.storage.keep_raw_for
        seen_before = self.clock() - keep_for if keep_for else None
        return self.store.prune_raw_pages(keep=self.settings.storage.keep_raw_pages, seen_before=seen_before)

    def close(self) -> None:
        for notifier in self.notifiers:
            try:
                notifier.close()
            except Exception as exc:  # closing must never mask the real outcome
                log.warning("closing notifier %s: %s", notifier.name, self.redact(str(exc)))
        self.pipeline.checker.extractor.close()  # after every check: no worker process outlives the app
        self.fetcher.close()
        self.store.close()

    def __enter__(self) -> App:
        return self


def _store(settings: Settings, *, migrate: Migrate) -> Store:
    from storage.store import Store

    return Store.open(settings.storage.url, migrate=migrate, max_connections=settings.storage.max_connections)


def build_notifiers(settings: Settings) -> list[Notifier]:
    """Every configured notifier, each linking the web view when ``web.base_url`` is set."""
    from notifiers import build_notifier

    return [build_notifier(n.name, n.type, n.options, web_base_url=settings.web.base_url) for n in settings.notifiers]

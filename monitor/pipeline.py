"""The order of a pass: sources first (discover stories), then the stories that are due, each by StoryChecker.

    Pipeline.check_source(source) → tracks every story a feed or sitemap lists, or one watched article URL
    Pipeline.check_story(story)   → a new version (with its change and alerts) when the story changed
    Pipeline.run_pass(...)        → one pass over sources and due stories, as `storywatch check` and the daemon do

A feed is fetched conditionally (ETag / Last-Modified) and not parsed again when its bytes are unchanged.
Every failure becomes a CheckOutcome with a readable reason; nothing here raises for one bad source or page,
and nothing already stored is touched by a failed check. Within a pass (``check_stories``) the checks that find
nothing new are written in batches (``storage.check_batch``), and the batch is flushed before the pass returns;
a single ``check_story`` writes at once. A source failing several passes in a row, and its
recovery, are told to the operations notifiers.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from monitor.config import ScheduleSettings
from monitor.errors import FeedError
from monitor.extract_pool import PageExtractor
from monitor.extractors import SiteRule
from monitor.feeds import canonical_key, parse_feed, parse_sitemap
from monitor.fetch import Fetcher
from monitor.models import CheckOutcome, FeedEntry, FetchResult, Source, SourceKind, Story, utcnow
from monitor.story_check import StoryChecker, body_hash
from monitor.workers import Worker
from notifiers.base import Notifier, redact
from notifiers.ops import source_failing, source_recovered
from storage.check_batch import CheckBatch
from storage.store import Store

log = logging.getLogger("storywatch.pipeline")

_FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
_MAX_CHILD_SITEMAPS = 20
FAILING_AFTER = 3  # failed passes in a row before a source is reported to operations
BATCH_SIZE = 200  # unchanged checks written per transaction
BATCH_AGE = 5.0  # seconds an unchanged check may wait to be written (during a long pass)


class Pipeline:
    """Checks sources and stories with concrete parts wired in by the CLI or the scheduler."""

    def __init__(
        self,
        store: Store,
        fetcher: Fetcher,
        *,
        sources: Sequence[Source] = (),
        notifiers: Sequence[Notifier] = (),
        schedule: ScheduleSettings | None = None,
        rules: Sequence[SiteRule] = (),
        clock: Callable[[], datetime] = utcnow,
        workers: int = 4,
        secrets: Sequence[str] = (),
        extractor: PageExtractor | None = None,
    ) -> None:
        self.store = store
        self.fetcher = fetcher
        self.sources = {s.name: s for s in sources}
        self.notifiers = list(notifiers)
        self.clock = clock
        self.workers = max(1, workers)
        self.secrets = tuple(secrets)
        self.batch = CheckBatch(store.record_quiet_checks, size=BATCH_SIZE, age=BATCH_AGE)
        self._passes = 0  # check_stories calls running now: while any is, unchanged checks are batched
        self.stopping = threading.Event()  # set on shutdown: passes start no new story check
        self.worker: Worker | None = None  # the daemon's: feeds and due stories are claimed (monitor.workers)
        self._lock = threading.Lock()
        self.checker = StoryChecker(
            store,
            fetcher,
            sources=self.sources,
            notifiers=self.notifiers,
            schedule=schedule or ScheduleSettings(),
            rules=rules,
            clock=clock,
            extractor=extractor,
        )

    # -- a whole pass --------------------------------------------------------------------------------
    def run_pass(
        self,
        *,
        sources: Iterable[Source] | None = None,
        all_stories: bool = False,
        listed: bool = False,
        budget: float | None = None,
    ) -> list[CheckOutcome]:
        """Check the given sources (default: all), then their stories that are due.

        ``listed`` also checks every story a source lists right now (a manual `check` is "check now", so its
        feeds are read in full; the daemon leaves it off, fetches feeds conditionally and follows the
        schedule); ``all_stories`` checks every tracked story. ``budget`` (seconds; the daemon gives a source's
        interval) stops starting story checks once spent: the rest stay due, most overdue first, for the next
        pass, so a backlog of thousands never keeps a feed from being read again or a shutdown waiting.
        """
        until = time.monotonic() + budget if budget is not None else None
        chosen = list(self.sources.values() if sources is None else sources)
        if self.worker is not None and not listed and not all_stories:
            return self._claimed_pass(self.worker, chosen, until)
        outcomes: list[CheckOutcome] = []
        wanted: dict[int, Story] = {}
        for source in chosen:
            outcome, urls = self._discover(source, conditional=not listed)
            outcomes.append(outcome)
            if listed:
                for story in self.store.find_stories([url.strip() for url in urls]).values():
                    wanted.setdefault(story.id, story)
        names = {s.name for s in chosen}
        now = self.clock()
        if all_stories:
            pool = self.store.list_stories()
        else:
            pool = self.store.due_stories(now, source=next(iter(names)) if len(names) == 1 else None)
        wanted.update((s.id, s) for s in pool if s.source in names and s.id not in wanted)
        checked = self.check_stories(list(wanted.values()), until=until)
        self._url_sources_health([s for s in chosen if s.kind is SourceKind.URL], checked, now)
        outcomes.extend(checked)
        return outcomes

    def _claimed_pass(self, worker: Worker, chosen: Sequence[Source], until: float | None) -> list[CheckOutcome]:
        """A daemon's pass when workers share the database: each feed read by the one worker that claims it this
        interval, then due stories claimed a small batch at a time and let go once their checks are written."""
        outcomes: list[CheckOutcome] = []
        for source in chosen:
            if not worker.claim_source_read(source):
                continue  # read by another worker this interval (or being read now)
            try:
                outcomes.append(self._discover(source)[0])
            finally:
                worker.release("source", source.name)
        names = [s.name for s in chosen]
        now = self.clock()
        checked: list[CheckOutcome] = []
        while not self.stopping.is_set() and (until is None or time.monotonic() < until):
            batch = worker.claim_stories(names)
            if not batch:
                break
            try:
                checked.extend(self.check_stories(batch, until=until))  # flushes its quiet checks before returning
            finally:
                worker.release("story", [str(s.id) for s in batch])
        self._url_sources_health([s for s in chosen if s.kind is SourceKind.URL], checked, now)
        return outcomes + checked

    def _url_sources_health(self, sources: Sequence[Source], checked: Sequence[CheckOutcome], now: datetime) -> None:
        """A single-URL source is as healthy as its one story: its failures count (and reach operations) too."""
        by_url = {o.target: o for o in checked}
        for source in sources:
            outcome = by_url.get(canonical_key(source.location))
            if outcome is None or outcome.status in ("deferred", "merged"):
                continue  # not checked in this pass
            if outcome.failed:
                self._source_failed(source, now, outcome.error or "the story's check failed")
            else:
                self._source_ok(source, now)

    def check_stories(self, stories: Sequence[Story], *, until: float | None = None) -> list[CheckOutcome]:
        """Check many stories (with the pipeline's workers), as a pass does; unchanged ones are written in batches.

        Each story goes through ``check_story`` (so a caller may wrap it, e.g. for a progress bar); while any
        ``check_stories`` runs, those checks buffer their "nothing changed" bookkeeping in ``self.batch``, and
        the batch is flushed before this returns, whatever happens."""

        def one(story: Story) -> CheckOutcome | None:
            if self.stopping.is_set() or (until is not None and time.monotonic() > until):
                return None  # not started: still due, first in line next pass
            return self.check_story(story)

        with self._lock:
            self._passes += 1
        try:
            if len(stories) <= 1 or self.workers == 1:
                results = [one(story) for story in stories]
            else:
                with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="storywatch-check") as pool:
                    results = list(pool.map(one, stories))
            left = sum(r is None for r in results)
            if left:
                why = "stopping" if self.stopping.is_set() else "the pass used its time"
                log.info("%s: %d of %d stories left due for the next pass", why, left, len(results))
            return [r for r in results if r is not None]
        finally:
            with self._lock:
                self._passes -= 1
            self.batch.flush()

    def check_story(self, story: Story) -> CheckOutcome:
        """Fetch, extract and compare one story; store a new version (with change and alerts) if it changed.

        Outside a pass its outcome is written at once; inside one (``check_stories``) an unchanged check waits
        in the pass's batch."""
        return self.checker.check(story, self.batch if self._passes else None)

    # -- sources -------------------------------------------------------------------------------------
    def check_source(self, source: Source) -> CheckOutcome:
        """Fetch a feed or sitemap and track every story it lists; for a single URL, track that story."""
        return self._discover(source)[0]

    def _discover(self, source: Source, *, conditional: bool = True) -> tuple[CheckOutcome, list[str]]:
        """check_source, also returning the story URLs the source lists now."""
        now = self.clock()
        if source.kind is SourceKind.URL:
            url = canonical_key(source.location)
            _story, created = self.store.add_story(url, source=source.name, headline=None, now=now, next_check_at=now)
            return CheckOutcome(source.name, "tracked", discovered=int(created)), [url]  # its health: its story's
        try:
            fetched = self._fetch_source(source, conditional)
            if fetched is None:
                self._source_ok(source, now)
                return CheckOutcome(source.name, "unchanged", detail="feed not modified"), []
            entries, result = fetched
        except _Deferred as exc:
            log.info("source %s: %s", source.name, exc)
            return CheckOutcome(source.name, "deferred", detail=str(exc)), []
        except FeedError as exc:
            return self._source_failed(source, now, str(exc)), []
        except Exception as exc:  # never let one source take the pass down
            log.exception("source %s: unexpected error", source.name)
            return self._source_failed(source, now, f"internal error: {type(exc).__name__}: {exc}"), []
        created = self.store.add_stories([(e.url, e.title) for e in entries], source=source.name, now=now)
        validators = (result.header("etag"), result.header("last-modified"))
        self._source_ok(source, now, validators, body_hash(result.content))
        log.info("source %s: %d entries, %d new stories", source.name, len(entries), created)
        outcome = CheckOutcome(source.name, "discovered", discovered=created, detail=f"{len(entries)} entries")
        return outcome, [e.url for e in entries]

    def _fetch_source(self, source: Source, conditional: bool) -> tuple[list[FeedEntry], FetchResult] | None:
        """The source's entries, or None when it has not changed since the last read (304, same bytes)."""
        state = next((s for s in self.store.source_states() if s.name == source.name), None) if conditional else None
        result = self.fetcher.get(
            source.location,
            accept=_FEED_ACCEPT,
            etag=state.etag if state else None,
            last_modified=state.last_modified if state else None,
        )
        if result.not_modified:
            return None
        if result.deferred:  # the host asked everyone to wait (Retry-After): not the source's failure
            raise _Deferred(result.error or "deferred")
        if not result.ok:
            raise FeedError(result.error or f"HTTP {result.status}")
        if state is not None and state.raw_hash == body_hash(result.content) and not state.last_error:
            return None
        if source.kind is SourceKind.FEED:
            return parse_feed(result.content, result.final_url, result.content_type), result
        entries, children = parse_sitemap(result.content, result.final_url)
        for child in children[:_MAX_CHILD_SITEMAPS]:
            child_result = self.fetcher.get(child, accept=_FEED_ACCEPT)
            if not child_result.ok:
                log.info("source %s: child sitemap %s: %s", source.name, child, child_result.error)
                continue
            try:
                entries.extend(parse_sitemap(child_result.content, child_result.final_url)[0])
            except FeedError as exc:
                log.info("source %s: child sitemap %s: %s", source.name, child, exc)
        if not entries:
            raise FeedError("the sitemap index lists no readable sitemaps")
        return entries, result

    def _source_ok(
        self,
        source: Source,
        now: datetime,
        validators: tuple[str | None, str | None] | None = None,
        raw_hash: str | None = None,
    ) -> None:
        before = next((s.consecutive_failures for s in self.store.source_states() if s.name == source.name), 0)
        self.store.record_source_check(source.name, at=now, error=None, validators=validators, raw_hash=raw_hash)
        if before >= FAILING_AFTER:
            source_recovered(self.store, self.notifiers, source.name, before, now, threshold=FAILING_AFTER)

    def _source_failed(self, source: Source, now: datetime, reason: str) -> CheckOutcome:
        log.warning("source %s failed: %s", source.name, reason)
        failures = self.store.record_source_check(source.name, at=now, error=reason)
        source_failing(
            self.store,
            self.notifiers,
            source.name,
            failures,
            redact(reason, self.secrets),
            now,
            threshold=FAILING_AFTER,
        )
        return CheckOutcome(source.name, "error", error=reason)


class _Deferred(Exception):
    """The source's host asked us to wait (429/503 Retry-After, for any of its pages): try at the next pass."""

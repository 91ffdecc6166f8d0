"""The one place that knows the order of steps: fetch → (discover) → extract → compare → store → route.

    Pipeline.check_source(source) → discovers stories from a feed/sitemap, or tracks a single article URL
    Pipeline.check_story(story)   → a new version (and its change and alerts) when the story changed
    Pipeline.run_pass(...)        → one pass over sources and due stories, as `storywatch check` does

Every failure becomes a CheckOutcome with a readable reason; nothing here raises for one bad source or page,
and nothing already stored is touched by a failed check.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from urllib.parse import urljoin, urlsplit

from monitor.config import ScheduleSettings
from monitor.diff import summarize
from monitor.errors import ExtractionError, FeedError
from monitor.extractors import SiteRule, extract
from monitor.feeds import canonical_key, parse_feed, parse_sitemap
from monitor.fetch import Fetcher
from monitor.models import CheckOutcome, FeedEntry, FetchResult, Source, SourceKind, Story, utcnow
from monitor.normalize import normalized_text, text_hash
from notifiers.base import Notifier
from storage.store import Store

log = logging.getLogger("storywatch.pipeline")

_HTML_TYPES = {"", "text/html", "application/xhtml+xml", "application/xml", "text/xml", "text/plain"}
_FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
_MAX_CHILD_SITEMAPS = 20


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
    ) -> None:
        self.store = store
        self.fetcher = fetcher
        self.sources = {s.name: s for s in sources}
        self.notifiers = list(notifiers)
        self.schedule = schedule or ScheduleSettings()
        self.rules = tuple(rules)
        self.clock = clock
        self.workers = max(1, workers)

    # -- a whole pass --------------------------------------------------------------------------------
    def run_pass(
        self, *, sources: Iterable[Source] | None = None, all_stories: bool = False, listed: bool = False
    ) -> list[CheckOutcome]:
        """Check the given sources (default: all), then their stories that are due.

        ``listed`` also checks every story a source lists right now (a manual `check` is "check now"; the
        daemon leaves it off and follows the age ladder); ``all_stories`` checks every tracked story.
        """
        chosen = list(self.sources.values() if sources is None else sources)
        outcomes: list[CheckOutcome] = []
        wanted: dict[int, Story] = {}
        for source in chosen:
            outcome, urls = self._discover(source)
            outcomes.append(outcome)
            if listed:
                for url in urls:
                    story = self.store.get_story(url)
                    if story is not None:
                        wanted[story.id] = story
        names = {s.name for s in chosen}
        now = self.clock()
        pool = self.store.list_stories() if all_stories else self.store.due_stories(now)
        wanted.update((s.id, s) for s in pool if s.source in names and s.id not in wanted)
        outcomes.extend(self.check_stories(list(wanted.values())))
        return outcomes

    def check_stories(self, stories: Sequence[Story]) -> list[CheckOutcome]:
        if len(stories) <= 1 or self.workers == 1:
            return [self.check_story(story) for story in stories]
        with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="storywatch-check") as pool:
            return list(pool.map(self.check_story, stories))

    # -- sources -------------------------------------------------------------------------------------
    def check_source(self, source: Source) -> CheckOutcome:
        """Fetch a feed or sitemap and track every story it lists; for a single URL, track that story."""
        return self._discover(source)[0]

    def _discover(self, source: Source) -> tuple[CheckOutcome, list[str]]:
        """check_source, also returning the story URLs the source lists now."""
        now = self.clock()
        if source.kind is SourceKind.URL:
            url = canonical_key(source.location)
            _story, created = self._track(source, FeedEntry(url=url), now)
            self.store.record_source_check(source.name, at=now, error=None)
            status = "discovered" if created else "unchanged"
            return CheckOutcome(source.name, status, discovered=int(created)), [url]
        try:
            entries = self._entries(source)
        except FeedError as exc:
            return self._source_failed(source, now, str(exc)), []
        except Exception as exc:  # never let one source take the pass down
            log.exception("source %s: unexpected error", source.name)
            return self._source_failed(source, now, f"internal error: {type(exc).__name__}: {exc}"), []
        created = sum(self._track(source, entry, now)[1] for entry in entries)
        self.store.record_source_check(source.name, at=now, error=None)
        log.info("source %s: %d entries, %d new stories", source.name, len(entries), created)
        outcome = CheckOutcome(
            source.name, "discovered", discovered=created, detail=f"{len(entries)} entries"
        )
        return outcome, [e.url for e in entries]

    def _entries(self, source: Source) -> list[FeedEntry]:
        result = self._fetch_ok(self.fetcher.get(source.location, accept=_FEED_ACCEPT))
        if source.kind is SourceKind.FEED:
            return parse_feed(result.content, result.final_url, result.content_type)
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
        return entries

    @staticmethod
    def _fetch_ok(result: FetchResult) -> FetchResult:
        if not result.ok:
            raise FeedError(result.error or f"HTTP {result.status}")
        return result

    def _track(self, source: Source, entry: FeedEntry, now: datetime) -> tuple[Story, bool]:
        return self.store.add_story(
            entry.url, source=source.name, headline=entry.title, now=now, next_check_at=now
        )

    def _source_failed(self, source: Source, now: datetime, reason: str) -> CheckOutcome:
        log.warning("source %s failed: %s", source.name, reason)
        self.store.record_source_check(source.name, at=now, error=reason)
        return CheckOutcome(source.name, "error", error=reason)

    # -- stories -------------------------------------------------------------------------------------
    def check_story(self, story: Story) -> CheckOutcome:
        """Fetch, extract and compare one story; store a new version (with change and alerts) if it changed."""
        now = self.clock()
        try:
            return self._check_story(story, now)
        except Exception as exc:  # a bug or a database hiccup on one story must not stop the others
            log.exception("story %s: unexpected error", story.url)
            return self._story_failed(story, now, f"internal error: {type(exc).__name__}: {exc}")

    def _check_story(self, story: Story, now: datetime) -> CheckOutcome:
        result = self.fetcher.get(story.url)
        if result.status in (404, 410):
            self._record(story, now, "removed", result.error)
            return CheckOutcome(story.url, "removed", story_id=story.id, error=result.error)
        if not result.ok:
            return self._story_failed(story, now, result.error or f"HTTP {result.status}")
        if result.content_type not in _HTML_TYPES:
            return self._story_failed(story, now, f"not an HTML page (content type {result.content_type})")
        try:
            article = extract(result.content, result.final_url, encoding=result.encoding, rules=self.rules)
        except ExtractionError as exc:
            return self._story_failed(story, now, f"extraction failed: {exc}")
        text = normalized_text(article)
        digest = text_hash(text)
        latest = self.store.latest_version(story.id)
        if latest is not None and latest.text_hash == digest:
            self._record(story, now, "unchanged")
            return CheckOutcome(story.url, "unchanged", story_id=story.id, version=latest.number)
        self._note_canonical(story, article.canonical_url, result.final_url)
        if latest is None:
            version, _, _ = self.store.add_version(
                story.id, article, text=text, text_hash=digest, seen_at=now, raw_html=result.content
            )
            self._record(story, now, "new")
            log.info("story %s: baseline version stored", story.url)
            return CheckOutcome(story.url, "new", story_id=story.id, version=version.number)
        summary = summarize(latest.article, article)
        routed = {
            n.name: reasons
            for n in self.notifiers
            if (reasons := n.route(summary, story.source, self._tags(story), latest.article, article)) is not None
        }
        version, _change, alerts = self.store.add_version(
            story.id,
            article,
            text=text,
            text_hash=digest,
            seen_at=now,
            raw_html=result.content,
            summary=summary,
            notifiers=routed,
        )
        self._record(story, now, "changed")
        log.info(
            "story %s: version %d (%s), %d alert(s) queued",
            story.url,
            version.number,
            summary.significance.label,
            len(alerts),
        )
        return CheckOutcome(
            story.url, "changed", story_id=story.id, version=version.number, significance=summary.significance
        )

    def _note_canonical(self, story: Story, canonical: str | None, page_url: str) -> None:
        """Remember the page's own canonical URL, so the story is found by it too."""
        if not canonical:
            return
        key = canonical_key(urljoin(page_url, canonical))
        if key != story.url and urlsplit(key).scheme in {"http", "https"}:
            self.store.set_canonical_url(story.id, key)

    def _tags(self, story: Story) -> tuple[str, ...]:
        source = self.sources.get(story.source or "")
        return source.tags if source else ()

    def _story_failed(self, story: Story, now: datetime, reason: str) -> CheckOutcome:
        log.warning("story %s failed: %s", story.url, reason)
        self._record(story, now, "error", reason)
        return CheckOutcome(story.url, "error", story_id=story.id, error=reason)

    def _record(self, story: Story, now: datetime, status: str, error: str | None = None) -> None:
        self.store.record_story_check(
            story.id, at=now, status=status, error=error, next_check_at=self.next_check(story, now)
        )

    def next_check(self, story: Story, now: datetime) -> datetime | None:
        """When to look at this story again: the age ladder, with jitter; None once it is too old."""
        source = self.sources.get(story.source or "")
        if source is not None and source.kind is SourceKind.URL:
            interval: timedelta | None = source.interval  # a watched article is checked at its own pace
        else:
            interval = self.schedule.interval_for(now - story.first_seen_at)
        if interval is None:
            return None
        spread = interval.total_seconds() * self.schedule.jitter
        return now + interval + timedelta(seconds=random.uniform(-spread, spread))

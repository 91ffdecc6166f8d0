"""Check one story, cheapest gate first: 304 → identical bytes → the exact gate → extract, judge, diff, store.

    StoryChecker(...).check(story) -> CheckOutcome

The order of a story's steps lives here (the pipeline sequences sources and passes). A 304 or an identical
body costs no extraction, nor does a page whose new bytes leave unchanged everything the last full read took
the story from — its text, headline, dates, notes and metadata (``monitor.extractors.gate``). An extraction
that looks broken is never stored or alerted; a 404/410 is a removal (an alert for the standards desk) and a
later 200 a restoration. Nothing here raises for one bad page.
A latest version read by an older extractor is read again from its kept page first (``monitor.reextract``),
so a parser change is never reported as a story change.
Pages are read by the pipeline's extractor (``monitor.extract_pool``: worker processes by default), so an
extractor that crashes on a page is that story's failed check.

A check that finds nothing new can be buffered (``batch``: the pipeline's passes do) and written with others in
one transaction — see ``storage.check_batch`` for why a crash then loses nothing that matters. New versions,
removals, restorations and failures are always written at once.

One story per canonical URL: when a page's canonical link or redirect leads to a URL another tracked story
already answers to, the later of the two stories is folded into the earlier (``Store.fold_story``: aliases
kept, versions not duplicated, no alert for the merge itself) and the check reports "merged".
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from monitor.config import ScheduleSettings
from monitor.diff import mark_revert, reverted_to, summarize
from monitor.errors import ExtractionError, GateHeld, NotFound, StoreError
from monitor.extract_pool import InThread, PageExtractor
from monitor.extractors import SiteRule
from monitor.extractors.checks import assess
from monitor.feeds import canonical_key
from monitor.fetch import Fetcher
from monitor.models import Article, CheckOutcome, DiffSummary, FetchResult, Significance, Source, Story, StoryStatus
from monitor.normalize import normalized_text, text_hash
from monitor.reextract import catch_up
from monitor.schedule import next_check
from notifiers.base import Notifier
from notifiers.ops import raise_ops_alert
from storage.check_batch import CheckBatch, CheckRecord, QuietCheck
from storage.store import Store

log = logging.getLogger("storywatch.check")

HTML_TYPES = {"", "text/html", "application/xhtml+xml", "application/xml", "text/xml", "text/plain"}
BROKEN_EXTRACTION_ALERT_AFTER = 3  # failed checks in a row before operations hear of a broken extraction
GATE_DETAIL = "only the page around the story changed"  # the gate held: new bytes, the same story


def body_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


class StoryChecker:
    """Checks stories with the parts the pipeline hands it; safe to use from several threads."""

    def __init__(
        self,
        store: Store,
        fetcher: Fetcher,
        *,
        sources: Mapping[str, Source],
        notifiers: Sequence[Notifier],
        schedule: ScheduleSettings,
        rules: Sequence[SiteRule],
        clock: Callable[[], datetime],
        extractor: PageExtractor | None = None,
    ) -> None:
        self.store = store
        self.fetcher = fetcher
        self.sources = sources
        self.notifiers = notifiers
        self.schedule = schedule
        self.rules = tuple(rules)
        self.clock = clock
        self.extractor = extractor or InThread(rules)
        # pages extracted and diffed at once: as many as the extractor reads at once (fetching runs ``workers``
        # wide); the rest of a check is CPU-bound Python, where more threads only wait on the GIL
        self._extracting = threading.BoundedSemaphore(self.extractor.concurrency)

    def check(self, story: Story, batch: CheckBatch | None = None) -> CheckOutcome:
        """Check one story; with ``batch``, a check that finds nothing new is buffered there, not written yet."""
        now = self.clock()
        try:
            return self._check(story, now, batch)
        except NotFound:  # another worker folded this story into its duplicate meanwhile: nothing left to record
            log.info("story %s: merged into another story while it was being checked", story.url)
            return CheckOutcome(story.url, "merged", story_id=story.id, detail="merged into another story meanwhile")
        except StoreError as exc:  # a database hiccup on one story: one line (never SQL or its parameters)
            return self._failed_unrecorded(story, now, str(exc))
        except Exception as exc:  # a bug on one story must not stop the others; -vv shows where
            log.error("story %s: unexpected %s: %s", story.url, type(exc).__name__, exc)
            log.debug("story %s: where it happened", story.url, exc_info=True)
            return self._failed_unrecorded(story, now, f"internal error: {type(exc).__name__}: {exc}")

    def _failed_unrecorded(self, story: Story, now: datetime, reason: str) -> CheckOutcome:
        """``_failed``, when even writing the failure may fail: the story is simply checked again later."""
        try:
            return self._failed(story, now, reason)
        except StoreError as exc:
            log.warning(
                "story %s failed: %s (and the failure could not be recorded: %s)",
                story.url,
                reason,
                exc,
                extra=_about(story),
            )
            return CheckOutcome(story.url, "error", story_id=story.id, error=reason)

    def _check(self, story: Story, now: datetime, batch: CheckBatch | None) -> CheckOutcome:
        conditional = story.versions > 0 and story.status is not StoryStatus.REMOVED
        result = self.fetcher.get(
            story.url,
            etag=story.etag if conditional else None,
            last_modified=story.last_modified if conditional else None,
        )
        if result.deferred:
            retry_after = self.fetcher.limiter.deferred(_host(story))
            self._record(story, self._check_record(story, now, "deferred", result.error, retry_after=retry_after))
            return CheckOutcome(story.url, "deferred", story_id=story.id, detail=result.error)
        if result.status in (404, 410):
            return self._removed(story, now, result)
        if result.not_modified:
            return self._unchanged(story, now, result, "not modified (304)", batch=batch)
        if not result.ok:
            return self._failed(story, now, result.error or f"HTTP {result.status}", result.retry_after)
        if result.content_type not in HTML_TYPES:
            return self._failed(story, now, f"not an HTML page (content type {result.content_type})")
        raw = body_hash(result.content)
        if raw == story.raw_hash and story.status is StoryStatus.ACTIVE:
            redirected = result.final_url != story.url and canonical_key(result.final_url) != story.url
            merged = self._fold_duplicate(story, now, _page_keys(story, None, result.final_url)) if redirected else None
            return merged or self._unchanged(story, now, result, "identical body", raw, batch=batch)
        self.extractor.warm()  # the first page to read gets the extractor ready while other checks fetch
        with self._extracting:
            return self._compare(story, now, result, raw, batch)

    def _compare(
        self,
        story: Story,
        now: datetime,
        result: FetchResult,
        raw: str,
        batch: CheckBatch | None,
    ) -> CheckOutcome:
        """Past the cheap gates: extract the page (unless the exact gate holds: new bytes, but nothing the story
        was read from changed), judge the extraction, and store a version if the text changed."""
        sealed = story.gate if story.status is StoryStatus.ACTIVE else None
        try:
            article = self.extractor.extract(result.content, result.final_url, encoding=result.encoding, sealed=sealed)
        except GateHeld:
            return self._unchanged(story, now, result, GATE_DETAIL, raw, batch=batch)
        except ExtractionError as exc:
            return self._failed(story, now, f"extraction failed: {exc}")
        keys = _page_keys(story, article.canonical_url, result.final_url)
        basis = self.store.check_basis(story.id, keys)  # one read: the latest version, hashes, a duplicate
        latest, hashes = basis.latest, basis.hashes
        if latest is not None and (caught := catch_up(self.store, latest, self.extractor)) is not None:
            latest = replace(latest, article=caught[0], text_hash=caught[1])  # read again by today's extractor
            hashes = tuple((n, caught[1] if n == latest.number else h) for n, h in hashes)
        problem = assess(article, latest.article if latest else None)
        if problem:
            return self._failed(story, now, f"extraction looks broken: {problem}", broken=True)
        if basis.duplicate is not None:
            return self._fold(story, now, *basis.duplicate)
        if keys and keys[0] != story.canonical_url:
            self.store.set_canonical_url(story.id, keys[0])  # the story is found by its page's own URL too
        text = normalized_text(article)
        digest = text_hash(text)
        gate = str(article.extractor.get("gate") or "")  # "": the next fetch is read in full too
        if latest is not None and latest.text_hash == digest:
            restored = story.status is StoryStatus.REMOVED
            return self._unchanged(story, now, result, None, raw, restored=restored, batch=batch, gate=gate)
        if latest is None:
            check = self._check_record(story, now, "new", result=result, raw=raw, gate=gate)
            version = self.store.store_version(
                story.id, article, text=text, text_hash=digest, seen_at=now, raw_html=result.content, check=check
            )
            log.info("story %s: baseline version stored", story.url, extra=_about(story))
            return CheckOutcome(story.url, "new", story_id=story.id, version=version.number)
        found = _Found(article, text, digest, raw, gate)
        return self._changed(story, now, result, found, latest.article, hashes)

    def _changed(
        self,
        story: Story,
        now: datetime,
        result: FetchResult,
        found: _Found,
        previous: Article,
        hashes: Sequence[tuple[int, str]],
    ) -> CheckOutcome:
        """A new version, its change and alerts, and the check that found them: one transaction."""
        article = found.article
        summary = summarize(previous, article)
        summary = mark_revert(summary, reverted_to(found.digest, hashes))
        routed = {} if summary.flapping else self._route(story, summary, previous, article)  # a repeat flip: no alert
        check = self._check_record(story, now, "changed", result=result, raw=found.raw, changed=True, gate=found.gate)
        version = self.store.store_version(
            story.id,
            article,
            text=found.text,
            text_hash=found.digest,
            seen_at=now,
            raw_html=result.content,
            summary=summary,
            notifiers=routed,
            check=check,
        )
        if story.status is StoryStatus.REMOVED:
            self._event(story, now, "restored", f"HTTP {result.status}")
        log.info(
            "story %s: version %d (%s), %d alert(s) queued",
            story.url,
            version.number,
            summary.significance.label,
            len(version.alert_ids),
            extra=_about(story),
        )
        return CheckOutcome(
            story.url, "changed", story_id=story.id, version=version.number, significance=summary.significance
        )

    def _route(self, story: Story, summary: DiffSummary, old: Article | None, new: Article | None) -> dict[str, object]:
        return {
            n.name: reasons
            for n in self.notifiers
            if (reasons := n.route(summary, story.source, self._tags(story), old, new)) is not None
        }

    def _unchanged(
        self,
        story: Story,
        now: datetime,
        result: FetchResult,
        detail: str | None,
        raw: str | None = None,
        *,
        restored: bool = False,
        batch: CheckBatch | None = None,
        gate: str | None = None,
    ) -> CheckOutcome:
        if restored or story.status is StoryStatus.REMOVED:
            self._event(story, now, "restored", f"HTTP {result.status}")
            batch = None  # a restoration is written at once, with its event
        self._record(story, self._check_record(story, now, "unchanged", result=result, raw=raw, gate=gate), batch)
        return CheckOutcome(story.url, "unchanged", story_id=story.id, version=story.versions, detail=detail)

    def _removed(self, story: Story, now: datetime, result: FetchResult) -> CheckOutcome:
        reason = result.error or f"HTTP {result.status}"
        if story.status is not StoryStatus.REMOVED and story.versions > 0:
            self._event(story, now, "removed", reason)
        self._record(story, self._check_record(story, now, "removed", reason))
        return CheckOutcome(story.url, "removed", story_id=story.id, error=reason)

    def _event(self, story: Story, now: datetime, event: str, detail: str) -> None:
        """A removal or restoration: a major change with no new text, alerted like any other."""
        summary = DiffSummary(significance=Significance.MAJOR, declared=False, event=event, event_detail=detail)
        _change, alerts = self.store.add_event(
            story.id, summary, at=now, notifiers=self._route(story, summary, None, None)
        )
        # news for the desk (its alerts say so), not a fault for the operator: INFO, like any other change
        log.info("story %s %s (%s): %d alert(s) queued", story.url, event, detail, len(alerts), extra=_about(story))

    def _failed(
        self,
        story: Story,
        now: datetime,
        reason: str,
        retry_after: float | None = None,
        *,
        broken: bool = False,
    ) -> CheckOutcome:
        log.warning("story %s failed: %s", story.url, reason, extra=_about(story))
        self._record(story, self._check_record(story, now, "error", reason, retry_after=retry_after))
        failures = story.failures + 1
        if broken and failures == BROKEN_EXTRACTION_ALERT_AFTER:
            raise_ops_alert(
                self.store,
                self.notifiers,
                "extraction_broken",
                f"Extraction broken: {story.headline or story.url}",
                f"{story.url} failed {failures} checks in a row: {reason}",
                now,
                key=f"extraction_broken:{story.id}:{now:%Y-%m-%d}",
            )
        return CheckOutcome(story.url, "error", story_id=story.id, error=reason)

    def _record(self, story: Story, check: CheckRecord, batch: CheckBatch | None = None) -> None:
        """Write ``check`` now, or, when it found nothing new and a pass batches, in the pass's batch."""
        if batch is not None and check.status == "unchanged":
            etag, last_modified = check.validators or (story.etag, story.last_modified)
            raw = check.raw_hash or story.raw_hash
            batch.add(QuietCheck(story.id, check.at, check.next_check_at, etag, last_modified, raw, gate=check.gate))
            return
        self.store.record_check(story.id, check)

    def _check_record(
        self,
        story: Story,
        now: datetime,
        status: str,
        error: str | None = None,
        *,
        result: FetchResult | None = None,
        raw: str | None = None,
        changed: bool = False,
        retry_after: float | None = None,
        gate: str | None = None,
    ) -> CheckRecord:
        """What this check is to write: its status, the story's next check, the page's validators and hashes."""
        failures = story.failures + 1 if status == "error" else 0
        when = next_check(
            story,
            now,
            schedule=self.schedule,
            source=self.sources.get(story.source or ""),
            changed=changed,
            failures=failures,
            retry_after=retry_after or None,
            baseline=status == "new",
        )
        validators = None
        if result is not None and result.ok:
            validators = (result.header("etag"), result.header("last-modified"))
        return CheckRecord(now, status, error, when, 0.0, validators, raw, gate, clear_next=when is None)

    def _fold_duplicate(self, story: Story, now: datetime, keys: Sequence[str]) -> CheckOutcome | None:
        """When another tracked story answers to one of the page's URLs, fold the later story into the earlier."""
        for key in keys:
            other = self.store.find_duplicate(key, story.id)
            if other is not None:
                return self._fold(story, now, key, other)
        return None

    def _fold(self, story: Story, now: datetime, key: str, other: int) -> CheckOutcome:
        """Fold the later of ``story`` and ``other`` (which answers to ``key`` too) into the earlier."""
        later, into = (story.id, other) if other < story.id else (other, story.id)
        survivor = self.store.fold_story(later, into, at=now, canonical_url=key)
        log.info("story %s: same story as %s; story %d merged into story %d", story.url, key, later, into)
        detail = f"the same page as story {other} ({key}): story {later} merged into story {into}"
        return CheckOutcome(story.url, "merged", story_id=into, version=survivor.versions, detail=detail)

    def _tags(self, story: Story) -> tuple[str, ...]:
        source = self.sources.get(story.source or "")
        return source.tags if source else ()


@dataclass(frozen=True)
class _Found:
    """A fresh read that differs from the latest version: the article, its text and hash, the page's hash and seal."""

    article: Article
    text: str
    digest: str
    raw: str
    gate: str


def _page_keys(story: Story, canonical: str | None, page_url: str) -> list[str]:
    """The URLs the page says it lives at (its canonical link, then where a redirect led), other than the story's.

    A site's front page is never taken for a story's URL (a broken CMS's canonical, a pulled story's redirect)."""
    keys: list[str] = []
    for candidate in (canonical, page_url):
        if not candidate:
            continue
        key = canonical_key(urljoin(page_url, candidate))
        parts = urlsplit(key)
        if key != story.url and key not in keys and parts.scheme in {"http", "https"} and parts.path not in {"", "/"}:
            keys.append(key)
    return keys


def _host(story: Story) -> str:
    return urlsplit(story.url).hostname or ""


def _about(story: Story) -> dict[str, object]:
    """What a log event is about, for ``--log-format json``: the story's id, URL and source."""
    return {"story_id": story.id, "url": story.url, "source": story.source}

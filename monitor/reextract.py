"""Re-extraction: the current extractor over the stored pages of past versions, alerting no one.

``reextract_story`` is what ``storywatch reextract`` runs per story. ``catch_up`` is what a check runs when
the latest stored version was read by an older extractor: it re-reads that version's kept page first, so a
parser change is never reported as a story change (DESIGN.md: every version records its extractor).

Each version whose raw HTML is kept is extracted again and its fields, normalised text and extractor version
are replaced in place. No version is added, no change is recorded and nothing enters the outbox. A version
without raw HTML is skipped; one the extractor now fails on (or reads as broken) keeps its old extraction
and is reported as failed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from monitor.errors import ExtractionError
from monitor.extract_pool import PageExtractor
from monitor.extractors import EXTRACTOR_VERSION
from monitor.extractors.checks import assess
from monitor.models import Article, Story, Version
from monitor.normalize import normalized_text, text_hash
from storage.store import Store

STATUSES = ("changed", "unchanged", "skipped", "failed")


@dataclass(frozen=True)
class VersionOutcome:
    number: int
    status: str  # one of STATUSES
    detail: str | None = None  # why it was skipped or failed

    def to_json(self) -> dict[str, Any]:
        return {"version": self.number, "status": self.status, "detail": self.detail}


@dataclass(frozen=True)
class Reextracted:
    """What re-extraction did to one story's versions."""

    story: Story
    versions: tuple[VersionOutcome, ...]

    def count(self, status: str) -> int:
        return sum(v.status == status for v in self.versions)

    @property
    def reread(self) -> int:
        return self.count("changed") + self.count("unchanged")

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.story.id,
            "url": self.story.url,
            "headline": self.story.headline,
            "reread": self.reread,
            **{status: self.count(status) for status in STATUSES},
            "versions": [v.to_json() for v in self.versions],
        }


def reextract_story(store: Store, story: Story, extractor: PageExtractor, *, dry_run: bool) -> Reextracted:
    """Extract every kept page of ``story`` again; store the results unless ``dry_run``."""
    outcomes = []
    for page in store.stored_pages(story.id):
        if page.raw_html is None:
            outcomes.append(VersionOutcome(page.number, "skipped", "no raw HTML kept"))
            continue
        try:
            article = extractor.extract(page.raw_html, page.url)
        except ExtractionError as exc:
            outcomes.append(VersionOutcome(page.number, "failed", str(exc)))
            continue
        problem = assess(article, None)
        if problem:
            outcomes.append(VersionOutcome(page.number, "failed", f"extraction looks broken: {problem}"))
            continue
        text = normalized_text(article)
        digest = text_hash(text)
        if not dry_run:
            store.replace_extraction(story.id, page.number, article, text=text, text_hash=digest)
        outcomes.append(VersionOutcome(page.number, "unchanged" if digest == page.text_hash else "changed"))
    return Reextracted(story, tuple(outcomes))


def catch_up(store: Store, latest: Version, extractor: PageExtractor) -> tuple[Article, str] | None:
    """``latest`` re-read by the current extractor and stored in place: (article, text hash), or None.

    None when ``latest`` already is the current extractor's reading, or its page is no longer kept, or the
    current extractor can't read it well (then the stored reading stays and the check compares with it).
    """
    if latest.extractor_version == EXTRACTOR_VERSION:
        return None
    raw = store.raw_html(latest.story_id, latest.number)
    if raw is None:
        return None
    try:
        article = extractor.extract(raw, latest.article.url)
    except ExtractionError:
        return None
    if assess(article, None):
        return None
    text = normalized_text(article)
    digest = text_hash(text)
    store.replace_extraction(latest.story_id, latest.number, article, text=text, text_hash=digest)
    return article, digest

"""The read model: what the CLI and the web view show, computed once here and rendered by each face.

    find_story(store, ref)                    -> Story            (an id, a URL, or a feed's URL for it)
    list_stories(store, settings, …)          -> Iterator[Story]  `stories`, /api/stories (streamed, paged)
    story_history(store, story)               -> History          `history`, /stories/{id}, /api/stories/{id}
    change_between(store, story, from_, to)   -> Change           `diff`, /stories/{id}/diff, /api/…/diff
    version_of(store, story, number)          -> Version          `show`, /stories/{id}/versions/{n}
    recent_changes(store, settings, query)    -> ChangesPage      /, /changes.atom

Every error a reader can make is a ``ReadError`` whose message is a sentence for people: the CLI prints it
and exits 2, the web view answers 400 (404 for ``NoSuchStory``/``NoSuchVersion``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from monitor.errors import StorywatchError
from monitor.models import Change, DiffSummary, Significance, Story, Version, iso, utcnow

if TYPE_CHECKING:
    from monitor.config import Settings
    from storage.review_store import ListedChange
    from storage.store import Store


MAX_ID = 2**63 - 1  # the largest integer SQLite and PostgreSQL compare with


class ReadError(StorywatchError):
    """A request for something that cannot be shown as asked (a bad range, an unknown source …)."""


class NoSuchStory(ReadError, LookupError):
    """No tracked story answers to the reference."""


class NoSuchVersion(ReadError, LookupError):
    """The story has no such version."""


# -- stories ----------------------------------------------------------------------------------------------
def find_story(store: Store, ref: str | int) -> Story:
    """The story with this id or URL (a feed's URL for it too: tracking parameters, #fragment)."""
    text = str(ref).strip()
    too_big = text.isdigit() and int(text) > MAX_ID  # no database holds it, and it would overflow the query
    story = store.get_story(text) if text and not too_big else None
    if story is None and text.lower().startswith(("http://", "https://")):
        from monitor.feeds import canonical_key  # the feed reader (and its XML parser) only for a URL

        story = store.get_story(canonical_key(text))
    if story is None:
        raise NoSuchStory(f"no story {text!r} (give its id or URL; `storywatch stories` lists them)")
    return story


def source_names(
    settings: Settings, *, source: str | None = None, tag: str | None = None, stored: Sequence[str] = ()
) -> set[str] | None:
    """The sources a ``source``/``tag`` filter lets through (None: every source); ``stored``: names the
    database knows (a source no longer configured still has its stories)."""
    names: set[str] | None = None
    if source:
        if settings.source(source) is None and source not in stored:
            known = ", ".join(s.name for s in settings.sources) or "none configured"
            raise ReadError(f"no source named {source!r} (sources: {known})")
        names = {source}
    if tag:
        tagged = {s.name for s in settings.sources if tag in s.tags}
        if not tagged:
            known = ", ".join(sorted({t for s in settings.sources for t in s.tags})) or "none configured"
            raise ReadError(f"no source has the tag {tag!r} (tags: {known})")
        names = tagged if names is None else names & tagged
    return names


def list_stories(
    store: Store,
    settings: Settings,
    *,
    since: timedelta | None = None,
    source: str | None = None,
    tag: str | None = None,
    significance: str | None = None,
    now: datetime | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> Iterator[Story]:
    """Tracked stories, most recently changed first, filtered as ``stories`` filters them, from ``offset``, at
    most ``limit``: a stream read a chunk at a time (the filters are checked now; a bad one is a ReadError)."""
    from storage.records import StoryFilters

    check_page(offset, limit)
    stored = store.source_names() if source else []
    names = source_names(settings, source=source, tag=tag, stored=stored)
    filters = StoryFilters(
        since=window_start(since, now),
        sources=sorted(names) if names is not None else None,
        min_significance=parse_significance(significance),
    )
    return store.stream_stories(filters, offset=offset, limit=limit)


def check_page(offset: int, limit: int | None) -> None:
    """A listing's ``offset`` (0 or more) and ``limit`` (1 or more, None: no limit), or a ReadError."""
    if not 0 <= offset <= MAX_ID:
        raise ReadError(f"offset must be 0 or more (the stories to skip), got {offset}")
    if limit is not None and not 1 <= limit <= MAX_ID:
        raise ReadError(f"limit must be 1 or more (the most stories to list), got {limit}")


def window_start(since: timedelta | None, now: datetime | None = None) -> datetime | None:
    """When the last ``since`` began (None: no window); a span reaching back before the year 1 is a ReadError."""
    if since is None:
        return None
    try:
        return (now or utcnow()) - since
    except OverflowError:
        raise ReadError(f"since reaches back before the year 1 ({since.days:,} days): give a shorter span") from None


def stories_json(stories: Iterable[Story]) -> Iterator[dict[str, Any]]:
    """``stories --json`` and ``/api/stories``: one object per story, as the stories come (the faces write
    them out one by one, as one JSON array)."""
    return (s.to_json() for s in stories)


def parse_significance(text: str | None) -> Significance | None:
    if not text:
        return None
    try:
        return Significance.parse(text)
    except (KeyError, ValueError):
        raise ReadError(f"significance {text!r} is not one of cosmetic, minor, substantive, major") from None


def one_line(summary: DiffSummary, limit: int | None = 110) -> str:
    """The change in one line: a revert, the headline, names, numbers, then counts; cut at ``limit`` (None: whole)."""
    s = summary
    if s.event in ("removed", "restored"):
        what = "story removed: the page is gone" if s.event == "removed" else "story restored: the page is back"
        line = what[0].upper() + what[1:] + (f" ({s.event_detail})" if s.event_detail else "")
        return _cut(line, limit)
    parts: list[str] = []
    if s.reverted_to is not None:
        parts.append(
            f"reverted to version {s.reverted_to}" + (" (the page keeps flipping; no alert)" if s.flapping else "")
        )
    if s.headline:
        parts.append("headline rewritten")
    if s.entities_added:
        parts.append("added " + ", ".join(s.entities_added))
    if s.entities_removed:
        parts.append("removed " + ", ".join(s.entities_removed))
    parts.extend(f"{n.old} → {n.new}" for n in s.numbers)
    quotes = [(len(s.quotes_added), "added"), (len(s.quotes_removed), "removed"), (len(s.quotes_edited), "edited")]
    parts.extend(f"{n} quote{'s' if n > 1 else ''} {word}" for n, word in quotes if n)
    if s.new_posts:
        parts.append(f"{len(s.new_posts)} new post{'s' if len(s.new_posts) > 1 else ''}")
    if s.update_notes:
        parts.append("note added")
    counts = [(s.paragraphs_added, "added"), (s.paragraphs_removed, "removed"), (s.paragraphs_changed, "changed")]
    counts += [(s.paragraphs_moved, "moved")]
    moved = [f"{n} {word}" for n, word in counts if n]
    if moved:
        parts.append("paragraphs " + ", ".join(moved))
    if not s.declared:
        parts.append("silent")
    line = " · ".join(parts) or "no visible change"
    return _cut(line[0].upper() + line[1:], limit)


def _cut(line: str, limit: int | None) -> str:
    return line if limit is None or len(line) <= limit else line[: limit - 1].rstrip() + "…"


# -- one story ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class History:
    """A story's timeline: every version, and every change (removal/restoration events included)."""

    story: Story
    versions: tuple[Version, ...]
    changes: tuple[Change, ...]

    def change_to(self, number: int) -> Change | None:
        """The edit that produced version ``number`` (None for the baseline)."""
        return next((c for c in self.changes if c.to_version == number and c.from_version < number), None)

    def events_at(self, number: int) -> list[Change]:
        """Removal and restoration events recorded while ``number`` was the latest version."""
        return [c for c in self.changes if c.from_version == c.to_version == number]


def story_history(store: Store, story: Story) -> History:
    return History(story, tuple(store.list_versions(story.id)), tuple(store.list_changes(story.id)))


def history_json(history: History) -> dict[str, Any]:
    """``history --json`` and ``/api/stories/{id}``."""
    return {
        "story": history.story.to_json(),
        "versions": [
            {
                "version": v.number,
                "seen_at": iso(v.seen_at),
                "headline": v.article.headline,
                "significance": v.significance.label if v.significance is not None else None,
            }
            for v in history.versions
        ],
    }


def change_between(store: Store, story: Story, from_: int | None = None, to: int | None = None) -> Change:
    """The stored change between two versions, or one computed now for versions further apart.

    Defaults: ``to`` the latest version, ``from_`` the one before it.
    """
    from monitor.diff import summarize

    if story.versions < 2:
        raise ReadError(f"story {story.id} has only {story.versions} version(s): nothing to diff yet")
    to = to or story.versions
    if from_ is None and to == 1:
        raise ReadError(
            f"version 1 of story {story.id} is its first: nothing before it to compare (to must be 2 or more)"
        )
    from_ = from_ or to - 1
    if not 1 <= from_ < to <= story.versions:
        raise ReadError(
            f"story {story.id} has versions 1 to {story.versions}: the older version (from) must be below the "
            f"newer (to), both in that range (got from {from_}, to {to})"
        )
    stored = store.get_change(story.id, from_, to)
    if stored is not None:
        return stored
    old, new = store.get_version(story.id, from_), store.get_version(story.id, to)
    if old is None or new is None:
        raise NoSuchVersion(f"story {story.id} has lost version {from_ if old is None else to}")
    return Change(
        id=0,
        story_id=story.id,
        story_url=story.url,
        headline=new.article.headline,
        from_version=from_,
        to_version=to,
        from_seen_at=old.seen_at,
        to_seen_at=new.seen_at,
        summary=summarize(old.article, new.article),
    )


def diff_json(change: Change) -> dict[str, Any]:
    """``diff --format json`` and ``/api/stories/{id}/diff``."""
    return change.to_json()


def version_of(store: Store, story: Story, number: int | None = None) -> Version:
    """One stored version (default: the latest)."""
    wanted = story.versions if number is None else number
    version = store.get_version(story.id, wanted) if 1 <= wanted <= story.versions else None
    if version is None:
        raise NoSuchVersion(f"story {story.id} has no version {wanted or 1} (it has {story.versions})")
    return version


# -- across stories --------------------------------------------------------------------------------------
MAX_PAGE = 1_000_000  # 50 million changes back: further than any desk reads, and an offset every database takes


@dataclass(frozen=True)
class ChangesQuery:
    """The recent-changes filters, as the web view's query parameters name them."""

    source: str | None = None
    tag: str | None = None
    significance: str | None = None  # the minimum
    silent: bool = False
    since: timedelta | None = None
    q: str | None = None
    page: int = 1


@dataclass(frozen=True)
class ChangesPage:
    rows: tuple[ListedChange, ...]
    page: int
    per_page: int
    more: bool  # a next page exists


def recent_changes(
    store: Store, settings: Settings, query: ChangesQuery, *, per_page: int = 50, now: datetime | None = None
) -> ChangesPage:
    """Changes across every story, newest first, one page of them."""
    from storage.review_store import ChangeFilters

    if not 1 <= query.page <= MAX_PAGE:
        raise ReadError(f"page must be 1 to {MAX_PAGE} (got {query.page})")
    stored = store.source_names() if query.source else []
    names = source_names(settings, source=query.source, tag=query.tag, stored=stored)
    filters = ChangeFilters(
        sources=sorted(names) if names is not None else None,
        min_significance=parse_significance(query.significance),
        silent=query.silent,
        since=window_start(query.since, now),
        text=query.q,
    )
    found = store.recent_changes(filters, limit=per_page + 1, offset=(query.page - 1) * per_page)
    return ChangesPage(tuple(found[:per_page]), query.page, per_page, more=len(found) > per_page)


def version_json(version: Version) -> dict[str, Any]:
    """``show --json``: the stored article."""
    return version.article.to_json()

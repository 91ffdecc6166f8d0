"""The immutable types that flow between storywatch's stages; none of them does I/O.

    Source ─ fetch → FetchResult ─ feeds → FeedEntry ─ extract → Article
    Article (stored) → Version;  two Versions ─ diff → DiffSummary → Change → Alert → DeliveryResult
    one pass over a source or story → CheckOutcome

Times are timezone-aware UTC ``datetime``s everywhere; ``iso()`` renders them as ``2025-08-28T09:00:00Z``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any


def utcnow() -> datetime:
    """The current time, aware, in UTC (the default clock; tests inject their own)."""
    return datetime.now(UTC)


def iso(value: datetime | None) -> str | None:
    """``2025-08-28T09:00:00Z`` for an aware datetime (naive ones are taken as UTC); None stays None."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class Significance(enum.IntEnum):
    """How much a change matters to an editor, in increasing order (so levels compare with ``>=``)."""

    COSMETIC = 0
    MINOR = 1
    SUBSTANTIVE = 2
    MAJOR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Significance:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            choices = ", ".join(level.label for level in cls)
            raise ValueError(f"unknown significance {text!r} (choose one of: {choices})") from None


class SourceKind(enum.StrEnum):
    FEED = "feed"
    SITEMAP = "sitemap"
    URL = "url"


@dataclass(frozen=True)
class Source:
    """One configured thing to poll: a feed, a news sitemap or a single article URL."""

    name: str
    kind: SourceKind
    location: str
    interval: timedelta = timedelta(minutes=5)
    tags: tuple[str, ...] = ()
    pinned: bool = False  # its stories stay tracked past schedule.max_age


@dataclass(frozen=True)
class FetchResult:
    """What one HTTP GET produced. Failures are values (``error`` set), never exceptions."""

    url: str  # as requested
    final_url: str  # after redirects
    status: int | None  # None when no response arrived at all
    content: bytes = b""
    content_type: str = ""  # media type only, lower case: "text/html"
    encoding: str | None = None  # charset from the headers, when declared
    headers: tuple[tuple[str, str], ...] = ()
    fetched_at: datetime = field(default_factory=utcnow)
    elapsed: float = 0.0  # seconds
    error: str | None = None  # readable reason: "HTTP 404 Not Found", "timed out after 20s", …
    retry_after: float | None = None  # seconds the server (429/503 Retry-After) or robots asked us to wait
    deferred: bool = False  # not asked at all: the host is in a back-off window or robots.txt said no

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def transient(self) -> bool:
        """A failure worth retrying later (network trouble, 5xx, 429), as opposed to 4xx or a refusal."""
        if self.ok or self.not_modified or self.deferred:
            return False
        return self.status is None or self.status >= 500 or self.status in (408, 425, 429)

    def header(self, name: str) -> str | None:
        name = name.lower()
        for key, value in self.headers:
            if key.lower() == name:
                return value
        return None


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed or sitemap: where the story lives and what the feed says of it."""

    url: str
    title: str | None = None
    guid: str | None = None
    published: datetime | None = None
    updated: datetime | None = None


@dataclass(frozen=True)
class Note:
    """An update, correction or editor's note that the publisher attached to a story."""

    kind: str  # "update" | "correction" | "editor"
    text: str

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "text": self.text}


@dataclass(frozen=True)
class Article:
    """What the extractor read from one page: the story as an editor sees it, without the page around it."""

    url: str
    canonical_url: str | None = None
    headline: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    modified: datetime | None = None
    language: str | None = None
    body: tuple[str, ...] = ()  # paragraphs, notes excluded
    notes: tuple[Note, ...] = ()
    # {"name": "storywatch", "version": "1", "layers": {"headline": "json-ld", "body": "generic", …}}
    extractor: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def byline(self) -> str | None:
        return ", ".join(self.authors) or None

    @property
    def shown_headline(self) -> str | None:
        """The headline on the page (its ``<h1>``) when it reads differently from the one extracted."""
        return self.extractor.get("visible_headline") or self.headline

    def to_json(self) -> dict[str, Any]:
        """The contract shape printed by ``extract --json`` and ``show --json``."""
        return {
            "url": self.url,
            "canonical_url": self.canonical_url,
            "headline": self.headline,
            "authors": list(self.authors),
            "published": iso(self.published),
            "modified": iso(self.modified),
            "language": self.language,
            "body": list(self.body),
            "notes": [note.to_json() for note in self.notes],
            "extractor": dict(self.extractor),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Article:
        return cls(
            url=data["url"],
            canonical_url=data.get("canonical_url"),
            headline=data.get("headline"),
            authors=tuple(data.get("authors") or ()),
            published=parse_iso(data.get("published")),
            modified=parse_iso(data.get("modified")),
            language=data.get("language"),
            body=tuple(data.get("body") or ()),
            notes=tuple(Note(n["kind"], n["text"]) for n in data.get("notes") or ()),
            extractor=dict(data.get("extractor") or {}),
        )


def parse_iso(text: str | None) -> datetime | None:
    """Inverse of :func:`iso` (accepts any ISO 8601 string; naive values are taken as UTC)."""
    if not text:
        return None
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class StoryStatus(enum.StrEnum):
    ACTIVE = "active"  # last check succeeded
    ERROR = "error"  # last check failed (see Story.last_error); stored versions are untouched
    REMOVED = "removed"  # the publisher answers 404/410


@dataclass(frozen=True)
class Story:
    """A tracked story, keyed by its canonical URL."""

    id: int
    url: str
    source: str | None
    headline: str | None
    status: StoryStatus
    versions: int
    first_seen_at: datetime
    last_checked_at: datetime | None = None
    last_changed_at: datetime | None = None
    next_check_at: datetime | None = None
    last_error: str | None = None
    etag: str | None = None  # the server's validators from the last full answer (conditional GET)
    last_modified: str | None = None
    raw_hash: str | None = None  # sha256 of the last body fetched
    failures: int = 0  # checks failed in a row
    removed_at: datetime | None = None  # since when the publisher answers 404/410
    gate: str | None = None  # what the last full read covered (monitor.extractors.gate): same digest, same story
    canonical_url: str | None = None  # the URL the page says it lives at, when that is not ``url``

    def to_json(self) -> dict[str, Any]:
        """The contract shape of one row of ``stories --json``."""
        return {
            "id": self.id,
            "url": self.url,
            "headline": self.headline,
            "source": self.source,
            "versions": self.versions,
            "last_changed_at": iso(self.last_changed_at),
            "last_checked_at": iso(self.last_checked_at),
            "status": self.status.value,
            "last_error": self.last_error,  # why the latest check failed (None when it did not)
        }


@dataclass(frozen=True)
class Version:
    """One distinct stored state of a story (numbered 1, 2, … per story)."""

    story_id: int
    number: int
    seen_at: datetime
    article: Article
    text_hash: str  # sha256 of the normalised text
    extractor_version: str
    significance: Significance | None = None  # of the change that produced it; None for the baseline


_NOTE_LABELS = (
    ("correction", "Correction"),
    ("clarification", "Clarification"),
    ("editor", "Editor's note"),
    ("update:", "Update"),  # not "Updated to include …"
)


def note_label(text: str) -> str:
    """ "Correction", "Clarification", "Editor's note", "Update" or "Note", from how a note begins."""
    head = text.lstrip().lower()
    for word, label in _NOTE_LABELS:
        if head.startswith(word):
            return label
    return "Note"


@dataclass(frozen=True)
class NumberChange:
    old: str
    new: str
    context: str

    def to_json(self) -> dict[str, str]:
        return {"old": self.old, "new": self.new, "context": self.context}


@dataclass(frozen=True)
class DiffSummary:
    """What changed between two versions, as an editor would say it (the DESIGN.md diff contract)."""

    significance: Significance
    declared: bool
    update_notes: tuple[str, ...] = ()  # notes (update/correction/editor) new in the later version
    headline: tuple[str | None, str | None] | None = None  # (old, new) or None when unchanged
    byline: tuple[str | None, str | None] | None = None
    entities_added: tuple[str, ...] = ()
    entities_removed: tuple[str, ...] = ()
    numbers: tuple[NumberChange, ...] = ()
    quotes_added: tuple[str, ...] = ()
    quotes_removed: tuple[str, ...] = ()
    paragraphs_added: int = 0
    paragraphs_removed: int = 0
    paragraphs_changed: int = 0
    paragraphs_moved: int = 0
    ops: tuple[tuple[str, str], ...] = ()  # ("=" | "-" | "+", text) over the whole body
    sentences_added: int = 0
    sentences_removed: int = 0
    sentences_changed: int = 0
    reverted_to: int | None = None  # the earlier version whose text this one restores (A → B → A)
    event: str | None = None  # "removed" (the publisher answers 404/410) or "restored" (it is back)
    event_detail: str | None = None  # e.g. "HTTP 410 Gone"
    published: tuple[str | None, str | None] | None = None  # ISO 8601 UTC (old, new) when the time moved
    modified: tuple[str | None, str | None] | None = None
    new_posts: tuple[str, ...] = ()  # a live blog's new posts, oldest first, each cut to its first words
    quotes_edited: tuple[tuple[str, str], ...] = ()  # (old, new): one quote whose words changed
    # a revert repeating a flip the page made before: the first versions of its two texts; stored, never alerted
    flapping: tuple[int, int] | None = None
    quote_speakers: tuple[tuple[str, str], ...] = ()  # (quote, who said it) when its sentence names the speaker

    def quoted(self, quote: str) -> str:
        """``“We came to be heard, not to be photographed” — Oona Brask``: trailing punctuation trimmed (a
        question or exclamation mark kept), the speaker named when the sentence says who it was."""
        speaker = dict(self.quote_speakers).get(quote)
        shown = f"“{quote.rstrip(' ,;:.')}”"
        return f"{shown} — {speaker}" if speaker else shown

    def lines(self, *, counts: bool = True, tz: tzinfo | None = None) -> list[str]:
        """The summary as short plain-text bullet lines, most important first.

        ``counts=False`` leaves out the paragraph and sentence counts (alerts: noise to an editor; the diff
        keeps them); ``tz`` shows the published and modified times in that zone (default UTC)."""
        out: list[str] = []
        if self.event == "removed":
            out.append("Story removed by the publisher" + (f" ({self.event_detail})" if self.event_detail else ""))
        elif self.event == "restored":
            out.append("Story restored: the page is back" + (f" ({self.event_detail})" if self.event_detail else ""))
        if self.reverted_to is not None and self.flapping:
            first, second = self.flapping
            out.append(
                f"Reverted to version {self.reverted_to} (the page keeps flipping between the texts of versions "
                f"{first} and {second}; no alert)"
            )
        elif self.reverted_to is not None:
            out.append(f"Reverted to version {self.reverted_to}")
        if self.headline:
            out.append(f"Headline rewritten: “{self.headline[0]}” → “{self.headline[1]}”")
        if self.byline:
            out.append(f"Byline changed: {self.byline[0] or '(none)'} → {self.byline[1] or '(none)'}")
        if self.entities_added:
            out.append("Added: " + ", ".join(self.entities_added))
        if self.entities_removed:
            out.append("Removed: " + ", ".join(self.entities_removed))
        for number in self.numbers:
            out.append(f"{number.old} → {number.new}: {number.context}")
        if self.new_posts:
            out.append(f"New posts ({len(self.new_posts)}): " + " · ".join(self.new_posts))
        for quote in self.quotes_added:
            out.append(f"Quote added: {self.quoted(quote)}")
        for quote in self.quotes_removed:
            out.append(f"Quote removed: {self.quoted(quote)}")
        for old_quote, new_quote in self.quotes_edited:
            out.append(f"Quote edited: “{old_quote.rstrip(' ,;:.')}” → {self.quoted(new_quote)}")
        for note in self.update_notes:
            label = note_label(note)
            shown = note.lstrip()  # a note that opens with its label shows it once: "Correction: An earlier …"
            labelled = shown.lower().replace("’", "'").startswith(label.lower() + ":")
            out.append(shown if labelled else f"{label} added: {note}")
        for label, times in (("Published", self.published), ("Modified", self.modified)):
            if times:
                out.append(f"{label} time: {self.time_change(*times, tz=tz)}")
        if counts:
            out.extend(self.count_lines())
        if not self.declared and not self.event:
            out.append("Silent edit: no update note or new modified time")
        return out

    def count_lines(self) -> list[str]:
        """``Paragraphs: 1 added, 1 changed`` and ``Sentences: …`` (empty when nothing was counted)."""
        out: list[str] = []
        counts = [
            (0 if self.new_posts else self.paragraphs_added, "added"),  # a live blog's new posts are listed above
            (self.paragraphs_removed, "removed"),
            (self.paragraphs_changed, "changed"),
            (self.paragraphs_moved, "moved"),
        ]
        parts = [f"{n} {word}" for n, word in counts if n]
        if parts:
            out.append("Paragraphs: " + ", ".join(parts))
        counts = [
            (self.sentences_added, "added"),
            (self.sentences_removed, "removed"),
            (self.sentences_changed, "changed"),
        ]
        parts = [f"{n} {word}" for n, word in counts if n]
        if parts:
            out.append("Sentences: " + ", ".join(parts))
        return out

    @staticmethod
    def time_change(old: str | None, new: str | None, *, tz: tzinfo | None = None) -> str:
        """``09:00 → 11:30 UTC`` on one day, ``2025-08-28 09:00 → 2025-08-29 11:30 UTC`` across days; in
        another zone ``tz`` (a desk's), ``28 Aug 11:00 → 29 Aug 13:30 CEST`` with the zone's abbreviation."""
        zone = tz or UTC
        times = [moment.astimezone(zone) if (moment := parse_iso(value)) else None for value in (old, new)]
        same_day = all(times) and len({t.date() for t in times if t}) == 1
        across = "%Y-%m-%d %H:%M" if tz is None else "%d %b %H:%M"
        shown = [t.strftime("%H:%M" if same_day else across) if t else "none" for t in times]
        name = next((t.strftime("%Z") for t in reversed(times) if t), "UTC")
        return f"{shown[0]} → {shown[1]} {name}"

    def to_json(self) -> dict[str, Any]:
        """The contract fields of ``diff --format json`` that describe the change itself."""

        def pair(value: tuple[str | None, str | None] | None) -> dict[str, str | None] | None:
            return None if value is None else {"old": value[0], "new": value[1]}

        return {
            "significance": self.significance.label,
            "declared": self.declared,
            "update_notes": list(self.update_notes),
            "headline": pair(self.headline),
            "byline": pair(self.byline),
            "entities": {"added": list(self.entities_added), "removed": list(self.entities_removed)},
            "numbers": [n.to_json() for n in self.numbers],
            "quotes": {"added": list(self.quotes_added), "removed": list(self.quotes_removed)},
            "paragraphs": {
                "added": self.paragraphs_added,
                "removed": self.paragraphs_removed,
                "changed": self.paragraphs_changed,
                "moved": self.paragraphs_moved,
            },
            "ops": [list(op) for op in self.ops],
            "sentences": {
                "added": self.sentences_added,
                "removed": self.sentences_removed,
                "changed": self.sentences_changed,
            },
            "reverted_to": self.reverted_to,
            "event": self.event,
            "event_detail": self.event_detail,
            "published": pair(self.published),
            "modified": pair(self.modified),
            "new_posts": list(self.new_posts),
            "quotes_edited": [{"old": old, "new": new} for old, new in self.quotes_edited],
            "flapping": list(self.flapping) if self.flapping else None,
            "quote_speakers": [{"quote": quote, "speaker": speaker} for quote, speaker in self.quote_speakers],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DiffSummary:
        def unpair(value: dict[str, Any] | None) -> tuple[str | None, str | None] | None:
            return None if value is None else (value.get("old"), value.get("new"))

        paragraphs = data.get("paragraphs") or {}
        entities = data.get("entities") or {}
        quotes = data.get("quotes") or {}
        sentences = data.get("sentences") or {}
        return cls(
            significance=Significance.parse(data["significance"]),
            declared=bool(data.get("declared")),
            update_notes=tuple(data.get("update_notes") or ()),
            headline=unpair(data.get("headline")),
            byline=unpair(data.get("byline")),
            entities_added=tuple(entities.get("added") or ()),
            entities_removed=tuple(entities.get("removed") or ()),
            numbers=tuple(NumberChange(n["old"], n["new"], n.get("context", "")) for n in data.get("numbers") or ()),
            quotes_added=tuple(quotes.get("added") or ()),
            quotes_removed=tuple(quotes.get("removed") or ()),
            paragraphs_added=int(paragraphs.get("added", 0)),
            paragraphs_removed=int(paragraphs.get("removed", 0)),
            paragraphs_changed=int(paragraphs.get("changed", 0)),
            paragraphs_moved=int(paragraphs.get("moved", 0)),
            ops=tuple((op[0], op[1]) for op in data.get("ops") or ()),
            sentences_added=int(sentences.get("added", 0)),
            sentences_removed=int(sentences.get("removed", 0)),
            sentences_changed=int(sentences.get("changed", 0)),
            reverted_to=None if data.get("reverted_to") is None else int(data["reverted_to"]),
            event=data.get("event"),
            event_detail=data.get("event_detail"),
            published=unpair(data.get("published")),
            modified=unpair(data.get("modified")),
            new_posts=tuple(data.get("new_posts") or ()),
            quotes_edited=tuple((q["old"], q["new"]) for q in data.get("quotes_edited") or ()),
            flapping=(int(data["flapping"][0]), int(data["flapping"][1])) if data.get("flapping") else None,
            quote_speakers=tuple((q["quote"], q["speaker"]) for q in data.get("quote_speakers") or ()),
        )


@dataclass(frozen=True)
class Change:
    """A stored change: the story moved from one version to the next."""

    id: int
    story_id: int
    story_url: str
    headline: str | None  # the story's headline in the newer version
    from_version: int
    to_version: int
    from_seen_at: datetime
    to_seen_at: datetime
    summary: DiffSummary
    created_at: datetime | None = None  # when it was found (for a removed/restored event: when that happened)

    @property
    def significance(self) -> Significance:
        return self.summary.significance

    def to_json(self) -> dict[str, Any]:
        """The full ``diff --format json`` contract."""
        return {
            "story": {"id": self.story_id, "url": self.story_url, "headline": self.headline},
            "from": {"version": self.from_version, "seen_at": iso(self.from_seen_at)},
            "to": {"version": self.to_version, "seen_at": iso(self.to_seen_at)},
            **self.summary.to_json(),
        }


def web_link(base_url: str, story_id: int, from_version: int, to_version: int) -> str:
    """The web view's page for one change under ``base_url``: ``{base}/stories/{id}/diff?from=A&to=B``, or the
    story page ``{base}/stories/{id}`` for a removal or restoration (from == to: there is no diff to show)."""
    base = base_url.rstrip("/")
    if from_version >= to_version:
        return f"{base}/stories/{story_id}"
    return f"{base}/stories/{story_id}/diff?from={from_version}&to={to_version}"


class AlertStatus(enum.StrEnum):
    PENDING = "pending"  # waiting for its first or next attempt
    DELIVERED = "delivered"
    DEAD = "dead"  # gave up after the last attempt; `notify retry` revives it


@dataclass(frozen=True)
class Alert:
    """One change to be delivered through one notifier (a row of the outbox)."""

    id: int
    notifier: str
    change: Change
    dedupe_key: str  # f"change:{change.id}:{notifier}"
    status: AlertStatus = AlertStatus.PENDING
    attempts: int = 0
    next_attempt_at: datetime | None = None
    last_error: str | None = None
    created_at: datetime | None = None
    delivered_at: datetime | None = None
    attempt_started_at: datetime | None = None  # set: an attempt began and its outcome was never recorded
    # what the outbox adds when it loads the alert, so channels never read the database:
    publication: str | None = None  # the site's own name, else the source's ("Harbour Herald")
    last_text: tuple[str, ...] = ()  # a removal's last known text: the first paragraphs of the last version


@dataclass(frozen=True)
class DeliveryResult:
    """What one attempt to send an alert produced. ``retry_after`` (seconds) when the channel asked for it."""

    ok: bool
    error: str | None = None
    retry_after: float | None = None


@dataclass(frozen=True)
class CheckOutcome:
    """The result of checking one source or one story, for logs, ``check`` output and exit codes."""

    target: str  # source name or story URL
    # a story: "new" (baseline) | "unchanged" | "changed" | "removed" | "deferred" (the host asked to wait:
    # Retry-After, robots crawl-delay) | "merged" (folded into the story its canonical URL belongs to) | "error";
    # a source: "discovered" | "tracked" (a single-URL source) | "unchanged" (feed not modified) | "error"
    status: str
    story_id: int | None = None
    version: int | None = None
    significance: Significance | None = None
    error: str | None = None
    discovered: int = 0  # for a feed: stories it added
    detail: str | None = None

    @property
    def failed(self) -> bool:
        return self.status == "error"

    def to_json(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "status": self.status,
            "story_id": self.story_id,
            "version": self.version,
            "significance": self.significance.label if self.significance is not None else None,
            "error": self.error,
            "discovered": self.discovered,
            "detail": self.detail,
        }

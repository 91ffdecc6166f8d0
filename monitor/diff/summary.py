"""Summarise what changed between two versions of a story, as the DiffSummary an editor reads."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime

from monitor.diff.align import align, anchors, ratio
from monitor.diff.entities import mentioned, names_in
from monitor.diff.facts import edited_quotes, number_changes, numbers_moved, quote_speaker, quotes, sentences
from monitor.diff.live import is_live, preview
from monitor.diff.significance import LEDE_REWRITE, Evidence, grade, is_typographic
from monitor.diff.windows import name_windows
from monitor.diff.words import Op, edited_spans, paragraph_diff, word_diff
from monitor.extractors import OPENING_LAYER
from monitor.models import Article, DiffSummary, Note, iso
from monitor.normalize import collapse

PARAGRAPH_SEPARATOR = "\n\n"


def _headlines(old: Article, new: Article) -> tuple[str | None, str | None]:
    """The headlines to compare: the extracted ones, or — when only the page's ``<h1>`` moved — those. A
    stand-in headline made of the story's opening words (a page that names itself nowhere) is no headline to
    rewrite: the edit to the opening paragraph says it."""
    if all((a.extractor.get("layers") or {}).get("headline") == OPENING_LAYER for a in (old, new)):
        return new.headline, new.headline
    if collapse(old.headline) == collapse(new.headline) and collapse(old.shown_headline) != collapse(
        new.shown_headline
    ):
        return old.shown_headline, new.shown_headline
    return old.headline, new.headline


def summarize(old: Article, new: Article) -> DiffSummary:
    """The change from ``old`` to ``new``: what an alert says, the ops a diff view shows, and a grade.

    Paragraphs are aligned first and only changed ones are word-diffed; names are then read only around the
    words that changed, numbers only from those words, and sentences only from the changed paragraphs
    (unchanged text holds the same facts on both sides), each checked against the whole of the other text.
    A live blog's new posts are listed by their first words; facts are read from the edits to other posts.
    """
    old_body, new_body = _paragraphs(old), _paragraphs(new)
    old_text, new_text = PARAGRAPH_SEPARATOR.join(old_body), PARAGRAPH_SEPARATOR.join(new_body)
    ops = paragraph_diff(old_body, new_body, anchors=anchors(old_body, new_body))
    old_headline, new_headline = (collapse(h) for h in _headlines(old, new))
    headline = _pair(old_headline, new_headline)
    headline_ops = word_diff(old_headline, new_headline) if headline else []
    byline = _pair(old.byline, new.byline)
    paragraphs = align(old_body, new_body)
    posts = paragraphs.added if is_live(new) or is_live(old) else ()
    old_all, new_all = f"{old_headline}\n\n{old_text}", f"{new_headline}\n\n{new_text}"
    old_spans, new_spans = edited_spans(ops)
    if posts:
        new_spans = _outside(new_spans, _extents(new_body, posts))
    old_names = _names(old_headline if headline else None, old_text, old_spans, old_all)
    new_names = _names(new_headline if headline else None, new_text, new_spans, new_all)
    added_names = [n for n in new_names if n not in old_names and not mentioned(n, old_all)]
    removed_names = [n for n in old_names if n not in new_names and not mentioned(n, new_all)]
    numbers = number_changes(headline_ops, new_headline) + number_changes(ops, new_text)
    old_quotes = quotes(old_all)
    new_quotes = quotes(_without(new_headline, new_body, posts) if posts else new_all)
    quotes_added, quotes_removed, quotes_edited = edited_quotes(
        [q for q in new_quotes if q not in old_quotes], [q for q in old_quotes if q not in new_quotes]
    )
    new_notes = _new_notes(old.notes, new.notes)
    old_touched = [old_body[i] for i in sorted({i for i, _ in paragraphs.changed} | set(paragraphs.removed))]
    new_touched = [new_body[j] for j in sorted({j for _, j in paragraphs.changed} | set(paragraphs.added) - set(posts))]
    sentence_alignment = align(sentences(tuple(old_touched)), sentences(tuple(new_touched)))
    evidence = Evidence(
        # any headline edit but quote and dash kinds is a headline change: "?" and one word included
        headline_rewritten=bool(headline) and not is_typographic(old_headline, new_headline),
        correction_added=any(note.kind == "correction" for note in new_notes),
        replaced_share=_deleted_share(ops, old_text),
        names_changed=bool(added_names or removed_names),
        numbers_changed=bool(numbers) or numbers_moved(ops + headline_ops),
        quotes_changed=set(old_quotes) != set(new_quotes),
        blocks_added_or_removed=bool(
            paragraphs.added or paragraphs.removed or sentence_alignment.added or sentence_alignment.removed
        ),
        lede_rewritten=_lede_rewritten(old_body, new_body),
        byline_changed=byline is not None,
        notes_changed=bool(new_notes) or len(new.notes) != len(old.notes),
        text_ops=tuple(ops + headline_ops),
    )
    return DiffSummary(
        significance=grade(evidence),
        declared=bool(new_notes) or _later(new, old),
        update_notes=tuple(note.text for note in new_notes),
        headline=headline,
        byline=byline,
        entities_added=tuple(added_names),
        entities_removed=tuple(removed_names),
        numbers=tuple(numbers),
        quotes_added=tuple(quotes_added),
        quotes_removed=tuple(quotes_removed),
        paragraphs_added=len(paragraphs.added),
        paragraphs_removed=len(paragraphs.removed),
        paragraphs_changed=len(paragraphs.changed),
        paragraphs_moved=len(paragraphs.moved),
        ops=tuple(ops),
        sentences_added=len(sentence_alignment.added),
        sentences_removed=len(sentence_alignment.removed),
        sentences_changed=len(sentence_alignment.changed),
        published=_moved(old.published, new.published),
        modified=_moved(old.modified, new.modified),
        new_posts=tuple(preview(new_body[j]) for j in posts),
        quotes_edited=tuple(quotes_edited),
        quote_speakers=_speakers(quotes_added, quotes_edited, new_all) + _speakers(quotes_removed, [], old_all),
    )


def _speakers(found: list[str], edited: list[tuple[str, str]], text: str) -> tuple[tuple[str, str], ...]:
    """``(quote, speaker)`` for each quote whose sentence in ``text`` names who said it."""
    pairs = [(quote, quote_speaker(quote, text)) for quote in [*found, *(new for _, new in edited)]]
    return tuple((quote, speaker) for quote, speaker in pairs if speaker)


def _names(headline: str | None, body: str, spans: list[tuple[int, int]], whole: str) -> list[str]:
    """The names in a changed headline and around the edited ``spans`` of the body (``whole`` is the
    headline and body the chunker takes its evidence from)."""
    return names_in(([headline] if headline else []) + name_windows(body, spans), whole)


def _paragraphs(article: Article) -> tuple[str, ...]:
    """The body's paragraphs ``collapse``d, empty ones dropped; most are tidy already and kept as they are.

    Joined by single spaces, tidy non-empty paragraphs make a tidy text (a space composes with no mark),
    so one check over the whole body usually settles it.
    """
    if all(article.body) and _tidy(" ".join(article.body)):
        return tuple(article.body)
    return tuple(text for text in (p if _tidy(p) else collapse(p) for p in article.body) if text)


def _tidy(text: str) -> bool:
    """``collapse(text) == text``, found without building a new string.

    A printable text holds no whitespace but the plain space (every other space or line break is a
    separator or a control character, which ``str.isprintable`` refuses).
    """
    return not text or (
        text[0] != " "
        and text[-1] != " "
        and "  " not in text
        and text.isprintable()
        and unicodedata.is_normalized("NFC", text)
    )


def _pair(old: str | None, new: str | None) -> tuple[str | None, str | None] | None:
    old_text, new_text = collapse(old) or None, collapse(new) or None
    return None if old_text == new_text else (old_text, new_text)


def _new_notes(old: tuple[Note, ...], new: tuple[Note, ...]) -> list[Note]:
    seen = {collapse(note.text) for note in old}
    return [note for note in new if collapse(note.text) not in seen]


def _later(new: Article, old: Article) -> bool:
    """The publisher stamped the new version later: a ``dateModified`` after the old one's (or after its
    ``datePublished`` when it had none), or — with no modified time — a ``datePublished`` moved forward."""
    reference = _utc(old.modified or old.published)
    if new.modified is not None:
        return reference is None or _utc(new.modified) > reference
    return new.published is not None and old.published is not None and _utc(new.published) > _utc(old.published)


def _utc(moment: datetime | None) -> datetime | None:
    """An aware time (a naive one is taken as UTC, as ``iso`` does), so any two compare."""
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def _moved(old: datetime | None, new: datetime | None) -> tuple[str | None, str | None] | None:
    """(old, new) as ISO 8601 UTC when the new version carries a different time; None otherwise."""
    if new is None or _utc(old) == _utc(new):
        return None
    return iso(old), iso(new)


def _extents(body: tuple[str, ...], indices: Iterable[int]) -> list[tuple[int, int]]:
    """Where paragraphs ``indices`` lie in the joined body, each with the separator before it."""
    starts = [0]
    for paragraph in body:
        starts.append(starts[-1] + len(paragraph) + len(PARAGRAPH_SEPARATOR))
    return [(max(starts[j] - len(PARAGRAPH_SEPARATOR), 0), starts[j] + len(body[j])) for j in indices]


def _outside(spans: list[tuple[int, int]], extents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``spans`` that lie outside every one of ``extents`` (sorted, not overlapping)."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        for low, high in extents:
            if start < high and low < end or low <= start == end <= high:  # overlaps, or a point inside
                if start < low:
                    out.append((start, low))
                start = max(start, high)
        if start < end or start == end and not any(low <= start <= high for low, high in extents):
            out.append((start, end))
    return out


def _without(headline: str, body: tuple[str, ...], skipped: Iterable[int]) -> str:
    """The headline and body as one text, less the paragraphs ``skipped``."""
    skip = set(skipped)
    return PARAGRAPH_SEPARATOR.join([headline, *(p for j, p in enumerate(body) if j not in skip)])


def _deleted_share(ops: list[Op], old_text: str) -> float:
    if not old_text:
        return 0.0
    return sum(len(text) for op, text in ops if op == "-") / len(old_text)


def _lede_rewritten(old_body: tuple[str, ...], new_body: tuple[str, ...]) -> bool:
    if not old_body or not new_body or old_body[0] == new_body[0]:
        return False
    return ratio(old_body[0], new_body[0]) < LEDE_REWRITE

"""Summarise what changed between two versions of a story, as the DiffSummary an editor reads."""

from __future__ import annotations

from monitor.diff.align import align, ratio
from monitor.diff.entities import mentioned, names
from monitor.diff.facts import number_changes, numbers_differ, quotes, sentences
from monitor.diff.significance import HEADLINE_REWRITE, LEDE_REWRITE, Evidence, grade
from monitor.diff.words import Op, paragraph_diff, word_diff
from monitor.models import Article, DiffSummary, Note
from monitor.normalize import collapse

PARAGRAPH_SEPARATOR = "\n\n"


def _headlines(old: Article, new: Article) -> tuple[str | None, str | None]:
    """The headlines to compare: the extracted ones, or — when only the page's ``<h1>`` moved — those."""
    if collapse(old.headline) == collapse(new.headline) and collapse(old.shown_headline) != collapse(
        new.shown_headline
    ):
        return old.shown_headline, new.shown_headline
    return old.headline, new.headline


def summarize(old: Article, new: Article) -> DiffSummary:
    """The change from ``old`` to ``new``: what an alert says, the ops a diff view shows, and a grade.

    Paragraphs are aligned first; names, numbers and sentences are then read only from the paragraphs
    that changed (unchanged ones hold the same facts on both sides), against the whole of the other text.
    """
    old_body, new_body = _paragraphs(old), _paragraphs(new)
    old_text, new_text = PARAGRAPH_SEPARATOR.join(old_body), PARAGRAPH_SEPARATOR.join(new_body)
    ops = paragraph_diff(old_body, new_body)
    old_headline, new_headline = _headlines(old, new)
    headline = _pair(old_headline, new_headline)
    headline_ops = word_diff(collapse(old_headline), collapse(new_headline)) if headline else []
    byline = _pair(old.byline, new.byline)
    paragraphs = align(old_body, new_body)
    old_all = f"{collapse(old_headline)}\n\n{old_text}"
    new_all = f"{collapse(new_headline)}\n\n{new_text}"
    old_touched = [old_body[i] for i in sorted({i for i, _ in paragraphs.changed} | set(paragraphs.removed))]
    new_touched = [new_body[j] for j in sorted({j for _, j in paragraphs.changed} | set(paragraphs.added))]
    old_region = PARAGRAPH_SEPARATOR.join(([collapse(old_headline)] if headline else []) + old_touched)
    new_region = PARAGRAPH_SEPARATOR.join(([collapse(new_headline)] if headline else []) + new_touched)
    old_names, new_names = names(old_region, evidence=old_all), names(new_region, evidence=new_all)
    added_names = [n for n in new_names if n not in old_names and not mentioned(n, old_all)]
    removed_names = [n for n in old_names if n not in new_names and not mentioned(n, new_all)]
    numbers = number_changes(headline_ops, collapse(new_headline)) + number_changes(ops, new_text)
    old_quotes, new_quotes = quotes(old_all), quotes(new_all)
    new_notes = _new_notes(old.notes, new.notes)
    sentence_alignment = align(sentences(tuple(old_touched)), sentences(tuple(new_touched)))
    evidence = Evidence(
        headline_rewritten=bool(headline) and ratio(*(h or "" for h in headline)) < HEADLINE_REWRITE,
        correction_added=any(note.kind == "correction" for note in new_notes),
        replaced_share=_deleted_share(ops, old_text),
        names_changed=bool(added_names or removed_names),
        numbers_changed=bool(numbers) or numbers_differ(old_region, new_region),
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
        quotes_added=tuple(q for q in new_quotes if q not in old_quotes),
        quotes_removed=tuple(q for q in old_quotes if q not in new_quotes),
        paragraphs_added=len(paragraphs.added),
        paragraphs_removed=len(paragraphs.removed),
        paragraphs_changed=len(paragraphs.changed),
        paragraphs_moved=len(paragraphs.moved),
        ops=tuple(ops),
        sentences_added=len(sentence_alignment.added),
        sentences_removed=len(sentence_alignment.removed),
        sentences_changed=len(sentence_alignment.changed),
    )


def _paragraphs(article: Article) -> tuple[str, ...]:
    return tuple(text for text in (collapse(p) for p in article.body) if text)


def _pair(old: str | None, new: str | None) -> tuple[str | None, str | None] | None:
    old_text, new_text = collapse(old) or None, collapse(new) or None
    return None if old_text == new_text else (old_text, new_text)


def _new_notes(old: tuple[Note, ...], new: tuple[Note, ...]) -> list[Note]:
    seen = {collapse(note.text) for note in old}
    return [note for note in new if collapse(note.text) not in seen]


def _later(new: Article, old: Article) -> bool:
    reference = old.modified or old.published
    if new.modified is None:
        return False
    return reference is None or new.modified > reference


def _deleted_share(ops: list[Op], old_text: str) -> float:
    if not old_text:
        return 0.0
    return sum(len(text) for op, text in ops if op == "-") / len(old_text)


def _lede_rewritten(old_body: tuple[str, ...], new_body: tuple[str, ...]) -> bool:
    if not old_body or not new_body or old_body[0] == new_body[0]:
        return False
    return ratio(old_body[0], new_body[0]) < LEDE_REWRITE

"""Grade a change: cosmetic, minor, substantive or major, from the facts the summary gathered."""

from __future__ import annotations

from dataclasses import dataclass

from monitor.diff.tokens import fold_typography, is_number, is_word, tokenize
from monitor.diff.words import Op
from monitor.models import Significance

HEADLINE_REWRITE = 0.6  # word ratio below which a changed headline counts as rewritten
REPLACED = 0.5  # share of the old body deleted above which the story counts as rewritten
LEDE_REWRITE = 0.6


@dataclass(frozen=True)
class Evidence:
    """What the summary found, reduced to what the grade depends on."""

    headline_rewritten: bool = False
    correction_added: bool = False
    replaced_share: float = 0.0
    names_changed: bool = False
    numbers_changed: bool = False
    quotes_changed: bool = False
    blocks_added_or_removed: bool = False  # paragraphs or sentences
    lede_rewritten: bool = False
    byline_changed: bool = False
    notes_changed: bool = False
    text_ops: tuple[Op, ...] = ()  # body and headline ops; judged for cosmetic edits


def grade(evidence: Evidence) -> Significance:
    """The significance level; a changed number or name is never cosmetic."""
    if evidence.headline_rewritten or evidence.correction_added or evidence.replaced_share > REPLACED:
        return Significance.MAJOR
    if (
        evidence.names_changed
        or evidence.numbers_changed
        or evidence.quotes_changed
        or evidence.blocks_added_or_removed
        or evidence.lede_rewritten
        or evidence.byline_changed
    ):
        return Significance.SUBSTANTIVE
    if evidence.notes_changed or not is_cosmetic(list(evidence.text_ops)):
        return Significance.MINOR
    return Significance.COSMETIC


def is_cosmetic(ops: list[Op]) -> bool:
    """True when every edit is whitespace, punctuation or typography, bar at most one typo inside one word."""
    typos = 0
    for deleted, inserted in change_regions(ops):
        if _typographic(deleted, inserted):
            continue
        if _typo(deleted, inserted):
            typos += 1
            if typos <= 1:
                continue
        return False
    return True


def change_regions(ops: list[Op]) -> list[tuple[str, str]]:
    """Each run of non-"=" ops as (deleted text, inserted text)."""
    regions: list[tuple[str, str]] = []
    deleted = inserted = ""
    for op, text in [*ops, ("=", "")]:
        if op == "-":
            deleted += text
        elif op == "+":
            inserted += text
        elif deleted or inserted:
            regions.append((deleted, inserted))
            deleted = inserted = ""
    return regions


def _typographic(deleted: str, inserted: str) -> bool:
    if _plain(deleted) == _plain(inserted):
        return True
    words = [t for t in tokenize(deleted + " " + inserted) if is_word(t)]
    return not words  # punctuation and spaces only


def _plain(text: str) -> str:
    return " ".join(fold_typography(text).split())


def _typo(deleted: str, inserted: str) -> bool:
    old = [t for t in tokenize(deleted) if is_word(t)]
    new = [t for t in tokenize(inserted) if is_word(t)]
    if len(old) != 1 or len(new) != 1 or is_number(old[0]) or is_number(new[0]):
        return False
    a, b = fold_typography(old[0]), fold_typography(new[0])
    if any(ch.isdigit() for ch in a + b):
        return False
    limit = 2 if max(len(a), len(b)) >= 5 else 1
    return _distance(a, b) <= limit


def _distance(a: str, b: str) -> int:
    """Edit distance with adjacent transpositions ("teh" → "the" is one edit)."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]

"""Grade a change: cosmetic, minor, substantive or major, from the facts the summary gathered.

A typo fix is cosmetic only when it looks like one: a letter transposed ("recieve" → "receive"), one letter
added or dropped inside the word ("goverment" → "government"), letters doubled or undoubled
("tommorow" → "tomorrow"), or one vowel swapped inside a long word ("seperate" → "separate"). A word that
contains the other ("legal" → "illegal", "able" → "unable": every negating prefix and any affix), a
negation ("not" → "now", "did" → "didn't") or a changed number is wording at least, never a typo.
"""

from __future__ import annotations

from dataclasses import dataclass

from monitor.diff.tokens import fold_typography, is_number, is_word, tokenize
from monitor.diff.words import Op
from monitor.models import Significance

REPLACED = 0.5  # share of the old body deleted above which the story counts as rewritten
LEDE_REWRITE = 0.6
NEGATIONS = frozenset(
    {"not", "no", "nor", "never", "none", "nobody", "nothing", "nowhere", "neither", "cannot", "without"}
)


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


def is_typographic(old: str, new: str) -> bool:
    """The two texts differ in quote and dash kinds and whitespace only."""
    return _plain(old) == _plain(new)


def _typo(deleted: str, inserted: str) -> bool:
    old = [t for t in tokenize(deleted) if is_word(t)]
    new = [t for t in tokenize(inserted) if is_word(t)]
    if len(old) != 1 or len(new) != 1 or is_number(old[0]) or is_number(new[0]):
        return False
    a, b = fold_typography(old[0]).lower(), fold_typography(new[0]).lower()
    if any(ch.isdigit() for ch in a + b) or _negation(a) or _negation(b):
        return False
    if a == b:  # a capital letter
        return True
    short, long = sorted((a, b), key=len)
    if short in long:  # an affix ("illegal", "unable", "leaders"), bar one doubled letter ("untill")
        return len(long) == len(short) + 1 and _undoubled(long) == short
    if len(short) < 2 or a[0] != b[0] and not (len(a) == len(b) and a[:2] == b[1::-1]):
        return False  # misspellings keep the first letter (or swap the first two: "hte")
    distance = _distance(a, b)
    if distance == 1:
        return len(a) != len(b) or _transposed(a, b) or len(a) >= 7 and _vowel_swap(a, b)
    return distance == 2 and len(long) >= 5 and _undouble_all(a) == _undouble_all(b)


def _negation(word: str) -> bool:
    return word in NEGATIONS or word.endswith("n't")


def _undoubled(word: str) -> str | None:
    """``word`` with its one doubled letter single, when it has exactly one ("untill" → "until")."""
    doubles = [i for i in range(1, len(word)) if word[i] == word[i - 1]]
    return word[: doubles[0]] + word[doubles[0] + 1 :] if len(doubles) == 1 else None


def _undouble_all(word: str) -> str:
    return "".join(ch for i, ch in enumerate(word) if i == 0 or ch != word[i - 1])


def _transposed(a: str, b: str) -> bool:
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _vowel_swap(a: str, b: str) -> bool:
    """One vowel for another, not at the start: "seperate" → "separate", "independant" → "independent"."""
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 1 and diff[0] > 0 and a[diff[0]] in "aeiou" and b[diff[0]] in "aeiou"


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

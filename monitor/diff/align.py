"""Align the paragraphs (or sentences) of two versions: kept, changed, moved, added and removed."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from monitor.diff.tokens import tokenize

SIMILAR = 0.5  # word-level ratio at or above which two blocks are one block, edited
BAND_ABOVE = 2500  # unmatched old × new blocks above which only nearby pairs are compared
BAND = 20
COMPARISONS = 3000  # sequence matches at most; beyond them the remaining blocks count as added/removed


@dataclass(frozen=True)
class Alignment:
    """Index pairs (old, new); ``changed`` pairs differ in text, ``moved`` pairs left their relative place."""

    same: tuple[tuple[int, int], ...]
    changed: tuple[tuple[int, int], ...]
    moved: tuple[tuple[int, int], ...]
    added: tuple[int, ...]  # indices into new
    removed: tuple[int, ...]  # indices into old


def align(old: Sequence[str], new: Sequence[str], *, similar: float = SIMILAR) -> Alignment:
    """Exact matches first, then the most similar remaining pairs; the rest are added or removed."""
    same = _exact_pairs(old, new)
    used_old = {i for i, _ in same}
    used_new = {j for _, j in same}
    changed = _similar_pairs(old, new, used_old, used_new, similar)
    matched = sorted(same + changed, key=lambda pair: pair[1])
    moved = _out_of_order(matched)
    used_old |= {i for i, _ in changed}
    used_new |= {j for _, j in changed}
    return Alignment(
        same=tuple(sorted(same)),
        changed=tuple(sorted(changed)),
        moved=tuple(sorted(moved)),
        added=tuple(j for j in range(len(new)) if j not in used_new),
        removed=tuple(i for i in range(len(old)) if i not in used_old),
    )


def ratio(a: str, b: str) -> float:
    """Similarity of two texts over their word tokens, 0..1."""
    words_a, words_b = _words(a), _words(b)
    if not words_a and not words_b:
        return 1.0
    return SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()


def _exact_pairs(old: Sequence[str], new: Sequence[str]) -> list[tuple[int, int]]:
    positions: dict[str, list[int]] = defaultdict(list)
    for i, text in enumerate(old):
        positions[text].append(i)
    pairs: list[tuple[int, int]] = []
    for j, text in enumerate(new):
        if positions.get(text):
            pairs.append((positions[text].pop(0), j))
    return pairs


def _similar_pairs(
    old: Sequence[str], new: Sequence[str], used_old: set[int], used_new: set[int], similar: float
) -> list[tuple[int, int]]:
    """Greedy best-first pairing of the unmatched blocks whose word ratio reaches ``similar``.

    Each block is tokenised once; a word-set bound rules most pairs out before any sequence matching; and
    when both sides have many unmatched blocks (a rewrite), only pairs near the same relative place are
    compared, so the cost stays linear.
    """
    olds = [i for i in range(len(old)) if i not in used_old]
    news = [j for j in range(len(new)) if j not in used_new]
    words_old = {i: _words(old[i]) for i in olds}
    words_new = {j: _words(new[j]) for j in news}
    sets_old = {i: set(w) for i, w in words_old.items()}
    sets_new = {j: set(w) for j, w in words_new.items()}
    band = None if len(olds) * len(news) <= BAND_ABOVE else BAND
    scored: list[tuple[float, int, int]] = []
    budget = COMPARISONS
    for rank_i, i in enumerate(olds):
        if band is None:
            candidates = news
        else:
            centre = rank_i * len(news) // max(len(olds), 1)
            candidates = news[max(0, centre - band) : centre + band + 1]
        a, set_a = words_old[i], sets_old[i]
        for j in candidates:
            b, set_b = words_new[j], sets_new[j]
            if not a and not b:
                continue
            shared = len(set_a & set_b)
            if 2 * shared < similar * (len(set_a) + len(set_b)) or budget <= 0:
                continue
            budget -= 1
            score = SequenceMatcher(None, a, b, autojunk=False).ratio()
            if score >= similar:
                scored.append((score - 0.001 * abs(i - j), i, j))
    pairs: list[tuple[int, int]] = []
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    for _, i, j in sorted(scored, reverse=True):
        if i not in taken_old and j not in taken_new:
            taken_old.add(i)
            taken_new.add(j)
            pairs.append((i, j))
    return pairs


def _words(text: str) -> list[str]:
    return [t for t in tokenize(text) if not t.isspace()]


def _out_of_order(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pairs (sorted by new index) outside the longest run whose old indices also increase."""
    olds = [i for i, _ in pairs]
    keep = set(_longest_increasing(olds))
    return [pair for k, pair in enumerate(pairs) if k not in keep]


def _longest_increasing(values: list[int]) -> list[int]:
    """Positions in ``values`` of one longest strictly increasing subsequence (patience sorting)."""
    tails: list[int] = []
    tail_pos: list[int] = []
    previous: list[int] = [-1] * len(values)
    for k, value in enumerate(values):
        slot = bisect_left(tails, value)
        if slot == len(tails):
            tails.append(value)
            tail_pos.append(k)
        else:
            tails[slot] = value
            tail_pos[slot] = k
        previous[k] = tail_pos[slot - 1] if slot else -1
    out: list[int] = []
    k = tail_pos[-1] if tail_pos else -1
    while k != -1:
        out.append(k)
        k = previous[k]
    return out[::-1]

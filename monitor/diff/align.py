"""Align the paragraphs (or sentences) of two versions: kept, changed, moved, added and removed."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from monitor.diff.edges import shared_edges
from monitor.diff.tokens import WORD_OR_MARK

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
    """Exact matches first, then the most similar remaining pairs; the rest are added or removed.

    Similar pairs are sought first inside each gap between exact matches that kept their order (an edited
    paragraph sits where it was), then among whatever is left, so an edit costs a few comparisons, not a
    comparison with every other unmatched block.
    """
    same = _exact_pairs(old, new)
    changed = _similar_pairs(old, new, same, similar)
    matched = sorted(same + changed, key=lambda pair: pair[1])
    moved = _out_of_order(matched)
    used_old = {i for i, _ in matched}
    used_new = {j for _, j in matched}
    return Alignment(
        same=tuple(sorted(same)),
        changed=tuple(sorted(changed)),
        moved=tuple(sorted(moved)),
        added=tuple(j for j in range(len(new)) if j not in used_new),
        removed=tuple(i for i in range(len(old)) if i not in used_old),
    )


def ratio(a: str, b: str) -> float:
    """Similarity of two texts over their word tokens, 0..1."""
    return similarity(_words(a), _words(b))


def similarity(a: Sequence[str], b: Sequence[str], *, enough: float = 2.0) -> float:
    """The share of two token lists matched in order, 0..1: their common start and end, and
    ``SequenceMatcher``'s matches between them (so ``SequenceMatcher.ratio`` but for contrived repeats).

    When the start and end alone reach ``enough``, that lower bound is returned without matching the rest.
    """
    total = len(a) + len(b)
    if not total:
        return 1.0
    shortest = min(len(a), len(b))
    head = 0
    while head < shortest and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < shortest - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    middle_a, middle_b = a[head : len(a) - tail], b[head : len(b) - tail]
    matches = head + tail
    if middle_a and middle_b and 2.0 * matches < enough * total:
        matcher = SequenceMatcher(None, middle_a, middle_b, autojunk=False)
        matches += sum(block.size for block in matcher.get_matching_blocks())
    return 2.0 * matches / total


def anchors(old: Sequence[str], new: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs (old, new) of equal blocks found once on each side, as many as keep their order: what did not
    move (patience diffing's anchors; repeated blocks are left to be matched between them)."""
    once_old = {text for text, count in Counter(old).items() if count == 1}
    unique = {text for text, count in Counter(new).items() if count == 1 and text in once_old}
    return _in_order(_exact_pairs([t if t in unique else None for t in old], [t if t in unique else None for t in new]))


def _in_order(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    ordered = sorted(pairs, key=lambda pair: pair[1])
    return [ordered[k] for k in _longest_increasing([i for i, _ in ordered])]


def _exact_pairs(old: Sequence[str | None], new: Sequence[str | None]) -> list[tuple[int, int]]:
    positions: dict[str | None, deque[int]] = defaultdict(deque)
    for i, text in enumerate(old):
        positions[text].append(i)
    pairs: list[tuple[int, int]] = []
    for j, text in enumerate(new):
        if text is not None and positions.get(text):
            pairs.append((positions[text].popleft(), j))
    return pairs


class _Pairing:
    """Greedy best-first pairing of unmatched blocks whose word ratio reaches ``similar``.

    Each block is tokenised once and each pair scored once; a length and a word-set bound rule most pairs
    out before any sequence matching; and when both sides have many unmatched blocks (a rewrite), only
    pairs near the same relative place are compared, so the cost stays linear.
    """

    def __init__(self, old: Sequence[str], new: Sequence[str], similar: float) -> None:
        self.old, self.new, self.similar = old, new, similar
        self.words: dict[tuple[int, int], list[str]] = {}
        self.sets: dict[tuple[int, int], set[str]] = {}
        self.scored: set[tuple[int, int]] = set()
        self.budget = COMPARISONS
        self.taken_old: set[int] = set()
        self.taken_new: set[int] = set()
        self.pairs: list[tuple[int, int]] = []

    def pair(self, olds: list[int], news: list[int]) -> None:
        olds = [i for i in olds if i not in self.taken_old]
        news = [j for j in news if j not in self.taken_new]
        band = None if len(olds) * len(news) <= BAND_ABOVE else BAND
        scored: list[tuple[float, int, int]] = []
        for rank_i, i in enumerate(olds):
            if band is None:
                candidates = news
            else:
                centre = rank_i * len(news) // max(len(olds), 1)
                candidates = news[max(0, centre - band) : centre + band + 1]
            for j in candidates:
                score = self._score(i, j, alone=len(olds) == len(news) == 1)
                if score is not None:
                    scored.append((score - 0.001 * abs(i - j), i, j))
        for _, i, j in sorted(scored, reverse=True):
            if i not in self.taken_old and j not in self.taken_new:
                self.taken_old.add(i)
                self.taken_new.add(j)
                self.pairs.append((i, j))

    def _score(self, i: int, j: int, *, alone: bool = False) -> float | None:
        """The pair's ratio, None below ``similar``; a pair ``alone`` needs no exact ratio, only the verdict."""
        if (i, j) in self.scored:
            return None
        self.scored.add((i, j))
        if alone and _surely_similar(self.old[i], self.new[j], self.similar):
            return self.similar
        a, b = self._words(0, i, self.old), self._words(1, j, self.new)
        if not a and not b:
            return None
        if 2 * min(len(a), len(b)) < self.similar * (len(a) + len(b)):  # even all of the shorter would not do
            return None
        if self.budget <= 0:
            return None
        if not alone:
            set_a, set_b = self._set(0, i, a), self._set(1, j, b)
            if 2 * len(set_a & set_b) < self.similar * (len(set_a) + len(set_b)):
                return None
        self.budget -= 1
        score = similarity(a, b, enough=self.similar if alone else 2.0)
        return score if score >= self.similar else None

    def _set(self, side: int, index: int, words: list[str]) -> set[str]:
        key = (side, index)
        if key not in self.sets:
            self.sets[key] = set(words)
        return self.sets[key]

    def _words(self, side: int, index: int, blocks: Sequence[str]) -> list[str]:
        key = (side, index)
        if key not in self.words:
            self.words[key] = _words(blocks[index])
        return self.words[key]


def _surely_similar(a: str, b: str, similar: float) -> bool:
    """True when the texts' common start and end alone make their ratio reach ``similar``.

    Each whitespace-separated chunk there holds at least one word token, and the tokens between are
    counted exactly, so this never says yes to a pair whose full ratio falls short.
    """
    head, tail = shared_edges(a, b)
    if not head and not tail:
        return False
    shared = len(a[:head].split()) + len(a[len(a) - tail :].split())
    rest = len(_words(a[head : len(a) - tail])) + len(_words(b[head : len(b) - tail]))
    return 2 * shared >= similar * (2 * shared + rest)


def _similar_pairs(
    old: Sequence[str], new: Sequence[str], same: list[tuple[int, int]], similar: float
) -> list[tuple[int, int]]:
    """Similar pairs: within each gap between in-order exact matches first, then across the whole text."""
    used_old = {i for i, _ in same}
    used_new = {j for _, j in same}
    olds = [i for i in range(len(old)) if i not in used_old]
    news = [j for j in range(len(new)) if j not in used_new]
    if not olds or not news:
        return []
    pairing = _Pairing(old, new, similar)
    anchors = _in_order(same)
    anchor_old, anchor_new = [i for i, _ in anchors], [j for _, j in anchors]
    gaps: dict[int, tuple[list[int], list[int]]] = {}
    for i in olds:
        gaps.setdefault(bisect_left(anchor_old, i), ([], []))[0].append(i)
    for j in news:
        gap = gaps.get(bisect_left(anchor_new, j))
        if gap is not None:
            gap[1].append(j)
    for gap_old, gap_new in gaps.values():
        if gap_new:
            pairing.pair(gap_old, gap_new)
    if len(pairing.pairs) < min(len(olds), len(news)):
        pairing.pair(olds, news)
    return pairing.pairs


def _words(text: str) -> list[str]:
    """The text's tokens without its whitespace (``tokenize`` less the spaces, in one pass)."""
    return WORD_OR_MARK.findall(text)


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

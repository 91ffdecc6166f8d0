"""word_diff: ops never split a word or a number, and they rebuild both texts exactly (property-style)."""

from __future__ import annotations

import random

import pytest

from monitor.diff import tokenize, word_diff
from monitor.diff.align import _surely_similar, align, ratio
from monitor.diff.words import TIMEOUT, _token_diff, merge

VOCABULARY = [
    "Valmora",
    "summit",
    "26",
    "27",
    "1,200",
    "3.5",
    "leaders",
    "Kestland's",
    "al-Farouq",
    "don’t",
    "“quoted”",
    "said",
    "the",
    "of",
    "water",
    ",",
    ".",
    ";",
    "—",
    "twelve",
    "Prime",
    "Minister",
    "40",
    "million",
    "é",
]
SEPARATORS = [" ", " ", " ", "  ", "\n\n", ""]


def _random_text(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(VOCABULARY) + rng.choice(SEPARATORS) for _ in range(length))


def _mutate(rng: random.Random, text: str) -> str:
    tokens = tokenize(text)
    for _ in range(rng.randint(0, 6)):
        action = rng.choice(("insert", "delete", "replace"))
        position = rng.randrange(len(tokens) + 1)
        if action == "insert" or not tokens:
            tokens.insert(position, rng.choice(VOCABULARY) + " ")
        elif action == "delete":
            del tokens[min(position, len(tokens) - 1)]
        else:
            tokens[min(position, len(tokens) - 1)] = rng.choice(VOCABULARY)
    return "".join(tokens)


def _rebuild(ops: list[tuple[str, str]], keep: str) -> str:
    return "".join(text for op, text in ops if op in ("=", keep))


@pytest.mark.parametrize("seed", range(200))
def test_ops_rebuild_both_texts_and_never_split_tokens(seed: int) -> None:
    rng = random.Random(seed)
    old = _random_text(rng, rng.randint(0, 40))
    new = _mutate(rng, old) if rng.random() < 0.8 else _random_text(rng, rng.randint(0, 40))
    ops = word_diff(old, new)
    assert _rebuild(ops, "+") == new
    assert _rebuild(ops, "-") == old
    assert all(op in ("=", "-", "+") and text for op, text in ops)
    assert all(a[0] != b[0] for a, b in zip(ops, ops[1:], strict=False)), "neighbours of one kind are merged"
    for keep, text in (("+", new), ("-", old)):
        boundaries = _boundaries(ops, keep)
        token_edges = _boundaries([("=", t) for t in tokenize(text)], "=")
        assert boundaries <= token_edges, f"an op boundary falls inside a token: {ops!r}"


def _boundaries(ops: list[tuple[str, str]], keep: str) -> set[int]:
    edges, position = {0}, 0
    for op, text in ops:
        if op in ("=", keep):
            position += len(text)
            edges.add(position)
    return edges


def test_numbers_are_whole_tokens() -> None:
    assert word_diff("crowd of 1,200 people", "crowd of 1,250 people") == [
        ("=", "crowd of "),
        ("-", "1,200"),
        ("+", "1,250"),
        ("=", " people"),
    ]
    assert ("+", "3.75") in word_diff("rose 3.5 percent", "rose 3.75 percent")


def test_identical_and_empty_texts() -> None:
    assert word_diff("same", "same") == [("=", "same")]
    assert word_diff("", "") == []
    assert word_diff("", "new") == [("+", "new")]
    assert word_diff("old", "") == [("-", "old")]


def test_timeout_falls_back_to_whole_replacement() -> None:
    rng = random.Random(7)
    old = " ".join(f"w{rng.randrange(5000)}" for _ in range(20000))
    new = " ".join(f"w{rng.randrange(5000)}" for _ in range(20000))
    ops = word_diff(old, new, timeout=0.01)
    assert _rebuild(ops, "+") == new and _rebuild(ops, "-") == old


def test_merge_joins_neighbours_and_drops_empty_ops() -> None:
    assert merge([("=", "a"), ("=", "b"), ("+", ""), ("-", "c"), ("+", "d"), ("-", "e")]) == [
        ("=", "ab"),
        ("-", "ce"),
        ("+", "d"),
    ]


def test_align_counts_moves_changes_and_additions() -> None:
    old = ["alpha beta gamma delta", "one two three four", "red green blue black"]
    new = ["one two three four", "alpha beta gamma delta", "red green blue white", "brand new paragraph here"]
    result = align(old, new)
    assert len(result.moved) == 1 and len(result.changed) == 1 and result.added == (3,) and not result.removed


@pytest.mark.parametrize("seed", range(300))
def test_diffing_between_the_common_edges_changes_nothing(seed: int) -> None:
    """``word_diff`` skips the common start and end of the texts; the ops are those of the whole diff."""
    rng = random.Random(1000 + seed)
    old = _random_text(rng, rng.randint(5, 80))
    new = _mutate(rng, old)
    assert word_diff(old, new) == _token_diff(old, new, TIMEOUT)


@pytest.mark.parametrize("seed", range(300))
def test_the_quick_similarity_verdict_never_overrules_the_ratio(seed: int) -> None:
    rng = random.Random(2000 + seed)
    old = _random_text(rng, rng.randint(1, 40))
    new = _mutate(rng, old)
    for similar in (0.3, 0.5, 0.8):
        if _surely_similar(old, new, similar):
            assert ratio(old, new) >= similar

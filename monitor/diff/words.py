"""Word-level diff: diff-match-patch run over token characters, so no operation splits a word or a number."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from difflib import SequenceMatcher

from diff_match_patch import diff_match_patch

from monitor.diff.edges import shared_edges
from monitor.diff.tokens import fold_typography, tokenize

Op = tuple[str, str]
TIMEOUT = 2.0  # seconds; a diff that takes longer is reported as a whole-text replacement
REWRITE_PARAGRAPHS = 8  # a run of changed paragraphs this long on both sides is checked for a rewrite …
REWRITE_SHARED = 0.2  # … and is one when fewer than this share of its sentences survive
# Changed paragraphs whose word diff keeps less than this share of both sides' words (and less than
# KEPT_SMALLER of the shorter side's) are a rewrite: shown whole, not as stray common words lined up.
REWRITE_WORDS = 0.35
KEPT_SMALLER = 0.6
_OPS = {0: "=", -1: "-", 1: "+"}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"\w+(?:[-'’.,:/]\w+)*")
_PRIVATE_RANGES = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
_CAPACITY = sum(end - start + 1 for start, end in _PRIVATE_RANGES)  # distinct tokens one diff can hold


def word_diff(old: str, new: str, *, timeout: float = TIMEOUT) -> list[Op]:
    """``[("=", "Other guests include "), ("-", "26"), ("+", "27"), …]``; "=" and "+" join to ``new``."""
    if old == new:
        return [("=", old)] if old else []
    if not old or not new:
        return [("-", old)] if old else [("+", new)]
    deadline = time.monotonic() + timeout
    head, tail = shared_edges(old, new)
    if head or tail:
        # Diff only what lies between the common start and end, unless an edit reaches a cut (the cleanup
        # could have shifted it across): then the whole texts, in what is left of the time.
        middle = _token_diff(old[head : len(old) - tail], new[head : len(new) - tail], timeout)
        if middle and (not head or middle[0][0] == "=") and (not tail or middle[-1][0] == "="):
            return merge([("=", old[:head]), *middle, ("=", old[len(old) - tail :])])
        timeout = max(deadline - time.monotonic(), 0.001) if timeout else timeout
    return _token_diff(old, new, timeout)


def _token_diff(old: str, new: str, timeout: float) -> list[Op]:
    """diff-match-patch over one character per token, with its semantic cleanup."""
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    vocabulary = dict.fromkeys(old_tokens)
    vocabulary.update(dict.fromkeys(new_tokens))
    if len(vocabulary) > _CAPACITY:
        return [("-", old), ("+", new)]
    for token, char in zip(vocabulary, _chars(len(vocabulary)), strict=False):
        vocabulary[token] = char
    old_chars, new_chars = (
        "".join(map(vocabulary.__getitem__, old_tokens)),
        "".join(map(vocabulary.__getitem__, new_tokens)),
    )
    dmp = diff_match_patch()
    dmp.Diff_Timeout = timeout
    started = time.monotonic()
    diffs = dmp.diff_main(old_chars, new_chars, False)
    if timeout and time.monotonic() - started >= timeout:
        return [("-", old), ("+", new)]
    dmp.diff_cleanupSemantic(diffs)
    token_of = {char: token for token, char in vocabulary.items()}.__getitem__
    return merge([(_OPS[op], "".join(map(token_of, chars))) for op, chars in diffs])


def paragraph_diff(
    old: Sequence[str],
    new: Sequence[str],
    *,
    separator: str = "\n\n",
    timeout: float = TIMEOUT,
    anchors: Sequence[tuple[int, int]] | None = None,
) -> list[Op]:
    """``word_diff`` of the two joined texts, computed only inside the runs of paragraphs that differ.

    Paragraphs are matched whole first (the lines-to-chars idea one level up), so a long story with a few
    edits costs a few small word diffs; the ``timeout`` is shared by them all. ``anchors`` (old, new index
    pairs of equal paragraphs, in order in both; see ``align.anchors``) spare the paragraph matching.
    """
    deadline = time.monotonic() + timeout
    ops: list[Op] = []
    old_started = new_started = False
    if anchors is None:
        opcodes = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    else:
        opcodes = _opcodes(old, new, anchors)
    for tag, i1, i2, j1, j2 in opcodes:
        old_block, new_block = separator.join(old[i1:i2]), separator.join(new[j1:j2])
        old_sep, new_sep = old_started and i2 > i1, new_started and j2 > j1
        if old_sep and new_sep:
            ops.append(("=", separator))
        elif old_sep or new_sep:
            ops.append(("-" if old_sep else "+", separator))
        old_started, new_started = old_started or i2 > i1, new_started or j2 > j1
        if tag == "equal":
            ops.append(("=", old_block))
        elif tag == "replace" and _rewritten(old[i1:i2], new[j1:j2]):
            ops.extend([("-", old_block), ("+", new_block)])  # a rewrite: no word diff would be readable
        elif tag == "replace":
            block = word_diff(old_block, new_block, timeout=max(deadline - time.monotonic(), 0.001))
            ops.extend(block if _shares_enough(block) else [("-", old_block), ("+", new_block)])
        else:
            ops.append(("-", old_block) if tag == "delete" else ("+", new_block))
    return merge(ops)


def _opcodes(
    old: Sequence[str], new: Sequence[str], anchors: Sequence[tuple[int, int]]
) -> list[tuple[str, int, int, int, int]]:
    """``SequenceMatcher.get_opcodes`` read off the pairs of equal paragraphs; a gap between them that still
    holds a paragraph of both sides (a repeated one) is matched on its own."""
    out: list[tuple[str, int, int, int, int]] = []
    i = j = 0
    for a, b in [*anchors, (len(old), len(new))]:
        if i < a and j < b and not set(old[i:a]).isdisjoint(new[j:b]):
            matcher = SequenceMatcher(None, old[i:a], new[j:b], autojunk=False)
            out.extend((tag, i + i1, i + i2, j + j1, j + j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes())
        elif i < a or j < b:
            out.append(("replace" if i < a and j < b else "delete" if i < a else "insert", i, a, j, b))
        if a < len(old):
            out.append(("equal", a, a + 1, b, b + 1))
        i, j = a + 1, b + 1
    merged: list[tuple[str, int, int, int, int]] = []
    for code in out:
        last = merged[-1] if merged else None
        if last and last[0] == code[0] == "equal":
            merged[-1] = ("equal", last[1], code[2], last[3], code[4])
        else:
            merged.append(code)
    return merged


def _rewritten(old: Sequence[str], new: Sequence[str]) -> bool:
    """Many paragraphs on both sides and hardly a sentence in common: a different text, not an edit."""
    if len(old) < REWRITE_PARAGRAPHS or len(new) < REWRITE_PARAGRAPHS:
        return False
    a, b = _sentence_set(old), _sentence_set(new)
    return len(a & b) < REWRITE_SHARED * min(len(a), len(b))


def _shares_enough(ops: Sequence[Op]) -> bool:
    """The word diff of a pair of changed paragraphs keeps enough words to be read as an edit.

    A rewrite that happens to reuse "the", "and" and a full stop lines those up between long deletions and
    insertions; a paragraph that only grew (its old words all kept) is an edit however much was added.
    """
    sizes = {"=": 0, "-": 0, "+": 0}
    for op, text in ops:
        sizes[op] += len(text)
    if sizes["="] >= sizes["-"] + sizes["+"]:  # most of the text kept: an edit, no need to count words
        return True
    counts = {"=": 0, "-": 0, "+": 0}
    for op, text in ops:
        counts[op] += len(_WORD.findall(text))
    kept, old_words, new_words = counts["="], counts["="] + counts["-"], counts["="] + counts["+"]
    if not old_words or not new_words:
        return True
    return 2 * kept >= REWRITE_WORDS * (old_words + new_words) or kept >= KEPT_SMALLER * min(old_words, new_words)


def _sentence_set(paragraphs: Sequence[str]) -> set[str]:
    return {s for p in paragraphs for s in _SENTENCE_END.split(" ".join(fold_typography(p).split())) if s}


def edited_spans(ops: Sequence[Op]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Where the ops change the old text and the new text: (start, end) offsets, empty where the other
    side alone changed."""
    old_spans: list[tuple[int, int]] = []
    new_spans: list[tuple[int, int]] = []
    old_at = new_at = 0
    for op, text in ops:
        if op == "-":
            old_spans.append((old_at, old_at + len(text)))
            new_spans.append((new_at, new_at))
            old_at += len(text)
        elif op == "+":
            new_spans.append((new_at, new_at + len(text)))
            old_spans.append((old_at, old_at))
            new_at += len(text)
        else:
            old_at += len(text)
            new_at += len(text)
    return old_spans, new_spans


def merge(ops: list[Op]) -> list[Op]:
    """Drop empty ops and join neighbours of the same kind; within a change, "-" comes before "+"."""
    out: list[Op] = []
    for op, text in ops:
        if not text:
            continue
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        elif op == "-" and out and out[-1][0] == "+" and (len(out) < 2 or out[-2][0] != "-"):
            out.insert(len(out) - 1, (op, text))
        elif op == "-" and len(out) >= 2 and out[-1][0] == "+" and out[-2][0] == "-":
            out[-2] = ("-", out[-2][1] + text)
        else:
            out.append((op, text))
    return out


def _chars(count: int) -> list[str]:
    """The first ``count`` private-use characters, one per distinct token (the lines-to-chars idea for words)."""
    out: list[str] = []
    for start, end in _PRIVATE_RANGES:
        if len(out) >= count:
            break
        out.extend(map(chr, range(start, min(end + 1, start + count - len(out)))))
    return out

"""Word-level diff: diff-match-patch run over token characters, so no operation splits a word or a number."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from difflib import SequenceMatcher

from diff_match_patch import diff_match_patch

from monitor.diff.tokens import fold_typography, tokenize

Op = tuple[str, str]
TIMEOUT = 2.0  # seconds; a diff that takes longer is reported as a whole-text replacement
REWRITE_PARAGRAPHS = 8  # a run of changed paragraphs this long on both sides is checked for a rewrite …
REWRITE_SHARED = 0.2  # … and is one when fewer than this share of its sentences survive
_OPS = {0: "=", -1: "-", 1: "+"}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_PRIVATE_RANGES = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))


def word_diff(old: str, new: str, *, timeout: float = TIMEOUT) -> list[Op]:
    """``[("=", "Other guests include "), ("-", "26"), ("+", "27"), …]``; "=" and "+" join to ``new``."""
    if old == new:
        return [("=", old)] if old else []
    if not old or not new:
        return [("-", old)] if old else [("+", new)]
    vocabulary: dict[str, str] = {}
    tokens: list[str] = []
    try:
        old_chars = _encode(tokenize(old), vocabulary, tokens)
        new_chars = _encode(tokenize(new), vocabulary, tokens)
    except OverflowError:
        return [("-", old), ("+", new)]
    dmp = diff_match_patch()
    dmp.Diff_Timeout = timeout
    started = time.monotonic()
    diffs = dmp.diff_main(old_chars, new_chars, False)
    if timeout and time.monotonic() - started >= timeout:
        return [("-", old), ("+", new)]
    dmp.diff_cleanupSemantic(diffs)
    return merge([(_OPS[op], "".join(tokens[_index(ch)] for ch in chars)) for op, chars in diffs])


def paragraph_diff(
    old: Sequence[str], new: Sequence[str], *, separator: str = "\n\n", timeout: float = TIMEOUT
) -> list[Op]:
    """``word_diff`` of the two joined texts, computed only inside the runs of paragraphs that differ.

    Paragraphs are matched whole first (the lines-to-chars idea one level up), so a long story with a few
    edits costs a few small word diffs; the ``timeout`` is shared by them all.
    """
    deadline = time.monotonic() + timeout
    ops: list[Op] = []
    old_started = new_started = False
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
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
            ops.extend(word_diff(old_block, new_block, timeout=max(deadline - time.monotonic(), 0.001)))
        else:
            ops.append(("-", old_block) if tag == "delete" else ("+", new_block))
    return merge(ops)


def _rewritten(old: Sequence[str], new: Sequence[str]) -> bool:
    """Many paragraphs on both sides and hardly a sentence in common: a different text, not an edit."""
    if len(old) < REWRITE_PARAGRAPHS or len(new) < REWRITE_PARAGRAPHS:
        return False
    a, b = _sentence_set(old), _sentence_set(new)
    return len(a & b) < REWRITE_SHARED * min(len(a), len(b))


def _sentence_set(paragraphs: Sequence[str]) -> set[str]:
    return {s for p in paragraphs for s in _SENTENCE_END.split(" ".join(fold_typography(p).split())) if s}


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


def _encode(parts: list[str], vocabulary: dict[str, str], tokens: list[str]) -> str:
    chars: list[str] = []
    for part in parts:
        char = vocabulary.get(part)
        if char is None:
            char = _char(len(tokens))
            vocabulary[part] = char
            tokens.append(part)
        chars.append(char)
    return "".join(chars)


def _char(index: int) -> str:
    for start, end in _PRIVATE_RANGES:
        if index <= end - start:
            return chr(start + index)
        index -= end - start + 1
    raise OverflowError("too many distinct tokens for the private-use planes")


def _index(char: str) -> int:
    code = ord(char)
    offset = 0
    for start, end in _PRIVATE_RANGES:
        if start <= code <= end:
            return offset + code - start
        offset += end - start + 1
    raise ValueError(f"not a token character: {char!r}")

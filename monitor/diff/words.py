"""Word-level diff: diff-match-patch run over token characters, so no operation splits a word or a number."""

from __future__ import annotations

import time

from diff_match_patch import diff_match_patch

from monitor.diff.tokens import tokenize

Op = tuple[str, str]
TIMEOUT = 2.0  # seconds; a diff that takes longer is reported as a whole-text replacement
_OPS = {0: "=", -1: "-", 1: "+"}
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

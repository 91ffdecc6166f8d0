"""Word diffs marked up for one target: elided unchanged runs, then paragraphs of marked, measured words.

``diff_segments`` cuts long unchanged runs to a few words either side of each edit; ``paragraphs`` turns
segments into paragraphs of words carrying each target's markers (ANSI codes, ``[-…-]``, ``~~…~~``, inline
styled spans), with their visible width so terminal output wraps right; ``wrap`` lays them out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

CONTEXT = 120  # characters of unchanged text kept on each side of an edit
_ELIDE_SLACK = 40  # an unchanged run is elided only when it saves at least this much


def diff_segments(ops: tuple[tuple[str, str], ...], context: int = CONTEXT) -> list[tuple[str, str]]:
    """``ops`` with long unchanged runs cut to ``context`` characters around the edits.

    An elision is the segment ``("…", "inline")`` (within a paragraph) or ``("…", "para")`` (across one).
    """
    out: list[tuple[str, str]] = []
    last = len(ops) - 1
    for i, (kind, text) in enumerate(ops):
        if kind != "=" or len(text) <= 2 * context + _ELIDE_SLACK:
            out.append((kind, text))
            continue
        head = _head(text, 2 * context if i == last == 0 else context) if i > 0 or last == 0 else ""
        tail = _tail(text, context) if i < last else ""
        middle = text[len(head) : len(text) - len(tail)]
        if head:
            out.append(("=", head))
        out.append(("…", "para" if "\n" in middle else "inline"))
        if tail:
            out.append(("=", tail))
    return out


def _head(text: str, size: int) -> str:
    cut = text[:size]
    if "\n" in cut:
        return cut[: cut.index("\n")]
    if not text[size : size + 1].isspace() and " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut


def _tail(text: str, size: int) -> str:
    cut = text[-size:]
    if "\n" in cut:
        return cut[cut.rindex("\n") + 1 :]
    if not text[-size - 1 : -size].isspace() and " " in cut:
        cut = cut[cut.index(" ") + 1 :]
    return cut


@dataclass(frozen=True)
class Markers:
    """How one target marks deleted/inserted runs and elisions."""

    open: dict[str, str]
    close: dict[str, str]
    escape: Callable[[str], str]
    visible: bool = True  # markers take up columns (False for ANSI codes)
    per_fragment: bool = False  # wrap each fragment, not whole runs (ANSI: safe across line wraps)
    elide: str = "…"


class _Builder:
    """Segments → paragraphs → words; a word is ``[text, visible_width]`` with its markers in place."""

    def __init__(self, m: Markers) -> None:
        self.m = m
        self.paras: list[list[list]] = [[]]
        self.open: str | None = None  # the run ("-" or "+") whose closing marker is still due
        self.word: list | None = None  # the word being built (None after a space)
        self.last: list | None = None  # the word that received the latest text

    def close(self) -> None:
        if self.open and self.last is not None:
            marker = self.m.close[self.open]
            self.last[0] += marker
            self.last[1] += len(marker) if self.m.visible else 0
        self.open = None

    def add(self, text: str, width: int) -> None:
        if self.word is None:
            self.word = [text, width]
            self.paras[-1].append(self.word)
        else:
            self.word[0] += text
            self.word[1] += width
        self.last = self.word

    def new_para(self) -> None:
        self.close()
        self.word = None
        if self.paras[-1]:
            self.paras.append([])

    def elide(self, where: str) -> None:
        m = self.m
        self.new_para() if where == "para" else self.close()
        self.word = None
        self.add(m.open.get("…", "") + m.escape(m.elide) + m.close.get("…", ""), len(m.elide))
        self.word = None
        if where == "para":
            self.new_para()

    def fragment(self, kind: str, piece: str) -> None:
        m = self.m
        body, width = m.escape(piece), len(piece)
        if m.per_fragment:
            if kind in "-+":
                body = m.open[kind] + body + m.close[kind]
        elif self.open != kind:
            self.close()
            if kind in "-+":
                body = m.open[kind] + body
                width += len(m.open[kind]) if m.visible else 0
                self.open = kind
        self.add(body, width)

    def space(self, kind: str, piece: str) -> None:
        if "\n" in piece:
            self.new_para()
            return
        if self.open and self.open != kind:
            self.close()
        self.word = None


def paragraphs(segments: list[tuple[str, str]], m: Markers) -> list[list[list]]:
    """The word-diff paragraphs of ``segments`` marked up for one target."""
    b = _Builder(m)
    for kind, text in segments:
        if kind == "…":
            b.elide(text)
            continue
        for piece in re.split(r"(\s+)", text):
            if piece.isspace():
                b.space(kind, piece)
            elif piece:
                b.fragment(kind, piece)
    b.close()
    return [p for p in b.paras if p]


def wrap(words: list[list], width: int, indent: str = "") -> list[str]:
    lines: list[str] = []
    line, used = "", 0
    for text, vis in words:
        if line and used + 1 + vis > width - len(indent):
            lines.append(indent + line)
            line, used = "", 0
        line, used = (f"{line} {text}", used + 1 + vis) if line else (text, vis)
    if line:
        lines.append(indent + line)
    return lines

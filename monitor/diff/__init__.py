"""The diff engine: word-level ops between two texts and the editor's summary between two articles."""

from __future__ import annotations

from monitor.diff.align import Alignment, align
from monitor.diff.entities import names
from monitor.diff.revert import Revert, mark_revert, reverted_to
from monitor.diff.summary import summarize
from monitor.diff.tokens import tokenize
from monitor.diff.words import Op, word_diff

__all__ = [
    "Alignment",
    "Op",
    "Revert",
    "align",
    "mark_revert",
    "names",
    "reverted_to",
    "summarize",
    "tokenize",
    "word_diff",
]

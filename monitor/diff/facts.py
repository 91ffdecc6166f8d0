"""Facts an editor cares about, read from the word diff: changed numbers, quotes, sentences."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from monitor.diff.align import ratio
from monitor.diff.tokens import numbers_in
from monitor.diff.words import Op
from monitor.models import NumberChange

_QUOTE = re.compile(r"“([^”]+)”|\"([^\"\n]+)\"|«\s*([^»]+?)\s*»")
_SENTENCE_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”\"’)]))\s+(?=[A-Z0-9“\"‘(])|\n+")
_CONTEXT_LIMIT = 240


def number_changes(ops: list[Op], new_text: str) -> list[NumberChange]:
    """Numbers a "-" op removed and the "+" op right after it replaced, each with its new sentence."""
    changes: list[NumberChange] = []
    position = 0  # offset in new_text
    for index, (op, text) in enumerate(ops):
        if op == "-" and index + 1 < len(ops) and ops[index + 1][0] == "+" and _comparable(text, ops[index + 1][1]):
            inserted = ops[index + 1][1]
            for old, new in _paired_numbers(numbers_in(text), numbers_in(inserted)):
                changes.append(NumberChange(old, new, sentence_at(new_text, position + inserted.find(new))))
        if op != "-":
            position += len(text)
    return changes


def _comparable(deleted: str, inserted: str) -> bool:
    """A short swap, or a longer passage that is recognisably the same one edited (not a rewrite)."""
    if len(deleted.split()) <= 3 and len(inserted.split()) <= 3:
        return True
    return ratio(deleted, inserted) >= 0.4


def _paired_numbers(old: list[str], new: list[str]) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace":
            pairs.extend(zip(old[i1:i2], new[j1:j2], strict=False))
    return pairs


def sentence_at(text: str, position: int) -> str:
    """The sentence of ``text`` around ``position``, trimmed to a readable length."""
    start = 0
    for match in _SENTENCE_SPLIT.finditer(text):
        if match.end() > position:
            return _trim(text[start : match.start()].strip())
        start = match.end()
    return _trim(text[start:].strip())


def _trim(sentence: str) -> str:
    return sentence if len(sentence) <= _CONTEXT_LIMIT else sentence[: _CONTEXT_LIMIT - 1].rstrip() + "…"


def quotes(text: str) -> list[str]:
    """Quoted passages of three words or more, each once, in order."""
    found: list[str] = []
    for match in _QUOTE.finditer(text):
        quote = " ".join(next(g for g in match.groups() if g is not None).split())
        if len(quote.split()) >= 3 and quote not in found:
            found.append(quote)
    return found


def sentences(paragraphs: tuple[str, ...]) -> list[str]:
    """The body split into sentences (paragraph ends are sentence ends)."""
    return [s.strip() for p in paragraphs for s in _SENTENCE_SPLIT.split(p) if s.strip()]


def numbers_differ(old_text: str, new_text: str) -> bool:
    """True when the two texts do not hold the same numbers the same number of times."""
    return sorted(numbers_in(old_text)) != sorted(numbers_in(new_text))

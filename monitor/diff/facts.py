"""Facts an editor cares about, read from the word diff: changed numbers, quotes, sentences."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from monitor.diff.align import ratio
from monitor.diff.tokens import MULTIPLIERS, NUMBER_WORDS, is_number, numbers_in, tokenize
from monitor.diff.words import Op
from monitor.models import NumberChange

_QUOTE = re.compile(r"“([^”]+)”|\"([^\"\n]+)\"|«\s*([^»]+?)\s*»")
_SENTENCE_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”\"’)]))\s+(?=[A-Z0-9“\"‘(])|\n+")
_CONTEXT_LIMIT = 240
_PASSAGE_LIMIT = 400  # words; longer replaced passages are not searched for changed numbers


def number_changes(ops: list[Op], new_text: str) -> list[NumberChange]:
    """Numbers a "-" op removed and the "+" op right after it replaced, each with its new sentence.

    A multiplier right after the edit belongs to the number: "two dozen → three dozen", "40 million → 45
    million", "a dozen → two dozen".
    """
    changes: list[NumberChange] = []
    position = 0  # offset in new_text
    for index, (op, text) in enumerate(ops):
        if op == "-" and index + 1 < len(ops) and ops[index + 1][0] == "+" and _comparable(text, ops[index + 1][1]):
            inserted = ops[index + 1][1]
            after = ops[index + 2][1] if index + 2 < len(ops) and ops[index + 2][0] == "=" else ""
            multiplier = _leading_multiplier(after)
            old_numbers, new_numbers = number_phrases(text, multiplier), number_phrases(inserted, multiplier)
            pairs = _paired_numbers(old_numbers, new_numbers)
            for k, (old, new) in enumerate(pairs):
                found = inserted.find(new)
                if (
                    multiplier
                    and k == len(pairs) - 1
                    and text.rstrip().endswith(old)
                    and inserted.rstrip().endswith(new)
                ):
                    old, new = f"{old} {multiplier}", f"{new} {multiplier}"
                changes.append(NumberChange(old, new, sentence_at(new_text, position + max(found, 0))))
        if op != "-":
            position += len(text)
    return changes


def number_phrases(text: str, multiplier: str = "") -> list[str]:
    """Numbers with their spelled parts joined: ``"two dozen"``, ``"40 million"``, ``"twenty five"``.

    With ``multiplier`` (the word right after ``text``), a trailing "a"/"an" counts: "a [dozen]".
    """
    tokens = tokenize(text)
    phrases: list[str] = []
    k = 0
    while k < len(tokens):
        if not is_number(tokens[k]):
            k += 1
            continue
        phrase = tokens[k]
        k += 1
        while k + 1 < len(tokens) and tokens[k] == " " and tokens[k + 1].lower() in NUMBER_WORDS:
            phrase += " " + tokens[k + 1]
            k += 2
        phrases.append(phrase)
    if multiplier and not phrases and text.strip().lower() in ("a", "an"):
        phrases.append(text.strip())
    return phrases


def _leading_multiplier(text: str) -> str:
    match = re.match(r" (\w+)", text)
    return match.group(1) if match and match.group(1).lower() in MULTIPLIERS else ""


def _comparable(deleted: str, inserted: str) -> bool:
    """A short swap, or a longer passage that is recognisably the same one edited (not a rewrite)."""
    old_words, new_words = len(deleted.split()), len(inserted.split())
    if old_words <= 3 and new_words <= 3:
        return True
    if max(old_words, new_words) > _PASSAGE_LIMIT:  # a whole-text replacement, not an edited passage
        return False
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

"""Facts an editor cares about, read from the word diff: changed numbers, quotes, sentences."""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher

from monitor.diff.align import ratio
from monitor.diff.tokens import MULTIPLIERS, NUMBER_WORDS, is_number, numbers_in, tokenize
from monitor.diff.units import with_units
from monitor.diff.words import Op
from monitor.models import NumberChange

_QUOTE_OPENERS = ("“", '"', "«")
_QUOTE = re.compile(r"“([^”]+)”|\"([^\"\n]+)\"|«\s*([^»]+?)\s*»")
_SENTENCE_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”\"’)]))\s+(?=[A-Z0-9“\"‘(])|\n+")
# The same boundaries as _SENTENCE_SPLIT within one line, found without a look-behind at every character.
_SENTENCE_END = re.compile(r"([.!?][”\"’)]?)\s+(?=[A-Z0-9“\"‘(])")
_CONTEXT_LIMIT = 240
QUOTE_EDIT = 0.5  # word ratio at or above which a removed and an added quote are one quote, reworded
_QUOTE_PAIRS = 400
_PASSAGE_LIMIT = 400  # words; longer replaced passages are not searched for changed numbers


def number_changes(ops: list[Op], new_text: str) -> list[NumberChange]:
    """Numbers a "-" op removed and the "+" op right after it replaced, each with its new sentence.

    A multiplier right after the edit belongs to the number: "two dozen → three dozen", "40 million → 45
    million", "a dozen → two dozen"; so do a currency sign before it and a percent sign or unit after it:
    "$26 million → $27 million", "12% → 15%", "3 km → 5 km".
    """
    changes: list[NumberChange] = []
    position = 0  # offset in new_text
    for index, (op, text) in enumerate(ops):
        if op == "-" and index + 1 < len(ops) and ops[index + 1][0] == "+" and _comparable(text, ops[index + 1][1]):
            inserted = ops[index + 1][1]
            before = ops[index - 1][1] if index and ops[index - 1][0] == "=" else ""
            after = ops[index + 2][1] if index + 2 < len(ops) and ops[index + 2][0] == "=" else ""
            multiplier = _leading_multiplier(after)
            old_numbers, new_numbers = number_phrases(text, multiplier), number_phrases(inserted, multiplier)
            pairs = _paired_numbers(old_numbers, new_numbers)
            old_at = new_at = 0
            for k, (old, new) in enumerate(pairs):
                old_at, new_at = max(text.find(old, old_at), 0), max(inserted.find(new, new_at), 0)
                old_end, new_end = old_at + len(old), new_at + len(new)
                rest = after
                if (
                    multiplier
                    and k == len(pairs) - 1
                    and text.rstrip().endswith(old)
                    and inserted.rstrip().endswith(new)
                ):
                    old, new = f"{old} {multiplier}", f"{new} {multiplier}"
                    rest = after[len(multiplier) + 1 :]
                old = with_units(old, before + text[:old_at], text[old_end:] + rest)
                new = with_units(new, before + inserted[:new_at], inserted[new_end:] + rest)
                changes.append(NumberChange(old, new, sentence_at(new_text, position + new_at)))
                old_at, new_at = old_end, new_end
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
    if not any(mark in text for mark in _QUOTE_OPENERS):  # each a fast single-character search
        return []
    found: list[str] = []
    for match in _QUOTE.finditer(text):
        quote = " ".join(next(g for g in match.groups() if g is not None).split())
        if len(quote.split()) >= 3 and quote not in found:
            found.append(quote)
    return found


_NAME = r"[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|da|al|bin))*"
_VERB = r"(?:said|says|told|added|adds|asked|explained|wrote|warned|insisted|argued)"
_PRONOUNS = ("He", "She", "They", "It", "We", "I", "You", "The", "This", "That", "A", "An", "On", "In", "At")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Today", "Yesterday")
_NOT_NAMES = frozenset(_PRONOUNS + _DAYS)
# “…,” said Oona Brask · “…,” Oona Brask said / told reporters · Oona Brask said: “…”
_AFTER_INVERTED = re.compile(rf"^[\s,]*{_VERB}\s+({_NAME})")
_AFTER_NAMED = re.compile(rf"^[\s,]*({_NAME})\s+{_VERB}\b")
_BEFORE_NAMED = re.compile(rf"({_NAME})\s+{_VERB}[,:]?\s*$")


def quote_speaker(quote: str, text: str) -> str | None:
    """Who the sentence around ``quote`` says said it ("…,” said Oona Brask" → ``Oona Brask``), or None when it
    names nobody (a pronoun, "the mayor") or the quote is not found in ``text``."""
    flat = " ".join(text.split())
    at = flat.find(quote)
    if at == -1:
        return None
    end = at + len(quote)
    after = flat[end : end + 120].lstrip('”"»’ ')
    before = flat[max(0, at - 120) : at].rstrip('“"« ')
    for pattern, where in ((_AFTER_INVERTED, after), (_AFTER_NAMED, after), (_BEFORE_NAMED, before)):
        match = pattern.search(where)
        if match:
            name = re.sub(r"[.,;:]+$", "", match.group(1)).strip()
            possessive = re.search(r"['’]s\b", name)  # "said Varga’s spokesman": not Varga
            if name.split()[0] not in _NOT_NAMES and not possessive:
                return name
    return None


def edited_quotes(added: list[str], removed: list[str]) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """Quotes that were reworded rather than added or removed: ``(added, removed, [(old, new), …])``.

    A removed quote and an added one that share most of their words (word ratio at least ``QUOTE_EDIT``)
    are one quote, edited; the most similar pairs are taken first.
    """
    if len(added) * len(removed) > _QUOTE_PAIRS:  # a rewrite, not a reworded quote or two
        return added, removed, []
    scored = sorted(
        (
            (score, i, j)
            for i, old in enumerate(removed)
            for j, new in enumerate(added)
            if (score := ratio(old, new)) >= QUOTE_EDIT
        ),
        reverse=True,
    )
    pairs: dict[int, int] = {}
    for _, i, j in scored:
        if i not in pairs and j not in pairs.values():
            pairs[i] = j
    edited = [(removed[i], added[j]) for i, j in sorted(pairs.items())]
    taken = set(pairs.values())
    return (
        [q for j, q in enumerate(added) if j not in taken],
        [q for i, q in enumerate(removed) if i not in pairs],
        edited,
    )


def sentences(paragraphs: tuple[str, ...]) -> list[str]:
    """The body split into sentences (paragraph and line ends are sentence ends)."""
    out: list[str] = []
    for paragraph in paragraphs:
        for line in paragraph.split("\n"):
            start = 0
            for match in _SENTENCE_END.finditer(line):
                out.append(line[start : match.end(1)].strip())
                start = match.end()
            out.append(line[start:].strip())
    return [s for s in out if s]


def numbers_differ(old_text: str, new_text: str) -> bool:
    """True when the two texts do not hold the same numbers the same number of times."""
    return sorted(numbers_in(old_text)) != sorted(numbers_in(new_text))


def numbers_moved(ops: Iterable[Op]) -> bool:
    """``numbers_differ`` of the two texts the ops rebuild, read only from what the ops deleted and inserted.

    The ops fall on token boundaries, so the kept text holds the same numbers on both sides.
    """
    deleted = [n for op, text in ops if op == "-" for n in numbers_in(text)]
    inserted = [n for op, text in ops if op == "+" for n in numbers_in(text)]
    return sorted(deleted) != sorted(inserted)

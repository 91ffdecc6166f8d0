"""Split text into word-level tokens (words, numbers, whitespace runs, punctuation) that join back exactly."""

from __future__ import annotations

import re

# A word or number keeps inner apostrophes, hyphens, separators: "Pakistan's", "al-Sharif", "1,200", "3.5".
TOKEN = re.compile(r"\w+(?:[-'’.,:/]\w+)*|\s+|[^\w\s]", re.UNICODE)
WORD_OR_MARK = re.compile(r"\w+(?:[-'’.,:/]\w+)*|[^\w\s]", re.UNICODE)  # TOKEN's tokens but the spaces
_SMALL_NUMBERS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand "
    "million billion trillion dozen dozens hundreds thousands millions billions"
)
NUMBER_WORDS = frozenset(_SMALL_NUMBERS.split())
MULTIPLIERS = frozenset(["dozen", "hundred", "thousand", "million", "billion", "trillion"])
_DIGIT_NUMBER = re.compile(r"^\d[\d,.:/]*\d$|^\d$")
_TYPOGRAPHY = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "…": "...",
        "\u00a0": " ",
    }
)


def tokenize(text: str) -> list[str]:
    """Tokens whose concatenation is ``text``, character for character."""
    return TOKEN.findall(text)


def is_word(token: str) -> bool:
    return bool(token) and (token[0].isalnum() or token[0] == "_")


def is_number(token: str) -> bool:
    """``"27"``, ``"1,200"``, ``"3.5"``, a spelled-out number (``"twelve"``, ``"twenty-five"``,
    ``"seven-month"``), or a word holding digits (``"14th"``, ``"42-year-old"``, ``"9h05"``, ``"U-19"``):
    changing it changes a fact."""
    return (
        bool(_DIGIT_NUMBER.match(token))
        or token.lower() in NUMBER_WORDS
        or (is_word(token) and any(ch.isdigit() for ch in token))
        or ("-" in token and any(part in NUMBER_WORDS for part in token.lower().split("-")))
    )


def numbers_in(text: str) -> list[str]:
    return [token for token in tokenize(text) if is_number(token)]


def fold_typography(text: str) -> str:
    """Curly quotes, dashes and ellipses as their plain forms (only for judging, never for storing)."""
    return text.translate(_TYPOGRAPHY)

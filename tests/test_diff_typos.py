"""Which one-word fixes are typos (cosmetic) and which are wording: the pairs behind the diff cases' grades."""

from __future__ import annotations

import pytest

from monitor.diff.significance import is_cosmetic

TYPOS = [
    ("goverment", "government"),  # a letter dropped inside the word
    ("recieve", "receive"),  # letters transposed
    ("teh", "the"),
    ("hte", "the"),
    ("untill", "until"),  # a doubled letter
    ("occured", "occurred"),
    ("tommorow", "tomorrow"),  # one letter undoubled, another doubled
    ("dissapoint", "disappoint"),
    ("seperately", "separately"),  # one vowel for another inside a long word
    ("valmora", "Valmora"),  # a capital letter
]
WORDING = [
    ("legal", "illegal"),  # one word inside the other: a negating prefix …
    ("able", "unable"),
    ("agree", "disagree"),
    ("binding", "non-binding"),
    ("typical", "atypical"),
    ("leader", "leaders"),  # … or any affix
    ("not", "now"),  # a negation word
    ("no", "on"),
    ("ever", "never"),
    ("can", "can't"),
    ("did", "didn't"),
    ("increase", "decrease"),  # another first letter
    ("include", "exclude"),
    ("maximum", "minimum"),
    ("rises", "risen"),  # one consonant for another
    ("him", "his"),
    ("26", "27"),  # a number is never a typo
    ("twelve", "twenty"),
]


@pytest.mark.parametrize(("old", "new"), TYPOS)
def test_a_misspelling_fixed_is_cosmetic(old: str, new: str) -> None:
    assert is_cosmetic([("=", "The "), ("-", old), ("+", new), ("=", " story.")])


@pytest.mark.parametrize(("old", "new"), WORDING)
def test_a_word_changed_for_another_is_wording(old: str, new: str) -> None:
    assert not is_cosmetic([("=", "The "), ("-", old), ("+", new), ("=", " story.")])
    assert not is_cosmetic([("=", "The "), ("-", new), ("+", old), ("=", " story.")])

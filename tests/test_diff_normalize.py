"""normalized_text / text_hash: whitespace never matters, words, numbers and typography always do."""

from __future__ import annotations

import random

from monitor.diff.summary import _paragraphs
from monitor.models import Article, Note
from monitor.normalize import collapse, normalized_text, text_hash

BASE = Article(
    url="https://news.example.org/s",
    headline="Ferry fares frozen",
    authors=("Colm Adeyemi",),
    body=("Fares stay at 12 pounds.", "The operator’s review is due in May."),
    notes=(Note("update", "This story has been updated."),),
)


def _hash(article: Article) -> str:
    return text_hash(normalized_text(article))


def test_layout_is_labelled_one_paragraph_per_line() -> None:
    assert normalized_text(BASE) == (
        "# headline\nFerry fares frozen\n# byline\nColm Adeyemi\n# body\nFares stay at 12 pounds.\n"
        "The operator’s review is due in May.\n# notes\n[update] This story has been updated.\n"
    )


def test_whitespace_and_unicode_composition_do_not_change_the_hash() -> None:
    spaced = Article(
        url="https://other.example.org/moved",  # the URL is not part of the story text
        headline="  Ferry   fares\nfrozen ",
        authors=("Colm Adeyemi",),
        body=("Fares stay at 12\u00a0pounds. ", "", "The operator’s review is due in May."),
        notes=BASE.notes,
    )
    assert _hash(spaced) == _hash(BASE)
    composed = Article(url="u", headline="Caf\u00e9 closes")
    decomposed = Article(url="u", headline="Cafe\u0301 closes")
    assert _hash(composed) == _hash(decomposed)


def test_numbers_words_and_typography_change_the_hash() -> None:
    number = Article(**{**BASE.__dict__, "body": ("Fares stay at 13 pounds.", BASE.body[1])})
    quote = Article(**{**BASE.__dict__, "body": (BASE.body[0], "The operator's review is due in May.")})
    note = Article(**{**BASE.__dict__, "notes": ()})
    assert len({_hash(BASE), _hash(number), _hash(quote), _hash(note)}) == 4
    assert len(_hash(BASE)) == 64


def test_summary_paragraphs_are_the_collapsed_paragraphs() -> None:
    """The summary skips ``collapse`` for tidy bodies; what it reads must be exactly the collapsed text."""
    pieces = ["a", "Zb", " ", "  ", "\n", "\t", "\xa0", "\u0301", "e\u0301", "é", "\u1100", "\u1161", "\u200b", ""]
    rng = random.Random(5)
    for _ in range(3000):
        body = tuple("".join(rng.choice(pieces) for _ in range(rng.randint(0, 5))) for _ in range(rng.randint(0, 4)))
        expected = tuple(text for text in (collapse(p) for p in body) if text)
        assert _paragraphs(Article(url="https://news.example.org/s", body=body)) == expected, body

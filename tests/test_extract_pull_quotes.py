"""A pull quote (a sentence of the story set large in a box beside the text) is no paragraph of its own: the
story's sentence is read once. A quotation the story does not give elsewhere stays a paragraph."""

from __future__ import annotations

import pytest
from lxml import html

from monitor.extractors import extract
from monitor.extractors.body import paragraphs_of

HEADLINE = "Orchard growers count the cost of a late frost"
QUOTE = "You can stand there with the burners going all night and still lose it"
PARAGRAPHS = (
    "Apple growers across the Tarrow valley say a single night of frost last week may have cost them half this "
    "year's crop.",
    "Temperatures fell to minus four degrees in the early hours of Thursday, just as most orchards were in full "
    "blossom.",
    f"\u201c{QUOTE},\u201d said Petra Vance, who farms forty acres near Ollerby.",
    "The growers' cooperative has asked the county for emergency help with loans, and a decision is expected next "
    "month.",
    "Vance said she would not know the full damage until the fruit set in June.",
)
LETTER = (
    "The cooperative regrets that it cannot guarantee any member a minimum price for the 2026 harvest, and asks "
    "growers to plan accordingly."
)
PULL_QUOTES = {
    "blockquote": f"<blockquote class='pullquote'><p>\u201c{QUOTE}.\u201d</p></blockquote>",
    "blockquote-cite": f"<blockquote class='wp-block-pullquote'><p>{QUOTE}</p><cite>Petra Vance</cite></blockquote>",
    "aside": f"<aside class='pull-quote'><p>{QUOTE}</p><cite>Petra Vance, grower</cite></aside>",
    "figure": (
        f"<figure class='pull-quote'><blockquote>\u201c{QUOTE}\u201d</blockquote>"
        "<figcaption>\u2014 Petra Vance</figcaption></figure>"
    ),
}


def _page(pull: str, where: int, *, letter: bool) -> str:
    blocks = [f"<p>{p}</p>" for p in PARAGRAPHS]
    blocks.insert(where, pull)
    if letter:
        blocks.insert(
            -1, f"<p>In a letter to members on Monday, the board wrote:</p><blockquote><p>{LETTER}</p></blockquote>"
        )
    return (
        f"<html><head><title>{HEADLINE}</title></head><body><nav><a href='/'>Home</a></nav><article>"
        f"<h1>{HEADLINE}</h1><p class='byline'>By Idris Calloway</p><div class='entry-content'>{''.join(blocks)}"
        "</div></article><footer>© Tarrow Times</footer></body></html>"
    )


@pytest.mark.parametrize("letter", [False, True], ids=["", "with-letter"])
@pytest.mark.parametrize("where", [2, 3], ids=["before", "after"])
@pytest.mark.parametrize("kind", sorted(PULL_QUOTES))
def test_a_pull_quote_is_read_once(kind: str, where: int, letter: bool) -> None:
    article = extract(_page(PULL_QUOTES[kind], where, letter=letter), "https://tarrowtimes.example/news/frost")
    expected = list(PARAGRAPHS)
    if letter:
        expected[-1:-1] = ["In a letter to members on Monday, the board wrote:", LETTER]
    assert list(article.body) == expected


def test_a_rules_container_leaves_a_pull_quote_box_out() -> None:
    """A site rule's container holding a pull quote in an <aside>: the sentence is read once. A quotation given
    nowhere else stays, and so do a subheading and a paragraph the story repeats (only a quotation's or a box's
    text is taken for a pull quote)."""
    container = html.fragment_fromstring(
        f"<div><h2>{QUOTE}</h2><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[2]}</p><aside class='pull'><p>{QUOTE}</p></aside>"
        f"<blockquote><p>{LETTER}</p></blockquote><p>{PARAGRAPHS[0]}</p></div>"
    )
    assert paragraphs_of([container]) == (QUOTE, PARAGRAPHS[0], PARAGRAPHS[2], LETTER, PARAGRAPHS[0])


def test_a_quotation_that_ends_the_story_stays() -> None:
    """A quotation after the story's last paragraph repeats a line on purpose (the story ends on it): it stays."""
    page = _page(f"<blockquote><p>\u201c{QUOTE}.\u201d</p></blockquote>", len(PARAGRAPHS), letter=False)
    article = extract(page, "https://tarrowtimes.example/news/frost")
    assert list(article.body) == [*PARAGRAPHS, f"\u201c{QUOTE}.\u201d"]


def test_a_quotation_that_differs_from_the_story_by_a_few_words_stays() -> None:
    """A longer quotation that only shares most of its words with a paragraph (a later version of the words, a
    correction) is no pull quote: removing it would hide the edit."""
    said = (
        "Growers in the valley have lost crops to frost before, but never this late in the spring and never "
        "across every orchard at once, and some of the smaller farms will not survive it"
    )
    edited = said.replace("smaller farms", "smaller orchards")
    paragraphs = (*PARAGRAPHS[:2], f"Vance said: \u201c{said}.\u201d", *PARAGRAPHS[3:])
    blocks = [f"<p>{p}</p>" for p in paragraphs]
    blocks.insert(3, f"<blockquote><p>{edited}</p></blockquote>")
    page = (
        f"<html><head><title>{HEADLINE}</title></head><body><article><h1>{HEADLINE}</h1>"
        f"<div class='entry-content'>{''.join(blocks)}</div></article></body></html>"
    )
    article = extract(page, "https://tarrowtimes.example/news/frost")
    assert list(article.body) == [*paragraphs[:3], edited, *paragraphs[3:]]

"""Fresh-eyes review of round 17's rules, with invented pages: an ``<h1>`` whose first element writes its kicker
with the colon that joins it to the headline shows one line, and that line is the headline; an article's
``<address>`` that gives the newsroom's post address names no author, nor does a line below the ``<h1>`` whose
class only mentions an author ("author-tools", "writer-picks")."""

from __future__ import annotations

import json

import pytest

from monitor.extractors import extract

URL = "https://tarnledger.example/culture/2026/12/quiet-harbour"
STORY = (
    "The film follows a lighthouse keeper through one long winter on the northern cape, and it takes its "
    "time doing so, which turns out to be its great strength.",
    "The lead gives a careful and quiet performance that rewards the patience of anyone willing to sit "
    "through the long silences of the second hour.",
)


def _page(h1: str, named: str) -> str:
    ld = json.dumps({"@type": "NewsArticle", "headline": named})
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY)
    return (
        f"<html lang='en'><head><meta charset='utf-8'><title>{named} - Tarn Ledger</title>"
        f"<meta property='og:title' content='{named}'><script type='application/ld+json'>{ld}</script></head>"
        f"<body><main><article><header>{h1}</header>{paragraphs}</article></main></body></html>"
    )


@pytest.mark.parametrize(
    ("h1", "named"),
    [
        (
            "<h1><span>Review:</span> <span>The Quiet Harbour is a slow and lovely film</span></h1>",
            "Review: The Quiet Harbour is a slow and lovely film",
        ),
        (
            "<h1><b>Budget:</b><span>council agrees a new harbour levy</span></h1>",
            "Budget: council agrees a new harbour levy",
        ),
    ],
)
def test_a_kicker_element_that_writes_its_own_colon_stays_in_the_headline(h1: str, named: str) -> None:
    assert extract(_page(h1, named), URL).headline == named


def _byline_page(above: str, below: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY)
    return (
        "<html lang='en'><head><meta charset='utf-8'><title>Lighthouse film wins the harbour prize</title></head>"
        f"<body><article><h1>Lighthouse film wins the harbour prize</h1>{above}{paragraphs}{below}</article>"
        "</body></html>"
    )


@pytest.mark.parametrize(
    ("above", "below"),
    [
        ("", "<address>Harbour House<br>12 Quay Street<br>Wrenfield WR1 2AB</address>"),
        ("", "<footer><address>Tarn Ledger Newsroom<br>Harbour House, Wrenfield</address></footer>"),
        ("", "<address>Tarn Ledger Newsroom<br>Harbour House, Wrenfield</address>"),
        ("<div class='writer-picks'>Top Stories</div>", ""),
        ("<div class='author-tools'>Share Story</div>", ""),
    ],
)
def test_a_post_address_or_a_toolbar_below_the_headline_names_no_author(above: str, below: str) -> None:
    assert extract(_byline_page(above, below), URL).authors == ()


@pytest.mark.parametrize(
    "above",
    [
        "<address>Ines Varga at Kettering Road</address>",
        "<div class='author-box'>Ines Varga</div>",
        "<div class='articleAuthorName'>Ines Varga</div>",
        "<p class='deck'>The lighthouse film beat eleven others to the prize, the first win for a local studio in "
        "thirty years of the festival.</p><address>Ines Varga at Kettering Road</address>",
    ],
)
def test_an_address_byline_and_an_author_box_above_the_story_still_name_the_author(above: str) -> None:
    assert extract(_byline_page(above), URL).authors == ("Ines Varga",)


def test_a_byline_components_shared_job_below_two_names_is_no_third_author() -> None:
    block = (
        "<div data-component='byline-block'><div><span>By </span><a href='/by/ines'>Ines Varga</a>, "
        "<a href='/by/tobiah'>Tobiah Wren</a></div><div>Transport correspondents</div></div>"
    )
    assert extract(_byline_page(block), URL).authors == ("Ines Varga", "Tobiah Wren")


@pytest.mark.parametrize(
    ("block", "authors"),
    [
        (
            "<div data-component='byline'><span>Ines Varga</span><span>Tobiah Wren</span></div>",
            ("Ines Varga", "Tobiah Wren"),
        ),
        (
            "<div class='byline'><a href='/a'>Ines Varga</a><a href='/b'>Tobiah Wren</a></div>",
            ("Ines Varga", "Tobiah Wren"),
        ),
        ("<div class='byline'><span>Ana María</span> <span>Ruiz López</span></div>", ("Ana María Ruiz López",)),
    ],
)
def test_names_a_byline_sets_in_elements_of_their_own_with_nothing_between_are_two_people(
    block: str, authors: tuple[str, ...]
) -> None:
    assert extract(_byline_page(block), URL).authors == authors


def test_an_edit_to_a_byline_components_second_name_is_read_past_the_gate() -> None:
    block = "<div data-component='byline'><span>Ines Varga</span><span>{}</span></div>"
    first = extract(_byline_page(block.format("Tobiah Wren")), URL)
    assert first.extractor.get("gate")
    again = extract(_byline_page(block.format("Mira Holt")), URL, sealed=first.extractor["gate"])
    assert again.authors == ("Ines Varga", "Mira Holt")

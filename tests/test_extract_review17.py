"""Fresh-eyes review of round 17's headline rules, with invented pages: an ``<h1>`` whose first element writes
its kicker with the colon that joins it to the headline shows one line, and that line is the headline."""

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

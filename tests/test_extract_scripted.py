"""A script-built page whose story is only in its script data, as HTML: read from there, not refused.

An app page may show no story text in its HTML and carry the article as an HTML string in the state its scripts
hydrate from. Refusing it leaves the story untracked; reading any HTML in its scripts could take a teaser or a
notice for it. So the script data is read only when the page would otherwise be refused, only an HTML string with
paragraphs is taken, and only one that holds the page's own headline's words. Such a read is never sealed by
the gate (the digest leaves scripts out), and the doubt is recorded.
"""

from __future__ import annotations

import json

import pytest

from monitor.errors import ExtractionError
from monitor.extractors import SCRIPT_LAYER, extract

URL = "https://saltmarshpost.example/story/lighthouse-keepers-cottage"
HEADLINE = "Lighthouse keeper's cottage to become a sea museum"
STORY = (
    "<p>The old lighthouse keeper's cottage on the north mole will become a small sea museum, the harbour trust "
    "said on Tuesday.</p><figure><img src='c.jpg'><figcaption><p>The cottage in 1931.</p></figcaption></figure>"
    "<h3>Opening next spring</h3><p>Volunteers will restore the two rooms over the winter, and the museum is "
    "to open next spring with the lamp's old lens as its centrepiece.</p><p>Entry will be free for children "
    "under twelve, a trust spokesman said.</p>"
)
PARAGRAPHS = (
    "The old lighthouse keeper's cottage on the north mole will become a small sea museum, the harbour trust said "
    "on Tuesday.",
    "Opening next spring",
    "Volunteers will restore the two rooms over the winter, and the museum is to open next spring with the lamp's "
    "old lens as its centrepiece.",
    "Entry will be free for children under twelve, a trust spokesman said.",
)
TEASER = (
    "<p>Ferry fares rise by five per cent from May, the operator said.</p>"
    "<p>Season tickets keep their price until the end of the year.</p>" * 3
)


def _page(script: str, *, shown: str = "") -> str:
    return (
        f"<html><head><title>{HEADLINE} | Saltmarsh Post</title>"
        '<script src="/_next/static/chunks/main-3f2a.js" async></script></head>'
        f'<body><div id="__next">{shown}</div>{script}</body></html>'
    )


def _flight(html: str) -> str:
    """A React Server Components text chunk: the HTML as one JavaScript string."""
    return f"<script>self.__next_f.push([1,{json.dumps(html)}])</script>"


def _nested(html: str) -> str:
    """App state written as a string of JSON inside a script: the HTML is a string within a string."""
    state = json.dumps({"article": {"title": HEADLINE, "contentHtml": html}})
    return f"<script>window.__APP_STATE__ = JSON.parse({json.dumps(state)});</script>"


def _next_data(html: str) -> str:
    data = json.dumps({"props": {"pageProps": {"story": {"title": HEADLINE, "bodyHtml": html}}}})
    return f'<script id="__NEXT_DATA__" type="application/json">{data}</script>'


@pytest.mark.parametrize("script", [_flight, _nested, _next_data], ids=["flight", "nested", "next-data"])
def test_a_script_built_page_is_read_from_the_html_in_its_script_data(script) -> None:
    article = extract(_page(script(STORY)), URL)
    assert article.body == PARAGRAPHS  # the caption is no paragraph of the story, as on any page
    assert article.extractor["layers"]["body"] == SCRIPT_LAYER
    assert "script data" in article.extractor["doubt"]
    assert "gate" not in article.extractor  # the digest leaves scripts out: never sealed, always read in full


def test_the_story_is_the_fragment_with_the_headline_not_a_longer_teaser() -> None:
    script = _flight(TEASER * 3) + _flight(STORY)
    assert extract(_page(script), URL).body == PARAGRAPHS


def test_html_without_the_headline_in_it_is_not_taken_for_the_story() -> None:
    with pytest.raises(ExtractionError, match="build its text with JavaScript"):
        extract(_page(_flight(TEASER * 3)), URL)


def test_a_page_showing_its_story_is_never_read_from_its_scripts() -> None:
    shown = "".join(
        f"<p>{n}. The harbour trust met on Tuesday and agreed the plans for the north mole.</p>" for n in range(4)
    )
    article = extract(_page(_flight(STORY), shown=f"<article><h1>{HEADLINE}</h1>{shown}</article>"), URL)
    assert article.extractor["layers"]["body"] != SCRIPT_LAYER
    assert not any("lighthouse" in paragraph for paragraph in article.body)

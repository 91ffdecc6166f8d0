"""JSON-LD ``articleBody`` as the page's text reads: a Markdown body's markup is no part of the story."""

from __future__ import annotations

import json

from monitor.extractors.document import parse
from monitor.extractors.jsonld import read_jsonld


def _body(text: str) -> tuple[str, ...]:
    data = {"@type": "NewsArticle", "headline": "Quay lights", "articleBody": text}
    page = f'<html><head><script type="application/ld+json">{json.dumps(data)}</script></head><body></body></html>'
    return read_jsonld(parse(page)).get("body", ())


def test_a_markdown_body_loses_its_attribute_lists_and_break_lines() -> None:
    """A CMS that stores its stories as kramdown writes a span's style after it ("*NASA*{: .small}") and a
    section break or a drop cap's style on a line of its own ("+++", "+++dropcap"): the page shows none of it."""
    text = (
        "+++dropcap\n\nThe *HARBOUR*{: .small} board met on Monday.\n\n+++\n\n"
        "It asked the [council](https://example.org/council) for new lights{: .caption}."
    )
    assert _body(text) == ("The HARBOUR board met on Monday.", "It asked the council for new lights.")


def test_braces_in_story_text_stay() -> None:
    assert _body("The score was {3: 1} at the break.") == ("The score was {3: 1} at the break.",)

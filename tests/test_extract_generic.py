"""The generic read: trafilatura's fast read is kept when its full cascade could not change it.

trafilatura's later stages (a rescue from the page's whole text, a recall retry, justext, a second opinion from
its readability port) engage only on short, oddly shaped or unclean reads; ``_settled`` says when a fast read
is none of these, and such a page gets the same paragraphs as from the full cascade, a third cheaper.
"""

from __future__ import annotations

import pytest
from lxml import etree, html

from monitor.extractors import body

SENTENCE = "The harbour board published the new timetable for the quays on Monday morning, after a long wait. "


def _xml(inner: str) -> etree._Element:
    return etree.fromstring(f"<body>{inner}</body>")


@pytest.mark.parametrize(
    ("inner", "settled"),
    [
        (f"<p>{SENTENCE * 20}</p><p>{SENTENCE * 20}</p>", True),
        (f"<p>{SENTENCE * 5}</p>", False),  # short: the cascade may rescue or retry it
        (f"<p>{SENTENCE * 40}</p><figure><p>caption</p></figure>", False),  # unclean: justext may take over
        (f"<list><item>{SENTENCE * 40}</item></list>", False),  # no paragraph: the cascade may prefer another
        (f"<p>{SENTENCE * 40}</p><table><row/></table><table><row/></table>", False),  # table-shaped
    ],
)
def test_settled(inner: str, settled: bool) -> None:
    assert body._settled(_xml(inner)) is settled


def _page(paragraphs: int) -> str:
    story = "".join(f"<p>{n}. {SENTENCE * 3}</p>" for n in range(paragraphs))
    return (
        "<html><head><title>Timetable</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Timetable</h1>{story}</article><footer>© Harbourside</footer></body></html>"
    )


@pytest.mark.parametrize("paragraphs", [2, 12])
def test_the_fast_read_gives_what_the_full_cascade_gives(paragraphs: int) -> None:
    url = "https://harbourside.example.net/news/timetable"
    fast = body.generic_body(html.document_fromstring(_page(paragraphs)), url)
    full = body._bare(html.document_fromstring(_page(paragraphs)), url)
    assert full is not None
    assert [p for p in fast] == [" ".join("".join(p.itertext()).split()) for p in full.iter("p")]
    assert len(fast) == paragraphs


def test_wordless_paragraphs_are_no_paragraphs() -> None:
    assert body._keep([", , , ,", "* * *", "—", "The quay reopens.", "The quay reopens.", "Advertisement"]) == (
        "The quay reopens.",
    )

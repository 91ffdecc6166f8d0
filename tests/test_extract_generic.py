"""The generic read: trafilatura's fast read is kept when its full cascade could not change it.

trafilatura's later stages (a rescue from the page's whole text, a recall retry, justext, a second opinion from
its readability port) engage only on short, oddly shaped or unclean reads; ``_settled`` says when a fast read
is none of these, and such a page gets the same paragraphs as from the full cascade, a third cheaper.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from lxml import etree, html

from monitor.extractors import body, extract, generic, story_body
from monitor.extractors.document import parse

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
    page = html.document_fromstring(f"<html><body><nav>{'<a href=/>Home</a> ' * 300}</nav></body></html>")
    assert body._settled(_xml(inner), page) is settled


def test_a_shorter_read_is_settled_when_it_is_much_of_the_page() -> None:
    """Between 1,000 and 3,000 characters trafilatura retries for recall only when the read holds under a fifth
    of the page's text: a read that is most of its page is settled, one lost among long menus is not."""
    read = _xml(f"<p>{SENTENCE * 15}</p>")  # about 1,450 characters
    alone = html.document_fromstring(f"<html><body><article><p>{SENTENCE * 15}</p></article></body></html>")
    menus = html.document_fromstring(f"<html><body><nav>{'<a href=/>Home page</a> ' * 1500}</nav></body></html>")
    assert body._settled(read, alone)
    assert not body._settled(read, menus)


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
    settled = body._bare(html.document_fromstring(_page(paragraphs)), url, fast=True)
    page = html.document_fromstring(_page(paragraphs))
    assert settled is not None and body._settled(settled, page) is (paragraphs == 12)  # the fast read is kept


def test_wordless_paragraphs_are_no_paragraphs() -> None:
    assert body._keep([", , , ,", "* * *", "—", "The quay reopens.", "The quay reopens.", "Advertisement"]) == (
        "The quay reopens.",
    )


STUB = "<p>Two people were hurt when a bus hit a wall in Rowley on Tuesday.</p><p>The road was closed.</p>"
OTHER = "".join(
    f"<p>The council met on day {n} to discuss plans for the new library on the high street.</p>" for n in range(8)
)
MORE = "".join(
    f"<p>Witness {n} said the driver, who was not hurt, told police the brakes had failed on the hill.</p>"
    for n in range(6)
)


def _read(cleaned: str, intact: str) -> story_body.BodyRead:
    tree = html.document_fromstring(f"<html><body><article><h1>Bus hits wall</h1>{cleaned}</article></body></html>")
    page = html.document_fromstring(f"<html><body><article><h1>Bus hits wall</h1>{intact}</article></body></html>")
    return story_body.read_body(tree, "https://rowley.example.org/bus", None, (), lambda: page, ("Bus hits wall",), ())


def test_a_plain_read_without_the_story_the_cleaned_page_gave_is_not_taken() -> None:
    read = _read(STUB, OTHER)  # the page as it came reads as something else (a list of other stories' text)
    assert read.layer == "generic"
    assert read.paragraphs[0].startswith("Two people were hurt")
    assert not any("council" in paragraph for paragraph in read.paragraphs)


def test_a_plain_read_holding_the_story_and_more_of_it_is_taken() -> None:
    read = _read(STUB, STUB + MORE)  # cleaning lost most of the story: the page as it came holds it all
    assert read.layer == story_body.PLAIN_LAYER
    assert read.paragraphs[0].startswith("Two people were hurt")
    assert any("brakes had failed" in paragraph for paragraph in read.paragraphs)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("SEE MORE: Harbour protests: 800 students under siege", False),
        ("DON'T MISS", False),
        ("Lesen Sie auch: Die Fähre fährt wieder", False),
        ("Lire aussi : Le port rouvre lundi", False),
        ("Don't miss out on the festival, organisers said.", True),  # a story's sentence that opens alike
        ("See more of the harbour in the pictures below.", True),
        ("Recommended by doctors, the vaccine is free this winter.", True),
    ],
)
def test_pointers_to_other_stories_are_no_paragraphs(text: str, kept: bool) -> None:
    assert (body._keep([text]) == (text,)) is kept


_LATE_STORY = (
    "<p>The Orrin Vale ferry board agreed on Monday to add a night crossing to Tessly island from the spring.</p>"
    "<p>Board chair Maren Oduya said the late boat would leave the west slip at eleven and return by midnight.</p>"
    "<p>Islanders had asked for the crossing for years, the board said, and the fares stay as they are.</p>"
)
_LATE_HEADLINE = "Ferry board adds a night crossing to Tessly"


@pytest.mark.parametrize(
    "page",
    [
        f'<!doctype html><html lang="en"><head><title>Orrin Vale Courier</title></head><body><div>{_LATE_STORY}'
        f"</div></body></html>\n<h1>{_LATE_HEADLINE}</h1>",
        f'<!doctype html><html lang="en"><head><title>Orrin Vale Courier</title></head><body><div class="promo">'
        f"Tide tables</body></html></div><main><article><h1>{_LATE_HEADLINE}</h1>{_LATE_STORY}</article></main>"
        "</body></html>",
    ],
    ids=["after </html>", "after a stray </body></html>"],
)
def test_a_headline_after_the_html_end_tag_is_the_page_s_headline(page: str) -> None:
    """libxml2 puts what follows ``</html>`` (or a stray ``</body></html>`` mid-page) in an element beside the
    page's root: its ``<h1>`` is still the page's, for the headline and the headings it shows."""
    tree = parse(page)
    assert generic.h1_text(tree) == _LATE_HEADLINE
    assert generic.shown_headings(tree) == (_LATE_HEADLINE,)
    assert generic.read_generic(tree)["headline"] == _LATE_HEADLINE


def test_microdata_times_after_the_html_end_tag_are_the_story_s_times() -> None:
    """``<meta itemprop="datePublished">`` written after ``</html>`` (a template's footer include) dates the
    story as it would inside the page."""
    page = (
        f'<!doctype html><html lang="en"><head><title>{_LATE_HEADLINE} | Orrin Vale Courier</title></head><body>'
        f"<article><h1>{_LATE_HEADLINE}</h1>{_LATE_STORY}</article></body></html>\n"
        '<meta itemprop="dateModified" content="2026-03-04T15:20:00Z">'
        '<meta itemprop="datePublished" content="2026-03-04T07:45:00Z">'
    )
    read = generic.read_generic(parse(page))
    assert (read.get("published"), read.get("modified")) == (
        datetime(2026, 3, 4, 7, 45, tzinfo=UTC),
        datetime(2026, 3, 4, 15, 20, tzinfo=UTC),
    )
    assert extract(page, "http://127.0.0.1/news/night-ferry").to_json()["modified"] == "2026-03-04T15:20:00Z"

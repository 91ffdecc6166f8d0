"""A list of the site's other stories set among a story's paragraphs (each item one link to another page of the
same site, its text a headline, a short topic label before it at most), or of teasers (each item headed by
another page's headline, all a link), is no story text, nor is the heading right above it; a story's own lists
stay: items that say more than a link, links to other sites (its sources), links within the page (a table of
contents), two pointers."""

from __future__ import annotations

import pytest
from lxml import html

from monitor.extractors import extract
from monitor.extractors.cleanup import preclean

URL = "https://harwick-ledger.example/news/2025/ferry-timetable"
HEADLINE = "Harwick ferry adds a late crossing on summer weekends"
PARAGRAPHS = (
    "The Harwick ferry will run a late crossing at 23:40 on Fridays and Saturdays from June, the harbour board "
    "said on Tuesday, after a petition signed by more than two thousand islanders.",
    "The extra sailing costs the board about £64,000 a season, which it expects to recover from fares within "
    "three years if at least forty cars use it each night.",
    "Islanders working evening shifts on the mainland have asked for a later boat since the last one was moved "
    "to 22:15 in 2019 to save fuel.",
    "The board will review the crossing in October and publish its passenger counts on its website.",
)


def _page(block: str, *, canonical: str = "") -> str:
    story = [f"<p>{p}</p>" for p in PARAGRAPHS]
    story[2:2] = [block]
    link = f"<link rel='canonical' href='{canonical}'>" if canonical else ""
    return (
        f"<html><head><title>{HEADLINE}</title>{link}</head><body><main><article><h1>{HEADLINE}</h1>"
        f"<div class='article-text'>{''.join(story)}</div></article></main></body></html>"
    )


def _body(block: str, **kwargs: str) -> tuple[str, ...]:
    return extract(_page(block, **kwargs), URL).body


HEADLINES = (
    ("Harbour board", "/news/2025/harbour-board-elects-new-chair"),
    ("Fares", "/news/2025/island-fares-rise-for-the-second-year"),
    ("Weather", "/news/2025/storm-cancels-all-sailings-on-sunday"),
)


def _items(form: str, hrefs: tuple[str, ...] = ()) -> str:
    words = [href.rsplit("/", 1)[1].replace("-", " ").capitalize() for _, href in HEADLINES]
    hrefs = hrefs or tuple(href for _, href in HEADLINES)
    labels = [label for label, _ in HEADLINES]
    return "".join(
        form.format(label=label, href=href, text=text) for label, href, text in zip(labels, hrefs, words, strict=False)
    )


@pytest.mark.parametrize(
    "block",
    [
        # a topic's label in bold before each headline
        "<ul>" + _items("<li><strong>{label}:</strong> <a href='{href}'>{text}</a></li>") + "</ul>",
        # headlines alone, the site's full addresses, under a heading of their own
        "<h3>More from the harbour</h3><ul>"
        + _items("<li><a href='https://www.harwick-ledger.example{href}'>{text}</a></li>")
        + "</ul>",
        # a stream of teasers: each item headed by another story's headline, all a link (to the site's news
        # subdomain), its opening lines below
        "<ul>"
        + _items(
            "<li><a href='https://news.harwick-ledger.example{href}'><img src='/t.jpg'></a><div><h3>"
            "<a href='https://news.harwick-ledger.example{href}'>{text}</a></h3><p>The {label} story opens with a "
            "sentence of its own that the list shows below its headline.</p></div></li>"
        )
        + "</ul>",
        # teasers with short headlines, each with its date and its picture, in an <article> of its own
        "<h4>Similar:</h4><ul class='row'>"
        + "".join(
            f"<li><article><figure><a href='/news/{n}'><img src='/{n}.jpg'></a></figure><header><div>0{n}.03.2025"
            f"</div><h3><a href='/news/{n}'>{title}</a></h3><div>What the board said about it, in one line.</div>"
            "</header></article></li>"
            for n, title in enumerate(("Quay reopens", "Fares go up", "Pier repairs"), 1)
        )
        + "</ul>",
        # a label in a block of its own above the list, a kicker in a <span> before each link
        "<div><p>MOST READ</p><ol>"
        + _items("<li><span>{label}</span><a href='{href}'> {text} </a></li>")
        + "</ol></div>",
    ],
)
def test_a_list_of_the_sites_other_stories_is_no_story_text(block: str) -> None:
    body = _body(block)
    assert body == PARAGRAPHS
    assert not any("More from" in p or "MOST READ" in p for p in body)


def test_a_syndicated_storys_list_links_to_the_page_it_is_on() -> None:
    """A story syndicated from a sister paper names that paper's address as canonical; its list of the site's
    other stories links to the page's own host."""
    block = "<ul>" + _items("<li><a href='https://harwick-ledger.example{href}'>{text}</a></li>") + "</ul>"
    assert _body(block, canonical="https://www.sister-paper.example/2025/ferry") == PARAGRAPHS


@pytest.mark.parametrize(
    "block",
    [
        # its sources, on other sites
        "<ul>"
        + _items(
            "<li><a href='{href}'>{text}</a></li>",
            (
                "https://harbour-board.example/minutes/june-timetable-decision",
                "https://island-petitions.example/later-ferry-for-harwick",
                "https://transport-office.example/reports/ferry-fuel-costs-2019",
            ),
        )
        + "</ul>",
        # items that say more than a link
        "<ul>"
        + _items("<li><a href='{href}'>{text}</a> was the board's first vote on the timetable this year.</li>")
        + "</ul>",
        # a round-up's items, each headed by a link to what it tells of (on other sites)
        "<ul>"
        + _items(
            "<li><h3><a href='{href}'>{text}</a></h3><p>It has views of the harbour and opens at nine.</p></li>",
            ("https://quayside-cafe.example/", "https://old-ropeworks.example/visit", "https://tidewatch.example/"),
        )
        + "</ul>",
        # a table of contents: places within the page
        "<ul>" + _items("<li><a href='{href}'>{text}</a></li>", ("#board", "#fares", "#weather")) + "</ul>",
        # two links only: a pair of pointers the story may make
        "<ul>" + _items("<li><a href='{href}'>{text}</a></li>", tuple(href for _, href in HEADLINES[:2])) + "</ul>",
    ],
)
def test_a_storys_own_list_of_links_stays(block: str) -> None:
    tree = html.document_fromstring(_page(block.replace("<ul>", "<ul data-probe>", 1)))
    preclean(tree, URL)
    assert tree.xpath("//*[@data-probe]")

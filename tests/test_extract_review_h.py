"""Invented pages for a review of the probe-14 kinds: authors read from the byline alone (never from a card beside
the story), co-authors only when joined to JSON-LD's author, a timed update's note no longer than its own short
paragraph, a logo's link home only when it goes home, a table layout's date only in the story's cell."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from lxml.html import fromstring

from monitor.extractors import EXTRACTOR_VERSION, extract
from monitor.extractors.gate import page_digest
from monitor.extractors.generic import home_link
from monitor.extractors.notes import split_trailing_notes
from monitor.models import Note

URL = "http://127.0.0.1/news/pier"
STORY = (
    "<p>The council of Valmora met on Tuesday evening and agreed, after a debate that ran past midnight, to spend "
    "the reserve fund on the repairs that engineers had asked for since the spring.</p>"
    "<p>Residents who spoke at the meeting said the work was overdue, and several asked that the timetable be "
    "published on the town's website so that families could plan around the closures.</p>"
    "<p>The first phase starts next month and is expected to last eleven weeks, the council's works officer, "
    "Tamsin Orrell, told members.</p>"
)


def _byline_page(byline: str, aside: str = "") -> str:
    return (
        '<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
        '"headline": "Council agrees pier repairs", "datePublished": "2025-03-03T10:00:00Z", '
        '"author": {"@type": "Person", "name": "Ida Lorne"}}</script></head><body><main>'
        f'<article><h1>Council agrees pier repairs</h1><div class="entry-meta">{byline}</div>{STORY}</article>'
        f"{aside}</main></body></html>"
    )


def test_the_authors_never_follow_what_a_card_beside_the_story_shows() -> None:
    """A related card signed by JSON-LD's author comes and goes as the rail rotates (and the exact gate leaves it
    out): the authors stay JSON-LD's, and the read is sealed, whichever card stands there."""
    byline = '<span class="byline">By <a href="/staff/ines-varga">Ines Varga</a></span>'
    card = (
        '<aside class="more"><h2>More from the desk</h2><article><h3><a href="/news/other">{title}</a></h3>'
        "<p>By {name}</p></article></aside>"
    )
    for aside in (
        "",
        card.format(title="Why eelgrass matters", name="Ida Lorne"),
        card.format(title="Ferry fares rise", name="Ola Brandt"),
    ):
        html = _byline_page(byline, aside)
        article = extract(html, URL)
        assert article.authors == ("Ida Lorne",), aside
        assert article.extractor.get("gate") == page_digest(
            html, URL, encoding=None, rule=None, version=EXTRACTOR_VERSION
        )


@pytest.mark.parametrize(
    "byline",
    [
        '<span class="byline">By Ida Lorne | Edited by Ben Ode</span>',
        '<div class="byline">By <a href="/a/il">Ida Lorne</a><br>Edited by Ben Ode</div>',
        '<span class="byline">By Ida Lorne. Photos by Lena Park</span>',
        '<span class="byline">By Ida Lorne and Valmora Bureau</span>',
        '<p class="byline">By <a href="/a/il">Ida Lorne</a>; additional reporting by Ben Ode</p>',
    ],
)
def test_a_credit_or_an_organisation_in_the_byline_is_no_co_author(byline: str) -> None:
    assert extract(_byline_page(byline), URL).authors == ("Ida Lorne",)


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ('<p class="byline">Von Ida Lorne und Ben Ode</p>', ("Ida Lorne", "Ben Ode")),
        ('<span class="byline">By Ida Lorne, Ben Ode and Cara Lin</span>', ("Ida Lorne", "Ben Ode", "Cara Lin")),
        (
            '<span class="byline">By Ida Lorne, Ben Ode, Cara Lin, Dan Moss and Eva Nord</span>',
            ("Ida Lorne", "Ben Ode", "Cara Lin", "Dan Moss", "Eva Nord"),
        ),
    ],
)
def test_co_authors_joined_to_jsonlds_author_in_one_run_are_the_storys_however_many(
    byline: str, authors: tuple[str, ...]
) -> None:
    assert extract(_byline_page(byline), URL).authors == authors


SENTENCE = (
    "The council of Valmora met on Tuesday evening and agreed, after a debate that ran past midnight, to spend the "
    "reserve fund on repairs."
)


def test_a_timed_update_run_into_the_storys_text_is_only_its_first_sentence() -> None:
    run_in = (
        "Update, 14:20 Uhr: Die Ringstraße ist wieder frei. Ein Lastwagen ist am Dienstagmorgen auf der Ringstraße "
        "zwischen Ostvik und Valmora umgekippt. Der Fahrer wurde leicht verletzt und in ein Krankenhaus gebracht, "
        "teilte die Polizei mit. Die Ladung, mehrere Tonnen Holz, lag stundenlang auf der Fahrbahn."
    )
    body, notes = split_trailing_notes([run_in, SENTENCE, SENTENCE])
    assert notes == (Note("update", "Update, 14:20 Uhr: Die Ringstraße ist wieder frei."),)
    assert body[0].startswith("Ein Lastwagen ist am Dienstagmorgen")
    page = (
        "<html><head><title>Lorry overturns - Valmora Post</title></head><body><article><h1>Lorry overturns</h1>"
        "<p><strong>Update 2:15 p.m.:</strong> The ring road has reopened. A lorry overturned on the ring road "
        "early on Tuesday, blocking both lanes for six hours. The driver was taken to hospital with minor "
        "injuries, police said. Several tonnes of timber spilled across the carriageway.</p>"
        f"{STORY}</article></body></html>"
    )
    assert extract(page, URL).notes == (Note("update", "Update 2:15 p.m.: The ring road has reopened."),)


def test_a_number_near_update_is_no_time() -> None:
    dashed = (
        "Update — 3 people were taken to hospital after the pier collapsed on Tuesday evening, the fire service said. "
        "Rescue crews searched the water until midnight and said no one else was missing."
    )
    body, notes = split_trailing_notes([dashed, SENTENCE, SENTENCE])
    assert notes == (Note("update", dashed.split(" Rescue")[0]),)
    assert body[0].startswith("Rescue crews")
    dated = "Update 3/4/2025: Police reopened the road. A lorry overturned on the ring road early on Tuesday morning."
    assert split_trailing_notes([dated, SENTENCE, SENTENCE])[1] == (
        Note("update", "Update 3/4/2025: Police reopened the road."),
    )


@pytest.mark.parametrize(
    ("href", "home"),
    [
        ("/", True),
        ("https://ostvik.example/", True),
        ("/index.php", True),
        ("/?ref=logo", True),
        ("/?utm_source=site&utm_medium=logo", True),
        ("/?cb=20261201", True),
        ("/?1712345678", True),
        ("/?p=4411", False),
        ("https://ostvik.example/?p=4411", False),
        ("/index.php?id=4411", False),
        ("/index.php?option=com_content&view=article&id=42&catid=8", False),
        ("/?p=4411&cb=20261201", False),
        ("index.html", False),
        ("/news/index.html", False),
    ],
)
def test_a_link_home_is_the_sites_root_with_no_query_naming_a_page(href: str, home: bool) -> None:
    assert home_link(fromstring(f'<h1><a href="{href}">Harbour board agrees</a></h1>')) is home


HEADLINE = "Harbour board agrees to dredge the east channel"


@pytest.mark.parametrize(
    "layout",
    [
        '<header><h1><a href="https://ostvik.example/">Ostvik Courier</a></h1></header><div id="content">'
        f'<h1><a href="https://ostvik.example/?p=4411">{HEADLINE}</a></h1>{STORY}</div>'
        '<div id="footer"><h1>Subscribe to our newsletter</h1></div>',
        '<table><tr><td><h1><a href="/index.php">Ostvik Courier</a></h1></td></tr><tr><td>'
        f'<h1><a href="/index.php?id=4411">{HEADLINE}</a></h1>{STORY}</td></tr><tr><td><h1>Contact us</h1></td></tr>'
        "</table>",
        f'<div class="story"><h1><a href="index.html">{HEADLINE}</a></h1>{STORY}</div>'
        '<div><h1>Elsewhere in Ostvik</h1><ul><li><a href="/a">Ferry fares rise</a></li></ul></div>',
        f'<article><h1><a href="/">{HEADLINE}</a></h1>{STORY}<footer><h1>Comments</h1></footer></article>',
    ],
)
def test_a_boxs_h1_after_the_storys_is_never_the_headline(layout: str) -> None:
    page = f"<html><head><title>Ostvik Courier</title></head><body>{layout}</body></html>"
    assert extract(page, "https://ostvik.example/harbour").headline == HEADLINE


def _table_page(masthead: str, side: str) -> str:
    return (
        "<html><head><title>Council agrees pier repairs - Valmora Record</title></head><body>"
        f'<table width="100%"><tr><td colspan="2"><font size="5"><b>Valmora Record</b></font>{masthead}</td></tr>'
        '<tr><td width="70%"><font size="4"><b>Council agrees pier repairs</b></font><br>'
        f'<font size="2">By Ida Lorne</font><br>{STORY}</td>{side}</tr></table></body></html>'
    )


def test_a_font_date_outside_the_storys_cell_is_not_the_storys() -> None:
    side = (
        '<td width="30%"><b>More news</b><br><a href="/n/1">Rates to rise</a><br><font class="date">Feb. 28, 2025'
        '</font><br><a href="/n/2">School roof fixed</a><br><font class="date">Feb. 27, 2025</font></td>'
    )
    assert extract(_table_page("", side), URL).published is None
    masthead = ' <font class="date">Tuesday, March 18, 2025</font>'
    assert extract(_table_page(masthead, ""), URL).published is None


def test_a_date_and_its_time_on_two_lines_read_together() -> None:
    page = (
        "<html><head><title>Council agrees pier repairs - Valmora Post</title></head><body><article>"
        '<h1>Council agrees pier repairs</h1><p class="byline">By Ida Lorne</p>'
        f'<div class="date">March 3, 2025<br>3:45 p.m. EST</div>{STORY}</article></body></html>'
    )
    assert extract(page, URL).published == datetime(2025, 3, 3, 20, 45, tzinfo=UTC)


def test_a_score_in_a_title_is_no_trail() -> None:
    page = (
        "<html><head><title>Valmora Rovers beat Ostvik United 3 - 1 - Valmora Post</title></head><body>"
        f'<div class="c">{STORY}</div></body></html>'
    )
    assert extract(page, URL).headline == "Valmora Rovers beat Ostvik United 3 - 1"

"""Dates, authors and notes on invented pages: a related card's date, a date line set in an old layout's <font>,
a byline naming JSON-LD's author and co-authors, a timed update."""

from __future__ import annotations

from datetime import UTC, datetime

from lxml.html import fromstring

from monitor.extractors import extract
from monitor.extractors.generic import heading_text
from monitor.extractors.notes import split_trailing_notes
from monitor.models import Note

STORY = (
    "<p>The council of Valmora met on Tuesday evening and agreed, after a debate that ran past midnight, to spend "
    "the reserve fund on the repairs that engineers had asked for since the spring.</p>"
    "<p>Residents who spoke at the meeting said the work was overdue, and several asked that the timetable be "
    "published on the town's website so that families could plan around the closures.</p>"
    "<p>The first phase starts next month and is expected to last eleven weeks, the council's works officer, "
    "Tamsin Orrell, told members.</p>"
)


def _card(headline: str, byline: str, stamp: str) -> str:
    return (
        f'<li class="related__item"><article class="card"><h3><a href="/news/other">{headline}</a></h3>'
        f'<p class="card__byline">{byline}</p><time class="card__date" datetime="{stamp}">{stamp[:10]}</time>'
        "</article></li>"
    )


def test_a_related_cards_date_is_not_the_storys_when_the_story_gives_none() -> None:
    page = (
        "<html><head><title>Rainy-day trips in Valmora</title></head><body><main>"
        f"<article><h1>Rainy-day trips in Valmora</h1>{STORY}</article>"
        '<aside class="related-stories"><ul>'
        f"{_card('Quay car park to close', 'By Ned Arlott', '2025-03-14T08:00:00Z')}"
        f"{_card('Play park opens on the green', 'By Ola Brandt', '2025-03-09T10:30:00Z')}"
        "</ul></aside></main></body></html>"
    )
    assert extract(page, "https://valmorapost.example/trips").published is None


def test_a_date_line_in_an_old_layouts_font_element_dates_the_story() -> None:
    page = (
        "<html><head><title>Valmora Record :: News :: Council agrees pier repairs</title></head><body>"
        '<table><tr><td class="story"><font class="headline"><b>Council agrees pier repairs</b></font><br>'
        '<font class="byline">By Ida Lorne<br>Staff Writer</font><br>'
        '<font class="date">Published: March 3, 2025 at 3:45 p.m. EST<br>Updated: March 4, 2025 at 9:10 a.m. EST'
        f"</font><br><br>{STORY}</td>"
        '<td class="side"><b>Recent stories</b><br><a href="/news/1">Rates to rise</a> '
        '<font class="small">(Feb. 28, 2025 at 11:00 a.m. EST)</font></td></tr></table></body></html>'
    )
    article = extract(page, "https://valmorarecord.example/news/21987")
    assert article.published == datetime(2025, 3, 3, 20, 45, tzinfo=UTC)


def _byline_page(jsonld_author: str, byline: str, aside: str = "") -> str:
    return (
        '<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
        '"headline": "Council agrees pier repairs", "datePublished": "2025-03-03T10:00:00Z", '
        f'"author": {{"@type": "Person", "name": "{jsonld_author}"}}}}</script></head><body><main>'
        "<article><h1>Council agrees pier repairs</h1>"
        f'<div class="entry-meta"><span class="byline">{byline}</span></div>{STORY}</article>{aside}'
        "</main></body></html>"
    )


def test_a_byline_naming_jsonlds_author_and_a_co_author_names_both() -> None:
    byline = 'By <a href="/author/ilorne-2/">Ida Lorne</a> and <a href="/author/tb-staff/">Tomas Berg</a>'
    article = extract(_byline_page("Ida Lorne", byline), "https://valmorapost.example/pier")
    assert set(article.authors) == {"Ida Lorne", "Tomas Berg"}
    por = 'Por <a href="/autor/ilorne/">Ida Lorne</a> y <a href="/autor/tberg/">Tomas Berg</a>'
    assert set(extract(_byline_page("Ida Lorne", por), "https://valmorapost.example/pier").authors) == {
        "Ida Lorne",
        "Tomas Berg",
    }


def test_an_update_labelled_with_its_time_keeps_all_its_sentences() -> None:
    update = (
        "Update, 14:20 Uhr: Die Polizei hat die Sperrung in Richtung Ostvik aufgehoben. In Richtung Valmora staut "
        "sich der Verkehr weiter auf rund acht Kilometern."
    )
    story = "Auf der Landesstraße zwischen Ostvik und Valmora ist am Morgen ein Lastwagen umgekippt, sagte die Polizei."
    assert split_trailing_notes([update, story]) == ((story,), (Note("update", update),))
    run_in = "UPDATE (14:05 GMT): Police reopened the road. LONDON (AP) — A lorry overturned on the ring road."
    body, notes = split_trailing_notes([run_in])
    assert notes == (Note("update", "UPDATE (14:05 GMT): Police reopened the road."),)
    assert body == ("LONDON (AP) — A lorry overturned on the ring road.",)


def test_a_headings_permalink_mark_is_no_part_of_it() -> None:
    heading = fromstring(
        '<h1><a class="toc-backref" href="#id4">Shared history</a><a class="headerlink" href="#shared">¶</a></h1>'
    )
    assert heading_text(heading) == "Shared history"

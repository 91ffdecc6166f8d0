"""Round-17 kinds: a byline block that sets the name and the job in elements of their own (JSON-LD naming only an
organisation), an ``<address>`` byline naming the venue a reporter filed from ("… at Lune Park"), a date line
above an old table layout's ``<h1>``, and update notes labelled "Updated at HH:MM:" in Slavic languages."""

from __future__ import annotations

import json
from datetime import date

import pytest

from monitor.extractors import extract
from monitor.extractors.authors import split_authors

URL = "https://brackwater-herald.example/news/2026/11/ferry-terminal"
HEADLINE = "Ferry terminal at Brackwater to close for six weeks of repairs"
STORY = (
    "The ferry terminal at Brackwater will close for six weeks from January while engineers replace the "
    "linkspan that carries cars onto the boats, the harbour board said on Tuesday.",
    "Passengers will be taken by coach to the older quay at Millhaven, adding about forty minutes to the "
    "crossing, and freight will move to the night sailings.",
    "The board said the repairs would cost about four million and had been planned since a survey in the "
    "spring found corrosion in the steel frame.",
)


def _ps(paragraphs: tuple[str, ...]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def _page(byline: str, lang: str = "en", ld_author: str = "Brackwater Herald") -> str:
    ld = {"@type": "NewsArticle", "headline": HEADLINE, "datePublished": "2026-11-17T09:30:00Z"}
    ld["author"] = {"@type": "NewsMediaOrganization", "name": ld_author}
    return (
        f"<html lang='{lang}'><head><meta charset='utf-8'><title>{HEADLINE} - Brackwater Herald</title>"
        f"<script type='application/ld+json'>{json.dumps(ld)}</script></head><body>"
        "<header><a href='/'>Brackwater Herald</a></header>"
        f"<main><article><header><h1>{HEADLINE}</h1></header>{byline}{_ps(STORY)}</article></main>"
        "<footer><p>© Brackwater Herald</p></footer></body></html>"
    )


@pytest.mark.parametrize(
    "byline",
    [
        "<div data-component='byline-block'><div class='x7-Text'>Morwenna Castell</div>"
        "<div class='x7-Text'>Transport correspondent</div></div>",
        "<section data-component='article-byline'><p class='c1'>Morwenna Castell</p>"
        "<p class='c2'>Senior reporter</p></section>",
    ],
)
def test_a_byline_components_name_stands_apart_from_the_job_below_it(byline: str) -> None:
    assert extract(_page(byline), URL).authors == ("Morwenna Castell",)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Tobiah Wren at Lune Park", "Tobiah Wren"),
        ("Tobiah Wren at Crossfield Magistrates Court", "Tobiah Wren"),
    ],
)
def test_an_address_byline_names_the_reporter_not_the_venue(line: str, name: str) -> None:
    byline = f"<div class='meta'><address aria-label='Reporter'><span class='q1'>{line}</span></address></div>"
    assert extract(_page(byline), URL).authors == (name,)


def test_a_name_at_a_place_is_the_name_but_a_lower_case_rest_is_no_place() -> None:
    assert split_authors("Ines Varga at Kettering Road") == ["Ines Varga"]
    assert split_authors("Ines Varga in Den Haag") == ["Ines Varga"]
    assert split_authors("Ines Varga at home") == ["Ines Varga at home"]  # (no place: refused further on)


def _table_page(date_line: str, lang: str) -> str:
    text = "<br><br>".join(STORY)
    return (
        f"<html lang='{lang}'><head><meta charset='utf-8'><title>Kreisblatt Online - Lokales</title></head>"
        "<body><table width='960'><tr><td colspan='2'><a href='/'><img src='/kopf.gif' alt='Kreisblatt'></a></td></tr>"
        "<tr><td class='linkespalte'><a href='/lokales'>Lokales</a><br><a href='/sport'>Sport</a></td>"
        f"<td valign='top'><div class='rubrik'>Hafen</div>{date_line}<br><h1 class='titel'>{HEADLINE}</h1>"
        f"<font size='2'>{text}</font></td></tr></table></body></html>"
    )


@pytest.mark.parametrize(
    ("date_line", "lang", "day"),
    [
        ("<font size='1' color='#777'>Dienstag, 17. November 2026</font>", "de", date(2026, 11, 17)),
        ("<span style='font-size:10px'>Tuesday 17 November 2026</span>", "en-GB", date(2026, 11, 17)),
        ("<small>mardi 17 novembre 2026</small>", "fr", date(2026, 11, 17)),
    ],
)
def test_a_date_line_just_above_an_old_layouts_headline_is_the_published_date(
    date_line: str, lang: str, day: date
) -> None:
    article = extract(_table_page(date_line, lang), URL)
    assert article.published is not None and article.published.date() == day


def test_a_date_line_above_a_logos_headline_is_not_read() -> None:
    page = _table_page("<font size='1'>Dienstag, 17. November 2026</font>", "de").replace(
        f"<h1 class='titel'>{HEADLINE}</h1>", f"<h1><a href='/'>Kreisblatt</a></h1><b>{HEADLINE}</b>"
    )
    assert extract(page, URL).published is None


@pytest.mark.parametrize(
    ("note", "lang"),
    [
        ("Обновлено в 16:05: паромное сообщение восстановлено на вечерних рейсах.", "ru"),
        ("Оновлено о 16:05: поромне сполучення відновили на вечірніх рейсах.", "uk"),
        ("Zaktualizowano o 16:05: przeprawa promowa wznowiła kursy wieczorne.", "pl"),
        ("Aktualizováno v 16:05: trajekty znovu jezdí ve večerních spojích.", "cs"),
    ],
)
def test_an_update_labelled_with_its_time_opening_a_body_block_is_a_note(note: str, lang: str) -> None:
    byline = f"<div class='article__block'><div class='article__text'><strong>{note}</strong></div></div>"
    article = extract(_page(byline, lang), URL)
    assert [n.text for n in article.notes] == [note]
    assert article.body == STORY


def _kicker_page(h1: str, named: str, lang: str = "en") -> str:
    ld = json.dumps({"@type": "NewsArticle", "headline": named})
    return (
        f"<html lang='{lang}'><head><meta charset='utf-8'><title>{named} - Brackwater Herald</title>"
        f"<meta property='og:title' content='{named}'><script type='application/ld+json'>{ld}</script></head>"
        f"<body><main><article><header>{h1}</header>{_ps(STORY)}</article></main></body></html>"
    )


@pytest.mark.parametrize(
    ("h1", "named", "lang", "headline"),
    [
        (
            "<h1><span class='kicker block'>Harbour works</span><span class='title'>Ferry terminal to close for "
            "six weeks – coaches to Millhaven</span></h1>",
            "Harbour works: Ferry terminal to close for six weeks – coaches to Millhaven",
            "en",
            "Ferry terminal to close for six weeks – coaches to Millhaven",
        ),
        (
            "<h1><em class='surtitre'>Travaux au port</em> <strong>Le terminal des ferries « fermé » six "
            "semaines</strong></h1>",
            "Travaux au port : Le terminal des ferries « fermé » six semaines",
            "fr",
            "Le terminal des ferries « fermé » six semaines",
        ),
    ],
)
def test_a_kicker_the_h1_sets_in_its_own_element_is_no_word_of_the_headline(
    h1: str, named: str, lang: str, headline: str
) -> None:
    assert extract(_kicker_page(h1, named, lang), URL).headline == headline


def test_an_h1_writing_its_kicker_in_its_own_words_keeps_it() -> None:
    named = "Harbour works: Ferry terminal to close for six weeks"
    assert extract(_kicker_page(f"<h1>{named}</h1>", named), URL).headline == named

"""Round-18 metadata kinds on invented pages: a byline that goes on to credit the photographer, the video or the
editor ("Reporting by …; Editing by …"), a contributor's "Compiled by"; CJK bylines listed with the ideographic
or the full-width comma; an author's element in a figure's caption; an author tag or a JSON-LD ``Person``
naming the author only by their page's address ("/author/ana-ruiz"); an ``<h1>`` whose kicker stands in an
element of its own beside a ``<title>`` without it; a zone in brackets after a visible time ("18:11 (UTC+3)"),
Moscow time in Russian ("МСК") and more zone abbreviations."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from monitor.extractors import authors, extract
from monitor.extractors.authors import split_authors
from monitor.extractors.dates import read_date, visible_reading

URL = "https://tarnmouth-packet.example/news/2026/12/lifeboat-station"
HEADLINE = "Tarnmouth lifeboat station to move to the old ferry slipway"
SITE = "Tarnmouth Packet"
STORY = (
    "The volunteer lifeboat crew at Tarnmouth will move to the old ferry slipway next summer, after the harbour "
    "trust agreed to lease the empty sheds beside it for a peppercorn rent.",
    "The crew has launched from a cramped boathouse at the end of Quay Lane since the nineteen-sixties, and "
    "its coxswain said the new site would cut the time it takes to get the boat on the water by several minutes.",
    "Work on a new launching ramp and a crew room is expected to start in March, paid for by a local legacy and "
    "a grant from the regional council.",
)


def _ps() -> str:
    return "".join(f"<p>{p}</p>" for p in STORY)


def _page(
    top: str = "",
    *,
    h1: str = HEADLINE,
    title: str | None = None,
    head: str = "",
    ld: dict | None = None,
    lang: str = "en",
) -> str:
    script = f"<script type='application/ld+json'>{json.dumps(ld)}</script>" if ld else ""
    title = f"{HEADLINE} | {SITE}" if title is None else title
    return (
        f"<html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>{head}{script}</head><body>"
        f"<header><a href='/'>{SITE}</a><nav><a href='/news'>News</a><a href='/sport'>Sport</a></nav></header>"
        f"<main><article><h1>{h1}</h1>{top}{_ps()}</article></main><footer>© {SITE}</footer></body></html>"
    )


# --- authors: a credit for other work than the words ends the byline's names


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Words by Ines Calder. Photos by Rory Penhallow", ["Ines Calder"]),
        ("Reporting by Ines Calder; Editing by Rory Penhallow", ["Ines Calder"]),
        (
            "Reporting by Ines Calder and Tam Okoro; Editing by Rory Penhallow and Bea Lund",
            ["Ines Calder", "Tam Okoro"],
        ),
        (
            "Reporting by Ines Calder in Tarnmouth; Writing by Tam Okoro; Editing by Rory Penhallow",
            ["Ines Calder", "Tam Okoro"],
        ),
        ("By Ines Calder. Video by Rory Penhallow", ["Ines Calder"]),
        ("By Ines Calder\nPhotographs by Rory Penhallow", ["Ines Calder"]),
        ("Written by Ines Calder, Edited by Rory Penhallow", ["Ines Calder"]),
        ("Compiled by Ines Calder", ["Ines Calder"]),
    ],
)
def test_a_credit_for_pictures_video_or_editing_ends_the_authors(line: str, names: list[str]) -> None:
    assert split_authors(line) == names


@pytest.mark.parametrize(
    "line",
    [
        "Words by Ines Calder. Photos by Rory Penhallow",
        "Reporting by Ines Calder; Editing by Rory Penhallow",
        "By Ines Calder<br>Photographs by Rory Penhallow",
        "Written by Ines Calder, Edited by Rory Penhallow",
    ],
)
def test_a_byline_element_with_a_photographers_or_editors_credit_names_the_writer(line: str) -> None:
    assert extract(_page(f"<p class='byline'>{line}</p>"), URL).authors == ("Ines Calder",)


def test_a_contributors_compiled_by_names_the_contributor() -> None:
    assert extract(_page("<p class='byline'>Compiled by Ines Calder</p>"), URL).authors == ("Ines Calder",)


# --- authors: CJK lists


@pytest.mark.parametrize(
    ("line", "names", "lang"),
    [
        ("佐藤健太、鈴木花子", ("佐藤健太", "鈴木花子"), "ja"),
        ("李晓梅，王强", ("李晓梅", "王强"), "zh"),
    ],
)
def test_cjk_bylines_list_names_by_the_ideographic_or_full_width_comma(line: str, names: tuple, lang: str) -> None:
    assert extract(_page(f"<p class='byline'>{line}</p>", lang=lang), URL).authors == names


def test_a_chinese_bylines_label_character_is_no_name_and_a_japanese_name_keeps_its_space() -> None:
    assert split_authors("文/李晓梅") == ["李晓梅"]
    assert split_authors("大橋 美咲、佐藤 健太") == ["大橋 美咲", "佐藤 健太"]


# --- authors: a figure's author is the photographer


def test_an_author_element_in_a_figure_caption_is_no_author_of_the_story() -> None:
    top = (
        "<figure><img src='/slip.jpg' alt=''><figcaption>The slipway. <span class='author'>Rory Penhallow</span>"
        "</figcaption></figure>"
    )
    assert extract(_page(top), URL).authors == ()


def test_a_figures_author_beside_the_byline_leaves_the_byline() -> None:
    top = (
        "<figure><img src='/slip.jpg' alt=''><figcaption><span class='author'>Rory Penhallow</span></figcaption>"
        "</figure><p class='byline'>By Ines Calder</p>"
    )
    assert extract(_page(top), URL).authors == ("Ines Calder",)


# --- authors: named only by the address of their page


def test_an_author_tag_giving_the_authors_page_names_its_slug() -> None:
    head = "<meta property='article:author' content='https://tarnmouth-packet.example/author/ines-calder/'>"
    assert extract(_page(head=head), URL).authors == ("Ines Calder",)


def test_a_jsonld_person_named_by_its_url_only_names_its_slug() -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": HEADLINE,
        "author": {"@type": "Person", "url": "https://tarnmouth-packet.example/author/ines-calder"},
    }
    assert extract(_page(ld=ld), URL).authors == ("Ines Calder",)


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://tarnmouth-packet.example/autoren/anna-roth", "Anna Roth"),
        ("https://social.example/ines.calder", None),  # a profile elsewhere: no slug of a name
        ("https://tarnmouth-packet.example/author/tarnmouth-packet", None),  # the paper's own "author"
        ("https://tarnmouth-packet.example/author/staff-writer", None),
        ("https://tarnmouth-packet.example/author/icalder", None),  # one word: no whole name
    ],
)
def test_profile_name_reads_only_an_authors_slug(url: str, name: str | None) -> None:
    assert authors.profile_name(url) == name


# --- headline: a kicker in its own element beside a <title> without it


@pytest.mark.parametrize(
    "h1",
    [
        f"<span class='kicker'>Exclusive</span> {HEADLINE}",
        f"<span class='label'>Harbours</span>{HEADLINE}",
        f"<div class='topic'>Lifeboats</div>{HEADLINE}",
    ],
)
def test_an_h1_kicker_element_is_left_off_when_the_title_names_the_story_without_it(h1: str) -> None:
    assert extract(_page(h1=h1), URL).headline == HEADLINE
    assert extract(_page(h1=h1, title=HEADLINE), URL).headline == HEADLINE


def test_an_h1s_leading_element_that_the_title_carries_too_stays() -> None:
    h1 = f"<em>Exclusive</em> {HEADLINE}"
    assert extract(_page(h1=h1, title=f"Exclusive {HEADLINE} | {SITE}"), URL).headline == f"Exclusive {HEADLINE}"


# --- dates: zones in brackets, Moscow time, more abbreviations


def _utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01.12.2026 18:11 (UTC+3)", _utc(2026, 12, 1, 15, 11)),
        ("01.12.2026 18:11 (GMT+2)", _utc(2026, 12, 1, 16, 11)),
        ("01.12.2026 18:11 (MSK)", _utc(2026, 12, 1, 15, 11)),
        ("December 1, 2026 6:11 PM (EST)", _utc(2026, 12, 1, 23, 11)),
        ("1 December 2026 18:11 (CET)", _utc(2026, 12, 1, 17, 11)),
        ("1 декабря 2026, 18:11 МСК", _utc(2026, 12, 1, 15, 11)),
        ("1 декабря 2026, 18:11 (мск)", _utc(2026, 12, 1, 15, 11)),
        ("1 December 2026, 18:11 SAST", _utc(2026, 12, 1, 16, 11)),
        ("1 December 2026, 18:11 EAT", _utc(2026, 12, 1, 15, 11)),
        ("1 December 2026, 18:11 PKT", _utc(2026, 12, 1, 13, 11)),
    ],
)
def test_a_visible_times_zone_is_applied_in_brackets_and_in_more_abbreviations(text: str, expected: datetime) -> None:
    assert visible_reading(text, lang="en")[0] == expected
    assert read_date(text)[0] == expected


def test_a_bracketed_zone_that_names_a_place_is_no_offset() -> None:
    assert read_date("2026-12-01 18:11 (Lagos)")[0] == _utc(2026, 12, 1, 18, 11)


@pytest.mark.parametrize(
    ("line", "lang", "expected"),
    [
        ("Published 01.12.2026 18:11 (UTC+3)", "en", _utc(2026, 12, 1, 15, 11)),
        ("1 декабря 2026, 18:11 МСК", "ru", _utc(2026, 12, 1, 15, 11)),
    ],
)
def test_a_pages_visible_date_line_keeps_its_bracketed_or_russian_zone(
    line: str, lang: str, expected: datetime
) -> None:
    page = _page(f"<p class='date'>{line}</p>", lang=lang)
    assert extract(page, URL).published == expected


# --- authors: "our correspondent" before the name, the place the name wrote from after it


@pytest.mark.parametrize(
    ("line", "names", "lang"),
    [
        ("Von unserem Korrespondenten Anna Roth", ("Anna Roth",), "de"),
        ("Door onze redacteur Jan de Vries", ("Jan de Vries",), "nl"),
        ("De notre envoyée spéciale Anne Dupont", ("Anne Dupont",), "fr"),
        ("By our reporter Ines Calder", ("Ines Calder",), "en"),
        ("Dal nostro inviato Marco Rossi", ("Marco Rossi",), "it"),
        ("Von unserem Redakteur Ben Keller und unserer Korrespondentin Anna Roth", ("Ben Keller", "Anna Roth"), "de"),
    ],
)
def test_our_correspondent_before_the_name_is_no_part_of_it(line: str, names: tuple, lang: str) -> None:
    assert extract(_page(f"<p class='byline'>{line}</p>", lang=lang), URL).authors == names


def test_our_correspondent_at_a_place_names_no_one_there() -> None:
    assert split_authors("De notre correspondant à Berlin, Luc Martin") == ["Luc Martin"]


# --- headline: a format label in front of a <title> that alone names the story


@pytest.mark.parametrize("label", ["Opinion", "Analysis", "Video"])
def test_a_title_only_pages_format_label_before_a_bar_is_no_headline_word(label: str) -> None:
    page = _page(h1="", title=f"{label} | {HEADLINE} | {SITE}")
    assert extract(page, URL).headline == HEADLINE


def test_a_title_only_pages_kicker_before_a_colon_stays() -> None:
    page = _page(h1="", title=f"Analysis: {HEADLINE} | {SITE}")
    assert extract(page, URL).headline == f"Analysis: {HEADLINE}"


# --- dates: microdata's time in the content attribute of an element other than <time> or <meta>


@pytest.mark.parametrize("tag", ["span", "div"])
def test_an_itemprop_elements_content_time_is_the_published_time_with_its_offset(tag: str) -> None:
    top = (
        "<div itemscope itemtype='https://schema.org/NewsArticle'>"
        f"<{tag} itemprop='datePublished' content='2026-12-01T09:05:00-05:00'>December 1, 2026</{tag}>"
        f"<{tag} itemprop='dateModified' content='2026-12-01T18:11:00-0500'>Updated</{tag}></div>"
    )
    article = extract(_page(top), URL)
    assert article.published == _utc(2026, 12, 1, 14, 5)
    assert article.modified == _utc(2026, 12, 1, 23, 11)


# --- authors: the place a full name wrote from, after it


@pytest.mark.parametrize(
    ("line", "names", "lang"),
    [
        ("Von Anna Roth, Berlin", ("Anna Roth",), "de"),
        ("Von Anna Roth, Berlin, und Ben Keller, Hamburg", ("Anna Roth", "Ben Keller"), "de"),
        ("Por Ana Ruiz, Lima, y Pedro Gil, Quito", ("Ana Ruiz", "Pedro Gil"), "es"),
        ("By Ines Calder, Tam Okoro, Washington", ("Ines Calder", "Tam Okoro"), "en"),
    ],
)
def test_a_one_word_place_after_a_full_name_is_no_author(line: str, names: tuple, lang: str) -> None:
    assert extract(_page(f"<p class='byline'>{line}</p>", lang=lang), URL).authors == names


# --- authors: a piece's label before "by", a photographer's part in brackets


def test_a_pieces_label_of_several_words_before_by_is_no_part_of_the_name() -> None:
    assert extract(_page("<p class='byline'>Guest column by Ines Calder</p>"), URL).authors == ("Ines Calder",)


@pytest.mark.parametrize(
    "line",
    [
        "Anna Roth (Text), Ben Keller (Fotos)",
        "Anna Roth (Text) und Ben Keller (Fotos)",
        "Ben Keller (Fotos), Anna Roth (Text)",
    ],
)
def test_a_name_whose_part_in_brackets_is_the_pictures_is_no_author(line: str) -> None:
    assert extract(_page(f"<p class='byline'>{line}</p>", lang="de"), URL).authors == ("Anna Roth",)


# --- JSON-LD: another story's article beside the page's own


def _related_first(own: dict) -> list[dict]:
    related = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Harbour trust raises mooring fees for the new season",
        "author": {"@type": "Person", "name": "Omar Sadiq"},
        "datePublished": "2026-11-20T10:00:00Z",
        "url": "https://tarnmouth-packet.example/news/2026/11/mooring-fees",
    }
    return [related, {"@context": "https://schema.org", "@type": "NewsArticle", **own}]


def test_the_articles_own_address_picks_it_among_several() -> None:
    own = {
        "headline": "Lifeboat crew to move",
        "author": {"@type": "Person", "name": "Ines Calder"},
        "datePublished": "2026-12-01T09:05:00+01:00",
        "mainEntityOfPage": {"@type": "WebPage", "@id": URL + "/"},
    }
    article = extract(_page(head=f"<link rel='canonical' href='{URL}'>", ld=_related_first(own)), URL)
    assert article.authors == ("Ines Calder",)
    assert article.published == _utc(2026, 12, 1, 8, 5)


def test_the_articles_headline_picks_it_among_several_when_no_address_does() -> None:
    own = {
        "headline": HEADLINE,
        "author": {"@type": "Person", "name": "Ines Calder"},
        "datePublished": "2026-12-01T09:05:00+01:00",
    }
    article = extract(_page(ld=_related_first(own)), URL)
    assert article.authors == ("Ines Calder",)
    assert article.published == _utc(2026, 12, 1, 8, 5)


# --- JSON-LD: the article's author as its creator or by given and family name; a time as a number of seconds


def _ld_page(**fields: object) -> str:
    return _page(ld={"@context": "https://schema.org", "@type": "NewsArticle", "headline": HEADLINE, **fields})


@pytest.mark.parametrize(
    "fields",
    [
        {"creator": {"@type": "Person", "name": "Ines Calder"}},
        {"creator": ["Ines Calder"]},
        {"author": {"@type": "Person", "givenName": "Ines", "familyName": "Calder"}},
    ],
)
def test_a_jsonld_creator_or_a_given_and_family_name_names_the_author(fields: dict) -> None:
    assert extract(_ld_page(**fields), URL).authors == ("Ines Calder",)


def test_jsonlds_date_created_is_no_published_time() -> None:
    # (a CMS's record of the article, which may come after the story's published time: no stand-in for it)
    html = _ld_page(dateCreated="2026-12-02T09:05:00+01:00")
    page = html.replace("<h1>", "<time itemprop='datePublished' datetime='2026-12-01T09:05+0100'>1 Dec</time><h1>")
    assert extract(page, URL).published == _utc(2026, 12, 1, 8, 5)


def test_jsonlds_time_as_a_number_of_seconds_is_read() -> None:
    assert extract(_ld_page(datePublished=1796112300), URL).published == _utc(2026, 12, 1, 8, 5)


# --- dates: Arabic and Hebrew month names, Arabic's morning and evening after a time


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("01 ديسمبر 2026 - 18:11", "ar", _utc(2026, 12, 1, 18, 11)),
        ("الثلاثاء 1 ديسمبر 2026 06:11 م", "ar", _utc(2026, 12, 1, 18, 11)),
        ("الثلاثاء 1 ديسمبر 2026 06:11 ص", "ar", _utc(2026, 12, 1, 6, 11)),
        ("15 آب 2026", "ar", _utc(2026, 8, 15)),
        ("1 בדצמבר 2026, 18:11", "he", _utc(2026, 12, 1, 18, 11)),
    ],
)
def test_arabic_and_hebrew_month_names_read(text: str, lang: str, expected: datetime) -> None:
    assert visible_reading(text, lang=lang)[0] == expected


def test_a_hebrew_pages_date_line_reads_in_israels_zone() -> None:
    page = _page("<p class='date'>פורסם: 1 בדצמבר 2026, 18:11</p>", lang="he")
    assert extract(page, URL).published == _utc(2026, 12, 1, 16, 11)

"""Which zone a time the page states without one is read in (invented pages): a twin stating the same wall clock
with its offset (UTC's "Z" too), else the zone the page's own language names (DST-aware; og:locale only
confirms), else an offset the story's own metadata agrees on — never a teaser's, a rail's or a comment's; a
midnight placeholder is a date and is never moved."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from monitor.extractors import extract
from monitor.extractors.dates import CLOCK, ZONED, local_zone, zoned_twin
from monitor.extractors.gate import page_digest

URL = "https://tarnwick-courier.example/harbour/lighthouse-keepers-cottage"
STORY = (
    "<p>The old keeper's cottage beside the Tarnwick lighthouse will open as a small museum next summer, the "
    "harbour trust said on Monday after its members approved the plan.</p>"
    "<p>Volunteers have spent two winters clearing the cottage, and the trust's chair, Oren Falstow, said the "
    "logbooks found in its loft would be shown for the first time.</p>"
    "<p>The trust expects around nine thousand visitors a year and will ask a small fee at the door to pay for "
    "the heating and the insurance.</p>"
)
HEADLINE = "Lighthouse keeper's cottage to open as museum"


def _page(lang: str | None, ld: dict[str, str], head: str = "", body: str = "", after: str = "") -> str:
    data = json.dumps({"@type": "NewsArticle", "headline": HEADLINE, **ld})
    opening = f'<html lang="{lang}">' if lang is not None else "<html>"
    return (
        f'{opening}<head><meta charset="utf-8"><title>{HEADLINE}</title>{head}'
        f'<script type="application/ld+json">{data}</script></head>'
        f"<body><article><h1>{HEADLINE}</h1>{body}{STORY}</article>{after}</body></html>"
    )


def _utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


# (a) a twin stating the same wall clock with UTC's offset: the time is UTC's, not the language's zone's


@pytest.mark.parametrize("stated", ["2025-04-22T10:00:00Z", "2025-04-22T10:00:00+00:00"])
def test_a_zoneless_time_beside_its_utc_twin_is_utc(stated: str) -> None:
    head = f'<meta property="article:published_time" content="{stated}">'
    article = extract(_page("de", {"datePublished": "2025-04-22T10:00:00"}, head), URL)
    assert article.published == _utc(2025, 4, 22, 10, 0)


def test_zoned_twin_takes_a_twin_at_no_gap() -> None:
    clock = _utc(2025, 4, 22, 10, 0)
    assert zoned_twin(clock, CLOCK, [(clock, ZONED)]) == clock


# (c) the story's own metadata's offset, never a teaser's, a rail's, a comment's or another story's


_ASIDES = [
    '<aside class="related"><a href="/y">Ferry talks in Pune <time datetime="2025-04-20T09:00:00+05:30">20 Apr'
    "</time></a></aside>",
    '<div class="rail"><ul><li><a href="/z">Quay lights</a> <time datetime="2025-04-19T18:00:00-04:00">19 Apr'
    "</time></li></ul></div>",
    '<section id="comments"><div class="comment"><p>Lovely news!</p><time datetime="2025-04-22T15:10:00+09:00">'
    "3 hours ago</time></div></section>",
    '<article class="teaser"><h2><a href="/w">Dune path reopens</a></h2><time datetime="2025-04-18T07:00:00+03:00">'
    "18 Apr</time></article>",
]


@pytest.mark.parametrize("aside", _ASIDES)
def test_a_teasers_offset_never_sets_the_storys_clock(aside: str) -> None:
    article = extract(_page("en", {"datePublished": "2025-04-22T10:00:00"}, after=aside), URL)
    assert article.published == _utc(2025, 4, 22, 10, 0)  # English names no zone: as read


def test_a_teaser_inside_the_story_never_sets_its_clock_either() -> None:
    article = extract(_page("de", {"datePublished": "2025-04-22T10:00:00"}, body=_ASIDES[0]), URL)
    assert article.published == _utc(2025, 4, 22, 8, 0)  # Berlin's summer clock, not India's


@pytest.mark.parametrize(
    ("lang", "ld", "head", "expected"),
    [
        (  # the article's own dateModified states the paper's clock
            "en",
            {"datePublished": "2025-04-22T10:00:00", "dateModified": "2025-04-22T12:00:00+05:30"},
            "",
            _utc(2025, 4, 22, 4, 30),
        ),
        (  # the head's article time does too (Spanish and og:locale es_ES name no zone)
            "es",
            {"datePublished": "2025-04-22T10:00:00"},
            '<meta property="og:locale" content="es_ES">'
            '<meta property="article:modified_time" content="2025-04-22T12:00:00-03:00">',
            _utc(2025, 4, 22, 13, 0),
        ),
        (  # UTC's "Z" is an offset they agree on or not: here they disagree, so none
            "en",
            {"datePublished": "2025-04-22T10:00:00", "dateModified": "2025-04-22T12:00:00+05:30"},
            '<meta property="article:modified_time" content="2025-04-22T06:30:00Z">',
            _utc(2025, 4, 22, 10, 0),
        ),
    ],
)
def test_the_storys_own_metadata_offset_is_its_clock(
    lang: str, ld: dict[str, str], head: str, expected: datetime
) -> None:
    assert extract(_page(lang, ld, head), URL).published == expected


# (b) the language's zone, DST-aware, before any fixed offset stated on the page


def test_a_summer_offset_is_not_applied_to_a_winter_time() -> None:
    ld = {"datePublished": "2025-03-28T10:00:00", "dateModified": "2025-04-02T09:00:00+02:00"}
    assert extract(_page("de", ld), URL).published == _utc(2025, 3, 28, 9, 0)  # CET that day, not CEST


def test_a_march_teasers_offset_is_not_applied_in_july() -> None:
    after = (
        '<aside class="more"><ul><li><a href="/y">Fährpreise steigen</a> '
        '<time datetime="2025-03-20T09:00:00+01:00">20.03.2025</time></li></ul></aside>'
    )
    assert extract(_page("de", {"datePublished": "2025-07-10T10:00:00"}, after=after), URL).published == _utc(
        2025, 7, 10, 8, 0
    )


# a midnight placeholder is a date


@pytest.mark.parametrize(
    ("lang", "ld", "body"),
    [
        ("de-DE", {}, '<p class="dateline"><time datetime="2025-04-22T00:00:00">22. April 2025</time></p>'),
        ("de", {"datePublished": "2025-04-22T00:00:00"}, ""),
        ("ja", {"datePublished": "2025-04-22T00:00"}, ""),
        ("en", {"datePublished": "2025-04-22T00:00:00", "dateModified": "2025-04-23T09:00:00+05:30"}, ""),
    ],
)
def test_a_zoneless_midnight_is_a_date_never_moved_to_the_day_before(lang: str, ld: dict[str, str], body: str) -> None:
    article = extract(_page(lang, ld, body=body), URL)
    assert article.published == _utc(2025, 4, 22, 0, 0)


def test_a_midnight_placeholder_of_a_time_element_stays_sealed() -> None:
    body = '<p class="dateline"><time datetime="2025-04-22T00:00:00">22. April 2025</time></p>'
    assert extract(_page("de-DE", {}, body=body), URL).extractor.get("gate")  # still vouched for


# og:locale only confirms the page's own language


@pytest.mark.parametrize(
    ("lang", "locale", "hour"),
    [
        ("en", "de_DE", 10),  # disagrees with the page's language: no zone
        ("es", "es_ES", 10),  # adds no country to a bare language naming none (Latin America's default es_ES)
        ("pt", "pt_PT", 10),
        ("de", "en_US", 10),
        ("de-DE", "de_AT", 10),  # two countries: no telling
        ("de", "de_DE", 8),  # confirms
        ("de", "de_AT", 8),  # names Austria's clock for German
        ("en-GB", "en_GB", 9),
        (None, "de_DE", 8),  # no language of the page's own: German names one zone alone
        (None, "es_ES", 10),  # Spanish names none by itself
        (None, "en_GB", 10),  # English names none by itself: a template's locale adds no country
    ],
)
def test_og_locale_only_confirms_the_pages_language(lang: str | None, locale: str, hour: int) -> None:
    head = f'<meta property="og:locale" content="{locale}">'
    article = extract(_page(lang, {"datePublished": "2025-07-10T10:00:00"}, head), URL)
    assert article.published == _utc(2025, 7, 10, hour, 0)


def test_local_zone_tells_own_tags_from_locales() -> None:
    assert str(local_zone(["de"], ["de_AT"])) == "Europe/Vienna"
    assert local_zone(["es"], ["es_ES"]) is None
    assert local_zone(["en"], ["de_DE"]) is None
    assert str(local_zone([], ["de_DE"])) == "Europe/Berlin"
    assert local_zone([], ["es_ES"]) is None and local_zone([], ["en_GB"]) is None
    assert str(local_zone(["es-ES"], ["es_ES"])) == "Europe/Madrid"


# every input the zone is taken from is in the gate's digest


@pytest.mark.parametrize(
    "edit",
    [
        ('content="de_DE"', 'content="en_US"'),  # og:locale
        ("+05:30", "+01:00"),  # the article's JSON-LD offset
        ("-03:00", "+01:00"),  # the head's article time's offset
        ("+09:00", "+01:00"),  # a <time>'s offset (the teaser's: read for nothing, still covered)
    ],
)
def test_an_edit_to_a_zone_source_changes_the_digest(edit: tuple[str, str]) -> None:
    head = (
        '<meta property="og:locale" content="de_DE">'
        '<meta property="article:modified_time" content="2025-04-22T12:00:00-03:00">'
    )
    page = _page(
        None,
        {"datePublished": "2025-04-22T10:00:00", "dateModified": "2025-04-22T12:00:00+05:30"},
        head,
        after=_ASIDES[2],
    )
    assert edit[0] in page
    digest = page_digest(page, URL, encoding=None, rule=None, version="t")
    assert digest != page_digest(page.replace(*edit), URL, encoding=None, rule=None, version="t")

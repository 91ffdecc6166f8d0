"""Dates as pages write them (tests/data/dates/written.yaml): every offset applied, none dropped."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from monitor.extractors import EXTRACTOR_VERSION, extract
from monitor.extractors.dates import local_zone, may_open_published, on_local_clock, parse_date, visible_date
from monitor.extractors.gate import page_digest


def _as_written(expected: str | None, lang: str) -> str | None:
    """The time a page in ``lang`` means by a clock it writes without its zone (``expected``: that wall clock
    as "…Z"): its paper's zone's (``dates.local_zone``: German, Japanese, …), else as written (English …)."""
    zone = local_zone([lang])
    if expected is None or zone is None or expected.endswith("T00:00:00Z"):  # (a day alone stands as midnight UTC)
        return expected
    return on_local_clock(datetime.fromisoformat(expected), zone).isoformat().replace("+00:00", "Z")


WRITTEN = yaml.safe_load((Path(__file__).parent / "data" / "dates" / "written.yaml").read_text())


@pytest.mark.parametrize(("text", "expected"), sorted(WRITTEN["parse"].items()))
def test_parse_date(text: str, expected: str) -> None:
    value = parse_date(text)
    assert value is not None and value.isoformat() == expected


@pytest.mark.parametrize(("text", "expected"), sorted(WRITTEN["visible"].items()))
def test_visible_date(text: str, expected: str) -> None:
    value = visible_date(text)
    assert value is not None and value.isoformat() == expected


def test_numbers_that_read_either_way_are_read_only_where_the_words_around_them_say_which() -> None:
    read = {text: visible_date(text) for text in WRITTEN["either way"]}
    assert {text: value.isoformat() if value else None for text, value in read.items()} == WRITTEN["either way"]


@pytest.mark.parametrize("text", WRITTEN["no date"])
def test_numbers_that_only_open_like_a_date_are_none(text: str) -> None:
    assert visible_date(text) is None


@pytest.mark.parametrize(
    "tag",
    [
        '<meta name="publish-date" content="2025-03-14T08:30:00+01:00">',
        '<meta property="og:article:published_time" content="2025-03-14T08:30:00+01:00">',
        '<meta name="article.published" content="2025-03-14T08:30:00+01:00">',
    ],
)
def test_published_time_from_other_meta_names(tag: str) -> None:
    story = "<p>The quay wall at Berth 4 has been repaired after a winter storm tore away a stretch of its stones.</p>"
    page = f"<html><head>{tag}</head><body><article><h1>Quay wall repaired</h1>{story}</article></body></html>"
    assert extract(page, "https://harbourtimes.example/quay").to_json()["published"] == "2025-03-14T07:30:00Z"


def _page(head: str) -> str:
    story = "<p>The quay wall at Berth 4 has been repaired after a winter storm tore away a stretch of its stones.</p>"
    return f"<html><head>{head}</head><body><article><h1>Quay wall repaired</h1>{story}</article></body></html>"


def _ld(**fields: Any) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Quay wall repaired", **fields}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


@pytest.mark.parametrize(
    ("head", "published"),
    [
        # JSON-LD writes the wall clock without its zone, a meta tag the same moment with it
        (
            _ld(datePublished="2025-03-14T08:30:00")
            + '<meta property="article:published_time" content="2025-03-14T08:30:00+01:00">',
            "2025-03-14T07:30:00Z",
        ),
        # two meta tags: the first without a zone, a later one with it
        (
            '<meta property="article:published_time" content="2025-03-14 08:30:00">'
            '<meta itemprop="datePublished" content="2025-03-14T08:30:00+08:00">',
            "2025-03-14T00:30:00Z",
        ),
        # a day alone, and the time of that day in another layer
        (
            _ld(datePublished="2025-03-14") + '<meta property="article:published_time" content="2025-03-14T08:30:00Z">',
            "2025-03-14T08:30:00Z",
        ),
        # a zoneless time another layer contradicts (not an offset apart): the first layer's stands, read on the
        # clock the page writes its other times in (+01:00)
        (
            _ld(datePublished="2025-03-14T08:30:00")
            + '<meta property="article:published_time" content="2025-03-14T08:37:00+01:00">',
            "2025-03-14T07:30:00Z",
        ),
        # … and as UTC when the page's other times disagree on their offsets
        (
            _ld(datePublished="2025-03-14T08:30:00", dateModified="2025-03-14T09:00:00+02:00")
            + '<meta property="article:published_time" content="2025-03-14T08:37:00+01:00">',
            "2025-03-14T08:30:00Z",
        ),
    ],
)
def test_a_time_without_its_zone_takes_the_zone_the_page_writes_elsewhere(head: str, published: str) -> None:
    article = extract(_page(head), "https://harbourtimes.example/quay")
    assert article.to_json()["published"] == published


def test_an_article_listed_among_other_stories_is_not_the_pages() -> None:
    listed = {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "itemListElement": [
            {"@type": "NewsArticle", "headline": "Ferry fares rise", "datePublished": "2025-01-02T09:00:00Z"},
        ],
    }
    head = f'<script type="application/ld+json">{json.dumps(listed)}</script>' + _ld(
        datePublished="2025-03-14T08:30:00Z", author={"@type": "Person", "name": "Ana Ruiz"}
    )
    article = extract(_page(head), "https://harbourtimes.example/quay")
    assert (article.to_json()["published"], article.authors) == ("2025-03-14T08:30:00Z", ("Ana Ruiz",))


@pytest.mark.parametrize("kind", ["SatiricalArticle", "AskPublicNewsArticle", "AdvertiserContentArticle"])
def test_every_schema_org_kind_of_article_gives_its_times(kind: str) -> None:
    data = {"@context": "https://schema.org", "@type": kind, "datePublished": "2025-03-14T08:30:00+01:00"}
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    assert extract(_page(head), "https://harbourtimes.example/quay").to_json()["published"] == "2025-03-14T07:30:00Z"


_STORY = "".join(
    f"<p>The harbour board in Wendham voted on {day} to rebuild the east quay before the winter storms, and the "
    "ferry berth will move further along the waterfront, its chair said.</p>"
    for day in ("Monday", "Tuesday", "Wednesday")
)


URL = "https://wendhamstar.example/news/x"


def _shown(lang: str, top: str, masthead: str = "") -> str:
    return (
        f'<html lang="{lang}"><head><title>Quay plan</title></head><body>{masthead}<article>'
        f"<h1>Harbour board votes to rebuild the east quay</h1>{top}<div>{_STORY}</div></article></body></html>"
    )


@pytest.mark.parametrize(
    ("lang", "top", "published"),
    [
        # a date element whose class names it in the page's language; its line is no paragraph
        (
            "es",
            '<p class="autor">Por Martina Olmedo</p><p class="fecha">3 de mayo de 2024 - 10:20</p>',
            "2024-05-03T10:20:00Z",
        ),
        ("de", '<div class="artikel-datum">Veröffentlicht am 03.05.2024, 10:20 Uhr</div>', "2024-05-03T10:20:00Z"),
        # a line of only a date below the headline, numbers the page's language writes day first
        ("fr", "<p>Par Martine Olmé</p><p>13/06/2024 à 22h40</p>", "2024-06-13T22:40:00Z"),
        ("nb", "<p>Av Kari Nordvik</p><p>14. desember 2024 kl. 10.05</p>", "2024-12-14T10:05:00Z"),
        ("it", "<p>Di Carla Neri</p><p>05/06/2024</p>", "2024-06-05T00:00:00Z"),
        # an English "Published:" line loose in a cell or a block of its own, not in a date-classed element
        ("en", "<table><tr><td>Published: 2 May 2024</td></tr></table>", "2024-05-02T00:00:00Z"),
        ("en", "<div>By Ana Ruiz</div><div>Published: Tuesday, February 13, 2024</div>", "2024-02-13T00:00:00Z"),
        # American English: 05/06 may be May 6 or 5 June, so no date rather than a wrong one
        ("en-US", "<p>By Ana Ruiz</p><p>05/06/2024</p>", None),
        # Chinese and Japanese write the year first, with signs for year, month, day (and hour, minute)
        ("zh-CN", '<div class="info"><span class="date">2024年5月3日 10:20</span></div>', "2024-05-03T10:20:00Z"),
        ("ja", '<p class="byline">（林健記者）</p><p class="date">2024年5月3日 10時20分</p>', "2024-05-03T10:20:00Z"),
    ],
)
def test_a_date_written_on_the_page_is_read_and_kept_out_of_the_body(
    lang: str, top: str, published: str | None
) -> None:
    article = extract(_shown(lang, top), URL)
    assert article.to_json()["published"] == _as_written(published, lang)
    assert article.body[0].startswith("The harbour board in Wendham voted on Monday")
    if published and (sealed := article.extractor.get("gate")):  # vouched for only with its line in the digest
        moved = _shown(lang, re.sub(r"\d", lambda d: str((int(d.group()) + 1) % 10), top, count=1))
        assert page_digest(moved, URL, encoding=None, rule=None, version=EXTRACTOR_VERSION) != sealed


def test_a_mastheads_date_of_today_is_not_the_storys() -> None:
    masthead = '<header><span class="fecha-hoy">lunes, 7 de diciembre de 2026</span></header>'
    top = '<p>Por Martina Olmedo</p><p class="fecha">3 de mayo de 2024</p>'
    article = extract(_shown("es", top, masthead), "https://wendhamstar.example/news/x")
    assert article.to_json()["published"] == "2024-05-03T00:00:00Z"


_CAR_PARK = (
    "<p>The station car park in Wendham will close for resurfacing from Monday, the rail operator said today.</p>"
    "<p>Drivers are asked to use the leisure centre car park, where a shuttle bus will run every fifteen minutes.</p>"
    "<p>The work is expected to take three weeks and will add forty spaces and two charging points for cars.</p>"
)


def test_a_tickers_time_beside_the_story_is_not_the_storys() -> None:
    ticker = (
        '<div class="ticker"><a href="/x">Ferry timetable changes from July</a> '
        '<time datetime="2024-06-19T08:40:00+01:00">8:40am</time></div>'
    )
    story = '<article><h1>Station car park to close</h1><time datetime="2024-06-18T17:05:00+01:00">18 June</time>'
    article = extract(
        f"<html><body>{ticker}{story}{_CAR_PARK}</article></body></html>", "https://wendhamstar.example/a"
    )
    assert article.to_json()["published"] == "2024-06-18T16:05:00Z"
    assert article.extractor["layers"]["published"] == "generic"
    assert article.extractor.get("gate")  # a <time> of the page: the exact gate vouches for it


def test_a_date_the_story_tells_of_is_no_modified_time() -> None:
    head = '<meta property="article:published_time" content="2024-04-08T09:00:00Z">'
    timeline = (
        '<ul class="dates"><li><time datetime="2023-12-01">1 December</time> Plan drawn up.</li>'
        '<li><time datetime="2024-01-15">15 January</time> Board approves the plan.</li></ul>'
    )
    story = f"<article><h1>Car park to close</h1>{_CAR_PARK}{timeline}</article>"
    page = f"<html><head>{head}</head><body>{story}</body></html>"
    article = extract(page, "https://wendhamstar.example/a")
    assert article.to_json()["published"] == "2024-04-08T09:00:00Z"
    assert article.modified is None


def test_a_comments_time_is_no_update_of_the_story() -> None:
    comments = "".join(
        f'<div class="reply"><b>{who}</b> <time datetime="2024-06-{day}T12:00:00Z">{day} June</time><p>{text}</p></div>'
        for who, day, text in [("Ola", 19, "About time too."), ("Bex", 20, "Where do I park?"), ("Kit", 21, "Good.")]
    )
    story = (
        '<article><h1>Station car park to close</h1><p class="meta"><time datetime="2024-06-18T09:00:00Z">18 June'
        '</time>, updated <time datetime="2024-06-18T11:30:00Z">11:30</time></p>'
    )
    talk = f'<section class="talk">{comments}</section>'
    page = f"<html><body><main>{story}{_CAR_PARK}</article>{talk}</main></body></html>"
    article = extract(page, "https://wendhamstar.example/a").to_json()
    assert (article["published"], article["modified"]) == ("2024-06-18T09:00:00Z", "2024-06-18T11:30:00Z")


@pytest.mark.parametrize(
    ("lang", "page"),
    [
        # a logo's <h1> in the page's header, a masthead's date of today below it
        (
            "en-GB",
            "<header><h1 class='logo'><a href='/'>Wendham Star</a></h1><div class='today'><p>Monday 7 December 2026"
            "</p></div></header><main><h2>Harbour board votes to rebuild the east quay</h2>{story}</main>",
        ),
        # "today" named on the date's box, not on the date's own element
        (
            "en",
            "<div class='masthead'><div class='today-box'><span class='date'>7 December 2026</span></div></div>"
            "<article><h1>Harbour board votes to rebuild the east quay</h1>{story}</article>",
        ),
        # an update's time below the headline moves with every update: no published time
        ("de", "<article><h1>Hafenrat stimmt ab</h1><p>Stand: 04.05.2024</p>{story}</article>"),
        ("fr", "<article><h1>Le quai sera rebâti</h1><p>Mis à jour le 04/05/2024 à 10h20</p>{story}</article>"),
        # American English: "de" in a name says nothing of the date's order
        (
            "en-US",
            "<article><h1>Harbour board votes</h1><div class='byline'>Posted 05/06/2024 by Maria de Souza</div>"
            "{story}</article>",
        ),
        # a word after a date that is no clock's ("um" of a street's name): 05/06 says nothing of its order
        (
            "en-US",
            "<article><h1>Harbour board votes</h1><p class='date'>05/06/2024 · Um Kalthoum Street</p>{story}</article>",
        ),
        # a class that holds "data" is no date's
        (
            "en",
            "<article><h1>Harbour board votes</h1><span class='view-data'>Viewed 1.204 times since 3.4.2021</span>"
            "{story}</article>",
        ),
        # the only <time> of the story says it is the last update's
        (
            "en",
            "<article><h1>Harbour board votes</h1><div class='article-meta'><time datetime='2024-05-04T10:20:00Z'>"
            "Last updated May 4, 2024</time></div>{story}</article>",
        ),
    ],
    ids=[
        "logo and today",
        "today box",
        "Stand",
        "mis à jour",
        "de in a name",
        "um in a street",
        "view data",
        "last updated",
    ],
)
def test_a_date_that_is_not_the_storys_publication_is_not_read_as_it(lang: str, page: str) -> None:
    html = f'<html lang="{lang}"><body>{page.format(story=_STORY)}</body></html>'
    assert extract(html, "https://wendhamstar.example/news/x").published is None


@pytest.mark.parametrize(
    ("lang", "stamp"),
    [
        ("en", 'Updated <time datetime="{modified}">5:12 a.m.</time> · Published <time datetime="{published}">4:58'),
        ("de", 'Aktualisiert am <time datetime="{modified}">20.06.</time> | <time datetime="{published}">Erstellt'),
        ("fr", '<span>Mis à jour le</span> <time datetime="{modified}">20 juin</time> <time datetime="{published}">'),
        ("es", '<p>Actualizado: <b><time datetime="{modified}">05:12</time></b></p><time datetime="{published}">'),
    ],
)
def test_a_time_labelled_an_updates_is_the_modified_time_though_it_comes_first(lang: str, stamp: str) -> None:
    times = stamp.format(modified="2026-06-20T05:12:00+03:00", published="2026-06-20T04:58:00+03:00")
    page = f'<html lang="{lang}"><body><article><h1>Quay vote</h1><div class="stamp">{times}</time></div>'
    article = extract(f"{page}{_STORY}</article></body></html>", "https://wendhamstar.example/news/x").to_json()
    assert (article["published"], article["modified"]) == ("2026-06-20T01:58:00Z", "2026-06-20T02:12:00Z")


def test_a_blog_posts_hatom_times_are_read_and_vouched_for() -> None:
    footer = (
        '<div class="post-footer">Posted by <span class="fn">Wendeline Harrop</span> at '
        '<abbr class="published" title="2026-04-09T18:05:00+01:00">6:05 pm</abbr>, '
        '<abbr class="updated" title="2026-04-10T08:00:00+01:00">edited</abbr></div>'
    )
    page = (
        '<html lang="en-GB"><body><div id="header"><h1>Ostvale Marsh Notes</h1></div><div class="post hentry">'
        f'<h2 class="post-title entry-title">Harbour board votes</h2><div class="post-body">{_STORY}</div>{footer}'
        "</div></body></html>"
    )
    article = extract(page, "https://ostvalemarsh.example/2026/04/quay.html")
    assert (article.to_json()["published"], article.to_json()["modified"]) == (
        "2026-04-09T17:05:00Z",
        "2026-04-10T07:00:00Z",
    )
    assert article.extractor.get("gate")  # the gate covers the elements' titles: it vouches for the times
    # a post never updated is classed both ways (WordPress): its published time, no update
    stamp = '<time class="entry-date published updated" datetime="2026-04-09T18:05:00+01:00">9 April</time>'
    page = f'<html lang="en"><body><article><h1>Harbour board votes</h1><p class="meta">{stamp}</p>{_STORY}'
    once = extract(f"{page}</article></body></html>", "https://wendhamstar.example/news/x").to_json()
    assert (once["published"], once["modified"]) == ("2026-04-09T17:05:00Z", None)


_DATED = '<article><h1>Harbour board votes</h1><p class="date"><time datetime="2026-06-05T09:00:00Z">5 June</time></p>'


@pytest.mark.parametrize(
    "after",
    [
        # a reader's comment, dated as an hAtom entry
        '</article><div id="comments"><div class="comment hentry"><span class="published" title="{when}">9 June'
        "</span><p>Good to see the quay done at last.</p></div></div>",
        '</article><section id="comments"><div class="comment-7 hentry"><abbr class="updated" title="{when}">'
        "9 June</abbr><p>About time.</p></div></section>",
        # a link to the next post, in the story's element
        '<div class="nav-next"><a href="/y">Next: Ferry fares to rise</a> <time class="published" datetime="{when}">'
        "12 June</time></div></article>",
    ],
    ids=["comment published", "comment updated", "next post"],
)
def test_a_comments_or_the_next_posts_time_is_not_the_storys(after: str) -> None:
    page = f'<html lang="en"><body>{_DATED}{_STORY}{after.format(when="2026-06-12T18:00:00Z")}</body></html>'
    article = extract(page, URL).to_json()
    assert (article["published"], article["modified"]) == ("2026-06-05T09:00:00Z", None)


@pytest.mark.parametrize(
    "top",
    [
        "<h1>Ferry timetable for the islands updated</h1>",
        "<h1>Ferry timetable</h1><p class='kicker'>Islands timetable updated</p>",
    ],
    ids=["headline", "kicker"],
)
def test_a_headline_ending_in_updated_is_no_label_of_the_time_below_it(top: str) -> None:
    meta = '<div class="meta"><time datetime="2026-06-05T09:00:00Z">2 hours ago</time></div>'
    article = extract(f'<html lang="en"><body><article>{top}{meta}{_STORY}</article></body></html>', URL).to_json()
    assert (article["published"], article["modified"]) == ("2026-06-05T09:00:00Z", None)


@pytest.mark.parametrize(
    ("stamp", "published", "modified"),
    [
        # labelled an update's: its text is no published date either
        ('<p>Updated <time datetime="2026-06-05T09:00:00Z">5 June 2026</time></p>', None, "2026-06-05T09:00:00Z"),
        # a blog theme's only date, classed "updated": the post's date
        (
            '<p class="meta"><time class="entry-date updated" datetime="2026-06-05T09:00:00Z">5 June 2026</time></p>',
            "2026-06-05T09:00:00Z",
            None,
        ),
    ],
    ids=["labelled", "a theme's only date"],
)
def test_a_time_labelled_an_updates_is_not_read_as_published_from_its_text(
    stamp: str, published: str | None, modified: str | None
) -> None:
    page = f'<html lang="en"><body><article><h1>Harbour board votes</h1>{stamp}{_STORY}</article></body></html>'
    article = extract(page, URL).to_json()
    assert (article["published"], article["modified"]) == (published, modified)


@pytest.mark.parametrize(
    ("lang", "stamp", "published", "modified"),
    [
        ("ko", '<div class="date">수정 2026.06.06 09:12</div>', None, "2026-06-06T09:12:00Z"),
        ("ja", '<p class="date">2026年6月6日 10:00 更新</p>', None, "2026-06-06T10:00:00Z"),
        ("ja", '<p class="date">最終更新：2026年6月6日 10:00</p>', None, "2026-06-06T10:00:00Z"),
        ("zh-CN", '<span class="time">更新于 2026年6月6日 10:00</span>', None, "2026-06-06T10:00:00Z"),
        (
            "ja",
            '<p class="date"><time datetime="2026-06-06T10:00:00+09:00">2026年6月6日 10:00</time> 更新</p>',
            None,
            "2026-06-06T01:00:00Z",
        ),
        # Korean "entered" (published) and "modified"
        (
            "ko",
            '<div class="date">입력 2026.06.05 08:00 | 수정 2026.06.06 09:12</div>',
            "2026-06-05T08:00:00Z",
            "2026-06-06T09:12:00Z",
        ),
    ],
    ids=["ko modified", "ja closing word", "ja last updated", "zh updated at", "ja time", "ko entered and modified"],
)
def test_an_update_stamp_in_chinese_japanese_or_korean_is_no_published_date(
    lang: str, stamp: str, published: str | None, modified: str | None
) -> None:
    article = extract(_shown(lang, stamp), URL).to_json()
    if "datetime=" not in stamp:  # (a <time> states its zone)
        published, modified = _as_written(published, lang), _as_written(modified, lang)
    assert (article["published"], article["modified"]) == (published, modified)


_QUAY = (
    "<p>The harbour board of Saltings voted on Monday to dredge the channel before the autumn storms arrive.</p>"
    "<p>The dredger is due in August, and the ferry will keep to its timetable while it works, the board said.</p>"
)


def _times_of(body: str, after: str = "") -> tuple[str | None, str | None]:
    page = f"<html lang='en'><body><article><h1>Harbour to be dredged</h1>{body}</article>{after}</body></html>"
    article = extract(page, URL).to_json()
    return article["published"], article["modified"]


def test_a_themes_post_date_classed_updated_stays_the_published_time_beside_a_later_time() -> None:
    """Themes class their post's date "updated" for hAtom: beside a date the story tells of, it is still the
    story's published time (only beside a time classed "published" does the class make it an update's)."""
    body = (
        '<time class="entry-date updated" datetime="2025-06-01T09:00:00+00:00">1 June 2025</time>'
        f'{_QUAY}<p>The vote is set for <time datetime="2025-07-15T18:00:00+00:00">15 July</time>.</p>'
    )
    assert _times_of(body)[0] == "2025-06-01T09:00:00Z"


def test_the_next_storys_hatom_times_on_an_endless_scroll_are_not_this_storys() -> None:
    body = f'<time class="entry-date published updated" datetime="2025-06-01T09:00:00+00:00">1 June</time>{_QUAY}'
    after = (
        '<article><h2>Ferry fares to rise</h2><time class="entry-date published" datetime="2025-06-02T08:00:00Z">'
        '2 June</time><time class="updated" datetime="2025-06-04T11:00:00Z">4 June</time><p>Fares rise.</p></article>'
        '<div class="col-right"><div class="hentry"><abbr class="updated" title="2025-06-05T10:00:00Z">5 June</abbr>'
        "</div></div>"
    )
    assert _times_of(body, after) == ("2025-06-01T09:00:00Z", None)


@pytest.mark.parametrize("wrapper", ["page-next", "next-steps", "story-next", "pager-free"])
def test_a_wrapper_named_with_next_or_pager_is_no_post_navigation(wrapper: str) -> None:
    page = (
        f"<html lang='en'><body><div id='{wrapper}'><div class='content'><h1>Harbour to be dredged</h1>"
        f"<time datetime='2025-06-01T09:00:00Z'>1 June 2025</time>{_QUAY}</div></div></body></html>"
    )
    assert extract(page, URL).to_json()["published"] == "2025-06-01T09:00:00Z"


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("2025.06.05 오후 3:20", "2025-06-05T15:20:00Z"),
        ("2025년 6월 5일 오후 3시 20분", "2025-06-05T15:20:00Z"),
        ("2025年6月5日 午後3時20分", "2025-06-05T15:20:00Z"),
        ("2025年6月5日 下午3:20", "2025-06-05T15:20:00Z"),
        ("2025.06.05 오전 9:05", "2025-06-05T09:05:00Z"),
    ],
)
def test_the_afternoon_word_before_a_cjk_time(line: str, iso: str) -> None:
    value = visible_date(line)
    assert value is not None and value.isoformat().replace("+00:00", "Z") == iso


def test_swapping_hatom_classes_changes_the_digest() -> None:
    """The date reading follows an hAtom element's class: the digest holds it, so a swap is read in full."""
    times = (
        '<abbr class="published" title="2025-06-01T09:00:00Z">1 June</abbr>'
        '<abbr class="updated" title="2025-06-03T10:00:00Z">3 June</abbr>'
    )
    page = f"<html lang='en'><body><article><h1>Harbour to be dredged</h1>{times}{_QUAY}</article></body></html>"
    swapped = page.replace('class="published"', 'class="x"').replace('class="updated"', 'class="published"')
    swapped = swapped.replace('class="x"', 'class="updated"')
    digest = page_digest(page, URL, encoding=None, rule=None, version=EXTRACTOR_VERSION)
    assert digest != page_digest(swapped, URL, encoding=None, rule=None, version=EXTRACTOR_VERSION)


@pytest.mark.parametrize(
    ("lang", "stamp", "published"),
    [
        ("cs", '<p class="datum">7. října 2026 08:45</p>', "2026-10-07T08:45:00Z"),
        ("hu", '<span class="date">2026. október 7. 08:45</span>', "2026-10-07T08:45:00Z"),
        ("el", '<span class="date">7 Οκτωβρίου 2026, 08:45</span>', "2026-10-07T08:45:00Z"),
        ("ru", "<p>Опубликовано: 7 октября 2026 г., 08:45</p>", "2026-10-07T08:45:00Z"),
        ("fi", '<div class="meta"><span class="date">7. lokakuuta 2026 klo 8.45</span></div>', "2026-10-07T08:45:00Z"),
        ("vi", '<span class="time">7 tháng 10, 2026 08:45</span>', "2026-10-07T08:45:00Z"),
        ("th", '<span class="date">7 ต.ค. 2569 08:45 น.</span>', "2026-10-07T08:45:00Z"),
        ("lt", "<p>2026 m. spalio 7 d. 08:45</p>", "2026-10-07T08:45:00Z"),
    ],
    ids=["cs", "hu", "el", "ru published", "fi", "vi", "th buddhist era", "lt below headline"],
)
def test_a_date_written_in_more_languages_is_the_published_time(lang: str, stamp: str, published: str) -> None:
    assert extract(_shown(lang, stamp), URL).to_json()["published"] == _as_written(published, lang)


@pytest.mark.parametrize(
    ("lang", "stamp"),
    [
        ("ru", '<span class="date">Обновлено: 8 октября 2026 г., 09:10</span>'),
        ("uk", '<span class="date">Оновлено 8 жовтня 2026, 09:10</span>'),
        ("cs", '<p class="datum">Aktualizováno 8. října 2026 09:10</p>'),
        ("el", '<span class="date">Ενημερώθηκε: 8 Οκτωβρίου 2026, 09:10</span>'),
        ("hu", '<span class="date">Frissítve: 2026. október 8. 09:10</span>'),
        ("id", '<span class="date">Diperbarui 8 Oktober 2026 09:10</span>'),
    ],
    ids=["ru", "uk", "cs", "el", "hu", "id"],
)
def test_an_update_line_in_more_languages_is_the_modified_time_not_the_published(lang: str, stamp: str) -> None:
    article = extract(_shown(lang, stamp), URL).to_json()
    assert (article["published"], article["modified"]) == (None, _as_written("2026-10-08T09:10:00Z", lang))


# an old table layout: no <h1>, the headline a cell's bold text, the date line a cell classed so below it; the
# masthead's date of today and a sidebar's teaser dates are no publication date of the story
_TABLE_PAGE = """<html lang="{lang}"><head><title>Most přes Bystřinu se otevře v létě | Hlas Pomoraví</title></head>
<body><table width="780"><tr><td colspan="3"><img src="/logo.gif" alt="Hlas Pomoraví"></td></tr>
<tr><td class="today" colspan="3"><font size="1">{today}</font></td></tr>
<tr><td width="160" valign="top"><table><tr><td class="sidehead"><b>Nejčtenější</b></td></tr>
<tr><td class="sidelink"><a href="/c.asp?id=1">Radnice vypsala soutěž na nové hřiště</a></td></tr>
<tr><td class="date">{teaser}</td></tr></table></td>
<td width="10"></td><td width="610" valign="top"><table width="610">
<tr><td class="section"><font size="2">Zpravodajství</font></td></tr>
<tr><td class="headline"><font face="Arial" size="5"><b>Most přes Bystřinu se otevře v létě</b></font></td></tr>
<tr><td class="byline"><font size="2">Autorka: Petra Horáková</font></td></tr>
{dateline}
<tr><td class="storytext"><font face="Georgia">{story}<br><br>{story}</font></td></tr></table></td></tr></table>
</body></html>"""
_BRIDGE = (
    "Nový most přes řeku Bystřinu se otevře pro auta i chodce v létě, oznámil ve čtvrtek starosta města. Stavba "
    "skončí o dva měsíce dříve, než se čekalo, protože zima byla mírná a dodávky oceli přišly včas."
)


@pytest.mark.parametrize(
    ("dateline", "published"),
    [
        (
            '<tr><td class="dateline"><font size="1" color="#666666">9. října 2026 14:05</font></td></tr>',
            "2026-10-09T14:05:00Z",
        ),
        ('<tr><td class="date">9. 10. 2026, 14:05</td></tr>', "2026-10-09T14:05:00Z"),
        ("", None),  # no date line: neither the masthead's today nor the teaser's date is the story's
        ('<tr><td class="dateline">Aktualizováno 9. října 2026 14:05</td></tr>', None),  # an update's time
    ],
    ids=["dateline", "date", "none", "updated"],
)
def test_a_date_cell_below_a_table_layouts_headline_cell_is_the_published_time(
    dateline: str, published: str | None
) -> None:
    page = _TABLE_PAGE.format(
        lang="cs", today="pondělí 12. října 2026", teaser="11. října 2026 07:30", dateline=dateline, story=_BRIDGE
    )
    assert extract(page, "https://hlaspomoravi.example/clanek.asp?id=88").to_json()["published"] == _as_written(
        published, "cs"
    )


@pytest.mark.parametrize(
    ("lang", "stamp", "published"),
    [
        ("hr", "<p>7. listopada 2026. u 10:20</p>", "2026-10-07T10:20:00Z"),  # Croatian October
        ("pl", "<p>7 listopada 2026 10:20</p>", "2026-11-07T10:20:00Z"),  # Polish November
        ("", "<p>7. listopada 2026. u 10:20</p>", None),  # which, a page naming no language does not say
        ("th", "<p>03/04/2568 10:20</p>", "2025-04-03T10:20:00Z"),  # a Buddhist-era year in numbers
        ("de", "<p>03/04/2568 10:20</p>", None),  # no year of ours, and no page in Thai
    ],
    ids=["hr october", "pl november", "no language", "th numbers", "not thai"],
)
def test_a_month_or_year_read_by_the_pages_language(lang: str, stamp: str, published: str | None) -> None:
    article = extract(_shown(lang, stamp).replace(' lang=""', ""), URL)
    assert article.to_json()["published"] == _as_written(published, lang)
    assert all(not re.search(r"\d{4}", paragraph) for paragraph in article.body)  # the date line is no paragraph


def test_a_thai_pages_locale_says_its_numbers_hold_a_buddhist_era_year() -> None:
    page = _shown("", "<p>03/04/2568 10:20</p>").replace(' lang=""', "")
    page = page.replace("<head>", '<head><meta property="og:locale" content="th_TH">')
    assert extract(page, URL).to_json()["published"] == _as_written("2025-04-03T10:20:00Z", "th_TH")


# a masthead's cell of the site's name over its date of today, or a list's headline cell and its date past the
# story: none is the story's headline cell and its date
_MASTHEAD_CELLS = """<html lang="en"><head><title>Pier vote splits the harbour council - Wrenfield Gazette</title>
</head><body><table><tr><td class="title">Wrenfield Gazette</td>{masthead}</tr>{masthead_row}</table>
<table><tr><td class="headline"><b>Pier vote splits the harbour council</b></td></tr>{dateline}
<tr><td class="story"><p>{story}</p><p>{story}</p></td></tr></table>{after}</body></html>"""
_PIER = (
    "The harbour council of Wrenfield voted on Tuesday evening to rebuild the old east pier, ending a dispute "
    "that had run for almost two years between the fishermen and the ferry company over the berths."
)


@pytest.mark.parametrize(
    ("cells", "published"),
    [
        ({"dateline": '<tr><td class="dateline">December 1, 2026</td></tr>'}, "2026-12-01T00:00:00Z"),
        ({"masthead": '<td class="date">Monday, December 7, 2026</td>'}, None),
        ({"masthead_row": '<tr><td class="dateline">Monday, December 7, 2026</td></tr>'}, None),
        (
            {
                "after": '<table class="list"><tr><td class="headline"><a href="/y">School roof repaired before '
                'winter</a></td><td class="date">March 3, 2019</td></tr></table>'
            },
            None,
        ),
    ],
    ids=["story's", "masthead's", "masthead's row", "another story's"],
)
def test_only_the_storys_headline_cell_dates_a_table_layout(cells: dict[str, str], published: str | None) -> None:
    fields = {"masthead": "", "masthead_row": "", "dateline": "", "after": ""} | cells
    page = _MASTHEAD_CELLS.format(story=_PIER, **fields)
    if fields["after"]:  # the story in a <div> after the headline's table, a list's table after it
        page = page.replace('<tr><td class="story">', '</table><div class="story">')
        page = page.replace("</p></td></tr></table>", "</p></div>")
    assert extract(page, "https://wrenfieldgazette.example/pier.html").to_json()["published"] == published


# a story's first sentence that opens with a date is the story's, not a date line: a one-letter word ("o", "u", "v",
# "m", "d") is no date's word but beside its date's numbers ("2025 m.", "3 d.", "u 10:20"), a capitalised word no
# time zone's name, a year closing a sentence no year-first date's year
@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("pt", "O 5 de maio de 2025 foi um dia duro."),
        ("pt", "Em 3 set 2025 o time saiu."),
        ("fr", "Le 3 mai 2025 o la la."),
        ("en", "It began in 2024. Nov 5 it ended."),
        ("en", "The ferry ran dry in 2019. Dec 12 was its last day."),
        ("de", "Am 3. 4. 2025 kam der Bus."),
        ("en", "Mac 12, 2025: Acme sold a lot."),
        ("en", "Marta 5, 2025 ends it."),
        ("id", "Pada 3 Mac 2025 ada hujan."),
    ],
    ids=["pt o", "pt set", "fr o", "en year nov", "en year dec", "de spaced", "en mac", "en marta", "id mac"],
)
def test_a_first_sentence_opening_with_a_date_stays_the_storys(lang: str, sentence: str) -> None:
    article = extract(_shown(lang, f"<p>{sentence}</p>"), URL)
    assert (article.to_json()["published"], article.body[0]) == (None, sentence)


@pytest.mark.parametrize(
    ("lang", "stamp", "published"),
    [
        ("lt", "<p>2026 m. spalio 7 d. 08:45</p>", "2026-10-07T08:45:00Z"),
        ("hr", "<p>7. listopada 2026. u 10:20</p>", "2026-10-07T10:20:00Z"),
        ("ru", "<p>7 октября 2026 г. 08:45</p>", "2026-10-07T08:45:00Z"),
        ("hu", "<p>2026. október 7. 08:45</p>", "2026-10-07T08:45:00Z"),
    ],
    ids=["lt m d", "hr u", "ru g", "hu year first"],
)
def test_a_date_lines_short_words_beside_its_numbers_stay_a_date_line(lang: str, stamp: str, published: str) -> None:
    article = extract(_shown(lang, stamp), URL)
    assert article.to_json()["published"] == _as_written(published, lang)
    assert all("2026" not in paragraph for paragraph in article.body)


# a front page's table of headlines, each with its date, or a page whose <title> (a site's name) a cell repeats:
# no cell is the story's headline, and a teaser's date is no publication date
_FRONT_ROWS = "".join(
    f'<tr><td class="headline"><a href="/s{i}">Ferry timetable change number {i} for the winter</a></td></tr>'
    f'<tr><td class="date">March {i + 1}, 2019</td></tr>'
    for i in range(4)
)


@pytest.mark.parametrize(
    ("title", "top"),
    [
        ("Wrenfield Gazette - Ferry timetable change number 0 for the winter", ""),
        ("Wrenfield Gazette | Local news and sport", '<tr><td class="title">Local news and sport</td></tr>'),
        (
            "Wrenfield Gazette Online News",
            '<tr><td class="headline">Wrenfield Gazette Online News</td></tr>'
            '<tr><td class="date">March 3, 2019</td></tr>',
        ),
    ],
    ids=["lead story's title", "site's section title", "site's name"],
)
def test_a_front_pages_table_of_headlines_has_no_published_date(title: str, top: str) -> None:
    page = f"<html><head><title>{title}</title></head><body><table>{top}{_FRONT_ROWS}</table></body></html>"
    assert extract(page, "https://wrenfieldgazette.example/").to_json()["published"] is None


def test_a_cell_repeating_the_whole_title_is_no_headline_on_a_page_not_called_an_article() -> None:
    page = (
        "<html><head><title>Wrenfield Gazette Online News</title></head><body><table>"
        '<tr><td class="headline">Wrenfield Gazette Online News</td></tr><tr><td class="date">March 3, 2019</td></tr>'
        f'<tr><td class="story"><p>{_PIER}</p><p>{_PIER}</p></td></tr></table></body></html>'
    )
    assert extract(page, "https://wrenfieldgazette.example/").to_json()["published"] is None
    article = page.replace("<head>", '<head><meta property="og:type" content="article">')
    assert extract(article, "https://wrenfieldgazette.example/").to_json()["published"] == "2019-03-03T00:00:00Z"


@pytest.mark.parametrize(
    ("lang", "stamp", "published"),
    [
        ("ms", '<p class="date">Mac 12, 2025</p>', "2025-03-12T00:00:00Z"),  # Malay March
        ("en", '<p class="date">Mac 12, 2025</p>', None),  # a word or a name on a page in English
        ("sr", '<p class="datum">5. marta 2025.</p>', "2025-03-05T00:00:00Z"),
        ("de", '<p class="datum">5. Marta 2025</p>', None),
        ("lt", '<p class="data">Liepa 5, 2025</p>', "2025-07-05T00:00:00Z"),
        ("en", '<p class="date">Liepa 5, 2025</p>', None),
    ],
    ids=["ms mac", "en mac", "sr marta", "de marta", "lt liepa", "en liepa"],
)
def test_a_month_name_that_is_a_word_or_a_name_elsewhere_needs_its_language(
    lang: str, stamp: str, published: str | None
) -> None:
    assert extract(_shown(lang, stamp), URL).to_json()["published"] == _as_written(published, lang)


@pytest.mark.parametrize(
    ("opening", "opens"),
    [
        ("Published: 3 May 2025", True),
        ("\u3000\u00a0 Veröffentlicht am 03.05.2025", True),  # any white space before the word (as \s* read it)
        ("\n\tfirst published 3 May", True),
        ("\u200bPublished 3 May", False),  # a zero-width space is no white space: as before
        ("Publishedness", False),
        ("  ", False),
    ],
)
def test_a_published_word_opens_a_line_after_any_white_space(opening: str, opens: bool) -> None:
    """The published word's test strips white space instead of matching it (for speed): the same lines open with
    one as before."""
    assert may_open_published(opening) is opens

"""Headline choice on invented pages in tests/data/pages/headlines, checked against its expected.yaml."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from monitor.extractors import extract
from monitor.extractors.headline import strip_site_name

PAGES = Path(__file__).parent / "data" / "pages" / "headlines"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((PAGES / "expected.yaml").read_text())


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_headline(page: str) -> None:
    expected = EXPECTED[page]
    article = extract((PAGES / page).read_bytes(), expected["url"])
    assert article.headline == expected["headline"], expected["why"]
    assert article.extractor["layers"]["headline"] == expected["layer"], expected["why"]


def test_every_headline_page_has_expectations() -> None:
    assert sorted(p.name for p in PAGES.glob("*.html")) == sorted(EXPECTED)


@pytest.mark.parametrize(
    ("title", "brands", "expected"),
    [
        ("Bakery wins prize | Wrenfield Gazette", {"wrenfieldgazette"}, "Bakery wins prize"),
        ("Bakery wins prize - Sport | Wrenfield Gazette", {"wrenfieldgazette"}, "Bakery wins prize - Sport"),
        # a section set off by the same bar as the site's name behind it is a trail's part
        ("Bakery wins prize | Local news | Wrenfield Gazette", {"wrenfieldgazette"}, "Bakery wins prize"),
        ("Bakery wins prize · Food · Wrenfield Gazette", {"wrenfieldgazette"}, "Bakery wins prize"),
        ("Opinion | Bakery wins | Wrenfield Gazette", {"wrenfieldgazette"}, "Opinion | Bakery wins"),  # no trail
        # a Chinese page sets its section and name off by underscores; a name with one inside is no separator's
        ("北滨港重建北码头计划获通过_社会_北滨日报", {"北滨日报"}, "北滨港重建北码头计划获通过"),
        ("北滨港重建北码头计划获通过_北滨日报", {"北滨日报"}, "北滨港重建北码头计划获通过"),
        # a Korean page glues its section on by a hyphen before its name; "한-미" (Korea and the US) is no section
        ("북빈항 북부두 재건 계획 통과-사회ㅣ북빈일보", {"북빈일보"}, "북빈항 북부두 재건 계획 통과"),
        ("북빈항 정상회담 의제 합의 한-미 | 북빈일보", {"북빈일보"}, "북빈항 정상회담 의제 합의 한-미"),
        # nor is a compound of two names no section's word ("한국-일본", Korea–Japan)
        ("북빈 축구 예선 결승 대진 확정 한국-일본ㅣ북빈일보", {"북빈일보"}, "북빈 축구 예선 결승 대진 확정 한국-일본"),
        (
            "Gazette_tools 2.0 adds a bakery_prize parser",
            {"wrenfieldgazette"},
            "Gazette_tools 2.0 adds a bakery_prize parser",
        ),
        ("Bakery wins prize * Wrenfield Gazette * by Jane Roe", {"wrenfieldgazette"}, "Bakery wins prize"),
        ("駅前のパン屋が全国大会で賞を受賞：ミナト新聞", {"ミナト新聞"}, "駅前のパン屋が全国大会で賞を受賞"),
        ("Gazette | Wrenfield Gazette", {"wrenfieldgazette"}, "Gazette | Wrenfield Gazette"),  # nothing left
        ("Review: the Wrenfield Gazette at 100", {"wrenfieldgazette"}, "Review: the Wrenfield Gazette at 100"),
    ],
)
def test_strip_site_name(title: str, brands: set[str], expected: str) -> None:
    assert strip_site_name(title, brands) == expected


def test_a_page_that_names_itself_nowhere_else_is_headed_by_its_first_heading() -> None:
    page = (
        "<html><body><nav><h2>Sections</h2></nav><div><h2>Ferry timetable changes from June</h2>"
        "<p>The island ferry will run three extra crossings on weekdays from the first of June, the operator said "
        "on Monday, and fares stay the same.</p></div></body></html>"
    )
    article = extract(page, "https://news.example.org/ferry")
    assert article.headline == "Ferry timetable changes from June"
    assert "Ferry timetable" not in " ".join(article.body)


def test_og_title_markup_is_not_part_of_the_headline() -> None:
    story = "<p>The island ferry will run three extra crossings on weekdays from June, its operator said.</p>"
    head = '<meta property="og:title" content="Ferry adds &lt;i&gt;three&lt;/i&gt; crossings from June">'
    article = extract(f"<html><head>{head}</head><body><article>{story}</article></body></html>", "https://x.example/f")
    assert article.headline == "Ferry adds three crossings from June"


_TITLED_STORY = (
    "<p>The island ferry will run three extra crossings on weekdays from the first of June, the operator said on "
    "Monday, and fares stay the same for season ticket holders.</p>"
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Ferry adds three weekday crossings | the island courier", "Ferry adds three weekday crossings"),
        ("Ferry adds three weekday crossings - islandcourier.news", "Ferry adds three weekday crossings"),
        ("Ferry adds three weekday crossings – My newsletter", "Ferry adds three weekday crossings"),
        ("Ferry adds three weekday crossings - Island Courier", "Ferry adds three weekday crossings"),
        ("Ferry adds three weekday crossings - and fares stay the same", None),  # the headline goes on
        ("Ferry adds crossings - Island Courier", None),  # too little before the dash to be sure
    ],
)
def test_a_title_alone_loses_a_site_name_in_any_case(title: str, expected: str | None) -> None:
    page = f"<html><head><title>{title}</title></head><body><article>{_TITLED_STORY}</article></body></html>"
    article = extract(page, "https://news.example.org/ferry")
    assert article.headline == (expected or title)
    assert article.extractor["layers"]["headline"] == "title"


@pytest.mark.parametrize(
    "page", ["blog_name_h1_post_h2.html", "blog_name_h1_jsonld_post_h3.html", "og_tail_names_h1_banner.html"]
)
def test_a_blogs_name_in_the_h1_is_no_visible_headline(page: str) -> None:
    """The <h1> that is the <title>'s site part is the blog's name: not a rewritten headline editors should see."""
    article = extract((PAGES / page).read_bytes(), EXPECTED[page]["url"])
    assert (article.headline, article.extractor.get("visible_headline")) == (EXPECTED[page]["headline"], None)


_SHORT_STORY = (
    "<p>The mayor of Saltings resigned on Monday after eleven years in office, the town council said.</p>"
    "<p>A by-election will be held next month, and the deputy mayor will stand in until then.</p>"
)


@pytest.mark.parametrize(
    ("title", "above"),
    [
        # a header's <h2> names the site: the <title>'s other part is the site's, not a story's
        (
            "Mayor resigns - Saltings Evening Chronicle",
            '<header><h2 class="site-title">Saltings Evening Chronicle</h2>',
        ),
        # an <hgroup>'s <h2> is the standfirst: the <h1> stays the headline
        ("Mayor resigns: Council to hold by-election next month", "<header>"),
    ],
)
def test_a_short_h1_stays_beside_a_header_naming_the_other_part(title: str, above: str) -> None:
    standfirst = "<hgroup><h1>Mayor resigns</h1><h2>Council to hold by-election next month</h2></hgroup>"
    heading = standfirst if above == "<header>" else "<h1>Mayor resigns</h1>"
    page = (
        f"<html><head><title>{title}</title></head><body>{above}</header>"
        f"<article>{heading}{_SHORT_STORY}</article></body></html>"
    )
    assert extract(page, "https://saltings-chronicle.example/mayor").headline == "Mayor resigns"


def test_post_titles_of_a_listing_keep_the_h1_shown() -> None:
    """Twenty post cards' titles in a strip before the story do not push its <h1> out of the headings shown."""
    cards = "".join(f'<div class="card"><h3 class="entry-title">Other story {i}</h3></div>' for i in range(20))
    head = (
        "<title>Council approves harbour dredging plan | Saltings Chronicle</title>"
        '<meta property="og:title" content="Council approves harbour dredging plan">'
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"headline": "Harbour dredging plan: what it means for fishermen"}</script>'
    )
    page = (
        f"<html><head>{head}</head><body><div class='trending'>{cards}</div><article>"
        f"<h1>Council approves harbour dredging plan</h1>{_SHORT_STORY}</article></body></html>"
    )
    assert extract(page, "https://saltings-chronicle.example/dredging").headline == (
        "Council approves harbour dredging plan"
    )


# a Chinese or Japanese headline set with an ideographic space (U+3000) between its parts keeps it: the page's own
# character, which a monitor must not change to an ordinary space (nor report a change when it does)
IDEOGRAPHIC = """<html lang="{lang}"><head><title>{title} | 北浜日報</title>
<meta property="og:site_name" content="北浜日報">{og}<script type="application/ld+json">{ld}</script></head>
<body><main><article><h1>{h1}</h1>
<p>{story}</p><p>{story}</p></article></main></body></html>"""
_SPACED = "北浜港の再開発を可決\u3000来春着工へ"
_STORY = "北浜市の市議会は十日、港湾地区の再開発計画を賛成多数で可決した。工事は来年春に始まる予定だという。"


@pytest.mark.parametrize(
    ("h1", "og", "ld", "expected"),
    [
        # every layer writes it
        (_SPACED, _SPACED, None, _SPACED),
        # JSON-LD and the heading write it, no og:title
        (_SPACED, None, _SPACED, _SPACED),
        # the heading writes it, og:title flattens it: the heading's characters, as readers see them
        (_SPACED, "北浜港の再開発を可決 来春着工へ", None, _SPACED),
        # the source's line break and indent around it are no part of the headline; at its ends it goes
        ("\u3000北浜港の再開発を可決\n  \u3000来春着工へ\u3000", None, None, _SPACED),
        # ordinary white space still collapses to one space
        ("北浜港の再開発を可決 \n\xa0 来春着工へ", None, None, "北浜港の再開発を可決 来春着工へ"),
    ],
    ids=["everywhere", "json-ld", "og-flattened", "source-whitespace", "ordinary"],
)
def test_an_ideographic_space_in_a_headline_is_kept(h1: str, og: str | None, ld: str | None, expected: str) -> None:
    og_tag = f'<meta property="og:title" content="{og}">' if og else ""
    data = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": ld} if ld else {})
    title = (ld or og or h1).strip()
    page = IDEOGRAPHIC.format(lang="ja", title=title, og=og_tag, ld=data, h1=h1, story=_STORY)
    assert extract(page, "https://kitahama-nippo.example/news/2031").headline == expected


_PIER_STORY = (
    "<p>The harbour board of Ostvik voted on Tuesday to rebuild the north pier, which the winter storms left unsafe, "
    "at a cost the board put at four million crowns.</p><p>Work will begin in the spring and last about eighteen "
    "months, the board's chair told reporters after the meeting.</p>"
)


@pytest.mark.parametrize(
    ("og", "h1", "ld"),
    [
        # a headline in sentence case behind a site's name of more words: the <h1> is the story's
        ("Ostvik Evening Ledger Online | North pier rebuilt", "North pier rebuilt", None),
        # JSON-LD names the <h1> as the headline: og:title's other part is the site's
        ("Ostvik Evening Ledger Online | North Pier Rebuilt", "North Pier Rebuilt", "North Pier Rebuilt"),
    ],
    ids=["sentence-case", "json-ld"],
)
def test_an_h1_behind_a_longer_part_of_og_title_stays_the_story(og: str, h1: str, ld: str | None) -> None:
    data = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": ld} if ld else {})
    head = f'<meta property="og:title" content="{og}"><script type="application/ld+json">{data}</script>'
    page = f"<html><head>{head}</head><body><article><h1>{h1}</h1>{_PIER_STORY}</article></body></html>"
    assert extract(page, "https://ostvikledger.example/news/pier").headline == h1


@pytest.mark.parametrize(
    ("h1", "expected"),
    [
        ("Le port d’Ostvik rouvre : les pêcheurs soulagés", "Le port d’Ostvik rouvre : les pêcheurs soulagés"),
        ("Le port d’Ostvik rouvre : vidéo", "Le port d’Ostvik rouvre"),  # the format's label, in French
        ("Le port d’Ostvik rouvre : Le Courrier d’Ostvik", "Le port d’Ostvik rouvre"),  # the site's name
    ],
    ids=["clause", "format", "site"],
)
def test_an_h1s_clause_after_a_french_colon_is_kept_unless_a_label(h1: str, expected: str) -> None:
    head = (
        '<meta property="og:title" content="Le port d’Ostvik rouvre">'
        '<meta property="og:site_name" content="Le Courrier d’Ostvik">'
    )
    page = f'<html lang="fr"><head>{head}</head><body><article><h1>{h1}</h1>{_PIER_STORY}</article></body></html>'
    assert extract(page, "https://courrier-ostvik.example/port").headline == expected

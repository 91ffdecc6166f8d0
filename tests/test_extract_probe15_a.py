"""Headlines, authors and published times on invented pages (probe 15's kinds): a time stated without its zone is
the paper's local clock where the page's language or country names one zone alone, …"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from monitor.extractors import extract
from monitor.extractors.gate import page_digest

STORY = (
    "<p>The council of Kelmsby met on Tuesday evening and agreed, after a debate that ran past midnight, to spend "
    "the reserve fund on the repairs that engineers had asked for since the spring.</p>"
    "<p>Residents who spoke at the meeting said the work was overdue, and several asked that the timetable be "
    "published on the town's website so that families could plan around the closures.</p>"
    "<p>The first phase starts next month and is expected to last eleven weeks, the council's works officer, "
    "Tamsin Orrell, told members.</p>"
)


def _dated(lang: str, stamp: str, head: str = "") -> str:
    return (
        f'<html lang="{lang}"><head><meta charset="utf-8"><title>Brücke über die Kelm wird gesperrt</title>{head}'
        "</head><body><article><h1>Brücke über die Kelm wird gesperrt</h1>"
        f'<div class="meta"><span class="meta__date">{stamp}</span></div>{STORY}</article></body></html>'
    )


@pytest.mark.parametrize(
    ("lang", "head", "stamp", "expected"),
    [
        ("de", "", "03.11.2025, 09:20 Uhr", datetime(2025, 11, 3, 8, 20, tzinfo=UTC)),  # winter: +01:00
        ("de", "", "14.07.2025, 09:20 Uhr", datetime(2025, 7, 14, 7, 20, tzinfo=UTC)),  # summer: +02:00
        (
            "fr-FR",
            '<meta property="og:locale" content="fr_FR">',
            "14.07.2025, 09:20",
            datetime(2025, 7, 14, 7, 20, tzinfo=UTC),
        ),
        ("he", "", "14.07.25, 09:20", datetime(2025, 7, 14, 6, 20, tzinfo=UTC)),
        (
            "",
            '<meta http-equiv="Content-Language" content="pl-PL">',
            "14.07.2025, 09:20",
            datetime(2025, 7, 14, 7, 20, tzinfo=UTC),
        ),
    ],
)
def test_a_visible_time_without_its_zone_is_the_papers_local_clock(
    lang: str, head: str, stamp: str, expected: datetime
) -> None:
    article = extract(_dated(lang, stamp, head), "https://kelmsby-bote.example/lokales/bruecke")
    assert article.published == expected
    assert article.extractor.get("gate")  # the zone's sources are in the digest: the time stays vouched for


@pytest.mark.parametrize(
    ("lang", "head"),
    [
        ("fr", ""),  # France, Canada, West Africa: French alone names no zone
        ("fr", '<meta property="og:locale" content="fr_CA">'),
        ("fr", '<meta property="og:locale" content="fr_FR">'),  # og:locale only confirms: it adds no country
        ("en", ""),
        ("en-US", ""),
        ("es", ""),
        ("pt-BR", ""),
        ("ar", ""),
        ("ja", '<meta property="og:locale" content="en_US">'),  # disagreeing tags: no telling
    ],
)
def test_a_language_of_several_zones_leaves_the_time_as_read(lang: str, head: str) -> None:
    article = extract(_dated(lang, "14.07.2025, 09:20", head), "https://kelmsby-bote.example/lokales/bruecke")
    assert article.published == datetime(2025, 7, 14, 9, 20, tzinfo=UTC)


def test_a_stated_offset_is_kept_whatever_the_language() -> None:
    page = _dated(
        "ja", "2025年7月14日 09:20", '<meta property="article:published_time" content="2025-07-14T09:20:00+02:00">'
    )
    assert extract(page, "https://kelmsby-shimbun.example/a/1").published == datetime(2025, 7, 14, 7, 20, tzinfo=UTC)


def test_a_time_elements_clock_without_offset_is_read_in_the_pages_zone_and_sealed() -> None:
    page = (
        '<html lang="ko"><head><title>켈름스비 다리 통행 제한</title></head><body>'
        "<article><h1>켈름스비 다리 통행 제한</h1>"
        f'<p class="date"><time datetime="2025-09-02T18:05">2025.09.02 18:05</time></p>{STORY}</article></body></html>'
    )
    article = extract(page, "https://kelmsby-ilbo.example/n/77")
    assert article.published == datetime(2025, 9, 2, 9, 5, tzinfo=UTC)
    assert article.extractor.get("gate")


def test_a_zoneless_json_ld_time_is_read_in_the_pages_zone() -> None:
    page = (
        '<html lang="it"><head><title>Ponte sul Kelm chiuso</title><script type="application/ld+json">'
        '{"@type": "NewsArticle", "headline": "Ponte sul Kelm chiuso", "datePublished": "2025-02-10T16:30:00"}'
        f"</script></head><body><article><h1>Ponte sul Kelm chiuso</h1>{STORY}</article></body></html>"
    )
    assert extract(page, "https://kelmsby.example/a").published == datetime(2025, 2, 10, 15, 30, tzinfo=UTC)


def test_local_zone_reads_country_tags_before_bare_languages() -> None:
    from monitor.extractors.dates import local_zone  # noqa: PLC0415 - (new: the other tests run on older code)

    assert str(local_zone(["de", "de_AT"])) == "Europe/Vienna"
    assert str(local_zone(["en", "en-GB"])) == "Europe/London"
    assert local_zone(["sv", "sv-FI"]) is not None and str(local_zone(["sv-FI"])) == "Europe/Helsinki"
    assert local_zone(["en-AU"]) is None and local_zone([]) is None


@pytest.mark.parametrize(
    "edit",
    [
        ('<html lang="de">', '<html lang="en">'),
        ('content="pl-PL"', 'content="en-US"'),
        ('http-equiv="Content-Language"', 'http-equiv="X-Other"'),
    ],
)
def test_an_edit_to_what_names_the_pages_zone_changes_the_digest(edit: tuple[str, str]) -> None:
    page = _dated("de", "14.07.2025, 09:20", '<meta http-equiv="Content-Language" content="pl-PL">')
    assert edit[0] in page
    digest = page_digest(page, "https://kelmsby-bote.example/x", encoding=None, rule=None, version="t")
    edited = page_digest(page.replace(*edit), "https://kelmsby-bote.example/x", encoding=None, rule=None, version="t")
    assert digest != edited


def _bylined(byline: str, head: str = "") -> str:
    return (
        f"<html><head><title>Ferry timetable cut for winter</title>{head}</head><body><article>"
        f'<h1>Ferry timetable cut for winter</h1><div class="meta">{byline}</div>{STORY}</article></body></html>'
    )


@pytest.mark.parametrize(
    ("byline", "head"),
    [
        ('<span class="byline">KESTREL WIRE SERVICE</span>', '<meta name="author" content="KESTREL WIRE SERVICE">'),
        ('<span class="byline">Harbourline News Service</span>', ""),
        ('<span class="byline">By Northfen Press Agency</span>', ""),
        ('<span class="byline">From <a rel="author" href="/author/staff">staff reports</a></span>', ""),
        (
            "",
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ferry timetable cut for winter",'
            ' "author": {"@type": "Person", "name": "Staff and Wire Reports"}}</script>',
        ),
    ],
)
def test_an_agency_or_a_pseudo_byline_is_no_person(byline: str, head: str) -> None:
    assert extract(_bylined(byline, head), "https://kelmsby.example/ferry").authors == ()


def test_a_person_beside_such_words_stays_a_person() -> None:
    page = _bylined('<span class="byline">By Robert Service and Lena Press</span>')
    assert extract(page, "https://kelmsby.example/ferry").authors == ("Robert Service", "Lena Press")


def _headed(title: str, og: str, ld: str, h1: str) -> str:
    return (
        f'<html lang="en"><head><title>{title}</title><meta property="og:title" content="{og}">'
        '<meta property="og:site_name" content="The Kelmsby Herald">'
        f'<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{ld}"}}</script></head>'
        f"<body><article><h1>{h1}</h1>{STORY}</article></body></html>"
    )


@pytest.mark.parametrize("dash", ["–", "—", "-"])
def test_an_h1s_own_dash_clause_is_no_section_label(dash: str) -> None:
    full = f"Council shelves marina car park {dash} harbour campaigners celebrate"
    page = _headed(
        "Council shelves marina car park | The Kelmsby Herald", "Council shelves marina car park", full, full
    )
    assert extract(page, "https://kelmsbyherald.example/marina").headline == full


def test_a_site_name_after_an_h1s_dash_still_goes() -> None:
    page = _headed(
        "Council shelves marina car park",
        "Council shelves marina car park",
        "Council shelves marina car park",
        "Council shelves marina car park – The Kelmsby Herald",
    )
    assert extract(page, "https://kelmsbyherald.example/marina").headline == "Council shelves marina car park"


@pytest.mark.parametrize("kicker", ["Opinion | ", "Column: ", "Letters – "])
def test_og_titles_section_kicker_yields_to_json_ld_and_the_h1(kicker: str) -> None:
    core = "Why the ring road will not fix our traffic"
    page = _headed(f"{kicker}{core} - The Kelmsby Herald", f"{kicker}{core}", core, core)
    assert extract(page, "https://kelmsbyherald.example/op/ring-road").headline == core


def _blog(sidebar: str = "") -> str:
    return (
        '<html lang="en"><head><title>Ostmere Notes: Lock gates to be replaced</title></head><body>'
        '<div class="main section" id="main"><div class="widget Blog" id="Blog1"><div class="blog-posts hfeed">'
        '<div class="post hentry"><h3 class="post-title entry-title">Lock gates to be replaced</h3>'
        f'<div class="post-body entry-content">{STORY}</div><div class="post-footer">'
        '<span class="post-timestamp">at <a class="timestamp-link" href="/2025/05/lock-gates.html" rel="bookmark">'
        '<abbr class="published" itemprop="datePublished" title="2025-05-06T07:40:00+01:00">7:40 AM</abbr></a>'
        f"</span></div></div></div></div></div>{sidebar}</body></html>"
    )


def test_a_blog_posts_hatom_time_in_its_main_blog_widget_is_its_published_time() -> None:
    article = extract(_blog(), "https://ostmerenotes.example/2025/05/lock-gates.html")
    assert article.published == datetime(2025, 5, 6, 6, 40, tzinfo=UTC)
    assert article.extractor.get("gate")


def test_a_sidebar_widgets_hatom_time_still_dates_no_story() -> None:
    page = _blog().replace('title="2025-05-06T07:40:00+01:00"', "")
    page = page.replace(
        "</body>",
        '<div class="sidebar"><div class="widget PopularPosts"><div class="hentry">'
        '<abbr class="published" title="2025-04-01T09:00:00+01:00">1 Apr</abbr></div></div></div></body>',
    )
    assert extract(page, "https://ostmerenotes.example/2025/05/lock-gates.html").published is None


def test_a_drupal_authors_field_names_each_linked_author() -> None:
    byline = (
        '<div class="field field--name-field-authors field--type-entity-reference field--label-inline">'
        '<div class="field__label">By</div><div class="field__items">'
        '<div class="field__item"><a href="/people/mira-talvane">Mira Talvane</a></div>'
        '<div class="field__item"><a href="/people/joss-ebberly">Joss Ebberly</a></div></div></div>'
    )
    assert extract(_bylined(byline), "https://kelmsby.example/ferry").authors == ("Mira Talvane", "Joss Ebberly")


def test_a_signature_blocks_author_element_names_the_author_not_its_place() -> None:
    byline = (
        '<div class="c-signature"><strong class="c-signature__author"><a href="/autores/tiago-morel.shtml">'
        'Tiago Morel</a></strong><span class="c-signature__location">Vale do Kelm</span></div>'
    )
    assert extract(_bylined(byline), "https://kelmsby.example/ferry").authors == ("Tiago Morel",)


def test_a_hebrew_authors_element_names_the_author_and_a_talkbacks_reader_is_none() -> None:
    page = (
        '<html lang="he" dir="rtl"><head><title>המעבורת תצא לחופשת חורף</title></head><body><article>'
        '<h1>המעבורת תצא לחופשת חורף</h1><div class="authors">מאת <a href="/author/x">יעל מזרחי</a></div>'
        f'{STORY}</article><section class="talkbacks"><div class="talkback"><span class="tb-author">אורי, נווה ים'
        "</span></div></section></body></html>"
    )
    assert extract(page, "https://kelmsby.example/he/1").authors == ("יעל מזרחי",)


def test_a_readers_talkback_is_never_the_byline() -> None:
    page = (
        '<html lang="he" dir="rtl"><head><title>המעבורת תצא לחופשת חורף</title></head><body><article>'
        f"<h1>המעבורת תצא לחופשת חורף</h1>{STORY}</article>"
        '<div class="talkback"><span class="tb-author">אורי, נווה ים</span></div></body></html>'
    )
    assert extract(page, "https://kelmsby.example/he/1").authors == ()


def test_a_visible_reporter_stands_when_json_ld_names_only_an_organisation() -> None:
    head = (
        '<meta property="og:site_name" content="Kelm Haber"><meta name="author" content="Kelm Haber">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ferry timetable cut for winter",'
        ' "author": {"@type": "Organization", "name": "Kelm Haber"}}</script>'
    )
    byline = '<div class="muhabir"><img src="/m/1.jpg" alt=""><a href="/muhabir/deniz-aksoy">Deniz Aksoy</a></div>'
    assert extract(_bylined(byline, head), "https://kelmhaber.example/a/1").authors == ("Deniz Aksoy",)


def test_a_content_author_tag_names_the_author_and_the_editor_is_none() -> None:
    head = '<meta name="content_author" content="Sari Wulandari"><meta name="content_editor" content="Bayu Setiadi">'
    byline = (
        '<div class="read__credit"><div class="credit-title-name"><h6>Penulis</h6><a href="/penulis/sari">'
        'Sari Wulandari</a></div> <span>|</span> <div class="credit-title-name"><h6>Editor</h6>'
        '<a href="/editor/bayu">Bayu Setiadi</a></div></div>'
    )
    assert extract(_bylined(byline, head), "https://kelmsby.example/id/1").authors == ("Sari Wulandari",)


@pytest.mark.parametrize(
    ("byline", "name", "other"),
    [
        ('<div class="field field--name-field-authors"><div class="field__item"><a>Mira Talvane</a></div></div>',
         "Mira Talvane", "Mira Talvine"),
        ('<div class="c-signature"><strong class="c-signature__author">Tiago Morel</strong></div>', "Tiago Morel",
         "Tiago Morell"),
        ('<div class="muhabir"><a href="/muhabir/d">Deniz Aksoy</a></div>', "Deniz Aksoy", "Deniz Aksoi"),
    ],
)  # fmt: skip
def test_a_newly_read_byline_is_sealed_and_an_edit_to_it_changes_the_digest(byline: str, name: str, other: str) -> None:
    page = _bylined(byline)
    article = extract(page, "https://kelmsby.example/ferry")
    assert article.authors == (name,) and article.extractor.get("gate")
    digest = page_digest(page, "https://kelmsby.example/ferry", encoding=None, rule=None, version="t")
    edited = page_digest(
        page.replace(name, other), "https://kelmsby.example/ferry", encoding=None, rule=None, version="t"
    )
    assert digest != edited


def test_an_itemprops_time_stated_only_as_text_is_read_on_the_clock_the_page_states_elsewhere() -> None:
    page = (
        '<html lang="pt-BR"><head><title>Balsa do Kelm reduz horários no inverno</title>'
        '<script type="application/ld+json">'
        '{"@type": "NewsArticle", "headline": "Balsa do Kelm reduz horários no inverno",'
        ' "dateModified": "2025-06-03T11:20:00-03:00"}</script></head><body><article>'
        '<h1>Balsa do Kelm reduz horários no inverno</h1><div class="c-more-options">'
        '<time class="c-more-options__published-date" itemprop="datePublished">3.jun.2025 às 9h05</time></div>'
        f"{STORY}</article></body></html>"
    )
    article = extract(page, "https://diariodokelm.example/cotidiano/2025/06/balsa.shtml")
    assert article.published == datetime(2025, 6, 3, 12, 5, tzinfo=UTC)
    assert article.extractor.get("gate")
    digest = page_digest(page, "https://diariodokelm.example/x", encoding=None, rule=None, version="t")
    for edit in (("9h05", "9h15"), ("-03:00", "-02:00")):
        assert (
            page_digest(page.replace(*edit), "https://diariodokelm.example/x", encoding=None, rule=None, version="t")
            != digest
        )


def _table_page(top: str, title: str = "Marsh County Ledger - Local News") -> str:
    paragraphs = "".join(
        f'<p><font face="Arial" size="2">{text}</font></p>'
        for text in (
            "Crews spent Friday pumping water out of the Harlan Street underpass after a storm drain collapsed "
            "beneath the northbound lane late Thursday night.",
            "City engineer Moira Quist said the drain, laid in 1958, had been on the replacement list for years and "
            "would now be rebuilt before the winter.",
            "Traffic is being sent along Fourth Avenue until at least the middle of next week, police said.",
        )
    )
    return (
        f"<html><head><title>{title}</title></head><body><table><tr>"
        '<td width="150"><font size="2"><b>Sections</b><br><a href="/news/">Local News</a><br>'
        '<a href="/sports/">Sports</a></font></td>'
        f'<td width="480"><table><tr><td>{top}{paragraphs}</td></tr></table></td>'
        '<td width="150"><font size="2"><b>Other headlines</b><br><a href="/n/2">School board meets</a></font></td>'
        "</tr></table></body></html>"
    )


def test_a_table_layouts_large_bold_line_is_the_headline_and_the_line_below_it_the_byline() -> None:
    top = (
        '<font face="Georgia" size="5"><b>Storm drain collapse floods Harlan Street underpass</b></font><br>'
        '<font face="Arial" size="2"><b>By Wes Okonjo / Staff Writer</b></font><br>'
    )
    article = extract(_table_page(top), "https://marshledger.example/news/story.asp?id=881")
    assert article.headline == "Storm drain collapse floods Harlan Street underpass"
    assert article.authors == ("Wes Okonjo",)
    assert article.body[0].startswith("Crews spent Friday")
    assert article.extractor.get("gate")


def test_a_bold_lead_sentence_or_a_small_line_is_no_headline() -> None:
    for top in (
        '<font size="2"><b>Storm drain collapse floods the Harlan Street underpass.</b></font><br>',
        '<font size="2">Storm drain collapse floods Harlan Street underpass</font><br>',
    ):
        article = extract(_table_page(top), "https://marshledger.example/news/story.asp?id=881")
        assert article.headline == "Marsh County Ledger - Local News"

"""Authors, headlines and table layouts on invented pages (review 15's kinds): an author element of a photo's or
a quote's is no byline; a dash clause naming the site or the story's format leaves the headline; a bold date
line above a table layout's headline is no headline."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from monitor.extractors import extract

URL = "https://tidings.example/news/ferry-pier"
HEAD_URL = "https://www.example.com/2025/04/ferry-pier"  # a host that names no site
STORY = (
    "<p>The Orrin valley council voted on Tuesday evening to close the old ferry pier for eight weeks of repairs "
    "to its timber pilings, after divers found rot in a third of them.</p>"
    "<p>Councillor Petra Vell said that the nineteen fishing crews who tie up at the pier would move to the south "
    "basin while the work goes on through the spring.</p>"
    "<p>The repairs are expected to cost 2.7 million crowns, shared between the council and the regional port "
    "authority under the agreement signed last year.</p>"
)


def _story(before: str = "", after: str = "") -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ferry pier to close for repairs</title>'
        "</head><body><article><h1>Ferry pier to close for repairs</h1>"
        f"{before}{STORY}{after}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("before", "after", "authors"),
    [
        (  # a photo's credit in its caption, above the byline
            '<figure class="c-photo"><img src="/pier.jpg" alt=""><figcaption>The pier at low tide. '
            '<span class="c-photo__author">Mira Tolland</span></figcaption></figure>'
            '<div class="story-byline">Jonas Brevik</div>',
            "",
            ("Jonas Brevik",),
        ),
        (  # the same with the byline a plain "By" line
            '<figure><img src="/pier.jpg" alt=""><figcaption><span class="c-media__author">Mira Tolland</span>'
            "</figcaption></figure><p>By Jonas Brevik</p>",
            "",
            ("Jonas Brevik",),
        ),
        (  # a pull quote's speaker
            "",
            '<blockquote class="c-pullquote"><p>We cannot let the pier fall into the sea while we argue.</p>'
            '<cite class="c-pullquote__author">Petra Vell</cite></blockquote>',
            (),
        ),
        (  # a photo author's element named before the story's author's
            '<div class="c-story__author">Jonas Brevik</div><div class="c-story__photo-author">Mira Tolland</div>',
            "",
            ("Jonas Brevik",),
        ),
        (  # a video's author element outside any figure
            '<div class="c-video__author">Mira Tolland</div><div class="c-signature__author">Jonas Brevik</div>',
            "",
            ("Jonas Brevik",),
        ),
    ],
    ids=["photo caption", "media caption", "pull quote", "photo-author", "video block"],
)
def test_a_photos_or_a_quotes_author_element_is_no_byline(before: str, after: str, authors: tuple[str, ...]) -> None:
    assert extract(_story(before, after), URL).authors == authors


def test_the_storys_own_author_elements_still_name_it() -> None:
    for byline in (
        '<div class="c-signature__author">Jonas Brevik</div>',
        '<div class="article-author"><a href="/a/jb">Jonas Brevik</a></div>',
    ):
        assert extract(_story(byline), URL).authors == ("Jonas Brevik",), byline


def _headed(h1: str, title: str, head: str = "") -> str:
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:title" content="Ferry pier to close for repairs">{head}</head>'
        f"<body><article><h1>{h1}</h1>{STORY}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("h1", "title", "url"),
    [
        (
            "Ferry pier to close for repairs – Orrin Tidings",
            "Ferry pier to close for repairs | Orrin Tidings",
            HEAD_URL,
        ),
        (
            "Ferry pier to close for repairs – Orrin Tidings",
            "Ferry pier to close for repairs – Orrin Tidings",
            HEAD_URL,
        ),
        (
            "Ferry pier to close for repairs - Orrin Tidings Online",
            "Ferry pier to close for repairs | Orrin Tidings",
            URL,
        ),
        ("Ferry pier to close for repairs – Orrin", "Ferry pier to close for repairs | Orrin Tidings", HEAD_URL),
        ("Ferry pier to close for repairs - OT", "Ferry pier to close for repairs | Orrin Tidings", HEAD_URL),
        ("Ferry pier to close for repairs – OVP", "Ferry pier to close", "https://orrin-valley-post.example/a"),
        ("Ferry pier to close for repairs – video", "Ferry pier to close for repairs | Orrin Tidings", HEAD_URL),
        ("Ferry pier to close for repairs – in pictures", "Ferry pier to close for repairs | Orrin Tidings", HEAD_URL),
        ("Ferry pier to close for repairs - Fotos", "Ferry pier to close for repairs | Orrin Tidings", HEAD_URL),
        ("Ferry pier to close for repairs – live", "Ferry pier to close for repairs | Orrin Tidings", HEAD_URL),
    ],
    ids=[
        "site",
        "site in title alike",
        "site and more",
        "part of site",
        "initials",
        "host",
        "video",
        "pictures",
        "Fotos",
        "live",
    ],
)
def test_a_dash_clause_naming_the_site_or_the_format_leaves_the_h1(h1: str, title: str, url: str) -> None:
    assert extract(_headed(h1, title), url).headline == "Ferry pier to close for repairs"


@pytest.mark.parametrize(
    "title",
    [
        "Ferry pier to close for repairs – crews move south | Orrin Tidings",
        "Ferry pier to close for repairs – crews move south",
        "Ferry pier to close for repairs | Orrin Tidings",
    ],
)
def test_the_h1s_own_dash_clause_stays(title: str) -> None:
    h1 = "Ferry pier to close for repairs – crews move south"
    assert extract(_headed(h1, title), HEAD_URL).headline == h1


def test_a_title_case_dash_clause_after_the_sites_name_in_the_title_stays() -> None:
    h1 = "Ferry Pier to Close for Repairs – Crews Move South"
    html = _headed(h1, f"Orrin Tidings | {h1}")
    assert extract(html, HEAD_URL).headline == h1


def test_a_bold_date_line_above_a_table_layouts_headline_is_no_headline() -> None:
    html = (
        "<html><head><title>Orrin Sentinel</title></head><body><table><tr>"
        '<td valign="top"><a href="/">Home</a><br><a href="/sports">Sports</a></td><td valign="top">'
        '<font size="4"><b>Tuesday, April 22, 2025</b></font><br>'
        '<font size="5"><b>Ferry pier to close for repairs</b></font><br><b>By Jonas Brevik</b>'
        f"{STORY}</td></tr></table></body></html>"
    )
    article = extract(html, "https://orrinsentinel.example/news/pier.html")
    assert article.headline == "Ferry pier to close for repairs"
    assert article.authors == ("Jonas Brevik",)


def _blog(footer: str) -> str:
    return (
        '<!doctype html><html><head><meta charset="utf-8"><title>Orrin Pier Notes: Ferry pier to close</title></head>'
        '<body><div class="content-outer"><div class="sidebar left-sidebar section"><div class="widget PopularPosts">'
        '<h2>Popular posts</h2><div class="post hentry"><h3 class="post-title entry-title">'
        '<a href="/2024/01/fares.html">Ferry fares rise again</a></h3>'
        '<abbr class="published" title="2024-01-05T10:00:00+01:00">January 5, 2024</abbr></div></div></div>'
        '<div class="main section"><div class="widget Blog"><div class="blog-posts hfeed"><div class="post hentry">'
        '<h3 class="post-title entry-title">Ferry pier to close</h3><div class="post-header">'
        '<span class="post-author vcard">Posted by <span class="fn">Jonas Brevik</span></span></div>'
        f'<div class="post-body entry-content">{STORY}</div><div class="post-footer">{footer}</div>'
        "</div></div></div></div></div></body></html>"
    )


def test_a_blog_posts_hatom_time_is_read_when_a_sidebar_entry_comes_first() -> None:
    """A theme sets its sidebar (a "popular posts" widget of hAtom entries) before the main column: the post's
    own ``published`` element, in the main "Blog" widget, dates it — never the sidebar's entry."""
    html = _blog('<abbr class="published" title="2025-04-22T10:00:00+01:00">April 22, 2025</abbr>')
    article = extract(html, "https://orrinpiernotes.example/2025/04/pier.html")
    assert article.published == datetime(2025, 4, 22, 9, 0, tzinfo=UTC)
    assert article.authors == ("Jonas Brevik",)
    assert extract(_blog(""), "https://orrinpiernotes.example/2025/04/pier.html").published is None

"""Breaking stubs of 1–4 short paragraphs in many page templates, generated: each is read as its paragraphs.

tests/data/stubs holds hand-written stubs; these are built from templates (an ``<article>``, a story-body div,
``<br>``-separated text, JSON-LD beside ``<main>``, a bare page, divs for paragraphs, an old table layout, a
header above an article body, microdata, WordPress, a section per paragraph, a picture inside, BEM-named blocks,
and a story beside menus far longer than itself), so every size meets
every template. The body must be the paragraphs exactly — never the headline, the byline, a menu — and the
byline must name its authors.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from monitor.extractors import extract
from monitor.extractors.checks import assess

HEADLINE = "Fire at Eastleigh timber yard"
PARAGRAPHS = (
    "Firefighters are tackling a large blaze at a timber yard on Quarry Road in Eastleigh, the fire service said.",
    "Six crews were sent to the scene shortly after 7am and residents have been told to keep windows closed.",
    "There are no reports of injuries, a spokesperson for the service added.",
    "Police have closed Quarry Road between the roundabout and the railway bridge while crews work.",
)
TERSE = ("Two people were hurt when a bus hit a wall in Eastleigh.", "Police said the road was closed.")
NAV = (
    "<header><a href='/'>Home</a><nav><ul><li><a href='/news'>News</a></li><li><a href='/sport'>Sport</a></li>"
    "</ul></nav></header>"
)
FOOT = "<footer><p>© 2026 Eastleigh Echo. All rights reserved.</p><a href='/privacy'>Privacy</a></footer>"
ASIDE = (
    "<aside><h2>Most read</h2><ol><li><a href='/a'>Council approves new car park for the town centre</a></li>"
    "<li><a href='/b'>School wins national award for its music programme</a></li></ol></aside>"
)
SHARE = "<div class='share-bar'><a href='#f'>Facebook</a> <a href='#t'>Twitter</a> <a href='#e'>Email</a></div>"
MENU = "<div class='menu'>" + " ".join(f"<a href='/s{i}'>Section {i}</a>" for i in range(25)) + "</div>"
LATEST = "<div class='sidebar'><h3>Latest</h3>" + "".join(
    f"<div class='item'><a href='/l{i}'>Other headline number {i} about the town council and its plans</a></div>"
    for i in range(8)
)
BR_LINES = "<br>\n<br>\n"  # a paragraph break written on lines of its own
LD = (
    '<script type="application/ld+json">'
    + json.dumps({"@type": "NewsArticle", "headline": HEADLINE, "author": {"@type": "Person", "name": "Ana Ruiz"}})
    + "</script>"
)


def _p(paragraphs: tuple[str, ...]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def _page(head: str, body: str) -> str:
    return f"<html><head><title>{HEADLINE} | Eastleigh Echo</title>{head}</head><body>{body}</body></html>"


TEMPLATES: dict[str, Callable[[tuple[str, ...]], str]] = {
    "article": lambda ps: _page(
        "",
        f"{NAV}<article><h1>{HEADLINE}</h1><p class='byline'>By Ana Ruiz</p>"
        f"<time datetime='2026-12-06T08:10:00Z'>6 December 2026</time>{_p(ps)}</article>{ASIDE}{FOOT}",
    ),
    "story-body": lambda ps: _page(
        "",
        f"{NAV}<div class='story'><h1>{HEADLINE}</h1><div class='byline'>By <a href='/ana'>Ana Ruiz</a></div>"
        f"<div class='story-body'>{_p(ps)}</div></div>{ASIDE}{FOOT}",
    ),
    "br": lambda ps: _page(
        "",
        f"{NAV}<div id='content'><h1>{HEADLINE}</h1><span class='author'>Ana Ruiz</span>"
        f"<div class='text'>{'<br><br>'.join(ps)}</div></div>{FOOT}",
    ),
    "jsonld-main": lambda ps: _page(
        LD, f"{NAV}<main><h1>{HEADLINE}</h1><p>By Ana Ruiz, Chief Reporter</p>{_p(ps)}</main>{ASIDE}{FOOT}"
    ),
    "bare": lambda ps: _page("", f"<h1>{HEADLINE}</h1><p>By Ana Ruiz</p>{_p(ps)}"),
    "div-paragraphs": lambda ps: _page(
        "",
        f"{NAV}<section class='content'><h1 class='title'>{HEADLINE}</h1><div class='meta'><span class='author-name'>"
        f"Ana Ruiz</span> <span class='date'>6 December 2026, 08:10</span></div>"
        + "".join(f"<div class='para'>{p}</div>" for p in ps)
        + f"</section>{ASIDE}{FOOT}",
    ),
    "table": lambda ps: _page(
        "", f"<table><tr><td>{NAV}</td></tr><tr><td><h1>{HEADLINE}</h1><b>By Ana Ruiz</b><br>{_p(ps)}</td></tr></table>"
    ),
    "header-body": lambda ps: _page(
        "",
        f"{MENU}<article><header><h1>{HEADLINE}</h1><div class='author'>By <a href='/a'>Ana Ruiz</a></div>"
        f"<p class='date'>Published 6 December 2026, 08:10 GMT</p></header><div class='article-body'>{_p(ps)}</div>"
        f"</article>{LATEST}</div>",
    ),
    "wordpress": lambda ps: _page(
        "",
        f"<header class='site-header'><a href='/'>Eastleigh Echo</a></header><div class='entry-header'>"
        f"<h1 class='entry-title'>{HEADLINE}</h1><span class='byline'>By <span class='author vcard'>Ana Ruiz</span>"
        f"</span></div>{SHARE}<div class='entry-content'>{_p(ps)}</div>{SHARE}",
    ),
    "sections": lambda ps: _page(
        "",
        f"<main><h1>{HEADLINE}</h1><div class='byline'>By Ana Ruiz, Chief Reporter</div>"
        + "".join(f"<section class='block'><p>{p}</p></section>" for p in ps)
        + "</main>",
    ),
    "figure-inside": lambda ps: _page(
        "",
        f"<article><h1>{HEADLINE}</h1><p class='author'>Ana Ruiz</p>{_p(ps[:1])}<figure><img src='/a.jpg'>"
        f"<figcaption>Smoke over Quarry Road. Photo: Tom Bell</figcaption></figure>{_p(ps[1:])}</article>",
    ),
    "bem-spans": lambda ps: _page(
        "",
        f"<div class='article'><h1>{HEADLINE}</h1><div class='article__byline'>Ana Ruiz</div>"
        "<div class='article__content'>"
        + "".join(f"<div class='paragraph'><span>{p}</span></div>" for p in ps)
        + "</div></div>",
    ),
    "br-beside-aside": lambda ps: _page(
        "",
        f"{NAV}<main><div class='col'><div class='story-wrap'><h1 class='headline'>{HEADLINE}</h1>"
        f"<div class='byline'>By Ana Ruiz</div><div class='stamp'>06.12.2026 - 08:10</div>{SHARE}"
        f"<div class='story-text'>{'<br><br>'.join(ps)}</div></div>{ASIDE}</div></main>{FOOT}",
    ),
    "br-lines": lambda ps: _page(
        "",
        f"{NAV}<article><h1>{HEADLINE}</h1><p class='byline'>By Ana Ruiz</p>"
        f"<div class='body'>{BR_LINES.join(ps)}</div></article>{LATEST}</div>",
    ),
    "br-consent": lambda ps: _page(
        "",
        "<div id='consent' class='cmp-banner'><p>This site uses cookies. <a href='/privacy'>Privacy</a></p>"
        f"<button>Accept</button></div>{NAV}<main><div class='story-wrap'><h1 class='headline'>{HEADLINE}</h1>"
        f"<div class='byline'>By Ana Ruiz</div>{SHARE}<div class='story-text'>{'<br><br>'.join(ps)}</div></div>"
        f"{ASIDE}</main>{FOOT}",
    ),
    "br-font-table": lambda ps: _page(
        "",
        f"<table><tr><td class='nav'><a href='/'>Home</a> | <a href='/news'>News</a></td></tr><tr><td>"
        f"<font size='5'><b>{HEADLINE}</b></font></td></tr><tr><td class='byline'>By Ana Ruiz</td></tr><tr><td>"
        f"<font face='Arial'>{'<br><br>'.join(ps)}</font></td></tr></table>",
    ),
    "microdata": lambda ps: _page(
        "",
        f"{MENU}<div itemscope itemtype='https://schema.org/NewsArticle'><h1 itemprop='headline'>{HEADLINE}</h1>"
        f"<span itemprop='author'>Ana Ruiz</span><div itemprop='articleBody'>{_p(ps)}</div></div>{LATEST}</div>",
    ),
}


@pytest.mark.parametrize("size", [1, 2, 3, 4])
@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_stub_template(template: str, size: int) -> None:
    paragraphs = PARAGRAPHS[:size]
    article = extract(TEMPLATES[template](paragraphs), "https://echo.example.org/news/timber-yard-fire")
    assert article.body == paragraphs
    assert article.headline == HEADLINE
    assert article.authors == ("Ana Ruiz",)
    assert assess(article, None) is None


@pytest.mark.parametrize("size", [1, 2])
@pytest.mark.parametrize("template", ["microdata", "header-body", "bare"])
def test_terse_stub_beside_long_menus(template: str, size: int) -> None:
    """A stub of one or two short sentences beside menus and link lists several times its length."""
    paragraphs = TERSE[:size]
    page = TEMPLATES[template](paragraphs).replace("<body>", f"<body>{MENU}{LATEST}</div>")
    article = extract(page, "https://echo.example.org/news/bus")
    assert article.body == paragraphs
    assert assess(article, None) is None


FURNITURE = {
    "promo": "<div class='promo'><p>Get the Eastleigh Echo morning briefing in your inbox every weekday. It is "
    "free and you can unsubscribe at any time.</p></div>",
    "cookie": "<div class='notice'><p>We use cookies to give you the best experience on our site. By continuing "
    "to browse you agree to our use of cookies.</p></div>",
}


@pytest.mark.parametrize("furniture", sorted(FURNITURE))
def test_a_one_paragraph_stub_leaves_a_notice_after_the_page_out(furniture: str) -> None:
    """A promotion or a cookie notice after the page, a paragraph of full sentences, is no paragraph of a
    one-paragraph stub (only a paragraph right before the stub's own, in its block, is its lost first one)."""
    page = TEMPLATES["article"](PARAGRAPHS[:1]).replace("</body>", f"{FURNITURE[furniture]}</body>")
    assert extract(page, "https://echo.example.org/news/timber-yard-fire").body == PARAGRAPHS[:1]

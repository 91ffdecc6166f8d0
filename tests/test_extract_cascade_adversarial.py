"""Invented pages made to trip ``monitor.extractors.cascade.Reads``: prunes that apply in part, teaser classes in
odd case, forum threads, texts about trafilatura's size thresholds, tables, text in ``<br>`` runs, empty bodies,
and reads asked in any order. Each read must give what ``bare_extraction`` gives, and leave the tree as it came.
"""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree
from trafilatura import bare_extraction

from monitor.extractors import body, cascade
from monitor.extractors.document import parse

URL = "https://harbourside.example.org/news/bridge"
LINE = "The swing bridge over the canal will stay shut for repairs until the end of the month, the council said. "
MENU = "".join(f"<li><a href='/s/{n}'>Section number {n} of the news</a></li>" for n in range(80))
FORUM = '<script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script>'


def _page(story: str, *, around: str = "", after: str = "", head: str = "", menu: str = MENU) -> str:
    return (
        f"<html><head><title>Bridge</title>{head}</head><body><nav><ul>{menu}</ul></nav>{around}"
        f"<article><h1>Bridge shut for repairs</h1>{story}</article>{after}<footer>© Harbourside</footer></body></html>"
    )


def _text(length: int) -> str:
    return (LINE * (length // len(LINE) + 1))[:length]


PAGES = {
    # prunes that apply in part: some targets match the prune's pattern, near misses do not
    "comments-near-misses": _page(
        f"<p>{LINE * 4}</p><div id='commentary'><p>{LINE}</p></div><div class='no-comments'><p>{LINE}</p></div>"
        f"<ul class='Comment-list'><li>Good news.</li></ul><ol class='commentary'><li>{LINE}</li></ol>"
    ),
    "comments-ol-and-div": _page(
        f"<p>{LINE * 2}</p>",
        after=f"<section id='Comments'><p>{LINE * 3}</p></section><ol id='comol'><li>{LINE}</li></ol>"
        f"<details class='post-comments'><p>{LINE}</p></details><div id='dsq-comments'><p>{LINE}</p></div>",
    ),
    "comments-only": _page("", after=f"<div id='comments'><p>{LINE * 5}</p></div>"),
    "comments-in-list-item": _page(f"<ul><li class='comment'>{LINE * 3}</li></ul><p>{LINE}</p>"),
    "comments-span-not-pruned": _page(f"<p>{LINE}</p><span class='comment'>{LINE * 4}</span>"),
    "scroll-with-h1": _page(
        f"<p>{LINE}</p>", after=f"<div class='infinite-scroll'><h1>Next story</h1><p>{LINE * 8}</p></div>"
    ),
    "scroll-without-h1": _page(f"<p>{LINE}</p>", after=f"<section id='infinitescroll'><p>{LINE * 8}</p></section>"),
    "scroll-upper-case": _page(f"<p>{LINE}</p>", after=f"<div class='Infinite-Scroll'><p>{LINE * 8}</p></div>"),
    "mvp-box-with-h1": _page(
        f"<p>{LINE * 2}</p>", after=f"<aside id='mvp-post-add-box'><h1>More</h1><p>{LINE * 6}</p></aside>"
    ),
    "mvp-near-miss": _page(f"<p>{LINE * 2}</p>", after=f"<div class='mvp-post-add-main'><p>{LINE * 6}</p></div>"),
    "share-buttons": _page(
        f"<p>{LINE * 3}</p><div class='elementor-share-buttons'><a href='/x'>Share</a></div>"
        f"<div class='elementor-widget'><p>{LINE}</p></div>"
    ),
    "share-and-comments-on-forum": _page(
        f"<div class='comment'><p>{LINE}</p></div><div class='elementor-share-buttons'>Share this</div>",
        head=FORUM,
    ),
    # teaser blocks, in odd case and on odd tags
    "teaser-upper": _page(
        f"<p>{LINE}</p>", around="".join(f"<div class='TEASER'><p>{n}. {LINE}</p></div>" for n in range(3))
    ),
    "teaser-id-capital": _page(
        f"<p>{LINE}</p>", around="".join(f"<section id='Teaser{n}'><p>{n}. {LINE}</p></section>" for n in range(3))
    ),
    "teaser-list-items": _page(
        f"<p>{LINE}</p>", around="<ul>" + "".join(f"<li class='teaser'>{n}. {LINE}</li>" for n in range(4)) + "</ul>"
    ),
    "teaser-span-in-p": _page(f"<p>{LINE}</p><p><span class='a-teaser'>{LINE * 2}</span></p>"),
    "teaser-in-long-story": _page("".join(f"<p class='Teaser'>{n}. {LINE * 3}</p>" for n in range(5))),
    # a forum's thread: its comment sections are its posts
    "forum-thread": _page(
        "".join(f"<div class='comment' id='comment-{n}'><p>{n}. {LINE}</p></div>" for n in range(4)), head=FORUM
    ),
    "forum-array-type": _page(
        f"<div id='comments'><p>{LINE * 2}</p></div>",
        head='<script type="application/ld+json">{"@type": ["Thing", "DiscussionForumPosting"]}</script>',
    ),
    # texts about the size floor (MIN_EXTRACTED_SIZE, 250), the stub's floor (1) and the retry for recall
    "under-floor": _page(f"<p>{_text(240)}</p>"),
    "at-floor": _page(f"<p>{_text(250)}</p>"),
    "over-floor": _page(f"<p>{_text(260)}</p>"),
    "tiny": _page("<p>Shut.</p>"),
    "tiny-no-menu": _page("<p>Shut.</p>", menu=""),
    "short-among-long-menus": _page(f"<p>{_text(600)}</p>", menu=MENU * 4),
    "short-in-divs": _page(
        "".join(f"<div>{LINE}</div>" for _ in range(3)),
        after="".join(f"<div class='box'><div>{LINE * 2}</div></div>" for _ in range(6)),
    ),
    "near-escalation-max": _page(f"<p>{_text(2990)}</p>", after=f"<div><div>{_text(16000)}</div></div>"),
    "over-escalation-max": _page(f"<p>{_text(3010)}</p>", after=f"<div><div>{_text(16000)}</div></div>"),
    # tables, <br> runs, empty or odd bodies
    "table": _page(
        "<table><tr><th>Day</th><th>Closed</th></tr>"
        + "".join(f"<tr><td>Day {n}</td><td>{LINE}</td></tr>" for n in range(4))
        + "</table>"
    ),
    "nested-tables": "<html><body><table><tr><td><table><tr><td>"
    + "<br>".join(LINE for _ in range(4))
    + "</td></tr></table></td><td>"
    + MENU
    + "</td></tr></table></body></html>",
    "br-only": f"<html><body>{'<br>'.join(LINE for _ in range(6))}</body></html>",
    "br-only-short": f"<html><body>{LINE}<br><br>Shut.</body></html>",
    "empty-body": "<html><head><title>Bridge</title></head><body></body></html>",
    "whitespace-body": "<html><body>  <div> <p> </p> </div> </body></html>",
    "head-only": "<html><head><title>Bridge shut</title></head></html>",
    "comments-and-doctype": f"<!DOCTYPE html><!-- a note --><html><body><div id='comments'><p>{LINE}</p></div>"
    f"<p>{LINE * 3}</p></body></html>",
    "custom-list-tag": _page(f"<p>{LINE * 2}</p><list class='comment'><p>{LINE}</p></list>"),
    "div-buried-story": _page(
        "<div class='main'>" + "".join(f"<div><span>{n}. {LINE}</span></div>" for n in range(8)) + "</div>",
        after=f"<div id='comments'><div>{LINE * 2}</div></div>",
        menu=MENU * 3,
    ),
    "pruned-and-short": _page(
        f"<p>{LINE}</p>", after=f"<div class='infinite_scroll infinite-scroll'><p>{LINE * 30}</p></div>", menu=MENU * 3
    ),
    # a short story a fifth of the pruned page's text, not of the whole page's: no retry for recall
    "share-of-pruned-page": _page(
        f"<p>{LINE * 3}</p>",
        after="".join(f"<div class='box'><div>{LINE}</div></div>" for _ in range(4))
        + f"<div id='comments'><p>{LINE * 60}</p></div>",
        menu="",
    ),
    "pre-and-quote": _page(f"<blockquote>{LINE * 2}</blockquote><pre>{LINE}</pre><p>{LINE}</p>"),
}

# the orders in which the reads may be asked: "fast", "full", "stub"
ORDERS = [
    ("fast", "full", "stub"),
    ("full", "fast"),
    ("stub", "full"),
    ("fast", "fast", "full"),
    ("fast", "stub", "full"),
    ("full", "full", "fast"),
    ("stub", "fast", "stub", "full"),
]


def _xml(element: etree._Element | None) -> str | None:
    return None if element is None else etree.tostring(element, encoding="unicode")


def _options(read: str) -> dict[str, Any]:
    return {"fast": True} if read == "fast" else {"config": body._stub_config()} if read == "stub" else {}


def _bare(page: str, read: str) -> str | None:
    document = bare_extraction(
        parse(page), url=URL, include_comments=False, include_tables=True, with_metadata=False, **_options(read)
    )
    return _xml(getattr(document, "body", None))


def _read(reads: cascade.Reads, read: str) -> etree._Element | None:
    return reads.fast() if read == "fast" else reads.full(body._stub_config() if read == "stub" else None)


@pytest.mark.parametrize("name", PAGES)
def test_every_order_of_reads_gives_what_bare_extraction_gives(name: str) -> None:
    page = PAGES[name]
    expected = {read: _bare(page, read) for read in ("fast", "full", "stub")}
    for order in ORDERS:
        tree = parse(page)
        before = etree.tostring(tree)
        reads = cascade.Reads(tree, URL)
        bodies = []
        for read in order:
            element = _read(reads, read)
            assert _xml(element) == expected[read], (order, read)
            bodies.append((read, element))
        # a later read changes neither the tree nor what an earlier read gave
        assert etree.tostring(tree) == before, order
        assert [_xml(element) for _, element in bodies] == [expected[read] for read, _ in bodies], order

"""trafilatura's reads of one tree share their work (``monitor.extractors.cascade``) and give what
``bare_extraction`` gives: the fast read, the full cascade after it, a stub's read with the size floor lowered.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree, html
from trafilatura import bare_extraction, core
from trafilatura.settings import DEFAULT_CONFIG

from monitor.extractors import body, cascade
from monitor.extractors.document import parse

DATA = Path(__file__).parent / "data"
URL = "https://quayside.example.net/news/ferry"
SENTENCE = "The ferry to the outer islands will sail twice a day from Monday, the harbour board said. "
MENU = "".join(f"<li><a href='/s/{n}'>Section {n} news</a></li>" for n in range(60))


def _page(story: str, *, around: str = "") -> str:
    return (
        f"<html><head><title>Ferry</title></head><body><nav><ul>{MENU}</ul></nav>{around}"
        f"<article><h1>Ferry sails twice a day</h1>{story}</article><footer>© Quayside</footer></body></html>"
    )


# invented pages that take the cascade's every path: a long story (settled fast), a short one (the full cascade
# after the fast read, a recall retry among long menus), teaser blocks (which only fast mode's recovery keeps), a
# comment section and an infinite-scroll container (pruned from trafilatura's copy), a forum's thread, no text
PAGES = {
    "long": _page("".join(f"<p>{n}. {SENTENCE * 5}</p>" for n in range(6))),
    "short": _page(f"<p>{SENTENCE}</p><p>Tickets go on sale on Friday.</p>"),
    "stub": _page("<p>The ferry ran aground.</p>"),
    "teasers": _page(
        "<p>The ferry ran aground off the point on Sunday.</p>",
        around="".join(f"<div class='Teaser'><p>{n}. {SENTENCE}</p></div>" for n in range(3)),
    ),
    "comments": _page(
        f"<p>{SENTENCE * 4}</p><div id='comments'><p>{SENTENCE}</p></div><ol class='comment-list'><li>Nice.</li></ol>"
    ),
    "scroll": _page(f"<p>{SENTENCE * 3}</p>", around=f"<div class='infinite-scroll'><p>{SENTENCE * 6}</p></div>"),
    "forum": _page(
        f"<div class='comment'><p>{SENTENCE * 2}</p></div>",
        around='<script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script>',
    ),
    "empty": "<html><head><title>Ferry</title></head><body><div> </div></body></html>",
}


def _fixtures() -> Iterator[tuple[str, str | bytes]]:
    yield from PAGES.items()
    for path in sorted(DATA.rglob("*.html")):
        yield str(path.relative_to(DATA)), path.read_bytes()


def _xml(element: etree._Element | None) -> str | None:
    return None if element is None else etree.tostring(element, encoding="unicode")


def _bare(page: str | bytes, **options: Any) -> str | None:
    document = bare_extraction(
        parse(page), url=URL, include_comments=False, include_tables=True, with_metadata=False, **options
    )
    return _xml(getattr(document, "body", None))


def test_another_trafilatura_is_read_through_bare_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reads follow the steps of one trafilatura (``VERIFIED``); under another version each read is
    ``bare_extraction``'s own, from nothing: slower, never different. (After an upgrade, check the steps against
    its ``trafilatura_sequence`` and set VERIFIED to have the shared work again.)"""
    page = next(page for name, page in _fixtures() if isinstance(page, str) and len(page) > 2000)
    calls: list[bool] = []
    real = cascade._bare

    def counted(tree: Any, url: str, *, fast: bool, config: Any) -> Any:
        calls.append(fast)
        return real(tree, url, fast=fast, config=config)

    monkeypatch.setattr(cascade, "_followed", lambda: False)
    monkeypatch.setattr(cascade, "_bare", counted)
    reads = cascade.Reads(parse(page), URL)
    assert _xml(reads.fast()) == _bare(page, fast=True)
    assert _xml(reads.full()) == _bare(page)
    assert calls == [True, False]


def test_the_installed_trafilatura_is_known() -> None:
    """Which way the reads go is the installed version's: the one followed shares work, any other falls back."""
    import trafilatura

    assert cascade._followed() is (trafilatura.__version__ == cascade.VERIFIED)


@pytest.mark.parametrize(("name", "page"), list(_fixtures()), ids=lambda value: value if len(value) < 60 else "")
def test_reads_give_what_bare_extraction_gives(name: str, page: str | bytes) -> None:
    tree = parse(page)
    reads = cascade.Reads(tree, URL)
    fast = _xml(reads.fast())
    full = _xml(reads.full())  # takes over the fast read's main extraction where it is the same
    stub = _xml(reads.full(body._stub_config()))
    assert fast == _bare(page, fast=True)
    assert full == _bare(page)
    assert stub == _bare(page, config=body._stub_config())
    assert etree.tostring(tree) == etree.tostring(parse(page))  # the tree is left as it came
    assert reads.page_chars() == len(core.html2txt(parse(page)))


def _main_extractions(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each of trafilatura's main extractions (not a retry for recall, not a stub's) was a fast read's."""
    calls: list[bool] = []
    extract_content = core.extract_content

    def counted(tree: Any, options: Any) -> Any:
        if options.focus == "balanced" and options.config is DEFAULT_CONFIG:
            calls.append(options.fast)
        return extract_content(tree, options)

    monkeypatch.setattr(core, "extract_content", counted)
    return calls


def test_the_full_cascade_takes_over_the_fast_reads_main_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    """A short story's fast read is not settled: the full cascade after it runs trafilatura's main extraction
    again only when the page has teaser blocks (fast mode's recovery of wild text keeps them)."""
    calls = _main_extractions(monkeypatch)
    assert body.generic_body(parse(PAGES["short"]), URL)
    assert calls == [True]
    calls.clear()
    assert body.generic_body(parse(PAGES["teasers"]), URL)
    assert calls == [True, False]


def test_a_settled_read_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _main_extractions(monkeypatch)
    paragraphs = body.generic_body(html.document_fromstring(PAGES["long"]), URL)
    assert len(paragraphs) == 6
    assert calls == [True]

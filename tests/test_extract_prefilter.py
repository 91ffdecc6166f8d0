"""The byline selectors' pre-filter: a selector is skipped only when it could find nothing on the page."""

from __future__ import annotations

import lxml.html
import pytest

from monitor.extractors.prefilter import Prefiltered

_SELECTORS = Prefiltered((".author", "[class$='-author']", "[rel=author]", "[class^='by-']", "[class*='-writer ']"))


def _may_run(html: str) -> set[str]:
    return {selector.css for selector in _SELECTORS.may_match(lxml.html.fromstring(html))}


def test_a_class_selector_needs_the_whole_word_not_a_longer_name_holding_it() -> None:
    page = "<html><body><div class='post-author-box'>Tove Lindqvist</div><a rel='author noopener'>x</a></body></html>"
    assert _may_run(page) == set()  # "author" only inside longer names: neither selector could match


@pytest.mark.parametrize(
    "html",
    [
        "<div class='card author'>Tove Lindqvist</div>",
        "<div class='author\tbig'>Tove Lindqvist</div>",
        "<div class='box post-author'>Tove Lindqvist</div>",
        "<a rel='author'>Tove Lindqvist</a>",
        "<p class='by-line'>Tove Lindqvist</p>",
        "<p class='the-writer box'>Tove Lindqvist</p>",
        "<p class='x'>Tove <span class='author'>Lindqvist</span></p>",
    ],
)
def test_a_selector_that_matches_is_never_skipped(html: str) -> None:
    tree = lxml.html.fromstring(f"<html><body>{html}</body></html>")
    matching = {selector.css for selector in _SELECTORS.selectors if selector(tree)}
    assert matching
    assert matching <= _may_run(f"<html><body>{html}</body></html>")


def test_a_class_word_holding_a_no_break_space_is_one_word() -> None:
    """XPath's normalize-space (cssselect's class test) parts words on spaces, tabs and line breaks only: a class
    "byline\\xa0x" is one word, which ``.byline\\a0 x`` matches and the pre-filter must not skip."""
    selectors = Prefiltered((".byline\\a0 x", ".byline"))
    tree = lxml.html.fromstring("<html><body><p class='byline\xa0x'>Tove Lindqvist</p></body></html>")
    assert [selector.css for selector in selectors.selectors if selector(tree)] == [".byline\\a0 x"]
    assert [selector.css for selector in selectors.may_match(tree)] == [".byline\\a0 x"]

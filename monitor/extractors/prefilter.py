"""CSS selectors that skip their scan of a page lacking an attribute value they require.

    selectors = Prefiltered(("[rel=author]", ".byline", ...))
    for selector in selectors.may_match(tree):    # in their order, only those the page can satisfy
        found = selector(tree)

Each CSS selector is a full scan of the tree; a list of a dozen costs a dozen scans, most finding nothing. A
selector naming a class (``.byline``), an id or an attribute value (``[itemprop=author]``) can match only where
some element's attribute of that name holds that text, so one scan of those attributes' values tells which
selectors need running at all. The answer is exact: a skipped selector would have found nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import cssselect
from lxml import etree
from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement


class Prefiltered:
    """Selectors, each with the (attribute, text) pairs an element of the page must hold for it to match."""

    def __init__(self, selectors: Iterable[str]) -> None:
        self.selectors = tuple(CSSSelector(css) for css in selectors)
        self._needs = tuple(_needs(cssselect.parse(css)[0].parsed_tree) for css in (s.css for s in self.selectors))
        names = {name for needs in self._needs for name, _ in needs}
        self._values = {name: etree.XPath(f"//@{name}", smart_strings=False) for name in names}

    def may_match(self, tree: HtmlElement) -> Iterator[CSSSelector]:
        """The selectors, in order, except those whose required attribute text the page holds nowhere."""
        texts: dict[str, str] = {}  # an attribute's values on the page, read when a selector first needs them
        for selector, needs in zip(self.selectors, self._needs, strict=True):
            for name, _ in needs:
                if name not in texts:
                    texts[name] = "\x00".join(self._values[name](tree))
            if all(text in texts[name] for name, text in needs):
                yield selector


def _needs(tree: object) -> tuple[tuple[str, str], ...]:
    """The (attribute, text) pairs some element must hold for the parsed selector ``tree`` to match anywhere."""
    out: list[tuple[str, str]] = []
    while tree is not None:
        if isinstance(tree, cssselect.parser.CombinedSelector):
            out.extend(_needs(tree.subselector))
        elif isinstance(tree, cssselect.parser.Class):
            out.append(("class", tree.class_name))
        elif isinstance(tree, cssselect.parser.Hash):
            out.append(("id", tree.id))
        elif isinstance(tree, cssselect.parser.Attrib):
            value = tree.value.value if tree.value is not None else None
            if tree.operator != "exists" and value and tree.flag is None and tree.namespace is None:
                out.append((tree.attrib, value))
        # a negation's or a function's arguments require nothing; the element they qualify still may
        tree = getattr(tree, "selector", None)
    return tuple((name, text) for name, text in out if name.isidentifier() or name.replace("-", "_").isidentifier())

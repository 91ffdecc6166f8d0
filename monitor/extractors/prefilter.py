"""CSS selectors that skip their scan of a page lacking an attribute value they require.

    selectors = Prefiltered(("[rel=author]", ".byline", ...))
    for selector in selectors.may_match(tree):    # in their order, only those the page can satisfy
        found = selector(tree)

Each CSS selector is a full scan of the tree; a list of a dozen costs a dozen scans, most finding nothing. A
selector naming a class (``.byline``), an id or an attribute value (``[itemprop=author]``) can match only where
some element's attribute of that name holds that text, so one scan of those attributes' values tells which
selectors need running at all. The answer is exact: a skipped selector would have found nothing. Each test is
as close as the operator allows: ``.author`` needs the word "author" in some class (not "post-author"),
``[class$='-author']`` a class ending so, ``[rel=author]`` a rel of just "author".

The page's values are read once for all of a page's readers that ask (``PageValues``): a reader may test them
before a scan of its own (no element classed "published" on a page whose classes never say the word).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import cssselect
from lxml import etree
from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement


class PageValues:
    """One page's values of the attributes its readers ask for, each attribute's read (one scan of the page) when
    first asked. Made for one read of one page: it holds its tree."""

    def __init__(self, tree: HtmlElement) -> None:
        self._tree = tree
        self._texts: dict[str, str] = {}

    def text(self, name: str) -> str:
        """The values of attribute ``name`` on the page (every element's, as ``//@name`` finds them), each set off
        by NUL on both sides (no attribute value holds one)."""
        if (text := self._texts.get(name)) is None:
            text = self._texts[name] = "\x00" + "\x00".join(_values(name)(self._tree)) + "\x00"
        return text

    def has_word(self, name: str, word: str) -> bool:
        """Whether some value of attribute ``name`` holds ``word`` as one of its words, split on XML's white space
        (as XPath's normalize-space splits them: a no-break space is part of a word)."""
        held = self.text(name)
        if _GAPS.intersection(word):
            return False  # (no word of a value holds a gap)
        at = held.find(word)
        while at >= 0:  # (a word's occurrences only, not every value's words: a page's classes hold thousands)
            if held[at - 1] in _GAPS and held[at + len(word)] in _GAPS:
                return True
            at = held.find(word, at + 1)
        return False


@cache  # (one per attribute name the code asks for)
def _values(name: str) -> etree.XPath:
    return etree.XPath(f"//@{name}", smart_strings=False)


class Prefiltered:
    """Selectors, each with the (attribute, text, how) triples an element of the page must hold for it to match."""

    def __init__(self, selectors: Iterable[str]) -> None:
        self.selectors = tuple(CSSSelector(css) for css in selectors)
        self._needs = tuple(_needs(cssselect.parse(css)[0].parsed_tree) for css in (s.css for s in self.selectors))

    def may_match(self, tree: HtmlElement, values: PageValues | None = None) -> Iterator[CSSSelector]:
        """The selectors, in order, except those whose required attribute text the page holds nowhere (``values``:
        the page's, when other readers of the page share them)."""
        values = values or PageValues(tree)  # (an attribute's values read when a selector first needs them)
        for selector, needs in zip(self.selectors, self._needs, strict=True):
            if all(_held(values, name, text, how) for name, text, how in needs):
                yield selector


def _held(values: PageValues, name: str, text: str, how: str) -> bool:
    """Whether some value of attribute ``name`` can satisfy the selector's test ``how`` of ``text``: each test here
    is implied by cssselect's own (a class's words split on XML's white space, as XPath's normalize-space splits
    them: a no-break space is part of a word)."""
    held = values.text(name)
    if how == "equals":
        return f"\x00{text}\x00" in held
    if how == "prefix":
        return f"\x00{text}" in held
    if how == "suffix":
        return f"{text}\x00" in held
    if how == "word":
        return values.has_word(name, text)
    return text in held  # "contains"


_GAPS = frozenset("\x00 \t\r\n")  # what parts a value's words: NUL and XPath's white space


# what each attribute operator requires of some value: "=" the text, "^=" and "|=" ("b" or "b-…") a value
# starting with it, "$=" one ending with it, "~=" a word of it, "*=" the text anywhere ("!=" nothing)
_HOW = {"=": "equals", "^=": "prefix", "|=": "prefix", "$=": "suffix", "~=": "word", "*=": "contains"}


def _needs(tree: object) -> tuple[tuple[str, str, str], ...]:
    """The (attribute, text, how) triples some element must hold for the parsed selector ``tree`` to match
    anywhere."""
    out: list[tuple[str, str, str]] = []
    while tree is not None:
        if isinstance(tree, cssselect.parser.CombinedSelector):
            out.extend(_needs(tree.subselector))
        elif isinstance(tree, cssselect.parser.Class):
            out.append(("class", tree.class_name, "word"))
        elif isinstance(tree, cssselect.parser.Hash):
            out.append(("id", tree.id, "equals"))
        elif isinstance(tree, cssselect.parser.Attrib):
            value = tree.value.value if tree.value is not None else None
            how = _HOW.get(tree.operator)
            if how and value and tree.flag is None and tree.namespace is None:
                out.append((tree.attrib, value, how))
        # a negation's or a function's arguments require nothing; the element they qualify still may
        tree = getattr(tree, "selector", None)
    return tuple(
        (name, text, how) for name, text, how in out if name.isidentifier() or name.replace("-", "_").isidentifier()
    )

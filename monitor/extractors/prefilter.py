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
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import cssselect
from lxml import etree
from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement


class Prefiltered:
    """Selectors, each with the (attribute, text, how) triples an element of the page must hold for it to match."""

    def __init__(self, selectors: Iterable[str]) -> None:
        self.selectors = tuple(CSSSelector(css) for css in selectors)
        self._needs = tuple(_needs(cssselect.parse(css)[0].parsed_tree) for css in (s.css for s in self.selectors))
        names = {name for needs in self._needs for name, _, _ in needs}
        self._values = {name: etree.XPath(f"//@{name}", smart_strings=False) for name in names}

    def may_match(self, tree: HtmlElement) -> Iterator[CSSSelector]:
        """The selectors, in order, except those whose required attribute text the page holds nowhere."""
        texts: dict[str, str] = {}  # an attribute's values on the page, read when a selector first needs them
        tokens: dict[str, frozenset[str]] = {}  # and their words, split when a selector first needs them
        for selector, needs in zip(self.selectors, self._needs, strict=True):
            for name, _, _ in needs:
                if name not in texts:  # each value set off by NUL on both sides (no attribute value holds one)
                    texts[name] = "\x00" + "\x00".join(self._values[name](tree)) + "\x00"
            if all(_held(texts[name], text, how, tokens, name) for name, text, how in needs):
                yield selector


def _held(values: str, text: str, how: str, tokens: dict[str, frozenset[str]], name: str) -> bool:
    """Whether some value (of ``values``, NUL-separated) can satisfy the selector's test ``how`` of ``text``: each
    test here is implied by cssselect's own (a class's words split on XML's white space, as XPath's
    normalize-space splits them: a no-break space is part of a word)."""
    if how == "equals":
        return f"\x00{text}\x00" in values
    if how == "prefix":
        return f"\x00{text}" in values
    if how == "suffix":
        return f"{text}\x00" in values
    if how == "word":
        if text not in values:  # (cheap, and most often the answer)
            return False
        if name not in tokens:
            tokens[name] = frozenset(_WORD_GAP.split(values))
        return text in tokens[name]
    return text in values  # "contains"


_WORD_GAP = re.compile(r"[\x00 \t\r\n]+")  # what parts a value's words: NUL and XPath's white space


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

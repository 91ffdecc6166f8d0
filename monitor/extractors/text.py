"""Small text helpers shared by the extractor layers: whitespace, element text, class names."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the checking process uses the text helpers without ever loading lxml
    from lxml.html import HtmlElement


def clean(text: str | None) -> str:
    """Collapse every whitespace run to one space and trim (also unescapes stray HTML entities)."""
    if not text:
        return ""
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())  # (str.split knows the same white space as the regex \s: the same, faster)


_IDEOGRAPHIC_SPACE = "\u3000"  # Chinese and Japanese typesetting's full-width space: a headline's own character
_SPACE_RUN = re.compile(r"\s+")


def clean_heading(text: str | None) -> str:
    """:func:`clean` for a headline, which keeps the page's own characters: a white space run holding an
    ideographic space (U+3000, "…正式決定\u30002031年…") is that space (as many as it holds), not an ordinary
    one, and a lone no-break space ("… for\u00a0now", a French "Pourquoi\u202f?") stays one; every other run
    collapses to one space, as :func:`clean` does."""
    if not text or not any(space in text for space in _HEADING_SPACES):
        return clean(text)
    text = html.unescape(text) if "&" in text else text
    return _SPACE_RUN.sub(_heading_space, text.strip())


def _collapsed(text: str) -> str:
    """``text`` trimmed, each white space run one space, or the ideographic spaces it holds."""
    if _IDEOGRAPHIC_SPACE not in text:
        return " ".join(text.split())
    return _SPACE_RUN.sub(_space, text.strip())  # (str.strip takes U+3000 off the ends too)


def _space(run: re.Match[str]) -> str:
    return _IDEOGRAPHIC_SPACE * run.group().count(_IDEOGRAPHIC_SPACE) or " "


_NO_BREAK_SPACES = frozenset("\u00a0\u202f")  # (narrow) no-break space: set where a line must not break
_HEADING_SPACES = (_IDEOGRAPHIC_SPACE, *_NO_BREAK_SPACES)


def _heading_space(run: re.Match[str]) -> str:
    return run.group() if run.group() in _NO_BREAK_SPACES else _space(run)


_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);?")
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_MAX_ESCAPES = 3


def plain_text(value: str) -> str:
    """A metadata string as a reader sees it: HTML entities decoded however many times the CMS escaped them
    ("&amp;amp;#8217;" → "’"), markup taken out ("<em>new</em>" → "new"), whitespace collapsed as in a headline."""
    for _ in range(_MAX_ESCAPES):
        if "&" not in value or not _ENTITY.search(value):
            break
        value = html.unescape(value)
    if "<" in value:
        value = _TAG.sub("", value)
    return _collapsed(value)  # (a headline's ideographic space kept: ``clean_heading``)


_SPLIT = re.compile(r"[-_\s:]+|(?<=[a-z])(?=[A-Z])")


def element_text(element: HtmlElement) -> str:
    """The visible text of one element, whitespace-normalised, inline tags joined without extra spaces."""
    return clean(element.text_content())


BLOCKS = frozenset({"div", "p", "li", "header", "h2", "h3", "h4"})  # set on lines of their own


def element_lines(element: HtmlElement, skip: Callable[[HtmlElement], bool] | None = None) -> list[str]:
    """The lines an element shows, whitespace-normalised: a ``<br>`` and each block child's edges break a line
    (``<p>By Ana Ruiz</p><p>6 May 2026</p>`` → ["By Ana Ruiz", "6 May 2026"]), inline tags join as in
    :func:`joined`; a descendant ``skip`` says yes to only breaks the line."""
    return [line for line in (clean(text) for text in joined(text_pieces(element, skip)).split("\n")) if line]


def text_pieces(element: HtmlElement, skip: Callable[[HtmlElement], bool] | None = None) -> list[str]:
    """The texts of ``element`` in order, "\n" at a line break and at each block element's edges (and in place
    of each descendant ``skip`` says yes to)."""
    out: list[str] = []
    _pieces(element, out, skip)
    return out


def _pieces(element: HtmlElement, out: list[str], skip: Callable[[HtmlElement], bool] | None) -> None:
    if not isinstance(element.tag, str) or element.tag in ("script", "style"):
        return
    block = element.tag in BLOCKS
    if block or element.tag == "br":
        out.append("\n")
    if element.text:
        out.append(element.text.replace("\n", " "))  # a newline in the page's source is a space on the screen
    for child in element:
        if skip is not None and skip(child):
            out.append("\n")
        else:
            _pieces(child, out, skip)
        if child.tail:
            out.append(child.tail.replace("\n", " "))
    if block:
        out.append("\n")


def joined(pieces: Iterable[str]) -> str:
    """Texts joined as they read: a line break ("\n") is a space, and so is the seam between two elements when
    the one ends a word and the next starts one with a capital ("<span>Hafen</span><span>Kaimauer</span>" →
    "Hafen Kaimauer"); "CDU</b>-Spitze" stays one word."""
    text = ""
    for piece in pieces:
        if piece == "\n":
            text += "\n"
        elif text[-1:].isalnum() and piece[:1].isupper() and text[-1:].islower():
            text += " " + piece
        else:
            text += piece
    return text


def class_tokens(element: HtmlElement) -> set[str]:
    """Lower-case words of an element's class and id: ``"article__share-bar"`` → {article, share, bar}."""
    names, name = element.get("class"), element.get("id")
    if not (names or name):
        return set()  # (most elements are named by neither)
    return set(name_tokens(f"{names or ''} {name or ''}"))


@lru_cache(maxsize=8192)
def name_tokens(names: str) -> frozenset[str]:
    """Lower-case words of a class and id string (pages repeat a few names many times: cached)."""
    words = names.split()  # a name never spans white space: each class's words are cached on their own
    return word_tokens(words[0]) if len(words) == 1 else frozenset().union(*map(word_tokens, words))


@lru_cache(maxsize=16384)
def word_tokens(name: str) -> frozenset[str]:
    """Lower-case words of one class or id name (sites share most class names: "container", "col-md-8")."""
    if name.islower():  # no capital to split at ("sr-only" splits at its dash all the same): no regex
        return frozenset(token.lower() for token in name.replace("-", " ").replace("_", " ").replace(":", " ").split())
    return frozenset(token.lower() for token in _SPLIT.split(name.replace("sr-only", "srOnly")) if token)


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://", "//", "www."))


def unique(items: list[str]) -> tuple[str, ...]:
    """Keep the first of each case-insensitive duplicate, in order."""
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        key = item.casefold()
        if item and key not in seen:
            seen.add(key)
            out.append(item)
    return tuple(out)

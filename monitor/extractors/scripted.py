"""The story's HTML in a script-built page's own data: the last resort before refusing it as text-less.

An app page (Next.js, Nuxt and the like) may ship its article only inside its scripts, as an HTML string in the
state it hydrates from (``"contentHtml": "<p>…</p>"``, a React Server Components text chunk); the HTML shows no
story text, so the page would be refused and the story never tracked. Such a page is read from its scripts only
when nothing else gave a story: the string literals of its inline scripts are decoded (JSON escapes, and a
string within a string, as app state nests them), the HTML fragments among them holding paragraphs are read like
a page, and the one with the most text is the story — if the page's own headline is written in it, so a teaser,
a consent notice or another story's HTML is never taken for this one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from lxml import html
from lxml.html import HtmlElement

__all__ = ["script_story"]

_LITERAL = re.compile(r'"((?:[^"\\]|\\.){200,})"', re.DOTALL)  # a JSON/JS string literal of some length
_PARAGRAPH = re.compile(r"<p[\s>]", re.IGNORECASE)
_NESTED = ('\\"', "\\u003c", "\\u003C")  # a decoded string that still holds escaped strings or markup
_MAX_DEPTH = 3  # strings within strings within strings: as deep as app state nests them
_MIN_PARAGRAPHS = 2  # an HTML fragment with fewer <p>s is a snippet (a caption, a teaser), not a story
_HEADLINE_SHARE = 0.5  # of the headline's character pairs the story's text holds at least
_SKIP_TYPES = ("ld+json",)  # JSON-LD is read by its own layer


def script_story(tree: HtmlElement, headline: str) -> str | None:
    """The HTML of the story in the page's script data, or None: the fragment with the most paragraph text
    among those that hold at least two paragraphs and the headline's words."""
    pairs = _pairs(headline)
    if not pairs:
        return None
    best, best_chars = None, 0
    seen: set[str] = set()
    for fragment in _fragments(tree):
        if fragment in seen:
            continue
        seen.add(fragment)
        text = _text(fragment)
        if len(text) > best_chars and len(pairs & _pairs(text)) >= _HEADLINE_SHARE * len(pairs):
            best, best_chars = fragment, len(text)
    return best


def _fragments(tree: HtmlElement) -> Iterator[str]:
    for script in tree.iter("script"):
        kind = script.get("type") or ""
        if script.get("src") or any(skip in kind for skip in _SKIP_TYPES) or not script.text:
            continue
        if "json" in kind:  # data, not code: its strings are read as JSON reads them
            yield from _html_in(script.text.strip(), -1)
        else:
            yield from _html_strings(script.text, 0)


def _html_strings(code: str, depth: int) -> Iterator[str]:
    """The decoded string literals in ``code`` that are HTML with paragraphs, looking into strings that are
    JSON or hold escaped strings in turn."""
    for match in _LITERAL.finditer(code):
        try:
            value = json.loads(f'"{match.group(1)}"')
        except ValueError:
            continue
        yield from _html_in(value, depth)


def _html_in(value: str, depth: int) -> Iterator[str]:
    """``value`` when it is HTML with paragraphs; else the HTML strings inside it, when it is JSON or code
    holding escaped strings."""
    if depth + 1 < _MAX_DEPTH and value.lstrip()[:1] in ("{", "["):
        try:
            data = json.loads(value)
        except ValueError:
            pass
        else:
            for text in _strings(data):
                yield from _html_in(text, depth + 1)
            return
    if len(_PARAGRAPH.findall(value)) >= _MIN_PARAGRAPHS:
        yield value
    elif depth + 1 < _MAX_DEPTH and any(mark in value for mark in _NESTED):
        yield from _html_strings(value, depth + 1)


def _strings(data: object) -> Iterator[str]:
    """Every string in decoded JSON, in order."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for item in data.values():
            yield from _strings(item)
    elif isinstance(data, list):
        for item in data:
            yield from _strings(item)


def _text(fragment: str) -> str:
    try:
        root = html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, TypeError):
        return ""
    return " ".join(" ".join(p.text_content().split()) for p in root.iter("p"))


def _pairs(text: str) -> set[str]:
    """Pairs of neighbouring letters or digits, case-folded, within words: a measure of shared wording that
    needs no word splitting (Korean, Japanese and Chinese run words together)."""
    out: set[str] = set()
    for word in re.findall(r"[^\W_]+", text.casefold()):
        out.update(word[i : i + 2] for i in range(len(word) - 1))
    return out

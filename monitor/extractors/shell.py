"""Recognise a page that builds its text with JavaScript: an app shell with (almost) no text in the HTML.

Used only to explain a page with no story text, so an operator knows the fetched HTML holds none: its text
arrives later, from scripts. The story is not read out of the scripts' data (``__NEXT_DATA__`` and the like):
their shapes differ from site to site and mix the story with teasers, and a wrong body would alert editors.
"""

from __future__ import annotations

import copy
import re

from lxml.html import HtmlElement

from monitor.extractors.text import clean

__all__ = ["script_built"]

MAX_TEXT = 500  # characters of visible text an app shell shows at most (a menu, a footer, a notice)
MIN_CODE = 5000  # characters of inline script that, next to so little text, make a page an app
_STATE = re.compile(
    r"__NEXT_DATA__|__NUXT__|__NUXT_DATA__|__INITIAL_STATE__|__PRELOADED_STATE__|__APOLLO_STATE__|__remixContext"
    r"|__sveltekit|window\.__[A-Za-z_]+__\s*="
)
_APP_ROOTS = frozenset({"root", "app", "__next", "__nuxt", "___gatsby", "svelte", "app-root"})
_NOT_SHOWN = ("script", "style", "noscript", "template")


def script_built(tree: HtmlElement) -> bool:
    """True when the page shows almost no text and is an app: it carries an app's state data, an empty app
    root (``<div id="__next">``), a ``<noscript>`` notice or far more script than text."""
    shown = _shown_text(tree)
    if shown > MAX_TEXT:
        return False
    scripts = list(tree.iter("script"))
    if any(_STATE.search(f"{script.get('id') or ''} {(script.text or '')[:2000]}") for script in scripts):
        return True
    roots = [el for el in tree.iter() if isinstance(el.tag, str) and el.get("id") in _APP_ROOTS]
    if any(not clean(root.text_content()) for root in roots):
        return True
    if any("javascript" in el.text_content().lower() for el in tree.iter("noscript")):
        return True
    code = sum(len(script.text or "") for script in scripts if "json" not in (script.get("type") or ""))
    return code >= MIN_CODE and code > 10 * shown


def _shown_text(tree: HtmlElement) -> int:
    body = tree.find("body")
    if body is None:
        return 0
    body = copy.deepcopy(body)
    for element in list(body.iter(*_NOT_SHOWN)):
        if element.getparent() is not None:
            element.drop_tree()
    return len(clean(body.text_content()))

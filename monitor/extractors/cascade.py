"""trafilatura's main-text cascade, run for the reads of one tree so that they share their work.

The body's generic read asks trafilatura up to three times about one tree: a fast read (its own rules only),
the full cascade when the fast read may not be settled, and a stub's read (its size floor lowered).
``bare_extraction`` starts each from nothing: it copies and prunes the tree, cleans and converts it, runs its
main extractor, then its later stages. Here the reads of one tree share the pruned tree (the tree itself when
there is nothing to prune: no copy) and the length of the page's text, and the full cascade takes over the fast
read's main extraction, which is the same unless the page has teaser blocks (fast mode's one change to it: its
recovery of wild text keeps them). Each read gives the body ``bare_extraction`` gives
(tests/test_extract_cascade.py compares them), without the body's plain text, which we never read.

The steps are trafilatura's ``trafilatura_sequence`` of version ``VERIFIED``, for our options only (no comments,
no metadata, tables, balanced focus); with any other version each read goes through ``bare_extraction``.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from configparser import ConfigParser
from copy import copy
from typing import Any

from lxml.etree import XPath, _Element
from lxml.html import HtmlElement

log = logging.getLogger("storywatch.extract")

VERIFIED = "2.3.1"  # the trafilatura whose steps ``Reads`` follows


class Reads:
    """trafilatura's reads of ``tree`` (left as it is; it must not change while reads are asked). Ask
    :meth:`fast` before :meth:`full` to share its main extraction, and change none of its body meanwhile."""

    def __init__(self, tree: HtmlElement, url: str) -> None:
        self._tree, self._url = tree, url
        self._pruned: HtmlElement | None = None  # the tree as trafilatura's stages read it, pruned
        self._chars: int | None = None  # the length of the page's text
        self._pruned_chars_: int | None = None  # and of the pruned tree's, when that is a pruned copy
        # the fast read's main extraction, for the full cascade to take over: the cleaned tree's backup, the body
        # and its text
        self._opening: tuple[HtmlElement, _Element, str] | None = None

    def fast(self) -> _Element | None:
        """trafilatura's fast read (``fast=True``), as its XML body; None when it finds none."""
        return self._read(fast=True)

    def full(self, config: ConfigParser | None = None) -> _Element | None:
        """trafilatura's full cascade (with ``config``, else its default settings), as its XML body; None when it
        finds none."""
        return self._read(fast=False, config=config)

    def _read(self, *, fast: bool, config: ConfigParser | None = None) -> _Element | None:
        if not _followed() or not isinstance(self._tree, HtmlElement):
            return _bare(self._tree, self._url, fast=fast, config=config)
        from lxml.etree import strip_tags
        from trafilatura.settings import DEFAULT_CONFIG

        options = _options(fast, DEFAULT_CONFIG if config is None else config, self._url)
        try:
            body, text = self._sequence(options, default=config is None)
            if options.max_tree_size and len(body) > options.max_tree_size:  # bare_extraction's checks of size
                strip_tags(body, "hi")
                if len(body) > options.max_tree_size:
                    return None
            if len(text) < options.min_output_size and options.min_output_comm_size > 0:  # no comments
                return None
        except (TypeError, ValueError):  # how trafilatura gives up on a page
            return None
        except Exception as error:  # noqa: BLE001 - a library bug on one page must not stop the daemon
            log.warning("generic extraction failed for %s: %s", self._url, error)
            return None
        return body

    def _sequence(self, options: Any, *, default: bool) -> tuple[_Element, str]:
        """trafilatura's ``trafilatura_sequence`` without comments: main extraction, a second opinion (readability,
        justext) unless fast, a rescue from the page's whole text, a retry for recall."""
        from trafilatura import core

        tree = self._pruned_tree()
        if options.fast or self._opening is None or not default or _teasers(self._opening[0]):
            cleaned, backup = core._prepare_tree(tree, options, self._url)
            body, text = core.extract_content(cleaned, options)
            self._opening = (backup, body, text) if options.fast and default else None
        else:  # the fast read's main extraction, the same: take it over (once: the second opinion changes backup)
            (backup, body, text), self._opening = self._opening, None
        if not options.fast:
            body, text = core.compare_extraction(backup, copy(tree), body, text, options)
        if len(text) < options.min_extracted_size:  # the rescue, kept only when it adds text
            rescue, rescued, length = core.baseline(tree)
            if length > len(text):
                body, text = rescue, rescued
        if 0 < len(text) < core.ESCALATION_MAX_LENGTH and len(text) < core.ESCALATION_PAGE_SHARE * self._pruned_chars():
            body, text = self._escalate(tree, options, body, text)
        return body, text

    def _escalate(self, tree: HtmlElement, options: Any, body: _Element, text: str) -> tuple[_Element, str]:
        """The retry for recall of a short read, and justext's candidate unless fast; the longer if clearly so."""
        from trafilatura import core

        recall = copy(options)
        recall.focus = "recall"
        retry = other = body
        retried = justext = ""
        with contextlib.suppress(Exception):  # as trafilatura: each is only a candidate
            retry, retried = core._recall_retry(tree, recall, self._url)
        if not options.fast:
            with contextlib.suppress(Exception):
                other, justext = core.justext_rescue(copy(tree), options)
        if len(justext) > len(retried) and len(justext) > core.ESCALATION_JUSTEXT_RATIO * len(text):
            return other, justext
        if len(retried) >= options.min_extracted_size and len(retried) > core.ESCALATION_ACCEPT_RATIO * len(text):
            return retry, retried
        return body, text

    def page_chars(self) -> int:
        """Characters of the page's whole text as trafilatura measures it for its retry for recall."""
        if self._chars is None:
            from trafilatura import core

            self._chars = len(core.html2txt(self._tree))
        return self._chars

    def _pruned_chars(self) -> int:
        tree = self._pruned_tree()
        if tree is self._tree:
            return self.page_chars()
        if self._pruned_chars_ is None:
            from trafilatura import core

            self._pruned_chars_ = len(core.html2txt(tree))
        return self._pruned_chars_

    def _pruned_tree(self) -> HtmlElement:
        """The tree without infinite-scroll containers and (on a page that is no forum's thread) comment sections:
        trafilatura's pruned copy of it, or the tree itself when there is nothing to prune (its stages copy what
        they change)."""
        if self._pruned is None:
            from trafilatura import core
            from trafilatura.htmlprocessing import prune_unwanted_nodes
            from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH

            prunes = [RAW_TREE_PRUNE_XPATH]
            if not core._forum_thread_page(self._tree):
                prunes.append(REMOVE_COMMENTS_AND_LISTS_XPATH)
            tree = self._tree
            if _MAY_PRUNE(tree) and any(expression(tree) for expressions in prunes for expression in expressions):
                tree = copy(tree)
                for expressions in prunes:
                    tree = prune_unwanted_nodes(tree, expressions)
            self._pruned = tree
        return self._pruned


def _options(fast: bool, config: ConfigParser, url: str) -> Any:
    """The options ``bare_extraction`` makes of our arguments."""
    from trafilatura.settings import Extractor

    return Extractor(
        config=config,
        output_format="python",
        fast=fast,
        comments=False,
        tables=True,
        url=url,
        with_metadata=False,
    )


# what trafilatura's prunes of the tree (RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH) may take, and
# more, in plain XPath: their regular expressions call back into Python at every element
_MAY_PRUNE = XPath(
    "boolean(.//*[self::div or self::section or self::aside or self::list or self::details or self::ol or self::ul]"
    "[contains(@id, 'mvp-post-add-') or contains(@class, 'mvp-post-add-') or contains(@id, 'infinite')"
    " or contains(@class, 'infinite') or contains(@class, 'elementor-share-buttons') or contains(@id, 'omment')"
    " or contains(@id, 'comol') or contains(@id, 'disqus_thread') or contains(@class, 'omment')])"
)
# an element trafilatura's recovery of wild text prunes as a teaser (its TEASER_DISCARD_XPATH), whatever its tag:
# cleaning and converting the tree only renames tags and drops elements, so the tree it reads holds no teaser
# that the cleaned tree before conversion does not
_TEASERS = XPath(
    "boolean(.//*[contains(translate(@id, 'T', 't'), 'teaser') or contains(translate(@class, 'T', 't'), 'teaser')])"
)


def _teasers(backup: HtmlElement) -> bool:
    """Whether the cleaned tree (``backup``: before its conversion) may hold teaser blocks, which trafilatura's
    recovery of wild text keeps in fast mode only."""
    return bool(_TEASERS(backup))


@functools.cache
def _followed() -> bool:
    """Whether the installed trafilatura is the one whose steps ``Reads`` follows."""
    import trafilatura

    return getattr(trafilatura, "__version__", None) == VERIFIED


def _bare(tree: HtmlElement, url: str, *, fast: bool, config: ConfigParser | None) -> _Element | None:
    """One read by ``bare_extraction`` itself (it reads its own copy of the tree)."""
    from trafilatura import bare_extraction

    options: dict[str, Any] = {"config": config} if config is not None else {}
    try:
        document = bare_extraction(
            tree, url=url, fast=fast, include_comments=False, include_tables=True, with_metadata=False, **options
        )
    except Exception as error:  # noqa: BLE001 - a library bug on one page must not stop the daemon
        log.warning("generic extraction failed for %s: %s", url, error)
        return None
    return getattr(document, "body", None)

"""Choose the story's body among the layers: a site rule's containers, the generic read of the cleaned page,
trafilatura's plain read of the page as it came, and JSON-LD ``articleBody``.

The layers disagree on some pages, and the story must survive that:

- a site rule's containers win whenever they hold text;
- a page its scripts render (almost no visible text) has only its JSON-LD;
- the generic read works on a cleaned tree; when that finds (almost) nothing, trafilatura's plain read of the
  intact page is kept instead, and the doubt is noted — a story never vanishes because cleaning went wrong;
- JSON-LD ``articleBody`` is often longer than what the page shows (captions, teasers, a paywalled rest) and
  sometimes the generic read misses parts of a story split over several containers; when it holds much more
  than the generic read, the page's own blocks whose text it carries are taken, in page order — the visible
  story, every part of it, and nothing the page does not show. Only when the page shows none of it is the
  JSON-LD itself taken.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lxml.html import HtmlElement

from monitor.extractors.body import (
    PARAGRAPH_TAGS,
    SHORT_TEXT,
    drop_captions,
    drop_widget_tables,
    generic_body,
    may_be_dump,
    only_furniture_besides,
    paragraphs_of,
    picture_captions,
    space_inline_runs,
    split_at_breaks,
    wrap_ledes,
)
from monitor.extractors.checks import MIN_WORDS, word_count
from monitor.extractors.cleanup import TEASER_TOKENS, drop_selected, preclean, strip_noise, visible_chars
from monitor.extractors.continuation import continuation
from monitor.extractors.lead import strip_furniture
from monitor.extractors.rules import SiteRule, select
from monitor.extractors.text import clean, name_tokens

PLAIN_LAYER = "generic:plain"  # trafilatura on the uncleaned page, when the cleaned read found (almost) nothing
VISIBLE_JSONLD_LAYER = "json-ld:visible"  # the page's blocks whose text JSON-LD articleBody carries
_NORMAL = re.compile(r"[\W_]+", re.UNICODE)
# characters of paragraph text (menus included) below which a page its scripts render shows nothing of its own;
# JSON-LD articleBody often holds more than the page shows (a paywalled rest, captions, teasers), and a page
# that shows a story of its own is read for it
_SHOWS_NOTHING = 2 * SHORT_TEXT
_MORE_IN_JSONLD = "JSON-LD articleBody holds far more than the page shows; the page's own text is kept"
_MIN_BLOCK = 25  # characters: shorter blocks (a subheading, "Advertisement") are kept only between story blocks


@dataclass(frozen=True)
class BodyRead:
    """The chosen paragraphs, the layer they came from, and a doubt worth recording (or None)."""

    paragraphs: tuple[str, ...]
    layer: str
    doubt: str | None = None


def read_body(
    tree: HtmlElement,
    url: str,
    rule: SiteRule | None,
    jsonld_body: tuple[str, ...],
    intact: Callable[[], HtmlElement],
    headlines: Sequence[str],
    authors: Sequence[str],
) -> BodyRead:
    """The body of the page in ``tree`` (which is cleaned in place); ``intact`` parses the page afresh."""
    if rule and rule.body:
        drop_selected(tree, rule.drop)
        containers = select(tree, rule.body)
        strip_noise(containers)
        paragraphs = paragraphs_of(containers)
        if paragraphs:
            return BodyRead(paragraphs, "rule")
    shown = visible_chars(tree) if jsonld_body else 0
    if jsonld_body and shown < _SHOWS_NOTHING and shown < 0.25 * chars(jsonld_body):
        return BodyRead(jsonld_body, "json-ld")  # a page rendered by scripts: the JSON-LD is all there is
    split_at_breaks(tree)  # before the cleaning, which weighs blocks by the paragraph text they hold
    wrap_ledes(tree)
    space_inline_runs(tree)
    preclean(tree, url)
    drop_widget_tables(tree)
    captions = picture_captions(tree)
    pictured = functools.partial(_beside_picture, intact)  # (parses the page afresh only when asked)
    paragraphs = strip_furniture(generic_body(tree, url), headlines, authors, pictured)
    paragraphs = drop_captions(paragraphs, tree, captions)
    before, after = continuation(tree, paragraphs)  # every part of a story split over several containers
    read = BodyRead(before + paragraphs + after, "generic")
    if chars(read.paragraphs) < 2 * SHORT_TEXT:
        plain = strip_furniture(generic_body(intact(), url), headlines, authors, pictured)
        more = word_count(plain) >= MIN_WORDS and chars(plain) > 2 * chars(read.paragraphs) + 100
        # a short story the cleaned page did give is kept unless the plain read holds it and more of the same
        # story, not a dump of the whole page (menus and all) or another text
        found = word_count(read.paragraphs) >= MIN_WORDS
        if more and (
            not found
            or _holds(plain, read.paragraphs)
            and not only_furniture_besides(plain, read.paragraphs)
            and not _run_into(plain, read.paragraphs)
            and not _beyond_story(intact(), plain, read.paragraphs)
        ):
            doubt = "the cleaned page gave (almost) no story text; trafilatura's plain read of the page is kept"
            read = BodyRead(plain, PLAIN_LAYER, doubt)
    if jsonld_body and chars(read.paragraphs) < 0.8 * chars(jsonld_body):
        visible = _carried(_shown_blocks(intact()), jsonld_body)  # uncleaned: every part of a split story
        if chars(visible) > 1.2 * chars(read.paragraphs) and word_count(visible) >= MIN_WORDS:
            return BodyRead(visible, VISIBLE_JSONLD_LAYER, read.doubt)
        if chars(read.paragraphs) < 0.25 * chars(jsonld_body):
            if chars(read.paragraphs) < SHORT_TEXT or word_count(read.paragraphs) < MIN_WORDS:
                return BodyRead(jsonld_body, "json-ld")
            return BodyRead(read.paragraphs, read.layer, read.doubt or _MORE_IN_JSONLD)
    return read


def chars(paragraphs: Sequence[str]) -> int:
    return sum(len(p) for p in paragraphs)


def _shown_blocks(tree: HtmlElement) -> list[str]:
    """Texts of the page's innermost paragraph-like blocks, in page order."""
    out = []
    for element in tree.iter(*PARAGRAPH_TAGS):
        if any(isinstance(d.tag, str) and d.tag in PARAGRAPH_TAGS for d in element.iterdescendants()):
            continue
        text = clean(element.text_content())
        if text:
            out.append(text)
    return out


def _carried(blocks: list[str], jsonld_body: tuple[str, ...]) -> tuple[str, ...]:
    """The blocks whose text JSON-LD ``articleBody`` carries, from the first such block to the last, each once;
    a short block counts only between two long ones (a subheading, not a menu item that repeats a word)."""
    story = _normal(" ".join(jsonld_body))
    hits = [i for i, text in enumerate(blocks) if len(text) >= _MIN_BLOCK and _normal(text) in story]
    if not hits:
        return ()
    out: list[str] = []
    seen: set[str] = set()
    for text in blocks[hits[0] : hits[-1] + 1]:
        key = _normal(text)
        if key and key in story and key not in seen and (len(text) >= _MIN_BLOCK or len(key) >= 8):
            out.append(text)
            seen.add(key)
    return tuple(out)


def _holds(plain: Sequence[str], found: Sequence[str]) -> bool:
    """Whether the plain read holds what the cleaned read found: a plain read without the short story the cleaned
    page gave reads something else (a menu, a list of other headlines), not more of the story."""
    text = _normal(" ".join(plain))
    return all(_normal(paragraph) in text for paragraph in found)


def _run_into(plain: Sequence[str], found: Sequence[str]) -> bool:
    """Whether the plain read is a dump of the page's text, its few blocks running the stub's paragraphs into
    what stands around them (a time stamp, a newsletter box, a list of related links), none of them a block of
    its own: the page's text run together, not more of the story."""
    return may_be_dump(tuple(plain)) and not set(found) & set(plain)


def _beyond_story(tree: HtmlElement, plain: Sequence[str], found: Sequence[str]) -> bool:
    """Whether all the plain read holds beside the stub's paragraphs is other pages' text or a call to the reader:
    outside the ``<article>`` that holds the stub (a "most read" block's cards), or inside a block named for
    other stories or a call (a newsletter box below it, a related-stories block): not more of the story."""
    extra = [key for paragraph in plain if paragraph not in found and (key := _squeezed(paragraph))]
    if not extra:
        return False
    keys = [_squeezed(paragraph) for paragraph in found]
    story = next(
        (
            text
            for article in tree.iter("article")
            if next(article.iterancestors("article"), None) is None
            and all(key in (text := _squeezed(article.text_content())) for key in keys)
        ),
        None,
    )
    boxes = "\n".join(
        _squeezed(element.text_content())
        for element in tree.iter()
        if isinstance(element.tag, str)
        and name_tokens(f"{element.get('class') or ''} {element.get('id') or ''}") & TEASER_TOKENS
    )
    return all(key in boxes or story is not None and key not in story for key in extra)


def _squeezed(text: str) -> str:
    """``text`` normalised without its spaces: an element's text content runs its blocks together."""
    return "".join(_normal(text).split())


def _normal(text: str) -> str:
    return _NORMAL.sub(" ", text.casefold()).strip()


_PICTURES = ("img", "picture", "figure", "video")
_CAPTION_TOKENS = frozenset({"caption", "credit", "credits", "cap", "figcaption", "photo", "legend", "wp-caption"})


def _beside_picture(intact: Callable[[], HtmlElement], text: str) -> bool:
    """Whether the page shows ``text`` as a picture's caption: a block holding it (and little else) in a
    ``<figure>`` or ``<figcaption>``, marked as a caption or credit, holding a picture, or next to one (a table
    layout's caption cell: in the row right above or below it)."""
    key = _spaceless(text)
    for block in intact().iter("p", "div", "span", "figcaption", "li", "td", "dd"):
        shown = _spaceless(block.text_content())
        if key not in shown or len(shown) > 2 * len(key):
            continue
        if next(block.iterancestors("figure", "figcaption", "picture"), None) is not None:
            return True
        if any(
            _CAPTION_TOKENS & set((node.get("class") or "").casefold().split())
            for node in (block, block.getparent())
            if node is not None
        ):
            return True
        near = [block, block.getprevious(), block.getnext()]
        if block.tag == "td" and (row := block.getparent()) is not None and len(row) == 1:
            near += [row.getprevious(), row.getnext()]  # an old table layout's picture: its caption in the row below
        if any(
            node is not None and (node.tag in _PICTURES or next(node.iter(*_PICTURES), None) is not None)
            for node in near
        ):
            return True
    return False


def _spaceless(text: str) -> str:
    return "".join(text.casefold().split())

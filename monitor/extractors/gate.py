"""The exact gate: has anything the last extraction read changed? If not, a page's new bytes need no full read.

    gate = read_gate(content, url, ...)      # on a fetch: parse, walk, digest — equal to the sealed one, same story
    gate = page_gate(tree, url, rule, ...)   # the same, of a page an extraction parsed (before it cleans the tree)
    sealed = seal(gate, article)             # the digest to keep with the story, or None when the gate cannot vouch

Most fetches of a tracked story that bring new bytes change only what lies around the story: a rotating
"most read" list, an ad slot's id, a script's timestamp, a cache-busting asset URL. A full extraction of such a
page costs many times the parse, so the story checker asks this gate first.

What the digest covers (``_walk``, one pass over the intact tree in document order):
- every element's tag, text and tail, except inside scripts and styles and inside *noise*: navigation,
  hidden elements, footers, forms and blocks whose class or id names noise (``ad``, ``related``, ``share``, …;
  the same names the pre-cleaning drops), unless such a block holds much of the page's text (then it is the
  story) or names a note box (a correction box is read as a note: covered);
- the attributes the extractor reads anywhere on the page, noise included: every ``<meta>`` (key and content),
  ``<link rel=canonical>``, ``<html lang>``, ``datetime`` of every ``<time>`` (and whether it is labelled an
  update's, and whether it stands in a comment or a "next post" link), ``itemprop`` and its content, the
  ``title`` of hAtom's ``published``/``updated`` elements (and whether they stand there, in a teaser or in a
  sidebar), and the text of every JSON-LD script;
- the page's URL, the matching site rule, the extractor's and the gate's versions.

The digest only vouches for an extraction that read nothing outside what it covers, so ``seal`` checks that
against the extraction's own result: every body paragraph, note, author shown on the page and the visible
headline must be found in the covered text, and times must come from metadata, a ``<time>`` or a visible line
the walk covered whole (no part of it hidden or in noise), as must the byline element the authors were read
from (``page.extract`` asks ``PageGate.covers`` of it: a name found elsewhere, an author's bio, vouches for no edit
to the byline); a live blog is never sealed. An unsealed story is
simply read in full every time. Equal digests therefore mean: the text the story was taken from, its
headline's, dates' and notes' sources and the page's metadata are all as they were — so an edit anywhere in
the article changes the digest and is read in full, and a change only to noise is not.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from monitor.extractors import OPENING_LAYER
from monitor.extractors.cleanup import _in_sentence, _noisy_names
from monitor.extractors.dates import parse_date
from monitor.extractors.document import parse
from monitor.extractors.generic import (
    MICROFORMAT_TIMES,
    dates_another,
    home_link,
    labelled_update,
    microformat_stamp,
)
from monitor.extractors.notes import note_box, opens_note
from monitor.extractors.rules import SiteRule
from monitor.extractors.text import class_tokens
from monitor.models import Article

GATE_VERSION = "7"  # 4: an <h1>'s link home is in the digest; 5: a <meta http-equiv>'s name; 6: a JSON-LD script
# whatever the case of its type ("application/LD+JSON"); 7: author-bio boxes and players' captions are noise,
# a noisy-named element inside a sentence is not
_SKIP = frozenset({"script", "style", "noscript", "template"})
_NEVER_STORY = frozenset({"nav", "aside", "dialog", "menu", "select", "textarea", "button"})
_RARELY_STORY = frozenset({"footer", "form"})  # noise unless they hold the story (ASP.NET wraps pages in a form)
_STORY_SHARE = 0.4  # a noisy-named block holding more of the page's text than this is the story, not noise
_COVERED_LAYERS = frozenset({"json-ld", "meta", "title"})  # read from what the digest holds in full
# what counts wherever it is on the page: metadata, the canonical link, times, headings, microdata, JSON-LD
_ANYWHERE = etree.XPath(
    "//meta | //link[@rel] | //time | //h1 | //*[@itemprop]"
    " | //script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')]"
    f" | //*[@title or @datetime][{' or '.join(f'contains(@class, {name!r})' for name in MICROFORMAT_TIMES)}]"
)
# tags whose contents the notes reader never looks at (``notes._walk`` skips them, and hidden blocks)
_NO_NOTES = frozenset({"nav", "menu", "button", "select", "textarea"})
_NOISE_KEYS = frozenset({"class", "id", "style", "hidden", "aria-hidden"})  # the attributes that can make noise
_STRING = etree.XPath("string()", smart_strings=False)  # an element's text, inner elements' included
_LENGTH = etree.XPath("string-length()")  # its length (in characters, as a float), without making the string
_CODE = etree.XPath(".//script | .//style")


@dataclass(frozen=True)
class PageGate:
    """The digest of one page, and the covered text (whitespace removed) that ``seal`` checks against."""

    digest: str
    covered: str
    times: tuple[str, ...]  # the datetime/content attributes of <time> and itemprop elements, page-wide
    left_out: frozenset[HtmlElement] = field(default=frozenset(), compare=False, repr=False)  # skipped subtrees

    def covers(self, element: HtmlElement) -> bool:
        """Whether the digest holds all of ``element``'s text, now and when it changes: it lies in no subtree the
        walk left out and holds none (a hidden, scripted or noise-named part inside it, even an empty one), and
        all its text is covered. Asked of the tree the gate walked, before anything cleans it."""
        if any(node in self.left_out for node in (element, *element.iterancestors(), *element.iterdescendants())):
            return False  # (an empty noise child may fill in later: "<span class="timestamp"></span>" → "14:05")
        return _spaceless(_text(element)) in self.covered


def page_gate(tree: HtmlElement, url: str, rule: SiteRule | None, version: str) -> PageGate:
    """The gate of a parsed page (before the extraction cleans the tree)."""
    parts, texts, times, left_out = _walk(tree)
    head = "\x1e".join((GATE_VERSION, version, url, repr(rule)))
    digest = hashlib.sha256("\x1f".join((head, *parts)).encode("utf-8", "surrogatepass")).hexdigest()
    return PageGate(digest, _spaceless("".join(texts)), tuple(times), frozenset(left_out))


def read_gate(
    content: bytes | str, url: str, *, encoding: str | None, rule: SiteRule | None, version: str
) -> PageGate | None:
    """The gate of a fetched page (its digest to compare with a story's sealed one, and what an extraction of
    the same page may take instead of walking it again); None when it cannot be parsed."""
    try:
        tree = parse(content, encoding, plain=True)
    except Exception:  # noqa: BLE001 - an unparsable page is for the full read to report
        return None
    return page_gate(tree, url, rule, version)


def page_digest(
    content: bytes | str, url: str, *, encoding: str | None, rule: SiteRule | None, version: str
) -> str | None:
    """The digest of a fetched page; None when it cannot be parsed."""
    gate = read_gate(content, url, encoding=encoding, rule=rule, version=version)
    return gate.digest if gate else None


def seal(gate: PageGate, article: Article, covered_lines: Collection[str] = ()) -> str | None:
    """``gate.digest`` when the extraction read only what the digest covers, else None (always read in full).

    ``covered_lines``: the times (``published``, ``modified``) read from a visible line the walk covered whole
    (``PageGate.covers``, asked before anything cleaned the tree): such a time is vouched for."""
    layers = article.extractor.get("layers", {})
    if str(layers.get("body", "")).endswith(":live") or article.extractor.get("live_posts"):
        return None  # a live blog's posts may sit anywhere; it changes all the time anyway
    shown = list(article.body)
    for note in article.notes:  # a note joined to its label ("Correction" above it: "Correction: …"), each part
        label, colon, text = note.text.partition(": ")
        whole = _spaceless(note.text) in gate.covered
        shown.extend((note.text,) if whole or not colon else (label, text))
    # a stand-in headline made of the body's opening words is vouched for with the body
    if layers.get("headline") not in (*_COVERED_LAYERS, OPENING_LAYER) and article.headline:
        shown.append(article.headline)
    if article.extractor.get("visible_headline"):
        shown.append(str(article.extractor["visible_headline"]))
    if layers.get("authors") not in _COVERED_LAYERS:
        shown.extend(article.authors)
    stated = None
    for name in ("published", "modified"):
        value = getattr(article, name)
        if not value or layers.get(name) in _COVERED_LAYERS:
            continue
        if layers.get(name) != "generic":
            return None  # a site rule's or a live blog's time: not vouched for
        stated = stated if stated is not None else {parse_date(text) for text in gate.times}
        if value not in stated and name not in covered_lines:
            return None  # read from visible text the walk left out (a dateline in noise): not vouched for
    if any(_spaceless(text) not in gate.covered for text in shown if text):
        return None
    return gate.digest


def _spaceless(text: str) -> str:
    """``text`` without its white space (``str.split`` knows the same white space as the regex ``\\s``, faster)."""
    return "".join(text.split())


def _walk(tree: HtmlElement) -> tuple[list[str], list[str], list[str], list[HtmlElement]]:
    """(digest parts, covered texts, stated times, the roots of the subtrees left out) of the page in document
    order; see the module's docstring."""
    parts: list[str] = []  # the walk's parts (after those of what counts anywhere)
    texts: list[str] = []
    times: list[str] = []
    left_out: list[HtmlElement] = []
    anywhere: list[HtmlElement] = []  # what the extractor reads wherever it is, noise included, in page order
    root = tree.getroottree().getroot()
    body = root.find("body")
    measured: list[int] = []  # the body's shown length, measured when a noise-named block first asks (most never do)

    def total() -> int:
        if not measured:
            measured.append(_shown_length(body) if body is not None else 0)
        return measured[0]

    add_part, add_text, leave_out, add_anywhere = parts.append, texts.append, left_out.append, anywhere.append
    # lxml's own walk in page order: an element's start (its tag and text), then its children, then its end (its
    # tail, which follows them on the page); a skipped subtree still ends, so a script's or noise's tail counts
    walk = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, element in walk:
        if event != "start":  # an element's end, or a comment or processing instruction: its tail
            tail = element.tail
            if tail:
                add_part(tail)
                add_text(tail)
            continue
        tag = element.tag
        if tag in _SKIP:
            walk.skip_subtree()  # a script's or a style's text: left out
            leave_out(element)
            anywhere.extend(_counting_anywhere(element))  # (a JSON-LD script, or microdata in a <noscript>)
            continue
        keys = element.keys()  # only a tag never or rarely story, or an attribute that can make noise, makes noise
        if (tag in _NEVER_STORY or (keys and (tag in _RARELY_STORY or not _NOISE_KEYS.isdisjoint(keys)))) and _noise(
            element, tag, keys, total
        ):
            walk.skip_subtree()  # noise: left out (what noise holds that counts is read all the same)
            leave_out(element)
            anywhere.extend(_counting_anywhere(element))
            continue
        if tag in _ANYWHERE_TAGS or not _ANYWHERE_KEYS.isdisjoint(keys) and _counts_anywhere(element, tag, keys):
            add_anywhere(element)
        add_part(f"<{tag}")
        text = element.text
        if text:
            add_part(text)
            add_text(text)
    for top in root.itersiblings(etree.Element):  # what follows </html> (libxml2's second top-level element):
        anywhere.extend(_counting_anywhere(top))  # read all the same, but never walked as the page's text
    head = [f"lang={root.get('lang') or ''}"]
    for element in anywhere:  # before the walk's parts, as they always came
        if element.tag == "script":
            head.append(f"ld={element.text or ''}")
        else:
            _attributes(element, element.tag, dict(element.items()), head, times)
    return head + parts, texts, times, left_out


_ANYWHERE_TAGS = frozenset({"meta", "time", "h1"})
_ANYWHERE_KEYS = frozenset({"itemprop", "rel", "type", "title", "datetime"})  # one of them, or such a tag, counts


def _counts_anywhere(element: HtmlElement, tag: str, keys: list[str]) -> bool:
    """Whether the element (its attributes' names ``keys``) is one the extractor reads wherever it stands: what
    XPath's ``//meta | //link[@rel] | //time | //h1 | //*[@itemprop] | //script[contains(@type, 'ld+json')] |
    //*[@title or @datetime][contains(@class, 'published') or contains(@class, 'updated')]`` selects (the script's
    type in any case) — metadata,
    the canonical link, times, headings, microdata, JSON-LD and hAtom's times (``_ANYWHERE``)."""
    if tag in _ANYWHERE_TAGS or "itemprop" in keys or (tag == "link" and "rel" in keys):
        return True
    if tag == "script" and "type" in keys and "ld+json" in element.get("type").lower():
        return True  # (its type read in any case, as ``jsonld.objects`` reads it)
    if ("title" in keys or "datetime" in keys) and "class" in keys:
        names = element.get("class")
        return any(name in names for name in MICROFORMAT_TIMES)
    return False


def _counting_anywhere(subtree: HtmlElement) -> list[HtmlElement]:
    """The elements of a subtree the walk leaves out that the extractor reads all the same, in page order."""
    if not len(subtree):  # a lone element (most are: a script, an empty ad slot)
        tag, keys = subtree.tag, subtree.keys()
        counts = tag in _ANYWHERE_TAGS or not _ANYWHERE_KEYS.isdisjoint(keys) and _counts_anywhere(subtree, tag, keys)
        return [subtree] if counts else []
    return [
        el
        for el in subtree.iter(etree.Element)
        if el.tag in _ANYWHERE_TAGS
        or not _ANYWHERE_KEYS.isdisjoint(keys := el.keys())
        and _counts_anywhere(el, el.tag, keys)
    ]


def _attributes(element: HtmlElement, tag: str, attrs: dict[str, str], parts: list[str], times: list[str]) -> None:
    """The attributes the extractor reads wherever they are (noise included): metadata, times, microdata."""
    if tag == "meta":
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or attrs.get("http-equiv")
        parts.append(f"meta={key}")  # (Content-Language's zone reads a time stated without one)
        parts.append(attrs.get("content") or "")
    elif tag == "link" and "canonical" in attrs.get("rel", "").lower():
        parts.append(f"canonical={attrs.get('href') or ''}")
    elif tag == "h1":  # the page's headings steer the headline's choice wherever they are, and so does a logo's
        parts.append(f"h1={_text(element)}{'|home' if home_link(element) else ''}")  # link home (not the story's)
    elif tag == "time":
        stated = attrs.get("datetime") or ""
        parts.append(f"time={stated}|{_text(element)}|{_date_classes(element)}")  # "published", "updated": its role
        times.append(stated)
        if labelled_update(element):  # "Updated <time>": an update's time, whatever its place
            parts.append("updated")
        if dates_another(element, teasers=False):  # a comment's, the next post's: not the story's
            parts.append("another")
    if ("title" in attrs or "datetime" in attrs) and not MICROFORMAT_TIMES.isdisjoint(attrs.get("class", "").split()):
        stated = microformat_stamp(element) or ""  # hAtom's "<abbr class="published" title="2025-06-09T…">"
        parts.append(f"microformat={stated}|{_date_classes(element)}")
        times.append(stated)
        if dates_another(element):  # a comment's, a teaser's, a sidebar's, the next post's
            parts.append("another")
    if "itemprop" in attrs:
        stated = attrs.get("content") or attrs.get("datetime") or ""
        parts.append(f"itemprop={attrs['itemprop']}|{stated}")
        times.append(stated)


_DATE_CLASSES = frozenset({"published", "updated", "modified"})


def _date_classes(element: HtmlElement) -> str:
    """The words of a time's class that say which time it is (the date reading follows them)."""
    return " ".join(sorted(class_tokens(element) & _DATE_CLASSES))


def _text(element: HtmlElement) -> str:
    """An element's text, inner elements' included (plain lxml elements have no ``text_content``)."""
    return _STRING(element)


def _shown_length(element: HtmlElement) -> int:
    """The length of an element's text without its scripts' and styles' (a page's inline data can outweigh its
    whole story)."""
    return _length(element) - sum(map(_length, _CODE(element)))


def _length(element: HtmlElement) -> int:
    """The length of an element's text, inner elements' included (``len(_text(element))``, counted in place)."""
    return int(_LENGTH(element))


def _noise(element: HtmlElement, tag: str, keys: list[str], total: Callable[[], int]) -> bool:
    """Whether the walk leaves ``element`` (its attributes' names ``keys``) out: never story text, or noise that
    is not the story. Asked only of a tag never or rarely story, or an element with an attribute that can make
    noise (the walk tells those apart).

    Noise in which a note could begin stays covered: the notes reader looks at every block of the article (a
    sidebar's included) for one that opens like a note."""
    get = element.get  # (an attribute not in ``keys`` is absent: no need to ask for it)
    if "itemprop" in keys and get("itemprop") == "articleBody":
        return False
    if tag in _NO_NOTES or (("hidden" in keys or "style" in keys) and _hidden_block(get)):
        return True
    if not (tag in _NEVER_STORY or ("aria-hidden" in keys and get("aria-hidden") == "true")):
        classes, ident = get("class") or "", get("id") or ""
        if tag not in _RARELY_STORY and (not (classes or ident) or not _noisy_names(classes, ident)):
            return False
        if note_box(f"{classes} {ident}"):
            return False  # a note box: its notes are read (``boxed_notes``), so they are covered
        if _in_sentence(element):
            return False  # a noisy-named name inside a sentence: the pre-cleaning keeps it (``_in_sentence``)
        # (its shown text is part of its whole text: a short whole says enough; an empty one, without the page's)
        whole = _length(element)
        if whole and whole > (share := _STORY_SHARE * total()) and _shown_length(element) > share:
            return False
    return not opens_note(element.itertext())


def _hidden_block(get: Callable[..., Any]) -> bool:
    """Hidden by an attribute or an inline style (``get``: the element's own)."""
    if get("hidden") is not None:
        return True
    style = get("style")
    if not style:
        return False
    style = style.replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style

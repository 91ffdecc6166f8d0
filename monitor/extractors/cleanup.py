"""Strip elements that are never story text (scripts, ads, share bars, a rule's drop list) from a tree."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from lxml import etree
from lxml.html import HtmlElement

from monitor.extractors.body import POINTER_LABEL, POPULAR_LABEL, prose, text_only
from monitor.extractors.calls import call_box
from monitor.extractors.dates import visible_date
from monitor.extractors.notes import NOTE_BOX_WORDS, note_box
from monitor.extractors.promo import promo_box
from monitor.extractors.rules import select
from monitor.extractors.teasers import Site, list_heading, teaser_list
from monitor.extractors.text import class_tokens, name_tokens, word_tokens


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


DROP_TAGS = _words(
    "script style noscript template iframe svg canvas nav aside footer form button select input textarea "
    "figcaption figure dialog object embed video audio picture header menu link meta"
)
NOISE_TOKENS = _words(
    "ad ads adslot adunit advert adverts advertisement advertising banner related share sharing sharebar "
    "social newsletter newsletters promo promotion promoted comment comments subscribe subscription sidebar "
    "talkback talkbacks recommended recommendations popular outbrain taboola sponsored sponsor cookie cookies "
    "consent signup breadcrumb breadcrumbs toolbar widget trending timestamp skip sronly paywall outbrain taboola "
    "gdpr pdpa ccpa lgpd bio bios biography authorbio"  # an author's bio box below the story ("author-bio")
)
# an "about the author" box's name, its two words apart ("sobre-autor", "about-author", "ueber-autorin")
_ABOUT = _words("about sobre acerca chi propos apropos uber ueber over om")
_AUTHOR = _words("author autor autora autore autrice auteur auteure autorin auteurs authors autores")
# a video's caption ("video-caption", "c-video__legend"): the player's, which the story's text never repeats
_PLAYER = _words("video player")
_CAPTION = _words("caption legend legende didascalia")


def drop_selected(tree: HtmlElement, selectors: Sequence[str]) -> None:
    """Remove every element a site rule's ``drop`` selectors match (their tail text stays)."""
    for css in selectors:
        for element in select(tree, css):
            _remove(element)


def strip_noise(containers: Iterable[HtmlElement]) -> None:
    """Remove scripts, hidden elements and ad/share/related blocks inside the story's own containers."""
    for container in containers:
        for element in list(container.iterdescendants()):
            if (
                not isinstance(element.tag, str)
                or element.tag in DROP_TAGS
                or _hidden(element)
                or class_tokens(element) & NOISE_TOKENS
                or _embedded_post(element)
            ):
                _remove(element)


def _hidden(element: HtmlElement) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style or element.get("hidden") is not None


def _remove(element: HtmlElement) -> None:
    if element.getparent() is not None:
        element.drop_tree()


# (a player's text is its fallback for browsers without one: "Your browser does not support HTML5 video")
_NEVER_STORY = _words("nav aside dialog menu select textarea button video audio amp-video amp-audio")
_RARELY_STORY = _words("footer form")  # ASP.NET pages wrap the whole page in a <form>
_PROTECTED = _words("html body article main")
# the elements preclean looks at: these, and those with one of ``_CANDIDATE_KEYS``
_CANDIDATE_TAGS = _words("nav aside footer form button header dialog menu a video audio amp-video amp-audio")
_CANDIDATE_KEYS = _words("class id style hidden aria-hidden")
_STORY_SHARE = 0.6  # noisy-class blocks holding more of the page's paragraph text than this are the story
_MIN_ITEMS = 3  # like blocks in a row that make a list of items
_MIN_ITEM_CHARS = 60
_WEAK_TOKENS = _words("widget promo promotion promoted")
_LISTS = _words("ul ol")
# blocks that point to other pages or ask something of the reader: never items of the story, whatever text they hold
_TEASER_TOKENS = _words(
    "related recommended recommendations popular trending comment comments newsletter newsletters signup "
    "subscribe subscription share sharing sharebar social outbrain taboola breadcrumb breadcrumbs"
)  # noise words a CMS also puts on story blocks
TEASER_TOKENS = _TEASER_TOKENS
_RUN_SHARE = 0.3
_HEADINGS = _words("h2 h3 h4 h5 h6")
_MAX_ROLE_ID_WORDS = 3


def preclean(tree: HtmlElement, url: str = "") -> None:
    """Remove navigation, hidden elements, ad/related/share blocks, lists of other stories' headlines (``url``:
    the page's address, which tells the site's own links) and note boxes before the generic extractor runs.

    Note boxes (``<div class="correction">``) have been read from the intact tree already (``boxed_notes``);
    their text is not story text.

    A wrapper that carries a noisy class but holds most of the page's paragraph text (a ``div.widget``
    around the whole story) is kept; so are blocks with noisy classes that together hold most of it (a deals
    round-up whose every item is a ``div.product-card.promo``): then they are the story, not noise around it.
    """
    total = 0
    loose: list[tuple[HtmlElement, int]] | None = None  # the page's text-only <div>s of prose (read once, if asked)
    marked: list[tuple[HtmlElement, str, int]] = []
    tag_lists: dict[HtmlElement, bool] = {}  # a tag link's block: whether it is a list of them (read once a block)
    around: HtmlElement | None = None  # a tag list marked from one of its links: the rest inside it are skipped
    site = Site(tree, url)
    walk = etree.iterwalk(tree.getroottree().getroot(), events=("start",))
    for _, element in walk:  # in document order; what lies inside an element already marked is skipped
        if around is not None:
            if _inside(element, around):
                walk.skip_subtree()
                continue
            around = None  # past its end: document order never comes back into it
        tag = element.tag
        if tag in _LISTS and teaser_list(element, site):  # other stories' headlines, in the story or not
            marked.append((element, "tag", 0))
            if (heading := list_heading(element)) is not None:
                marked.append((heading, "tag", 0))
            walk.skip_subtree()
            continue
        if tag not in _CANDIDATE_TAGS and _CANDIDATE_KEYS.isdisjoint(element.keys()):
            if tag == "p" and promo_box(element):  # a bare bold or italic <p>: a call to the reader
                marked.append((element, "tag", 0))
                walk.skip_subtree()
            continue  # neither a noise tag nor an attribute that can make noise
        if tag in _PROTECTED or element.getparent() is None:
            continue
        kind = _noise(element, site, tag_lists)
        chars = 0
        if kind == "tags":  # a tag list's link: the list goes whole, its label with it
            kind, element = "tag", _tag_block(element)
            around = element
        elif kind == "call":  # a button closing a call to the reader: its box goes whole
            kind, element = "tag", call_box(element, site)
        elif kind and element.tag == "button":  # a platform's button: its count beside it ("1.2K" claps) with it
            element = _button_bar(element)
        if kind == "class" and _in_sentence(element):
            continue  # a name linked to its bio page ("the harbour master, <a class=bio-link>…</a>, said")
        if kind == "class":
            total = total or _paragraph_chars(tree)
            chars = _paragraph_chars(element)
            if chars > 0.4 * total and not _beside_story(element, tree):
                # (a story set in text-only <div>s holds no <p>: a box's <p> beside it is no share of the story)
                loose = _loose_prose(tree) if loose is None else loose
                if sum(size for div, size in loose if element not in div.iterancestors()) <= chars:
                    continue
        if kind:
            if kind == "pointer":  # a link to another story: its box goes with it when it holds no more
                kind, element = "tag", _pointer_box(element)
            marked.append((element, kind, chars))
            walk.skip_subtree()
    # noisy-class blocks of one kind (a round-up's items) holding most of the text are the story; blocks of
    # several kinds (a cookie banner, an author's bio, the footer beside a breaking stub) add up to no story
    shares: dict[tuple[str, str], int] = {}
    for element, kind, chars in marked:
        if kind == "class" and not _beside_story(element, tree):
            shares[_kind_of(element)] = shares.get(_kind_of(element), 0) + chars
    kept_kinds = {key for key, chars in shares.items() if total and chars > _STORY_SHARE * total}
    for element, kind, chars in marked:
        if kind == "class" and (_kind_of(element) in kept_kinds or _list_item(element, chars, total)):
            continue
        if element.getparent() is not None:
            element.drop_tree()
    for label in _labels_above(tree):
        label.drop_tree()


def _loose_prose(tree: HtmlElement) -> list[tuple[HtmlElement, int]]:
    """The page's text-only ``<div>``s that hold a sentence of prose, each with its length: a story's paragraphs
    when its CMS sets them in ``<div>``s, not ``<p>``s."""
    return [(div, len(div.text_content())) for div in tree.iter("div") if text_only(div) and prose(div)]


def _beside_story(element: HtmlElement, tree: HtmlElement) -> bool:
    """Whether a block of other stories or of a call to the reader ("most-popular", "newsletter") stands beside
    the page's story: it opens with a heading naming other stories ("Related", "Most read") or holds a form's
    field (a sign-up box), or an ``<article>`` outside it holds paragraphs of its own. However much text its
    cards hold (more than a breaking stub's), it is no wrapper around the story."""
    if not name_tokens(f"{element.get('class') or ''} {element.get('id') or ''}") & _TEASER_TOKENS:
        return False
    if next(element.iter("input", "textarea"), None) is not None:
        return True
    first = next((child for child in element if isinstance(child.tag, str) and child.text_content().strip()), None)
    if first is not None and first.tag in _HEADINGS and POPULAR_LABEL.search(first.text_content()):
        return True
    if next(element.iterancestors("article"), None) is not None:
        return False
    return any(
        _paragraph_chars(article) >= _MIN_ITEM_CHARS and element not in article.iterancestors()
        for article in tree.iter("article")
        if next(article.iterancestors("article"), None) is None
    )


def _kind_of(element: HtmlElement) -> tuple[str, str]:
    """A block's kind among the noisy ones: its tag and first class name (its id when it has no class)."""
    names = (element.get("class") or "").split()
    return element.tag, names[0] if names else element.get("id") or ""


_INLINE = _words("a span em strong b i")


def _in_sentence(element: HtmlElement) -> bool:
    """Whether an inline element stands inside a sentence, words on both sides of it in its block: whatever its
    class names, cutting it would cut the sentence ("The harbour master, , said")."""
    if element.tag not in _INLINE or not _has_letter(element.tail):
        return False
    before = element.getprevious()
    return _has_letter(element.getparent().text if before is None else before.tail)


def _has_letter(text: str | None) -> bool:
    return bool(text) and any(char.isalpha() for char in text)


# a count a platform shows beside its buttons ("1.2K", "48", "3,4 mil"), one or more
_BUTTON_COUNTS = re.compile(r"^(?:\s*\d+(?:[.,]\d+)?\s*(?:[kmb]|mil|万|萬|千|만|천)?)+\s*$", re.IGNORECASE)
_MAX_BAR_LEVELS = 3  # blocks above a button its bar of counts may span
_BAR_TAGS = _words("div span p li ul")
_MEDIA = ("img", "picture", "video", "iframe", "figure", "audio")


def _button_bar(button: HtmlElement) -> HtmlElement:
    """The bar a platform's button stands in with its count beside it (a claps button and "1.2K" in the next
    ``<div>``): the largest block around it, a few levels up, whose text is only counts; else the button. A
    count of the page's own (a data story's "3.4K") stands beside no button."""
    bar = button
    block = button.getparent()
    for _ in range(_MAX_BAR_LEVELS):
        if block is None or block.tag not in _BAR_TAGS or next(block.iter(*_MEDIA), None) is not None:
            break  # a picture's block with a zoom button stays
        text = block.text_content().replace(bar.text_content(), " ", 1)  # the button's label beside its count
        if text.strip() and not _BUTTON_COUNTS.match(text):
            break
        bar, block = block, block.getparent()
    return bar


def _inside(element: HtmlElement, block: HtmlElement) -> bool:
    """Whether ``element`` lies inside ``block``."""
    parent = element.getparent()
    while parent is not None:
        if parent is block:
            return True
        parent = parent.getparent()
    return False


_MAX_KICKER_CHARS = 50
_MAX_KICKER_WORDS = 5
_KICKER_ENDS = tuple(".!?…:;")


def _labels_above(tree: HtmlElement) -> list[HtmlElement]:
    """The short labels the story's ``<article>`` (or ``<main>``; without either, the ``<h1>``'s own block) shows
    above its ``<h1>``: a kicker, a section's or an opinion's label ("<p class="dachzeile">Verkehrswende</p>",
    "<span class="label">Opinion</span>"). Only when nothing longer stands there: story text above the ``<h1>``
    says it heads no story, but a section of one."""
    heads = [h for h in tree.iter("h1") if next(h.iterancestors("nav"), None) is None]
    if not heads:
        return []
    h1 = heads[0]
    scope = next(h1.iterancestors("article", "main"), None)
    if scope is None:
        # no story's box around it: only the <h1> the page's title names is the headline (not a logo's, nor a
        # recipe's "Ingredients" below its "Serves 12")
        titles = _title_keys(tree)  # (a page with no title: its first <h1>)
        h1 = next((h for h in heads if not titles or _names_page(h, titles)), None)
        if h1 is None:
            return []
        scope = next(h1.iterancestors("article", "main"), None)
        if scope is None:
            scope = h1.getparent()
        if scope is None or scope.tag in _PROTECTED:
            return []
    labels: list[HtmlElement] = []
    node = h1
    while node is not scope:
        for sibling in node.itersiblings(preceding=True):
            if not isinstance(sibling.tag, str) or sibling.tag in ("figure", "picture"):
                continue
            text = _short_text(sibling)
            if text is None or len(text.split()) > _MAX_KICKER_WORDS or text.endswith(_KICKER_ENDS):
                return []
            if not text:
                continue
            labels.append(sibling)
        node = node.getparent()
    return labels


def _title_keys(tree: HtmlElement) -> list[str]:
    """The page's <title> and og:title, as keys (case and all but letters and digits folded away)."""
    title = tree.find(".//title")
    texts = [title.text_content() if title is not None else ""]
    texts += [meta.get("content") or "" for meta in tree.iter("meta") if meta.get("property") == "og:title"]
    return [key for text in texts if (key := _heading_key(text))]


def _heading_key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _names_page(h1: HtmlElement, titles: Sequence[str]) -> bool:
    """Whether the page's title (or og:title) is ``h1``'s text, or holds it as most of itself (a site's name
    beside it)."""
    key = _heading_key(h1.text_content())
    return bool(key) and any(key in title and 2 * len(key) >= len(title) for title in titles)


def _short_text(element: HtmlElement) -> str | None:
    """The element's text, white space collapsed; None when longer than a kicker (read no further than that)."""
    pieces: list[str] = []
    shown = 0  # characters other than white space so far: more than a kicker's, and it is none
    for piece in element.itertext():
        pieces.append(piece)
        shown += len(piece) - sum(map(str.isspace, piece)) if piece.strip() else 0
        if shown > _MAX_KICKER_CHARS:
            return None
    text = " ".join("".join(pieces).split())
    return text if len(text) <= _MAX_KICKER_CHARS else None


def _list_item(element: HtmlElement, chars: int, total: int) -> bool:
    """One of a run of like blocks that carry text, not links — the items of a round-up or a deals list
    (``div.product-card.promo`` × 4), a story a CMS builds from text widgets — not an ad slot, a newsletter box
    or a teaser list. Inside the article any noisy class may mark such a run; elsewhere only a weak one
    ("widget", "promo") and only when the run holds much of the page's text (comments never count)."""
    parent = element.getparent()
    if parent is None:
        return False
    names = element.get("class") or ""
    tokens = name_tokens(f"{names} {element.get('id') or ''}")
    # inside the article an item's text may sit outside <p> (a heading, a price, a description <div>): a shop
    # item's, not a teaser's
    if chars < _MIN_ITEM_CHARS and tokens & _TEASER_TOKENS:
        return False
    in_article = any(a.tag == "article" or a.get("itemprop") == "articleBody" for a in element.iterancestors())
    if chars < _MIN_ITEM_CHARS and not in_article:
        return False
    text = len(element.text_content().strip())
    if text < _MIN_ITEM_CHARS:
        return False
    kind = names.split()[:1]  # "product-card promo" and "product-card promo featured": one kind of item
    alike = [s for s in parent if s.tag == element.tag and (s.get("class") or "").split()[:1] == kind]
    weak = tokens & NOISE_TOKENS <= _WEAK_TOKENS
    if in_article and len(alike) < _MIN_ITEMS:
        return False
    if not in_article and not (
        weak and len(alike) >= 2 and sum(_unlinked_chars(s) for s in alike) > _RUN_SHARE * total
    ):
        return False
    return _unlinked_chars(element, text) > 0.5 * text


def _unlinked_chars(element: HtmlElement, text: int | None = None) -> int:
    """Characters of the element's text outside links."""
    text = len(element.text_content().strip()) if text is None else text
    return text - sum(len(a.text_content().strip()) for a in element.iter("a"))


def _noise(element: HtmlElement, site: Site, tag_lists: dict[HtmlElement, bool] | None = None) -> str | None:
    """ "tag" for navigation and hidden elements, "pointer" for a link a pointer's label opens its block with, "call"
    for a button closing a call to the reader,
    "class" for a noisy class, id or wrapper, else None."""
    tag, keys, get = element.tag, element.keys(), element.get  # (an attribute not in ``keys`` is absent)
    if tag in _NEVER_STORY or keys and (_hidden(element) or "aria-hidden" in keys and get("aria-hidden") == "true"):
        return "tag"
    if "itemprop" in keys and get("itemprop") == "articleBody":
        return None
    classes = get("class") or "" if "class" in keys else ""
    if tag == "a":
        if _pointed_to(element):
            return "pointer"
        if _tag_list(element, {} if tag_lists is None else tag_lists):
            return "tags"
        if _card(element):
            return "class"
        if call_box(element, site) is not None:
            return "call"
    elif (
        tag in _BOXES and (_newsletter_box(element) or _link_rail(element) or _form_box(element)) or promo_box(element)
    ):
        return "tag"
    if classes and _embed_class(classes):
        return "tag"
    if _hidden_by_class(classes):
        return "class"  # hidden by the site's style sheet: a story hidden so (revealed by a script) holds most text
    noisy = _noisy_names(classes, get("id") or "" if "id" in keys else "")
    return "class" if noisy or tag in _RARELY_STORY else None


# whole class names that hide an element in the common CSS frameworks and in-house style sheets (not "hidden-xs":
# hidden on small screens only)
_HIDING_CLASSES = _words("hide hidden is-hidden u-hidden d-none display-none invisible")
_TAG_LIST_LINKS = 0.8  # of a block's text its links to tags' pages hold when the block is a tag list


def _hidden_by_class(classes: str) -> bool:
    """Hidden by a class name, and not shown again at some screen width ("hidden md:block", "d-none d-md-block")."""
    names = classes.split()
    if not _HIDING_CLASSES.intersection(names):
        return False
    return not any(":" in name or name.startswith("d-") and name != "d-none" for name in names)


def _tag_list(link: HtmlElement, blocks: dict[HtmlElement, bool]) -> bool:
    """A link to a tag's page (``rel="tag"``, or a tag's or topic's path: "/tag/ferries", "/temas/agua") in a
    block that is a list of them ("Tags: quays, ferries", "<span>Tópicos</span><a>…</a>"): the story's keywords,
    not its text. A tag link inside a sentence (a plugin's auto-linked name) is story text."""
    if not _tag_link(link):
        return False
    block = _tag_block(link)
    if block is link:
        return False
    if block not in blocks:  # a block's many links: its count read once (``blocks``: the blocks read so far)
        blocks[block] = _tags_hold(block)
    return blocks[block]


def _tags_hold(block: HtmlElement) -> bool:
    """Whether the links to tags' pages in ``block`` hold nearly all its text besides its label."""
    label = block.text or ""  # a label before the links ("Tags:", "Themen:"), bare or in its own element
    first = next(iter(block), None)
    if not label.strip() and first is not None and _tag_label(first, p=True):
        label = first.text_content()
    text = _letters(block.text_content()) - _letters(label)
    tagged = sum(_letters(a.text_content()) for a in block.iter("a") if _tag_link(a))
    return tagged >= _TAG_LIST_LINKS * text


_MAX_TAG_LABEL = 3  # words of a tag list's label


def _tag_label(element: HtmlElement, *, p: bool = False) -> bool:
    """Whether a tag list's first element is its label ("<span>Tópicos</span>", "<h4>Topics</h4>"; ``p``: a
    paragraph too): no link."""
    tags = _LABEL_TAGS | {"p", "div"} if p else _LABEL_TAGS
    if element.tag not in tags:
        return False
    return next(element.iter("a"), None) is None and len(element.text_content().split()) <= _MAX_TAG_LABEL


def _tag_block(link: HtmlElement) -> HtmlElement:
    """The block a tag's link stands in (the link itself when it stands in none below the story's own)."""
    block = link.getparent()
    while block is not None and block.tag in _INLINE:
        block = block.getparent()
    if block is None or block.tag in _PROTECTED:
        return link
    box = block.getparent()  # the list's label in a block of its own beside it ("<p>Related Topics:</p><div>…")
    if box is None or box.tag in _PROTECTED or (box.text or "").strip():
        return block
    children = [child for child in box if isinstance(child.tag, str)]
    if len(children) > 1 and all(_tag_item(child) for child in children):
        # a block per tag ("<div class=items><div class=item><a>…</a></div>…</div>"): the list is their box, its
        # label one level up
        block, box = box, box.getparent()
        if box is None or box.tag in _PROTECTED or (box.text or "").strip():
            return block
        children = [child for child in box if isinstance(child.tag, str)]
    if len(children) == 2 and children[1] is block and _tag_label(children[0], p=True):
        return box
    return block


def _tag_item(element: HtmlElement) -> bool:
    """A block holding one tag's link and no other text."""
    links = list(element.iter("a"))
    return (
        len(links) == 1
        and _tag_link(links[0])
        and len(element.text_content().strip()) == len(links[0].text_content().strip())
    )


# a tag's or topic's page, in the paths CMSs give them
_TAG_PATH = re.compile(
    r"/(?:tags?|topics?|themen|thema|schlagw(?:ort|oerter)|stichw(?:ort|oerter)|etiquetas?|temas?|tópicos?|"
    r"topicos?|sujets?|mots-cles|argomenti|onderwerpen?|tagi|etiket(?:ler)?|taxonomy/term)/[^/?#]",
    re.IGNORECASE,
)


def _tag_link(link: HtmlElement) -> bool:
    return "tag" in (link.get("rel") or "").split() or bool(_TAG_PATH.search(link.get("href") or ""))


_RAIL_HEADING_WORDS = 6
_MIN_RAIL_LINK = 4  # characters of an entry's link
_RAIL_ITEMS = _words("div article p")


def _link_rail(box: HtmlElement) -> bool:
    """A box headed by a short heading over a list whose every entry is a link to another page, alone or with its
    date ("<h3>Also from this source</h3><ul><li><a>…</a><span>Nov 12, 2025</span></li></ul>"): a rail of other
    stories, whatever the heading's words or the page's language. A story's list says something of each entry."""
    children = [child for child in box if isinstance(child.tag, str)]
    if len(children) < 2 or children[0].tag not in _CARD_HEADINGS or (box.text or "").strip():
        return False
    if len(children[0].text_content().split()) > _RAIL_HEADING_WORDS:
        return False
    if len(children) == 2 and children[1].tag in ("ul", "ol"):
        items = list(children[1].iterchildren("li"))
    else:  # an entry to a block ("<div class="item"><a>…</a><time>…</time></div>" × 3)
        items = children[1:]
        if len(items) < 2 or any(item.tag != items[0].tag or item.tag not in _RAIL_ITEMS for item in items):
            return False
    if not items:
        return False
    for item in items:
        text = " ".join(item.text_content().split())
        link = next(item.iter("a"), None)
        shown = " ".join(link.text_content().split()) if link is not None else ""
        if len(shown) < _MIN_RAIL_LINK or not text.startswith(shown) or link.get("href") is None:
            return False
        rest = text[len(shown) :].strip(" ()[]-–—|·,")
        if rest and visible_date(rest) is None:
            return False
    return True


# the class an embed script turns into a social network's post (Twitter/X, Instagram, TikTok, Facebook, Reddit,
# Bluesky, Threads, Mastodon): another's post shown in the story, not its text (a quote the story itself gives is a
# plain <blockquote>)
_EMBED_CLASSES = _words(
    "twitter-tweet twitter-video twitter-timeline instagram-media tiktok-embed fb-post fb-video fb-comment-embed "
    "reddit-embed-bq bluesky-embed text-post-media mastodon-embed"
)


def _embedded_post(element: HtmlElement) -> bool:
    classes = element.get("class")
    return bool(classes) and _embed_class(classes)


@lru_cache(maxsize=8192)
def _embed_class(classes: str) -> bool:
    """Whether a class string names an embedded post (pages repeat a few class strings many times: cached)."""
    return not _EMBED_CLASSES.isdisjoint(classes.split())


_LABEL_MARKS = " :|»›→–—-\xa0"  # what sets a label off from its link


def _pointed_to(link: HtmlElement) -> bool:
    """A link that a pointer's label opens its block with ("<strong>À lire aussi</strong> <a>…</a>", "Czytaj
    także: <a>…</a>"): another story's headline, not story text. A link inside a sentence that goes on after it
    ("Lesen Sie auch <a>den Bericht</a>, der gestern erschien") is story text."""
    tail = link.tail
    if tail and _ALNUM.search(tail):
        return False
    previous = link.getprevious()
    if previous is None:
        parent = link.getparent()
        label = parent.text if parent is not None else None
    elif previous.tag in _INLINE and not (previous.tail or "").strip(_LABEL_MARKS) and previous.getprevious() is None:
        label = None if (link.getparent().text or "").strip(_LABEL_MARKS) else previous.text_content()
    else:
        return False
    label = (label or "").strip(_LABEL_MARKS)
    return 0 < len(label) <= _MAX_LABEL and bool(POINTER_LABEL.fullmatch(label))


_MAX_LABEL = 40
_MAX_BOX_REST = 8  # words of a pointer's box besides its label and link: the pointed-to story's byline, date


def _pointer_box(link: HtmlElement) -> HtmlElement:
    """The box a pointer's link stands in, when the box holds only the pointer's label, the link and a line
    that goes with it (the other story's byline or desk, its date: "Lee también <a>…</a> Redacción"): the whole
    box is another story's; else the link alone."""
    box = link.getparent()
    while box is not None and box.tag in _INLINE:
        box = box.getparent()
    if box is None or box.tag in _PROTECTED:
        return link
    text = " ".join(box.text_content().split())
    shown = " ".join(link.text_content().split())
    if not shown:
        return link
    before, _, after = text.partition(shown)
    label = POINTER_LABEL.match(before.strip(_LABEL_MARKS))
    rest = before.strip(_LABEL_MARKS)[label.end() :] if label else before
    rest = f"{rest} {after}".strip(_LABEL_MARKS + " ")
    if label is None or len(rest.split()) > _MAX_BOX_REST or _SENTENCE.search(rest):
        return link
    return box


_SENTENCE = re.compile(r"[^\W\d_]{2}[.!?。！？](?:\s|$)")
_ALNUM = re.compile(r"[^\W_]")
_NEWSLETTER = ("newsletter", "nieuwsbrief", "nyhetsbrev", "nyhedsbrev", "boletín", "bülten", "infolettre")
_MAX_BOX_CHARS = 300
_BOXES = _words("div section")
_MAX_BOX_HEADING_WORDS = 4


def _newsletter_box(element: HtmlElement) -> bool:
    """A small box headed by a newsletter's name ("<div class="box"><h3>Unser Newsletter</h3><p>Die wichtigsten
    Nachrichten jeden Morgen …</p></div>"): a call to sign up, whatever the box's class or the page's language."""
    if not len(element) or element[0].tag not in _CARD_HEADINGS or (element.text or "").strip():
        return False
    heading = element[0].text_content()
    if len(heading.split()) > _MAX_BOX_HEADING_WORDS or not any(word in heading.casefold() for word in _NEWSLETTER):
        return False
    return len(element.text_content().strip()) <= _MAX_BOX_CHARS


_MAX_FORM_WORDS = 30  # of a form's box's text outside the form: a heading and a question or a line of call


def _form_box(element: HtmlElement) -> bool:
    """A small box closed by a form of fields ("<div><h4>Have your say</h4><p>Should the fare go up?</p><form>
    <input type=radio> Yes …</form></div>"): a poll's, a quiz's or a sign-up's, not the story's text, which says far
    more than a heading and a question beside such a form."""
    last = next((child for child in reversed(element) if isinstance(child.tag, str)), None)
    if last is None or last.tag != "form" or next(last.iter("input", "select", "textarea"), None) is None:
        return False
    shown = len(element.text_content().split()) - len(last.text_content().split())
    return shown <= _MAX_FORM_WORDS


def _letters(text: str) -> int:
    """Letters and digits in ``text`` (separators and white space left out)."""
    return sum(ch.isalnum() for ch in text)


_INLINE = _words("a span strong b em i small")
_CARD_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_LABEL_TAGS = (_INLINE - {"a"}) | frozenset(_CARD_HEADINGS)  # what a list's label stands in


def _card(link: HtmlElement) -> bool:
    """A link wrapped around a heading and more (a teaser card: another story's headline, picture, date and
    opening lines, all one link to it). A story's own paragraph is never inside one link with a heading."""
    if not len(link) or link.get("href") is None:
        return False
    heading = next(link.iterdescendants(*_CARD_HEADINGS), None)
    return heading is not None and next(link.iterdescendants("p", "img", "time"), None) is not None


@lru_cache(maxsize=8192)
def _noisy_names(classes: str, ident: str) -> bool:
    """Whether a class and id name noise or a note box (pages repeat a few names many times: cached).

    An id spelling a heading ("sharing-with-a-single-developer", a section's anchor) names no role: only a
    short id ("share-bar", "related") is read for noise words."""
    return _noisy_classes(classes) or bool(ident) and _noisy_id(ident)


@lru_cache(maxsize=8192)
def _noisy_classes(classes: str) -> bool:
    """Whether a class attribute names noise (cached on its own: a page repeats its class strings under many ids)."""
    return any(map(_noisy_name, classes.split()))


def _noisy_id(ident: str) -> bool:
    """Whether a short id names noise (its words counted only when one of its names is noisy: most ids are
    unique, and most name none)."""
    return any(map(_noisy_name, ident.split())) and len(name_tokens(ident)) <= _MAX_ROLE_ID_WORDS


def _shortest(words: frozenset[str]) -> list[str]:
    """The words that hold none of the others (a name holding any of ``words`` holds one of these)."""
    return sorted(word for word in words if not any(other != word and other in word for other in words))


# what a noisy name holds in lower case: a noise word, a note box's word, an author's or a player's word
_NOISY_PART = re.compile("|".join(map(re.escape, _shortest(NOISE_TOKENS | NOTE_BOX_WORDS | _AUTHOR | _PLAYER))))


@lru_cache(maxsize=16384)
def _noisy_name(name: str) -> bool:
    """Whether one class or id name names noise, a note box (no note box's name spans white space), an author's
    bio box or a video's caption."""
    if name.isascii() and not _NOISY_PART.search(name.lower()):
        return False  # (its words, in lower case, are parts of it: none can be one of those; most names, told fast)
    words = word_tokens(name)
    return bool(
        words & NOISE_TOKENS
        or note_box(name)
        or words & _ABOUT
        and words & _AUTHOR
        or words & _PLAYER
        and words & _CAPTION
    )


def visible_chars(tree: HtmlElement) -> int:
    """Characters of paragraph and list text on the page (0 for a page its scripts have yet to render)."""
    return sum(len(el.text_content()) for el in tree.iter("p", "li", "td", "pre", "blockquote"))


def _paragraph_chars(root: HtmlElement) -> int:
    return sum(len(p.text_content()) for p in root.iter("p"))

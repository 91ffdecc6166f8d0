"""The generic metadata layer: <h1>, <time datetime>, byline elements and visible dates, read from the page."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import islice
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from monitor.extractors.authors import names_a_desk, split_authors
from monitor.extractors.byline import OTHERS_TAGS as _OTHERS_TAGS
from monitor.extractors.byline import byline_lines, credits_other
from monitor.extractors.cleanup import _noisy_names
from monitor.extractors.dates import (
    dateline_reading,
    is_dateline,
    is_timestamp,
    is_update_stamp,
    may_name_update,
    may_open_published,
    parse_date,
    published_line,
    read_date,
    update_label,
    visible_reading,
)
from monitor.extractors.jsonld import is_article
from monitor.extractors.jsonld import objects as jsonld_objects
from monitor.extractors.prefilter import PageValues, Prefiltered
from monitor.extractors.text import (
    BLOCKS,
    class_tokens,
    clean_heading,
    element_lines,
    element_text,
    joined,
    text_pieces,
    unique,
)

_ADDRESS_SELECTOR = "article address"
_BYLINE_SELECTORS = Prefiltered(
    (
        "[itemprop~=author] [itemprop~=name]",  # (a word of the attribute: itemprop="author creator", rel="author
        "[rel~=author]",  # external")
        ".byline__name",
        ".author-name",
        ".author__name",
        ".byline-name",
        "[itemprop~=author]",
        "[class$='-author'] > a",
        ".byline",
        ".author",
        ".autor",  # the author's element named in the page's language (Spanish, German, Portuguese; French; Italian)
        ".auteur",
        ".autore",
        "[class$='-author']",
        "[class*='-author ']",  # a blog's "post-author vcard"
        "[class$='__author']",  # a BEM block's author element ("c-signature__author")
        ".authors",
        "[class$='-autor']",  # Drupal's "field--name-field-autor" (its "Autor" label and the linked name)
        "[class*='-autor ']",
        ".writer",  # the writer's element ("كتب: <a>…</a>")
        "[class$='-authors']",  # Drupal's "field--name-field-authors" (a "By" label and a linked name per item)
        "[class*='-authors ']",
        ".muhabir",  # the reporter's element named in the page's language (Turkish; Turkish "yazar", Indonesian
        ".yazar",  # "penulis": writer)
        ".penulis",
        "[class$='-byline']",
        "[class$='__byline']",  # a BEM block's byline element ("article__byline")
        "[data-component*=byline]",  # a component framework's byline block ("byline-block": name and job apart)
        _ADDRESS_SELECTOR,  # the HTML element for an article's author, inside the article ("Ana Ruiz at Lune Park")
        ".post-meta",
        ".entry-meta",
    )
)
# a blog post's line of facts ("Posted by Ana Ruiz on 22 January 2024 in News"): it names an author after "by"
_POST_META = frozenset({".post-meta", ".entry-meta"})
_BY_WORD = re.compile(r"(?<!\w)(?:posted |written )?by\s", re.IGNORECASE)
# a byline inside these belongs to another story's teaser (a related-stories list, a card), not to this one
_TEASER_TAGS = frozenset({"li", "aside", "nav"})
_TEASER_TOKENS = frozenset({"related", "teaser", "recommended", "promo", "popular", "trending", "card", "more"})
_MAX_HEADING = 200  # characters: a longer "heading" is a paragraph set in a heading's style
# class names of a date's element, in the languages pages are written in ("fecha", "datum", "dato"; not "data":
# "view-data", "user-data")
_DATE_TOKENS = frozenset(
    {"date", "time", "timestamp", "published", "pubdate", "dateline", "meta", "datetime", "publishdate"}
    | {"fecha", "datum", "dato", "tarih"}
)
_NOT_THE_STORYS = frozenset({"today", "hoy", "heute", "aujourdhui", "oggi", "idag", "clock"})  # a masthead's date
_DATE_ITEMPROP = re.compile("^date(Published|Modified)$")
_CONTENT_TIMES = etree.XPath("//*[@content][@itemprop='datePublished' or @itemprop='dateModified']")


def read_generic(tree: HtmlElement) -> dict[str, Any]:
    """Fields visible in the page itself; {} for each one the page does not show."""
    fields: dict[str, Any] = {}
    h1 = headline_h1(tree)
    headline = heading_text(h1) if h1 is not None else None
    if headline:
        fields["headline"] = headline
        if h1 is not None and (parts := _kicker_and_story(h1)):
            fields["headline_parts"] = parts
        elif h1 is not None and (parts := _kicker_and_text(h1)):
            fields["headline_kicker"] = parts  # (its kicker set apart only when the <title> says so)
    headings = shown_headings(tree)
    if headings:
        fields["headings"] = headings
    if post := post_title(tree):
        fields["post_title"] = post
    values = PageValues(tree)  # (the page's classes, read once for the byline's selectors and the hAtom times)
    authors, runs, elements = _authors(tree, values)
    if authors:
        fields["authors"] = authors
        fields["byline_runs"] = runs  # the lines they were read from (whether names stand joined in one)
        fields["byline_elements"] = elements  # (whether the exact gate covers them: asked before the tree is cleaned)
    published, modified, said, lines = _times(tree, values)
    if published:
        fields["published"] = published
    if modified:
        fields["modified"] = modified
    if said:
        fields["said"] = said
    if lines:
        fields["date_lines"] = lines
    return fields


def page_elements(tree: HtmlElement, *tags: str) -> Iterator[HtmlElement]:
    """The page's elements of these tags in page order, as ``//h1 | //h2`` finds them: the root's and those of
    the elements beside it after it (libxml2 puts what follows ``</html>``, or a stray ``</body></html>``
    mid-page, in a second top-level element) — lxml's tag-filtered walk of each, not an XPath scan."""
    root = tree.getroottree().getroot()
    for top in (root, *root.itersiblings(etree.Element)):
        yield from top.iter(*tags)


def h1_text(tree: HtmlElement) -> str | None:
    """The first <h1> of the article (or main) element, else of the page; never one in a breadcrumb trail, nor
    a site's logo (an ``<h1>`` linking only to the home page) when a later ``<h1>`` is the story's."""
    h1 = headline_h1(tree)
    return heading_text(h1) if h1 is not None else None


def _kicker_and_story(h1: HtmlElement) -> tuple[str, str] | None:
    """An ``<h1>`` set as two elements and no text of its own, a kicker's over the story's
    (``<span>Kicker</span><span>Story</span>``): their texts — the page shows the kicker apart from the headline."""
    if len(h1) != 2 or (h1.text or "").strip() or any((child.tail or "").strip() for child in h1):
        return None
    if not all(isinstance(child.tag, str) and child.tag not in ("br", "a") for child in h1):
        return None
    kicker, story = (heading_text(child) for child in h1)
    return (kicker, story) if kicker and story else None


def _kicker_and_text(h1: HtmlElement) -> tuple[str, str] | None:
    """An ``<h1>`` that opens with a kicker's element, the story's own text after it (``<span class="kicker">
    Kicker</span> Story``): their texts."""
    if len(h1) != 1 or (h1.text or "").strip() or not (tail := " ".join((h1[0].tail or "").split())):
        return None
    if not isinstance(h1[0].tag, str) or h1[0].tag in ("br", "a") or len(h1[0]):
        return None
    kicker = heading_text(h1[0])
    return (kicker, tail) if kicker else None


def headline_h1(tree: HtmlElement) -> HtmlElement | None:
    """The ``<h1>`` :func:`h1_text` reads the headline from."""
    h1s = [h for h in page_elements(tree, "h1") if not _in_navigation(h)]  # (one walk of the page's <h1>s)
    for scope in ("article", "main", None):  # "//article//h1", then "//main//h1", then "//h1"
        found = h1s if scope is None else [h for h in h1s if next(h.iterancestors(scope), None) is not None]
        if len(found) > 1 and home_link(found[0]) and (later := _story_h1(tree, found[0], found[1:])) is not None:
            return later
        for h1 in found:
            if heading_text(h1):
                return h1
    return None


_HOME_PATH = re.compile(r"/?|/index\.\w+")  # "", "/", and the root's "/index.php" (not a relative "index.html")
# a link's query parameters that track a visit or bust a cache, and go home as much as the bare link does
_TRACKING = re.compile(
    r"utm_\w+|ref|ref_?src|referr?er|source|src|from|via|campaign|cmp|cb|cachebust(?:er)?|nocache|_|v|ver|"
    r"version|t|ts|rnd|rand|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_ga|_gl|amp|lang|hl",
    re.IGNORECASE,
)
_BUSTER = re.compile(r"\d+|[0-9a-f]{6,}", re.IGNORECASE)  # a lone "?1712345678", "?3f9a2c1d"


def home_link(h1: HtmlElement) -> bool:
    """An ``<h1>`` whose whole text is one link to the site's home page: a masthead's logo, the site's name (the
    exact gate covers the answer: the link's address steers the headline's choice). Home is the site's root
    ("/", "https://host/", the root's "/index.php") with no query but one that tracks the visit or busts a cache
    ("/?ref=logo", "/?utm_source=x", "/?cb=2026"); never a page the query names ("/?p=4411",
    "/index.php?id=4411", "/index.php?option=com_content&view=article&id=42"), nor a relative "index.html"."""
    links = h1.findall(".//a")
    if len(links) != 1 or not (href := (links[0].get("href") or "").strip()) or href.startswith("#"):
        return False
    parts = urlsplit(href)
    return (
        bool(_HOME_PATH.fullmatch(parts.path))
        and (bool(parts.netloc) or parts.path.startswith("/"))  # "" is no link; "//host", "/" and "/index.php" are
        and _tracking_only(parts.query)
        and "".join("".join(links[0].itertext()).split()) == "".join("".join(h1.itertext()).split())
    )


def _tracking_only(query: str) -> bool:
    """Whether a link's query says nothing of which page it opens: none, or tracking and cache-busting only."""
    fields = [field for field in query.split("&") if field]
    if len(fields) == 1 and "=" not in fields[0]:
        return bool(_BUSTER.fullmatch(fields[0]))
    return all("=" in field and _TRACKING.fullmatch(field.split("=", 1)[0]) for field in fields)


# the heading of a box beside the story, never its headline: "Most read", "Subscribe to our newsletter"
_BOX_HEADING = re.compile(
    r"most (?:read|popular|viewed|shared)(?: \w+)?|popular(?: stories| posts| now)?|trending(?: now)?|"
    r"newsletters?|(?:subscribe|sign up|follow us|elsewhere|more (?:from|news|stories|on))\b.{0,40}|"
    r"contact(?: us)?|comments?|related(?: stories| articles| posts| content)?|latest(?: news| stories)?|"
    r"read (?:more|next)|advertisement|meistgelesen|kontakt|kommentare|les plus lus|lo más leído|más leídas",
    re.IGNORECASE,
)
_BOX_TAGS = frozenset({"footer", "aside", "nav", "form"})
_BOX_TOKENS = frozenset(
    {"footer", "sidebar", "widget", "newsletter", "subscribe", "signup", "popular", "mostread", "most-read"}
    | {"trending", "comments", "comment", "contact", "related", "moduletable", "rail", "promo"}
)


def _story_h1(tree: HtmlElement, logo: HtmlElement, h1s: list[HtmlElement]) -> HtmlElement | None:
    """The first of these ``<h1>``s after a logo's that names a story: no logo, no teaser's or sidebar's heading,
    none in a footer, an aside, a menu or a box's ("Most read", a newsletter's sign-up); and only one that is
    the story's — it agrees with the page's own name for it (the ``<title>`` without the site's name, og:title,
    JSON-LD's headline) or stands in the story's scope (its ``<article>``, ``<main>``, an entry's content), never
    a call to give ("Support local journalism") or a "next up" box's other story. None when the first that is
    left is not clearly the story's (the first ``<h1>`` then stands, as it did)."""
    for h1 in h1s:
        if home_link(h1) or _in_teaser(h1) or _in_sidebar(h1) or not (text := heading_text(h1)):
            continue
        boxed = any(node.tag in _BOX_TAGS or class_tokens(node) & _BOX_TOKENS for node in h1.iterancestors())
        if boxed or _BOX_HEADING.fullmatch(text):
            return None
        return h1 if _in_story_scope(h1) or _named_so(tree, text, heading_text(logo) or "") else None
    return None


# classes of an element holding a post's or a story's own content (WordPress's "entry-content", "post")
_STORY_SCOPE_TOKENS = frozenset(
    {"entry-content", "entry", "hentry", "post", "post-content", "story", "story-body", "article", "article-body"}
)
_TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+|\s*[|·:]\s*")
_AGREEING = 12  # letters at least in the shorter of two names of a story that agree by one holding the other


_STORY_BELOW = 250  # characters of paragraph text, in two paragraphs at least, that make a story below a heading


def _in_story_scope(h1: HtmlElement) -> bool:
    """In the story's ``<article>``, ``<main>`` or entry content (by its classes), or over the story's text: the
    paragraphs after it in its block (a table cell's, a content block's) — not a box's line or two."""
    if any(node.tag in ("article", "main") or class_tokens(node) & _STORY_SCOPE_TOKENS for node in h1.iterancestors()):
        return True
    paragraphs = [
        len(p.text_content().strip()) for sibling in h1.itersiblings() for p in sibling.iter("p") if not _left_out(p)
    ]
    return len(paragraphs) >= 2 and sum(paragraphs) >= _STORY_BELOW


def _named_so(tree: HtmlElement, text: str, site: str) -> bool:
    """Whether the page names its story ``text`` elsewhere: a part of its ``<title>`` other than the site's
    name (``site``: the logo's, og:site_name's), its og:title, its JSON-LD headline — one holding the other."""
    sites = {_letters(site), *(_letters(value) for value in tree.xpath("//meta[@property='og:site_name']/@content"))}
    title = tree.find(".//title")
    names = [*(_TITLE_SEPARATORS.split(title.text_content()) if title is not None else ())]
    names += tree.xpath("//meta[@property='og:title']/@content | //meta[@name='twitter:title']/@content")
    names += [str(node["headline"]) for node in jsonld_objects(tree) if isinstance(node.get("headline"), str)]
    own = _letters(text)
    for name in map(_letters, names):
        if name in sites or not name:
            continue
        short, long = sorted((name, own), key=len)
        if len(short) >= _AGREEING and short in long:
            return True
    return False


def _letters(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def first_heading(tree: HtmlElement) -> str | None:
    """The page's first ``<h2>``/``<h3>`` outside menus: a headline for a page that names itself nowhere else."""
    for heading in tree.iter("h2", "h3"):
        text = element_text(heading)
        if 3 <= len(text) <= _MAX_HEADING and not _in_navigation(heading):
            return text
    return None


def shown_headings(tree: HtmlElement) -> tuple[str, ...]:
    """Texts the page shows as its headline: every <h1>, and <h2>s in an <hgroup> or <header>, not in menus."""
    headings = [h for h in _shown_heading_elements(tree) if not _in_navigation(h)]
    return tuple(text for h in headings[:20] if (text := heading_text(h)))


def _shown_heading_elements(tree: HtmlElement) -> list[HtmlElement]:
    """``//h1 | //hgroup/h2 | //header//h2`` in page order, from one walk of the page's ``<h1>``s and ``<h2>``s."""
    return [
        h
        for h in page_elements(tree, "h1", "h2")
        if h.tag == "h1"
        or getattr(h.getparent(), "tag", None) == "hgroup"
        or next(h.iterancestors("header"), None) is not None
    ]


# a blog post's title as its theme sets it ("<h2 class="post-title entry-title">" below the blog's <h1>)
_POST_TITLE_CLASSES = frozenset({"post-title", "entry-title"})
_XML_SPACE = re.compile(r"[ \t\r\n]+")  # the white space XPath's normalize-space() knows


def _post_title_elements(tree: HtmlElement) -> list[HtmlElement]:
    """The ``<h2>``/``<h3>`` classed "post-title" or "entry-title", in page order: the elements of XPath's
    ``//h2[contains(concat(' ', normalize-space(@class), ' '), ' post-title ')] | …`` from one walk of the page's
    ``<h2>``s and ``<h3>``s (a class word split on XML's white space, as normalize-space splits it)."""
    return [
        h
        for h in page_elements(tree, "h2", "h3")
        if (names := h.get("class"))
        and ("post-title" in names or "entry-title" in names)
        and not _POST_TITLE_CLASSES.isdisjoint(_XML_SPACE.split(names))
    ]


def post_title(tree: HtmlElement) -> str | None:
    """The first post's title a blog's theme shows (``<h2 class="post-title entry-title">``), outside menus,
    teasers and sidebars (a "recent posts" widget's are other posts')."""
    for heading in _post_title_elements(tree):
        if not (_in_navigation(heading) or _in_teaser(heading) or _in_sidebar(heading)):
            return heading_text(heading) or None
    return None


def heading_text(heading: HtmlElement) -> str:
    """A heading's text as it reads: a line break is a space, and so is the seam between a kicker's element and
    the headline's when the one ends a word and the other starts one with a capital ("<span>Hafen</span><span>
    Kaimauer …</span>" → "Hafen Kaimauer …", where the page sets them on two lines); "CDU</b>-Spitze" stays."""
    if len(heading) == 0:
        return clean_heading(heading.text_content())
    if any(el.tag == "br" or el.tag in BLOCKS for el in heading.iterdescendants()):
        return _without_permalink(heading, clean_heading(joined(text_pieces(heading))))
    # inline markup only (the usual heading): lxml's own walk
    return _without_permalink(heading, clean_heading(joined(heading.itertext())))


def _without_permalink(heading: HtmlElement, text: str) -> str:
    """A heading's text without the permalink mark a documentation theme ends it with (``<a class="headerlink"
    href="#…">¶</a>``): a link to the heading's own anchor whose text is a sign, no word."""
    for link in heading.iter("a"):
        mark = (link.text_content() or "").strip()
        if (
            (link.get("href") or "").startswith("#")
            and 0 < len(mark) <= 2
            and not any(ch.isalnum() for ch in mark)
            and text.endswith(mark)
        ):
            return text[: -len(mark)].rstrip()
    return text


def _in_navigation(element: HtmlElement) -> bool:
    """Inside a <nav> or a breadcrumb trail (a page's ``<h1>`` there repeats the headline as a crumb)."""
    for node in (element, *element.iterancestors()):
        if node.tag == "nav" or "breadcrumb" in (node.get("class") or "").lower():
            return True
    return False


def title_text(tree: HtmlElement) -> str:
    """The document <title>, for headline checks, error messages and logs."""
    title = tree.find(".//title")
    return clean_heading(title.text_content()) if title is not None else ""


def _authors(tree: HtmlElement, values: PageValues) -> tuple[tuple[str, ...], tuple[str, ...], tuple[HtmlElement, ...]]:
    """The authors the story's byline elements name, the lines of those elements they were read from, and the
    elements (``values``: the page's attribute values)."""
    story = _story_article(tree)
    # a "card" or a "more" box around an <h1> is a story's own box ("article-card-main"), no teaser: teasers head
    # their stories with smaller headings
    own = frozenset(node for h1 in tree.iter("h1") for node in h1.iterancestors())
    for selector in _BYLINE_SELECTORS.may_match(tree, values):  # (those that cannot match the page are not run)
        found = [
            (el, _article_of(el) if story is not None else None)
            for el in selector(tree)
            if not _in_teaser(el, own)
            and not _in_comments(el)
            and not (selector.css in _NAMED_AUTHOR and credits_other(el))
            and not any(node.tag in _OTHERS_TAGS for node in el.iterancestors())  # a photo's, a quote's
            and not (selector.css == _ADDRESS_SELECTOR and _postal(el))
        ]
        found = [(el, article) for el, article in found if article in (story, None)]  # not in a later <article>
        if story is not None and any(article is story for _, article in found):
            found = [(el, article) for el, article in found if article is story]  # not a byline beside the story's
        if selector.css in _POST_META:  # a blog's facts line: also in its sidebar's "recent posts" widgets
            found = [(el, article) for el, article in found if not _in_sidebar(el)]
        lines = [_byline_lines(el, selector.css in _POST_META) for el, _ in found]
        if names := [name for texts in lines for text in texts for name in split_authors(text)]:
            runs = tuple(unique(line for el, _ in found for line in _run_lines(el)))
            return unique(names), runs, tuple(el for el, _ in found)
    return (), (), ()


_STORY_LINE = 80  # characters of a paragraph of the story's text


def _postal(address: HtmlElement) -> bool:
    """Whether an article's ``<address>`` gives the newsroom's post address, not the story's author: it stands in a
    footer, a line of it opens with a number ("12 Quay Street", a postcode), or it opens with a desk's name above
    more lines ("Tarn Ledger Newsroom / Harbour House, Wrenfield"). (Where it stands in the article says nothing:
    papers set the byline below the story as often as above it.)"""
    if next(address.iterancestors("footer"), None) is not None:
        return True
    lines = byline_lines(address)
    return any(line[:1].isdigit() for line in lines) or len(lines) > 1 and names_a_desk(lines[0])


# the selectors that take any element whose class ends in "author": a photo's, a pull quote's as well as the story's
_NAMED_AUTHOR = frozenset(
    {"[class$='-author'] > a", "[class$='-author']", "[class*='-author ']", "[class$='__author']"}
)
_INLINE = frozenset({"a", "span", "strong", "b", "em", "i", "font", "small", "cite"})
_MAX_RUN = 200  # characters: a byline's run, not a paragraph


def _run_lines(element: HtmlElement) -> list[str]:
    """The lines of the byline run a name's element stands in: of the block around an inline element (a linked
    name's ``<a rel="author">`` in its "By … and …" line), else of the element itself."""
    node = element
    while node.tag in _INLINE and (parent := node.getparent()) is not None and parent.tag not in ("body", "main"):
        node = parent
    lines = byline_lines(node) if node is not element else []
    return lines if 0 < sum(map(len, lines)) <= _MAX_RUN else byline_lines(element)


_SIDEBAR_TOKENS = frozenset({"sidebar", "widget", "widgets", "recent", "rail", "secondary"})


def _in_sidebar(element: HtmlElement) -> bool:
    """In a sidebar or widget, looked for up to the story's element or the page's body (whose classes name the
    page's layout: "right-sidebar" on WordPress's <body> says nothing of where the element is). The page's first
    hAtom entry outside a side column is the story's element too: a blog (Blogger) sets its post in its main
    "Blog" widget."""
    for node in element.iterancestors():
        if node.tag in ("article", "main", "body"):
            return False
        if node.tag == "aside" or (tokens := class_tokens(node)) & _SIDEBAR_TOKENS:
            return True
        if "hentry" in tokens and node is _story_entry(node):
            return False
    return False


_ENTRIES = etree.XPath("//*[contains(concat(' ', normalize-space(@class), ' '), ' hentry ')]")
_SIDE_COLUMN = _SIDEBAR_TOKENS - {"widget", "widgets"}  # (a blog's main column is a widget too: Blogger's "Blog")


def _story_entry(node: HtmlElement) -> HtmlElement | None:
    """The page's first hAtom entry outside a side column (an ``<aside>``, a "sidebar", a "rail"): the story's,
    even where a theme sets its sidebar's "popular posts" before the main column."""
    for entry in _ENTRIES(node):
        if not any(up.tag == "aside" or class_tokens(up) & _SIDE_COLUMN for up in entry.iterancestors()):
            return entry
    return None


def _byline_lines(element: HtmlElement, post_meta: bool) -> list[str]:
    """The lines of a byline element, each read on its own ("By Ana Ruiz" and the date on the line below it); none
    when it is too long to be one. A post's facts line names its author only from its "by" on."""
    lines = byline_lines(element)
    if not 0 < sum(map(len, lines)) < 120:
        return []
    if post_meta:
        return [line[match.start() :] for line in lines if (match := _BY_WORD.search(line))]
    return lines


def _story_article(tree: HtmlElement) -> HtmlElement | None:
    """The ``<article>`` holding the page's first ``<h1>``: a byline in a later one (the next story of an
    endless page) names that story's authors."""
    h1 = next(tree.iter("h1"), None)
    return _article_of(h1) if h1 is not None else None


def _article_of(element: HtmlElement) -> HtmlElement | None:
    return next(element.iterancestors("article"), None)


# a comment thread's or a comment's class or id: the thread ("comments", "comment-list", "comments-area",
# "disqus_thread"), a comment ("comment-7", "div-comment-7") and its parts ("comment-author", "comment-meta"); not
# a page's flags ("has-comments", "comments-open", "comment-count") nor an opinion section named "Comment"
# ("article--comment", "tone-comment", "section-comment")
_COMMENT_PART = (
    r"[-_](?:list|area|section|thread|threads|wrapper|container|block|author|meta|body|content|text|item|header|"
    r"footer|respond|reply|form|\d+)"
)
_COMMENT_NAME = re.compile(
    rf"(?:div-)?comment(?:s(?:{_COMMENT_PART})?|{_COMMENT_PART})|commentlist|commentbody|disqus(?:_thread)?|"
    r"talkbacks?(?:[-_]\w+)?",  # Hebrew papers' readers' comments ("talkback", "talkbacks-list")
    re.I,
)


def _in_comments(element: HtmlElement) -> bool:
    """In a comment thread (or itself a comment's "comment-author"): a reader's name, never the story's author."""
    for node in (element, *element.iterancestors()):
        if node.tag == "body":
            return False
        names = f"{node.get('class') or ''} {node.get('id') or ''}".split()
        if any(_COMMENT_NAME.fullmatch(name) for name in names) or (node.get("itemtype") or "").endswith("/Comment"):
            return True
    return False


def _in_teaser(element: HtmlElement, own: frozenset[HtmlElement] = frozenset()) -> bool:
    """Inside another story's teaser: a list item, an aside, a nav, a box its class calls a card, a promo, "more"
    — but not one of ``own``, the boxes around an ``<h1>`` (a template's "article-card-main")."""
    for parent in element.iterancestors():
        if parent.tag in _TEASER_TAGS or class_tokens(parent) & _TEASER_TOKENS:
            if parent in own:
                return False
            return parent.tag != "li" or "author" not in (parent.getparent().get("class") or "")
    return False


# a time read from a line of visible text, that line's element, and what it stated (``dates.read_date``'s ``said``)
DatedLine = tuple[datetime, HtmlElement, str]


def _times(
    tree: HtmlElement, values: PageValues
) -> tuple[datetime | None, datetime | None, dict[str, str], dict[str, HtmlElement]]:
    """(published, modified, what the page's schema.org times stated: ``said`` of ``dates.read_date``, the
    elements of the visible lines a time was read from: the exact gate vouches for them only where it covers
    those lines). Only an itemprop's time says what it is; a bare <time> may be another story's, so only the
    story's own count (``_own_times``): the first not labelled an update's is its published time, the latest
    (when later) its modified one; after them the story's hAtom times (``_microformat_stamp``), then its lines.
    ``values``: the page's attribute values."""
    published = modified = None
    said: dict[str, str] = {}
    lines: dict[str, HtmlElement] = {}
    for tag in page_elements(tree, "time", "meta"):  # (//time[@itemprop] | //meta[@itemprop])
        if not _DATE_ITEMPROP.match(tag.get("itemprop") or ""):
            continue
        value, stated = read_date(tag.get("datetime") or tag.get("content"))
        field = "published" if tag.get("itemprop") == "datePublished" else "modified"
        if not (tag.get("datetime") or tag.get("content")) and tag.tag == "time" and field not in said:
            # an itemprop's <time> stating its time only as text ("22.abr.2025 às 16h45"): read as a visible line
            lang = _page_language(tree)
            value, stated = visible_reading(element_text(tag), day_first=_day_first(lang), lang=lang)
            if value:
                lines[field] = tag
        if value and field not in said:
            said[field] = stated
            published, modified = (value, modified) if field == "published" else (published, value)
    if len(said) < 2:  # microdata's time on another element, in its content attribute (``<span itemprop=
        # "datePublished" content="2025-04-22T19:10:00-05:00">April 22</span>``)
        for tag in _CONTENT_TIMES(tree):
            field = "published" if tag.get("itemprop") == "datePublished" else "modified"
            value, stated = read_date(tag.get("content"))
            if value and field not in said and tag.tag not in ("time", "meta"):
                said[field] = stated
                published, modified = (value, modified) if field == "published" else (published, value)
    times = _own_times(tree)
    # a class alone calls a <time> an update's only beside one classed the published time: many themes class
    # their post's only date "updated" (for hAtom), and its words did not say so
    if not any("published" in class_tokens(el) for el, _, _ in times):
        times = [(el, when, update and not _class_only_update(el)) for el, when, update in times]
    # what each time's source stated (a day, a clock without its zone, or both): a zoneless clock may be read in
    # the page's local zone (``page``), and yields to its zoned twin in another layer
    first = next(((el, when) for el, when, update in times if not update), None)  # never one labelled an update's
    if not published:
        if first:
            published, said["published"] = first[1], read_date(first[0].get("datetime"))[1]
        elif (stamp := read_date(_microformat_stamp(tree, "published", values)))[0]:
            published, said["published"] = stamp
        elif only := _only_date(times):
            published, said["published"] = only[1], read_date(only[0].get("datetime"))[1]
    if not published and (line := _visible(tree, _day_first(lang := _page_language(tree)), lang)):
        published, lines["published"], said["published"] = line
    latest = max(((when, el) for el, when, _ in times), default=None, key=lambda dated: dated[0])
    if not modified and latest and (not published or latest[0] > published and (len(times) > 1 or times[0][2])):
        modified, said["modified"] = latest[0], read_date(latest[1].get("datetime"))[1]
    stamp = read_date(_microformat_stamp(tree, "updated", values)) if not modified else (None, "")
    if stamp[0] and (not published or stamp[0] > published):
        modified, said["modified"] = stamp
    if not modified and (line := _dateline_modified(tree)):
        modified, lines["modified"], said["modified"] = line
    return published, modified, said, lines


_ISO_DAY = re.compile(r"\s*\d{4}-\d{2}-\d{2}")
MICROFORMAT_TIMES = frozenset({"published", "updated"})  # hAtom's classes of a post's times
_MICROFORMAT = {  # "<abbr class="published" title="2025-06-09T18:05:00+01:00">6:05 pm</abbr>"
    # (the cheap attribute test first: few elements have a title or datetime; the same elements either way)
    name: etree.XPath(f"//*[@title or @datetime][contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]")
    for name in MICROFORMAT_TIMES
}


def microformat_stamp(element: HtmlElement) -> str | None:
    """The ISO time an hAtom ``published``/``updated`` element states in its ``datetime`` or ``title``."""
    for stated in (element.get("datetime"), element.get("title")):
        if stated and _ISO_DAY.match(stated):
            return stated
    return None


def _microformat_stamp(tree: HtmlElement, name: str, values: PageValues) -> str | None:
    """The time (as stated) the story's first hAtom ``published`` (or ``updated``) element states (Blogger's and
    many blog themes' way to date a post): in the story's element when it has one there (as ``_own_times``), never a
    comment's, a teaser's, a sidebar's or a "next post" link's."""
    if name not in values.text("class"):
        return None  # no class on the page says the word (most pages: their scan spared)
    stated = [
        (element, stamp)
        for element in _MICROFORMAT[name](tree)
        if (stamp := microformat_stamp(element))
        and not dates_another(element)
        # "entry-date published updated": a post never updated (WordPress) states its published time
        and not (name == "updated" and "published" in class_tokens(element))
    ]
    scope = _story_scope(tree) if stated else None
    if scope is not None:  # the story's own element: another story's (an endless scroll's next post) is not its
        stated = [(element, stamp) for element, stamp in stated if any(a is scope for a in element.iterancestors())]
    return next(iter(stamp for _, stamp in stated), None)


def dates_another(element: HtmlElement, *, teasers: bool = True) -> bool:
    """In a part of the page that dates other writings: a comment, a link to the next or previous post, and
    (with ``teasers``) a teaser or a sidebar (the exact gate covers where each time stands so)."""
    if _in_comments(element) or _in_post_navigation(element):
        return True
    return teasers and (_in_teaser(element) or _in_sidebar(element))


# a link to the next or previous post, by its class's or id's name: "nav-next", "prev-post", "post-navigation",
# "blog-pager", "older-posts" (not "page-next", "next-steps", "story-next", "pager-free")
_POST_NAVIGATION = re.compile(
    r"(?:(?:nav|navigation|post|posts|entry)[-_])?(?:next|prev|previous|older|newer)(?:[-_](?:post|posts|entry|link|links)){0,2}"
    r"|(?:post|posts|entry)[-_](?:nav|navigation)|(?:nav|navigation)[-_]links?"
    r"|(?:blog[-_]|post[-_]|posts[-_])?(?:pager|pagination)(?:[-_](?:nav|links|wrapper|container))?"
)
_BARE_DIRECTION = frozenset({"next", "prev", "previous", "older", "newer"})  # a name of one such word only


def _in_post_navigation(element: HtmlElement) -> bool:
    """In a link to the next or previous post, looked for up to the story's element or the page's body (never a
    framework's root: Next.js's "__next")."""
    for node in element.iterancestors():
        if node.tag in ("article", "main", "body"):
            return False
        for name in f"{node.get('class') or ''} {node.get('id') or ''}".lower().split():
            if name not in _BARE_DIRECTION and _POST_NAVIGATION.fullmatch(name):
                return True
    return False


def _only_date(times: list[tuple[HtmlElement, datetime, bool]]) -> tuple[HtmlElement, datetime] | None:
    """The story's only <time> when just its class calls it an update's: a blog theme's post date
    (``<time class="entry-date updated">``), which it marks so though it shows no other."""
    if len(times) != 1 or "updated" not in class_tokens(time := times[0][0]):
        return None
    return None if _worded_update(time) else (time, times[0][1])


_UPDATE_CLASSES = frozenset({"updated", "modified"})


def _class_only_update(time: HtmlElement) -> bool:
    """A ``<time>`` only its class "updated" calls an update's (not "modified", not its words)."""
    return "updated" in class_tokens(time) and "modified" not in class_tokens(time) and not _worded_update(time)


def labelled_update(time: HtmlElement) -> bool:
    """A ``<time>`` that says it is an update's: by its class ("updated"), or the words just before it or opening
    it ("Updated <time>…</time> · Published <time>…</time>")."""
    classes = class_tokens(time)
    if classes & _UPDATE_CLASSES:
        return "published" not in classes  # "published updated": a post never updated (WordPress)
    return _worded_update(time)


def _worded_update(time: HtmlElement) -> bool:
    """A ``<time>`` whose words before it or opening it say it is an update's ("Updated <time>…</time>")."""
    return update_label(_words_before(time), _own_text(time))


def _own_text(time: HtmlElement) -> str:
    """A <time>'s text, and the few words after it that close its line: Japanese writes the update word after
    the time ("<time>2025年6月6日 10:00</time> 更新")."""
    tail = (time.tail or "").strip() if time.getnext() is None else ""
    return "".join(time.itertext()) + (f" {tail}" if len(tail) <= 12 else "")


# elements that set their text on the line of the words around them ("<b>Updated</b> <time>")
_INLINE = frozenset({"a", "span", "b", "strong", "em", "i", "small", "abbr", "label", "font", "u", "mark", "bdi"})


def _words_before(element: HtmlElement, reach: int = 3) -> str:
    """The last words before ``element`` on its own line (text, or a label's inline element: "<b>Updated</b>
    <time>"), looked for up to ``reach`` inline levels up while the element opens its parent; never a heading's or
    another line's words (an <h1> ending "… updated" above the <time>)."""
    node = element
    for _ in range(reach):
        previous, parent = node.getprevious(), node.getparent()
        while previous is not None and not isinstance(previous.tag, str):  # a comment
            previous = previous.getprevious()
        text = (previous.tail if previous is not None else parent.text if parent is not None else "") or ""
        if text.strip():
            return text.strip()[-40:]
        if previous is not None:
            return " ".join("".join(previous.itertext()).split())[-40:] if previous.tag in _INLINE else ""
        if parent is None or parent.tag not in _INLINE:
            break  # the line starts here
        node = parent
    return ""


_MAX_DEPTH = 6  # levels between a <time> and the entry of a list that holds it
_LISTED = 3  # like siblings, each with its own <time>, that make a list of dated entries


def _own_times(tree: HtmlElement) -> list[tuple[HtmlElement, datetime, bool]]:
    """The bare ``<time>``s that date the story itself, in page order: those of the story's element (the
    ``<article>``/``<main>`` holding its ``<h1>``) when it has any, else the page's; never one of a list's
    entries (a timeline, a comment thread, a "latest news" ticker: ``_listed``), a comment's or a "next post"
    link's. A ticker's or a sidebar's time beside the story is another story's. Each with whether it is labelled
    an update's (``labelled_update``)."""
    dated = [
        (el, when)
        for el in tree.iter("time")
        if (when := parse_date(el.get("datetime"))) and not dates_another(el, teasers=False)
    ]
    if not dated:
        return []
    scope = _story_scope(tree)
    if scope is not None:
        inside = [(el, when) for el, when in dated if any(a is scope for a in el.iterancestors())]
        listed = _listed(inside, scope)
        if own := [(el, when, labelled_update(el)) for el, when in inside if el not in listed]:
            return own
        # none in the story's element: a teaser's, a sidebar's or another <article>'s beside it is another story's
        dated = [(el, when) for el, when in dated if not (dates_another(el) or _in_other_article(el, scope))]
    listed = _listed(dated, None)
    return [(el, when, labelled_update(el)) for el, when in dated if el not in listed]


def _in_other_article(element: HtmlElement, scope: HtmlElement) -> bool:
    """In an ``<article>`` that neither is nor holds the story's element ``scope`` (a card of a related story)."""
    article = next(element.iterancestors("article"), None)
    return article is not None and article is not scope and all(a is not article for a in scope.iterancestors())


def _story_scope(tree: HtmlElement) -> HtmlElement | None:
    """The ``<article>`` (else ``<main>``) nearest around the page's first ``<h1>`` outside menus."""
    for h1 in tree.iter("h1"):
        if not _in_navigation(h1) and (scope := next(h1.iterancestors("article", "main"), None)) is not None:
            return scope
    return None


def _listed(dated: list[tuple[HtmlElement, datetime]], scope: HtmlElement | None) -> set[HtmlElement]:
    """The ``<time>``s of a list's entries: at least ``_LISTED`` like siblings (one tag and class) below
    ``scope``, each holding one or two of the times — a story's own published and updated times make no list."""
    entries: dict[tuple[HtmlElement, str, str], dict[HtmlElement, list[HtmlElement]]] = {}
    for time, _ in dated:
        child = time
        for _ in range(_MAX_DEPTH):
            parent = child.getparent()
            if parent is None or child is scope:
                break
            key = (parent, str(child.tag), child.get("class") or "")
            entries.setdefault(key, {}).setdefault(child, []).append(time)
            child = parent
    listed: set[HtmlElement] = set()
    for children in entries.values():
        if len(children) >= _LISTED and all(len(times) <= 2 for times in children.values()):
            listed.update(time for times in children.values() for time in times)
    return listed


def _dateline_modified(tree: HtmlElement) -> DatedLine | None:
    """The time a visible dateline states ("Updated 10:40 AM EDT, Sept. 3, 2025"), when nothing else gave one;
    never one in a block beside the story (an aside's, a teaser's, an ad's: another story's update)."""
    for element in tree.iter("span", "div", "p", "time", "li"):
        children = len(element)
        if children > 3:
            continue
        text = element.text_content() if children else element.text or ""  # a leaf's text is its own (faster)
        # (an update word is in the text as it stands when it is in the text with its white space collapsed)
        if (
            6 <= len(text) <= _MAX_DATELINE
            and may_name_update(text)
            and (reading := dateline_reading(" ".join(text.split())))[0]
            and not _beside_story(element)
        ):
            return reading[0], element, reading[1]
    return None


_MAX_DATELINE = 120  # characters of a dateline's element's text, white space included


def _visible(tree: HtmlElement, day_first: bool, lang: str | None) -> DatedLine | None:
    """A date written in a small date-ish element (``<span class="meta_date">01. April 2025, 15:25</span>``,
    ``<p class="fecha">3 de mayo de 2024</p>``), else on a line of its own that says it is the published date
    (``<td>Published: 2 May 2024</td>``); never a masthead's "today" or a teaser's date."""
    labelled = None
    cells = _StoryCell(tree)
    for element in tree.iter("span", "div", "p", "time", "li", "td", "font"):
        if len(element) > 3 or element.tag == "font" and not cells.holds(element):
            continue
        # (most blocks have neither class nor id: no words to split)
        classes = class_tokens(element) if element.get("class") or element.get("id") else set()
        dated = bool(classes & _DATE_TOKENS) and element.tag != "td"
        # a line that opens with "Published" (its own text, or its first child's: "<b>Published:</b> 2 May 2024")
        opening = element.text if element.text and element.text.strip() or not len(element) else element[0].text
        label = labelled is None and may_open_published(opening or "")
        if not (dated or label) or _todays(element, classes):
            continue
        for text in _date_texts(element):
            if not 6 <= len(text) <= 80:
                continue
            # never an update's stamp ("Last updated September 14, 2016" moves with it), a teaser's or a share bar's
            stamp = dated and not _updates_line(element, text) and not _beside_story(element)
            if stamp and (reading := visible_reading(text, day_first=day_first, lang=lang))[0]:
                return reading[0], element, reading[1]
            if label and published_line(text) and not _in_teaser(element) and not _in_navigation(element):
                value, said = visible_reading(text, day_first=day_first, lang=lang)
                labelled = (value, element, said) if value else None
                break
    return labelled or _below_headline(tree, day_first, lang)


def _date_texts(element: HtmlElement) -> list[str]:
    """The texts a date element is read by: its first line before its whole text when a line break parts it
    ("Published: March 3, 2025 at 3:45 p.m.<br>Updated: March 4, 2025 …": two times, each on its line), the
    lines joined by a space; a time alone on the second line goes with the first's date ("March 3, 2025<br>3:45
    p.m. EST")."""
    if element.find(".//br") is None:
        return [element_text(element)]
    lines = element_lines(element)
    if not lines:
        return []
    first = f"{lines[0]} {lines[1]}" if len(lines) > 1 and _TIME_ONLY.fullmatch(lines[1]) else lines[0]
    whole = " ".join(lines)
    return [first, whole] if first != whole else [whole]


# a line holding a time of day and nothing else ("3:45 p.m. EST", "14:20 Uhr", "09h30")
_TIME_ONLY = re.compile(
    r"(?:um |at |à |a las )?\d{1,2}(?:[:.h]\d{2})?\s*(?:[ap]\.?\s?m\.?|uhr|h)?\s*(?:\(?[A-Z]{2,5}\)?)?",
    re.IGNORECASE,
)


class _StoryCell:
    """The table cell a table-laid page sets its story in: the cell holding the headline's ``<h1>``, else the
    cell holding the most of the page's paragraph text (its own, not a nested table's cell's; none counted in a
    noise-named or hidden block the exact gate leaves out: a sidebar's many teasers). A ``<font>`` dating a line
    is the story's only in it — not a sidebar's cell of recent stories, nor a masthead's cell with today's date.
    Found when first asked."""

    def __init__(self, tree: HtmlElement) -> None:
        self._tree = tree
        self._cell: HtmlElement | None | bool = False

    def holds(self, element: HtmlElement) -> bool:
        own = next(element.iterancestors("td", "th"), None)
        if own is None:
            return True  # no table around it: the rest of the reading decides
        return own is self.cell()

    def cell(self) -> HtmlElement | None:
        """The story's cell; None on a page without one."""
        if self._cell is False:
            self._cell = self._find()
        return self._cell  # type: ignore[return-value]

    def _find(self) -> HtmlElement | None:
        h1 = headline_h1(self._tree)
        if h1 is not None and (cell := next(h1.iterancestors("td", "th"), None)) is not None:
            return cell
        text: dict[HtmlElement, int] = {}
        for paragraph in self._tree.iter("p"):
            if (cell := next(paragraph.iterancestors("td", "th"), None)) is not None and not _left_out(paragraph):
                text[cell] = text.get(cell, 0) + len(paragraph.text_content())
        return max(text, key=text.__getitem__) if text else None


_PROMINENT_TAGS = frozenset({"b", "strong", "h2", "h3"})
_MIN_HEADLINE_WORDS, _MAX_HEADLINE_WORDS = 4, 25
_LARGE_FONT = 4  # <font size="4"> and more: an old page's heading


def prominent_line(tree: HtmlElement) -> HtmlElement | None:
    """On an old table layout without an ``<h1>``: the bold or large line that opens the story's cell (the cell
    holding the most paragraph text, two paragraphs at least; a line only dating it passed by),
    ``<font size="5"><b>Grain fire smolders for a second day</b></font>`` — the story's headline, set in no
    heading's tag. A line of a few words to a sentence's length that ends in no full stop (a bold lead-in
    sentence is the story's); None otherwise."""
    if next(page_elements(tree, "h1"), None) is not None:
        return None
    cell = _StoryCell(tree).cell()
    if cell is None or sum(1 for _ in cell.iter("p")) < 2:
        return None
    # (a line only dating the story above it, "Tuesday, April 22, 2025" set as boldly, is no headline: passed by)
    lines = (el for el in cell.iter(etree.Element) if (el.text or "").strip())
    first = next((el for el in lines if not is_timestamp(" ".join(element_text(el).split()))), None)
    if first is None or _left_out(first) or first.getparent() is not None and first.getparent().tag == "a":
        return None
    chain = [first, *(node for node in first.iterancestors() if node is not cell)]
    chain = chain[: chain.index(cell)] if cell in chain else chain
    bold = any(node.tag in _PROMINENT_TAGS for node in chain)
    large = any(node.tag == "font" and _font_size(node) >= _LARGE_FONT for node in chain)
    if first.tag == "a" or not (bold and large or first.tag in ("h2", "h3")):
        return None
    text = element_text(first)
    words = len(text.split())
    if not _MIN_HEADLINE_WORDS <= words <= _MAX_HEADLINE_WORDS or text.endswith(".") or len(text) > _MAX_HEADING:
        return None
    return first


def _font_size(font: HtmlElement) -> int:
    size = (font.get("size") or "").strip()
    return int(size) if size.isdigit() else 3 + int(size[1:]) if size[:1] == "+" and size[1:].isdigit() else 0


_NEVER_STORY_TAGS = frozenset({"nav", "aside", "dialog", "menu", "footer"})


def _left_out(element: HtmlElement) -> bool:
    """In a block the exact gate's walk leaves out, or may: a menu, an aside, a footer, a hidden block, a block
    with a noise name ("sidebar", "share-bar")."""
    for node in (element, *element.iterancestors()):
        if node.tag in ("body", "html"):
            return False
        if node.tag in _NEVER_STORY_TAGS or node.get("hidden") is not None or node.get("aria-hidden") == "true":
            return True
        if (node.get("class") or node.get("id")) and _noisy_names(node.get("class") or "", node.get("id") or ""):
            return True
    return False


def _updates_line(element: HtmlElement, text: str) -> bool:
    """A line that says it is an update's time: by its words ("Last updated …", "2025年6月6日 10:00 更新"), or as
    all of a <time> the words around call an update's ("Updated <time>5 June 2025</time>"; one only classed so
    may be a blog theme's only date: ``_only_date``)."""
    if is_update_stamp(text):
        return True
    return any(element_text(time) == text and _worded_update(time) for time in element.iter("time"))


_DATE_REACH = 8  # elements after the headline a date line may stand in (a kicker, a byline, a picture before it)


def _below_headline(tree: HtmlElement, day_first: bool, lang: str | None) -> DatedLine | None:
    """A line of only a date and time just below the story's ``<h1>`` (``<p>13/06/2024 à 22h40</p>``), before
    the story starts: never below a logo's ``<h1>`` in the page's header, never a masthead's "today", never an
    update's time ("Stand: 04.05.2024", "Mis à jour le …": it moves with every update)."""
    # the story's own <h1>, in its <article> or <main> (a page without one may show a logo's <h1> over a
    # masthead's date, or a footer's over an old one: no date is better than a wrong one)
    h1s = page_elements(tree, "h1")  # (//article//h1 | //main//h1: an <h1> in either, in page order)
    story_h1s = (h for h in h1s if next(h.iterancestors("article", "main"), None) is not None)
    h1 = next((h for h in story_h1s if not _in_navigation(h)), None)
    if h1 is None:
        return _below_headline_cell(tree, day_first, lang) or _above_cell_headline(tree, day_first, lang)
    below = (element for element in h1.xpath("following::*[position() <= 60]") if not _beside_story(element))
    return _date_line(islice(below, _DATE_REACH), day_first, lang)  # (a share bar's or an ad's do not count)


def _date_line(elements: Iterable[HtmlElement], day_first: bool, lang: str | None) -> DatedLine | None:
    """The first of ``elements`` that is a line of only a date and time, never a masthead's "today" nor an
    update's time; None when none is, or when the story starts (a long text) before one."""
    for element in elements:
        text = element_text(element)
        if len(text) > _MAX_HEADING:
            return None  # the story has started
        if not 6 <= len(text) <= 80 or not is_timestamp(text) or _todays(element, class_tokens(element)):
            continue
        if may_name_update(text) and (is_dateline(text) or text.casefold().startswith("stand")):
            return None  # an update's time, not the published one
        if _updates_line(element, text):
            return None
        value, said = visible_reading(text, day_first=day_first, lang=lang)
        return (value, element, said) if value else None
    return None


_ABOVE_REACH = 2  # elements before an old layout's <h1> a date line may stand in (a section's kicker between)


def _above_cell_headline(tree: HtmlElement, day_first: bool, lang: str | None) -> DatedLine | None:
    """On an old table layout whose ``<h1>`` stands in the story's cell (no ``<article>`` or ``<main>``): a line
    of only a date just above it in that cell (``<font size="1">Freitag, 4. Dezember 2026</font><br><h1>``),
    never above a logo's ``<h1>`` (a link home) nor one in the page's navigation."""
    h1 = headline_h1(tree)
    if h1 is None or h1.getparent() is None or h1.getparent().tag not in ("td", "th") or home_link(h1):
        return None
    above = (el for el in h1.itersiblings(preceding=True) if el.tag != "br" and not _beside_story(el))
    return _date_line(islice(above, _ABOVE_REACH), day_first, lang)


# an old table layout's headline cell (``<td class="headline"><font><b>…</b></font></td>``) and its date cell
_HEADLINE_CELL = etree.XPath("//td[contains(@class, 'headline') or contains(@class, 'title')]")
_HEADLINE_TOKENS = frozenset({"headline", "title", "storytitle", "storyheadline", "articletitle"})
_DATE_CELL_TOKENS = frozenset({"date", "dateline", "datum", "fecha", "dato", "tarih", "timestamp", "pubdate"})
_BYLINE_CELL_TOKENS = frozenset({"byline", "author", "autor", "auteur"})  # a cell the date cell may follow
_CELL_ROWS = 2  # rows below the headline cell's a date cell may stand in (a byline's row before it)
# what parts a <title>'s headline from the site's name: "Headline - Site", "Site | Headline"
_TITLE_PART = re.compile(r"^\s*(?:[|–—:·•»~/-]|::)\s*|\s*(?:[|–—:·•»~/-]|::)\s*$")


def _below_headline_cell(tree: HtmlElement, day_first: bool, lang: str | None) -> DatedLine | None:
    """On an old table layout without an ``<h1>``: the date in a cell classed a date's ("dateline", "date") in
    the row or two just below the story's headline cell (``<td class="headline">``, the ``<title>``'s headline
    part: not a masthead's site-name cell, not a sidebar's "Most read" head), in its table; never a masthead's
    "today", an update's time, a cell beside the story (a teaser's date) or one past another cell (a list's)."""
    title = title_text(tree).casefold()
    headlines = [td for td in _HEADLINE_CELL(tree) if class_tokens(td) & _HEADLINE_TOKENS]
    cell = next((td for td in headlines if _titles_headline(td, title)), None)
    row = cell.getparent() if cell is not None else None
    if row is None or row.tag != "tr":
        return None
    table = next(row.iterancestors("table"), None)
    if sum(1 for td in headlines if next(td.iterancestors("table"), None) is table) > 1:
        return None  # a front page's list of headlines, each with its teaser's date
    if element_text(cell).casefold() == title and not _says_article(tree):
        return None  # the whole <title> is a site's name ("Wrenfield Gazette Online News") as often as a headline
    for _, following in zip(range(_CELL_ROWS), row.itersiblings("tr"), strict=False):
        for element in following.iterchildren("td", "th"):
            text = element_text(element)
            classes = class_tokens(element)
            if not classes & _DATE_CELL_TOKENS:
                if text and not classes & _BYLINE_CELL_TOKENS:
                    return None  # the story, or another list's item, has started
                continue
            if _beside_story(element) or not 6 <= len(text) <= 80 or not is_timestamp(text):
                return None
            if _todays(element, classes):
                return None  # a masthead's today
            if may_name_update(text) and (is_dateline(text) or _updates_line(element, text)):
                return None  # an update's time, not the published one
            value, said = visible_reading(text, day_first=day_first, lang=lang)
            return (value, element, said) if value else None
    return None


def _says_article(tree: HtmlElement) -> bool:
    """Whether the page's head calls it an article: ``og:type`` "article" or an article's JSON-LD."""
    if any(kind.strip().casefold() == "article" for kind in tree.xpath("//meta[@property='og:type']/@content")):
        return True
    return any(is_article(node) for node in jsonld_objects(tree))


def _titles_headline(cell: HtmlElement, title: str) -> bool:
    """Whether ``cell`` holds the ``<title>``'s headline part: all of the title but a site name's part before or
    after it ("Council votes to rebuild east pier - Wrenfield Gazette"), the longer part, and more than a
    brand's name (three words or more)."""
    text = element_text(cell).casefold()
    if not 3 <= len(text) <= _MAX_HEADING or len(text.split()) < 3 or _beside_story(cell):
        return False
    if title == text:
        return True
    if title.startswith(text):
        rest = title[len(text) :]
    elif title.endswith(text):
        rest = title[: -len(text)]
    else:
        return False
    return bool(_TITLE_PART.search(rest)) and len(rest.strip()) < len(text)


# names of the blocks beside a story whose dates and words are another's or none: shares, ads, teasers, widgets
_BESIDE_TOKENS = frozenset(
    {"share", "sharing", "sharebar", "social", "ad", "ads", "advert", "advertisement", "advertising", "adslot"}
    | {"adunit", "sponsored", "newsletter", "toolbar"}
)


def _beside_story(element: HtmlElement) -> bool:
    """In a block beside the story rather than of it — navigation, an aside, a teaser, a sidebar, a share bar, an
    ad — whose contents may change with no edit to the story (the exact gate leaves them out)."""
    if _in_navigation(element) or _in_teaser(element) or _in_sidebar(element):
        return True
    return any(
        node.tag == "aside" or class_tokens(node) & _BESIDE_TOKENS
        for node in (element, *element.iterancestors())
        if node.tag not in ("html", "body")
    )


def _todays(element: HtmlElement, classes: set[str], reach: int = 3) -> bool:
    """A masthead's date of today: the element or a near ancestor named so ("today", "hoy", "heute", …)."""
    if classes & _NOT_THE_STORYS:
        return True
    for _, node in zip(range(reach), element.iterancestors(), strict=False):
        if class_tokens(node) & _NOT_THE_STORYS:
            return True
    return False


_DAY_FIRST_ENGLISH = frozenset({"gb", "uk", "ie", "au", "nz", "in", "za"})


def _page_language(tree: HtmlElement) -> str | None:
    """The page's language: its ``<html lang>``, else its ``og:locale`` ("hr", "th_TH")."""
    root = tree.getroottree().getroot()
    lang = (root.get("lang") or "").strip()
    return lang or next((str(meta.get("content")) for meta in _OG_LOCALE(root) if meta.get("content")), None)


_OG_LOCALE = etree.XPath("//head/meta[@property='og:locale']")


def _day_first(language: str | None) -> bool:
    """Whether the page's language writes the day before the month ("05/06/2024": 5 June): any but American
    English; a page that names no language says nothing."""
    lang = (language or "").lower().replace("_", "-").split("-")
    if not lang[0]:
        return False
    return lang[0] != "en" or (len(lang) > 1 and lang[1] in _DAY_FIRST_ENGLISH)

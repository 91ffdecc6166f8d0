"""The story's paragraphs: a site rule's containers, else trafilatura's main-text extraction of the tree."""

from __future__ import annotations

import functools
import html
import itertools
import logging
import re
from collections.abc import Callable, Collection, Iterable
from typing import Any

from lxml.etree import _Element
from lxml.html import HtmlElement

from monitor.extractors.cascade import Reads
from monitor.extractors.dates import is_dateline, is_timestamp, visible_date
from monitor.extractors.lead import is_byline, is_comments_heading
from monitor.extractors.promo import ON_AIR_LINE
from monitor.extractors.text import class_tokens, clean

log = logging.getLogger("storywatch.extract")
# trafilatura warns about its own choices on every odd page ("discarding data: …"): not an operator's business
logging.getLogger("trafilatura").setLevel(logging.ERROR)

PARAGRAPH_TAGS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "td"})
_BLOCKS = PARAGRAPH_TAGS | {"div", "section", "article", "ul", "ol", "table", "tr", "figure", "main"}
# an ad slot's label, in the languages pages come in
_AD_LABELS = (
    "advertisement|anzeige|werbung|publicité|publicidad|publicidade|pubblicità|advertentie|reclame|reklama|reklam|"
    "annons|annonse|annonce"
)
# a pointer to another story ("See also: …", "À lire aussi <a>…</a>", "Czytaj także: …"), in the languages pages
# come in
_SEE_ALSO = (
    "see (?:also|more)|more on this(?: story)?|don['’]t miss|must read|recommended|also read|"
    "lesen sie (?:auch|mehr)|mehr zum thema|zum thema|auch interessant|das könnte sie auch interessieren|"
    "à lire (?:aussi|également)|lire (?:aussi|également)|voir aussi|sur le même sujet|"
    "le[eé] (?:también|además)|lea (?:también|además)|ver también|te puede interesar|le puede interesar|"
    "mirá (?:también|además)|"
    "leggi anche|vedi anche|potrebbe interessarti|leia (?:também|mais)|veja também|saiba mais|"
    "lees ook|lees meer|zie ook|czytaj (?:także|też|również|więcej)|zobacz (?:także|też|również)|"
    "przeczytaj (?:także|też|również)|läs (?:också|även|mer)|les (?:også|mer)|læs (?:også|mere)|"
    "ayrıca okuyun|bunu da okuyun|ilgili haber(?:ler)?|ilginizi çekebilir|read also|"
    "اقرأ (?:أيضًا|أيضاً|أيضا|ايضا|المزيد)|إقرأ (?:أيضًا|أيضاً|أيضا)|اقرأ كذلك|مواضيع ذات صلة|"
    "קראו (?:גם|עוד)|קרא (?:גם|עוד)|читайте (?:также|ещё|еще|по теме|також)|читай(?:те)? також|"
    "по теме|διαβάστε (?:επίσης|ακόμη)|čtěte (?:také|též|více)|přečtěte si (?:také|též)|citește și|"
    "olvassa el ezt is|lue myös|baca juga|xem thêm|đọc thêm|यह भी पढ़ें|ये भी पढ़ें|और पढ़ें|"
    "相关阅读|相關閱讀|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|相关新闻|相關新聞|関連記事|あわせて読みたい|"
    "관련 ?기사|함께 볼 기사|بیشتر بخوانید"
)
# a page's tools for the story, not its text: "Print this story", "Email to a friend", "Printer-friendly version"
_TOOLS = (
    "print(?:er)?[- ]friendly(?: version| page)?|print(?: this)?(?: story| article| page)|print this|"
    "e-?mail(?: this)?(?: story| article| page)|e-?mail this|e-?mail (?:this )?to a friend|send to a friend|"
    "artikel drucken|druckversion|druckansicht|imprimer l['’]article|version imprimable|"
    "imprimir (?:noticia|artículo)|versión (?:para )?imprimir|stampa (?:l['’]articolo|articolo)|printversie"
)
# a tool's bare word: one in a row of the page's tools ("Print | Email | Share"); alone, a section's heading
_TOOL_WORD = re.compile(
    r"print|e-?mail|share|drucken|imprimer|imprimir|stampa|afdrukken|drukuj|skriv ut|teilen|partager|compartir|"
    r"(?:comments?|kommentare?|commentaires?|comentarios?|comentários?|commenti)\s*\(\d+\)",
    re.IGNORECASE,
)
# a broadcaster's label for when its programme covered the story, alone ("Dieses Thema im Programm:")
_ON_AIR = r"dieses thema im programm\s*:?"
# its line ("Über dieses Thema berichtete NDR Info am 8. März 2025 um 12:00 Uhr."): a programme's name (see
# promo.ON_AIR_LINE) and a time, among the story's last paragraphs (``_keep``)
_AIR_TIME = re.compile(r"\bum \d{1,2}[:.]\d{2} uhr\b\W*$", re.IGNORECASE)
# what a box asks of its reader: "Tipsa oss! Har du en nyhet?" (sv, no, da, nl: "Tip us!")
_TIP_OFF = "tipsa oss|tips oss|tip os|tip ons"
# a rights notice opening with the word: "Copyright © …", "Copyright 2025 …", "… All rights reserved", or a short
# line with no sentence's end ("Copyright Tidewater Gazette"); not a story's sentence ("Copyright holders will …")
_RIGHTS = r"copyright\b(?:\s*(?:©|\(c\)|\d{4}).*|.*\brights reserved\b.*|[^.!?]{0,60})"
# a story's sentence that opens like a pointer, its source named after a comma and a full stop closing it ("Read more
# about the repairs on the water board's website, the company said."): no pointer ("Read more: Bridge to close,
# council says" is one: a label's colon, a headline's missing full stop)
_SAID_AFTER = (
    r"(?!\s*[:：])[^.!?]*,[^.!?]*\b(?:said|says|added|adds|told|wrote|writes|according to)\b[^.!?]*[.!?][\"'”’)]*\s*$"
)
_BOILERPLATE = re.compile(
    rf"^(?:[-–—*·|\s]*(?:{_AD_LABELS})[-–—*·|\s]*|(?:{_TOOLS})|story continues below.*|continue reading.*|"
    rf"read more\b(?!{_SAID_AFTER}).*|related:.*|sign up\b.*newsletter.*|click here\b(?!{_SAID_AFTER}).*|"
    r"share this\b.*|follow us\b.*|©.*|"
    rf"{_RIGHTS}|"
    rf"(?:{_TIP_OFF})\b.*|(?:{_SEE_ALSO})\s*(?:[:：].*)?|{_ON_AIR})$",
    re.IGNORECASE,
)
# what labels a link to another story ("<strong>À lire aussi</strong> <a>…</a>", "Related: <a>…</a>")
# (a bare "MORE:", "MEHR:" only as a link's whole label: alone before a link that ends its block)
POINTER_LABEL = re.compile(
    rf"(?:{_SEE_ALSO}|related|read more|more|mehr|más|mais|meer|więcej|lisää)\s*[:：]?", re.IGNORECASE
)


# trafilatura falls back to a dump of the whole page's text (headline, byline, menus: one block) when its main
# extraction finds fewer than this many characters; a breaking-news stub is that short, so such a page is read
# a second time with the floor lowered, which keeps its own paragraphs
SHORT_TEXT = 250
_WRAPPERS = frozenset({"div", "section", "article", "main", "body"})
_MIN_LINK = 4  # characters of a link's text a list of links' entry opens with (not an initial's link)
_OPENS_CELL = "sw-opens-cell"  # marks an <h1> that opens a story's cell in a page's layout table
_CELL_BLOCKS = frozenset({"p", "head", "list", "quote"})  # trafilatura's names for a paragraph's kinds of block
_SENTENCE_CHARS = 40  # the mean length of a story cell's blocks, at least
_LAYOUT_SHARE = 0.6  # of a layout table's text its story cell holds
# characters of a fast read past which trafilatura's later stages (rescue, recall retry) never engage: its
# ESCALATION_MAX_LENGTH; furniture in its output that would send it to justext (its external.SANITIZED_XPATH)
_SETTLED_TEXT = 3000
# a shorter fast read is settled too when it holds at least this share of the page's text (its
# ESCALATION_PAGE_SHARE: then no retry for recall) and is no stub (the readability port's second opinion could
# replace it only by a read more than twice as long)
_ESCALATION_SHARE = 0.2
_SETTLED_SHORT = 1000
_SETTLED_OPENING = 2 * _SETTLED_TEXT  # characters of a read whose length is measured first
_FIND_CHARS = 60  # of a block's opening, looked for in the page's text to tell where the page shows it
_UNCLEAN = (
    "aside", "audio", "button", "fencedframe", "fieldset", "figure", "footer", "iframe", "input", "label", "link",
    "nav", "noindex", "noscript", "object", "option", "select", "source", "svg", "time",
)  # fmt: skip


def generic_body(tree: HtmlElement, url: str) -> tuple[str, ...]:
    """Paragraphs of the main text as trafilatura finds it (headings, list items and quotes one each)."""
    reads = Reads(tree, url)  # trafilatura's reads of the tree share their work (none changes the tree)
    paragraphs = _trafilatura(reads, tree)
    length = sum(len(p) for p in paragraphs)
    dump = length < 4 * SHORT_TEXT and may_be_dump(paragraphs)
    # (asked of a fallback dump too: a one-paragraph stub beside its picture's caption is a short share of it)
    article = None if length >= 4 * SHORT_TEXT else _articles_dump(paragraphs, tree)
    if dump or article is not None:
        short = _trafilatura(reads, tree, stub=True)
        kept = sum(len(p) for p in short)
        if article is not None and short and all(p in paragraphs[0] for p in short) and _covers(short, article):
            return short  # the story's own paragraphs, out of its <article>'s whole text
        if _no_better(short, paragraphs, tree):
            return paragraphs
        # the fallback's dump is one run-on block: the page's own paragraphs, even fewer words, read better
        if short and (kept >= 0.4 * length or (len(short) > len(paragraphs) == 1 and kept >= 0.25 * length)):
            return short
        if short and only_furniture_besides(paragraphs, short):  # the dump is menus around a one-line story
            return short
    return paragraphs


_BREAK_HOSTS = frozenset({"div", "td", "font", "span", "section", "article", "main", "center"})
_INLINE_HOSTS = frozenset({"font", "span"})
_LOOSE_HOSTS = ("article", "section", "main")  # a story's own elements: loose text in them is the story's
_IN_PARAGRAPH = PARAGRAPH_TAGS - {"td"}  # a block inside one of these is part of a paragraph: it is not broken


def split_at_breaks(tree: HtmlElement) -> None:
    """Make each ``<br><br>``-separated part of a block that holds no blocks a paragraph of its own, so that the
    main-text extractor sees an old page's or a breaking stub's paragraphs (it may drop the text before the
    first break, or run them together with the page's other text).

    A ``<p>`` whose ``<br><br>``-separated parts each end a sentence (a CMS's editor writing paragraph breaks
    as line breaks) is broken too, its parts standing in its place. Only a block is broken, never an inline
    element (``<span>``, ``<font>``) or a block inside a paragraph: an inline element holding breaks is opened
    up into the block around it, which is broken as a whole (a paragraph inside a paragraph loses text). Once a
    block's parts are paragraphs, the main-text extractor reads no text-only ``<div>``, so the block's text-only
    neighbours become paragraphs too."""
    hosts: dict[HtmlElement, None] = {}  # in page order, each once
    seen: set[HtmlElement] = set()
    for br in tree.iter("br"):
        parent = br.getparent()
        if parent is None or parent.tag not in _BREAK_HOSTS and parent.tag != "p" or parent in hosts:
            continue
        following = br.getnext()
        if following is not None and following.tag == "br" and not (br.tail or "").strip():
            if parent.tag != "p" or _sentence_parts(parent):
                hosts[parent] = None
        elif (
            parent not in seen and parent.tag != "p"
        ):  # lines of loose text after a block's <p>s ("</p>1. …<br>2. …"): paragraphs too
            seen.add(parent)
            if _holds_blocks(parent) and _loose_prose(parent):
                hosts[parent] = None
    # a story's text set straight into its <article> (or <section>, <main>) without <p>s or breaks, alone or
    # beside the headline's and byline's blocks: its loose runs are paragraphs too
    for host in tree.iter(*_LOOSE_HOSTS):
        if host not in hosts and _loose_prose(host):
            hosts[host] = None
    blocks: dict[HtmlElement, None] = {}  # the blocks to break, in page order
    for host in hosts:
        inline = []
        block = host
        while block is not None and block.tag in _INLINE_HOSTS:
            inline.append(block)
            block = block.getparent()
        if (
            block is None
            or block.tag not in _BREAK_HOSTS
            and block.tag != "p"
            or (_holds_blocks(block) and not _loose_prose(host))
            or any(node.tag in _IN_PARAGRAPH for node in block.iterancestors())
        ):
            continue
        if _one_note(block):
            continue  # "UPDATE: …<br><br>…": a note's lines, which stay one note
        for element in inline:  # innermost first: the breaks become the block's own
            element.drop_tag()
        blocks[block] = None
    for block in blocks:
        _break_up(block)
    for block in blocks:
        parent = block.getparent()
        if parent is None or any(child.tag == "p" for child in parent):
            continue  # a page of <p> paragraphs: its text-only <div>s are captions, labels, credits
        for sibling in parent:
            if sibling not in blocks and sibling.tag in _TEXT_DIVS and _text_only(sibling) and _prose(sibling):
                _wrap(sibling)
    for block in blocks:  # a <p> whose parts are paragraphs: they stand in its place
        if block.tag == "p" and block.getparent() is not None:
            block.drop_tag()


_TEXT_DIVS = frozenset({"div", "section", "center"})
_BROKEN_AROUND = _BLOCKS | {"center", "hr", "aside", "figure", "nav", "form", "header", "footer", "iframe"}
_LOOSE_CHARS = 80  # loose text beside a block's blocks, at least, for its <br><br>-separated runs to be paragraphs


def _sentence_parts(paragraph: HtmlElement) -> bool:
    """Whether each ``<br><br>``-separated part of a ``<p>`` ends a sentence: paragraphs of a story, not a
    credit's lines ("Editor: …<br><br>Broadcast: …"), an address or a poem's stanzas, which stay one paragraph."""
    parts = [[paragraph.text or ""]]
    children = list(paragraph)
    for i, child in enumerate(children):
        if _breaks_at(children, i):
            parts.append([])
        elif isinstance(child.tag, str) and child.tag != "br":
            parts[-1].append(child.text_content())
        parts[-1].append(child.tail or "")
    texts = [" ".join("".join(part).split()) for part in parts]
    texts = [text for text in texts if text]
    return len(texts) > 1 and all(_SENTENCE_END.search(text[-3:] + " ") for text in texts)


def _holds_blocks(block: HtmlElement) -> bool:
    return any(_block_like(child) for child in block)


def _block_like(element: HtmlElement) -> bool:
    """A block, or an inline element holding one (an old page's ``<font>`` around its table and paragraphs)."""
    if not isinstance(element.tag, str):
        return False
    return element.tag in _BROKEN_AROUND or (
        element.tag in _INLINE_HOSTS and next(element.iter(*_BROKEN_AROUND), None) is not None
    )


def _loose_prose(host: HtmlElement) -> bool:
    """Whether a block's own loose text (outside its children, ``<br><br>``-separated) is text to read: a story
    whose first run stands before its blocks, or whose last runs follow its ``<p>`` paragraphs, holds a sentence's
    worth of it (a wrapper's loose text is white space, a separator or two)."""
    runs = [host.text or ""] + [child.tail or "" for child in host]
    return sum(len(run.strip()) for run in runs) >= _LOOSE_CHARS and any(_SENTENCE_END.search(r) for r in runs)


_INLINE = frozenset({"span", "strong", "b", "em", "i", "a", "small", "time", "label", "cite", "abbr"})


def space_inline_runs(tree: HtmlElement) -> None:
    """Put a space between two inline elements side by side whose texts a page's style shows apart: one ends in
    a small letter and the next opens with a capital ("<span>Share</span><span>Save</span>", an author's name
    and a place in a signature's spans), or a label of words and its link of words ("<span>Filed under</span><a>
    trams</a>") — two texts, never one word "ShareSave". A drop cap ("<span>T</span>he"), a word's parts set
    apart ("<b>Mc</b>Kay" is one text node, "<em>Landes</em><a>regierung</a>" a compound's parts) and CJK text,
    which is written without spaces ("<a>东京都</a><a>政府</a>"), are left whole. Only a block of a few inline
    elements is a row of items: a block of thousands of spans (a word or a letter each) is a text's markup,
    and spaces put in there would cost the main-text read time out of all proportion."""
    rows: dict[HtmlElement, bool] = {}  # a block: whether it holds few enough inline elements to be a row
    for element in tree.iter(*_INLINE):
        if element.tail:
            continue
        following = element.getnext()
        if following is None or not isinstance(following.tag, str) or following.tag not in _INLINE:
            continue
        block = element.getparent()
        while block is not None and block.tag in _INLINE:
            block = block.getparent()
        if block is None:
            continue
        if block not in rows:
            rows[block] = sum(1 for _ in itertools.islice(block.iter(*_INLINE), _INLINE_ROW + 1)) <= _INLINE_ROW
        if not rows[block]:
            continue
        before, after = element.text_content(), following.text_content()
        if not (before.strip() and after.strip()) or before[-1].isspace() or after[0].isspace():
            continue
        if _CJK.match(before[-1]) or _CJK.match(after[0]):
            continue
        cased = before[-1].islower() and after[0].isupper()
        worded = len(before.split()) > 1 and len(after.split()) > 1  # a label of words and its link of words
        linked = "a" in (element.tag, following.tag) and before[-1].isalnum() and after[0].isalnum() and worded
        if cased or linked:  # a link is an item of its own: a label and its link, a row of links
            element.tail = " "


_INLINE_ROW = 40  # inline elements a block holds, at most, to be a row of items set apart by style


_PROSE_PARAGRAPHS = 3  # <p>s of prose a block holds as its children, at least, to be the story's text container
_PROSE_CHARS = 400
_WIDGET_LEVELS = 2  # the text container's siblings, and its parent's: a match centre beside the report
_WIDGET_TABLE_SHARE = 0.5  # of a widget's text its tables hold, at least


def drop_widget_tables(tree: HtmlElement) -> None:
    """Take off the widgets' blocks of tables that stand beside the story's text container, outside its prose: a
    match centre's scoreboard, line-ups, stats and league table around a match report, a quote box's prices beside
    a market report. Each row would be read as a paragraph of the story. A table inside the story's text container
    is the story's (a results table it discusses) and stays, and so does one between two blocks of the story's
    prose (a story split around its table)."""
    container = _text_container(tree)
    if container is None:
        return
    level = container
    for depth in range(_WIDGET_LEVELS):
        parent = level.getparent()
        if parent is None or parent.tag in ("body", "html"):
            return
        siblings = [child for child in parent if isinstance(child.tag, str)]
        prose = [i for i, child in enumerate(siblings) if child is level or _holds_prose(child)]
        for i, sibling in enumerate(siblings):
            if prose[0] < i < prose[-1] or sibling is level or not _widget(sibling, named=depth == 0):
                continue
            sibling.drop_tree()
        level = parent


def _text_container(tree: HtmlElement) -> HtmlElement | None:
    """The block whose own <p> children hold the most prose, when it holds enough to be the story's."""
    counts: dict[HtmlElement, int] = {}  # a block: the <p>s among its children (one walk of the page's <p>s)
    for paragraph in tree.iter("p"):
        parent = paragraph.getparent()
        counts[parent] = counts.get(parent, 0) + 1
    held = {block for block, count in counts.items() if count >= _PROSE_PARAGRAPHS and block.tag in _WRAPPERS}
    best, most = None, 0
    for block in tree.iter(*_WRAPPERS) if held else ():  # in page order: the first of equals wins
        if block not in held:
            continue  # too few <p>s to hold enough prose: none of them read
        texts = [text for child in block if child.tag == "p" and (text := _prose_text(child)) is not None]
        if len(texts) >= _PROSE_PARAGRAPHS and (chars := sum(map(len, texts))) > most:
            best, most = block, chars
    return best if most >= _PROSE_CHARS else None


def _holds_prose(element: HtmlElement) -> bool:
    return any(_prose(p) for p in element.iter("p") if next(p.iterancestors("table"), None) is None)


_WIDGET_NAMES = frozenset(
    {
        "widget", "scoreboard", "scores", "score", "scorecard", "boxscore", "matchcentre", "matchcenter", "centre",
        "center", "stats", "statistics", "standings", "lineup", "lineups", "teams", "league", "fixtures", "odds",
        "ticker", "quotes", "markets", "leaderboard",
    }
)  # fmt: skip


def _widget(element: HtmlElement, *, named: bool) -> bool:
    """A widget's block of tables: a table, or a block whose tables hold most of its text and no prose besides.
    Beside the story's text container (``named``) only one named as a widget's (a scoreboard, a match centre,
    stats, standings, line-ups) in its own or its elements' class or id is: a plain table there is the story's (a
    results table it points to "below"). Beside the story's column (its parent's siblings) any block of tables is."""
    if named and not any(
        class_tokens(node) & _WIDGET_NAMES
        for node in element.iter()
        if isinstance(node.tag, str) and (node.get("class") or node.get("id"))
    ):
        return False
    tables = [element] if element.tag == "table" else list(element.iter("table"))
    if not tables:
        return False
    text = len(clean(element.text_content()))
    inner = {id(nested) for table in tables for nested in table.iterdescendants("table")}
    tabled = sum(len(clean(table.text_content())) for table in tables if id(table) not in inner)
    return text > 0 and tabled >= _WIDGET_TABLE_SHARE * text and not _holds_prose(element)


_CAPTION_WORDS = 40  # a picture's caption: a sentence or two at most
_SMALL_TYPE = re.compile(r"font-size\s*:\s*(?:x+-small|small|smaller|[0-8]\d(?:\.\d+)?%|0?\.\d+em)", re.IGNORECASE)
_CAPTION_TAGS = frozenset({"i", "em", "small", "span", "font", "a", "b", "strong"})
_PICTURE_TAGS = frozenset({"img", "br", "picture", "source"})  # beside a caption in the picture's own block
_SMALL_SIZES = frozenset({"1", "-1", "-2"})  # <font size>: smaller than a page's text


def picture_captions(tree: HtmlElement) -> list[HtmlElement]:
    """The texts of pictures' captions a post sets in a block of its own beside the picture's block, in small or
    italic type with no <figcaption> (a blog editor's "separator" <div>s): short text, all of it in <i>, <em>,
    <small> or a smaller font, right after or before a block holding only the picture. A paragraph of the story
    beside a picture is in the story's type. (The blocks are found, not taken out: the main-text read weighs the
    page as it stands, and a block taken out may change which part of it it reads. `drop_captions` takes their
    paragraphs out of the read.)"""
    out: list[HtmlElement] = []
    climbed: set[HtmlElement] = set()  # blocks already climbed from: the blocks above them are done too
    for picture in tree.iter("img", "picture"):  # the blocks beside a block of a picture alone
        node: HtmlElement | None = picture
        while node is not None and node not in climbed and _picture_only(node):
            climbed.add(node)
            for block in (node.getprevious(), node.getnext()):
                if block is None or block.tag not in ("div", "p", "center") or any(b is block for b in out):
                    continue
                if not _text_only(block):
                    continue
                text = clean(block.text_content())
                if len(text.split()) <= _CAPTION_WORDS and _small_type(block, text):
                    out.append(block)
            node = node.getparent()
    for picture in tree.iter("img"):  # a picture and its caption in one table cell: an old page's picture box
        block = picture.getparent()
        while block is not None and block.tag in _INLINE:
            block = block.getparent()
        if block is None or block.tag != "td":
            continue
        table = next(block.iterancestors("table"), None)
        if table is None or any(cell is not block for cell in table.iter("td", "th")):
            continue  # a picture's box: a table of one cell (a table of data or a layout holds more)
        if any(isinstance(node.tag, str) and node.tag in _BLOCKS for node in block.iterdescendants()):
            continue
        text = clean(block.text_content())
        if text and len(text.split()) <= _CAPTION_WORDS and _small_type(block, text):
            out.append(block)
    return out


_TEXT_BLOCKS = ("p", "div", "li", "td", "th", "dd", "blockquote", "figcaption", "center", "section", "h2", "h3")


def drop_captions(paragraphs: tuple[str, ...], tree: HtmlElement, captions: list[HtmlElement]) -> tuple[str, ...]:
    """The read's paragraphs without those its pictures' caption blocks gave: only a caption's own occurrence,
    never the same text where the story's paragraph holds it too (a caption repeating a sentence of the story).
    The page's blocks of each caption's text, in order, are matched with the read's paragraphs of that text
    where the read holds them all; where it holds fewer, only those beyond the page's other blocks go."""
    out: list[str | None] = list(paragraphs)
    texts = {clean(block.text_content()) for block in captions}
    for text in texts:
        held = [i for i, p in enumerate(out) if p == text]
        if not held:
            continue
        blocks = [
            el
            for el in tree.iter(*_TEXT_BLOCKS)
            if clean(el.text_content()) == text
            and not any(clean(inner.text_content()) == text for inner in el.iterdescendants(*_TEXT_BLOCKS))
        ]
        captioned = [i for i, el in enumerate(blocks) if el in captions]
        if len(held) == len(blocks):
            gone = [held[i] for i in captioned]
        else:
            gone = held[: max(0, len(held) - (len(blocks) - len(captioned)))]
        for i in gone:
            out[i] = None
    return tuple(p for p in out if p is not None)


def _small_type(block: HtmlElement, text: str) -> bool:
    """Whether all of a block's text is set as a caption: in small type (``<small>``, a smaller font) or named a
    caption or a credit, or in italics that read as a caption (`_reads_as_caption`). Italics alone are no
    caption's mark: a story sets a quote, a letter or a stanza in them beside a picture too."""
    if (block.text or "").strip():
        return bool(_SMALL_TYPE.search(block.get("style") or "")) or bool(class_tokens(block) & _CAPTION_NAMES)
    if class_tokens(block) & _CAPTION_NAMES:
        return True
    for element in block.iter():
        if element is block or not isinstance(element.tag, str):
            continue
        small = (
            element.tag == "small"
            or _SMALL_TYPE.search(element.get("style") or "")
            or element.tag == "font"
            and (element.get("size") or "").strip() in _SMALL_SIZES
            or class_tokens(element) & _CAPTION_NAMES
        )
        if (small or element.tag in ("i", "em") and _reads_as_caption(text)) and clean(element.text_content()) == text:
            return True
        if element.tag not in _CAPTION_TAGS and element.tag not in _PICTURE_TAGS or (element.tail or "").strip():
            return False
    return False


_CAPTION_NAMES = frozenset({"caption", "credit", "credits", "cutline", "figcaption", "legend", "legende"})
_ITALIC_CAPTION_WORDS = 25
_QUOTES = re.compile(r"[\"“”„«»‘’‚‹›「」『』]|(?:^|\s)'|'(?:\s|$)")
_REPORTING = re.compile(
    r"\b(?:said|says|told|tells|asked|added|according to|sagte|sagt|erklärte|dijo|afirmó|declaró|disse|afirmou|"
    r"a déclaré|a dit|affirme|ha detto|ha dichiarato|zei|powiedział|powiedziała)\b",
    re.IGNORECASE,
)
_CREDIT = re.compile(  # a credit closing a caption: its last clause, a parenthesis or an agency after a slash
    r"(?:(?:^|[.!?;|–—]\s+|\()(?:photo|photograph|picture|image|foto|bild|imagen|credit|courtesy|illustration|"
    r"file photo)\b[^.!?]*|©[^.!?]*|\([^()]*\b(?:photo|foto|picture|file)\b[^()]*\)|\s/\s*\w[\w .&-]*)[.)]?\s*$",
    re.IGNORECASE,
)


def _reads_as_caption(text: str) -> bool:
    """Italic text that reads as a picture's caption: short, no quotation and no reporting verb (a quote of the
    story's is set in italics too), and ending with a credit ("… Photo by a reader.", "(File photo)", "© Ed
    Varga", "/ Reuters") or not shaped as a sentence (no closing full stop, question or exclamation mark)."""
    if len(text.split()) > _ITALIC_CAPTION_WORDS or _QUOTES.search(text) or _REPORTING.search(text):
        return False
    return bool(_CREDIT.search(text)) or text.rstrip()[-1:] not in ".!?…"


def _picture_only(element: HtmlElement) -> bool:
    """A block holding a picture and no text."""
    if not isinstance(element.tag, str) or element.tail and element.tail.strip():
        return False
    pictured = element.tag == "img" or next(element.iter("img", "picture"), None) is not None
    # (stops at the first text; white space needs no cleaning)
    return pictured and not any(not text.isspace() and clean(text) for text in element.itertext())


_LEDE_CJK = 20  # characters of Chinese, Japanese or Korean text: a sentence as long as six words
_STORY_PARAGRAPHS = 2  # <p>s the block after a lede holds, at least: the story's text
_STUB_PARAGRAPHS = 4  # and at most, with this many characters: a breaking stub's rest
_STUB_CHARS = 2 * SHORT_TEXT


def wrap_ledes(tree: HtmlElement) -> None:
    """Make a stub's lede a paragraph where it stands as a text-only block (``<div class="summary">…</div>``)
    right before the block holding the rest of the stub's ``<p>`` paragraphs: the main-text extractor reads no
    text-only ``<div>`` beside paragraphs, and a breaking stub's first and key paragraph is lost with it. Above a
    longer story, whose first paragraph is its own lede, such a block is a deck summing it up, and stays out.
    Only a sentence is (not a caption, a label or a row of links), and only where its own block holds no ``<p>``
    (among a story's paragraphs a text-only ``<div>`` is a caption or a credit); a block right below a block of
    a picture alone, or named as a caption, a credit or a picture's (media, figure), is the picture's caption."""
    for block in list(tree.iter(*_TEXT_DIVS)):
        following = block.getnext()
        while following is not None and not isinstance(following.tag, str):
            following = following.getnext()
        if following is None or following.tag not in _TEXT_DIVS:
            continue
        paragraphs = list(itertools.islice(following.iter("p"), _STUB_PARAGRAPHS + 1))
        if not _STORY_PARAGRAPHS <= len(paragraphs) <= _STUB_PARAGRAPHS:
            continue
        parent = block.getparent()
        if parent is None or any(child.tag == "p" for child in parent) or not _text_only(block) or not _lede(block):
            continue
        if class_tokens(block) & _PICTURE_NAMES or _after_picture(block):
            continue  # a picture's caption or credit, below the picture or named as one
        if sum(len(clean(p.text_content())) for p in paragraphs) > _STUB_CHARS:
            continue  # a longer story opens with its own lede: the block above it is a deck, a summary of it
        _wrap(block)


_PICTURE_NAMES = frozenset(
    {"caption", "credit", "credits", "cutline", "media", "figure", "figcaption", "photo", "picture", "image", "img"}
)


def _after_picture(block: HtmlElement) -> bool:
    previous = block.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        previous = previous.getprevious()
    return previous is not None and _picture_only(previous)


def _lede(element: HtmlElement) -> bool:
    """A sentence, in words or in CJK characters, most of it not a link's."""
    if _prose(element):
        return True
    text = clean(element.text_content())
    linked = sum(len(clean(a.text_content())) for a in element.iter("a"))
    return len(_CJK.findall(text)) >= _LEDE_CJK and text[-1:] in "。！？」" and linked < len(text) / 2


def _text_only(element: HtmlElement) -> bool:
    """A block holding text and no blocks (nor line breaks: those a neighbour of a broken block is split at)."""
    return not any(
        isinstance(child.tag, str) and (child.tag in _BLOCKS or child.tag == "br") for child in element
    ) and bool(element.text_content().strip())


def _prose(element: HtmlElement) -> bool:
    """A sentence of the story, not a caption, a label, a credit or a row of links: several words ending a
    sentence, most of them not a link's."""
    return _prose_text(element) is not None


def _prose_text(element: HtmlElement) -> str | None:
    """``element``'s text as it stands (not cleaned) when it is a sentence of the story (`_prose`), else None."""
    raw = element.text_content()
    words = (html.unescape(raw) if "&" in raw else raw).split()  # (what `clean` does, its words counted)
    text = " ".join(words)
    if len(words) < 6 or not _SENTENCE_END.search(text[-3:] + " "):
        return None
    linked = sum(len(clean(a.text_content())) for a in element.iter("a"))  # (only for a sentence: the rarer test)
    return raw if linked < len(text) / 2 else None


text_only = _text_only
prose = _prose


def _wrap(element: HtmlElement) -> None:
    from lxml.html import Element

    paragraph = Element("p")
    paragraph.text, element.text = element.text, None
    paragraph.extend(list(element))
    element.append(paragraph)


def _break_up(host: HtmlElement) -> None:
    from lxml.html import Element

    children = list(host)
    paragraph = Element("p")
    paragraph.text, host.text = host.text, None
    paragraphs = [paragraph]
    made = {paragraph}  # the paragraphs made of loose text (a block of the page's stays as it is, between them)
    i = 0
    while i < len(children):
        child = children[i]
        if _block_like(child):
            paragraph = Element("p")
            paragraph.text, child.tail = child.tail, None
            paragraphs.extend((child, paragraph))
            made.add(paragraph)
            i += 1
            continue
        if not _breaks_at(children, i):
            paragraph.append(children[i])  # moves it, its tail with it
            i += 1
            continue
        while _breaks_at(children, i + 1):  # a run of breaks: one paragraph break
            host.remove(children[i])
            i += 1
        host.remove(children[i + 1])
        paragraph = Element("p")
        paragraph.text = children[i + 1].tail
        paragraphs.append(paragraph)
        made.add(paragraph)
        host.remove(children[i])
        i += 2
    kept = [p for p in paragraphs if p not in made or len(p) or (p.text or "").strip()]
    i = 0
    while i + 1 < len(kept):
        # "Correction:<br><br>An earlier version …": one note, the label its opening
        if kept[i] in made and kept[i + 1] in made and _label_only(kept[i]):
            _run_on(kept[i], kept.pop(i + 1))
        i += 1
    host.extend(kept)


def _one_note(block: HtmlElement) -> bool:
    """Whether the whole of a block reads as one publisher's note."""
    from monitor.extractors.notes import may_open_note, note_kind

    text = clean(block.text_content())
    return may_open_note(text) and note_kind(text) is not None


_LABEL_WORDS = 5  # a part this short ending in a colon labels the part after it ("Editor's note:", "Key dates:")


def _label_only(paragraph: HtmlElement) -> bool:
    """Whether a part is only a label (a note's, or a few words and a colon), which opens the part after it."""
    from monitor.extractors.notes import label_kind

    text = clean(paragraph.text_content())
    return bool(text) and ((len(text.split()) <= _LABEL_WORDS and text[-1] in ":：") or label_kind(text) is not None)


def _run_on(paragraph: HtmlElement, following: HtmlElement) -> None:
    """Append ``following``'s content to ``paragraph``, a space between."""
    joined = " " + (following.text or "")
    if len(paragraph):
        paragraph[-1].tail = (paragraph[-1].tail or "") + joined
    else:
        paragraph.text = (paragraph.text or "") + joined
    paragraph.extend(list(following))


def _breaks_at(children: list[HtmlElement], i: int) -> bool:
    """Whether a ``<br>`` at ``i`` and another right after it (nothing but white space between) break a paragraph."""
    return (
        i + 1 < len(children)
        and children[i].tag == "br"
        and children[i + 1].tag == "br"
        and not (children[i].tail or "").strip()
    )


_SENTENCE_END = re.compile(r"[.!?。！？…](?:[\"'”’»)]*)(?=\s|$)")
_WORDS_PER_SENTENCE = 60  # fewer sentence ends than one per this many words: menus and link lists, not prose


def only_furniture_besides(dump: tuple[str, ...], short: tuple[str, ...]) -> bool:
    """Whether all the dump holds beside the stub read's paragraphs is page furniture (menu entries, link
    titles: words without sentences), so that the stub read is the whole story."""
    rest = " ".join(dump)
    for paragraph in short:
        if paragraph not in rest:
            return False
        rest = rest.replace(paragraph, " ", 1)
    words = len(rest.split())
    return len(_SENTENCE_END.findall(rest)) * _WORDS_PER_SENTENCE < words


def _no_better(short: tuple[str, ...], paragraphs: tuple[str, ...], tree: HtmlElement) -> bool:
    """Whether the stub read only loses the first read's opening paragraphs, which stand right before its own
    first paragraph in the same block of the page (a stub's first paragraph lost, not a promotion, a cookie
    notice or a teaser left out)."""
    if not short or len(short) >= len(paragraphs) or short[0] not in paragraphs:
        return False
    first = paragraphs.index(short[0])
    if not first or paragraphs[first : first + len(short)] != short or first + len(short) != len(paragraphs):
        return False
    wanted = {paragraphs[first - 1]: None, short[0]: None}
    for element in tree.iter(*PARAGRAPH_TAGS):
        if wanted.get(text := clean(element.text_content()), 0) is None:
            wanted[text] = element
    before, after = wanted.values()
    return before is not None and after is not None and before.getnext() is after


def may_be_dump(paragraphs: tuple[str, ...]) -> bool:
    """Whether a read may be trafilatura's fallback dump of the whole page's text: few blocks, or one block
    holding most of the text."""
    length = sum(len(p) for p in paragraphs)
    return len(paragraphs) <= 2 or max(len(p) for p in paragraphs) > 0.6 * length


def _articles_dump(paragraphs: tuple[str, ...], tree: HtmlElement) -> HtmlElement | None:
    """The ``<article>`` whose whole text the read opens with, if any: trafilatura's fallback for a short story
    takes each ``<article>``'s text as one block (the story's, its headline, byline and time stamp run into it,
    then the teasers' of a "most read" list)."""
    if not paragraphs or len(paragraphs[0]) < SHORT_TEXT // 2:
        return None
    first = _normal(paragraphs[0])
    return next(
        (
            article
            for article in tree.iter("article")
            if next(article.iterancestors("article"), None) is None and _normal(article.text_content()) == first
        ),
        None,
    )


# not the story's own text in its <article>: its headline and headings, time stamps, pictures' captions, boxes
# beside it, scripts and forms. An <article> or a <figure> inside it counts (review 3): the story's body may be
# an inner <article>, a pull quote a <figure>'s; a teaser card in it then keeps the first read, never loses text
_NOT_OWN = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "time", "figcaption", "aside", "nav", "script", "style"}
    | {"noscript", "template", "button", "form", "select", "svg", "iframe"}
)
# what sets a block of text apart from the next as the page shows it (an inline element runs on)
_BLOCK_TAGS = frozenset(
    {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "section", "header", "footer", "main", "pre"}
    | {"table", "thead", "tbody", "tfoot", "tr", "td", "th", "address", "center", "details", "summary", "hr"}
)
_BREAK = "\x00"


def _covers(paragraphs: tuple[str, ...], article: HtmlElement) -> bool:
    """Whether ``paragraphs`` hold every block of ``article``'s own text (a ``<p>``, a ``<div>``, a list's item,
    loose text between blocks, each as the page shows it: its inline elements' text run on), but its headline,
    byline and time stamps, whatever the block's length or script (white space aside)."""
    held = _spaceless(" ".join(paragraphs))
    flow: list[str] = []
    _flow(article, flow)
    opened = False  # a block the paragraphs hold was met: the story's text has begun
    for block in "".join(flow).split(_BREAK):
        text = clean(block)
        if not text or _spaceless(text) in held:
            opened = opened or bool(text) and not _head_label(text)
            continue
        if is_byline(text, ()) or is_timestamp(text) or is_dateline(text):
            continue  # furniture of the story's head, not its text
        if not opened and _head_label(text):
            continue  # above the story's text: a kicker ("BREAKING"), a share bar's buttons
        return False
    return True


_HEAD_LABEL_WORDS = 4
_HEAD_LABEL_CHARS = 30


def _head_label(text: str) -> bool:
    """A few words ending no sentence: a kicker's or a button's label, never a story's sentence."""
    return (
        len(text.split()) <= _HEAD_LABEL_WORDS
        and len(text) <= _HEAD_LABEL_CHARS
        and not _SENTENCE_END.search(text[-3:] + " ")
        and not text.endswith((".", "!", "?", "。", "！", "？"))
    )


def _flow(element: HtmlElement, out: list[str]) -> None:
    """``element``'s text in page order, a break between blocks and around what is no story's own text."""
    out.append(element.text or "")
    for child in element:
        if isinstance(child.tag, str):
            if child.tag in _NOT_OWN or "hidden" in child.attrib or child.get("aria-hidden") == "true":
                out.append(_BREAK)
            elif child.tag in _BLOCK_TAGS:
                out.append(_BREAK)
                _flow(child, out)
                out.append(_BREAK)
            else:
                _flow(child, out)
        out.append(child.tail or "")


def _spaceless(text: str) -> str:
    return "".join(text.casefold().split())


def _normal(text: str) -> str:
    return "".join(_WORD.findall(text.casefold()))


@functools.cache
def _stub_config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    return config


def _trafilatura(reads: Reads, tree: HtmlElement, *, stub: bool = False) -> tuple[str, ...]:
    # trafilatura is imported at the first page, not with the extractor: a checking process that only judges
    # and stores what its workers read never loads it (~0.1 s at every start); the workers' fork server does
    body = None if stub else reads.fast()
    if body is None or not _settled(body, tree, reads.page_chars):
        body = reads.full(_stub_config()) if stub else reads.full()
    if body is None:
        return ()
    out: list[str] = []
    quoted: set[int] = set()  # which texts are quotations': a pull quote's
    # a table of links is a menu, a sidebar's list or a footer: a page laid out in nested tables comes out as one
    # table per nesting level, siblings, the story's cell in one of them and the page's furniture in the others
    links = _link_texts(tree) if body.find(".//table") is not None else frozenset()
    headed = False  # an <h1> was read
    for element in _in_page_order(_leaves(body, links, _menus(body, links)), tree):
        if element.tag == "head" and element.get("rend") == "h1":
            first, headed = not headed, True
            # the headline is not part of the body; an <h1> below story text heads a section of it, unless it
            # opens the story's cell of a page laid out in tables (a lede's or a deck's table above it)
            if not out or first and element.get(_OPENS_CELL):
                continue
        if element.tag in ("list", "table"):
            items = [item for item in element if item.tag in ("item", "row")]
            if links and element.tag == "table":
                items = _without_ranked_rows(items, links)
            out.extend(text for item in items for text in _texts(item))
        else:
            out.extend(_texts(element))
            if element.tag == "quote":
                quoted.update(range(len(out))[-1:])
    return _keep(out, quoted)


def _bare(tree: HtmlElement, url: str, *, fast: bool = False) -> _Element | None:
    """trafilatura's main text of ``tree`` in one read alone (fast, or its full cascade), as its XML body; None when
    it finds none."""
    reads = Reads(tree, url)
    return reads.fast() if fast else reads.full()


def _settled(body: _Element, tree: HtmlElement, page_chars: Callable[[], int] | None = None) -> bool:
    """Whether trafilatura's fast read (its own rules, no second opinion) is what its full cascade would give.
    The cascade's later stages engage only on a read that is short (a rescue from the page's whole text under 250
    characters, a retry for recall under 3,000 characters and a fifth of the page's text, justext), structurally
    odd (no paragraph text, more tables than paragraphs) or unclean (page furniture left in); its readability
    port's second opinion replaces a read only by one more than twice as long, which our own layers (the parts
    of a split story, JSON-LD) cover. Such a fast read is kept: the full cascade costs about half as much again.
    ``page_chars`` gives the length of the page's text (``Reads.page_chars``), else it is measured.
    """
    text = "".join(body.itertext())
    # the read's length, white space runs one space: short either way when the text is, and at least the length
    # of its opening's (a long read's opening is long enough: its whole text need not be spaced)
    length = len(text) if len(text) < _SETTLED_SHORT else len(" ".join(text[:_SETTLED_OPENING].split()))
    if length < _SETTLED_TEXT and len(text) > _SETTLED_OPENING:
        length = len(" ".join(text.split()))
    page_chars = page_chars or functools.partial(_page_chars, tree)
    if length < _SETTLED_TEXT and (length < _SETTLED_SHORT or length < _ESCALATION_SHARE * page_chars()):
        return False
    paragraphs = len(body.findall(".//p"))
    tables = len(body.findall(".//table"))
    unclean = next(body.iterdescendants(*_UNCLEAN), None) is not None
    return tables <= paragraphs and bool(body.xpath(".//p//text()")) and not unclean


def _page_chars(tree: HtmlElement) -> int:
    """Characters of the page's whole text as trafilatura measures it for its recall retry."""
    from trafilatura import html2txt

    return len(html2txt(tree))


def _leaves(element: _Element, links: frozenset[str] = frozenset(), menus: Collection[_Element] = ()) -> list[_Element]:
    """The blocks of trafilatura's output, wrappers (a fallback extractor's ``<div>``s) opened up, without the
    ``menus`` (tables of links; ``links``: the texts of the page's links)."""
    out: list[_Element] = []
    for child in element:
        if child.tag == "table" and (child in menus or _laid_out(child, links)):
            # a page laid out in a table: the cells that hold blocks are the story's wrappers, the others its
            # menus, banner and footer
            for cell in child.iter("cell"):
                if not _story_cell(cell, links):
                    if not len(cell) and is_comments_heading(clean(cell.text or "")):
                        out.append(_loose(cell.text))  # where the story ends: its readers' comments follow
                    continue
                if (cell.text or "").strip():
                    out.append(_loose(cell.text))
                elif len(cell) and cell[0].tag == "head" and cell[0].get("rend") == "h1":
                    cell[0].set(_OPENS_CELL, "1")  # the story's headline atop its cell, a lede's table above it
                out.extend(_leaves(cell, links))
        elif child.tag in _WRAPPERS and len(child):
            if (child.text or "").strip():
                out.append(_loose(child.text))
            out.extend(_leaves(child, links))
        else:
            out.append(child)
        # loose text after a wrapper or a section's heading is a paragraph of its own (not a line after the <h1>:
        # the headline's dateline)
        opened = child.tag in _WRAPPERS or child.tag == "head" and child.get("rend") != "h1"
        if opened and (child.tail or "").strip():
            out.append(_loose(child.tail))
    return out


def _in_page_order(leaves: list[_Element], tree: HtmlElement) -> list[_Element]:
    """``leaves`` with the blocks trafilatura set above the headline put back where the page shows them.

    When its main pass finds only a short candidate (the first block of a class it takes for a post body, as
    ``class="entry"``), trafilatura keeps it and appends the page's other text after it: the candidate then
    stands before the headline although the page shows it below. Only blocks above an ``<h1>`` that the page
    shows after that ``<h1>`` move; each goes before the first later block that the page shows after it.
    """
    first = next((i for i, el in enumerate(leaves) if el.tag == "head" and el.get("rend") == "h1"), 0)
    if first == 0:
        return leaves
    shown = tree.find("body")  # not the <title>, which often repeats the headline ahead of every block
    page = clean((tree if shown is None else shown).text_content())

    def position(element: _Element) -> int:
        return page.find(clean("".join(element.itertext()))[:_FIND_CHARS] or "\x00")

    headline = position(leaves[first])
    lifted = [(position(el), el) for el in leaves[:first]]
    if headline < 0 or any(where <= headline for where, _ in lifted):
        return leaves
    out = leaves[first:]
    places = [position(el) for el in out]  # each block's place in the page, found once
    for where, element in lifted:
        later = next((i for i, place in enumerate(places) if place > where), len(out))
        out.insert(later, element)
        places.insert(later, where)
    return out


def _laid_out(table: _Element, links: frozenset[str]) -> bool:
    """A table that lays out a page, not data: one cell of it holds paragraphs and most of its text (an old
    page's story column; a data table's description cells share its text with their rows)."""
    cells = list(table.iter("cell"))
    total = sum(_chars(cell) for cell in cells)
    return any(_story_cell(cell, links, blocks=2) and _chars(cell) >= _LAYOUT_SHARE * total for cell in cells)


_LINKED_SHARE = 2 / 3  # of a table's text, besides a copyright line, its links hold: a menu, a list of links
_SEPARATORS = re.compile(r"\s+[|·•/]\s+")  # between a menu line's links: "Home | News | Sport"
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,:]\d+)*(?![\w])")  # a score, a count, a price: a table's data
_STORY_BLOCKS = frozenset({"p", "list", "quote"})


def _link_texts(tree: HtmlElement) -> frozenset[str]:
    return frozenset(clean(link.text_content()) for link in tree.iter("a"))


def _menus(body: _Element, links: frozenset[str]) -> list[_Element]:
    """The tables of links among the top-level blocks of trafilatura's output. On a page laid out in tables
    (several tables, no story block beside them: the story's cell in one table, a menu, a sidebar's "most read"
    list or a footer in the others) any, and every table before the story's that holds no data (the page's
    outer table, its masthead, menu and left column, out of which trafilatura lifted the story's table); beside
    the story's own blocks only a navigation row or line (one row). Only a menu's cells that hold a story's
    paragraphs are read. A table set between two blocks of the story is the story's."""
    children = list(body)
    story = [
        i
        for i, child in enumerate(children)
        if child.tag in _STORY_BLOCKS and _has_text(child) or child.tag == "table" and _laid_out(child, links)
    ]
    laid_out = sum(child.tag == "table" for child in children) >= 2 and all(children[i].tag == "table" for i in story)
    return [
        child
        for i, child in enumerate(children)
        if child.tag == "table"
        and not (story and story[0] < i < story[-1])
        and (
            laid_out
            and (bool(story) and i < story[0] and _layout_furniture(child, links) or _link_table(child, links))
            or len(child.findall("row")) == 1
            and _link_table(child, links)
        )
    ]


def _layout_furniture(table: _Element, links: frozenset[str]) -> bool:
    """A table of a page's layout, not of the story: no header, no two rows of two filled cells (data), and no
    text besides the page's link texts but labels of a few words, copyright and date lines (a logo's, a menu's,
    a left column's links with their dates). A box of key facts ("Cost: $4.2 million"), a deck, a lede beside a
    picture are the story's: a number outside a link or a date, a line of five words or more, a run of Chinese,
    Japanese or Korean text (its words unspaced) of ten characters or more. The page's frame (the outer table
    trafilatura lifted the story's table out of) holds no prose."""
    if _data_shaped(table) or any(cell.get("role") == "head" for cell in table.iter("cell")):
        return False
    if any(not len(cell) and not (cell.text or "").strip() for cell in table.iter("cell")):
        # the page's frame, a nested table lifted out of each empty cell (the story's, a left column's): its
        # masthead's tagline and its weather box are no story's, only prose is
        return not any(_prose_piece(piece, links) for cell in table.iter("cell") for piece in _cell_pieces(cell))
    # a box of short lines with no link at all ("AT A GLANCE / Opens: early March / Dogs: on leads", a deck in
    # two short lines, "Correction / Path length corrected") is the story's: a layout's table links somewhere
    lines = [line for cell in table.iter("cell") for line in _cell_lines(cell)]
    linked = any(not _unlinked(line, links).strip(_LINE_MARKS) for line in lines)
    return linked and all(_furniture_line(line, links) for line in lines)


_LAYOUT_WORDS = 5  # a line of a layout's table this many words long is story text (a deck), never its label
_LAYOUT_CJK = 10  # characters of Chinese, Japanese or Korean text: as many
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_LINE_MARKS = " |·•/-–—()[],;:"


def _cell_lines(cell: _Element) -> list[str]:
    """The lines of a table's cell: one per block and per ``<br>``-broken line, a menu line's links apart."""
    lines = [cell.text or ""]
    for child in cell:
        if child.tag == "lb":
            lines.append(child.tail or "")
        elif child.tag in _INLINE_MARKS:
            lines[-1] += " " + "".join(child.itertext()) + " " + (child.tail or "")
        elif child.tag != "cell":  # a nested table's cells are read on their own
            lines.extend(("".join(child.itertext()), child.tail or ""))
    return [part for line in lines for part in _SEPARATORS.split(clean(line)) if part]


def _furniture_line(line: str, links: frozenset[str]) -> bool:
    """A layout's line: the page's link texts, a label of a few words, a copyright or date line."""
    rest = _unlinked(line, links).strip(_LINE_MARKS)
    if not rest or _BOILERPLATE.match(rest) or is_timestamp(rest) or is_dateline(rest):
        return True
    if any(ch.isdigit() for ch in rest) or len(rest.split()) >= _LAYOUT_WORDS:
        return False
    return len(_CJK.findall(rest)) < _LAYOUT_CJK


def _unlinked(line: str, links: frozenset[str]) -> str:
    """``line`` without the page's link texts it holds (each as whole words), longest first."""
    if line in links:
        return ""
    for link in sorted((link for link in links if len(link) > 1 and link in line), key=len, reverse=True):
        at = line.find(link)
        while at >= 0:
            end = at + len(link)
            if (at == 0 or not line[at - 1].isalnum()) and (end == len(line) or not line[end].isalnum()):
                line = f"{line[:at]} {line[end:]}"
                at = line.find(link, at + 1)
            else:
                at = line.find(link, end)
    return clean(line)


_INLINE_MARKS = frozenset({"hi", "ref", "lb"})  # trafilatura's inline elements: a piece of text runs on over them
_PROSE_WORDS = 10  # words of a piece of text that is a sentence's, or this many ending none (a deck)
_PROSE_SENTENCE_WORDS = 6


def _cell_pieces(cell: _Element) -> list[str]:
    """The texts of a table's cell, one per block (and the loose text between blocks), a menu line's links apart."""
    pieces = [cell.text or ""]
    for child in cell:
        if child.tag in _INLINE_MARKS:
            pieces[-1] += " " + "".join(child.itertext()) + " " + (child.tail or "")
        elif child.tag != "cell":  # a nested table's cells are read on their own
            pieces.extend(("".join(child.itertext()), child.tail or ""))
    return [part for piece in pieces for part in _SEPARATORS.split(clean(piece)) if part]


def _prose_piece(text: str, links: frozenset[str]) -> bool:
    """A sentence or a deck of words, not a link's text: the story's, never a layout's furniture."""
    words = len(text.split())
    if text in links or words < _PROSE_SENTENCE_WORDS or _BOILERPLATE.match(text):  # not a copyright line
        return False
    return words >= _PROSE_WORDS or bool(_SENTENCE_END.search(text[-3:] + " "))


def _link_table(table: _Element, links: frozenset[str]) -> bool:
    """A table that holds no data and mostly links: a navigation row, a sidebar's "most read" list, a footer.
    A table with a header, a number (a score line, a list of results) or two filled cells in two rows holds
    data."""
    if _data_shaped(table):
        return False
    for cell in table.iter("cell"):
        if cell.get("role") == "head":
            return False
        pieces = _SEPARATORS.split(clean("".join(cell.itertext())))
        if any(_NUMBER.search(piece) and not _BOILERPLATE.match(piece) for piece in pieces):  # not a © year
            return False
    return _linked_share(table.itertext(), links) >= _LINKED_SHARE


def _linked_share(texts: Iterable[str], links: frozenset[str]) -> float:
    """The share of ``texts`` (besides a copyright line) that the page's link texts make up."""
    linked = total = 0
    for text in texts:
        for piece in _SEPARATORS.split(clean(text)):
            if piece and not _BOILERPLATE.match(piece):
                total += len(piece)
                linked += len(piece) if piece in links else 0
    return linked / total if total else 1.0


def _data_shaped(table: _Element) -> bool:
    """A table of data: at least two rows with two filled cells each (a layout's rows hold one cell of text, a
    navigation row's many cells make one row)."""
    filled = (sum(1 for cell in row.iter("cell") if _chars(cell)) for row in table.iter("row"))
    return sum(1 for count in filled if count >= 2) >= 2


def _chars(element: _Element) -> int:
    return len("".join(element.itertext()).strip())


def _has_text(element: _Element) -> bool:
    """Whether ``_chars(element)`` is more than nothing (stops at the first text that is not white space)."""
    return any(text and not text.isspace() for text in element.itertext())


def _story_cell(cell: _Element, links: frozenset[str], blocks: int = 1) -> bool:
    """A cell holding at least ``blocks`` paragraphs of sentence length, most of its text not the page's link
    texts (a menu's or a list of links' ``<br>``-separated entries come out of trafilatura as paragraphs of
    links; a poem's lines end no sentence), nor a list of them each with its date ("Water rates to rise (Feb.
    28, 2025)": every block opens with a link and none ends a sentence). The text before the cell's first block
    (``<br><br>``-separated text becomes loose text and paragraphs) is one."""
    texts = [block for block in cell if block.tag in _CELL_BLOCKS]
    count = len(texts) + bool(texts and (cell.text or "").strip())
    length = sum(map(_chars, texts)) + (len(cell.text.strip()) if count > len(texts) else 0)
    if count < blocks or length < _SENTENCE_CHARS * count or _dated_links(texts, links):
        return False
    pieces = [text for block in texts for text in block.itertext()]
    if count > len(texts):
        pieces.append(cell.text)
    return _linked_share(pieces, links) <= 1 / 2


def _dated_links(blocks: list[_Element], links: frozenset[str]) -> bool:
    """Whether ``blocks`` (two or more) are a list of other stories: each a link's text (of a few characters at
    least) alone or with its date beside it ("Water rates to rise (Feb. 28, 2025)"), none ending a sentence. A
    story's list of places or things, each a link and a line on it ("Café Lumen – great coffee …"), is none."""
    if len(blocks) < 2:
        return False
    texts = [clean("".join(block.itertext())) for block in blocks]
    if any(_SENTENCE_END.search(text[-3:] + " ") for text in texts):
        return False
    for text in texts:
        link = max((link for link in links if len(link) >= _MIN_LINK and text.startswith(link)), key=len, default="")
        rest = text[len(link) :].strip(" ()[]-–—|·,")
        if not link or rest and visible_date(rest) is None:
            return False
    return True


def _loose(text: str) -> _Element:
    from lxml.etree import Element

    paragraph = Element("p")
    paragraph.text = text
    return paragraph


def paragraphs_of(containers: Iterable[HtmlElement]) -> tuple[str, ...]:
    """Texts of the innermost paragraph-like blocks inside ``containers`` (a site rule's body), in page order."""
    out: list[str] = []
    quoted: set[int] = set()  # which texts are quotations' and boxes': a pull quote's
    for container in containers:
        blocks = [d for d in container.iterdescendants() if isinstance(d.tag, str) and d.tag in _BLOCKS]
        if container.tag in PARAGRAPH_TAGS or not blocks:
            out.append(clean(container.text_content()))
            continue
        for element in container.iterdescendants():
            if element.tag in PARAGRAPH_TAGS and not any(d.tag in PARAGRAPH_TAGS for d in element.iterdescendants()):
                out.append(clean(element.text_content()))
                if element.tag == "blockquote" or _boxed(element, container):
                    quoted.add(len(out) - 1)
    return _keep(out, quoted)


def _boxed(element: HtmlElement, container: HtmlElement) -> bool:
    """Whether ``element`` stands in a quotation or a box beside the text, inside ``container``."""
    for node in element.iterancestors():
        if node is container:
            return False
        if node.tag in _BOXES:
            return True
    return False


_BREAKS = re.compile(r"\s*\ue000\s*\ue000\s*")  # two line breaks in a row: a paragraph break (<br><br>)


def _texts(element: _Element) -> list[str]:
    """The block's text; a block of ``<br><br>``-separated parts gives one paragraph per part."""
    if element.tag == "row":
        return [clean(" ".join("".join(cell.itertext()) for cell in element))]
    for line_break in element.iter("lb"):  # trafilatura's <br>: a marker, so a pair of them can split
        line_break.tail = "\ue000" + (line_break.tail or "")
    text = "".join(element.itertext())
    if "\ue000" not in text:
        return [clean(text)]
    return [clean(part.replace("\ue000", " ")) for part in _BREAKS.split(text)]


_RANK_LABEL_WORDS = 3  # a ranked list's label, in a row of its own above it ("MOST READ", "Top stories")


# a label naming other stories or their popularity ("MOST READ", "Top stories", "Meistgelesen", "많이 본 뉴스")
_POPULAR = re.compile(
    r"most (?:read|popular|viewed|watched|shared|commented|e-?mailed)|\btop (?:stories|news|articles|headlines|\d+)|"
    r"trending|\bpopular|\b(?:more|other|latest) (?:news|stories|headlines|articles)|\bheadlines\b|related|"
    r"meistgelesen|meistgeklickt|am meisten gelesen|beliebteste|m[áa]s (?:leíd|vist)[oa]s|lo m[áa]s (?:leído|visto)|"
    r"les plus (?:lus|populaires|consultés|partagés)|più (?:lett[ie]|popolari|vist[ie]|cliccat[ie])|"
    r"mais (?:lid[ao]s|populares|vist[ao]s)|meest gelezen|najczęściej czytane|najpopularniejsze|"
    r"самое (?:читаемое|популярное)|популярное|en çok okunan|terpopuler|paling banyak dibaca|"
    r"많이 본|인기|アクセスランキング|ランキング|人気|热门|熱門|排行",
    re.IGNORECASE,
)
POPULAR_LABEL = _POPULAR
_PROSE_ROW_WORDS = 12  # a row of a story's cell holds a sentence this long, at least


def _without_ranked_rows(rows: list[_Element], links: frozenset[str]) -> list[_Element]:
    """A table's rows without those that are ranked lists of links ("Most read": 1. <a>…</a>, 2. …) and the label's
    row right above one: only when the label names other stories or their popularity, or when the rows sit
    outside the story's cell (no row of the table is prose). A numbered list among the story's rows ("The list",
    or none, after a paragraph introducing it) is the story's."""
    ranked = [i for i, row in enumerate(rows) if _ranked_row(row, links)]
    if not ranked:
        return rows
    texts = [clean("".join(row.itertext())) for row in rows]
    labelled = {i for i in ranked if i and _rank_label(texts[i - 1])}
    prose = any(
        i not in ranked and i + 1 not in labelled and len(text.split()) >= _PROSE_ROW_WORDS
        for i, text in enumerate(texts)
    )
    dropped = {i for i in ranked if not prose or i in labelled and _POPULAR.search(texts[i - 1])}
    labels = {i - 1 for i in dropped if i in labelled}
    return [row for i, row in enumerate(rows) if i not in dropped and i not in labels]


def _rank_label(text: str) -> bool:
    return 0 < len(text.split()) <= _RANK_LABEL_WORDS and not _SENTENCE_END.search(text[-3:] + " ")


def _ranked_row(row: _Element, links: frozenset[str]) -> bool:
    """A table's row whose one filled cell is a ranked list of the page's links."""
    filled = [cell for cell in row if _chars(cell)]
    return len(filled) == 1 and _ranked_links(_cell_texts(filled[0]), links)


def _cell_texts(cell: _Element) -> list[str]:
    """A cell's blocks' texts, and its loose text before, between and after them (inline elements run on): never
    glued ("1. <a>Ferry fares rise</a><p>2. …</p>" is "1. Ferry fares rise", "2. …", not "…rise2. …")."""
    pieces = [cell.text or ""]
    for child in cell:
        if child.tag in _CELL_BLOCKS or child.tag in ("cell", "row", "table"):
            pieces.extend(("".join(child.itertext()), child.tail or ""))
        else:
            pieces[-1] += "".join(child.itertext()) + (child.tail or "")
    return [piece for piece in map(clean, pieces) if piece]


_RANKED = re.compile(r"(\d{1,2})[.)]\s+(\S.*)")
_RANKED_ITEMS = 3  # numbered lines, at least, in a ranked list of links ("Most read": 1. …, 2. …, 3. …)


def _ranked_links(texts: list[str], links: frozenset[str]) -> bool:
    """Whether ``texts`` are a ranked list of the page's links (a sidebar's "Most read": "1. <a>…</a><br>2. <a>…
    </a>…"): three or more, numbered 1, 2, 3 … in turn, each its number and the whole text of a link. A story's
    numbered list says more than a link's words."""
    if len(texts) < _RANKED_ITEMS:
        return False
    for number, text in enumerate(texts, 1):
        match = _RANKED.fullmatch(text)
        if not match or int(match[1]) != number or match[2] not in links:
            return False
    return True


_WORD = re.compile(r"\w+")
_GRAM = 4  # words: a paragraph's text is compared by its runs of this many words
_BOXES = frozenset({"blockquote", "aside", "figure"})  # a pull quote's boxes
_QUOTE_WORDS = (6, 60)  # the words a pull quote holds, fewest and most
_REPEATED = 0.9  # of a pull quote's runs of words found in one paragraph of the story


def _without_repeats(paragraphs: list[str], quoted: list[bool]) -> tuple[str, ...]:
    """``paragraphs`` without a pull quote: a short block of a quotation or a box (``quoted`` tells), set before
    the story's last paragraph, whose words (nearly all its runs of four) the story says in a longer paragraph
    (or an equal one before it), as a sentence set large beside the text repeats the paragraph it is taken from.
    A quotation the story does not say elsewhere stays; so does one that ends the story (repeated on purpose),
    a paragraph, a heading or a line of code the story repeats."""
    last = max((i for i, boxed in enumerate(quoted) if not boxed), default=-1)  # the story's last paragraph
    grams: list[set[tuple[str, ...]]] = [set()] * len(paragraphs)
    quotes: dict[tuple[str, ...], list[int]] = {}  # a run of words → the short blocks holding it
    for i in range(last):
        if quoted[i]:
            runs = _grams(paragraphs[i])
            if _QUOTE_WORDS[0] - _GRAM < len(runs) <= _QUOTE_WORDS[1] - _GRAM + 1:
                grams[i] = runs
                for run in runs:
                    quotes.setdefault(run, []).append(i)
    if not quotes:
        return tuple(paragraphs)
    shortest = min(len(paragraphs[i]) for i, runs in enumerate(grams) if runs)
    shared: dict[tuple[int, int], int] = {}  # (short block, paragraph) → runs of the block the paragraph holds
    for j, paragraph in enumerate(paragraphs):
        if len(paragraph) < shortest:  # shorter than every candidate quote: no paragraph it is taken from
            continue
        grams[j] = grams[j] or _grams(paragraph)
        for run in grams[j] & quotes.keys():
            for i in quotes[run]:
                if i != j:
                    shared[i, j] = shared.get((i, j), 0) + 1
    repeats = {
        i
        for (i, j), count in shared.items()
        if (len(grams[j]), i) > (len(grams[i]), j)
        and (count >= _REPEATED * len(grams[i]) or _attributed(paragraphs[i], paragraphs[j], grams[j]))
    }
    return tuple(paragraph for i, paragraph in enumerate(paragraphs) if i not in repeats)


_ATTRIBUTION = 3  # words: a quote's credit after its words ("Petra Vance, grower")


def _attributed(quote: str, paragraph: str, runs: set[tuple[str, ...]]) -> bool:
    """Whether ``paragraph`` holds all of ``quote`` but its last few words, which end in a name it gives: the
    quote's words and a credit line (a ``<cite>``)."""
    words = _WORD.findall(quote.casefold())
    missing = [k for k in range(len(words) - _GRAM + 1) if tuple(words[k : k + _GRAM]) not in runs]
    if not missing or len(missing) > _ATTRIBUTION or missing[0] < len(words) - _GRAM - _ATTRIBUTION + 1:
        return False
    return words[-1] in _WORD.findall(paragraph.casefold())  # the credit's name (its first word may be glued on)


def _grams(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.casefold())
    return {tuple(words[k : k + _GRAM]) for k in range(len(words) - _GRAM + 1)}


def _boilerplate(text: str) -> bool:
    """Whether a block is only page furniture: an ad's label, a pointer, a tool's link, or a row of them
    ("Print this story | Email to a friend")."""
    if _BOILERPLATE.match(text):
        return True
    if "|" not in text and "·" not in text and "•" not in text:
        return False
    pieces = _SEPARATORS.split(text)
    return len(pieces) > 1 and all(_BOILERPLATE.match(piece) or _TOOL_WORD.fullmatch(piece) for piece in pieces)


_ON_AIR_CHARS = 250  # a broadcaster's line, at most
_TAIL_WORDS = 12  # a paragraph of the story after such a line, at least (what is shorter is furniture)


def _on_air(texts: list[str], i: int) -> bool:
    """Whether ``texts[i]`` is a broadcaster's line saying when its programme covered the story: no paragraph of
    the story follows it (it closes the story)."""
    text = texts[i]
    if len(text) > _ON_AIR_CHARS or not ON_AIR_LINE.match(text) or not _AIR_TIME.search(text):
        return False
    return all(len(later.split()) < _TAIL_WORDS or _boilerplate(later) for later in texts[i + 1 :])


def _keep(texts: list[str], quoted: Collection[int] = ()) -> tuple[str, ...]:
    """The story's paragraphs among ``texts`` (``quoted``: the places of a quotation's or a box's texts)."""
    out: list[str] = []
    boxed: list[bool] = []
    for i, text in enumerate(texts):
        wordless = not any(ch.isalnum() for ch in text)  # ", , , ," left of a tag list, a "* * *" break
        if text and not wordless and not _boilerplate(text) and not _on_air(texts, i) and (not out or out[-1] != text):
            out.append(text)
            boxed.append(i in quoted)
    return _without_repeats(out, boxed)

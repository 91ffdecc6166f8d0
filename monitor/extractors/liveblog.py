"""Live blogs without JSON-LD: a run of sibling entries, each with its own ``<time datetime>``, read as posts.

    find_live_posts(tree, published) -> tuple[LivePost, ...]    oldest first; () for any page that is not a live blog

A live blog is recognised by its shape: one container whose children are at least ``MIN_POSTS`` entries,
each holding one dated ``<time>`` and paragraphs of its own, together much of the page's text. An article
with a published and an updated ``<time>``, a comment thread, a "more stories" list with dates or a dated
chronology is not one: comments and teaser lists are recognised by their names and tags, teasers by their
links, a chronology by its list items without paragraphs, and an article's own dates make no run of posts.

A run of dated entries written in paragraphs may still be a timeline set in an ordinary story ("How it
unfolded"), and reading it as a live blog would drop the story. It is a live blog's feed only when
- its entries are live coverage: posted minutes or hours apart, not typically a day or more (``MAX_GAP``);
- they are not all older than the page itself: a page that states its own publication more than ``MAX_GAP``
  after its newest entry tells of past events;
- the story does not stand beside them: the paragraphs of the story element (``<article>``/``<main>``) around
  the entries hold less than ``BESIDE_SHARE`` of the entries' text (a live blog's intro is short beside its
  posts; an article's timeline is a box in its text).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from lxml.html import HtmlElement

from monitor.extractors.cleanup import strip_noise
from monitor.extractors.dates import parse_date
from monitor.extractors.jsonld import LivePost
from monitor.extractors.text import class_tokens, clean

__all__ = ["MIN_POSTS", "find_live_posts"]

MIN_POSTS = 3  # entries before a page counts as a live blog
MIN_TEXT = 20  # characters of prose an entry needs to count as a post
MIN_SHARE = 0.4  # of the page's paragraph text the posts must hold
MAX_DEPTH = 6  # levels between a <time> and the container of the posts
MAX_GAP = timedelta(days=1)  # live coverage posts more often than this (median gap between posts)
BESIDE_SHARE = 0.5  # story paragraphs beside the entries holding this much of their text make them a timeline
STORY_PARAGRAPH = 80  # characters: a shorter paragraph beside the entries (a byline, "Refresh for updates") is no story
_STORY_TAGS = ("article", "main")
_NOT_POSTS_TAGS = frozenset({"aside", "nav", "footer", "header", "form", "menu"})
_NOT_POSTS_TOKENS = frozenset(
    {
        *("comment", "comments", "reply", "replies", "related", "recommended", "recommendations", "teaser"),
        *("teasers", "more", "most", "popular", "trending", "sidebar", "rail", "promo", "newsletter", "archive"),
    }
)
_PROSE = ("p", "li", "blockquote")
_HEADINGS = ("h2", "h3", "h4", "h5")


def find_live_posts(tree: HtmlElement, published: datetime | None = None) -> tuple[LivePost, ...]:
    """The posts of a live blog that has no ``liveBlogUpdate`` data, oldest first; () for any other page.

    ``published``: the time the page states as its own (its metadata's), if any. Read before the tree is
    cleaned for the body (the tree itself is not changed).
    """
    dated = [(time, when) for time in tree.iter("time") if (when := parse_date(time.get("datetime")))]
    if len(dated) < MIN_POSTS:
        return ()
    best: list[LivePost] = []
    run: tuple[HtmlElement, list[HtmlElement]] | None = None
    for container, entries in _containers(dated):
        if len(entries) < MIN_POSTS or len(entries) <= len(best) or _not_posts(container):
            continue
        read = [(entry, post) for entry, when in entries if (post := _post(entry, when)) is not None]
        posts = [post for _, post in read]
        if len(posts) >= MIN_POSTS and len(posts) > len(best) and len({p.published for p in posts}) > 1:
            best, run = posts, (container, [entry for entry, _ in read])
    if not best or run is None:
        return ()
    text = sum(len(p.text) for p in best)
    if text < MIN_SHARE * _paragraph_chars(tree) or _timeline(best, published):
        return ()
    if _story_beside(*run) >= BESIDE_SHARE * text:
        return ()
    epoch = datetime.min.replace(tzinfo=UTC)
    unique = dict.fromkeys(best)  # a pinned post repeated at the top counts once
    return tuple(sorted(unique, key=lambda post: post.published or epoch))


def _timeline(posts: list[LivePost], published: datetime | None) -> bool:
    """Entries dated as a chronology is: typically a day or more apart, or all well before the page itself."""
    times = sorted({post.published for post in posts if post.published})
    if len(times) < 2:
        return False
    gaps = sorted(later - earlier for earlier, later in zip(times, times[1:], strict=False))
    if gaps[len(gaps) // 2] >= MAX_GAP:  # the median gap (the upper one of an even count)
        return True
    return published is not None and times[-1] < published - MAX_GAP


def _story_beside(container: HtmlElement, entries: list[HtmlElement]) -> int:
    """Characters of story paragraphs around the entries, in the story element (``<article>``/``<main>``) that
    holds them, else in their container's parent: not inside an entry, a comment thread or a teaser list."""
    story = next(container.iterancestors(*_STORY_TAGS), None) if container.tag not in _STORY_TAGS else container
    if story is None:
        story = container.getparent() if container.getparent() is not None else container
    inside = set(entries)
    chars = 0
    for paragraph in story.iter("p"):
        between = []  # the paragraph's ancestors up to the story element
        for element in paragraph.iterancestors():
            if element is story:
                break
            between.append(element)
        if inside.intersection(between) or any(_not_posts_element(element) for element in between):
            continue
        if (length := len(clean(paragraph.text_content()))) >= STORY_PARAGRAPH:
            chars += length
    return chars


def _containers(
    dated: list[tuple[HtmlElement, datetime]],
) -> Iterator[tuple[HtmlElement, list[tuple[HtmlElement, datetime]]]]:
    """Each element with the children that hold dated ``<time>``s, a child's first time as its own.

    A child holding more than two times is a container itself, not an entry: its parent offers no entries.
    """
    held: dict[HtmlElement, dict[HtmlElement, list[datetime]]] = {}
    for time, when in dated:
        child = time
        for _ in range(MAX_DEPTH):
            parent = child.getparent()
            if parent is None:
                break
            held.setdefault(parent, {}).setdefault(child, []).append(when)
            child = parent
    for container, children in held.items():
        if all(len(times) <= 2 for times in children.values()):
            yield container, [(child, times[0]) for child, times in children.items()]


def _not_posts(container: HtmlElement) -> bool:
    """A comment thread, a teaser list or navigation, judged by the container and its ancestors."""
    return any(_not_posts_element(element) for element in (container, *container.iterancestors()))


def _not_posts_element(element: HtmlElement) -> bool:
    if element.tag in _NOT_POSTS_TAGS or class_tokens(element) & _NOT_POSTS_TOKENS:
        return True
    return "comment" in (element.get("itemtype") or "").lower()


def _post(entry: HtmlElement, when: datetime) -> LivePost | None:
    """One entry as a post: its heading, and its prose without the time, share buttons or ads."""
    if not isinstance(entry.tag, str) or entry.tag == "time":
        return None
    if "comment" in (entry.get("itemtype") or "").lower() or class_tokens(entry) & _NOT_POSTS_TOKENS:
        return None
    entry = copy.deepcopy(entry)
    strip_noise([entry])
    for time in list(entry.iter("time")):
        time.drop_tree()
    heading = next(iter(entry.iter(*_HEADINGS)), None)
    headline = clean(heading.text_content()) if heading is not None else ""
    if heading is not None:
        heading.drop_tree()
    if next(entry.iter("p"), None) is None:  # a post is written in paragraphs; a dated list item is a chronology
        return None
    blocks = [el for el in entry.iter(*_PROSE) if not any(True for _ in el.iterancestors(*_PROSE))]
    text = clean(" ".join(el.text_content() for el in blocks))
    if len(text) < MIN_TEXT:
        return None
    links = sum(len(clean(a.text_content())) for a in entry.iter("a"))
    if links > 0.5 * len(text):  # a teaser: its words are a link to somewhere else
        return None
    return LivePost(when, headline, text)


def _paragraph_chars(tree: HtmlElement) -> int:
    return sum(len(clean(el.text_content())) for el in tree.iter("p"))


_KEY_POINT = 250  # characters of a key point at most: a line, not an entry's prose
_MIN_POINTS = 2
_LINKED_POINTS = 0.5  # of the points' text in links: a list of links to entries ("Key events"), not a summary
_SUMMARY_LEVELS = 2  # the headline's following siblings, and its parent's
_ENTRIES_TIMES = 2  # <time>s a block holds, at least, where the entries start


def key_points(tree: HtmlElement) -> tuple[str, ...]:
    """A live blog's summary above its entries: the bullets of the first list after its headline ("About
    90,000 homes are without power", "A red warning is in place until 3pm"), before the block of its entries.
    A list of links (the key events' jump links) is none, nor a list inside navigation or an entry, nor one
    without a summary's marks (`_summary`): a row of buttons, the contributors' names, filter tabs."""
    headline = next(tree.iter("h1"), None)
    level = headline
    for _ in range(_SUMMARY_LEVELS):
        if level is None:
            return ()
        for sibling in level.itersiblings():
            if not isinstance(sibling.tag, str):
                continue
            if sum(1 for _ in sibling.iter("time")) >= _ENTRIES_TIMES:
                return ()  # the entries begin: no summary above them
            if sibling.tag in _NOT_POSTS_TAGS or class_tokens(sibling) & _NOT_POSTS_TOKENS:
                continue
            for listed in (sibling, *sibling.iterdescendants()) if sibling.tag in ("ul", "ol") else sibling.iter():
                if listed.tag in ("ul", "ol") and (points := _points(listed)) and _summary(listed, sibling, points):
                    return points
        level = level.getparent()
    return ()


def _points(listed: HtmlElement) -> tuple[str, ...]:
    items = [item for item in listed if item.tag == "li"]
    texts = [clean(item.text_content()) for item in items]
    if len(texts) < _MIN_POINTS or not all(texts) or any(len(text) > _KEY_POINT for text in texts):
        return ()
    linked = sum(len(clean(link.text_content())) for item in items for link in item.iter("a"))
    return () if linked > _LINKED_POINTS * sum(map(len, texts)) else tuple(texts)


_SUMMARY_TOKENS = frozenset(
    {"summary", "key", "keypoints", "highlights", "takeaways", "recap", "tldr", "essentials", "brief", "overview"}
)
_SUMMARY_LABEL = re.compile(
    r"^(?:key (?:points|facts|takeaways)|summary|in summary|in brief|at a glance|highlights|takeaways|the latest|"
    r"what we know(?: so far)?|what you need to know|das wichtigste(?: in kürze)?|auf einen blick|zusammenfassung|"
    r"lo más importante|lo que sabemos|resumen|claves|l'essentiel|l’essentiel|ce que l'on sait|ce que l’on sait|"
    r"en bref|o que se sabe|resumo|destaques|in sintesi|punti chiave|cosa sappiamo|samenvatting|in het kort|"
    r"najważniejsze|要点|ポイント|요약|핵심)\b",
    re.IGNORECASE,
)
_LABEL_CHARS = 60  # a label's or a heading's text at most
_POINT_WORDS = 5  # words of a key point at least where nothing marks the list as a summary: a sentence
_POINT_CJK = 12  # or characters of Chinese, Japanese or Korean text
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def _summary(listed: HtmlElement, sibling: HtmlElement, points: tuple[str, ...]) -> bool:
    """Whether a list below the headline is the live blog's summary: headed or labelled as one ("Key points",
    "What we know", "Das Wichtigste", "Lo más importante"), in a block named as one (summary, key points,
    highlights, takeaways), or of points that read as sentences (five words at least each) — not a row of
    buttons ("Share", "Save"), the contributors' names or filter tabs ("All posts", "Key events")."""
    node: HtmlElement | None = listed
    while node is not None:
        if class_tokens(node) & _SUMMARY_TOKENS:
            return True
        label = node.getprevious()
        while label is not None and not isinstance(label.tag, str):
            label = label.getprevious()
        if label is not None:
            text = clean(label.text_content())
            if len(text) <= _LABEL_CHARS and _SUMMARY_LABEL.match(text):
                return True
        if node is sibling:
            break
        node = node.getparent()
    return all(len(point.split()) >= _POINT_WORDS or len(_CJK.findall(point)) >= _POINT_CJK for point in points)

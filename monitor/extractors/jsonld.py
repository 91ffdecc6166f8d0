"""The JSON-LD layer: read headline, authors, dates, body and live-blog posts from schema.org article data."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from lxml.html import HtmlElement

from monitor.extractors.authors import is_agency, is_publication, may_be_person, profile_name, split_authors
from monitor.extractors.dates import parse_date, read_date
from monitor.extractors.text import clean, is_url, plain_text, unique


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ARTICLE_TYPES = _words(
    "newsarticle article reportagenewsarticle blogposting analysisnewsarticle opinionnewsarticle "
    "reviewnewsarticle backgroundnewsarticle liveblogposting report scholarlyarticle techarticle "
    "askpublicnewsarticle satiricalarticle advertisercontentarticle medicalscholarlyarticle socialmediaposting "
    "discussionforumposting apireference"
)
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


def read_jsonld(tree: HtmlElement) -> dict[str, Any]:
    """Fields from the first article-typed JSON-LD object (``@graph`` and lists included); {} when none.

    An article listed in an ``ItemList`` (a row of other stories) is the page's only when no other is.
    A ``LiveBlogPosting`` also yields ``live``: its ``liveBlogUpdate`` entries as :class:`LivePost`s.
    """
    nodes = list(_nodes(tree))
    known = {node["@id"]: node for node, _ in nodes if isinstance(node.get("@id"), str) and len(node) > 1}
    articles = [node for node, in_list in nodes if _is_article(node) and not in_list]
    if len(articles) > 1:  # another story's article beside the page's own (a related story's, a teaser's)
        return _article(_own_article(articles, tree), known)
    if articles:
        return _article(articles[0], known)
    listed = next((node for node, in_list in nodes if in_list and _is_article(node)), None)
    return _article(listed, known) if listed else {}


def _own_article(articles: list[dict[str, Any]], tree: HtmlElement) -> dict[str, Any]:
    """Of several articles, the page's own: the first whose address is the page's (its canonical link, og:url),
    else the first whose headline the page names itself by (its ``<title>``, og:title, first ``<h1>``), else the
    first."""
    addresses = {_address(value) for value in _page_addresses(tree)} - {""}
    for node in articles:
        if addresses & {_address(value) for value in _node_addresses(node)}:
            return node
    names = [_key(text) for text in _page_names(tree)]
    for node in articles:
        headline = _key(_text(node.get("headline") or node.get("name")))
        if len(headline) >= _MIN_HEADLINE_KEY and any(headline in name for name in names):
            return node
    return articles[0]


_MIN_HEADLINE_KEY = 12  # letters and digits: a headline, not a word any title holds
_KEY = re.compile(r"[\W_]+")


def _key(text: str) -> str:
    return _KEY.sub("", text.casefold())


def _address(url: str) -> str:
    """A page's address without its scheme, query, fragment and last slash (``https://x.example/a/?p=1#top`` →
    ``x.example/a``)."""
    url = url.strip().split("#")[0].split("?")[0]
    return url.split("://", 1)[-1].removeprefix("www.").rstrip("/").casefold()


def _page_addresses(tree: HtmlElement) -> Iterator[str]:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            yield link.get("href")
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name")) == "og:url" and meta.get("content"):
            yield meta.get("content")


def _node_addresses(node: dict[str, Any]) -> Iterator[str]:
    for key in ("url", "@id", "mainEntityOfPage"):
        value = node.get(key)
        value = value.get("@id") or value.get("url") if isinstance(value, dict) else value
        if isinstance(value, str) and is_url(value):
            yield value


def _page_names(tree: HtmlElement) -> Iterator[str]:
    yield from (title.text_content() for title in tree.iter("title"))
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name")) in ("og:title", "twitter:title") and meta.get("content"):
            yield meta.get("content")
    yield from (h1.text_content() for h1 in islice(tree.iter("h1"), 1))


def _article(node: dict[str, Any], known: dict[str, dict[str, Any]]) -> dict[str, Any]:
    fields = _fields(node, known)
    posts = live_posts(node)
    if posts or _types(node) & {"liveblogposting"}:
        fields["live"] = posts
    return fields


def objects(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON object in the page's ``application/ld+json`` scripts, nested graphs included."""
    for node, _ in _nodes(tree):
        yield node


def _nodes(tree: HtmlElement) -> Iterator[tuple[dict[str, Any], bool]]:
    """Every JSON-LD object, and whether it is an item of a list."""
    for script in tree.iter("script"):
        if "ld+json" in (script.get("type") or "").lower():
            data = _load(script.text or "")
            if data is not None:
                yield from _walk(data)


def _load(raw: str) -> Any:
    raw = raw.strip().removeprefix("<!--").removesuffix("-->").strip()
    raw = raw.removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
    raw = raw.removeprefix("<![CDATA[").removesuffix("]]>").strip()
    if not raw:
        return None
    for attempt in (raw, _TRAILING_COMMA.sub(r"\1", raw)):
        try:
            return json.loads(attempt, strict=False)
        except ValueError:
            continue
    return None


def _walk(data: Any, depth: int = 0, listed: bool = False) -> Iterator[tuple[dict[str, Any], bool]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1, listed)
    elif isinstance(data, dict):
        yield data, listed
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in data:
                yield from _walk(data[key], depth + 1, listed or key == "itemListElement")


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    return {k.lower() for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)}


def is_article(node: dict[str, Any]) -> bool:
    return bool(_types(node) & ARTICLE_TYPES)


_is_article = is_article


@dataclass(frozen=True)
class LivePost:
    """One entry of a live blog: when it was posted, its own headline (often none) and its text."""

    published: datetime | None
    headline: str
    text: str

    def as_paragraph(self) -> str:
        """The post as one body paragraph: ``[2025-08-28 09:05Z] Headline — text``."""
        stamp = f"[{self.published:%Y-%m-%d %H:%MZ}] " if self.published else ""
        return stamp + " — ".join(part for part in (self.headline, self.text) if part)


def live_posts(node: dict[str, Any]) -> tuple[LivePost, ...]:
    """A live blog's ``liveBlogUpdate`` entries, oldest first (new posts append, so they diff as added)."""
    updates = node.get("liveBlogUpdate")
    posts = [
        LivePost(parse_date(_text(item.get("datePublished"))), _text(item.get("headline")), clean_body(item))
        for item in (updates if isinstance(updates, list) else [updates])
        if isinstance(item, dict)
    ]
    posts = [post for post in posts if post.text or post.headline]
    epoch = datetime.min.replace(tzinfo=UTC)
    return tuple(sorted(posts, key=lambda post: post.published or epoch))


def clean_body(node: dict[str, Any]) -> str:
    return " ".join(_body(node.get("articleBody") or node.get("text")))


def _fields(node: dict[str, Any], known: dict[str, dict[str, Any]]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    headline = _text(node.get("headline")) or _text(node.get("name"))
    if headline:
        fields["headline"] = headline
    publisher = _text(_referred(node.get("publisher"), known))
    authors = _authors(_referred(node.get("author") or node.get("creator"), known), publisher)
    if authors:
        fields["authors"] = authors
    for key, name in (("published", "datePublished"), ("modified", "dateModified")):
        stamp = node.get(name)  # (seconds since 1970 as a number too; never dateCreated: a CMS record's time)
        value, said = read_date(str(stamp) if isinstance(stamp, int) and not isinstance(stamp, bool) else _text(stamp))
        if value:
            fields[key] = value
            fields.setdefault("said", {})[key] = said
    # the article's own times as written (their offsets say the paper's clock: ``page._story_offset``)
    stated = tuple(text for name in ("datePublished", "dateModified", "dateCreated") if (text := _text(node.get(name))))
    if stated:
        fields["stated_times"] = stated
    if publisher:
        fields["site_name"] = publisher
    language = _text(node.get("inLanguage"))
    if language:
        fields["language"] = language
    url = _url(node.get("mainEntityOfPage")) or _url(node.get("url"))
    if url:
        fields["canonical_url"] = url
    body = _body(node.get("articleBody"))
    if body:
        fields["body"] = body
    return fields


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if not isinstance(value, str):
        return ""
    return plain_text(value)  # JSON-LD written through an HTML escaper, sometimes twice: "&amp;#8217;"


def _referred(value: Any, known: dict[str, dict[str, Any]]) -> Any:
    """``value`` with each reference to another node of the page's data (``{"@id": "…#/schema/person/1"}``, as
    Yoast writes an article's author and publisher) replaced by the node it names, when the page holds it."""
    if isinstance(value, list):
        return [_referred(item, known) for item in value]
    if isinstance(value, dict) and set(value) == {"@id"}:
        return known.get(value["@id"], value) if isinstance(value["@id"], str) else value
    return value


def _url(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    return value if isinstance(value, str) and is_url(value) else None


def _authors(value: Any, publisher: str = "") -> tuple[str, ...]:
    """The people an article's ``author`` names. An ``Organization`` is no person, and neither is a desk stated
    as one ("Newsroom") nor the publisher, named whole ("Mac & Co", never split into "Mac"); a ``Person``'s name
    that reads as no list of names stands whole (a six-word name), and so does a wire agency stated as the author
    in words ("PTI"), as in a ``Person``: the story is the agency's."""
    people: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        person = isinstance(item, dict) and not _is_organization(item)
        if person:
            name = _text(item.get("name")) or _given_and_family(item)
        else:
            name = clean(item) if isinstance(item, str) else ""
        if name and not is_url(name) and not is_publication(name, (publisher,)):
            whole = may_be_person(name) if person else is_agency(name)
            people.extend(split_authors(name) or ([name] if whole else []))
        elif person and not name and isinstance(link := item.get("url") or item.get("@id"), str):
            people.extend(filter(None, [profile_name(link)]))  # a Person named only by their page's address
    return unique(people)


def _given_and_family(person: dict[str, Any]) -> str:
    """A ``Person``'s name from its ``givenName`` and ``familyName``, when it states no ``name``."""
    return " ".join(part for part in (_text(person.get("givenName")), _text(person.get("familyName"))) if part)


def _is_organization(node: dict[str, Any]) -> bool:
    """Typed an organization (``Organization``, ``NewsMediaOrganization``) and not also a ``Person`` (as Yoast
    types a site's author: ``["Person", "Organization"]``)."""
    kinds = _types(node)
    return "person" not in kinds and any(kind.endswith("organization") or kind == "corporation" for kind in kinds)


_MARKDOWN_LINK = re.compile(r"\[([^\]\n]+)\]\((?:https?:|/)[^)\s]*\)")  # "[words](https://…)": the words
# a Markdown body's markup that is no text: an attribute list after a span ("*NASA*{: .small}", kramdown's IAL)
# and the emphasis around it; a break or a block's style on a line of its own ("+++", "+++dropcap")
_MARKDOWN_ATTRIBUTES = re.compile(r"\*{1,2}([^*\n]+)\*{1,2}\{:[^}\n]*\}|\{:[^}\n]*\}")
_MARKDOWN_BREAK = re.compile(r"^\+{3}[\w-]*$")


def _body(value: Any) -> tuple[str, ...]:
    if not isinstance(value, str):
        return ()
    value = _MARKDOWN_LINK.sub(r"\1", value)
    if "{:" in value:
        value = _MARKDOWN_ATTRIBUTES.sub(lambda m: m.group(1) or "", value)
    parts = re.split(r"\n\s*\n" if "\n\n" in value else r"\n", value)
    return tuple(p for p in (clean(part) for part in parts) if p and not _MARKDOWN_BREAK.match(p))

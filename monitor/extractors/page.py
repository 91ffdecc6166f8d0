"""Read one article page into an Article: site rule → JSON-LD → meta → generic, per field (``monitor.extractors``).

The public entry is :func:`extract`. Each layer proposes fields; the first layer that yields a field wins it,
and ``article.extractor["layers"]`` records which layer that was: ``"site rule: NAME"``, ``"json-ld"``, ``"meta"``,
``"generic"``, ``"title"`` (a headline from the ``<title>`` alone), for the body also ``"generic:plain"`` and
``"json-ld:visible"`` (see ``story_body``), or for a live blog's body and times ``"json-ld:live"``/``"page:live"``
(``extractor["rule"]`` also names the site rule; ``extractor["site_name"]`` the publication's own name when the
page gives one). ``extractor["doubt"]`` says when the layers disagreed and the
story was kept on a weaker reading rather than dropped.
A site rule is chosen by the page's URL, else by its canonical URL (a saved page read from a file).
The page is parsed once, with lxml; metadata and boxed notes are read from the intact tree, then the body
from a live blog's posts, a site rule's containers or trafilatura's main-text extraction (which works on its
own copy of the tree); the rare checks that need the page uncleaned parse it again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import time, timezone, tzinfo
from itertools import pairwise
from typing import Any

from lxml.html import HtmlElement

from monitor.errors import ExtractionError, GateHeld
from monitor.extractors import EXTRACTOR_VERSION, OPENING_LAYER
from monitor.extractors.authors import names_a_desk, names_an_organisation, without_publications
from monitor.extractors.byline import is_full_name, plain_byline
from monitor.extractors.checks import MIN_WORDS, word_count
from monitor.extractors.dates import CLOCK, best_reading, local_zone, on_local_clock, parse_date, stated_offset
from monitor.extractors.document import parse
from monitor.extractors.gate import PageGate, page_gate, seal
from monitor.extractors.generic import first_heading, prominent_line, read_generic, title_text
from monitor.extractors.headline import choose_headline, visible_headline
from monitor.extractors.jsonld import LivePost, read_jsonld
from monitor.extractors.liveblog import find_live_posts, key_points
from monitor.extractors.meta import meta_values, read_meta
from monitor.extractors.notes import (
    boxed_notes,
    merge_notes,
    split_notes,
    split_trailing_notes,
    within_notes,
    without_notes,
)
from monitor.extractors.opening import opening_words
from monitor.extractors.rules import SiteRule, matching_rule, read_rule
from monitor.extractors.shell import script_built
from monitor.extractors.signoff import closing_credit, labelled_editors, labels_editor
from monitor.extractors.story_body import read_body
from monitor.extractors.text import element_text
from monitor.models import Article

_LAYER_ORDER = ("rule", "json-ld", "meta", "generic")
# canonical URL and language are the head's business first; JSON-LD only fills a gap
_FIELD_ORDER = {"canonical_url": ("meta", "json-ld"), "language": ("meta", "json-ld")}
_FIELDS = ("authors", "published", "modified", "canonical_url", "language")
LIVE_LAYER = "json-ld:live"
PAGE_LIVE_LAYER = "page:live"  # a live blog recognised by its run of timestamped entries
_PAGE_OWN = frozenset({"rule", "json-ld", "meta"})  # layers that state the page's own times, not a post's


def extract(
    content: bytes | str,
    url: str,
    *,
    encoding: str | None = None,
    rules: Sequence[SiteRule] = (),
    sealed: str | None = None,
) -> Article:
    """The article on one page. Raises ExtractionError for empty, non-HTML or text-less pages.

    ``sealed``: the digest the story's last full read sealed (``monitor.extractors.gate``); when the page's is
    the same, nothing the story was read from has changed and ``GateHeld`` is raised before the full read —
    the page parsed and walked once, whichever way it goes.

    A live blog (``LiveBlogPosting`` with ``liveBlogUpdate``, or a page of timestamped entries) has one body
    paragraph per post, oldest first, each starting with its time in brackets, so a new post shows up in a
    diff as an added paragraph; ``extractor["live_posts"]`` counts the posts. Its published time is the page's
    own, else its oldest post's (a new post never moves it); its modified time, else its newest post's.
    """
    tree = parse(content, encoding)
    rule = matching_rule(rules, url)
    # the head is read before the gate only when a rule may need its canonical URL (a saved page read from a
    # file): a page the gate holds is spared it
    early = _head(tree, url) if rules and rule is None else None
    if early is not None:
        rule = matching_rule(rules, early[1].get("canonical_url") or "")
    gate = page_gate(tree, url, rule, EXTRACTOR_VERSION)  # the intact tree: before anything cleans it
    if sealed and gate.digest == sealed:
        raise GateHeld(sealed)
    meta, head = early or _head(tree, url)
    proposals = {"json-ld": read_jsonld(tree), "meta": head, "generic": read_generic(tree)}
    # times read from visible lines the gate covers whole (asked now: the body's read cleans the tree)
    covered_lines = {name for name, line in proposals["generic"].get("date_lines", {}).items() if gate.covers(line)}
    byline_covered = all(map(gate.covers, proposals["generic"].get("byline_elements", ())))
    proposals = {"rule": read_rule(tree, rule) if rule else {}, **proposals}
    site_names = [
        *meta.get("og:site_name", []),
        *meta.get("application-name", []),
        proposals["json-ld"].get("site_name", ""),
    ]
    for proposal in proposals.values():  # the publication is no author: a layer naming only it names no one
        if proposal.get("authors"):
            proposal["authors"] = without_publications(proposal["authors"], site_names, url)
    fields, layers = _choose(proposals)
    # the zone the page's own language names alone (DST-aware), else the offset the story's own metadata states
    zone = local_zone(*_language_tags(tree, meta)) or _story_offset(proposals)
    for name, read in _on_local_clock(fields, layers, proposals, zone).items():
        if layers[name] == "generic" and read in {parse_date(text) for text in gate.times}:
            covered_lines.add(name)  # a <time>'s or an itemprop's stated clock, read in the zone the digest covers
    # the byline over JSON-LD's authors when it names JSON-LD's and their co-authors (read from the byline alone:
    # what a rail or a related card beside the story shows never moves the authors)
    # (asked of a byline the gate leaves out, a co-author added there would go unseen: such a page is not sealed;
    # nor is one whose authors a byline element the gate leaves out gives, or may take over from the head's tag —
    # the author's name found elsewhere in covered text, an author's bio at the foot, vouches for no edit there)
    byline_unsealed = not byline_covered and layers.get("authors") in ("json-ld", "meta", "generic")
    if layers.get("authors") == "json-ld" and _coauthors_over_jsonld(
        proposals["generic"], fields["authors"], site_names
    ):
        fields["authors"], layers["authors"] = proposals["generic"]["authors"], "generic"
    # an old table layout's bold headline line, when no <h1>, og:title or JSON-LD names the story
    prominent = prominent_line(tree) if not (proposals["json-ld"].get("headline") or head.get("headline")) else None
    if not fields.get("authors") or layers["authors"] == "meta":  # a plain "By …" line below the headline
        shown = proposals["generic"].get("authors")
        if not shown:
            plain, line = plain_byline(tree, prominent)
            shown = without_publications(plain, site_names, url)
            # (read from a line the gate leaves out, an edit to it would go unseen: such a page is not sealed)
            byline_unsealed = byline_unsealed or line is not None and not gate.covers(line)
        if shown and (not fields.get("authors") or _byline_over(shown, fields["authors"], title_text(tree))):
            fields["authors"], layers["authors"] = shown, "generic"
    # a lone author the page labels the story's editor (JSON-LD's author, "Editor: Tom Hale" at the story's foot)
    # gives way to the people a byline names: the byline markup's, else, when that markup is only the editor's
    # credit, the line's below the headline ("<div class='author-2'>Ana Ruiz</div>")
    if len(fields.get("authors", ())) == 1 and layers["authors"] != "rule":
        unsure = _lone_editor(tree, fields, layers, proposals["generic"], gate, (prominent, site_names, url))
        byline_unsealed = byline_unsealed or unsure
    # a person the page labels the story's editor is none of its authors, whoever lists them (JSON-LD)
    # (read only from lines the gate covers or leaves out whole; one holding a part it leaves out is not sealed)
    editors, editors_unsure = (
        labelled_editors(tree, tuple(fields["authors"]), gate) if len(fields.get("authors", ())) > 1 else ({}, False)
    )
    byline_unsealed = byline_unsealed or editors_unsure
    if editors and (kept := tuple(name for name in fields["authors"] if name not in editors)):
        fields["authors"] = kept
        byline_unsealed = byline_unsealed or not all(map(gate.covers, editors.values()))
    # a wire sign-off's reporters, a closing credit's, where no byline names a person (JSON-LD names the agency)
    # (a credit the digest cannot vouch for, or a bold name its alignment decided, is not sealed: see closing_credit)
    credited, credit, credit_unsure = closing_credit(tree, gate)
    credit_unsealed = False
    if all(names_an_organisation(name, site_names) for name in fields.get("authors", ())):
        credit_unsealed = credit_unsure or credit is not None and not gate.covers(credit)
        if credited:
            fields["authors"], layers["authors"] = credited, "generic"
    title = title_text(tree)
    headline = choose_headline(proposals, url, site_names, title)
    if prominent is not None and (not headline or headline[1] == "title"):
        # the <title> alone named the page ("Kettle Sentinel - News"): the story's cell names its story
        line = " ".join(element_text(prominent).split())
        if not headline or len(line.split()) > len(headline[0].split()) or _key_in(headline[0], line):
            headline = (line, "generic")
    if headline:
        fields["headline"], layers["headline"] = headline
    elif heading := first_heading(tree):  # a page that names itself nowhere else: its first heading, not none
        fields["headline"], layers["headline"] = heading, "generic"
    shown = visible_headline(proposals, fields.get("headline"), title, url, site_names)
    boxed = boxed_notes(tree)
    live: tuple[LivePost, ...] = proposals["json-ld"].get("live", ())
    live_layer = LIVE_LAYER
    if not live and not (rule and rule.body):
        own = fields.get("published") if layers.get("published") in _PAGE_OWN else None
        live, live_layer = find_live_posts(tree, own), PAGE_LIVE_LAYER
    if live:
        entries = tuple(post.as_paragraph() for post in live)
        paragraphs, layers["body"] = (*key_points(tree), *entries), live_layer  # its summary above its entries
        _live_times(fields, layers, live, live_layer)
    intact = _Intact(content, encoding)
    doubt = None
    if not live:
        post = proposals["generic"].get("post_title")
        headlines = (fields.get("headline") or "", *proposals["generic"].get("headings", ()), *([post] if post else []))
        jsonld_body = proposals["json-ld"].get("body", ())
        read = read_body(tree, url, rule, jsonld_body, intact, headlines, fields.get("authors", ()))
        paragraphs, layers["body"], doubt = read.paragraphs, read.layer, read.doubt
    body, notes = (split_notes if live else split_trailing_notes)(paragraphs)  # a note run into a paragraph too
    notes = merge_notes(notes, boxed)
    body = without_notes(body, (*notes, *within_notes(boxed, notes)))  # a boxed note's lines read apart go with it
    if word_count(body) < MIN_WORDS <= word_count(paragraphs):  # notes would leave no story: keep the story
        body, doubt = tuple(paragraphs), doubt or "the story reads as notes; its paragraphs are kept as its body"
        notes = tuple(note for note in boxed if without_notes(body, (note,)) == body)  # never a note twice
    # a (nearly) text-less page: say whether its scripts build the text (the cleaned tree has lost them, so the
    # page as it came is asked — a rare path); a "please enable JavaScript" notice is no story
    shell = word_count(body) < MIN_WORDS and script_built(intact())
    if not body or shell:
        why = ": the page seems to build its text with JavaScript (no text in the HTML)" if shell else ""
        raise ExtractionError(f"no story text found on the page{f' titled {title!r}' if title else ''}{why}")
    if not fields.get("headline") and (opening := opening_words(body)):  # named by its opening, not refused
        fields["headline"], layers["headline"] = opening, OPENING_LAYER
        doubt = doubt or "the page names itself nowhere; its opening words stand as its headline"
    extractor: dict[str, Any] = {"name": "storywatch", "version": EXTRACTOR_VERSION, "layers": layers}
    if rule:
        extractor["rule"] = rule.name
        layers.update({field: f"site rule: {rule.name}" for field, layer in layers.items() if layer == "rule"})
    if live:
        extractor["live_posts"] = len(live)
    if doubt:
        extractor["doubt"] = doubt
    if shown:
        extractor["visible_headline"] = shown
    site_name = next((" ".join(name.split()) for name in site_names if name and name.strip()), None)
    if site_name:  # the publication's own name (og:site_name, application-name, JSON-LD publisher): alerts show it
        extractor["site_name"] = site_name
    article = Article(url=url, body=body, notes=notes, extractor=extractor, **fields)
    sealed = None if byline_unsealed or credit_unsealed else seal(gate, article, covered_lines)
    if sealed:  # the next fetch of this page may skip the full read when nothing it read has changed
        extractor["gate"] = sealed
    return article


def _head(tree: HtmlElement, url: str) -> tuple[dict[str, list[str]], dict[str, Any]]:
    """The page's ``<meta>`` values, and the fields its head declares."""
    meta = meta_values(tree)
    return meta, read_meta(tree, url, meta)


def unreadable(url: str) -> Article:
    """The empty article a page without a readable story stands for (``extract --json`` prints its shape)."""
    return Article(url=url, extractor={"name": "storywatch", "version": EXTRACTOR_VERSION, "layers": {}})


def live_posts(content: bytes | str, *, encoding: str | None = None) -> tuple[LivePost, ...]:
    """The posts of a live blog page, oldest first; () for any other page."""
    tree = parse(content, encoding)
    jsonld = read_jsonld(tree)
    own = jsonld.get("published") or read_meta(tree, "", meta_values(tree)).get("published")
    return jsonld.get("live", ()) or find_live_posts(tree, own)


def _choose(proposals: dict[str, dict[str, Any]]) -> tuple[dict[str, Any], dict[str, str]]:
    """Each field from the first layer that yields it (a zoneless time yields to its zoned twin)."""
    fields: dict[str, Any] = {}
    layers: dict[str, str] = {}
    for name in _FIELDS:
        for layer in ("rule", *_FIELD_ORDER.get(name, _LAYER_ORDER[1:])):
            value = proposals[layer].get(name)
            if value:
                fields[name] = value
                layers[name] = layer
                break
    for name in ("published", "modified"):  # a time read without its zone yields to its zoned twin
        if name not in layers:
            continue
        order = [layers[name], *(layer for layer in _LAYER_ORDER if layer not in (layers[name], "rule"))]
        readings = [(layer, proposals[layer]) for layer in order if name in proposals[layer].get("said", {})]
        if readings and readings[0][0] == layers[name]:
            best = best_reading([(proposal[name], proposal["said"][name]) for _, proposal in readings])
            fields[name], layers[name] = readings[best][1][name], readings[best][0]
    # a bare <time> earlier than the published time chosen is a date the story tells of, not its update (a
    # page's own metadata stating its update a little before its publication is taken as stated)
    if layers.get("modified") == "generic" and fields.get("published") and fields["modified"] < fields["published"]:
        del fields["modified"], layers["modified"]
    return fields, layers


def _key_in(part: str, whole: str) -> bool:
    key = "".join(ch for ch in part.casefold() if ch.isalnum())
    return bool(key) and key in "".join(ch for ch in whole.casefold() if ch.isalnum())


def _language_tags(tree: HtmlElement, meta: dict[str, list[str]]) -> tuple[list[str], list[str]]:
    """The tags the page names its language and country by: its own (``<html lang>``, Content-Language), and
    og:locale's (a template's setting as often as the paper's: ``dates.local_zone`` lets them only confirm)."""
    root = tree.getroottree().getroot()
    equiv = [
        str(tag.get("content"))
        for tag in tree.iter("meta")
        if (tag.get("http-equiv") or "").strip().lower() == "content-language" and tag.get("content")
    ]
    own = [str(root.get("lang") or ""), *meta.get("content-language", ()), *equiv]
    return _split_tags(own), _split_tags(meta.get("og:locale", ()))


def _split_tags(tags: Sequence[str]) -> list[str]:
    return [part for tag in tags for part in tag.split(",") if part.strip()]  # "de-DE, en": each of them


def _story_offset(proposals: dict[str, dict[str, Any]]) -> tzinfo | None:
    """The offset the story's own metadata states with its times (the article's JSON-LD, the head's article
    times), when they all agree on one, UTC's included ("dateModified": "…-03:00"): the clock the paper writes
    its times in. Never a ``<time>``'s: a teaser's, a rail's, a comment's or another story's time on the page
    is another clock's as often as not. None when none states one, or they disagree."""
    texts = [*proposals["json-ld"].get("stated_times", ()), *proposals["meta"].get("stated_times", ())]
    offsets = {offset for text in texts if (offset := stated_offset(text)) is not None}
    return timezone(next(iter(offsets))) if len(offsets) == 1 else None


def _on_local_clock(
    fields: dict[str, Any], layers: dict[str, str], proposals: dict[str, dict[str, Any]], zone: tzinfo | None
) -> dict[str, Any]:
    """The published and modified times read from a clock that states no zone ("12.03.2025, 14:37 Uhr", a
    ``<time datetime="2025-07-10T17:42">``), and that no zoned twin elsewhere on the page placed, read as the
    clock of the zone the page's language and country name alone (``dates.local_zone``: German, Japanese,
    "fr-FR", "en-GB"; not English, Spanish, French or Arabic alone, nor "en-US"), else the offset the story's own
    metadata states (``_story_offset``): a paper writes its own local time, not UTC. A time stated with its
    offset, on a page naming no zone, or at midnight (a date's placeholder: "2025-04-22T00:00:00" shown as "22.
    April 2025") stays as read. The fields so read, each with its time as read before (UTC's clock)."""
    names = [
        name
        for name in ("published", "modified")
        if layers.get(name) in ("json-ld", "meta", "generic")
        and proposals[layers[name]].get("said", {}).get(name) == CLOCK
        and proposals[layers[name]].get(name) == fields.get(name)
        and fields[name].time() != time()  # "…T00:00:00": a date's placeholder, no clock of any zone
    ]
    if not names or zone is None:
        return {}
    read = {name: fields[name] for name in names}
    for name in names:
        fields[name] = on_local_clock(fields[name], zone)
    return read


def _byline_over(shown: Sequence[str], stated: Sequence[str], title: str) -> bool:
    """Whether the people a visible byline names are the story's authors rather than those the head's author tag
    names: only when the tag names no one — a desk or a handle ("Redacción", not a full name) or the publication
    the ``<title>`` names beside the headline ("… | Le Courrier du Val") — and the byline names people written
    as people's names (not a user's handle, "HarbourFan77"): a first name and a surname, or a name in a script
    without capitals ("李晓梅"). A tag naming a person stays (a pull quote's, a photo's or a reviewed book's
    author's element may name another one)."""
    parts = _TITLE_PARTS.split(title)
    sites = {part.strip().casefold() for part in parts} if len(parts) > 1 else set()
    if any(is_full_name(name) and name.casefold() not in sites and not names_a_desk(name) for name in stated):
        return False
    return all(map(is_full_name, shown))


def _lone_editor(
    tree: HtmlElement,
    fields: dict[str, Any],
    layers: dict[str, str],
    generic: dict[str, Any],
    gate: PageGate,
    page: tuple[HtmlElement | None, Sequence[str], str],
) -> bool:
    """Put the byline's people in place of the story's one author when the page labels that author its editor
    (asked only where a byline names others or the byline markup credits the editor: the rest is cheap); whether
    what decided it holds a part the exact gate cannot vouch for (then the page is not sealed). ``page``: an old
    layout's headline line (``prominent_line``), the publication's names and the page's URL."""
    prominent, site_names, url = page
    (stated,) = fields["authors"]
    shown: Sequence[str] = generic.get("authors", ())
    line = None
    if any(labels_editor(run, stated) for run in generic.get("byline_runs", ())):
        plain, line = plain_byline(tree, prominent)  # the markup is the editor's credit: the line below the headline
        shown = without_publications(plain, site_names, url)
    elif not all(map(gate.covers, generic.get("byline_elements", ()))):
        return False  # (a byline the gate leaves out never moves the authors)
    if not shown or _folded(stated) in {_folded(name) for name in shown} or not all(map(is_full_name, shown)):
        return False
    if any(names_an_organisation(name, site_names) for name in shown):
        return False
    editors, unsure = labelled_editors(tree, (stated,), gate)
    if editors:
        fields["authors"], layers["authors"] = tuple(shown), "generic"
        unsure = unsure or not all(map(gate.covers, editors.values()))
    return unsure or line is not None and not gate.covers(line)


def _coauthors_over_jsonld(generic: dict[str, Any], stated: Sequence[str], site_names: Sequence[str] = ()) -> bool:
    """Whether the story's visible byline names its authors better than JSON-LD: it names every author JSON-LD
    names and co-authors beside them, all in one run of the byline and each joined to the one before by "and", a
    comma, "&", "with" or the same words in the page's language ("By Ana Ruiz and Ben Ode", "Von Ana Ruiz und Ben
    Ode" where JSON-LD, a plugin's first-author-only graph, names Ana Ruiz: the co-authors are the story's too).
    Never a name after a credit ("By Ana Ruiz | Edited by Ben Ode", "Photos by Lena Park" on a line of its own),
    nor an organisation or a desk ("By Ana Ruiz and Valmora Bureau"). As many names as the run joins: a byline
    element is read only while short (under 120 characters), so however many it joins are a byline's, not a
    list's — five as well as two."""
    shown: Sequence[str] = generic.get("authors", ())
    if not shown or not all(map(is_full_name, shown)) or any(names_an_organisation(name, site_names) for name in shown):
        return False
    if not {_folded(name) for name in stated} < {_folded(name) for name in shown}:
        return False
    return any(_joined_in(run, shown) for run in generic.get("byline_runs", ()))


# what joins one co-author's name to the next in a byline's run: a comma, "&", "and" or "with" in the languages
# pages are written in (Oxford comma too: "A, B, and C")
_JOINER = re.compile(
    r"\s*(?:,\s*)?(?:&|\+|(?<!\S)(?:and|with|und|mit|sowie|et|avec|y|con|e|com|i|og|och|med|en|ja|és|a|ve|și|"
    r"oraz|и)(?=\s))?\s*",
    re.IGNORECASE,
)
# a credit before a name makes it no author's: an editor's, a photographer's, a graphic's, a contributor's
_CREDIT_BEFORE = re.compile(
    r"\b(?:edit|photo|foto|picture|image|graphic|grafik|illustrat|video|camera|kamera|design|produc|research|"
    r"reporting|translat|übersetz|bild|data\b|maps?\b|art\b|additional|contribut|mitarbeit)",
    re.IGNORECASE,
)

# an interview's or a conversation's lead-in: "with" after it names the one interviewed
_INTERVIEW_BEFORE = re.compile(
    r"\b(?:interview|q\s*&\s*a|conversation|talk|podcast|gespräch|entretien|entrevista|intervista|wywiad)",
    re.IGNORECASE,
)
_WITH = re.compile(r"(?<!\S)(?:with|mit|avec|con|com|med|z)(?!\S)", re.IGNORECASE)


def _joined_in(run: str, names: Sequence[str]) -> bool:
    """Whether one byline run (a line of it) names all of ``names``, each joined to the one before by
    :data:`_JOINER` alone, none after a credit."""
    text = " ".join(run.split()).casefold()
    spans = []
    for name in names:
        at = text.find(" ".join(name.split()).casefold())
        if at < 0:
            return False
        spans.append((at, at + len(" ".join(name.split()))))
    spans.sort()
    if _CREDIT_BEFORE.search(text[: spans[0][0]]):
        return False
    if _INTERVIEW_BEFORE.search(text[: spans[0][0]]) and any(
        _WITH.search(text[end:start]) for (_, end), (start, _) in pairwise(spans)
    ):
        return False  # "Interview by Ana Ruiz with Ben Ode": the one she talks with, no co-author
    return all(
        start > end and _JOINER.fullmatch(text[end:start]) and text[end:start].strip()
        for (_, end), (start, _) in pairwise(spans)
    )


def _folded(name: str) -> str:
    return " ".join(name.casefold().split())


_TITLE_PARTS = re.compile(r"\s+[|–—-]\s+|\s*[|·]\s*")  # a <title>'s headline and site name, and the separator


def _live_times(fields: dict[str, Any], layers: dict[str, str], posts: Sequence[LivePost], layer: str) -> None:
    """A live blog's published time: the page's own, else its oldest post's — never a later post's (a page
    without its own dates shows the newest post's time first); its modified time: the page's, else the newest."""
    times = [post.published for post in posts if post.published]
    if not times:
        return
    oldest, newest = min(times), max(times)
    if layers.get("published") not in _PAGE_OWN and (not fields.get("published") or fields["published"] > oldest):
        fields["published"], layers["published"] = oldest, layer
    if layers.get("modified") not in _PAGE_OWN and newest > max(fields.get("modified") or oldest, fields["published"]):
        fields["modified"], layers["modified"] = newest, layer


class _Intact:
    """The page parsed afresh, at most once, for the rare checks that need it uncleaned."""

    def __init__(self, content: bytes | str, encoding: str | None) -> None:
        self._content, self._encoding = content, encoding
        self._tree: HtmlElement | None = None

    def __call__(self) -> HtmlElement:
        if self._tree is None:
            self._tree = parse(self._content, self._encoding)
        return self._tree

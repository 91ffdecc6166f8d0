"""Read one article page into an Article: site rule → JSON-LD → meta → generic, per field.

The public entry is :func:`extract`. Each layer proposes fields; the first layer that yields a field wins it,
and ``article.extractor["layers"]`` records which layer that was. The page is parsed once; metadata is read
from the intact tree, then the tree is cleaned in place and the body read from what is left.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bs4 import BeautifulSoup

from monitor.errors import ExtractionError
from monitor.extractors.body import generic_body, paragraphs_of
from monitor.extractors.cleanup import clean_tree
from monitor.extractors.document import parse
from monitor.extractors.generic import read_generic, title_text
from monitor.extractors.jsonld import read_jsonld
from monitor.extractors.meta import read_meta
from monitor.extractors.notes import boxed_notes, merge_notes, split_notes
from monitor.extractors.rules import SiteRule, matching_rule, read_rule
from monitor.models import Article

__all__ = ["EXTRACTOR_VERSION", "SiteRule", "extract"]

EXTRACTOR_VERSION = "1"

_LAYER_ORDER = ("rule", "json-ld", "meta", "generic")
# canonical URL and language are the head's business first; JSON-LD only fills a gap
_FIELD_ORDER = {"canonical_url": ("meta", "json-ld"), "language": ("meta", "json-ld")}
_FIELDS = ("headline", "authors", "published", "modified", "canonical_url", "language")


def extract(content: bytes | str, url: str, *, encoding: str | None = None, rules: Sequence[SiteRule] = ()) -> Article:
    """The article on one page. Raises ExtractionError for empty, non-HTML or text-less pages."""
    soup = parse(content, encoding)
    rule = matching_rule(rules, url)
    proposals = {
        "rule": read_rule(soup, rule) if rule else {},
        "json-ld": read_jsonld(soup),
        "meta": read_meta(soup, url),
        "generic": read_generic(soup),
    }
    fields, layers = _choose(proposals)
    title = title_text(soup)
    boxed = boxed_notes(soup)
    paragraphs, layers["body"] = _read_body(soup, rule, proposals["json-ld"].get("body", ()))
    body, notes = split_notes(paragraphs)
    if not body:
        raise ExtractionError(f"no story text found on the page{f' titled {title!r}' if title else ''}")
    extractor = {"name": "storywatch", "version": EXTRACTOR_VERSION, "layers": layers}
    if rule:
        extractor["rule"] = rule.name
    return Article(url=url, body=body, notes=merge_notes(notes, boxed), extractor=extractor, **fields)


def _choose(proposals: dict[str, dict[str, Any]]) -> tuple[dict[str, Any], dict[str, str]]:
    fields: dict[str, Any] = {}
    layers: dict[str, str] = {}
    for name in _FIELDS:
        for layer in ("rule", *_FIELD_ORDER.get(name, _LAYER_ORDER[1:])):
            value = proposals[layer].get(name)
            if value:
                fields[name] = value
                layers[name] = layer
                break
    return fields, layers


def _read_body(soup: BeautifulSoup, rule: SiteRule | None, jsonld_body: tuple[str, ...]) -> tuple[tuple[str, ...], str]:
    clean_tree(soup, rule.drop if rule else ())
    if rule and rule.body:
        paragraphs = paragraphs_of(soup.select(rule.body))
        if paragraphs:
            return paragraphs, "rule"
    paragraphs = generic_body(soup)
    if jsonld_body and _chars(paragraphs) < 0.25 * _chars(jsonld_body):
        return jsonld_body, "json-ld"
    return paragraphs, "generic"


def _chars(paragraphs: Sequence[str]) -> int:
    return sum(len(p) for p in paragraphs)

"""Choose the story's headline among the page's candidates and take the site's name off its end."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

_SEPARATOR = re.compile(r"\s+[|–—:·•-]\s+|\s*[|ㅣ｜]\s*|\s+-(?=\S)|(?<=\S)-\s+")
_ALNUM = re.compile(r"[\W_]+", re.UNICODE)
_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_HOST_NOISE = frozenset({"www", "edition", "m", "amp", "news", "com", "org", "net", "co", "de", "uk"})


def choose_headline(proposals: dict[str, dict[str, Any]], url: str, site_names: list[str]) -> tuple[str, str] | None:
    """(headline, layer): a rule's, else JSON-LD's, else the page's <h1> when it agrees with the head, else og:title.

    Site names ("… | TechCrunch", "… - Golem.de") are taken off every candidate first.
    """
    brands = _brands(url, site_names)
    candidates = {
        layer: strip_site_name(value, brands)
        for layer in ("rule", "json-ld", "generic", "meta")
        if (value := proposals[layer].get("headline"))
    }
    head = candidates.get("meta")
    if "generic" in candidates and head and _overlap(candidates["generic"], head) < 0.5:
        del candidates["generic"]  # an <h1> that is the site's logo or a section name, not the story's
    for layer in ("rule", "json-ld", "generic", "meta"):
        if candidates.get(layer):
            return candidates[layer], layer
    return None


def visible_headline(
    proposals: dict[str, dict[str, Any]], chosen: str | None, title: str, url: str, site_names: list[str]
) -> str | None:
    """The page's ``<h1>`` when it reads differently from the chosen headline and is the story's, not a logo.

    Editors see the ``<h1>``; a CMS may rewrite it (and the ``<title>``) without touching JSON-LD, and a
    monitor must notice. It counts as the story's headline when it shares most words with the chosen one or
    with the ``<title>`` (site name taken off), and has three words or more.
    """
    h1 = proposals["generic"].get("headline")
    if not h1 or not chosen or " ".join(h1.split()) == " ".join(chosen.split()) or len(h1.split()) < 3:
        return None
    brands = _brands(url, site_names)
    h1 = strip_site_name(h1, brands)
    page_title = strip_site_name(title, brands) if title else ""
    if _overlap(h1, chosen) >= 0.5 or (page_title and _overlap(h1, page_title) >= 0.5):
        return h1
    return None


def strip_site_name(title: str, brands: set[str]) -> str:
    """``"Bakery wins prize | Wrenfield Gazette"`` → ``"Bakery wins prize"`` when the tail names the site."""
    for _ in range(2):  # "Headline - Section | Site": the site first, then nothing else
        parts = list(_SEPARATOR.finditer(title))
        if not parts:
            return title
        last = parts[-1]
        tail = _fold(title[last.end() :])
        if not tail or not any(brand in tail or tail in brand for brand in brands if len(brand) >= 3):
            return title
        head = title[: last.start()].strip()
        if len(head) < 10:
            return title
        title = head
    return title


def _brands(url: str, site_names: list[str]) -> set[str]:
    host = urlsplit(url).hostname or ""
    labels = {label for label in host.split(".") if label not in _HOST_NOISE and len(label) >= 3}
    return {_fold(label) for label in labels} | {_fold(name) for name in site_names if name} - {""}


def _fold(text: str) -> str:
    return _ALNUM.sub("", text.casefold().translate(_TRANSLIT))


def _overlap(a: str, b: str) -> float:
    words_a, words_b = set(_ALNUM.split(a.casefold())) - {""}, set(_ALNUM.split(b.casefold())) - {""}
    return len(words_a & words_b) / max(1, min(len(words_a), len(words_b)))

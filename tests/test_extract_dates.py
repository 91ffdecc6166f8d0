"""Dates as pages write them (tests/data/dates/written.yaml): every offset applied, none dropped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from monitor.extractors import extract
from monitor.extractors.dates import parse_date, visible_date

WRITTEN = yaml.safe_load((Path(__file__).parent / "data" / "dates" / "written.yaml").read_text())


@pytest.mark.parametrize(("text", "expected"), sorted(WRITTEN["parse"].items()))
def test_parse_date(text: str, expected: str) -> None:
    value = parse_date(text)
    assert value is not None and value.isoformat() == expected


@pytest.mark.parametrize(("text", "expected"), sorted(WRITTEN["visible"].items()))
def test_visible_date(text: str, expected: str) -> None:
    value = visible_date(text)
    assert value is not None and value.isoformat() == expected


@pytest.mark.parametrize(
    "tag",
    [
        '<meta name="publish-date" content="2025-03-14T08:30:00+01:00">',
        '<meta property="og:article:published_time" content="2025-03-14T08:30:00+01:00">',
        '<meta name="article.published" content="2025-03-14T08:30:00+01:00">',
    ],
)
def test_published_time_from_other_meta_names(tag: str) -> None:
    story = "<p>The quay wall at Berth 4 has been repaired after a winter storm tore away a stretch of its stones.</p>"
    page = f"<html><head>{tag}</head><body><article><h1>Quay wall repaired</h1>{story}</article></body></html>"
    assert extract(page, "https://harbourtimes.example/quay").to_json()["published"] == "2025-03-14T07:30:00Z"


def _page(head: str) -> str:
    story = "<p>The quay wall at Berth 4 has been repaired after a winter storm tore away a stretch of its stones.</p>"
    return f"<html><head>{head}</head><body><article><h1>Quay wall repaired</h1>{story}</article></body></html>"


def _ld(**fields: Any) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Quay wall repaired", **fields}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


@pytest.mark.parametrize(
    ("head", "published"),
    [
        # JSON-LD writes the wall clock without its zone, a meta tag the same moment with it
        (
            _ld(datePublished="2025-03-14T08:30:00")
            + '<meta property="article:published_time" content="2025-03-14T08:30:00+01:00">',
            "2025-03-14T07:30:00Z",
        ),
        # two meta tags: the first without a zone, a later one with it
        (
            '<meta property="article:published_time" content="2025-03-14 08:30:00">'
            '<meta itemprop="datePublished" content="2025-03-14T08:30:00+08:00">',
            "2025-03-14T00:30:00Z",
        ),
        # a day alone, and the time of that day in another layer
        (
            _ld(datePublished="2025-03-14") + '<meta property="article:published_time" content="2025-03-14T08:30:00Z">',
            "2025-03-14T08:30:00Z",
        ),
        # a zoneless time another layer contradicts (not an offset apart): the first layer's stands
        (
            _ld(datePublished="2025-03-14T08:30:00")
            + '<meta property="article:published_time" content="2025-03-14T08:37:00+01:00">',
            "2025-03-14T08:30:00Z",
        ),
    ],
)
def test_a_time_without_its_zone_takes_the_zone_the_page_writes_elsewhere(head: str, published: str) -> None:
    article = extract(_page(head), "https://harbourtimes.example/quay")
    assert article.to_json()["published"] == published


def test_an_article_listed_among_other_stories_is_not_the_pages() -> None:
    listed = {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "itemListElement": [
            {"@type": "NewsArticle", "headline": "Ferry fares rise", "datePublished": "2025-01-02T09:00:00Z"},
        ],
    }
    head = f'<script type="application/ld+json">{json.dumps(listed)}</script>' + _ld(
        datePublished="2025-03-14T08:30:00Z", author={"@type": "Person", "name": "Ana Ruiz"}
    )
    article = extract(_page(head), "https://harbourtimes.example/quay")
    assert (article.to_json()["published"], article.authors) == ("2025-03-14T08:30:00Z", ("Ana Ruiz",))


@pytest.mark.parametrize("kind", ["SatiricalArticle", "AskPublicNewsArticle", "AdvertiserContentArticle"])
def test_every_schema_org_kind_of_article_gives_its_times(kind: str) -> None:
    data = {"@context": "https://schema.org", "@type": kind, "datePublished": "2025-03-14T08:30:00+01:00"}
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    assert extract(_page(head), "https://harbourtimes.example/quay").to_json()["published"] == "2025-03-14T07:30:00Z"

"""Dates as pages write them (tests/data/dates/written.yaml): every offset applied, none dropped."""

from __future__ import annotations

from pathlib import Path

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

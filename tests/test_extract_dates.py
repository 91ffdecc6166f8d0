"""Dates as pages write them (tests/data/dates/written.yaml): every offset applied, none dropped."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

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

"""Breaking-news stubs (tests/data/stubs): each is read as its own paragraphs, never one run-on block."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from monitor.extractors import extract
from monitor.extractors.checks import assess

STUBS = Path(__file__).parent / "data" / "stubs"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((STUBS / "expected.yaml").read_text())


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_stub(page: str) -> None:
    expected = EXPECTED[page]
    article = extract((STUBS / page).read_bytes(), f"https://news.example.org/stubs/{page}")
    result = article.to_json()
    assert result["body"] == expected["body"]
    for field in ("headline", "authors", "published"):
        if field in expected:
            assert result[field] == expected[field], field
    body = " ".join(article.body)
    assert expected["headline"] not in body
    assert not any(paragraph.startswith(("By ", "Von ")) for paragraph in article.body)
    assert assess(article, None) is None


def test_every_stub_has_expectations() -> None:
    assert sorted(p.name for p in STUBS.glob("*.html")) == sorted(EXPECTED)
    assert {len(row["body"]) for row in EXPECTED.values()} == {1, 2, 3, 4}

"""extract() on the invented pages in tests/data/pages, checked against tests/data/pages/expected.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from monitor.extractors import EXTRACTOR_VERSION, extract
from monitor.extractors.checks import assess

PAGES = Path(__file__).parent / "data" / "pages"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((PAGES / "expected.yaml").read_text())
FIELDS = ("headline", "authors", "published", "modified", "language", "canonical_url", "body", "notes")


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_page(page: str) -> None:
    expected = EXPECTED[page]
    article = extract((PAGES / page).read_bytes(), expected["url"])
    result = article.to_json()
    for field in FIELDS:
        if field in expected:
            assert result[field] == expected[field], f"{page}: {field}"
    body = "\n".join(article.body)
    for text in expected.get("absent", []):
        assert text not in body, f"{page}: boilerplate {text!r} leaked into the body"
    layers = article.extractor["layers"]
    assert {key: layers.get(key) for key in expected.get("layers", {})} == expected.get("layers", {})
    assert article.extractor["name"] == "storywatch"
    assert article.extractor["version"] == EXTRACTOR_VERSION
    assert article.extractor.get("live_posts") == expected.get("live_posts")
    if "check" in expected:  # null: the self-check passes; text: part of the reason it gives
        reason = assess(article, None)
        assert reason == expected["check"] if expected["check"] is None else expected["check"] in (reason or "")


def test_every_fixture_page_has_expectations() -> None:
    assert sorted(p.name for p in PAGES.glob("*.html")) == sorted(EXPECTED)


def test_str_input_and_explicit_encoding_agree() -> None:
    raw = (PAGES / "correction_note.html").read_bytes()
    from_bytes = extract(raw, "https://news.example.org/a", encoding="cp1252")
    from_text = extract(raw.decode("cp1252"), "https://news.example.org/a")
    assert from_bytes == from_text
    assert from_bytes.notes[1].text.startswith("Editor’s note")

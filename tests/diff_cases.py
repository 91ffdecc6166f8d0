"""Load the data-driven diff cases in tests/data/diffs: story versions as edits over an invented base story."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from monitor.models import Article, Note, parse_iso

DIFFS = Path(__file__).parent / "data" / "diffs"
_EDIT_KEYS = ("extends", "replace", "append", "body_remove", "notes_append")


def load_cases() -> list[tuple[str, dict[str, Any]]]:
    """(name, case) for every ``*.yaml`` in tests/data/diffs except the ``_``-prefixed base files."""
    return [(path.stem, yaml.safe_load(path.read_text())) for path in sorted(DIFFS.glob("[!_]*.yaml"))]


def versions(case: dict[str, Any]) -> tuple[Article, Article]:
    """The case's v1 (the base story unless given) and v2 (always edits over v1)."""
    base = yaml.safe_load((DIFFS / "_story.yaml").read_text())
    spec = case.get("v1")
    v1 = _apply(base, spec) if spec is None or "extends" in spec else spec
    v2 = _apply(v1, case.get("v2") or {})
    return _article(v1), _article(v2)


def _apply(story: dict[str, Any], edits: dict[str, Any] | None) -> dict[str, Any]:
    story = {**story, "body": list(story.get("body") or []), "notes": list(story.get("notes") or [])}
    edits = edits or {}
    for old, new in (edits.get("replace") or {}).items():
        hits = [i for i, text in enumerate(story["body"]) if old in text]
        assert hits, f"replace: {old!r} is not in the story"
        for i in hits:
            story["body"][i] = story["body"][i].replace(old, new)
    for index in sorted(edits.get("body_remove") or [], reverse=True):
        del story["body"][index]
    story["body"] += edits.get("append") or []
    story["notes"] += edits.get("notes_append") or []
    story.update({key: value for key, value in edits.items() if key not in _EDIT_KEYS})
    return story


def _article(data: dict[str, Any]) -> Article:
    return Article(
        url=data.get("url", "https://news.example.org/story"),
        headline=data.get("headline"),
        authors=tuple(data.get("authors") or ()),
        published=parse_iso(data.get("published")),
        modified=parse_iso(data.get("modified")),
        body=tuple(data.get("body") or ()),
        notes=tuple(Note(n["kind"], n["text"]) for n in data.get("notes") or ()),
    )

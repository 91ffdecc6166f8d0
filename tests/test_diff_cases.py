"""Every case in tests/data/diffs: summarise v1 → v2 and compare with the expected subset of the summary.

A case gives v2 (and optionally v1) as edits over the invented base story in ``_story.yaml``:
``replace`` (substring → substring in every paragraph), ``append``, ``body_remove``, ``notes_append``,
or any Article field outright (``extractor: {live_posts: 3}`` marks a live blog). A case with ``v3``
(edits over v2; ``v4`` over v3, and so on) is judged on its last two versions, with reverts marked as the
pipeline marks them: by the text hashes of the versions before it. Besides summary fields, ``expect`` may hold
``same_hash``, ``only_equal_ops``, ``ops_contain`` (ops that must be there) and ``lines_contain`` (summary lines).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from monitor.diff import mark_revert, reverted_to, summarize
from monitor.models import Article, Note, parse_iso
from monitor.normalize import normalized_text, text_hash

DIFFS = Path(__file__).parent / "data" / "diffs"
_EDIT_KEYS = ("extends", "replace", "append", "body_remove", "notes_append")


def load_cases() -> list[tuple[str, dict[str, Any]]]:
    """(name, case) for every ``*.yaml`` in tests/data/diffs except the ``_``-prefixed base files."""
    return [(path.stem, yaml.safe_load(path.read_text())) for path in sorted(DIFFS.glob("[!_]*.yaml"))]


def versions(case: dict[str, Any]) -> list[Article]:
    """The case's v1 (the base story unless given), v2 (always edits over v1) and v3, v4, … when given."""
    base = yaml.safe_load((DIFFS / "_story.yaml").read_text())
    spec = case.get("v1")
    stories = [_apply(base, spec) if spec is None or "extends" in spec else spec]
    stories.append(_apply(stories[0], case.get("v2") or {}))
    while f"v{len(stories) + 1}" in case:
        stories.append(_apply(stories[-1], case[f"v{len(stories) + 1}"]))
    return [_article(story) for story in stories]


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
        extractor=dict(data.get("extractor") or {}),
    )


CASES = load_cases()


def assert_subset(expected: Any, actual: Any, path: str = "") -> None:
    """Dicts compare key by key (only the expected keys); lists compare item by item, in full."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{path}: expected an object, got {actual!r}"
        for key, value in expected.items():
            assert key in actual, f"{path}.{key}: missing from {sorted(actual)}"
            assert_subset(value, actual[key], f"{path}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list), f"{path}: expected a list, got {actual!r}"
        assert len(expected) == len(actual), f"{path}: expected {expected!r}, got {actual!r}"
        for index, (want, got) in enumerate(zip(expected, actual, strict=True)):
            assert_subset(want, got, f"{path}[{index}]")
    else:
        assert expected == actual, f"{path}: expected {expected!r}, got {actual!r}"


@pytest.mark.parametrize(("name", "case"), CASES, ids=[name for name, _ in CASES])
def test_diff_case(name: str, case: dict[str, Any]) -> None:
    *earlier, old, new = versions(case)
    hashes = [(number, text_hash(normalized_text(a))) for number, a in enumerate([*earlier, old], start=1)]
    summary = mark_revert(summarize(old, new), reverted_to(text_hash(normalized_text(new)), hashes))
    result = summary.to_json()
    expect = dict(case["expect"])
    same_hash = expect.pop("same_hash", None)
    if same_hash is not None:
        equal = text_hash(normalized_text(old)) == text_hash(normalized_text(new))
        assert equal is same_hash, f"same_hash: expected {same_hash}"
    if expect.pop("only_equal_ops", False):
        assert all(op == "=" for op, _ in summary.ops), summary.ops
    for op in expect.pop("ops_contain", []):
        assert tuple(op) in summary.ops, f"ops: {op!r} not in {summary.ops!r}"
    for line in expect.pop("lines_contain", []):
        assert line in summary.lines(), f"lines: {line!r} not in {summary.lines()!r}"
    for key in ("entities", "quotes"):  # names and quotes are sets: order carries no meaning
        if key in expect:
            expect[key] = {k: sorted(v) for k, v in expect[key].items()}
            result[key] = {k: sorted(v) for k, v in result[key].items()}
    assert_subset(expect, result, name)


def test_every_case_states_a_significance() -> None:
    assert CASES, "no diff cases found"
    for name, case in CASES:
        assert "significance" in case["expect"] or "same_hash" in case["expect"], name

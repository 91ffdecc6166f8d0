"""Every case in tests/data/diffs: summarise v1 → v2 and compare with the expected subset of the summary."""

from __future__ import annotations

from typing import Any

import pytest

from monitor.diff import summarize
from monitor.normalize import normalized_text, text_hash
from tests.diff_cases import load_cases, versions

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
    old, new = versions(case)
    summary = summarize(old, new)
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
    for key in ("entities", "quotes"):  # names and quotes are sets: order carries no meaning
        if key in expect:
            expect[key] = {k: sorted(v) for k, v in expect[key].items()}
            result[key] = {k: sorted(v) for k, v in result[key].items()}
    assert_subset(expect, result, name)


def test_every_case_states_a_significance() -> None:
    assert CASES, "no diff cases found"
    for name, case in CASES:
        assert "significance" in case["expect"] or "same_hash" in case["expect"], name

"""Reverts: a version whose text an earlier version already had (A → B → A) is reported as a return to it.

NewsDiffs refused to store a hash it had seen before, so a CMS cache flipping between two texts left no
trace at all. We store every version (the history shows the flip) but say what it is: the change B → A is
"Reverted to version 1", graded like any change (undoing a substantive edit is itself substantive), so
routing can treat it on its own terms.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from monitor.models import DiffSummary


def reverted_to(new_hash: str, earlier: Iterable[tuple[int, str]]) -> int | None:
    """The latest earlier version whose text hash is ``new_hash``, never the immediately previous one.

    ``earlier`` is (version number, text hash) for every stored version before the new one, in any order.
    """
    versions = sorted(earlier)
    if not versions:
        return None
    previous = versions[-1][0]
    matches = [number for number, text_hash in versions if text_hash == new_hash and number != previous]
    return matches[-1] if matches else None


def mark_revert(summary: DiffSummary, version_number: int | None) -> DiffSummary:
    """``summary`` noting that the new version restores ``version_number`` (None leaves it as it is)."""
    if version_number is None:
        return summary
    return replace(summary, reverted_to=version_number)

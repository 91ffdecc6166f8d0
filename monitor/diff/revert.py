"""Reverts: a version whose text an earlier version already had (A → B → A) is reported as a return to it.

NewsDiffs refused to store a hash it had seen before, so a CMS cache flipping between two texts left no
trace at all. We store every version (the history shows the flip) but say what it is: the change B → A is
"Reverted to version 1", graded like any change (undoing a substantive edit is itself substantive), so
routing can treat it on its own terms.

The first revert alerts like any change. A revert that repeats a step the story already took — the page goes
from the text it leaves to the text it now shows for the second time (A → B → A → B) — is a flip: stored and
summarised ("the page keeps flipping between versions 1 and 2"), but alerted to no one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from monitor.models import DiffSummary


@dataclass(frozen=True)
class Revert:
    """The earlier version a new one restores, and — for a repeat flip — the first versions of its two texts."""

    version: int
    flapping: tuple[int, int] | None = None


def reverted_to(new_hash: str, earlier: Iterable[tuple[int, str]]) -> Revert | None:
    """The latest earlier version whose text hash is ``new_hash``, never the immediately previous one.

    ``earlier`` is (version number, text hash) for every stored version before the new one, in any order.
    """
    versions = sorted(earlier)
    if not versions:
        return None
    previous = versions[-1][0]
    matches = [number for number, text_hash in versions if text_hash == new_hash and number != previous]
    if not matches:
        return None
    return Revert(matches[-1], flapping(new_hash, versions))


def flapping(new_hash: str, versions: list[tuple[int, str]]) -> tuple[int, int] | None:
    """For a repeat flip, the first versions with the two texts the page flips between (oldest first).

    A repeat flip: the step from the latest version's text to ``new_hash`` was taken before, between two
    consecutive versions. ``versions`` is (number, text hash), oldest first.
    """
    if not versions:
        return None
    left = versions[-1][1]
    steps = zip(versions, versions[1:], strict=False)
    if not any(a[1] == left and b[1] == new_hash and b[0] == a[0] + 1 for a, b in steps):
        return None
    first = {text_hash: number for number, text_hash in reversed(versions)}
    low, high = sorted((first[left], first[new_hash]))
    return low, high


def mark_revert(summary: DiffSummary, revert: Revert | None) -> DiffSummary:
    """``summary`` noting the version the new one restores (None leaves it as it is)."""
    if revert is None:
        return summary
    return replace(summary, reverted_to=revert.version, flapping=revert.flapping)

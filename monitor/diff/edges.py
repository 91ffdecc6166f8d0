"""Where two texts stop agreeing: their common start and end, cut where a token ends, found at C speed.

A paragraph edited in one place is mostly common start and common end; diffing and comparing only what lies
between them makes the cost follow the edit, not the paragraph. The cuts fall between whitespace and the
next word, so no token (as ``tokens.tokenize`` cuts them) straddles a cut.
"""

from __future__ import annotations


def common_prefix(a: str, b: str) -> int:
    """The length of the longest common start (binary search over slices, as diff-match-patch does)."""
    if not a or not b or a[0] != b[0]:
        return 0
    low, high, mid, start = 0, min(len(a), len(b)), min(len(a), len(b)), 0
    while low < mid:
        if a[start:mid] == b[start:mid]:
            low = start = mid
        else:
            high = mid
        mid = (high - low) // 2 + low
    return mid


def common_suffix(a: str, b: str) -> int:
    """The length of the longest common end."""
    if not a or not b or a[-1] != b[-1]:
        return 0
    low, high, mid, end = 0, min(len(a), len(b)), min(len(a), len(b)), 0
    while low < mid:
        if a[len(a) - mid : len(a) - end] == b[len(b) - mid : len(b) - end]:
            low = end = mid
        else:
            high = mid
        mid = (high - low) // 2 + low
    return mid


def shared_edges(a: str, b: str) -> tuple[int, int]:
    """``(head, tail)``: ``a[:head] == b[:head]`` and the last ``tail`` characters agree, both cut at token
    edges and never overlapping on either text; (0, 0) when there is nothing safe to cut."""
    head = _head(a, common_prefix(a, b))
    tail = _tail(a, common_suffix(a, b))
    if head + tail > min(len(a), len(b)):
        tail = 0
    return head, tail


def _head(text: str, common: int) -> int:
    """The last cut but one (whitespace before, a non-space after) strictly inside ``text[:common]``.

    The cut is kept a word away from the first difference, so that an edit rarely touches it.
    """
    end = common - 1
    for _ in range(2):
        if end < 1:
            return 0
        end = max(text.rfind(" ", 0, end), text.rfind("\n", 0, end))
    cut = end + 1
    while 0 < cut < common and text[cut].isspace():  # past the rest of a whitespace run
        cut += 1
    return cut if 0 < cut < common else 0


def _tail(text: str, common: int) -> int:
    """The length after the second cut inside the last ``common`` characters of ``text``."""
    start = len(text) - common
    for _ in range(2):
        found = [at for at in (text.find(" ", start), text.find("\n", start)) if at >= 0]
        if not found:
            return 0
        start = min(found) + 1
    while start < len(text) and text[start].isspace():
        start += 1
    return len(text) - start

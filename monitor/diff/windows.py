"""Where to read names: the passages around the edits, cut where the name chunker starts afresh.

Names wholly inside unchanged text read the same in both versions, so ``summarize`` runs the chunker only
over these passages, and the cost follows the edit rather than the story.
"""

from __future__ import annotations

from collections.abc import Iterable

from monitor.diff.entities import NAME_TOKEN, ends_names


def name_windows(text: str, spans: Iterable[tuple[int, int]]) -> list[str]:
    """The passages of ``text`` a name touching one of ``spans`` (start, end; may be empty) can come from.

    Each span is widened to the nearest lower-case ordinary word on either side ("said"; not "the", which
    joins "Bank of the West"), or to its paragraph's edge. After such a word the chunker holds no run and
    no sentence start, so a passage reads exactly as it would inside the whole text; names wholly outside
    every passage read the same in both versions and need not be read at all.
    """
    breaks = _Breaks(text)
    windows: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        if windows and start <= windows[-1][1]:  # inside the previous passage: it only grows
            if end > windows[-1][1]:
                windows[-1] = (windows[-1][0], breaks.right_break(end))
            continue
        left, right = breaks.left_break(start), breaks.right_break(end)
        if windows and left <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], right))
        else:
            windows.append((left, right))
    return [text[a:b] for a, b in windows]


class _Breaks:
    """Finds break words near a position, tokenising only a few words at a time from a space (a token edge)."""

    STEP = 40  # characters read per step away from the position

    def __init__(self, text: str) -> None:
        self.text = text

    def left_break(self, position: int) -> int:
        text = self.text
        top = text.rfind("\n", 0, position) + 1
        end = position
        if end < len(text) and not text[end].isspace():  # the token around ``position`` is no break
            end = text.rfind(" ", top, end) + 1 or top
        while end > top:
            start = text.rfind(" ", top, max(top, end - self.STEP)) + 1 or top
            for match in reversed(list(NAME_TOKEN.finditer(text, start, end))):
                if ends_names(match.group()):
                    return match.start()
            end = start
        return top

    def right_break(self, position: int) -> int:
        text = self.text
        bottom = text.find("\n", position)
        bottom = len(text) if bottom < 0 else bottom
        start = position
        if start > 0 and not text[start - 1].isspace():  # the token around ``position`` is no break
            start = text.find(" ", start, bottom)
            start = bottom if start < 0 else start
        while start < bottom:
            end = text.find(" ", min(bottom, start + self.STEP), bottom)
            end = bottom if end < 0 else end
            for match in NAME_TOKEN.finditer(text, start, end):
                if ends_names(match.group()):
                    return match.end()
            start = end
        return bottom

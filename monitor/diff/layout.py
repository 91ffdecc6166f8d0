"""Lay a word diff out for reading: paragraph rows, paragraphs of context, and old/new columns.

The renderers (terminal, Markdown, HTML) all start from these rows, so ``--context N`` and
``--side-by-side`` mean the same thing in every format.
"""

from __future__ import annotations

from collections.abc import Sequence

from monitor.diff.words import Op

PARAGRAPH_BREAK = "\n\n"
Row = list[Op]  # one paragraph's ops; "=" and "-" make its old text, "=" and "+" its new text
GAP = None  # an elided run of unchanged paragraphs


def paragraph_rows(ops: Sequence[Op]) -> list[Row]:
    """The ops cut at paragraph breaks: row k holds the edits of the k-th paragraph of the merged text."""
    rows: list[Row] = [[]]
    for op, text in ops:
        pieces = text.split(PARAGRAPH_BREAK)
        for k, piece in enumerate(pieces):
            if k:
                rows.append([])
            if piece.strip("\n"):
                rows[-1].append((op, piece.strip("\n") if op == "=" else piece))
    return [row for row in rows if row]


def changed(row: Row) -> bool:
    return any(op != "=" for op, _ in row)


def with_context(rows: Sequence[Row], context: int) -> list[Row | None]:
    """Changed rows with ``context`` unchanged rows either side; each elided run becomes one ``GAP``."""
    keep = [False] * len(rows)
    for k, row in enumerate(rows):
        if changed(row):
            for j in range(max(0, k - context), min(len(rows), k + context + 1)):
                keep[j] = True
    out: list[Row | None] = []
    for k, row in enumerate(rows):
        if keep[k]:
            out.append(row)
        elif out[-1:] != [GAP]:
            out.append(GAP)
    return out


def sides(row: Row) -> tuple[Row, Row]:
    """The row's old side (kept and deleted text) and new side (kept and inserted text)."""
    return [(op, text) for op, text in row if op != "+"], [(op, text) for op, text in row if op != "-"]


def as_ops(rows: Sequence[Row | None]) -> list[Op]:
    """Rows joined back into one op list, each ``GAP`` as the elision op ``("…", "para")``."""
    out: list[Op] = []
    for k, row in enumerate(rows):
        if k:
            out.append(("=", PARAGRAPH_BREAK))
        out.extend([("…", "para")] if row is None else row)
    return out

"""A change laid out for the diff page: paragraphs of marked pieces, inline or as old/new columns.

Values only (no HTML): the template marks each piece, so page text is always escaped on its way out.
"""

from __future__ import annotations

from dataclasses import dataclass

from monitor.diff.layout import changed, paragraph_rows, sides
from monitor.models import Change, Version


@dataclass(frozen=True)
class Piece:
    op: str  # "=" kept, "-" deleted, "+" inserted
    text: str


@dataclass(frozen=True)
class Paragraph:
    pieces: tuple[Piece, ...]  # the inline view: kept, deleted and inserted text in reading order
    old: tuple[Piece, ...]  # the side-by-side view's left column (kept and deleted)
    new: tuple[Piece, ...]  # … and its right column (kept and inserted)
    changed: bool
    number: int  # 1-based, for the #p… anchors

    @property
    def added(self) -> bool:
        """A paragraph that is all new (nothing kept, nothing deleted)."""
        return self.changed and all(p.op == "+" for p in self.pieces)

    @property
    def removed(self) -> bool:
        return self.changed and all(p.op == "-" for p in self.pieces)


def paragraphs(change: Change) -> list[Paragraph]:
    """The whole article of the newer version with the edits marked, one entry per paragraph."""
    out = []
    for k, row in enumerate(paragraph_rows(change.summary.ops), start=1):
        old, new = sides(row)
        out.append(
            Paragraph(
                pieces=tuple(Piece(op, text) for op, text in row),
                old=tuple(Piece(op, text) for op, text in old),
                new=tuple(Piece(op, text) for op, text in new),
                changed=changed(row),
                number=k,
            )
        )
    return out


def plain(version: Version) -> list[Paragraph]:
    """A version's body with nothing marked (a removal's last known text)."""
    return [
        Paragraph((Piece("=", text),), (Piece("=", text),), (Piece("=", text),), False, k)
        for k, text in enumerate(version.article.body, start=1)
    ]


def first_change(items: list[Paragraph]) -> int | None:
    return next((p.number for p in items if p.changed), None)

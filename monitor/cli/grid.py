"""One listing, two renderings: a table that fits the terminal, or tab-separated lines for a pipe.

    grid = Grid(columns, rows, title=…)
    emit(console, grid)     a terminal: a rich table as wide as the console at most, the least useful columns
                            left out when they cannot all fit (each column has a rank: the lowest goes first);
                            anything else (a file, a pipe, ``grep``): a header line, then one tab-separated line
                            per record, nothing wrapped or cut, so ``grep`` finds every headline.
    emit_stream(console, grid, more)   the same for a listing too long to hold: the grid's rows (a first
                            chunk) set the column widths, ``more`` rows are printed as they come.

A cell is a string, a rich ``Text`` (styled on a terminal, plain in a pipe) or ``Shown(terminal, piped)`` when
the two differ (a compact time on screen, the full ISO time in a file; a summary cut on screen, whole in a
file). Columns either keep their full width (ids, counts, times, source names: never broken mid-word) or
wrap at words down to a minimum (headlines, summaries, errors), so a headline is never squeezed to a sliver.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice

import click
from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segments
from rich.table import Table
from rich.text import Text

CHUNK = 500  # rows a streamed table prints at a time (its column widths are measured on the first chunk)


@dataclass(frozen=True)
class Shown:
    """A cell shown one way on a terminal and another in a pipe."""

    terminal: str | Text
    piped: str


Cell = str | Text | Shown


@dataclass(frozen=True)
class Column:
    name: str
    rank: int = 100  # when the table is too wide, the lowest rank is left out first; 100 and up: always kept
    wrap: int = 0  # 0: the column keeps its full width; N: it may wrap at words, down to N characters
    justify: str = "left"
    terminal: bool = True  # False: only in a pipe (the terminal shows it another way, e.g. in the caption)

    @property
    def essential(self) -> bool:
        return self.rank >= 100


@dataclass
class Grid:
    columns: Sequence[Column]
    rows: list[Sequence[Cell]] = field(default_factory=list)
    title: str | Text | None = None
    caption: str | Text | None = None

    def add(self, *cells: Cell) -> None:
        self.rows.append(cells)

    # -- a pipe -------------------------------------------------------------------------------------
    def lines(self, more: Iterable[Sequence[Cell]] = ()) -> Iterator[str]:
        """A header line, then one tab-separated line per record (tabs and line breaks in a cell are spaces);
        ``more``: records after the grid's own, written as they come."""
        yield "\t".join(c.name for c in self.columns)
        for row in chain(self.rows, more):
            yield "\t".join(_flat(piped(cell)) for cell in row)

    # -- a terminal ---------------------------------------------------------------------------------
    def widths(self, width: int) -> dict[int, int]:
        """Column index → its width, for the columns kept within ``width`` characters (borders included)."""
        natural = [
            max([cell_len(c.name)] + [cell_len(terminal(row[i]).plain) for row in self.rows])
            for i, c in enumerate(self.columns)
        ]
        need = [min(natural[i], c.wrap) if c.wrap else natural[i] for i, c in enumerate(self.columns)]
        kept = [i for i, c in enumerate(self.columns) if c.terminal]

        def room(columns: list[int]) -> int:
            return width - (3 * len(columns) + 1)  # a border before each column and one after, padding of 1

        by_rank = sorted((i for i in kept if not self.columns[i].essential), key=lambda i: (self.columns[i].rank, -i))
        while sum(need[i] for i in kept) > room(kept) and by_rank:
            kept.remove(by_rank.pop(0))
        sizes = {i: need[i] for i in kept}
        spare = room(kept) - sum(sizes.values())
        for i in sorted((i for i in kept if self.columns[i].wrap), key=lambda i: -self.columns[i].rank):
            grow = max(0, min(spare, natural[i] - sizes[i]))
            sizes[i] += grow
            spare -= grow
        return sizes

    def table(self, width: int, *, sizes: dict[int, int] | None = None, header: bool = True) -> Table:
        """The rich table; ``sizes`` (from ``widths``) fixes the columns, so pieces of one listing line up."""
        sizes = self.widths(width) if sizes is None else sizes
        table = Table(title=self.title, caption=self.caption, caption_justify="left", show_header=header)
        for i, column in enumerate(self.columns):
            if i in sizes:
                table.add_column(
                    column.name,
                    width=sizes[i],
                    no_wrap=not column.wrap,
                    overflow="fold" if column.wrap else "ellipsis",
                    justify=column.justify,  # type: ignore[arg-type]
                )
        for row in self.rows:
            table.add_row(*(terminal(cell) for i, cell in enumerate(row) if i in sizes))
        return table


def terminal(cell: Cell) -> Text:
    if isinstance(cell, Shown):
        cell = cell.terminal
    return cell if isinstance(cell, Text) else Text(str(cell))


def piped(cell: Cell) -> str:
    if isinstance(cell, Shown):
        return cell.piped
    return cell.plain if isinstance(cell, Text) else str(cell)


def _flat(text: str) -> str:
    return " ".join(text.replace("\t", " ").splitlines())


def emit(console: Console, grid: Grid) -> None:
    """The grid as a table on a terminal, else as tab-separated lines."""
    if console.is_terminal:
        console.print(grid.table(console.width), soft_wrap=False)  # a long title or caption wraps at words
    else:
        write_lines(grid.lines())


def emit_stream(console: Console, grid: Grid, rows: Iterable[Sequence[Cell]], *, chunk: int = CHUNK) -> None:
    """``grid`` and then ``rows`` as they come, never all held: in a pipe one tab-separated line per row; on a
    terminal one table whose column widths are measured on the grid's own rows alone (a first chunk: later
    cells wrap or are cut to fit them), printed ``chunk`` rows at a time."""
    if not console.is_terminal:
        write_lines(grid.lines(rows))
        return
    sizes = grid.widths(console.width)
    rows = iter(rows)
    piece = grid
    while True:  # one piece ahead, so that only the last keeps the table's bottom border
        following = Grid(grid.columns, list(islice(rows, chunk)))
        last = not following.rows
        table = piece.table(console.width, sizes=sizes, header=piece is grid)
        lines = console.render_lines(table, console.options, pad=False, new_lines=True)
        console.print(Segments(chain.from_iterable(lines[piece is not grid : None if last else -1])))
        if last:
            return
        piece = following


def write_lines(lines: Iterable[str]) -> None:
    """Lines on stdout, each ended by a newline."""
    write_text(line + "\n" for line in lines)


def write_text(pieces: Iterable[str]) -> None:
    """Text on stdout as it comes, in blocks of about 64 KB (a flush per piece would be a system call each)."""
    block: list[str] = []
    size = 0
    for piece in pieces:
        block.append(piece)
        size += len(piece)
        if size >= 65536:
            click.echo("".join(block), nl=False)
            block, size = [], 0
    click.echo("".join(block), nl=False)


def summary(console: Console, text: str) -> None:
    """The line after a listing: on a terminal below the table, wrapped at words; in a pipe on stderr, whole,
    so stdout holds the records alone."""
    if console.is_terminal:
        console.print(text, markup=False, highlight=False, soft_wrap=False)
    else:
        click.echo(text, err=True)


def record(kind: str, *fields: object) -> None:
    """One tab-separated line of a piped multi-part report (``status``): its kind first, then its fields."""
    click.echo("\t".join([kind, *(_flat("" if f is None else str(f)) for f in fields)]))

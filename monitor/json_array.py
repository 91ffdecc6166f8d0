"""A JSON array written element by element: the text ``json.dumps`` gives for the whole list, piece by piece.

    for piece in json_array(items, dumps, indent=2): write(piece)

So a listing of 100,000 stories is one JSON array on stdout (or in an HTTP response) without the list, or
its text, ever being held whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any


def json_array(items: Iterable[Any], dumps: Callable[[Any], str], *, indent: int | None = None) -> Iterator[str]:
    """Pieces of text that join to the JSON array of ``items``, each item written by ``dumps``.

    With ``indent``, ``dumps`` indents each item by that much and the items sit on their own lines, as
    ``json.dumps(list, indent=indent)`` lays them out (a newline in a dumped item is only ever layout: JSON
    strings carry theirs as ``\\n``)."""
    pad = " " * (indent or 0)
    opening, separator, closing = ("[", ",", "]") if indent is None else ("[\n", ",\n", "\n]")
    first = True
    for item in items:
        text = dumps(item)
        if pad:
            text = pad + text.replace("\n", "\n" + pad)
        yield (opening if first else separator) + text
        first = False
    yield "[]" if first else closing

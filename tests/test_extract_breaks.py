"""<br><br>-separated text becomes paragraphs without losing any: an inline element holding breaks inside a
block holding breaks, and a paragraph in a plain <div> after blocks of <br>-separated lines."""

from __future__ import annotations

import pytest

from monitor.extractors import extract

PARAGRAPHS = (
    "Dunmere council voted on Tuesday to close the east quay car park for eighteen months while the harbour wall "
    "is rebuilt, ending a year of argument over the scheme.",
    "The work will cost 4.2 million pounds, most of it from a coastal resilience grant awarded last spring, the "
    "council's finance officer told the meeting.",
    "Traders on Quay Street said they feared losing summer visitors, and asked for a shuttle bus from the park and "
    "ride site at Hollin Moor.",
    "Councillor Ana Voss, who chairs the harbour committee, said the council had listened to the traders.",
    "A public meeting on the shuttle bus will be held at the Seamen's Institute on Thursday evening at seven.",
)
P = PARAGRAPHS
NESTED = {
    "div-span": f"<div class='story'>{P[0]}<br><br><span>{P[1]}<br><br>{P[2]}</span><br><br>{P[3]}<br><br>{P[4]}</div>",
    "div-font-tail": f"<div>{P[0]}<br><br><font face='Arial'>{P[1]}<br><br>{P[2]}</font><br><br>{P[3]}<br><br>"
    f"{P[4]}</div>",
    "td-font": f"<table><tr><td>{P[0]}<br><br><font face='Arial'>{P[1]}<br><br>{P[2]}</font><br><br>{P[3]}<br><br>"
    f"{P[4]}</td></tr></table>",
}


@pytest.mark.parametrize("kind", sorted(NESTED))
def test_breaks_in_an_inline_element_inside_a_broken_block(kind: str) -> None:
    page = (
        "<html><head><title>Quay car park to close</title></head><body><nav><a href='/'>Home</a> <a href='/n'>News"
        f"</a></nav><article><h1>Quay car park to close</h1>{NESTED[kind]}</article></body></html>"
    )
    assert extract(page, "https://courier.example/news/quay").body == PARAGRAPHS


def test_a_paragraph_added_after_blocks_of_lines_is_read() -> None:
    """Blocks of <br>-separated lines, then a paragraph in a <div> of its own: a paragraph added to the story
    there is read (a change the monitor must see)."""
    added = "Marek Tolland, a harbour official, said the talks would resume on Monday."
    page = (
        "<html><head><title>Quay</title></head><body><article><h1>Quay</h1><div>Quay closing<br>By staff<br><br>"
        f"<br>{P[0]}<br>{P[1]}<br><br>{P[2]}<br>{P[3]}</div><h2>Bus</h2><div>Plans<br><br>{P[4]}<br>{P[1]}</div>"
        f"<div>{added}</div></article></body></html>"
    )
    body = extract(page, "https://courier.example/news/quay").body
    assert body[-1] == added
    assert f"{P[2]} {P[3]}" in body

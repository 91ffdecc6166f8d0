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


MORE = (
    "The harbour master said fishing boats would keep their berths on the west quay throughout the work.",
    "Contractors from Saltwick are expected to move onto the site in the first week of October.",
)
FURNITURE = {
    "caption": "Gulls over the east quay at low tide. Photo: Ida Penrose / Courier",
    "credit": "Ida Penrose / Dunmere Courier",
    "follow": "Follow the Courier on social media for updates",
    "listen": "Listen to this article · 3 min",
    "more": "More from Harbour News",
    "topic": "Harbour and Coast",
    "teaser": "Lifeboat crew rescues two kayakers off Gull Point",
}


@pytest.mark.parametrize("kind", sorted(FURNITURE))
def test_a_short_block_of_lines_does_not_turn_a_pages_furniture_into_paragraphs(kind: str) -> None:
    """A page of <p> paragraphs with a short <br><br> block among them: the text-only <div>s beside it are
    captions, credits, labels and teasers, not paragraphs the story gained (a false alert)."""
    story = "".join(f"<p>{p}</p>" for p in (*P, MORE[0]))
    page = (
        "<html><head><title>Quay car park to close</title></head><body><article><h1>Quay car park to close</h1>"
        f"<div class='content'><div>{FURNITURE[kind]}</div>{story}<div>Traders met on Monday.<br><br>"
        f"{MORE[1]}</div><div>{FURNITURE['follow' if kind != 'follow' else 'topic']}</div></div></article></body>"
        "</html>"
    )
    body = extract(page, "https://courier.example/news/quay").body
    assert not any(FURNITURE[kind] in p for p in body)
    assert all(p in body for p in (*P, MORE[0]))


NOTE_BOXES = {
    "correction": ("Correction:", "An earlier version of this story gave the wrong cost for the harbour wall."),
    "editor": ("Editor's note:", "This story was updated on Wednesday with the contractor's name."),
    "update": ("UPDATE: The council has published the full cost plan.", "It shows a rise of a tenth since May."),
}


@pytest.mark.parametrize("where", [0, 3])
@pytest.mark.parametrize("kind", sorted(NOTE_BOXES))
def test_a_note_written_over_a_line_break_stays_one_note(kind: str, where: int) -> None:
    """A note "Correction:<br><br>An earlier version …" in a box among the story's paragraphs: one note, the label its
    opening, and no story paragraph taken for a note or a note's line left in the body."""
    label, text = NOTE_BOXES[kind]
    blocks = [f"<p>{p}</p>" for p in P]
    blocks.insert(where, f"<div class='note'>{label}<br><br>{text}</div>")
    page = (
        "<html><head><title>Quay car park to close</title></head><body><nav><a href='/'>Home</a> <a href='/n'>News"
        "</a></nav><article><h1>Quay car park to close</h1><div class='byline'>By Ida Penrose</div>"
        f"<div class='entry-content'>{''.join(blocks)}</div></article></body></html>"
    )
    article = extract(page, "https://courier.example/news/quay")
    assert article.body == PARAGRAPHS
    assert len(article.notes) == 1
    assert article.notes[0].text.startswith(label.rstrip(":"))
    assert kind == "update" or article.notes[0].text.endswith(text)

"""A note a blank line (``<br><br>``) sets off inside a paragraph: the note alone, its lines spaced, the story kept.

Invented pages: a correction set at the top of the story's first paragraph, a blank line, then the lead; an update
of two lines closing the story; a label on a line of its own above the note's sentence.
"""

from __future__ import annotations

from monitor.extractors import extract

URL = "http://127.0.0.1/harbour/ferry-fares"
HEAD = (
    "<html><head><title>Harwick ferry fares rise | Tidewater Gazette</title></head><body><article>"
    "<h1>Harwick ferry fares rise</h1><p class='byline'>By Mara Lind</p>"
)
LEAD = (
    "The Harwick ferry company will raise fares on all three routes from January, its board said on Tuesday, "
    "citing higher fuel costs and a new crew agreement."
)
SECOND = (
    "Route two will cost 4.20 a crossing, up from 3.80, and the weekly pass will rise to 31 from 28, the board "
    "said in a statement."
)
THIRD = (
    "Passenger groups said the rise would hit island commuters hardest and asked the council to review the "
    "subsidy it pays the operator."
)
CORRECTION = "Correction: An earlier version of this story gave the wrong fare for route two."
TAIL = "</article></body></html>"


def _page(*blocks: str) -> bytes:
    return (HEAD + "".join(blocks) + TAIL).encode()


def test_a_correction_set_off_above_the_lead_leaves_the_lead_in_the_body() -> None:
    article = extract(_page(f"<p>{CORRECTION}<br><br>{LEAD}</p>", f"<p>{SECOND}</p>", f"<p>{THIRD}</p>"), URL)
    assert [(note.kind, note.text) for note in article.notes] == [("correction", CORRECTION)]
    assert article.body == (LEAD, SECOND, THIRD)


def test_an_edit_to_that_lead_is_a_body_edit_not_a_note_edit() -> None:
    before = extract(_page(f"<p>{CORRECTION}<br><br>{LEAD}</p>", f"<p>{SECOND}</p>", f"<p>{THIRD}</p>"), URL)
    edited_lead = LEAD.replace("all three routes", "all four routes")
    after = extract(_page(f"<p>{CORRECTION}<br><br>{edited_lead}</p>", f"<p>{SECOND}</p>", f"<p>{THIRD}</p>"), URL)
    assert before.notes == after.notes
    assert after.body[0] == edited_lead != before.body[0]


def test_an_update_of_two_lines_closing_the_story_is_one_note_its_lines_spaced() -> None:
    first = "UPDATE: The council voted on Tuesday evening to keep the subsidy."
    second = "The vote came after a long debate, and the mayor said she would sign the order this week."
    article = extract(
        _page(f"<p>{LEAD}</p>", f"<p>{SECOND}</p>", f"<p>{THIRD}</p>", f"<p>{first}<br><br>{second}</p>"), URL
    )
    assert [(note.kind, note.text) for note in article.notes] == [("update", f"{first} {second}")]
    assert article.body == (LEAD, SECOND, THIRD)


def test_a_label_on_its_own_line_opens_the_note_below_it() -> None:
    sentence = CORRECTION.removeprefix("Correction: ")
    article = extract(
        _page(f"<p>{LEAD}</p>", f"<p>{SECOND}</p>", f"<p>{THIRD}</p>", f"<p>Correction:<br><br>{sentence}</p>"), URL
    )
    assert [(note.kind, note.text) for note in article.notes] == [("correction", CORRECTION)]
    assert article.body == (LEAD, SECOND, THIRD)

"""The furniture a generic read leaves above a story: the headline run into the first paragraph, or a kicker run into
the headline; a sentence that only reads like them stays."""

from __future__ import annotations

import pytest

from monitor.extractors.lead import strip_furniture

STORY_LINE = "the harbour board agreed on Monday to rebuild the east quay before the winter storms, at a cost of £2m."
HEADLINE = "Harbour board approves the new ferry timetable"
STORY = (
    "The harbour board approved the new timetable for the quays on Monday morning, after a long wait.",
    "Ferries to the islands will leave every forty minutes from May, the board said in a statement.",
)


@pytest.mark.parametrize(
    "line",
    [
        f"Island routes: {HEADLINE}",  # a kicker and its separator
        f"Island routes :{HEADLINE}",
        f"Vote on the quays{HEADLINE}",  # two elements' texts run together without a space
        f"Ferries | {HEADLINE}",
    ],
)
def test_a_kicker_run_into_the_headline_is_no_paragraph(line: str) -> None:
    assert strip_furniture([line, *STORY], [HEADLINE], []) == STORY


def test_a_sentence_that_ends_in_the_headline_words_stays() -> None:
    first = "After a year of talks and two public meetings, the harbour board approves the new ferry timetable"
    headline = "The harbour board approves the new ferry timetable"[4:]  # "harbour board approves …"
    assert strip_furniture([first, *STORY], [headline], []) == (first, *STORY)


def test_below_the_first_paragraph_such_a_line_stays() -> None:
    line = f"Island routes: {HEADLINE}"
    assert strip_furniture([STORY[0], line, STORY[1]], [HEADLINE], []) == (STORY[0], line, STORY[1])


def test_a_headline_run_into_the_first_paragraph_is_taken_off() -> None:
    paragraphs = [f"Harbour board agrees to rebuild the east quay The {STORY_LINE[4:]}"]
    assert strip_furniture(paragraphs, ["Harbour board agrees to rebuild the east quay"], ()) == (
        f"The {STORY_LINE[4:]}",
    )


def test_an_opening_that_reads_as_the_headline_but_goes_on_after_a_comma_stays() -> None:
    paragraph = f"Quiet days at Ostvale harbour, {STORY_LINE}"
    assert strip_furniture([paragraph], ["Quiet days at Ostvale harbour"], ()) == (paragraph,)

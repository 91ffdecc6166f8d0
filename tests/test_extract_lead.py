"""The headline above a story is no paragraph of it, also when a kicker runs into it."""

from __future__ import annotations

import pytest

from monitor.extractors.lead import strip_furniture

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

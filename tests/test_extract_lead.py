"""The furniture a generic read leaves in a body: a headline run into the first paragraph, a byline."""

from __future__ import annotations

from monitor.extractors.lead import strip_furniture

STORY = "the harbour board agreed on Monday to rebuild the east quay before the winter storms, at a cost of £2m."


def test_a_headline_run_into_the_first_paragraph_is_taken_off() -> None:
    paragraphs = [f"Harbour board agrees to rebuild the east quay The {STORY[4:]}"]
    assert strip_furniture(paragraphs, ["Harbour board agrees to rebuild the east quay"], ()) == (f"The {STORY[4:]}",)


def test_an_opening_that_reads_as_the_headline_but_goes_on_after_a_comma_stays() -> None:
    paragraph = f"Quiet days at Ostvale harbour, {STORY}"
    assert strip_furniture([paragraph], ["Quiet days at Ostvale harbour"], ()) == (paragraph,)

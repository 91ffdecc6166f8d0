"""Invented pages for a second review of the probe-14 kinds: a story's dateline cuts only a timed update (and
only a real one: "PLACE (AGENCY) — The …"), text cut from a note goes back to the body, a table layout's story
cell is the headline's, a later <h1> after a logo's only when it is the story's, and people whose surnames
read like a publication's are people."""

from __future__ import annotations

import pytest

from monitor.extractors import extract
from monitor.extractors.notes import split_trailing_notes
from monitor.models import Note

URL = "http://127.0.0.1/news/pier"
STORY = (
    "<p>The council of Valmora met on Tuesday evening and agreed, after a debate that ran past midnight, to spend "
    "the reserve fund on the repairs that engineers had asked for since the spring.</p>"
    "<p>Residents who spoke at the meeting said the work was overdue, and several asked that the timetable be "
    "published on the town's website so that families could plan around the closures.</p>"
    "<p>The first phase starts next month and is expected to last eleven weeks, the council's works officer, "
    "Tamsin Orrell, told members.</p>"
)
SENTENCE = (
    "The harbour master said the repairs to the north quay would begin in the spring and take about six weeks to "
    "finish, weather permitting."
)


def _page(lead: str) -> str:
    return (
        "<html><head><title>Council approves harbour repairs - Valmora Post</title></head><body><article>"
        f"<h1>Council approves harbour repairs</h1><p>{lead}</p>{STORY}</article></body></html>"
    )


@pytest.mark.parametrize(
    "correction",
    [
        "Correction: An earlier version of this story named the wrong agency. NASA — not ESA — ran the test.",
        "Correction: An earlier version of this story gave the wrong town. Ostvik, Norway — not Valmora — hosts "
        "the race.",
    ],
    ids=["acronym", "place"],
)
def test_a_dash_inside_a_corrections_sentence_is_no_storys_dateline(correction: str) -> None:
    body, notes = split_trailing_notes([correction, SENTENCE, SENTENCE])
    assert notes == (Note("correction", correction),)
    assert body == (SENTENCE, SENTENCE)
    article = extract(_page(correction), URL)
    assert article.notes == (Note("correction", correction),)
    assert all("not ESA" not in paragraph and "not Valmora" not in paragraph for paragraph in article.body)


def test_the_story_cut_from_a_timed_update_at_its_dateline_goes_back_to_the_body() -> None:
    run_in = (
        "<strong>Update 2:15 p.m.:</strong> The ring road has reopened. A lorry overturned on the ring road early "
        "on Tuesday, blocking both lanes for six hours. The driver was taken to hospital with minor injuries, "
        "police said. Several tonnes of timber spilled across the carriageway."
    )
    article = extract(_page(run_in), URL)
    assert article.notes == (Note("update", "Update 2:15 p.m.: The ring road has reopened."),)
    assert article.body[0].startswith("A lorry overturned on the ring road early on Tuesday")
    update = "Update, 14:20: The ring road has reopened."
    story = "VALMORA, Norway (VNB) — A lorry overturned on the ring road early on Tuesday, blocking both lanes."
    body, notes = split_trailing_notes([f"{update} {story}", SENTENCE, SENTENCE])
    assert notes == (Note("update", update),) and body[0] == story
    plain = "Update: The ring road has reopened. VALMORA — The council met again on Tuesday to vote on the plans."
    _, notes = split_trailing_notes([plain, SENTENCE, SENTENCE])
    assert notes == (Note("update", "Update: The ring road has reopened."),)  # (as main: its first sentence)

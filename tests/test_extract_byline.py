"""A plain byline: a "By …" line just below the headline names the authors when no markup marks a byline."""

from __future__ import annotations

import pytest
from lxml import html

from monitor.extractors.byline import byline_below_headline

STORY = "<p>" + "The harbour board published the new timetable for the quays on Monday morning. " * 3 + "</p>"


@pytest.mark.parametrize(
    ("below", "authors"),
    [
        ("<p>By Ana Ruiz</p>", ("Ana Ruiz",)),
        ("<div><b>By Ana de la Cruz and Tomas Brandt</b></div>", ("Ana de la Cruz", "Tomas Brandt")),
        ("<p>6 December 2026</p><p>Von Lida Marek</p>", ("Lida Marek",)),
        ("<p>By Ana Ruiz and Tomas Brandt<br>Updated 12:05 GMT, 6 December 2026</p>", ("Ana Ruiz", "Tomas Brandt")),
        ("<p><span>By <a href='/ana'>Ana Ruiz</a></span><br/><time>6 December</time></p>", ("Ana Ruiz",)),
        (
            "<div class='meta'><p>Von Anna Berg und Jonas Keller</p><p>09.04.2024, 08:15 Uhr</p></div>",
            ("Anna Berg", "Jonas Keller"),
        ),
        ("<p>Posted by Alan Tewkes on 22 January 2024</p>", ("Alan Tewkes",)),
        ("<p>By train to Paris</p>", ()),  # a phrase, not a person's name
        (f"{STORY}<p>By Ana Ruiz</p>", ()),  # the story came first: a line below it is no byline
        ("<p>By the harbour, the boats wait for the tide.</p>", ()),  # a sentence
    ],
)
def test_byline_below_headline(below: str, authors: tuple[str, ...]) -> None:
    tree = html.document_fromstring(f"<html><body><h1>New quay timetable</h1>{below}{STORY}</body></html>")
    assert byline_below_headline(tree) == authors


def test_no_headline_no_plain_byline() -> None:
    assert byline_below_headline(html.document_fromstring(f"<html><body><p>By Ana Ruiz</p>{STORY}</body></html>")) == ()

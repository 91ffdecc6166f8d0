"""A box that closes with a button (a short label on top, a paragraph or three of the publication speaking for
itself, a link styled as a button to another page as its last word) is a call to the reader, never story text,
whatever its words or language; a story's container ending in a "Continue reading" button, a box whose button
goes nowhere and a story block opening with a sentence stay."""

from __future__ import annotations

import pytest
from lxml import html

from monitor.extractors import extract
from monitor.extractors.cleanup import preclean

URL = "https://kelmby-gazette.example/news/2025/library-hours"
HEADLINE = "Kelmby library opens on Sundays from next month"
PARAGRAPHS = (
    "Kelmby's central library will open from 11:00 to 16:00 on Sundays from 1 March, the town council decided on "
    "Wednesday, after a year in which weekday visits fell by a fifth.",
    "The extra hours cost about £38,000 a year and will be staffed by two librarians and a rota of volunteers "
    "from the Friends of Kelmby Library group.",
    "Councillor Ada Brennick said the trial would run until December, when the council will count the Sunday "
    "visitors and decide whether to keep the hours.",
    "The children's floor and the local history room will open on Sundays too; the computer suite and the "
    "meeting rooms will not.",
)
CALL = (
    "Local news needs local readers. The Gazette has reported on Kelmby's council, schools and courts for ninety "
    "years, and every story we publish is free to read. Reporting on a town like ours takes time: sitting through "
    "planning meetings, reading budgets line by line and talking to the people the decisions touch. It costs more "
    "each year, and advertising pays for less of it than it did. Readers who chip in keep it free for everyone. "
    "Until the end of the month, half of every new supporter's first year goes to the town's youth reading club, "
    "which lends books to children in the villages around Kelmby where the mobile library no longer stops."
)


def _page(box: str) -> str:
    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<html><head><title>{HEADLINE}</title></head><body><main><article><h1>{HEADLINE}</h1>"
        f"<div class='article-text'>{story}</div>{box}</article></main></body></html>"
    )


@pytest.mark.parametrize(
    "box",
    [
        # the button inside the box's last paragraph
        f"<div class='bottom-box highlighted'><p class='headline'>Read local, stay local</p><p>{CALL} Will you "
        "help? <a class='button primary-button' href='/support/?via=bottom'>Support us now</a></p></div>",
        # the button in a wrapper of its own, a bold label, two paragraphs (another language)
        "<div class='row'><div class='col-md-8 bg-light'><p class='font-weight-bold'>Zwei Wochen gratis lesen</p>"
        "<p>Die Gazette berichtet seit neunzig Jahren über Rat, Schulen und Gerichte in Kelmby, über Haushalte, "
        "Bauanträge und Schulschließungen, und jede Geschichte ist frei zu lesen. Gute Berichte über eine Stadt wie "
        "unsere brauchen Zeit: lange Ratssitzungen, Haushaltspläne Zeile für Zeile, Gespräche mit den Menschen.</p>"
        "<p>Testen Sie die gedruckte Zeitung zwei Wochen lang kostenlos in Ihrem Briefkasten. Das Angebot endet von "
        "selbst und muss nicht abbestellt werden; danach entscheiden Sie in Ruhe, ob Sie weiterlesen möchten, und "
        "wir freuen uns über jede neue Leserin und jeden neuen Leser.</p>"
        "<div class='text-center'><div class='btn btn-primary'><a href='/abo/probe'>Jetzt bestellen</a></div></div>"
        "</div></div>",
    ],
)
def test_a_box_closed_by_a_button_is_no_story_text(box: str) -> None:
    assert extract(_page(box), URL).body == PARAGRAPHS


@pytest.mark.parametrize(
    "box",
    [
        # a collapsed story's own container: it opens with the story's text, no label
        "<div class='more'><p>The library's café will stay closed on Sundays until a new tenant is found.</p>"
        "<p>Parking at the civic centre is free at weekends.</p>"
        "<a class='btn' href='/news/2025/library-hours/full'>Continue reading</a></div>",
        # a button that opens nothing but a part of this page
        f"<div class='box'><p class='headline'>Read local, stay local</p><p>{CALL}</p>"
        "<a class='button' href='#comments'>Show comments</a></div>",
        # a labelled block holding more than a call's few paragraphs
        "<div class='box'><h3>Sunday hours</h3>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "<p>The council will publish the visitor counts in January.</p>"
        "<a class='button' href='/council/library'>Council page</a></div>",
    ],
)
def test_a_story_block_ending_in_a_button_stays(box: str) -> None:
    tree = html.document_fromstring(_page(box.replace("<div class=", "<div data-probe class=", 1)))
    preclean(tree, URL)
    assert tree.xpath("//*[@data-probe]")

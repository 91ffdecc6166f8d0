"""Round-17 furniture around a story that is no paragraph of it: an author's bio box below it, a comments
section whose heading stands over only a call to comment or its rules, a video player's fallback text and its
caption, a Dutch update stamp, a desk's byline alone, a call to follow the paper on a news app, an old table
layout's picture caption in the row below the picture and a "more stories" line of links closing the story. The
story's own lines that share their words stay."""

from __future__ import annotations

import pytest

from monitor.extractors import extract
from monitor.extractors.lead import strip_furniture

URL = "https://marrow-valley-post.example/local/2026/03/ferry-timetable"
HEADLINE = "Ferry timetable cut for the winter months"
STORY = (
    "The ferry between Halden Point and the island of Kesmoor will run four times a day instead of seven from "
    "November, the operator said on Tuesday.",
    "Islanders who travel to the mainland for work said the first crossing now leaves too late for the early "
    "shift at the hospital.",
    "The operator blamed the cost of fuel and a shortage of trained deckhands for the cut in its services.",
    "A public meeting on the timetable will be held in the island's school hall on the first Friday of next month.",
)


def _page(main: str, below: str = "", lang: str = "en") -> str:
    return (
        f"<html lang='{lang}'><head><meta charset='utf-8'><title>{HEADLINE} | Marrow Valley Post</title></head>"
        "<body><header><a href='/'>Marrow Valley Post</a></header>"
        f"<main><article><h1>{HEADLINE}</h1>{main}</article>{below}</main><footer><p>© Marrow Valley Post</p>"
        "</footer></body></html>"
    )


def _ps(paragraphs: tuple[str, ...]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def _body(main: str, below: str = "", lang: str = "en") -> tuple[str, ...]:
    return extract(_page(main, below, lang), URL).body


@pytest.mark.parametrize(
    "box",
    [
        "<div class='c-author-bio'><p><b>Tamsin Orrell</b> covers transport and the islands "
        "for the Post. She joined the paper in 2021 after six years at a weekly in the north.</p></div>",
        "<section class='sobre-autor'><p><strong>Beatriz Lemos</strong> é repórter de Cidades e escreve sobre "
        "transporte desde 2018. Formou-se em jornalismo em Coimbra.</p></section>",
        "<div class='ueber-autorin'><h4>Über die Autorin</h4><p>Greta Vollmer schreibt seit 2015 über Verkehr und "
        "die Inseln. Zuvor arbeitete sie bei einem Radiosender in Kiel.</p></div>",
    ],
)
def test_an_author_bio_box_below_the_story_is_no_paragraph(box: str) -> None:
    assert _body(_ps(STORY) + box) == STORY


@pytest.mark.parametrize(
    "section",
    [
        ["Comentários", "Regras da comunidade"],
        ["Komentar", "Tulis komentar Anda"],
        ["Comments", "Community guidelines"],
        ["Commenti", "Scrivi un commento"],
    ],
)
def test_a_comments_section_holding_only_a_call_or_its_rules_ends_the_story(section: list[str]) -> None:
    assert strip_furniture([*STORY, *section], [HEADLINE], ()) == STORY


def test_a_comments_section_in_the_page_goes_with_its_rules() -> None:
    section = "<div id='reacciones' class='caja'><h3>Comentarios</h3><p>Normas de participación</p></div>"
    assert _body(_ps(STORY) + section, lang="es") == STORY


def test_a_story_line_about_rules_under_a_comments_heading_stays() -> None:
    """A story's own section headed "Comments" keeps what follows when it reads as story text."""
    section = ["Comments", "Residents sent in more than two hundred comments on the plan before the deadline."]
    assert strip_furniture([*STORY, *section], [HEADLINE], ()) == (*STORY, *section)


@pytest.mark.parametrize(
    "player",
    [
        "<amp-audio src='/a/ferry.mp3'><div fallback><p>Your browser cannot play this recording. Please update it "
        "to listen.</p></div></amp-audio>",
        "<amp-video width='640' height='360' src='/v/ferry.mp4' layout='responsive'><div fallback><p>Ihr Browser "
        "unterstützt keine HTML5-Videos.</p></div></amp-video>",
        "<div class='media'><p class='video-legend'>Kesmoor: the morning crossing in a winter gale. (MVP)</p></div>",
        "<div class='clip'><p class='videoCaption'>Le bac de Kesmoor dans la tempête, filmé depuis la jetée. "
        "(MVP TV)</p></div>",
    ],
)
def test_a_video_players_fallback_text_and_caption_are_no_paragraphs(player: str) -> None:
    assert _body(player + _ps(STORY)) == STORY


@pytest.mark.parametrize(
    "stamp",
    [
        "Gewijzigd dinsdag 3 maart, 09:12",
        "Aangepast op zaterdag 14 november 2026, 17:40",
    ],
)
def test_a_dutch_update_stamp_is_no_paragraph(stamp: str) -> None:
    assert strip_furniture([stamp, *STORY], [HEADLINE], ()) == STORY


def test_a_dutch_sentence_with_the_update_word_stays() -> None:
    line = "De gemeente heeft de dienstregeling op dinsdag aangepast na klachten van eilandbewoners."
    assert strip_furniture([*STORY[:2], line, *STORY[2:]], [HEADLINE], ()) == (*STORY[:2], line, *STORY[2:])


@pytest.mark.parametrize("desk", ["La Redazione", "Redakcja", "Die Redaktion", "Newsroom"])
def test_a_desks_byline_alone_above_the_story_is_no_paragraph(desk: str) -> None:
    assert strip_furniture([desk, *STORY], [HEADLINE], ()) == STORY


def test_a_desk_word_in_a_story_line_stays() -> None:
    line = "Die Redaktion der Inselzeitung hat die neuen Fahrzeiten am Dienstag veröffentlicht."
    assert strip_furniture([line, *STORY], [HEADLINE], ()) == (line, *STORY)


@pytest.mark.parametrize(
    "call",
    [
        "Folge uns auf Google Nachrichten, um nichts zu verpassen",
        "Seguici su Google Notizie per restare sempre aggiornato",
    ],
)
def test_a_call_to_follow_on_a_news_app_closing_the_story_is_no_paragraph(call: str) -> None:
    assert strip_furniture([*STORY, call], [HEADLINE], ()) == STORY


def _table_page(cell: str) -> str:
    return (
        f"<html lang='de'><head><meta charset='utf-8'><title>{HEADLINE} - Talbote</title></head><body>"
        "<table width='980'><tr><td width='160' class='links'><a href='/'>Start</a><br><a href='/ort'>Orte</a></td>"
        f"<td width='520' valign='top'><h1>{HEADLINE}</h1>{cell}</td></tr></table></body></html>"
    )


def test_a_table_layouts_picture_caption_in_the_row_below_it_is_no_paragraph() -> None:
    picture = (
        "<table align='left' width='200'><tr><td><img src='/b/faehre.jpg' width='190'></td></tr>"
        "<tr><td><font size='1'>Die Fähre legt am Steg von Kesmoor an. Bild: Talbote/Ruhland</font></td></tr></table>"
    )
    page = _table_page(picture + "<br><br>".join(STORY))
    assert extract(page, URL).body == STORY


@pytest.mark.parametrize(
    "line",
    [
        "Weitere Meldungen aus Kesmoor » Schule bekommt neues Dach » Hafenfest abgesagt",
        "More from the islands | Harbour dues to rise | New lifeboat named",
        "Leggi anche › Traghetti, nuovo orario › Porto, lavori al molo",
    ],
)
def test_a_more_stories_line_closing_the_story_is_no_paragraph(line: str) -> None:
    assert strip_furniture([*STORY, line], [HEADLINE], ()) == STORY


def test_a_story_line_opening_with_more_stays() -> None:
    line = "More from the survey: nine in ten islanders said the ferry was their only way to reach a doctor."
    assert strip_furniture([*STORY, line], [HEADLINE], ()) == (*STORY, line)

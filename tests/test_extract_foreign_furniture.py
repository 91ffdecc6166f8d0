"""Page furniture in the languages pages come in: date and byline lines, kickers, pointers to other stories, ad
labels, newsletter boxes, tip-off appeals and embedded social posts are no story text; the story's own lines,
quotes and sentences that only mention such words stay."""

from __future__ import annotations

from datetime import datetime

import pytest

from monitor.extractors import extract
from monitor.extractors.authors import split_authors
from monitor.extractors.dates import visible_date
from monitor.extractors.lead import strip_furniture

HEADLINE = "Harbour board agrees to rebuild the east quay"
PARAGRAPHS = (
    "The harbour board of Ostvale agreed on Monday to rebuild the east quay before the winter storms arrive.",
    "Work on the quay is to start in September and will cost about two million, the board's chair said.",
    "Fishermen who land their catch at the east quay will use the north quay while the work goes on.",
)
STORY = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)


@pytest.mark.parametrize(
    "line",
    [
        "12 giugno 2025 (modifica il 12 giugno 2025 | 10:45)",  # Italian: a date and its update's
        "11 Haziran 2025 08:30",  # Turkish month
        "12 czerwca 2025, 10:15",  # Polish month
        "18.06.25 | 09:10",  # a two-digit year
        "अपडेटेड: 9 जून 2025, 11:45 AM IST",  # Hindi: "updated", a month in Devanagari
        "Haber: Ana Ruiz",  # Turkish byline label
        "Cala Serena, 5 jun 2025 - 14:30",  # a place and a stamp
        "OSTVALE, 5 June 2025 14:30",
    ],
)
def test_a_date_or_byline_line_in_another_language_is_no_paragraph(line: str) -> None:
    assert strip_furniture([line, *PARAGRAPHS], [HEADLINE], ("Ana Ruiz",)) == PARAGRAPHS


@pytest.mark.parametrize(
    "opening",
    [
        "PARIS, 5 June 2025 — The minister said the quay would be rebuilt before the winter storms.",
        "Cala Serena, 5 jun 2025 - El puerto dragará este otoño su canal principal.",
        "Die Stadt will in den nächsten Monaten zwei neue Parkhäuser am Rand der Altstadt bauen, sagte sie.",
    ],
)
def test_a_first_paragraph_a_place_and_date_open_stays(opening: str) -> None:
    assert strip_furniture([opening, *PARAGRAPHS], [HEADLINE], ()) == (opening, *PARAGRAPHS)


def _body(above: str = "", middle: str = "", below: str = "") -> tuple[str, ...]:
    page = (
        f"<html lang='en'><head><title>{HEADLINE}</title></head><body><main><article>{above}<h1>{HEADLINE}</h1>"
        f"<div class='text'><p>{PARAGRAPHS[0]}</p>{middle}<p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p></div>"
        f"{below}</article></main></body></html>"
    )
    return extract(page, "https://ostvale-news.example/quay").body


@pytest.mark.parametrize(
    "kicker",
    [
        '<p class="dachzeile">Verkehrswende</p>',
        '<div class="kicker">MEDIO AMBIENTE</div>',
        '<span class="label">Opinion</span>',
        '<header><p class="overline">→ Schwerpunkt</p></header>',
    ],
)
def test_a_label_above_the_headline_is_no_paragraph(kicker: str) -> None:
    assert _body(above=kicker) == PARAGRAPHS


def test_story_text_above_the_headline_keeps_the_labels_there() -> None:
    """An <h1> below story text heads a section of it: a short line above it is the story's subheading."""
    opening = "<p>The quay was built in 1887 and has been repaired four times since, most recently in 1990.</p>"
    body = _body(above=f"{opening}<h2>Background</h2>")
    assert "Background" in body


@pytest.mark.parametrize(
    "chrome",
    [
        '<p><strong>À lire aussi</strong> <a href="/x">Crues : douze communes reconnues sinistrées</a></p>',
        '<p><strong>Czytaj także:</strong> <a href="/x">Remont ulicy Kolejowej opóźniony</a></p>',
        '<p>Lesen Sie auch <a href="/x">Fähre fährt wieder nach Fahrplan</a></p>',
        '<p><b>Läs också</b> <a href="/x">Ny simhall byggs i Björkvik</a></p>',
        '<div class="publicidad">Publicidad</div>',
        '<p class="hinweis">Werbung</p>',
        '<div class="slot">Pubblicità</div>',
        '<div class="tipsa"><p>Tipsa oss! Har du en nyhet? Hör av dig till redaktionen.</p></div>',
        '<div class="box"><h3>Unser Newsletter</h3><p>Die wichtigsten Nachrichten jeden Morgen im Postfach.</p></div>',
        '<section class="panel"><h2>Nyhetsbrev</h2><p>Få de viktigaste nyheterna varje morgon.</p></section>',
    ],
)
def test_site_chrome_in_another_language_is_no_paragraph(chrome: str) -> None:
    assert _body(middle=chrome) == PARAGRAPHS


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        # the label's words inside a sentence, and a sentence a link sits in
        ("Il faut lire aussi le rapport des ingénieurs, qui date de 2019, pour comprendre le retard.", None),
        (
            'Lesen Sie auch <a href="/x">den Bericht der Ingenieure</a>, der im Mai erschienen ist.',
            "Lesen Sie auch den Bericht der Ingenieure, der im Mai erschienen ist.",
        ),
    ],
)
def test_a_sentence_with_a_pointers_words_stays(sentence: str, text: str | None) -> None:
    assert _body(middle=f"<p>{sentence}</p>") == (PARAGRAPHS[0], text or sentence, *PARAGRAPHS[1:])


@pytest.mark.parametrize(
    "embed",
    [
        '<blockquote class="twitter-tweet"><p lang="en">Our apologies, the photo was not of the east quay. '
        'Please stay safe.</p>&mdash; Ostvale Council (@OstvaleCC) <a href="https://x.example/1">June 13, 2025</a>'
        "</blockquote>",
        '<blockquote class="instagram-media" data-instgrm-permalink="https://instagram.example/p/1"><p>A new '
        "view of the east quay from the harbour master's boat this morning, before the work starts.</p></blockquote>",
        '<blockquote class="tiktok-embed" cite="https://tiktok.example/@quay/video/1"><section><p>Watch the '
        "east quay's old stones come down, one crane load at a time, all through the night.</p></section></blockquote>",
        '<div class="fb-post" data-href="https://facebook.example/ostvale/posts/1"><p>The east quay will close '
        "from Monday. Boats will land at the north quay while the work goes on, the council says.</p></div>",
    ],
)
def test_an_embedded_social_post_is_no_paragraph(embed: str) -> None:
    assert _body(middle=embed) == PARAGRAPHS


def test_a_quote_in_a_blockquote_stays() -> None:
    quote = "We will not take any risk with the safety of the people who work on the quay, the chair said."
    assert _body(middle=f"<blockquote><p>{quote}</p></blockquote>") == (PARAGRAPHS[0], quote, *PARAGRAPHS[1:])


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("11 Haziran 2025 08:30", "2025-06-11T08:30:00+00:00"),
        ("3 października 2024", "2024-10-03T00:00:00+00:00"),
        ("18.06.25 | 09:10", "2025-06-18T09:10:00+00:00"),
        ("9 जून 2025, 11:45", "2025-06-09T11:45:00+00:00"),
    ],
)
def test_dates_in_more_languages_and_a_two_digit_year_read(text: str, iso: str) -> None:
    assert visible_date(text) == datetime.fromisoformat(iso)


def test_a_turkish_byline_label_is_no_name() -> None:
    assert split_authors("Haber: Emre Kaya") == ["Emre Kaya"]


@pytest.mark.parametrize(
    "line",
    ["Interview: The mayor of Ostvale", "Author: Maria Lopez", "Text: Harbour Works Act", "Reporter: Kari Nordmann"],
)
def test_a_labels_form_below_the_story_start_is_story_text(line: str) -> None:
    """A byline label's form names the authors only above the story: below it, "Interview: …" heads a section and
    "Author: …" is a reviewed book's."""
    paragraphs = [PARAGRAPHS[0], line, *PARAGRAPHS[1:]]
    assert strip_furniture(paragraphs, [HEADLINE], ()) == tuple(paragraphs)

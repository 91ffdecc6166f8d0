"""Page furniture that the main-text read lets into a body, by kind: an old page's outer layout table and its
left column, a sidebar's list of dated links beside the story's cell, a section's label above the headline, a
row of the page's tools ("Print this story | Email to a friend"), an ad's label set off with dashes, and pointers
to other stories in more languages and scripts. The story's own paragraphs stay, whole and in order."""

from __future__ import annotations

import pytest

from monitor.extractors import extract
from monitor.extractors.lead import strip_furniture

HEADLINE = "Dunmere ferry fares to rise for the first time in six years"
PARAGRAPHS = (
    "Fares on the Dunmere chain ferry will rise by 40 pence from April, the first increase since the service was "
    "taken over by the county.",
    "The county's transport committee agreed the rise on Thursday after officers warned that the ferry's running "
    "costs had doubled.",
    "Regular users will still be able to buy a book of 20 tickets, which will cost £28 instead of £22.",
    "Councillor Petra Lindgren said the ferry was 'a lifeline, not a luxury' and asked for the rise to be phased.",
)
STORY = "".join(f"<p class='txt'>{p}</p>" for p in PARAGRAPHS)


def _body(page: str) -> tuple[str, ...]:
    return extract(page, "https://dunmere-echo.example/story.php?id=5521").body


def test_an_old_table_page_reads_neither_its_outer_table_nor_its_left_column() -> None:
    """The story's table nested in the outer layout table: trafilatura lifts it out, and the outer table (the
    logo's <h1>, the menu, a weather box) and the left column's dated links come before it in its read."""
    page = (
        f"<html><head><title>Dunmere Echo - {HEADLINE}</title></head><body>"
        "<table width='960'><tr><td colspan='3'><h1 class='logo'><a href='/'>The Dunmere Echo</a></h1>"
        "<span>Your paper for the Dun valley since 1899</span></td></tr>"
        "<tr><td colspan='3'><a href='/news.php'>News</a> | <a href='/sport.php'>Sport</a> | "
        "<a href='/whatson.php'>What's On</a> | <a href='/jobs.php'>Jobs</a></td></tr><tr>"
        "<td width='170' valign='top'><table><tr><td>Latest news</td></tr>"
        "<tr><td><a href='/story.php?id=5519'>Bridge repairs finished early</a><br><span>02/04/2025</span></td></tr>"
        "<tr><td><a href='/story.php?id=5514'>School wins county quiz</a><br><span>31/03/2025</span></td></tr>"
        "</table></td>"
        "<td width='590' valign='top'><table width='100%'><tr><td><span class='sect'>TRANSPORT</span><br>"
        f"<h1 class='hl'>{HEADLINE}</h1><span class='by'>By Hal Ormerod</span><br>"
        f"<span>Posted: Friday, 4 April 2025 at 10:20</span><br><br>{STORY}"
        "<p><a href='/print.php?id=5521'>Print this story</a> | <a href='/mail.php?id=5521'>Email to a friend</a></p>"
        "</td></tr></table></td>"
        "<td width='200' valign='top'><div>Dunmere weather: 11°C, sunny spells</div></td></tr>"
        "<tr><td colspan='3'>© 2025 Dunmere Echo Ltd. All rights reserved.</td></tr></table></body></html>"
    )
    assert _body(page) == PARAGRAPHS


def test_a_sidebar_cell_of_dated_links_beside_the_story_cell_is_no_story() -> None:
    """One layout table: the story's cell (a section's label above the headline, a byline, a job title) and a
    sidebar's cell of links to other stories, each with its date; a printer's link below the story."""
    page = (
        f"<html><head><title>Dunmere Echo :: {HEADLINE}</title></head><body><table><tr><td colspan='2'>"
        "<img src='/logo.gif' alt='Dunmere Echo'></td></tr><tr><td width='70%' valign='top'>"
        f"<font class='kick'>TRANSPORT</font><br><font class='head'><b>{HEADLINE}</b></font><br>"
        "<font>By Hal Ormerod<br>Transport Reporter</font><br><font>Published: April 4, 2025</font><br><br>"
        f"{STORY}<p align='center'><a href='/print.php?id=5521'>Printer-friendly version</a></p></td>"
        "<td valign='top'><b>More headlines</b><br>"
        "<a href='/s/5519'>Bridge repairs finished early</a> <font>(April 2, 2025)</font><br>"
        "<a href='/s/5514'>School wins county quiz</a> <font>(March 31, 2025)</font><br></td></tr>"
        "<tr><td colspan='2'>Copyright 2025 Dunmere Echo.</td></tr></table></body></html>"
    )
    assert _body(page) == PARAGRAPHS


@pytest.mark.parametrize(
    ("label", "title"),
    [
        ("اقرأ أيضاً: ", "آخر مرة تعطلت فيها العبّارة"),  # Arabic
        ("Читайте также: ", "Когда паром сломался в прошлый раз"),  # Russian
        ("קראו גם: ", "הפעם האחרונה שהמעבורת התקלקלה"),  # Hebrew
        ("延伸閱讀：", "渡輪上次故障是什麼時候"),  # Chinese, a full-width colon
        ("関連記事：", "フェリーが最後に故障した日"),  # Japanese
        ("यह भी पढ़ें: ", "पिछली बार फ़ेरी कब ख़राब हुई थी"),  # Hindi
        ("Διαβάστε επίσης: ", "Η τελευταία φορά που χάλασε το πορθμείο"),  # Greek
        ("Read also: ", "The last time the ferry broke down"),
        ("Baca juga: ", "Terakhir kali feri itu rusak"),  # Indonesian
    ],
)
def test_a_read_also_pointer_in_another_language_or_script_is_no_paragraph(label: str, title: str) -> None:
    page = (
        f"<html><body><article><h1>{HEADLINE}</h1><div class='body'>"
        f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p><p>{label}<a href='/other'>{title}</a></p>"
        f"<p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p></div></article></body></html>"
    )
    assert _body(page) == PARAGRAPHS


@pytest.mark.parametrize("line", ["- Advertisement -", "— Anzeige —", "Print this story | Email to a friend"])
def test_an_ad_label_in_dashes_or_a_row_of_tools_is_no_paragraph(line: str) -> None:
    page = (
        f"<html><body><article><h1>{HEADLINE}</h1><div class='body'>"
        f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p><p>{line}</p><p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p>"
        "</div></article></body></html>"
    )
    assert _body(page) == PARAGRAPHS


def test_a_short_story_beside_teaser_articles_is_its_own_paragraphs() -> None:
    """A breaking stub in an <article>, a "most read" list of <article> teasers after it: trafilatura's fallback
    takes each <article>'s whole text as a block (the stub's kicker, headline, byline, time stamp and share bar
    run into its first paragraph). The story's own paragraphs are read, and no teaser."""
    stub = (
        "Fares on the Dunmere chain ferry will rise by 40 pence from April.",
        "The county's transport committee agreed the rise on Thursday night.",
    )
    teasers = "".join(
        f"<li><article><h3><a href='/t/{i}'>{title}</a></h3><p class='teaser'>{dek}</p>"
        f"<span class='by'>By Hal Ormerod</span></article></li>"
        for i, (title, dek) in enumerate(
            (
                (
                    "Harbour car park to close for a week",
                    "Drivers are asked to use the park and ride at Cobb Lane instead.",
                ),
                (
                    "Lifeboat crew rescues two kayakers",
                    "The pair were found clinging to a buoy off Dunmere Point at dawn.",
                ),
                (
                    "New bakery opens on Quay Street",
                    "Queues formed before dawn for the first loaves on Saturday morning.",
                ),
            )
        )
    )
    page = (
        f"<html><head><title>{HEADLINE}</title></head><body><header><a href='/'>Dunmere Echo</a></header><main>"
        f"<article class='story'><span class='flag'>BREAKING</span><h1>{HEADLINE}</h1>"
        "<div class='by'>By <a href='/a/hal'>Hal Ormerod</a></div>"
        "<time datetime='2025-04-04T10:20:00Z'>10:20, 4 APR 2025</time><div class='share'><ul><li><a href='#'>"
        "Share on Facebook</a></li><li><a href='#'>Email</a></li><li><a href='#'>Copy link</a></li></ul></div>"
        f"<div class='body'>{''.join(f'<p>{p}</p>' for p in stub)}</div></article>"
        f"<section class='most-read'><h2>Most Read</h2><ol>{teasers}</ol></section></main></body></html>"
    )
    assert _body(page) == stub


def test_a_read_also_box_takes_its_byline_line_with_it() -> None:
    """A pointer's box holds the other story's desk or byline under its link: the whole box is another story's."""
    box = (
        "<div class='see'><span class='see__label'>Lee también</span><a href='/otra'><h4>El ferri sube sus tarifas"
        "</h4></a><p class='see__by'>Redacción</p></div>"
    )
    page = (
        f"<html><body><article><h1>{HEADLINE}</h1><div class='a'><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></div>"
        f"{box}<div class='b'><p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p></div></article></body></html>"
    )
    assert _body(page) == PARAGRAPHS


@pytest.mark.parametrize(
    "line",
    ["Foto di Paolo Rinaldi", "Photo by Ana Ruiz", "Fotografía de Marta Gil", "Zdjęcie: Jan Nowak", "사진: 김민준"],
)
def test_a_picture_credit_in_words_above_the_story_is_no_paragraph(line: str) -> None:
    page = (
        f"<html><body><article><h1>{HEADLINE}</h1><div class='by'>di Ana Ruiz</div><div class='cr'>{line}</div>"
        f"<div class='body'>{STORY}</div></article></body></html>"
    )
    assert _body(page) == PARAGRAPHS


@pytest.mark.parametrize(
    "caption",
    ["The ferry at its slipway on the Dun. Picture: Sue Barnet", "The ferry at its slipway (Photo: Sue Barnet)"],
)
def test_a_caption_closed_by_its_credit_is_no_paragraph(caption: str) -> None:
    page = (
        f"<html><body><article><h1>{HEADLINE}</h1><div class='body'><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"
        f"<div class='pic'><img src='/f.jpg'><p class='cap'>{caption}</p></div><p>{PARAGRAPHS[2]}</p>"
        f"<p>{PARAGRAPHS[3]}</p></div></article></body></html>"
    )
    assert _body(page) == PARAGRAPHS


@pytest.mark.parametrize(
    "line",
    [
        "Por Ana Ruiz Publicado el 4 de abril de 2025 a las 10:20 Actualizado el 5 de abril de 2025 a las 09:00",
        "By Ana Ruiz Published: April 4, 2025 10:20 Updated: April 5, 2025 09:00",
    ],
)
def test_a_byline_with_its_stamps_run_on_is_no_paragraph(line: str) -> None:
    """A byline and its time stamps on lines of one block (spans between <br>s) come out as one paragraph; a story
    paragraph that opens with the author's name and ends in a date is no byline."""
    assert strip_furniture([line, *PARAGRAPHS], [HEADLINE], ("Ana Ruiz",)) == PARAGRAPHS
    story = "By Ana Ruiz's count, the ferry has broken down 14 times since 4 April 2024."
    assert strip_furniture([story, *PARAGRAPHS], [HEADLINE], ("Ana Ruiz",)) == (story, *PARAGRAPHS)


@pytest.mark.parametrize("kicker", ["<p>FERRIES</p>", "<p>Dunmere</p><p>Transport</p>"])
def test_a_kicker_beside_the_headline_on_a_page_without_an_article_is_no_paragraph(kicker: str) -> None:
    page = f"<html><body><div class='wrap'>{kicker}<h1>{HEADLINE}</h1>{STORY}</div></body></html>"
    assert _body(page) == PARAGRAPHS

"""The furniture a generic read leaves in a body: a headline run into the first paragraph, a byline."""

from __future__ import annotations

import pytest

from monitor.extractors import extract
from monitor.extractors.lead import strip_furniture

STORY = "the harbour board agreed on Monday to rebuild the east quay before the winter storms, at a cost of £2m."


def test_a_headline_run_into_the_first_paragraph_is_taken_off() -> None:
    paragraphs = [f"Harbour board agrees to rebuild the east quay The {STORY[4:]}"]
    assert strip_furniture(paragraphs, ["Harbour board agrees to rebuild the east quay"], ()) == (f"The {STORY[4:]}",)


def test_an_opening_that_reads_as_the_headline_but_goes_on_after_a_comma_stays() -> None:
    paragraph = f"Quiet days at Ostvale harbour, {STORY}"
    assert strip_furniture([paragraph], ["Quiet days at Ostvale harbour"], ()) == (paragraph,)


HEADLINE = "Harbour board agrees to rebuild the east quay"


@pytest.mark.parametrize(
    "top",
    [
        ["By Ana Ruiz", "Photo: Nell Farquhar/Wendham Star"],
        ["Von Ana Ruiz", "Foto: Hollerbacher Tagblatt/dpa"],
        ["(Image: Getty Images)", "By Ana Ruiz"],
        ["By Ana Ruiz", "Staff Writer"],
        ["Ana Ruiz", "Arts Correspondent"],
        ["By Ana Ruiz", "Senior Reporter, Politics", "Picture credit: Wendham Star"],
    ],
)
def test_a_credit_and_a_job_title_beside_the_byline_are_no_paragraphs(top: list[str]) -> None:
    assert strip_furniture([*top, f"The {STORY[4:]}"], [HEADLINE], ("Ana Ruiz",)) == (f"The {STORY[4:]}",)


CAPTION = "Photo: the east quay at dusk, after the storm tore away a stretch of its stones."
CREDIT = "Photo: Nell Farquhar/Wendham Star"


@pytest.mark.parametrize(
    ("paragraphs", "authors"),
    [
        # a story paragraph that opens with the word
        ([CAPTION, f"The {STORY[4:]}"], ("Ana Ruiz",)),
        # a credit below the story's start: another picture's, among the story's paragraphs
        ([f"The {STORY[4:]}", CREDIT, f"The {STORY[4:]} Again."], ("Ana Ruiz",)),
        # a job title with no byline to stand below, and below the story's start
        ([f"The {STORY[4:]}", "Staff Writer"], ("Ana Ruiz",)),
        (["Staff Writer", f"The {STORY[4:]}"], ()),
    ],
)
def test_only_the_top_credit_and_job_go_and_story_text_like_them_stays(
    paragraphs: list[str], authors: tuple[str, ...]
) -> None:
    """The credit on top goes; what follows it, though it reads like a credit or a job title, stays."""
    assert strip_furniture([CREDIT, *paragraphs], [HEADLINE], authors) == tuple(paragraphs)


def test_a_picture_credit_below_the_byline_is_not_the_first_paragraph() -> None:
    story = "".join(f"<p>{STORY.capitalize()} Point {n}.</p>" for n in range(3))
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body><article><h1>{HEADLINE}</h1><p>By Ana Ruiz</p>"
        f'<img src="a.jpg"><p>Photo: Nell Farquhar/Wendham Star</p>{story}</article></body></html>'
    )
    article = extract(html, "https://wendhamstar.example/news/x")
    assert article.body[0] == f"{STORY.capitalize()} Point 0."


def test_an_old_pages_job_title_below_the_byline_is_not_the_first_paragraph() -> None:
    story = "<br><br>".join(f"{STORY.capitalize()} Point {n}." for n in range(3))
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body><table><tr><td><a href='/'>Home</a></td><td>"
        f"<h1>{HEADLINE}</h1><b>By Ana Ruiz</b><br>Staff Writer<br><br>{story}</td></tr></table></body></html>"
    )
    article = extract(html, "https://wendhamstar.example/news/x")
    assert article.body[0] == f"{STORY.capitalize()} Point 0."


@pytest.mark.parametrize(
    "top",
    [
        f"Harbour dispute:{HEADLINE}",  # a heading's spans run together
        f"Wendham harbour – {HEADLINE}",
        f'Angebliche "Einigung" :{HEADLINE}',
        f"Straßenbau {HEADLINE}",  # a kicker whose letters casefold to more
    ],
)
def test_the_headline_with_its_kicker_run_into_it_above_the_story_is_no_paragraph(top: str) -> None:
    assert strip_furniture([top, f"The {STORY[4:]}"], [HEADLINE], ()) == (f"The {STORY[4:]}",)


def test_a_kicked_headline_in_a_page_heading_above_the_story_is_no_paragraph() -> None:
    page = (
        f"<html><head><title>{HEADLINE}</title></head><body><header><h1>{HEADLINE}</h1></header><main>"
        f"<h2><span>Harbour dispute</span><span>:</span><span>{HEADLINE}</span></h2>"
        f"<p>The {STORY[4:]}</p><p>Work on the quay starts in May and should take eleven weeks in all.</p>"
        "</main></body></html>"
    )
    body = extract(page, "https://wendham-star.example/news/quay").body
    assert body[0] == f"The {STORY[4:]}"


@pytest.mark.parametrize(
    "top",
    [
        f"The board met on Monday. {HEADLINE}",  # a sentence before it: the story's own text
        f"When the storms came in March the town asked why {HEADLINE}",
    ],
)
def test_a_paragraph_ending_in_the_headline_after_a_sentence_stays(top: str) -> None:
    assert strip_furniture([top, f"The {STORY[4:]}"], [HEADLINE], ())[0] == top


LAST = "Work on the quay starts in May and should take eleven weeks, the board said."


@pytest.mark.parametrize(
    "tail",
    [
        ["Follow the Wendham Star's harbour desk on Facebook, X (formerly Twitter) and Instagram."],
        ["Follow our full coverage of the harbour works at https://wendham-star.example/harbour"],
        ["Síguenos en TikTok y en Instagram.", "Folgen Sie uns auf WhatsApp."],
        ["Follow @WendhamDeals on Twitter for the latest offers. Prices may change without notice."],
    ],
)
def test_a_call_to_follow_the_publication_at_the_storys_end_is_no_paragraph(tail: list[str]) -> None:
    assert strip_furniture([f"The {STORY[4:]}", LAST, *tail], [HEADLINE], ()) == (f"The {STORY[4:]}", LAST)


@pytest.mark.parametrize(
    "last",
    [
        "The clip spread on Facebook, Instagram and TikTok within hours of the vote.",
        "“Follow me on Instagram,” the harbour master told the crowd, to laughter.",
        "Follow-up posts on Facebook showed the same barge a week later.",
    ],
)
def test_a_storys_last_paragraph_naming_networks_stays(last: str) -> None:
    assert strip_furniture([f"The {STORY[4:]}", last], [HEADLINE], ())[-1] == last

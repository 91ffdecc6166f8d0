"""The page's own lines around a story — its tools above it, its asks below it — are no part of the body."""

from __future__ import annotations

import pytest

from monitor.extractors import extract
from monitor.extractors.ends import trim_ends

STORY = (
    "The harbour board published the new timetable for the quays on Monday morning, after a long wait.",
    "Ferries to the islands will leave every forty minutes from May, the board said in a statement.",
)


@pytest.mark.parametrize(
    "line",
    [
        "Follow the Harbour Times on Instagram, Facebook and YouTube.",
        "Follow @HarbourDeals on Twitter to keep up with the latest offers.",
        "Follow our full coverage of the ferry strike at https://harbourtimes.example/strike",
        "For the latest news from the quays, sign up for our newsletters.",
        "Get the Harbour Monthly delivered every month. Click here for more information.",
        "Comments",
        "12 comments",
        "Kommentare",
        "Tell us what YOU think...",
        "The Harbour Times publishes letters to the editor. We'd like to hear what you think: letters@ht.example",
        "Leave a comment",
        "You must be logged in to post a comment.",
        "Du musst dich einloggen, um einen Kommentar abzugeben.",
        "Comments that insult other readers will not be approved by the moderators.",
        "Write to Ana Ruiz at ana.ruiz@harbourtimes.example",
        "Listen to Harbour Radio live at 12:45 and 17:45 weekdays - or listen back here.",
        "How to listen to The Quayside Podcast",
        "Listen: https://pod.example/q12 Download: https://pod.example/q12.mp3 iTunes: https://pod.example/it",
        "Copyright 2025 Harbour Times. All rights reserved. This material may not be published or redistributed.",
    ],
)
def test_lines_below_a_story_that_speak_to_its_reader_are_cut(line: str) -> None:
    assert trim_ends([*STORY, line]) == STORY
    assert trim_ends([*STORY, line, "Comments"]) == STORY  # a run of them, however many


@pytest.mark.parametrize(
    "line",
    [
        "Print article",
        "Order reprints",
        "Copy link",
        "Share this story",
        "https://harbourtimes.example/2025/timetable",
        "This copy is for your personal, non-commercial use only. To order copies, write to our reprints desk.",
    ],
)
def test_the_page_tools_above_a_story_are_cut(line: str) -> None:
    assert trim_ends([line, *STORY]) == STORY


@pytest.mark.parametrize(
    "line",
    [
        "Follow-up talks with the ferry union are set for June, the board said.",
        "Readers left 300 comments under the first report; the board said it read them all.",
        "The board will print the timetable and post it on every quay.",
        "Readers can write to the board at quays@harbour.example before Friday, the notice says.",
        "Listen to the islanders, the mayor told the board, and then decide.",
        "Smith, who signed the lease last year, declined to comment.",
        "The ministry declined to comment on whether the comments would be approved before May.",
        "“We want to hear from you,” the mayor told the islanders on Tuesday.",
        "The boy's name may not be published because he is under 18, the court ruled.",
    ],
)
def test_story_lines_that_open_alike_stay(line: str) -> None:
    assert trim_ends([*STORY, line]) == (*STORY, line)
    assert trim_ends([line, *STORY]) == (line, *STORY)


def test_the_same_words_inside_the_story_stay() -> None:
    """Only the ends are trimmed: a paragraph between story paragraphs is the story's."""
    paragraphs = (STORY[0], "Follow us on Instagram for pictures of the new ferries.", STORY[1])
    assert trim_ends(paragraphs) == paragraphs


def test_a_body_of_such_lines_only_is_left_as_it_is() -> None:
    assert trim_ends(["Comments", "Leave a comment"]) == ("Comments", "Leave a comment")


def test_the_generic_read_ends_with_the_story() -> None:
    story = "".join(f"<p>{text} {text}</p>" for text in STORY * 2)
    page = (
        "<html><head><title>Timetable</title></head><body><article><h1>New ferry timetable</h1>"
        f"{story}<p>Follow the Harbour Times on Instagram, Facebook and YouTube.</p><h3>Comments</h3>"
        "</article></body></html>"
    )
    article = extract(page, "https://harbourtimes.example/timetable")
    assert article.body[-1].startswith(STORY[1])


@pytest.mark.parametrize(
    "appeal",
    [
        "Good reporting costs money, and we keep ours free to read for everyone. If you can, support our "
        "journalism with a monthly contribution: it takes a minute. Thank you.",
        "Unabhängige Berichte aus dem Hafen gibt es nur mit Ihnen. Unterstützen Sie unsere Arbeit. Jetzt unterstützen",
        "Make a donation today and keep the Harbour Times free for every reader on the islands.",
    ],
)
def test_an_appeal_for_money_below_a_story_goes_with_its_heading(appeal: str) -> None:
    assert trim_ends([*STORY, "Read freely, pay fairly", appeal]) == STORY


@pytest.mark.parametrize(
    "last",
    [
        "The fund was set up to support local journalism in the valley, its founders said on Tuesday.",
        "Residents can become a member of the harbour club for ten pounds a year, or donate today at the quay.",
    ],
)
def test_a_story_about_funding_or_joining_keeps_its_last_paragraph(last: str) -> None:
    assert trim_ends([*STORY, last]) == (*STORY, last)


def test_a_sentence_leading_in_to_what_the_page_set_below_the_story_goes() -> None:
    assert trim_ends([*STORY, "Find all our reports on the ferry strike in the live blog:"]) == STORY
    assert trim_ends([*STORY, "Sources:"]) == (*STORY, "Sources:")  # a list's own heading, not a sentence

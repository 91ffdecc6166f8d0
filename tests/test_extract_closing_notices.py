"""A publication's closing notices after a story's last paragraph, in wording alone and not in a box: a reporter's
e-mail contact, a copyright or reprint notice, a newsletter's sign-up, a comments section's login or moderation rule,
a rating or error-report prompt, a podcast's labelled links. They go; a story's last sentence with like words stays."""

from __future__ import annotations

import pytest

from monitor.extractors import extract

URL = "https://tidewater-gazette.example/news/2025/09/lifeboat-station"
HEADLINE = "Lifeboat station to be rebuilt at Corran Point"
STORY = (
    "The lifeboat station at Corran Point will be rebuilt next spring after surveyors found rot in its slipway, "
    "the charity that runs it said on Thursday.",
    "The crew of eleven volunteers will launch from the harbour wall at Selby Cove while the work goes on.",
    "The new station is expected to cost 1.8 million, most of it raised from local appeals and legacies.",
    "The charity said callouts had risen by a third in five years as more visitors took to the water.",
)


def _page(tail: tuple[str, ...], lang: str = "en") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in (*STORY, *tail))
    return (
        f"<html lang='{lang}'><head><meta charset='utf-8'><title>{HEADLINE} | Tidewater Gazette</title></head><body>"
        "<header><a href='/'>Tidewater Gazette</a><ul><li><a href='/news'>News</a></li></ul></header>"
        f"<main><article><h1>{HEADLINE}</h1>{paragraphs}</article></main></body></html>"
    )


@pytest.mark.parametrize(
    "tail",
    [
        ("Write to Mara Quill at mara.quill@tidewater-gazette.example",),
        ("Contact the author: mara.quill@tidewater-gazette.example",),
        ("Tidewater Gazette Media Ltd 2025. All rights reserved.",),
        ("Tidewater Gazette Media 2025. Tous droits réservés.",),
        (
            "Printed for your personal, non-commercial use only. To order copies for your team, contact our "
            "licensing desk.",
        ),
        ("For the week's harbour news in one e-mail, sign up for our free newsletter.",),
        ("You must be logged in to post a comment.",),
        ("Kommentar abgeben", "Du musst dich einloggen, um einen Kommentar abzugeben."),
        ("Atenção: comentários ofensivos ou fora do tema não serão aprovados.",),
        ("Was this article helpful?",),
        ("Fehler gefunden? Jetzt melden.",),
        (
            "How to listen to The Corran Point Podcast",
            "Listen: https://pod.example/cp12 Download: https://pod.example/cp12.mp3",
        ),
    ],
)
def test_a_closing_notice_after_the_story_goes(tail: tuple[str, ...]) -> None:
    assert extract(_page(tail), URL).body == STORY


@pytest.mark.parametrize(
    "last",
    [
        "Residents can write to the harbour board at board@selby-cove.example until 30 September.",
        "The architects said all rights in the station's new design were reserved to the charity.",
        "Volunteers can sign up for the free newsletter the crew sends out each month at the harbour office.",
        "Comments from the public will be heard at the harbour board's meeting on 4 October.",
        "Fehler gefunden hatten die Prüfer an der alten Rampe bereits im vergangenen Jahr.",
        "The crew's recordings of past rescues can be heard at https://archive.example/lifeboats from Monday.",
    ],
)
def test_a_story_sentence_with_a_notices_words_stays(last: str) -> None:
    assert extract(_page((last,)), URL).body == (*STORY, last)

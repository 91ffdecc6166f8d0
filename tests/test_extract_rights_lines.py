"""A rights notice ("Copyright 2025 The Gazette. All rights reserved.", "© Tidewater Gazette") is no story text; a
story's sentence that opens with the word "Copyright" — a story about copyright law, a copyright holder's claim — is."""

from __future__ import annotations

import pytest

from monitor.extractors import extract

URL = "https://tidewater-gazette.example/news/2025/10/archive-rights"
HEADLINE = "Council archive to put its old photographs online"
STORY = (
    "The county archive will put forty thousand old photographs online next year, the council said on Monday.",
    "Copyright holders will have ninety days to object before any picture is published, under rules agreed by "
    "the archive's trustees.",
    "Copyright in most of the collection passed to the council when the Selby Cove studio closed in 1974.",
    "The first pictures, of the harbour in the 1920s, are expected in March.",
)


def _page(paragraphs: tuple[str, ...]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html lang='en'><head><meta charset='utf-8'><title>{HEADLINE} | Tidewater Gazette</title></head><body>"
        "<header><a href='/'>Tidewater Gazette</a></header>"
        f"<main><article><h1>{HEADLINE}</h1>{body}</article></main></body></html>"
    )


def test_a_story_sentence_opening_with_copyright_stays() -> None:
    assert extract(_page(STORY), URL).body == STORY


@pytest.mark.parametrize(
    "notice",
    [
        "Copyright 2025 Tidewater Gazette. All rights reserved.",
        "Copyright © Tidewater Gazette Media Ltd",
        "Copyright Tidewater Gazette",
        "© 2025 Tidewater Gazette",
        "Copyright (c) 2025 Tidewater Gazette Media",
    ],
)
def test_a_rights_notice_goes(notice: str) -> None:
    assert extract(_page((*STORY, notice)), URL).body == STORY

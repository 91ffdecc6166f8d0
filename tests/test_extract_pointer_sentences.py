"""A story's sentence that opens like a pointer ("Read more about …, the company said.") is the story's: kept, and
an edit to it seen; the pointers themselves ("Read more: …", "Click here for …") stay out of the body.

Invented page: a water board's repairs, its last paragraph sending readers to the board's site in the story's own
words, then a pointer line to another story.
"""

from __future__ import annotations

from monitor.extractors import extract

URL = "http://127.0.0.1/northvale/water-repairs"
PARAGRAPHS = (
    "Northvale Water will shut the main pipe under Quarry Lane for six days from Monday while crews replace a "
    "section that burst twice this winter, the company said on Thursday.",
    "About 2,400 homes in the eastern wards will be supplied from tankers at three points, and the company said "
    "bottled water would be delivered to residents who cannot reach them.",
    "Councillor Ines Marr said the repair was overdue and asked the company to publish its plans for the other "
    "ageing mains in the district before the spring.",
)
OWN_WORDS = (
    "Read more about the repairs and the tanker points on the Northvale Water website, the company said in a statement."
)


def _page(last: str) -> bytes:
    paragraphs = "".join(f"<p>{text}</p>" for text in (*PARAGRAPHS, last))
    return (
        "<html><head><title>Quarry Lane main to shut for repairs | Northvale Post</title></head><body><article>"
        "<h1>Quarry Lane main to shut for repairs</h1><p class='byline'>By Tomas Berg</p>"
        f"{paragraphs}<p>Read more: <a href='/northvale/bridge'>Harbour bridge to close for a week</a></p>"
        "</article></body></html>"
    ).encode()


def test_a_story_sentence_opening_read_more_is_kept() -> None:
    article = extract(_page(OWN_WORDS), URL)
    assert article.body == (*PARAGRAPHS, OWN_WORDS)


def test_an_edit_to_it_is_seen() -> None:
    edited = OWN_WORDS.replace("tanker points", "bottled water points")
    assert extract(_page(edited), URL).body[-1] == edited

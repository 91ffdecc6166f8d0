"""A story split over several like containers is read whole; what lies between the parts, and the next story, is not."""

from __future__ import annotations

from monitor.extractors import extract

STORY = [
    f"Paragraph {n} of the harbour story: the council met on Tuesday and voted on item {n} of the quay plan."
    for n in range(1, 13)
]


def _part(first: int, last: int) -> str:
    return '<div class="article-body">' + "".join(f"<p>{text}</p>" for text in STORY[first:last]) + "</div>"


def test_a_picture_between_two_parts_does_not_end_the_story() -> None:
    picture = '<figure class="inline-image"><img src="/quay.jpg"><figcaption>The quay at dawn.</figcaption></figure>'
    nxt = (
        '<div class="up-next"><header><h2>Ferry fares to rise</h2></header>'
        '<div class="article-body"><p>Ferry fares rise by a tenth in May, the operator said, blaming the price of '
        "fuel and the new harbour dues.</p></div></div>"
    )
    parts = f"{_part(0, 7)}{picture}{_part(7, 12)}{nxt}"
    page = f"<html><body><main><h1>Quay plan approved</h1>{parts}</main></body></html>"
    article = extract(page, "https://harbourtimes.example/quay-plan")
    assert article.body == tuple(STORY)
    assert article.extractor["layers"]["body"] == "generic"

"""A "Read more" box between a story's paragraphs points to another story: it goes, the story stays."""

from __future__ import annotations

from lxml import html

from monitor.extractors.teasers import drop_pointer_boxes

STORY = "<p>" + "The harbour board published the new timetable for the quays on Monday morning. " * 3 + "</p>"
TEASER = '<a href="/news/ferry-fares"><img src="/f.jpg"></a><a href="/news/ferry-fares">Ferry fares rise in May</a>'


def _left(inner: str) -> str:
    tree = html.document_fromstring(f"<html><body><article>{STORY}{inner}{STORY}</article></body></html>")
    drop_pointer_boxes(tree)
    return " ".join(tree.xpath("string(//article)").split())


def test_a_box_headed_read_more_goes() -> None:
    left = _left(f'<div class="box"><h4>Read more</h4><figure>{TEASER}</figure></div>')
    assert "Ferry fares" not in left and "Read more" not in left and "timetable" in left


def test_the_links_block_right_after_such_a_heading_goes_with_it() -> None:
    left = _left(f"<h4>Lesen Sie auch:</h4><div>{TEASER}</div>")
    assert "Ferry fares" not in left and "Lesen Sie auch" not in left


def test_a_heading_over_story_text_leaves_it() -> None:
    prose = "<p>Related talks with the ferry union will open in June, the board said on Monday evening.</p>"
    left = _left(f"<h4>Related</h4>{prose}")
    assert "ferry union" in left


def test_a_box_holding_story_text_besides_links_stays() -> None:
    prose = "<p>The crane arrives in May and will be the largest on the north quay, the board said.</p>"
    left = _left(f'<div class="box"><h4>See also</h4>{prose}{TEASER}</div>')
    assert "largest on the north quay" in left

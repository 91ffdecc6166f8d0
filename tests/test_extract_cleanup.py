"""preclean(): noise goes, story blocks stay — whatever words their ids spell."""

from __future__ import annotations

import pytest
from lxml import html

from monitor.extractors.cleanup import preclean

STORY = "<p>" + "The harbour board published the new timetable for the quays on Monday morning. " * 3 + "</p>"


def _kept(block: str) -> bool:
    tree = html.document_fromstring(f"<html><body><article>{STORY}{block}{STORY}</article></body></html>")
    preclean(tree)
    return bool(tree.xpath("//*[@data-probe]"))


@pytest.mark.parametrize(
    ("block", "kept"),
    [
        ('<div id="share-bar" data-probe><a href="#">Share</a></div>', False),
        ('<div id="related" data-probe><a href="/a">More stories</a></div>', False),
        ('<div class="newsletter-signup" data-probe><p>Sign up for the briefing.</p></div>', False),
        # a section's anchor spells its heading: "sharing", "related", "comments" name no role there
        ('<div id="sharing-the-quay-with-the-ferries" data-probe><p>Boats unload at the north quay.</p></div>', True),
        ('<div id="related-changes-to-parking-on-quay-street" data-probe><p>Parking is limited.</p></div>', True),
        # hidden by a style sheet's class (a share dialog's messages), not hidden on small screens only
        ('<div class="email-dialog hide" data-probe><p>Thank you, the story has been sent.</p></div>', False),
        ('<div class="col hidden-xs" data-probe><p>Boats unload at the north quay.</p></div>', True),
        # a tag list: links to tags' pages are the story's keywords, not its text
        ('<p>Tags: <a href="/t/q" rel="tag" data-probe>quays</a>, <a href="/t/f" rel="tag">ferry</a></p>', False),
        # a tag link inside a sentence (an auto-linked name) is story text
        ('<p>The <a rel="tag" href="/t/nhs" data-probe>NHS</a> said waiting lists grew again this spring.</p>', True),
        # a link is read for noise names like any element
        ('<p><a class="promo-banner" href="/s" data-probe>Subscribe for 1 pound a week</a></p>', False),
        # hidden on small screens only, shown from some width on
        ('<div class="hidden md:block" data-probe><p>Key facts: twelve towns, the largest first.</p></div>', True),
        ('<div class="d-none d-md-block" data-probe><p>Key facts: twelve towns, the largest first.</p></div>', True),
        # a teaser card: another story's headline, picture and opening lines, all one link to it
        ('<a href="/b" data-probe><h3>Quay reopens</h3><p>The north quay reopened on Friday after…</p></a>', False),
        ('<a href="/b" data-probe><img src="/b.jpg"><h2>Quay reopens</h2></a>', False),
        ('<p>Read the <a href="/t" data-probe>full timetable</a> on the board\'s website.</p>', True),
        ('<a href="/t" data-probe><p>A paragraph wrapped in a link, with no heading.</p></a>', True),
    ],
)
def test_noise_and_story_blocks(block: str, kept: bool) -> None:
    assert _kept(block) is kept

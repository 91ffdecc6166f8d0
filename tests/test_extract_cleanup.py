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
        # … also when the list sits in an inline element among the story's blocks
        (
            '<strong>Tags<br><a href="/t/q" rel="tag" data-probe>quays</a>, '
            '<a href="/t/f" rel="tag">ferry timetable</a></strong>',
            False,
        ),
        ('<p>The <b><a rel="tag" href="/t/nhs" data-probe>NHS</a></b> said waiting lists grew.</p>', True),
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
        # a "Read more" box: another story's headline under a pointer heading
        ('<div data-probe><h4>Read more</h4><a href="/n/f">Ferry fares rise by a tenth in May</a></div>', False),
    ],
)
def test_noise_and_story_blocks(block: str, kept: bool) -> None:
    assert _kept(block) is kept


def _items(*texts: str, href: str = "/news/other-story") -> str:
    return "".join(f'<li><a href="{href}">{text}</a></li>' for text in texts)


HEADLINES = (
    "Ferry fares rise by a tenth from May",
    "Harbour master retires after thirty years",
    "New crane arrives at the container terminal",
)


@pytest.mark.parametrize(
    ("block", "kept"),
    [
        # other stories' headlines, each a link to its page: pointers out of the story, not its text
        (f"<ul data-probe>{_items(*HEADLINES)}</ul>", False),
        (f"<ol data-probe>{''.join(f'<li><b>Quays:</b> <a href=/n>{h}</a></li>' for h in HEADLINES)}</ol>", False),
        # a table of contents links within the page; a menu's entries are single words
        (f"<ul data-probe>{_items(*HEADLINES, href='#section-2')}</ul>", True),
        (f"<ul data-probe>{_items('Home', 'World', 'Sport')}</ul>", True),
        # the story's references, their addresses shown as the links' text
        (f"<ul data-probe>{_items(*(f'https://harbour.example/reports/{n}-timetable' for n in range(3)))}</ul>", True),
        # a list of the story's own points, a link in each
        (
            "<ul data-probe>"
            + "".join(
                f"<li>The board voted on <a href=/t>{h.lower()}</a> and on three other items, all passed.</li>"
                for h in HEADLINES
            )
            + "</ul>",
            True,
        ),
        (f"<ul data-probe>{_items(*HEADLINES[:2])}</ul>", True),  # two links: too few to call a list of them
        # other stories' teaser cards: an <article> each, its heading a link, a line of its opening under it
        (
            "<ul data-probe>"
            + "".join(
                f'<li><article><h3><a href="/n/{n}">{h}</a></h3><p>The board met again on Monday to decide on the '
                f"quays, and residents came in numbers to hear it.</p></article></li>"
                for n, h in enumerate(HEADLINES)
            )
            + "</ul>",
            False,
        ),
        (
            "<ul data-probe>"
            + "".join(
                f"<li><article><h3>{h}</h3><p>The board met again on Monday.</p></article></li>" for h in HEADLINES
            )
            + "</ul>",
            True,
        ),
    ],
)
def test_lists_of_links_to_other_stories(block: str, kept: bool) -> None:
    assert _kept(block) is kept


def test_a_list_of_links_goes_with_its_label() -> None:
    tree = html.document_fromstring(
        f"<html><body><article>{STORY}<h4 data-probe>Also read</h4><ul>{_items(*HEADLINES)}</ul>{STORY}"
        "</article></body></html>"
    )
    preclean(tree)
    assert not tree.xpath("//*[@data-probe]") and not tree.xpath("//ul")


def test_a_story_that_is_a_list_of_links_stays() -> None:
    """A round-up of links holds most of the page's text: it is the story."""
    many = [f"{h}, and what it means for the island routes ({n})" for n in range(4) for h in HEADLINES]
    tree = html.document_fromstring(f"<html><body><article><ul>{_items(*many)}</ul>{STORY}</article></body></html>")
    preclean(tree)
    assert len(tree.xpath("//li")) == len(many)

"""A story's own list and its own sections stay, though they look like the site's furniture: a list a sentence
of the story leads into ("The ferry will call at:"), a list of sentences each linked to an explainer, a table of
contents linking to places in the page by its full address, and a section of the story closed by a button to
another site (its source's form or report)."""

from __future__ import annotations

import pytest
from lxml import html

from monitor.extractors import EXTRACTOR_VERSION, extract
from monitor.extractors.cleanup import preclean
from monitor.extractors.gate import page_digest

URL = "https://tidemark-courier.example/news/2025/slipway-reopens"
HEADLINE = "Island slipway reopens after six weeks of repairs"
PARAGRAPHS = (
    "The slipway at Brennock Quay reopened on Monday after six weeks of repairs, and the first car ferry of the "
    "day left for Saltholm Island at a quarter past seven.",
    "A winter storm cracked the concrete ramp in January, and since then a small launch has carried patients, "
    "post and groceries across the sound.",
    "The harbour trust said the work cost about £380,000, most of it from the county's transport fund.",
)


def _page(block: str) -> str:
    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<html><head><title>{HEADLINE}</title><link rel='canonical' href='{URL}'></head><body><main><article>"
        f"<h1>{HEADLINE}</h1><div class='article-text'>{story}{block}</div></article></main></body></html>"
    )


STOPS = ("Brennock Quay terminal", "Saltholm Island north pier", "Gullcraig jetty (on request)")


def test_a_list_a_sentence_of_the_story_leads_into_stays() -> None:
    block = (
        "<p>From Monday the ferry will call at:</p><ul>"
        + "".join(f"<li>Stop {n}: <a href='/places/{n}'>{stop}</a></li>" for n, stop in enumerate(STOPS, 1))
        + "</ul>"
    )
    body = extract(_page(block), URL).body
    assert all(any(stop in p for p in body) for stop in STOPS)


@pytest.mark.parametrize(
    "block",
    [
        # sentences, each linked to the site's explainer: the story's key points, not other stories' headlines
        "<h3>What we know</h3><ul>"
        + "".join(
            f"<li><a href='/news/2025/slipway-{n}'>{text}</a></li>"
            for n, text in enumerate(
                (
                    "The ramp cracked in a January storm and the crossing stopped.",
                    "A launch carried patients and post across the sound for six weeks.",
                    "Repairs cost about £380,000, paid mostly by the county.",
                )
            )
        )
        + "</ul>",
        # a table of contents linking to the page's own parts by its full address
        "<ol>"
        + "".join(
            f"<li><a href='{URL}#part-{n}'>{text}</a></li>"
            for n, text in enumerate(("The night the ramp cracked", "Six weeks by launch", "Who pays for it"))
        )
        + "</ol>",
    ],
)
def test_a_storys_own_linked_list_is_kept_by_the_cleaner(block: str) -> None:
    tree = html.document_fromstring(_page(block.replace("<ul>", "<ul data-probe>").replace("<ol>", "<ol data-probe>")))
    preclean(tree, URL)
    assert tree.xpath("//*[@data-probe]")


def test_a_story_section_closed_by_a_button_to_another_site_stays() -> None:
    section = (
        "<section><h2>How to claim a refund</h2><p>Season ticket holders can claim back the weeks they lost, the "
        "operator said, as long as they bought the ticket before the storm.</p><p>Claims close on 30 April and "
        "need the ticket's number.</p><p><a class='button' href='https://saltholm-ferries.example/refunds'>"
        "Claim form</a></p></section>"
    )
    body = extract(_page(section), URL).body
    assert any(p.startswith("Season ticket holders") for p in body)
    assert any(p.startswith("Claims close") for p in body)


def test_the_last_of_a_storys_sections_closed_by_a_button_to_its_own_map_stays() -> None:
    sections = (
        ("The night the ramp cracked", "A storm lifted slabs off the old slipway and left a crack a metre wide."),
        ("Six weeks by launch", "A twelve-seat launch carried patients and post across the sound twice a day."),
        ("Where the ferry stops", "The timetable adds a stop at Gullcraig jetty on request, as the south shore asked."),
    )
    block = "".join(
        f"<section class='part'><h2>{heading}</h2><p>{text}</p>"
        + ("<p><a class='btn' href='/graphics/ferry-stops'>Open the map</a></p>" if n == 2 else "")
        + "</section>"
        for n, (heading, text) in enumerate(sections)
    )
    body = extract(_page(block), URL).body
    assert any(p.startswith("The timetable adds a stop") for p in body)


def test_a_list_under_its_own_few_words_label_still_goes() -> None:
    """A label of a few words with a colon ("Read more on this topic:") leads into no story list."""
    items = "".join(
        f"<li><a href='/news/2025/{slug}'>{slug.replace('-', ' ').capitalize()}</a></li>"
        for slug in ("trust-elects-a-new-chair", "island-fares-rise-again", "storm-cancels-sunday-sailings")
    )
    tree = html.document_fromstring(_page(f"<p>Read more on this topic:</p><ul data-probe>{items}</ul>"))
    preclean(tree, URL)
    assert not tree.xpath("//*[@data-probe]")


def test_a_round_up_of_the_sites_own_stories_told_in_paragraphs_stays() -> None:
    """Each item headed by a link to the site's story, then paragraphs of the round-up's own: more than the
    opening lines a teaser shows below its headline."""
    items = (
        (
            "Harbour trust elects a new chair",
            "The trust chose a retired pilot as its chair on Tuesday.",
            "Her first task is the slipway's insurance claim.",
        ),
        (
            "Island school wins its roof grant",
            "The county approved £95,000 for the school's roof on Wednesday.",
            "The work starts in July, when the pupils are on holiday.",
        ),
        (
            "Late ferry stays for the summer",
            "The late crossing will run until September, the trust said.",
            "It will decide on the winter timetable in August.",
        ),
    )
    block = (
        "<ul>"
        + "".join(
            f"<li><h3><a href='/news/2025/week-{n}'>{heading}</a></h3><p>{first}</p><p>{second}</p></li>"
            for n, (heading, first, second) in enumerate(items)
        )
        + "</ul>"
    )
    body = extract(_page(block), URL).body
    assert all(any(second in p for p in body) for _, _, second in items)


@pytest.mark.parametrize(
    "name",
    [
        "<a class='bio-link' href='/people/ida-marsh'>Ida Marsh</a>",
        "<a href='/people/ida-marsh' class='author-bio'>Ida Marsh</a>",
        "<span class='person-bio'>Ida Marsh</span>",
    ],
)
def test_a_name_linked_to_its_bio_inside_a_sentence_stays(name: str) -> None:
    """An inline element with words on both sides of it is part of the sentence, whatever its class names."""
    sentence = f"<p>The harbour master, {name}, said the new ramp was twice as thick as the old one.</p>"
    body = extract(_page(sentence), URL).body
    assert "The harbour master, Ida Marsh, said the new ramp was twice as thick as the old one." in body


def test_the_gate_covers_a_name_inside_a_sentence_whatever_its_class() -> None:
    """The story is sealed (the gate's walk covers the bio-classed name it keeps), and an edit to the name
    changes the digest."""

    def story(name: str) -> str:
        return _page(f"<p>The harbour master, <a class='bio-link' href='/people/marsh'>{name}</a>, said so.</p>")

    sealed = extract(story("Ida Marsh"), URL).extractor.get("gate")
    assert sealed is not None
    assert sealed == page_digest(story("Ida Marsh"), URL, encoding=None, rule=None, version=EXTRACTOR_VERSION)
    assert sealed != page_digest(story("Ida Marsch"), URL, encoding=None, rule=None, version=EXTRACTOR_VERSION)

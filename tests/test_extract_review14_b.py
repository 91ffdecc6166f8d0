"""What the furniture checks of an old table page, a kicker above the headline, a teaser page's second read, a
sidebar of dated links and a picture's caption must never take: the story's own text (an edit there would go
unalerted). Each page is one the checks misread: a results page of tables only, a lede, deck or key facts in a
table above the story's, a key-points list or a poem's stanza above a line that repeats a headline, a recipe's
lines above a later <h1>, a teaser page whose story has a paragraph outside its <p>s, a listing of places each a
link with a line on it, a paragraph closed by a picture's credit, a section headed "Print"."""

from __future__ import annotations

import pytest
from lxml.html import fromstring

from monitor.extractors import extract
from monitor.extractors.body import generic_body, paragraphs_of
from monitor.extractors.lead import strip_furniture

HEADLINE = "Harwick lido to reopen after two-year repair"
PARAGRAPHS = (
    "The open-air lido at Harwick will reopen on 1 June after a two-year repair of its leaking pool, the town "
    "council said on Wednesday.",
    "Engineers found that the pool's concrete shell had cracked in the cold winter of 2023, letting out some "
    "40,000 litres of water a week.",
    "The repair cost £1.9 million, most of it from a lottery grant, and the pool now has a heated learner area.",
    "Season tickets go on sale next week at the same price as in 2022, a spokesperson for the lido said.",
)
STORY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def _body(page: str) -> tuple[str, ...]:
    return extract(page, "https://harwick-post.example/news.php?id=771").body


def test_a_results_page_of_tables_only_is_read_whole() -> None:
    """Two tables or more and no paragraph beside them: no story block to place the tables by (no crash)."""
    results = "".join(
        f"<h2>{race}</h2><table><tr><th>Candidate</th><th>Votes</th></tr>"
        + "".join(f"<tr><td>{name}</td><td>{votes}</td></tr>" for name, votes in rows)
        + "</table>"
        for race, rows in (
            ("Harwick North", (("Iris Penhale", "2,431"), ("Owen Trask", "1,902"))),
            ("Harwick South", (("Gwen Alder", "3,118"), ("Rhys Tolley", "977"))),
        )
    )
    page = (
        "<html><head><title>Harwick by-election results</title></head><body><div class='c'>"
        f"<h1>Harwick by-election results</h1>{results}</div></body></html>"
    )
    body = _body(page)
    assert "Iris Penhale 2,431" in body
    assert "Rhys Tolley 977" in body


def _table_page(above: str) -> str:
    """An old page laid out in tables, ``above`` (a table of the story's) set before the story's own table."""
    return (
        f"<html><head><title>Harwick Post - {HEADLINE}</title></head><body><table width='960'>"
        "<tr><td colspan='2'><h1 class='logo'><a href='/'>The Harwick Post</a></h1></td></tr>"
        "<tr><td colspan='2'><a href='/news.php'>News</a> | <a href='/sport.php'>Sport</a> | "
        "<a href='/whatson.php'>What's On</a></td></tr><tr><td width='170' valign='top'>"
        "<a href='/n/760'>Market hall roof mended</a><br><a href='/n/755'>Carnival date set</a></td>"
        f"<td width='590' valign='top'>{above}<table width='100%'><tr><td><h1 class='hl'>{HEADLINE}</h1>"
        f"<span class='by'>By Iris Penhale</span><br><br>{STORY}</td></tr></table></td></tr>"
        "<tr><td colspan='2'>© 2025 Harwick Post Ltd.</td></tr></table></body></html>"
    )


LEDE = "SWIMMERS in Harwick will be back in the water this summer after the town's lido was finally mended."
DECK = "Lottery grant pays for new pool shell and a heated learner area at the town's much-loved lido"
FACTS = (
    "The lido first opened in 1936 and holds about 1.2 million litres of water.",
    "It closed in August 2023 after the leak was found by a lifeguard.",
)


@pytest.mark.parametrize(
    ("above", "kept"),
    [
        (f"<table width='100%'><tr><td><img src='/p/lido.jpg'></td><td><b>{LEDE}</b></td></tr></table>", (LEDE,)),
        (f"<table width='100%'><tr><td><font size='4'>{DECK}</font></td></tr></table>", (DECK,)),
        (
            "<table border='1' width='100%'><tr><td><b>Key facts</b></td></tr>"
            + "".join(f"<tr><td>{fact}</td></tr>" for fact in FACTS)
            + "</table>",
            ("Key facts", *FACTS),
        ),
    ],
)
def test_a_table_of_story_text_above_the_story_table_is_kept(above: str, kept: tuple[str, ...]) -> None:
    """A lede beside a picture, a deck, a box of key facts: a table before the story's that holds prose is the
    story's, not the page's layout (its logo, menu and left column go). The headline stays out of the body."""
    assert _body(_table_page(above)) == (*kept, *PARAGRAPHS)


def test_the_read_of_a_table_page_holds_no_headline_below_a_lede_table() -> None:
    """The story's <h1> atop its cell is its headline though a lede's table stands above it in the read."""
    tree = fromstring(_table_page(f"<table width='100%'><tr><td><p><b>{LEDE}</b></p></td></tr></table>"))
    read = generic_body(tree, "https://harwick-post.example/news.php?id=771")
    assert LEDE in read
    assert HEADLINE not in read


def test_a_key_points_list_above_a_heading_like_the_headline_after_its_colon_is_kept() -> None:
    headline = "Lido reopening: What swimmers need to know"
    points = ("Opens 1 June at 7am", "Heated learner area", "Season tickets from May", "Dogs still banned")
    page = (
        f"<html><head><title>{headline} | Harwick Post</title><meta property='og:title' content='{headline}'>"
        f"</head><body><article><h1>{headline}</h1><p class='by'>By Iris Penhale</p><div class='entry'>"
        f"<ul>{''.join(f'<li>{p}</li>' for p in points)}</ul><h2>What swimmers need to know</h2>{STORY}"
        "</div></article></body></html>"
    )
    body = _body(page)
    assert body[: len(points)] == points
    assert body[-len(PARAGRAPHS) :] == PARAGRAPHS


def test_labels_go_above_the_headline_but_no_poems_stanza_above_its_refrain() -> None:
    """A kicker and a section's label above the headline (whole, or as a page's title ends in it) go; a poem's
    lines above its refrain, which is its title, stay."""
    paragraphs = ["POOLS", "Leisure", HEADLINE, *PARAGRAPHS]
    assert strip_furniture(paragraphs, [HEADLINE], ()) == PARAGRAPHS
    assert strip_furniture(paragraphs, [f"Harwick Post :: News :: {HEADLINE}"], ()) == PARAGRAPHS
    stanza = ("Salt on the railings", "a whistle at nine", "the deep end still cold")
    lines = (*stanza, "The lido in June", "Grandmother swam here in a knitted suit", "and never once shivered")
    assert strip_furniture(lines, ["The lido in June"], ()) == (*stanza, *lines[4:])


def test_a_recipes_lines_above_a_later_h1_are_kept() -> None:
    """No <article>: the <h1> "Ingredients" is not the page's headline, the lines above it are the recipe's."""
    page = (
        "<html><head><title>Harwick fruit loaf | Post Kitchen</title></head><body><div id='top'><a href='/'>Post "
        "Kitchen</a></div><div class='post'><h3>Harwick fruit loaf</h3><div class='post-body'><p>Makes 2 loaves</p>"
        "<p>Soak overnight</p><p>Bake 50 minutes</p><h1>Ingredients</h1><ul><li>300g mixed dried fruit</li>"
        "<li>250ml cold strong tea</li><li>225g self-raising flour and one egg</li></ul><h1>Method</h1>"
        "<p>Soak the fruit in the tea overnight so that it swells and softens before you make the loaf.</p>"
        "<p>Stir in the flour and the beaten egg, spoon into two lined tins and bake at 170C for 50 minutes.</p>"
        "</div></div></body></html>"
    )
    body = _body(page)
    assert body[1:5] == ("Makes 2 loaves", "Soak overnight", "Bake 50 minutes", "Ingredients")


TEASERS = "".join(
    f"<li><article><h3><a href='/t/{i}'>{title}</a></h3><p class='teaser'>{dek}</p>"
    "<span class='by'>By Owen Trask</span></article></li>"
    for i, (title, dek) in enumerate(
        (
            ("Carnival date set for August", "The parade will leave the quay at noon on the second Saturday."),
            ("Market hall roof mended", "Traders can return to the upper floor from Monday morning."),
            ("Lifeboat called to stranded yacht", "The crew towed the yacht back to the harbour before dawn."),
        )
    )
)


STUB = "The open-air lido at Harwick will reopen on 1 June, the council said."


@pytest.mark.parametrize(
    "rest",
    [
        "<div>The pool will open at 7am every day until September.</div>",
        "The pool will open at 7am every day until September.",
    ],
)
def test_a_short_story_beside_teasers_keeps_its_text_outside_its_paragraphs(rest: str) -> None:
    """The stub's second paragraph is a <div> or loose text: a read of its <p>s alone would lose it."""
    page = (
        f"<html><head><title>{HEADLINE}</title></head><body><header><a href='/'>Harwick Post</a></header><main>"
        f"<article class='story'><h1>{HEADLINE}</h1><div class='by'>By <a href='/a/iris'>Iris Penhale</a></div>"
        "<time datetime='2025-05-07T09:00:00Z'>09:00, 7 MAY 2025</time><div class='body'>"
        f"<p>{STUB}</p>{rest}</div></article>"
        f"<section class='most-read'><h2>Most Read</h2><ol>{TEASERS}</ol></section></main></body></html>"
    )
    text = " ".join(_body(page))
    assert STUB in text
    assert "The pool will open at 7am every day until September." in text


def test_a_listing_of_links_each_with_a_line_is_the_story_beside_a_sidebar_of_dated_links() -> None:
    places = (
        ("Harbour Kitchen", "fish stew and fresh bread on the quay, with a table by the window if you book"),
        ("The Tollhouse", "an old toll cottage turned tea room, open from 8am every day except Tuesday"),
        ("Pennant Books", "a bookshop with a café at the back and readings on the first Friday of the month"),
    )
    items = "".join(f"<p><a href='/biz/{i}'>{name}</a> – {line}</p>" for i, (name, line) in enumerate(places))
    page = (
        "<html><head><title>Harwick Post - Three new places to eat in Harwick</title></head><body><table>"
        "<tr><td colspan='2'><img src='/logo.gif' alt='Harwick Post'></td></tr><tr><td colspan='2'>"
        "<h1>Three new places to eat in Harwick</h1>By Owen Trask</td></tr>"
        f"<tr><td width='70%' valign='top'>{items}</td><td valign='top'><b>More headlines</b><br>"
        "<a href='/n/760'>Market hall roof mended</a> <font>(May 2, 2025)</font><br>"
        "<a href='/n/755'>Carnival date set</a> <font>(April 29, 2025)</font><br></td></tr>"
        "<tr><td colspan='2'>Copyright 2025 Harwick Post.</td></tr></table></body></html>"
    )
    assert _body(page) == tuple(f"{name} – {line}" for name, line in places)


@pytest.mark.parametrize(
    "paragraph",
    [
        '"We had ten minutes to pack," said resident Gwen Alder, who left with her two dogs. (Photo: Rhys Tolley)',
        "Volunteers at the church hall handed out blankets until late. Pictures from Tuesday night",
        "The exhibition of the flood's photographs at the library runs until May. Photographs by Rhys Tolley",
        "Photos from Harwick",
        "Fotos de Madrid",
    ],
)
def test_a_story_paragraph_closed_by_a_credit_like_line_is_kept(paragraph: str) -> None:
    """A paragraph a picture's credit closes (not a caption: a quotation, two sentences), a line on pictures of a
    place or a time ("from", "de" + a place: no one's credit), even above the story."""
    paragraphs = [paragraph, *PARAGRAPHS]
    assert strip_furniture(paragraphs, [HEADLINE], ()) == tuple(paragraphs)


@pytest.mark.parametrize("heading", ["Print", "Email"])
def test_a_section_headed_by_a_tools_word_is_kept(heading: str) -> None:
    """A section's heading that is one tool's word is the story's; a row of tools ("Print | Email") is not."""
    page = fromstring(
        f"<div class='body'><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p><h2>{heading}</h2><p>{PARAGRAPHS[2]}</p>"
        f"<p>Print | Email | Share</p><p>{PARAGRAPHS[3]}</p></div>"
    )
    assert paragraphs_of([page]) == (*PARAGRAPHS[:2], heading, *PARAGRAPHS[2:])

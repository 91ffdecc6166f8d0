"""Round-18 body probes: breaking stubs and short stories on invented pages of templates not tested before.

- a one-paragraph stub whose page carries furniture of several noisy kinds, each a paragraph of sentences (a
  cookie banner, an author's bio box, the footer): together they outweigh the stub, but blocks of different
  kinds are no round-up's items — they go, and the stub is its paragraph alone;
- a one-paragraph stub followed by a newsletter box and a related-stories block: the plain read of the page
  runs the stub into them (one block), which is no more of the story than the stub;
- a story set straight into its ``<article>`` (or ``<section>``, ``<main>``) without ``<p>``s: one paragraph
  alone, or beside the headline's and byline's blocks — it is the body, never the byline or the date, and an
  edit to it is seen.
"""

from __future__ import annotations

import json

import pytest

from monitor.extractors import extract

URL = "https://harbourline-gazette.example/news/2026/12/07/water-main"
HEADLINE = "Water main bursts under Castlegate bridge"
STORY = (
    "A water main burst beneath the Castlegate bridge early on Monday, flooding two streets and cutting supply "
    "to hundreds of homes.",
    "Engineers from Northvale Water said repairs could take until the evening and bottled water was being handed "
    "out at the leisure centre.",
    "Commuters were told to avoid the bridge, which was closed to traffic in both directions while the damage was "
    "assessed.",
)
LONG = (
    "Residents of Millbrook and Tanner Row woke to flooded cellars on Monday after a water main burst under the "
    "Castlegate bridge, and by mid-morning engineers from Northvale Water had shut off supply to more than four "
    "hundred homes while they searched for the break, which the company said was in a section of cast-iron pipe "
    "laid in the 1930s and due for replacement next spring.",
)
NAV = (
    "<header class='site-header'><a href='/'>Harbourline Gazette</a><nav><ul><li><a href='/news'>News</a></li>"
    "<li><a href='/sport'>Sport</a></li></ul></nav></header>"
)
FOOT = "<footer><p>© 2026 Harbourline Gazette Ltd. All rights reserved.</p><a href='/privacy'>Privacy</a></footer>"
BYLINE = (
    "<div class='byline'>By <a href='/author/joanna-pell'>Joanna Pell</a></div>"
    "<time datetime='2026-12-07T07:15:00Z'>7 December 2026, 7:15am</time>"
)
COOKIE = (
    "<div id='cookie-banner'><p>We use cookies to improve your experience. By using this site you agree to our "
    "cookie policy.</p><button>Accept all</button></div>"
)
SHARE = "<div class='social-share'><a href='#'>Share on Facebook</a> <a href='#'>Share on X</a></div>"
BIO = (
    "<div class='author-bio'><img src='/j.jpg'><p><strong>Joanna Pell</strong> is the Gazette's local government "
    "reporter. She has covered Castlegate since 2019.</p></div>"
)
NEWSLETTER = (
    "<div class='newsletter-signup'><h3>Sign up for the Morning Tide</h3><p>Get the day's top stories from the "
    "Harbourline Gazette delivered to your inbox every morning.</p><form><input type='email'><button>Sign up"
    "</button></form></div>"
)
RELATED = (
    "<div class='related-stories'><h3>Related</h3><ul><li><a href='/r1'>Burst pipe closes Millbrook road for a "
    "week</a></li><li><a href='/r2'>Northvale Water fined over leaks</a></li></ul></div>"
)
LD = (
    '<script type="application/ld+json">'
    + json.dumps({"@type": "NewsArticle", "headline": HEADLINE, "author": {"@type": "Person", "name": "Joanna Pell"}})
    + "</script>"
)


def _page(body: str, head: str = "") -> str:
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{HEADLINE} | Harbourline Gazette"
        f"</title>{head}</head><body>{body}</body></html>"
    )


def _ps(paragraphs: tuple[str, ...]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def _edited(paragraphs: tuple[str, ...], i: int) -> tuple[str, ...]:
    words = paragraphs[i].split(" ")
    words[len(words) // 2] = "zebra"
    return (*paragraphs[:i], " ".join(words), *paragraphs[i + 1 :])


def _reads(template, paragraphs: tuple[str, ...]) -> None:
    """The body is the paragraphs exactly, and an edit of one word in any of them changes it."""
    body = extract(_page(*template(paragraphs)), URL).body
    assert body == paragraphs
    for i in range(len(paragraphs)):
        assert extract(_page(*template(_edited(paragraphs, i))), URL).body != body


FURNISHED = {
    "cookie-share-bio": lambda ps: (
        f"{COOKIE}{NAV}<main><article><h1>{HEADLINE}</h1>{BYLINE}{SHARE}<div class='article-body'>{_ps(ps)}</div>"
        f"{SHARE}{BIO}</article></main>{FOOT}",
    ),
    "newsletter-related": lambda ps: (
        f"{NAV}<article><h1>{HEADLINE}</h1>{BYLINE}{_ps(ps)}{NEWSLETTER}{RELATED}</article>{FOOT}",
    ),
}


@pytest.mark.parametrize("template", sorted(FURNISHED))
@pytest.mark.parametrize("size", [1, 2, 3])
def test_a_stub_beside_furniture_of_several_kinds_is_its_paragraphs(template: str, size: int) -> None:
    _reads(FURNISHED[template], STORY[:size])


LOOSE = {
    "after-byline-blocks": lambda ps: (
        f"{NAV}<article><h1>{HEADLINE}</h1><div class='byline'>By Joanna Pell</div><div class='date'>7 December "
        f"2026</div>{'<br><br>'.join(ps)}</article>{FOOT}",
    ),
    "alone-in-article": lambda ps: (
        f"{NAV}<main><h1>{HEADLINE}</h1><div class='byline'>By Joanna Pell</div><article class='story'>"
        f"{'<br><br>'.join(ps)}</article></main>{FOOT}",
    ),
    "alone-with-jsonld": lambda ps: (
        f"{NAV}<main><article class='story'>{'<br><br>'.join(ps)}</article></main>{FOOT}",
        LD,
    ),
    "alone-in-section": lambda ps: (
        f"{NAV}<div class='wrap'><h1>{HEADLINE}</h1><p class='byline'>By Joanna Pell</p><section class='text'>"
        f"{'<br><br>'.join(ps)}</section></div>{FOOT}",
    ),
}


@pytest.mark.parametrize("template", sorted(LOOSE))
@pytest.mark.parametrize("story", [STORY[:1], LONG, STORY[:2]], ids=["short", "long", "two"])
def test_a_story_set_straight_into_its_article_is_the_body(template: str, story: tuple[str, ...]) -> None:
    _reads(LOOSE[template], story)


BR_LINES = "<br>\n<br>"  # a paragraph break written on lines of its own
BROKEN_P = {
    "wordpress": lambda ps: (
        f"{NAV}<div class='site-content'><h1 class='entry-title'>{HEADLINE}</h1><span class='byline'>By Joanna "
        f"Pell</span><div class='entry-content'><p>{'<br><br>'.join(ps)}</p></div></div>{FOOT}",
    ),
    "spans-in-article": lambda ps: (
        f"{NAV}<article><h1>{HEADLINE}</h1>{BYLINE}<p><span>{BR_LINES.join(ps)}</span></p></article>{FOOT}",
    ),
}


@pytest.mark.parametrize("template", sorted(BROKEN_P))
@pytest.mark.parametrize("size", [2, 3])
def test_a_paragraph_of_br_separated_parts_is_read_as_its_paragraphs(template: str, size: int) -> None:
    """A CMS's editor that writes paragraph breaks as ``<br><br>`` inside one ``<p>``: each part of whole
    sentences is a paragraph of its own, so that a diff shows which of them changed."""
    _reads(BROKEN_P[template], STORY[:size])


def test_a_credit_paragraph_of_br_separated_lines_stays_one() -> None:
    """Lines that end no sentence (a credit's, an address's) are no paragraphs of their own: the credit's
    paragraph goes whole, as before, its broadcast line with its byline."""
    credit = (
        "<p class='credit text__byline'>Reporting: Joanna Pell and <a href='/a/tom'>Tom Reed</a><br><br>Broadcast: "
        "Harbour Radio, 07.12.2026, 8am</p>"
    )
    page = _page(f"{NAV}<article><h1>{HEADLINE}</h1><div class='article-body'>{_ps(STORY)}{credit}</div></article>")
    assert extract(page, URL).body == STORY


SHORT_STUBS = (
    "By Monday evening supply had been restored to most of the four hundred homes affected.",
    "Engineers said supply to the four hundred homes around Tanner Row and Millbrook would be back tonight.",
)
CARDS = "".join(
    f"<div class='card'><a href='/m{i}'><h3>Harbour story number {i} about the council budget and ferries</h3></a>"
    f"<p>An explainer on what the changes mean for residents of the town this winter.</p></div>"
    for i in range(5)
)
BESIDE = {
    "lead-picture": lambda ps: (
        f"{NAV}<article><h1>{HEADLINE}</h1>{BYLINE}<figure class='lead-image'><img src='/bridge.jpg' alt=''>"
        "<figcaption>Water pours across Tanner Row on Monday morning. Photograph: Sam Ode/Harbourline Gazette"
        f"</figcaption></figure>{_ps(ps)}</article>{FOOT}",
    ),
    "most-read-cards": lambda ps: (
        f"{NAV}<main><article><h1>{HEADLINE}</h1>{BYLINE}<div class='article-body'>{_ps(ps)}</div></article>"
        f"<div class='most-popular'><h2>Most read</h2>{CARDS}</div></main>{FOOT}",
    ),
    "related-cards-in-article": lambda ps: (
        f"{NAV}<main><article><h1>{HEADLINE}</h1>{BYLINE}<div class='article-body'>{_ps(ps)}</div>"
        f"<div class='related-content'><h3>Related</h3>{CARDS}</div></article></main>{FOOT}",
    ),
    "newsletter-form-in-article": lambda ps: (
        f"{NAV}<article><h1>{HEADLINE}</h1>{BYLINE}{_ps(ps)}{NEWSLETTER}</article>{FOOT}",
    ),
}


@pytest.mark.parametrize("template", sorted(BESIDE))
@pytest.mark.parametrize("stub", [*SHORT_STUBS, STORY[0]], ids=["by", "short", "story"])
def test_a_short_stub_beside_a_caption_or_other_stories_is_its_paragraph(template: str, stub: str) -> None:
    """A one-paragraph stub shorter than what stands beside it — its lead picture's caption, a "most read"
    block's cards, a related-stories block or a sign-up box holding more text than the stub itself: none of
    them is the story (nor a wrapper around it), and the stub is its one paragraph."""
    _reads(BESIDE[template], (stub,))


@pytest.mark.parametrize("size", [2, 3])
def test_a_count_beside_its_button_in_one_block_is_no_paragraph(size: int) -> None:
    """A platform's button and its count side by side in one block ("<button>Clap</button><span>245</span>"),
    below a story set in sections: the count goes with its button."""
    paragraphs = STORY[:size]
    page = _page(
        f"<article><div><section><div><h1>{HEADLINE}</h1><div><a href='/@joanna'>Joanna Pell</a><span>5 min read"
        "</span><span>Dec 7, 2026</span></div>"
        + "".join(f"<p class='pw-post-body-paragraph'>{p}</p>" for p in paragraphs)
        + "</div></section></div><div class='clap'><button>Clap</button><span>245</span></div></article>"
    )
    assert extract(page, URL).body == paragraphs


LONGER = (
    *STORY,
    "Northvale Water said the pipe was laid in the 1930s and had been due for replacement next spring as part of "
    "a wider programme of works.",
    "Castlegate bridge is expected to reopen to traffic on Tuesday morning once engineers have checked its "
    "foundations.",
)
APP_PROMO = (
    "<div class='inline-promo'><p><strong>Get breaking news alerts:</strong> <a href='/app'>Download the "
    "Harbourline app</a></p></div>"
)


@pytest.mark.parametrize("at", [1, 3])
def test_a_promotion_paragraph_beside_a_story_set_in_divs_is_no_share_of_it(at: int) -> None:
    """A story whose CMS sets its paragraphs in text-only ``<div>``s holds no ``<p>``: a promotion box's one
    ``<p>`` between them is all the page's paragraph text, yet no wrapper around the story — it goes."""

    def divs(paragraphs: tuple[str, ...]) -> str:
        return "".join(f"<div class='text-block'>{p}</div>" for p in paragraphs)

    page = _page(
        f"{NAV}<main><article><h1>{HEADLINE}</h1>{BYLINE}<div class='article-body'>{divs(LONGER[:at])}{APP_PROMO}"
        f"{divs(LONGER[at:])}</div></article></main>{FOOT}"
    )
    assert extract(page, URL).body == LONGER


POLL = (
    "<div class='poll'><h4>Have your say</h4><p>Should Northvale Water pay more compensation?</p><form>"
    "<label><input type='radio' name='v'> Yes</label><label><input type='radio' name='v'> No</label>"
    "<button>Vote</button></form></div>"
)


@pytest.mark.parametrize("at", [1, 3])
def test_a_poll_box_in_the_story_is_no_paragraph(at: int) -> None:
    """A box closed by a form of fields — a poll's heading and question above its radio buttons — set between
    the story's paragraphs: no paragraph of the story, its question included."""
    page = _page(
        f"{NAV}<main><article><h1>{HEADLINE}</h1>{BYLINE}<div class='article-body'>{_ps(LONGER[:at])}{POLL}"
        f"{_ps(LONGER[at:])}</div></article></main>{FOOT}"
    )
    assert extract(page, URL).body == LONGER

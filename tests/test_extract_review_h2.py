"""Invented pages for a second review of the probe-14 kinds: a story's dateline cuts only a timed update (and
only a real one: "PLACE (AGENCY) — The …"), text cut from a note goes back to the body, a table layout's story
cell is the headline's, a later <h1> after a logo's only when it is the story's, and people whose surnames
read like a publication's are people."""

from __future__ import annotations

import pytest

from monitor.extractors import extract
from monitor.extractors.notes import split_trailing_notes
from monitor.models import Note

URL = "http://127.0.0.1/news/pier"
STORY = (
    "<p>The council of Valmora met on Tuesday evening and agreed, after a debate that ran past midnight, to spend "
    "the reserve fund on the repairs that engineers had asked for since the spring.</p>"
    "<p>Residents who spoke at the meeting said the work was overdue, and several asked that the timetable be "
    "published on the town's website so that families could plan around the closures.</p>"
    "<p>The first phase starts next month and is expected to last eleven weeks, the council's works officer, "
    "Tamsin Orrell, told members.</p>"
)
SENTENCE = (
    "The harbour master said the repairs to the north quay would begin in the spring and take about six weeks to "
    "finish, weather permitting."
)


def _page(lead: str) -> str:
    return (
        "<html><head><title>Council approves harbour repairs - Valmora Post</title></head><body><article>"
        f"<h1>Council approves harbour repairs</h1><p>{lead}</p>{STORY}</article></body></html>"
    )


@pytest.mark.parametrize(
    "correction",
    [
        "Correction: An earlier version of this story named the wrong agency. NASA — not ESA — ran the test.",
        "Correction: An earlier version of this story gave the wrong town. Ostvik, Norway — not Valmora — hosts "
        "the race.",
    ],
    ids=["acronym", "place"],
)
def test_a_dash_inside_a_corrections_sentence_is_no_storys_dateline(correction: str) -> None:
    body, notes = split_trailing_notes([correction, SENTENCE, SENTENCE])
    assert notes == (Note("correction", correction),)
    assert body == (SENTENCE, SENTENCE)
    article = extract(_page(correction), URL)
    assert article.notes == (Note("correction", correction),)
    assert all("not ESA" not in paragraph and "not Valmora" not in paragraph for paragraph in article.body)


def test_the_story_cut_from_a_timed_update_at_its_dateline_goes_back_to_the_body() -> None:
    run_in = (
        "<strong>Update 2:15 p.m.:</strong> The ring road has reopened. A lorry overturned on the ring road early "
        "on Tuesday, blocking both lanes for six hours. The driver was taken to hospital with minor injuries, "
        "police said. Several tonnes of timber spilled across the carriageway."
    )
    article = extract(_page(run_in), URL)
    assert article.notes == (Note("update", "Update 2:15 p.m.: The ring road has reopened."),)
    assert article.body[0].startswith("A lorry overturned on the ring road early on Tuesday")
    update = "Update, 14:20: The ring road has reopened."
    story = "VALMORA, Norway (VNB) — A lorry overturned on the ring road early on Tuesday, blocking both lanes."
    body, notes = split_trailing_notes([f"{update} {story}", SENTENCE, SENTENCE])
    assert notes == (Note("update", update),) and body[0] == story
    plain = "Update: The ring road has reopened. VALMORA — The council met again on Tuesday to vote on the plans."
    _, notes = split_trailing_notes([plain, SENTENCE, SENTENCE])
    assert notes == (Note("update", "Update: The ring road has reopened."),)  # (as main: its first sentence)


def _teasers(count: int) -> str:
    return "".join(
        f'<p><a href="/s{i}">Ferry timetable changes for the summer</a> <font class="date">February {i + 1}, 2025'
        "</font><br>Operators said the new timetable reflects demand from commuters and visitors alike.</p>"
        for i in range(count)
    )


def test_a_table_layouts_story_cell_is_the_one_holding_its_h1() -> None:
    """A sidebar cell of teasers with more paragraph text than the story: the story's cell holds its <h1>, and
    the date there is the story's, not the first teaser's."""
    page = (
        "<html><head><title>Harbour repairs approved - Valmora Weekly</title></head><body><table><tr>"
        f'<td width="60%"><h1>Harbour repairs approved</h1><font class="date">March 3, 2025</font>{STORY}</td>'
        f'<td width="40%"><b>Recent stories</b>{_teasers(6)}</td></tr></table></body></html>'
    )
    article = extract(page, URL)
    assert article.published is not None and (article.published.month, article.published.day) == (3, 3)


@pytest.mark.parametrize("teasers", [1, 12])
def test_a_noise_named_cell_the_gate_leaves_out_never_counts_for_the_story_cell(teasers: int) -> None:
    """No <h1>: the story's cell is the one with the most paragraph text, none counted in a cell the exact gate
    leaves out (``class="sidebar"``): its teasers, however many, never move the date the gate vouches for."""
    page = (
        "<html><head><title>Harbour repairs approved - Valmora Weekly</title></head><body><table><tr>"
        '<td width="60%"><font size="5"><b>Harbour repairs approved</b></font><br>'
        f'<font class="date">March 3, 2025</font>{STORY}</td>'
        f'<td class="sidebar"><b>Recent stories</b>{_teasers(teasers)}</td></tr></table></body></html>'
    )
    article = extract(page, URL)
    assert article.published is not None and (article.published.month, article.published.day) == (3, 3)


_ENTRY = (
    '<div id="page"><h1 class="site-title"><a href="/">Valmora Notes</a></h1><div id="content">'
    f'<h2 class="entry-title">Council approves harbour repairs</h2><div class="entry-content">{STORY}</div></div>'
    "{box}</div>"
)


@pytest.mark.parametrize(
    ("title", "box", "wrong"),
    [
        ("Valmora Notes", '<div class="cta"><h1>Support local journalism</h1><p>Give today.</p></div>', "Support"),
        (
            "Valmora Notes",
            '<div class="next-up"><h1>Ferry fares to rise in spring</h1><p>Operators blame fuel costs.</p></div>',
            "Ferry",
        ),
        (
            "Council approves harbour repairs – Valmora Notes",
            '<div class="site-info"><h1>Valmora Notes Archive</h1></div>',
            "Archive",
        ),
    ],
    ids=["call to give", "next up", "site info"],
)
def test_a_later_h1_after_a_logos_is_the_headline_only_when_it_is_the_storys(title: str, box: str, wrong: str) -> None:
    page = f"<html><head><title>{title}</title></head><body>{_ENTRY.format(box=box)}</body></html>"
    assert wrong not in (extract(page, URL).headline or "")
    # named so by the page's og:title, the later <h1> is the story's wherever it stands
    named = box.split("<h1>")[1].split("</h1>")[0]
    tagged = page.replace("</title>", f'</title><meta property="og:title" content="{named}">')
    assert extract(tagged, URL).headline == named


def _jsonld_byline_page(byline: str) -> str:
    return (
        '<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
        '"headline": "Council agrees pier repairs", "author": {"@type": "Person", "name": "Ida Lorne"}}</script>'
        f'</head><body><article><h1>Council agrees pier repairs</h1><p class="byline">{byline}</p>{STORY}'
        "</article></body></html>"
    )


@pytest.mark.parametrize(
    "paper", ["Washington Post", "Miami Herald", "Detroit Free Press", "The Jerusalem Post", "Valmora Times"]
)
def test_a_syndicating_paper_beside_the_author_is_no_co_author(paper: str) -> None:
    # (review 3) a paper's name written like a person's ("Washington Post" as "Wiley Post"): no author; a person
    # with such a surname is not added either (JSON-LD's author stands: a co-author missed, never a paper named)
    assert extract(_jsonld_byline_page(f"By Ida Lorne, {paper}"), URL).authors == ("Ida Lorne",)
    # a paper written with its article ("The Jerusalem Post") is known for one: the co-author beside it is added
    joined = ("Ida Lorne", "Ben Ode") if paper.startswith("The ") else ("Ida Lorne",)
    assert extract(_jsonld_byline_page(f"By Ida Lorne and Ben Ode, {paper}"), URL).authors == joined
    assert extract(_jsonld_byline_page("By Ida Lorne and Ben Ode"), URL).authors == ("Ida Lorne", "Ben Ode")


def test_the_one_an_interview_is_with_is_no_co_author() -> None:
    page = _jsonld_byline_page("Interview by Ida Lorne with Ben Ode")
    assert extract(page, URL).authors == ("Ida Lorne",)
    assert extract(_jsonld_byline_page("By Ida Lorne with Ben Ode"), URL).authors == ("Ida Lorne", "Ben Ode")

"""Old pages laid out in nested tables (no <article>, no <main>, <font> tags): the body is the story cell's
paragraphs only — never the navigation row, a "most read" sidebar or the footer around it.

trafilatura turns each nesting level of such a page into a table of its own, siblings in its output: the story's
cell in one of them, the page's menus and link lists in the others.
"""

from __future__ import annotations

import pytest

from monitor.extractors import extract
from monitor.extractors.checks import assess

HEADLINE = "Ferry pier at Saltwick to close for repairs"
PARAGRAPHS = (
    "The ferry pier at Saltwick will close for six weeks from Monday while engineers replace rotten timber piles, "
    "the harbour trust said.",
    "Passengers will be taken by bus to the temporary landing stage at Cobb Point, about two miles along the coast "
    "road.",
    'Trust chairman Ewan Mottram said the work could not wait for the winter timetable. "Some of those piles are '
    'older than I am," he said.',
    "Season ticket holders will get a week's refund.",
)
SECTIONS = ("Home", "Local", "Region", "Farming", "Sport", "Letters")
NAV_ROW = (
    "<tr bgcolor='#224466'>"
    + "".join(
        f"<td class='navcell'><a href='/{s.lower()}.asp'><font color='white'><b>{s}</b></font></a></td>"
        for s in SECTIONS
    )
    + "</tr>"
)
NAV_LINE = (
    "<tr><td colspan='3'><font size='2'>"
    + " | ".join(f"<a href='/{s.lower()}.htm'>{s}</a>" for s in SECTIONS)
    + "</font></td></tr>"
)
TEASERS = (
    "Lifeboat crew called out twice in one night",
    "New car park charges start in May",
    "Saltwick school choir heads to national final",
    "Gull problem on the promenade, again",
)
SIDE_TABLE = (
    "<table width='150' cellpadding='3'><tr><td class='sidehead'><b>Most read</b></td></tr>"
    + "".join(f"<tr><td class='sidelink'><a href='/story.asp?id={i}'>{t}</a></td></tr>" for i, t in enumerate(TEASERS))
    + "</table>"
)
SIDE_LINES = (
    "<font size='2'><b>Top stories</b><br>"
    + "<br>".join(f"<a href='/s{i}.htm'>{t}</a>" for i, t in enumerate(TEASERS))
    + "</font>"
)


def _paragraphs(ps: tuple[str, ...]) -> str:
    return "<font face='Georgia'>" + "".join(f"<p>{p}</p>" for p in ps) + "</font>"


def _breaks(ps: tuple[str, ...]) -> str:
    return "<font face='Georgia'>" + "<br><br>\n".join(ps) + "</font>"


def _page(nav: str, side: str, story: str, *, side_right: bool = False) -> str:
    head = (
        f"<tr><td class='headline'><font size='5'><b>{HEADLINE}</b></font></td></tr>"
        "<tr><td class='byline'><font size='2'>By Morag Lindqvist, Chief Reporter</font></td></tr>"
        "<tr><td class='dateline'><font size='1'>Posted Tuesday, March 4, 2025 9:10 AM</font></td></tr>"
    )
    story_row = f"<tr><td class='storytext'>{story}</td></tr>"
    main = f"<td width='600' valign='top'><table width='600'>{head}{story_row}</table></td>"
    side_cell = f"<td width='160' valign='top' bgcolor='#EEEEEE'>{side}</td>"
    cells = f"{main}<td width='10'></td>{side_cell}" if side_right else f"{side_cell}<td width='10'></td>{main}"
    return (
        f"<html><head><title>{HEADLINE} | Saltwick Gazette</title></head><body><table width='100%'><tr>"
        f"<td align='center'><table width='780'><tr><td colspan='3'><img src='/masthead.gif' alt='Saltwick Gazette'>"
        f"</td></tr>{nav}<tr>{cells}</tr><tr><td colspan='3' class='footer'><font size='1'>© 2025 Saltwick Gazette | "
        "<a href='/contact.asp'>Contact</a></font></td></tr></table></td></tr></table></body></html>"
    )


@pytest.mark.parametrize("size", [2, 4])
@pytest.mark.parametrize(
    ("nav", "side", "story", "side_right"),
    [
        (NAV_ROW, SIDE_TABLE, _paragraphs, False),
        (NAV_ROW, SIDE_TABLE, _breaks, False),
        (NAV_LINE, SIDE_TABLE, _paragraphs, True),
        (NAV_LINE, SIDE_LINES, _breaks, True),
        (NAV_ROW, SIDE_LINES, _paragraphs, False),
    ],
    ids=["row-table-p", "row-table-br", "line-table-p-right", "line-lines-br-right", "row-lines-p"],
)
def test_a_table_laid_out_page_gives_only_the_story_cell(nav, side, story, side_right, size: int) -> None:
    paragraphs = PARAGRAPHS[:size]
    article = extract(_page(nav, side, story(paragraphs), side_right=side_right), "https://gazette.example/story.asp")
    assert article.body == paragraphs
    assert article.headline == HEADLINE
    assert assess(article, None) is None


def test_a_data_table_in_a_table_laid_out_page_stays() -> None:
    """A grid of figures in the story cell is story, though it holds no sentences."""
    grid = (
        "<table><tr><td>Crossing</td><td>Old fare</td><td>New fare</td></tr>"
        "<tr><td>Saltwick to Cobb Point</td><td>£2.40</td><td>£2.90</td></tr>"
        "<tr><td>Saltwick to Holm</td><td>£3.10</td><td>£3.60</td></tr></table>"
    )
    story = _paragraphs(PARAGRAPHS) + grid
    article = extract(_page(NAV_ROW, SIDE_TABLE, story), "https://gazette.example/story.asp")
    assert article.body[: len(PARAGRAPHS)] == PARAGRAPHS
    assert any("Cobb Point" in p and "£2.90" in p for p in article.body[len(PARAGRAPHS) :])
    assert not any(t in " ".join(article.body) for t in (*TEASERS, "Farming"))


STORY = (
    "Dunmere council voted on Tuesday to close the east quay car park for eighteen months while the harbour wall "
    "is rebuilt.",
    "The work will cost 4.2 million pounds, most of it from a coastal resilience grant, the finance officer said.",
    "Traders on Quay Street said they feared losing summer visitors and asked for a shuttle bus from Hollin Moor.",
    "A public meeting on the shuttle bus will be held at the Seamen's Institute on Thursday evening.",
)
STATIONS = ("Seamen's Institute, Quay Street", "Hollin Moor Village Hall", "Dunmere Library, Market Square")
LINKED_TABLES = {
    # a one-column table of links between the story's paragraphs
    "stations": "<table>"
    + "".join(f"<tr><td><a href='/map/{i}'>{s}</a></td></tr>" for i, s in enumerate(STATIONS))
    + "</table>",
    # a score line: the teams linked, the goals in cells of their own
    "score": "<table><tr><td><a href='/team/r'>Saltwick Rovers</a></td><td>3</td><td>1</td>"
    "<td><a href='/team/c'>Cobb Point Athletic</a></td></tr></table>",
    # a header row over linked names
    "candidates": "<table><tr><th>Candidate</th></tr>"
    + "".join(f"<tr><td><a href='/c/{i}'>{s}</a></td></tr>" for i, s in enumerate(STATIONS))
    + "</table>",
}


@pytest.mark.parametrize("where", [0, 2], ids=["first", "between"])
@pytest.mark.parametrize("kind", sorted(LINKED_TABLES))
def test_a_story_table_of_links_stays(kind: str, where: int) -> None:
    """A table of links in an article's story (polling stations, a score line, candidates under a header) is
    story, not a menu."""
    blocks = [f"<p>{p}</p>" for p in STORY]
    blocks.insert(where, LINKED_TABLES[kind])
    page = (
        "<html><head><title>Quay car park to close</title></head><body><nav><ul><li><a href='/'>Home</a></li>"
        "<li><a href='/news'>News</a></li></ul></nav><main><article><h1>Quay car park to close</h1>"
        f"{''.join(blocks)}</article></main><footer><p>Copyright 2026 Dunmere Courier.</p></footer></body></html>"
    )
    body = " ".join(extract(page, "https://courier.example/news/quay").body)
    assert all(p in body for p in STORY)
    assert "Cobb Point Athletic" in body if kind == "score" else all(s in body for s in STATIONS)


def test_linked_results_in_a_table_laid_out_page_stay() -> None:
    """A table of linked results in the story cell of a page laid out in tables is story; the sidebar's list of
    links and the navigation row are not."""
    results = ("Saltwick Rovers 3 Cobb Point 1", "Marlow Town 0 Hallam United 0", "Kestrel Park 1 Tidewell 1")
    table = "<table>" + "".join(f"<tr><td><a href='/r/{i}'>{r}</a></td></tr>" for i, r in enumerate(results))
    story = _paragraphs(PARAGRAPHS[:2]) + table + "</table>"
    body = extract(_page(NAV_ROW, SIDE_TABLE, story), "https://gazette.example/story.asp").body
    assert body[:2] == PARAGRAPHS[:2]
    assert all(r in " ".join(body) for r in results)
    assert not any(t in " ".join(body) for t in (*TEASERS, "Farming"))


def test_a_poem_in_a_table_laid_out_page_is_the_story() -> None:
    """A story in verse (lines that end no sentence) in a page laid out in tables: its cell is the story's, the
    menus and the sidebar's links are not, and the headline is not glued on."""
    stanzas = (
        ("The tide comes in on timber legs", "and goes out on the same", "the gulls keep count of all our days"),
        ("So build it back on oak and pitch", "and let the ferry call", "the town has built them all"),
    )
    intro = "Saltwick poet Mara Quell wrote these lines for the pier's reopening on Saturday."
    story = f"<p>{intro}</p>" + "".join("<p>" + "<br>".join(lines) + "</p>" for lines in stanzas)
    body = extract(_page(NAV_ROW, SIDE_TABLE, story), "https://gazette.example/story.asp").body
    assert body == (intro, *(" ".join(lines) for lines in stanzas))

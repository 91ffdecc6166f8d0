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

"""Review of this round's body rules, by kind: a story's italic quote beside a picture is no caption, a table
beside the story's text is the story's unless it is named as a widget's, a row of many inline elements is
markup (no spaces put in), CJK text and a compound's parts at a link's edge stay whole, a live blog's key points
are a summary (not a row of buttons, a list of contributors or filter tabs), and a picture's caption is no stub's
lede. All stories are invented."""

from __future__ import annotations

import pytest
from lxml.html import document_fromstring, fragment_fromstring

from monitor.extractors import extract
from monitor.extractors.body import space_inline_runs

URL = "https://fenwick-gazette.example/news/2025/06/ferry-pier"
HEADLINE = "Old ferry pier to reopen after storm repairs"


def _page(main: str, title: str = HEADLINE, lang: str = "en") -> str:
    return (
        f"<html lang='{lang}'><head><meta charset='utf-8'><title>{title} | Fenwick Gazette</title></head><body>"
        "<header><a href='/'>Fenwick Gazette</a><ul><li><a href='/news'>News</a></li><li><a href='/arts'>Arts</a>"
        f"</li></ul></header><main>{main}</main><footer><p>© Fenwick Gazette 2025</p></footer></body></html>"
    )


STORY = (
    "The old ferry pier at Fenwick will reopen on Saturday, three months after a winter storm tore away part of "
    "its deck and railings.",
    "Contractors replaced forty metres of timber decking and rebuilt the landing stage, the harbour board said in "
    "a statement on Monday.",
    "Ferries to the islands have used the fish quay since January, adding a quarter of an hour to each crossing.",
    "The board said the pier would be inspected again in the autumn before the next season of storms.",
)


# --- spaces between inline elements ---------------------------------------------------------------------------


def test_a_paragraph_of_thousands_of_word_spans_gets_no_spaces_put_in() -> None:
    words = "".join("<span>sea</span><span>Wall</span>" for _ in range(500))
    buttons = "<div><span>Share</span><span>Save</span></div>"
    tree = document_fromstring(f"<html><body><p>{words}</p>{buttons}</body></html>")
    space_inline_runs(tree)
    spans = list(tree.iter("span"))
    assert not any(span.tail for span in spans[:1000])  # a text's markup: left as it stands
    assert spans[1000].tail == " "  # a row of two buttons is still set apart


def test_spans_nested_in_spans_count_toward_their_blocks_markup() -> None:
    words = "".join("<span><span>sea</span><span>Wall</span></span>" for _ in range(300))
    tree = document_fromstring(f"<html><body><p>{words}</p></body></html>")
    space_inline_runs(tree)
    assert not any(span.tail for span in tree.iter("span"))


def test_cjk_text_split_over_two_links_stays_one_run() -> None:
    paragraph = fragment_fromstring(
        "<p><a href='/t/1'>港湾局</a><a href='/t/2'>职员</a>表示，码头将于周六重新开放。</p>"
    )
    space_inline_runs(paragraph)
    assert paragraph.text_content() == "港湾局职员表示，码头将于周六重新开放。"


def test_a_compounds_parts_at_a_links_edge_stay_one_word() -> None:
    paragraph = fragment_fromstring(
        "<p>Die <em>Stadt</em><a href='/t/verwaltung'>verwaltung</a> und der <a href='/t/see'>See</a>"
        "<a href='/t/hafen'>hafen</a> bleiben geöffnet.</p>"
    )
    space_inline_runs(paragraph)
    assert paragraph.text_content() == "Die Stadtverwaltung und der Seehafen bleiben geöffnet."


# --- a picture's caption in a block of its own ----------------------------------------------------------------


def _pictured(block: str, after: tuple[str, ...] = STORY[2:]) -> str:
    return _page(
        f"<article><h1>{HEADLINE}</h1><p class='by'>By Wren Castell</p><div class='story-text'>"
        + "".join(f"<p>{p}</p>" for p in STORY[:2])
        + f"<p><img src='/pier.jpg' alt=''></p>{block}"
        + "".join(f"<p>{p}</p>" for p in after)
        + "</div></article>"
    )


def test_a_quote_of_the_storys_in_italics_beside_a_picture_stays() -> None:
    quote = "“The pier is stronger now than it was before the storm,” the board's engineer, Ola Brandt, said."
    body = extract(_pictured(f"<p><em>{quote}</em></p>"), URL).body
    assert quote in body


def test_an_italic_caption_with_a_credit_beside_a_picture_is_no_paragraph() -> None:
    caption = "The new landing stage at low tide. Photo by Lise Arnt"
    body = extract(_pictured(f"<p><em>{caption}</em></p>"), URL).body
    assert body == STORY


def test_a_caption_repeating_a_storys_paragraph_takes_only_its_own_block_out() -> None:
    caption = f"<div><small>{STORY[2]}</small></div>"
    page = _page(
        f"<article><h1>{HEADLINE}</h1><p class='by'>By Wren Castell</p><div class='story-text'>"
        + f"<p>{STORY[0]}</p><div class='sep'><img src='/pier.jpg'></div>{caption}"
        + "".join(f"<p>{p}</p>" for p in STORY[1:])
        + "</div></article>"
    )
    body = extract(page, URL).body
    assert STORY[2] in body


# --- tables beside the story's text ---------------------------------------------------------------------------

VOTE = (
    "Voters in Ashby returned the Independents as the largest group on the parish council on Sunday.",
    "Turnout was 48 percent, up from 39 percent four years ago, and the count ended before midnight.",
    "The Independents won six of the eleven seats and will lead the council for the first time, ending a long run "
    "of Labour control that began in the 1990s.",
    "The seats each group won, as declared by the returning officer, are set out in the table below.",
)
RESULTS = "<table><tr><th>Group</th><th>Seats</th></tr><tr><td>Independents</td><td>6</td></tr><tr><td>Labour</td>"
RESULTS += "<td>3</td></tr><tr><td>Greens</td><td>2</td></tr></table>"


def test_a_plain_results_table_in_a_block_beside_the_storys_text_stays() -> None:
    title = "Independents take Ashby parish council"
    text = "<div class='text-part'>" + "".join(f"<p>{p}</p>" for p in VOTE) + "</div>"
    for blocks in (
        text + f"<div class='table-part'>{RESULTS}</div>",
        f"<div class='table-part'>{RESULTS}</div>" + text,
    ):
        page = _page(
            f"<article><h1>{title}</h1><p class='by'>By Wren Castell</p><div class='body'>{blocks}</div></article>",
            title,
        )
        body = extract(page, "https://fenwick-gazette.example/politics/ashby-count").body
        assert any("Independents" in p and "6" in p for p in body if p not in VOTE)
        assert all(p in body for p in VOTE)


def test_a_named_stats_block_beside_the_storys_text_is_no_body() -> None:
    title = "Independents take Ashby parish council"
    text = "<div class='text-part'>" + "".join(f"<p>{p}</p>" for p in VOTE) + "</div>"
    page = _page(
        f"<article><h1>{title}</h1><div class='body'>{text}<div class='stats-widget'>{RESULTS}</div></div></article>",
        title,
    )
    assert extract(page, "https://fenwick-gazette.example/politics/ashby-count").body == VOTE


# --- a live blog's key points ---------------------------------------------------------------------------------

LIVE_TITLE = "Heatwave live: hosepipe ban across the county from Friday"


def _live(above: str) -> str:
    entries = (
        ("2025-07-14T07:00:00Z", "Good morning: temperatures are expected to reach 34C in the county today."),
        ("2025-07-14T08:30:00Z", "The water company has confirmed that a hosepipe ban will begin on Friday."),
        ("2025-07-14T09:45:00Z", "Schools in the south of the county will close an hour early this afternoon."),
    )
    posts = "".join(
        f"<article class='post'><time datetime='{when}'>{when[11:16]}</time><p>{text}</p></article>"
        for when, text in reversed(entries)
    )
    return _page(f"<h1>{LIVE_TITLE}</h1>{above}<div class='feed'>{posts}</div>", LIVE_TITLE)


LIVE_URL = "https://fenwick-gazette.example/live/2025/jul/14/heatwave"


def _entries_only(body: tuple[str, ...]) -> bool:
    return len(body) == 3 and all(p.startswith("[2025-07-14") for p in body)


@pytest.mark.parametrize(
    "row",
    [
        "<ul class='tools'><li><button>Share</button></li><li><button>Follow</button></li><li>Print</li></ul>",
        "<div class='people'><span>Reporting:</span><ul><li>Wren Castell</li><li>Ola Brandt</li></ul></div>",
        "<div class='tabs'><ul><li>All updates</li><li>Pinned posts</li><li>Video</li></ul></div>",
    ],
)
def test_a_row_of_buttons_contributors_or_filter_tabs_below_the_headline_are_no_key_points(row: str) -> None:
    assert _entries_only(extract(_live(row), LIVE_URL).body)


def test_short_key_points_under_a_label_or_in_a_named_block_open_the_body() -> None:
    points = ("Hosepipe ban from Friday", "34C expected today")
    items = "<ul>" + "".join(f"<li>{p}</li>" for p in points) + "</ul>"
    for above in (
        f"<h2>Key points</h2>{items}",
        f"<div><p>Das Wichtigste</p>{items}</div>",
        f"<div class='live-highlights'>{items}</div>",
    ):
        body = extract(_live(above), LIVE_URL).body
        assert body[:2] == points, above
        assert _entries_only(body[2:])


def test_key_points_that_read_as_sentences_need_no_label() -> None:
    points = ("A hosepipe ban begins on Friday morning", "Temperatures could reach 34C in the county today")
    body = extract(_live("<ul>" + "".join(f"<li>{p}</li>" for p in points) + "</ul>"), LIVE_URL).body
    assert body[:2] == points


# --- a stub's lede --------------------------------------------------------------------------------------------

STUB = (
    "The old ferry pier at Fenwick will reopen on Saturday after storm repairs, the harbour board said.",
    "More details will follow.",
)


@pytest.mark.parametrize(
    "caption",
    [
        "<div class='pic'><img src='/pier.jpg'></div><div class='under'>{}</div>",
        "<div class='photo-caption'>{}</div>",
    ],
)
def test_a_pictures_caption_above_a_stub_is_no_lede(caption: str) -> None:
    text = "Workers lay the last planks on the pier deck at Fenwick on Monday afternoon."
    page = _page(
        f"<div class='head'><h1>{HEADLINE}</h1><p class='by'>By Wren Castell</p></div><div class='wrap'>"
        + caption.format(text)
        + "<div class='text'>"
        + "".join(f"<p>{p}</p>" for p in STUB)
        + "</div></div>"
    )
    assert text not in extract(page, URL).body

"""Story text the body's furniture checks must keep (second review of kinds14-b): a short story beside teaser
<article>s keeps its first read unless the second read holds every block of the story's own text, whatever its
length, markup or script; a table before the story's holding a fact box or a deck (in any script) is the story's;
a one-sentence paragraph closed by a picture's credit inside the story, no picture beside it, is the story's."""

from __future__ import annotations

import pytest

from monitor.extractors import extract

HEADLINE = "Pellow quarry footpath to reopen next month"
STUB = "The footpath around the old Pellow quarry will reopen on 3 March, the parish council said."
TEASERS = "".join(
    f"<li><article><h3><a href='/t/{i}'>{title}</a></h3><p class='teaser'>{dek}</p>"
    "<span class='by'>By Nia Quarrie</span></article></li>"
    for i, (title, dek) in enumerate(
        (
            ("Village shop changes hands", "The new owners plan to open a small café at the back in spring."),
            ("Bus 41 timetable to change", "Buses will leave the green ten minutes earlier on weekdays."),
            ("Choir raises £900 for hall", "The money will pay for a new boiler before the winter concerts."),
        )
    )
)


def _body(page: str) -> tuple[str, ...]:
    return extract(page, "https://pellow-gazette.example/news/881").body


def _teaser_page(rest: str) -> str:
    return (
        f"<html><head><title>{HEADLINE}</title></head><body><header><a href='/'>Pellow Gazette</a></header><main>"
        f"<article class='story'><h1>{HEADLINE}</h1><div class='by'>By <a href='/a/nia'>Nia Quarrie</a></div>"
        "<time datetime='2025-02-11T08:30:00Z'>08:30, 11 FEB 2025</time><div class='body'>"
        f"<p>{STUB}</p>{rest}</div></article>"
        f"<section class='most-read'><h2>Most Read</h2><ol>{TEASERS}</ol></section></main></body></html>"
    )


@pytest.mark.parametrize(
    ("rest", "shown"),
    [
        ("<div>Walkers <b>must keep</b> dogs on leads.</div>", "Walkers must keep dogs on leads."),
        ("<div>Parking is free.</div>", "Parking is free."),
        ("Parking is free.", "Parking is free."),
        ("<div>駐車場は無料です。</div>", "駐車場は無料です。"),
        ("<p><a href='/survey.pdf'>Read the quarry survey (PDF)</a></p>", "Read the quarry survey (PDF)"),
    ],
    ids=["split by <b>", "short sentence", "loose text", "CJK", "one link"],
)
def test_a_short_story_beside_teasers_loses_none_of_its_blocks(rest: str, shown: str) -> None:
    """A block of the story's own text the second read leaves out (split by inline markup, short, loose, in a
    script without spaces, a link): the first read is kept, all the story's text in it."""
    text = " ".join(_body(_teaser_page(rest)))
    assert STUB in text
    assert shown in text


LAYOUT = (
    "<html><head><title>Pellow Gazette - {hl}</title></head><body>"
    "<table width='100%'><tr><td><img src='/logo.gif'><br><a href='/'>Home</a> | <a href='/news'>News</a> | "
    "<a href='/events'>Events</a></td></tr></table>"
    "<table width='100%'><tr><td>{box}</td></tr></table>"
    "<table width='100%'><tr><td><h1>{hl}</h1>{story}</td></tr></table>"
    "<table><tr><td><a href='/a'>Village shop changes hands</a><br><a href='/b'>Ferry times change</a>"
    "</td></tr></table></body></html>"
)
EN_STORY = (
    "The footpath around the old Pellow quarry will reopen on 3 March after a landslip closed it last autumn.",
    "Contractors have built a new fence along the northern edge and cleared the fallen rock from the lower path.",
    "The parish council said walkers should still keep to the marked route while the banks settle this spring.",
)
JA_STORY = (
    "ペロウ採石場跡を一周する遊歩道は、昨秋の地滑りで閉鎖されていたが、三月三日に再開される。",
    "業者は北側の縁に新しい柵を設け、下の道に落ちた岩を取り除いた。",
    "教区議会は、土手が落ち着くまで、歩く人は決められた道を外れないよう呼びかけている。",
    "遊歩道の再開に合わせて、入り口の駐車場も広げられ、車椅子で使える新しいトイレも設けられる予定だという。",
    "地元の散歩の会は、再開の日に採石場の歴史を紹介する案内付きの散歩を開き、参加者を広く募っている。",
    "採石場は百年ほど前まで石を切り出していた場所で、今では珍しい鳥や草花が見られる自然の豊かな場所として知られ、"
    "週末には家族連れや写真を撮りに来る人たちでにぎわっていた。",
)


@pytest.mark.parametrize(
    ("box", "hl", "story", "kept"),
    [
        (
            "<b>AT A GLANCE</b><br>Length: 2.4 miles<br>Cost: £38,000<br>Dogs: on leads",
            HEADLINE,
            EN_STORY,
            "Cost: £38,000",
        ),
        ("<b>New fence built along northern edge</b>", HEADLINE, EN_STORY, "New fence built along northern edge"),
        ("<b>地滑りから半年、北側に新しい柵を設置</b>", "採石場の遊歩道、来月再開へ", JA_STORY, "北側に新しい柵を設置"),
    ],
    ids=["fact box", "short deck", "CJK deck"],
)
def test_a_fact_box_or_deck_in_a_table_before_the_storys_is_kept(
    box: str, hl: str, story: tuple[str, ...], kept: str
) -> None:
    page = LAYOUT.format(hl=hl, box=box, story="".join(f"<p>{p}</p>" for p in story))
    text = " ".join(_body(page))
    assert kept in text
    assert all(paragraph in text for paragraph in story)
    assert "Home" not in text


CAPTION_STORY = (
    "The footpath around the old Pellow quarry will reopen on 3 March after a landslip closed it last autumn.",
    "Contractors have built a new fence along the northern edge and cleared the fallen rock from the lower path.",
    "The parish council said walkers should still keep to the marked route while the banks settle this spring.",
)


@pytest.mark.parametrize(
    "line",
    [
        "The new fence cost £38,000. Photo: Nia Quarrie",
        "Councillor Ewan Tregear will open the path at ten (Photo: Parish Council)",
    ],
)
def test_a_story_paragraph_closed_by_a_credit_with_no_picture_beside_it_is_kept(line: str) -> None:
    """Inside the story, a one-sentence paragraph a credit closes is a caption only beside a picture."""
    story = (*CAPTION_STORY[:1], line, *CAPTION_STORY[1:])
    page = (
        f"<html><body><article><h1>{HEADLINE}</h1><div class='by'>By Nia Quarrie</div><div class='body'>"
        f"{''.join(f'<p>{p}</p>' for p in story)}</div></article></body></html>"
    )
    assert _body(page) == story
    pictured = page.replace(f"<p>{line}</p>", f"<div class='pic'><img src='/p.jpg'><p>{line}</p></div>")
    assert _body(pictured) == CAPTION_STORY


@pytest.mark.parametrize(
    ("box", "kept"),
    [
        ("<b>AT A GLANCE</b><br>Opens: early March<br>Dogs: on leads<br>Parking: free", "Dogs: on leads"),
        ("<b>KEY FACTS</b><br>Length: two miles<br>Cost: thirty thousand pounds", "Length: two miles"),
        ("<b>Path reopens</b><br>Fence rebuilt, rock cleared", "Fence rebuilt, rock cleared"),
        ("Weg öffnet wieder<br>Zaun erneuert", "Zaun erneuert"),
    ],
    ids=["labels without digits", "numbers in words", "deck over two short lines", "German deck"],
)
def test_a_box_of_short_lines_without_links_before_the_storys_table_is_kept(box: str, kept: str) -> None:
    """(review 3) Short labelled lines with no digit and no link are a box of the story's, not the layout's: a
    layout's table before the story's links somewhere (a logo's, a menu's)."""
    page = LAYOUT.format(hl=HEADLINE, box=box, story="".join(f"<p>{p}</p>" for p in EN_STORY))
    text = " ".join(_body(page))
    assert kept in text
    assert all(paragraph in text for paragraph in EN_STORY)
    assert "Home" not in text


def test_a_story_whose_body_is_an_inner_article_beside_teasers_loses_none_of_it() -> None:
    """(review 3) The story's body in an inner ``<article>`` is its own text: a second read that leaves a block
    of it out is not taken."""
    page = (
        _teaser_page("<div>Parking is free.</div>")
        .replace("<div class='body'>", "<article class='body'>")
        .replace("</div></article><section", "</article></article><section")
    )
    text = " ".join(_body(page))
    assert STUB in text
    assert "Parking is free." in text

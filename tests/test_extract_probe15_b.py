"""Body structure, by kind: a stub's lede in a text-only summary block before the story's paragraphs, two
inline elements a page's style shows apart (a row of buttons, a signature's name and place) never glued into one
word, and the other kinds of this round. The story's own paragraphs stay, whole and in order."""

from __future__ import annotations

from monitor.extractors import extract

URL = "https://harlow-wire.example/news/2025/03/tram-depot-fire"
HEADLINE = "Fire breaks out at Harlow tram depot"


def _body(page: str, url: str = URL) -> tuple[str, ...]:
    return extract(page, url).body


def _page(main: str, title: str = HEADLINE, lang: str = "en") -> str:
    return (
        f"<html lang='{lang}'><head><meta charset='utf-8'><title>{title} | Harlow Wire</title></head><body>"
        "<header><a href='/'>Harlow Wire</a><ul><li><a href='/news'>News</a></li><li><a href='/sport'>Sport</a>"
        f"</li></ul></header><main>{main}</main><footer><p>© Harlow Wire 2025</p></footer></body></html>"
    )


STUB = (
    "Firefighters are tackling a blaze at the Harlow tram depot on Mill Lane, where smoke has been seen for miles.",
    "Six crews were called to the depot at about 05:40 and the road has been closed in both directions.",
    "The tram operator said all services on the eastern line would be suspended until further notice.",
)


def test_a_stubs_lede_in_a_text_only_summary_block_is_its_first_paragraph() -> None:
    page = _page(
        f"<div class='story'><section class='mod'><header><h1>{HEADLINE}</h1>"
        "<p class='when'><time datetime='2025-03-11T06:10'>11 March 2025, 06:10</time></p></header>"
        f"<div class='story-body'><div class='intro-summary'>{STUB[0]}</div>"
        f"<div class='text'><div class='inner'><p>{STUB[1]}</p><p>{STUB[2]}</p></div></div></div>"
        "<div class='tools'><span>Share</span><a href='#'>X</a><a href='#'>Email</a></div></section></div>"
    )
    assert _body(page) == STUB


def test_a_lede_in_cjk_characters_is_a_sentence_too() -> None:
    paragraphs = (
        "消防によりますと、13日午前5時半ごろ、港町の倉庫から火が出て、およそ3時間後に消し止められました。",
        "この火事によるけが人はいないということです。",
        "警察と消防が火事の原因を調べています。",
    )
    title = "港町の倉庫で火事 けが人なし"
    page = _page(
        f"<section><h1>{title}</h1><div class='detail'><div class='lead'>{paragraphs[0]}</div>"
        f"<div class='body'><p>{paragraphs[1]}</p><p>{paragraphs[2]}</p></div></div></section>",
        title,
        "ja",
    )
    assert _body(page, "https://minato-news.example/n/20250313/a1.html") == paragraphs


def test_a_row_of_glued_button_labels_in_a_stub_is_no_paragraph() -> None:
    page = _page(
        f"<article><div class='hl'><h1><span>{HEADLINE}</span></h1></div><div class='byline'><div class='b'>"
        "<div class='t'><time datetime='2025-03-11T06:10:00Z'>1 hour ago</time></div>"
        "<span class='x1'>Listen</span><span class='x1'>Share</span><span class='x1'>Save</span></div></div>"
        "<div class='pic'><figure><img src='/depot.jpg' alt='The depot'><figcaption>The depot in 2019</figcaption>"
        "</figure></div>" + "".join(f"<div class='txt'><p>{p}</p></div>" for p in STUB) + "</article>"
    )
    body = _body(page)
    assert body == STUB
    assert not any("ShareSave" in p for p in body)


def test_two_inline_texts_a_page_shows_apart_are_never_glued() -> None:
    page = _page(
        f"<article><h1>{HEADLINE}</h1>"
        + "".join(f"<p>{p}</p>" for p in STUB)
        + "<p><strong>Quick facts</strong><span>Depot opened in 1998, houses 24 trams.</span></p></article>"
    )
    body = _body(page)
    assert not any("factsDepot" in p for p in body)


def test_a_drop_cap_stays_one_word() -> None:
    first = "The depot, built on the site of an old brewery, has housed the city's trams since the line opened."
    page = _page(
        f"<article><h1>{HEADLINE}</h1><p><span class='dropcap'>T</span>{first[1:]}</p>"
        + "".join(f"<p>{p}</p>" for p in STUB)
        + "</article>"
    )
    assert _body(page)[0] == first

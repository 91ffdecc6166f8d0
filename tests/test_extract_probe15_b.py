"""Body structure, by kind: a stub's lede in a text-only summary block before the story's paragraphs, two
inline elements a page's style shows apart (a row of buttons, a signature's name and place) never glued into one
word, and the other kinds of this round. The story's own paragraphs stay, whole and in order."""

from __future__ import annotations

from lxml.html import document_fromstring

from monitor.extractors import extract
from monitor.extractors.body import wrap_ledes
from monitor.extractors.lead import strip_furniture

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


def test_a_claps_count_below_a_posts_subtitle_is_no_paragraph() -> None:
    story = (
        "Three winters, one boiler.",
        "I have kept a notebook of every repair our building's boiler needed since the landlord changed, and the "
        "pattern is hard to miss once it is written down.",
        "The first winter it failed twice. The second it failed five times, and the third it failed eleven times.",
        "Every repair was a patch, and every patch was cheaper than the part the engineer said we needed.",
    )
    page = _page(
        "<article><div><h1>What a boiler's repair log says about a landlord</h1>"
        f"<h2 class='subtitle'>{story[0]}</h2><div class='who'><p><a href='/@lena'>Lena Vasquez</a></p>"
        "<span>6 min read</span> · <span>Feb 3, 2025</span></div><div class='bar'><div class='v'>"
        "<button aria-label='clap'><svg></svg></button><div class='count'><p><span>3.4K</span></p></div></div>"
        "<button aria-label='responses'><p><span>61</span></p></button></div>"
        + "".join(f"<p>{p}</p>" for p in story[1:])
        + "</div></article>",
        "What a boiler's repair log says about a landlord",
    )
    assert _body(page, "https://scribbles.example/@lena/boiler-log-4f2a") == story


def test_a_reporters_sign_off_closing_the_story_is_no_paragraph() -> None:
    paragraphs = (
        "시는 내년 1월부터 시내 공영주차장 12곳의 요금을 평균 20% 인상한다고 밝혔다.",
        "시 관계자는 주차장 운영비가 3년 사이 크게 늘어 요금 조정이 불가피하다고 설명했다.",
        "다만 장애인과 경차 이용자에 대한 감면 혜택은 그대로 유지된다.",
    )
    title = "공영주차장 요금 내년부터 20% 인상"
    page = _page(
        f"<div class='article'><h1>{title}</h1><div class='byline'>박준호 기자</div><div id='article-view'>"
        + "<br><br>".join(paragraphs)
        + "<br><br>박준호 기자 jhpark@saebyeol.example</div></div>",
        title,
        "ko",
    )
    assert _body(page, "https://saebyeol.example/news/articleView.html?idxno=88120") == paragraphs


def test_a_story_closing_with_a_sentence_about_a_reporter_keeps_it() -> None:
    paragraphs = STUB + ("The depot's night manager, a former reporter, raised the alarm.",)
    page = _page(f"<article><h1>{HEADLINE}</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article>")
    assert _body(page) == paragraphs


def test_a_count_in_a_multiple_below_the_first_paragraph_is_a_platforms() -> None:
    story = (
        "Three winters, one boiler.",
        "I have kept a notebook of every repair our building's boiler needed since the landlord changed.",
        "The first winter it failed twice. The second it failed five times.",
    )
    read = ("6 min read", story[0], "3.4K", *story[1:])  # beside the platform's line
    assert strip_furniture(read, ["What a boiler's repair log says"], []) == story
    timeline = ("The plant's history, in years.", "1998", "The plant opened.", "2004", "It was sold.")
    assert strip_furniture(timeline, ["A plant's history"], []) == timeline


REPORT = (
    "Kestrel Vale came from twelve points down at half-time to beat Orrin Bay and keep their hopes of a home "
    "semi-final alive on a wet afternoon at the Millbrook Ground.",
    "Orrin Bay had dominated the first forty minutes, scoring two tries through their wing Dafydd Marlow and "
    "turning down three kickable penalties in search of a third.",
    "The turning point came when Vale's replacement scrum-half Ruairi Denning sniped over from a ruck five "
    "minutes after the restart, and the home pack took control from there.",
    "“We stopped giving them the ball,” said Vale's head coach Marta Oyelaran. “It is as simple as that.”",
)
RUGBY_TITLE = "Kestrel Vale 24-19 Orrin Bay: Denning try sparks comeback"


def test_a_match_centres_tables_beside_the_report_are_no_body() -> None:
    page = _page(
        "<article class='report'><div class='scores'><table><tr><td>Kestrel Vale</td><td>24</td><td>19</td>"
        "<td>Orrin Bay</td></tr><tr><td>Tries: Denning, Lusk</td><td colspan='2'>FT</td><td>Tries: Marlow 2</td>"
        "</tr></table><p class='ground'>Millbrook Ground · Crowd: 6,120</p></div>"
        f"<h1>{RUGBY_TITLE}</h1><p class='by'>By Ivo Szabo</p>"
        "<div class='report-text'>" + "".join(f"<p>{p}</p>" for p in REPORT) + "</div>"
        "<section class='teams'><h2>Teams</h2><table><tr><th>Kestrel Vale</th><th>Orrin Bay</th></tr>"
        "<tr><td>Hale; Pryce, Lusk, Moran, Adebayo; Fenn, Quill</td><td>Marlow; Tudor, Okoro, Baines, Reece; "
        "Vaughan, Ellery</td></tr></table><p>Referee: Colm Adair</p></section>"
        "<section class='standings'><h2>Table</h2><table><tr><th>Pos</th><th>Team</th><th>Pts</th></tr>"
        "<tr><td>1</td><td>Orrin Bay</td><td>61</td></tr><tr><td>2</td><td>Kestrel Vale</td><td>58</td></tr>"
        "</table></section></article>",
        RUGBY_TITLE,
    )
    assert _body(page, "https://coastline-sport.example/rugby/2025/mar/08/vale-bay") == REPORT


def test_a_table_inside_the_storys_text_or_between_its_parts_stays() -> None:
    inside = _page(
        f"<article><h1>{RUGBY_TITLE}</h1><div class='report-text'>"
        + "".join(f"<p>{p}</p>" for p in REPORT[:2])
        + "<table><tr><td>Orrin Bay</td><td>61 points</td></tr><tr><td>Kestrel Vale</td><td>58 points</td></tr>"
        "</table>" + "".join(f"<p>{p}</p>" for p in REPORT[2:]) + "</div></article>",
        RUGBY_TITLE,
    )
    assert any("Orrin Bay" in p and "61" in p for p in _body(inside)[:4])
    between = _page(
        f"<article><h1>{RUGBY_TITLE}</h1><div class='part'>"
        + "".join(f"<p>{p}</p>" for p in REPORT[:3])
        + "</div><div class='standings'><table><tr><td>Orrin Bay</td><td>61 points</td></tr><tr><td>Kestrel "
        "Vale</td><td>58 points</td></tr></table></div><div class='part'>"
        f"<p>{REPORT[3]}</p><p>Vale travel to the league leaders' rivals Penmoor on Saturday week.</p></div>"
        "</article>",
        RUGBY_TITLE,
    )
    assert any("Orrin Bay" in p and "61" in p for p in _body(between))


def test_a_comments_heading_and_its_comments_below_the_story_are_no_body() -> None:
    paragraphs = (
        "L'amministrazione comunale ha annunciato che la piscina di via Roma riaprirà a settembre dopo due anni "
        "di lavori di ristrutturazione.",
        "I lavori, costati 3,2 milioni di euro, hanno riguardato la copertura, gli impianti e gli spogliatoi.",
        "Il sindaco ha detto che le tariffe resteranno invariate per il primo anno di apertura.",
    )
    title = "La piscina di via Roma riapre a settembre"
    page = _page(
        f"<article><h1>{title}</h1><div class='txt'>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</div><div class='lettori'><h3>Commenti (2)</h3><div class='c'><p>1. Era ora</p>"
        "<p>Marco, Borgo Nuovo</p></div><div class='c'><p>2. E il parcheggio?</p></div></div></article>",
        title,
        "it",
    )
    assert _body(page, "https://gazzetta-valle.example/cronaca/piscina-riapre") == paragraphs


def test_a_talkback_section_is_noise() -> None:
    page = _page(
        f"<article><h1>{HEADLINE}</h1>"
        + "".join(f"<p>{p}</p>" for p in STUB)
        + "<section class='talkbacks'><div class='talkback'><span class='title'>1. About time they fixed that"
        "</span><span class='who'>Gail, Mill Lane</span></div></section></article>"
    )
    assert _body(page) == STUB


def test_a_storys_closing_section_on_reactions_stays() -> None:
    paragraphs = (
        *STUB,
        "Reactions",
        "The depot's neighbours said they had complained about the smell of smoke for weeks before the fire.",
    )
    page = _page(f"<article><h1>{HEADLINE}</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article>")
    assert _body(page) == paragraphs


BLOG = (
    "The footbridge over Alder Creek at the end of Quarry Lane was closed this afternoon after a resident "
    "noticed two of its planks had split.",
    "A county inspector looked at the bridge at about 3 p.m. and said it would stay closed until the deck can "
    "be replaced, which could take several weeks.",
    "Walkers heading to the park can use the road bridge on Station Street in the meantime.",
)


def _blog(caption: str) -> str:
    return (
        "<html><head><title>Quarry Lane Notes: Alder Creek footbridge closed</title></head><body>"
        "<div class='header'><h1><a href='/'>Quarry Lane Notes</a></h1><p class='description'>What is "
        "happening on our street, written by neighbours.</p></div><div class='date-outer'><h2><span>Monday, April "
        "7, 2025</span></h2><div class='post hentry'><h3 class='post-title'>Alder Creek footbridge closed</h3>"
        "<div class='post-body entry-content'><div class='separator' style='clear: both;'><a href='/bridge.jpg'>"
        f"<img src='/s320/bridge.jpg' width='320'></a></div>{caption}<br>"
        + "<br><br>".join(BLOG)
        + "<div style='clear: both;'></div></div><div class='post-footer'>Posted by <span class='fn'>Iris "
        "Calloway</span></div></div></div></body></html>"
    )


def test_a_small_italic_caption_beside_a_blog_posts_picture_is_no_paragraph() -> None:
    caption = (
        "<div class='separator' style='clear: both;'><span style='font-size: small;'><em>The split planks, seen "
        "from the creek bank. Photo by a reader.</em></span></div>"
    )
    assert _body(_blog(caption), "https://quarrylane.blogspot.example/2025/04/alder-creek.html") == BLOG


def test_a_paragraph_in_the_storys_type_beside_a_picture_stays() -> None:
    first = "Neighbours had warned about the bridge for months, and two of them wrote to the county in January."
    page = _blog(f"<div class='separator'>{first}</div>")
    assert first in _body(page, "https://quarrylane.blogspot.example/2025/04/alder-creek.html")


def _live_page(summary: str) -> str:
    entries = (
        ("2025-10-02T07:05:00Z", "Good morning: the rivers are still rising along the Tarn valley this morning."),
        ("2025-10-02T08:40:00Z", "The county says a second bridge, at Hollin Ford, has been closed to traffic."),
        ("2025-10-02T09:55:00Z", "About 40 people spent the night at the rest centre in Wexby village hall."),
    )
    blocks = "".join(
        f"<article class='entry'><header><time datetime='{when}'>{when[11:16]}</time></header><p>{text}</p>"
        "<p>We will update this post as we hear more from the county and the river agency.</p></article>"
        for when, text in reversed(entries)
    )
    return _page(
        "<article class='live'><h1>Tarn valley floods live: bridges closed as rivers rise</h1>"
        f"{summary}<p class='by'>By Nell Hardacre</p><div class='entries'>{blocks}</div></article>",
        "Tarn valley floods live: bridges closed as rivers rise",
    )


POINTS = (
    "Two bridges over the Tarn are closed",
    "A flood warning is in place for Wexby and Hollin",
    "About 40 people spent the night in a rest centre",
)


def test_a_live_blogs_key_points_above_its_entries_open_its_body() -> None:
    summary = "<div class='summary'><ul>" + "".join(f"<li>{p}</li>" for p in POINTS) + "</ul></div>"
    body = _body(_live_page(summary), "https://dales-post.example/live/2025/oct/02/tarn-floods")
    assert body[:3] == POINTS
    assert len(body) == 6 and body[3].startswith("[2025-10-02 07:05Z] Good morning")


def test_a_live_blogs_jump_links_are_no_key_points() -> None:
    links = "<div class='pinned'><ul>" + "".join(f"<li><a href='#e{i}'>{p}</a></li>" for i, p in enumerate(POINTS))
    body = _body(_live_page(links + "</ul></div>"), "https://dales-post.example/live/2025/oct/02/tarn-floods")
    assert len(body) == 3 and all(p.startswith("[2025-10-02") for p in body)


def test_a_deck_above_a_longer_story_with_its_own_lede_stays_out() -> None:
    deck = "The depot's sheds were already due to be replaced, and the fire may speed that up."
    story = (
        *STUB,
        "The depot opened in 1998 and houses 24 of the city's 40 trams, as well as the network's only paint shop.",
        "A report to the transport committee last year said its roof and wiring would need replacing by 2030.",
        "Councillor Ines Portillo said the city would look again at plans for a new depot at Grange Sidings.",
    )

    def deck_read(paragraphs: tuple[str, ...]) -> bool:
        tree = document_fromstring(
            f"<html><body><div class='story'><h1>{HEADLINE}</h1><div class='content'><div class='deck'>{deck}</div>"
            "<div class='text'>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div></div></div></body></html>"
        )
        wrap_ledes(tree)
        return bool(tree.xpath("//div[@class='deck']/p"))

    assert not deck_read(story)
    assert deck_read(STUB[1:])  # above a stub's rest it is the stub's lede


def test_a_small_type_caption_in_the_pictures_own_table_cell_is_no_paragraph() -> None:
    paragraphs = (
        "A barn fire east of Millbrook destroyed about 900 bales of hay early Tuesday, the county fire chief said.",
        "Nobody was hurt, and crews from three departments kept the fire from spreading to the house next door.",
        "The cause is under investigation, but the chief said wet hay can heat up and catch fire on its own.",
    )
    page = (
        "<html><head><title>Millbrook Weekly Courier</title></head><body><table width='760'><tr><td>"
        "<a href='/'><img src='/logo.gif'></a></td></tr><tr><td valign='top'>"
        "<font size='5'><b>Hay barn fire destroys 900 bales east of Millbrook</b></font><br>"
        "<font size='2'>By Ruth Anselm</font><br><br><table align='right' width='180'><tr><td>"
        "<img src='/photos/barn.jpg' width='180'><br><font size='1'>The barn on Tuesday morning. (Courier photo "
        "by Ed Varga)</font></td></tr></table>"
        + "".join(f"<p><font size='2'>{p}</font></p>" for p in paragraphs)
        + "</td></tr></table></body></html>"
    )
    body = _body(page, "https://millbrookcourier.example/news/2025/05/barn-fire.html")
    assert not any("Courier photo" in p for p in body)
    assert body[-3:] == paragraphs


def test_a_byline_and_a_picture_credit_run_together_below_a_deck_are_no_paragraph() -> None:
    deck = "Along the old canal, a boatbuilder keeps a dying craft afloat, one plank at a time."
    story = (
        "The shed at the end of Lock Row smells of tar and oak shavings, and it has done for a hundred years.",
        "Mirela Voss took it over from her uncle in 2009, and she is now one of four people in the country who "
        "still build narrowboats by hand.",
    )
    read = (deck, "Text by Oskar Lindqvist Photography by Hanne Brisk", *story)
    assert strip_furniture(read, ["The last boatbuilder on Lock Row"], ["Oskar Lindqvist"]) == (deck, *story)


def test_an_authors_signature_with_a_place_below_the_deck_is_no_paragraph() -> None:
    deck = "A câmara aprovou o orçamento depois de seis horas de debate."
    story = (
        "A Câmara Municipal de Vila Serena aprovou na noite desta quarta-feira o orçamento para o próximo ano.",
        "O texto prevê um aumento de 8% nos gastos com saúde e educação.",
    )
    read = (deck, "Joana Prates Vila Serena", *story)
    assert strip_furniture(read, ["Câmara aprova orçamento"], ["Joana Prates"]) == (deck, *story)
    named = (deck, "Joana Prates Vila Serena", "Joana Prates disse que votou contra.", *story)
    assert strip_furniture(named, ["Câmara aprova orçamento"], ["Joana Prates"])[1:2] == (named[2],)


def test_a_label_and_its_link_side_by_side_are_never_glued() -> None:
    page = _page(
        f"<article><h1>{HEADLINE}</h1>"
        + "".join(f"<p>{p}</p>" for p in STUB)
        + "<p><span>Filed under</span><a href='/t/trams'>trams and depots</a></p></article>"
    )
    assert not any("undertrams" in p for p in _body(page))


def test_a_long_line_of_letters_is_no_sign_off() -> None:
    # (the pattern once backtracked for seconds on such a line; no timing asserted here, by the project's rule)
    from monitor.extractors.lead import is_sign_off

    assert not is_sign_off("a" * 118 + "!!")

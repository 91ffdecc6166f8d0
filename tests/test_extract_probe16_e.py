"""Body and notes, by kind (round 16): loose ``<br><br>``-separated text beside a block's blocks (an ad slot in a
stub's text, a table layout's <p> paragraphs followed by bare text) is read as paragraphs, the first run too; and
the other kinds of this round. The story's own paragraphs stay, whole and in order."""

from __future__ import annotations

from monitor.extractors import extract

URL = "https://lakeside-courier.example/news/2025/05/ferry-aground"
HEADLINE = "Ferry runs aground off Gullhaven"


def _body(page: str, url: str = URL) -> tuple[str, ...]:
    return extract(page, url).body


def _page(main: str, title: str = HEADLINE, lang: str = "en") -> str:
    return (
        f"<html lang='{lang}'><head><meta charset='utf-8'><title>{title} | Lakeside Courier</title></head><body>"
        "<header><a href='/'>Lakeside Courier</a><ul><li><a href='/news'>News</a></li><li><a href='/sport'>Sport"
        f"</a></li></ul></header><main>{main}</main><footer><p>© Lakeside Courier 2025</p></footer></body></html>"
    )


def test_loose_text_before_an_ad_slot_in_a_br_separated_stub_is_its_first_paragraph() -> None:
    paragraphs = (
        "11日午後3時ごろ、湖浜港の沖合でフェリーが浅瀬に乗り上げ、動けなくなりました。",
        "運航会社によりますと、乗客42人と乗員6人にけがはなく、全員が救命ボートで港に戻ったということです。",
        "海上保安部が事故の詳しい状況を調べています。",
    )
    title = "湖浜港沖でフェリー座礁 けが人なし"
    page = (
        f"<html lang='ja'><head><meta charset='utf-8'><title>{title}</title></head><body><div id='main'>"
        f"<div class='head'><span class='flash'>速報</span><h1>{title}</h1><p class='date'>"
        "<time datetime='2025-05-11T15:20'>2025年5月11日 15時20分</time></p>"
        "<div class='share'><a href='#'>ポスト</a><a href='#'>シェア</a></div></div>"
        f"<div class='txt'>\n{paragraphs[0]}<br><br>\n{paragraphs[1]}<br><br>\n"
        f"<div class='ad-box'><p class='ad-label'>広告</p><div id='slot-2'></div></div>\n{paragraphs[2]}\n</div>"
        "<p class='credit'>（湖浜新聞）</p><div class='rel'><h2>関連記事</h2><ul>"
        "<li><a href='/a'>港の朝市 最後の日に長い列</a></li>"
        "<li><a href='/b'>週末は冷え込み強まる</a></li></ul></div></div></body></html>"
    )
    # (the agency's credit after the text is no concern here)
    assert _body(page, "https://kohama-np.example/a/20250511-0042")[: len(paragraphs)] == paragraphs


def test_bare_text_after_a_tables_paragraphs_is_read_from_its_first_run() -> None:
    paragraphs = (
        "GULLHAVEN — The passenger ferry Northern Tern ran aground on a sandbank a mile off the harbour mouth on "
        "Sunday afternoon, leaving 48 people stranded for three hours.",
        "Coastguard crews reached the ferry within 40 minutes and took everyone ashore in two lifeboats.",
        "The harbour master said the channel had silted up after the winter storms and would be dredged.",
        "Services between Gullhaven and Skerry Point are suspended until the ferry has been inspected.",
        "“We were lucky it was calm,” said one passenger. “Nobody panicked.”",
    )
    page = (
        "<html><head><title>Lakeside Courier - Ferry runs aground off Gullhaven</title></head><body>"
        "<table width='900'><tr><td class='nav'><a href='/'>HOME</a> | <a href='/news'>NEWS</a></td></tr>"
        f"<tr><td><font size='5'><b>{HEADLINE}</b></font></td></tr>"
        "<tr><td class='story'><font face='Georgia'>"
        f"<p>{paragraphs[0]}</p><p>{paragraphs[1]}</p><p>{paragraphs[2]}</p>"
        "<center><font size='1'>ADVERTISEMENT</font><br><img src='/ads/bank.gif'></center>"
        f"\n{paragraphs[3]}<br><br>\n{paragraphs[4]}\n</font></td></tr></table></body></html>"
    )
    assert _body(page) == paragraphs

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


STORY = (
    "The passenger ferry Northern Tern ran aground on a sandbank off Gullhaven on Sunday afternoon.",
    "Coastguard crews took all 48 people aboard ashore in two lifeboats within the hour.",
    "Services to Skerry Point are suspended until the ferry has been inspected, the operator said.",
)
LATER = "The operator has promised the harbour board a full report on the grounding by the end of the month."


def test_a_paragraph_whose_br_separated_lines_the_read_took_one_by_one_comes_once() -> None:
    page = _page(
        f"<article class='post'><h1>{HEADLINE}</h1><div class='wrap'><div class='col'>"
        f"<div class='blk text-blk'><div class='blk-in'><p class='x'>{STORY[0]}<br>\n<br>\n{STORY[1]}<br>\n<br>\n"
        f"{STORY[2]}</p></div></div><div class='blk newsletter-blk'><div class='blk-in'><h2>Our weekly letter</h2>"
        "<form><input type='email'><button>Sign up</button></form></div></div>"
        f"<div class='blk text-blk'><div class='blk-in'><p class='x'>{LATER}</p></div></div></div></div></article>"
    )
    assert _body(page) == (*STORY, LATER)


def test_a_call_to_join_a_channel_in_a_bare_italic_paragraph_is_no_paragraph() -> None:
    paragraphs = (
        "В Приозёрске ночью сошёл с рельсов грузовой поезд, перевозивший щебень, движение по участку закрыто.",
        "Пострадавших нет, сообщили в региональном управлении железной дороги.",
        "Пассажирские поезда пропускают по соседнему пути с задержкой до полутора часов.",
    )
    title = "В Приозёрске сошёл с рельсов грузовой поезд"
    page = _page(
        f"<div class='news'><h1>{title}</h1><div class='text'>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "<p><em>Подписывайтесь на наш канал в </em><a href='https://t.me/priozersk_news_example'><em>Telegram"
        "</em></a><em>, чтобы не пропустить важное.</em></p></div></div>",
        title,
        "ru",
    )
    assert _body(page, "https://priozersk.example/news/12345/") == paragraphs


def test_a_bold_channel_call_among_like_paragraphs_is_no_paragraph_but_a_story_sentence_stays() -> None:
    paragraphs = (
        "A prefeitura de Vila Serena anunciou nesta terça-feira a reforma completa do mercado municipal.",
        "Os comerciantes serão transferidos para um galpão provisório durante os oito meses de obra.",
        "Moradores criaram um grupo no WhatsApp para acompanhar o andamento da reforma e cobrar prazos.",
    )
    title = "Mercado municipal de Vila Serena será reformado"
    cell = "<div class='col txt'><p class='txt__p'>{}</p></div>"
    page = _page(
        f"<article><h1>{title}</h1>"
        + cell.format(paragraphs[0])
        + cell.format(paragraphs[1])
        + cell.format("🔔 <strong>Siga o canal do Diário Serrano no WhatsApp</strong>")
        + cell.format(paragraphs[2])
        + "</article>",
        title,
        "pt-BR",
    )
    assert _body(page, "https://diarioserrano.example/2025/06/mercado.ghtml") == paragraphs


def test_a_donation_appeal_in_its_own_block_after_the_story_is_no_paragraph() -> None:
    page = _page(
        f"<article><h1>{HEADLINE}</h1><div class='body'>"
        + "".join(f"<p>{p}</p>" for p in STORY)
        + "</div><div class='blk'><div class='blk-in'><p><em>The Lakeside Courier is an independent newsroom. "
        "Please consider making a donation so we can keep covering the coast.</em></p></div></div></article>"
    )
    assert _body(page) == STORY


def test_a_portuguese_errata_box_headed_erramos_is_a_correction_note() -> None:
    paragraphs = (
        "A prefeitura de Vila Serena anunciou nesta terça-feira a reforma completa do mercado municipal, "
        "fechado desde o incêndio de março.",
        "Os comerciantes serão transferidos para um galpão provisório durante os oito meses de obra.",
        "A reforma foi orçada em R$ 12 milhões, segundo a Secretaria de Obras.",
    )
    title = "Mercado municipal de Vila Serena será reformado"
    correction = (
        "Na versão anterior desta matéria, o custo da reforma foi informado como R$ 21 milhões. "
        "O valor correto é R$ 12 milhões."
    )
    page = _page(
        f"<article><h1>{title}</h1><div class='materia'>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + f"<div class='box-errata'><strong class='box-errata__label'>Erramos</strong><p>{correction}</p></div>"
        "</div></article>",
        title,
        "pt-BR",
    )
    article = extract(page, "https://diarioserrano.example/2025/06/mercado.ghtml")
    assert article.body == paragraphs
    assert [note.kind for note in article.notes] == ["correction"]
    assert correction in article.notes[0].text


def test_a_correction_opening_unlike_what_was_published_before_is_a_note_but_a_story_contrast_stays() -> None:
    paragraphs = (
        "A Câmara de Pedra Alta aprovou nesta quarta-feira o novo plano de transporte coletivo da cidade.",
        "Diferentemente do que foi prometido pelo prefeito na campanha, a tarifa não será congelada em 2026.",
        "O plano prevê duas novas linhas de ônibus ligando os bairros da zona norte ao centro.",
    )
    title = "Câmara aprova plano de transporte de Pedra Alta"
    correction = "Diferentemente do que foi publicado anteriormente, a votação teve 11 votos a favor, e não 12."
    page = _page(
        f"<article><h1>{title}</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs) + f"<p><em>{correction}</em></p>"
        "</article>",
        title,
        "pt-BR",
    )
    article = extract(page, "https://pedraalta-hoje.example/politica/2025/06/plano-transporte")
    assert article.body == paragraphs
    assert [(note.kind, note.text) for note in article.notes] == [("correction", correction)]


def test_an_edit_to_an_errata_box_or_a_portuguese_correction_in_page_furniture_changes_the_gates_digest() -> None:
    from monitor.extractors import EXTRACTOR_VERSION
    from monitor.extractors.gate import page_digest

    url = "https://diarioserrano.example/2025/06/mercado.ghtml"
    story = "".join(f"<p>{p}</p>" for p in STORY)

    def page(errata: str, aside: str) -> str:
        return _page(
            f"<article><h1>{HEADLINE}</h1>{story}<div class='errata'><h3>Erramos</h3><p>{errata}</p></div>"
            f"<div class='ad-slot'>{aside}</div></article>"
        )

    errata = "Diferentemente do que foi publicado anteriormente, a balsa leva 48 passageiros, e não 84."
    base = page(errata, "Publicidade")
    sealed = extract(base, url).extractor.get("gate")
    assert sealed is not None
    assert page_digest(base, url, encoding=None, rule=None, version=EXTRACTOR_VERSION) == sealed
    edits = (
        page(errata.replace("48", "46"), "Publicidade"),
        page(errata, "Na versão anterior desta reportagem, o nome do porto estava errado."),
    )
    for edited in edits:
        assert page_digest(edited, url, encoding=None, rule=None, version=EXTRACTOR_VERSION) != sealed


def test_a_read_also_pointer_in_argentine_voseo_is_no_paragraph() -> None:
    paragraphs = (
        "Un camión cargado con garrafas volcó esta mañana en la ruta 40, a la altura de Villa Sauces.",
        "El conductor sufrió heridas leves y fue trasladado al hospital regional.",
        "La ruta quedó habilitada a media calzada mientras se retira la carga.",
    )
    title = "Vuelca un camión con garrafas en la ruta 40"
    page = _page(
        f"<article><h1>{title}</h1><div class='nota'><p>{paragraphs[0]}</p><p>{paragraphs[1]}</p>"
        "<p><strong>Leé además:</strong> <a href='/2025/03/02/corte-ruta-40/'>Cortes en la ruta 40 por obras</a></p>"
        "<p><b>MIRÁ TAMBIÉN:</b> <a href='/2025/03/01/garrafas-precio/'>Sube otra vez la garrafa social</a></p>"
        f"<p>{paragraphs[2]}</p></div></article>",
        title,
        "es-AR",
    )
    assert _body(page, "https://eldiariodelsur.example/2025/03/03/vuelca-camion/") == paragraphs


def test_a_broadcasters_on_air_box_or_line_is_no_paragraph() -> None:
    paragraphs = (
        "Wegen eines Stellwerksausfalls fallen zwischen Hafenstadt und Marschkoog seit dem Morgen alle Züge aus.",
        "Die Bahn hat einen Ersatzverkehr mit Bussen eingerichtet, die Fahrt dauert rund 40 Minuten länger.",
        "Wann der Schaden behoben ist, konnte ein Sprecher noch nicht sagen.",
    )
    title = "Stellwerksausfall: Keine Regionalzüge nach Marschkoog"
    page = _page(
        f"<article><h1>{title}</h1>"
        + "".join(f"<p class='absatz'>{p}</p>" for p in paragraphs)
        + "<div class='infokasten sendehinweis'><strong>Dieses Thema im Programm:</strong>"
        "<span>Küstenwelle am 12. Mai 2025 um 07:30 Uhr</span></div>"
        "<p class='absatz'><em>Über dieses Thema berichtete Küstenwelle TV am 12. Mai 2025 um 19:30 Uhr.</em></p>"
        "</article>",
        title,
        "de",
    )
    assert _body(page, "https://kuestenwelle.example/nachrichten/stellwerk-100.html") == paragraphs


def test_a_consent_box_named_for_a_privacy_law_is_no_paragraph() -> None:
    paragraphs = (
        "ตำรวจภูธรจังหวัดแจ้งว่า เมื่อเช้าวันนี้เกิดเหตุรถบรรทุกพลิกคว่ำบนทางหลวงสายหลัก ไม่มีผู้ได้รับบาดเจ็บ",
        "เจ้าหน้าที่ได้ปิดการจราจรช่องทางซ้ายเป็นการชั่วคราวเพื่อเคลื่อนย้ายรถออกจากพื้นที่",
        "คาดว่าการจราจรจะกลับมาเป็นปกติในช่วงบ่ายวันนี้",
    )
    title = "รถบรรทุกพลิกคว่ำบนทางหลวง ไม่มีผู้บาดเจ็บ"
    page = (
        f"<html lang='th'><head><meta charset='utf-8'><title>{title}</title></head><body>"
        "<div class='gdpr-bar'><p>เราใช้คุกกี้เพื่อให้ท่านได้รับประสบการณ์ที่ดีที่สุด อ่านเพิ่มเติมได้ที่ "
        "<a href='/privacy'>นโยบายความเป็นส่วนตัว</a></p><button>ยอมรับ</button></div>"
        f"<div class='wrap'><div class='detail'><h1>{title}</h1>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</div></div></body></html>"
    )
    assert _body(page, "https://khao-nuea.example/news/88121") == paragraphs


def test_a_tag_list_of_one_block_per_tag_goes_with_its_label() -> None:
    paragraphs = (
        "W nocy z wtorku na środę w Zielonym Jarze doszło do pożaru hali magazynowej przy ulicy Fabrycznej.",
        "Na miejsce skierowano dziewięć zastępów straży pożarnej, nikt nie został ranny.",
        "Przyczyny pożaru ustala policja pod nadzorem prokuratury.",
    )
    title = "Pożar hali magazynowej w Zielonym Jarze"
    page = _page(
        f"<article><h1>{title}</h1><div class='text'>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</div><div class='fld fld-keywords'><div class='fld-label'>Słowa kluczowe</div><div class='fld-items'>"
        "<div class='fld-item'><a href='/tagi/pozar'>pożar</a></div>"
        "<div class='fld-item'><a href='/tagi/straz-pozarna'>straż pożarna</a></div></div></div></article>",
        title,
        "pl",
    )
    assert _body(page, "https://zielonyjar24.example/wiadomosci/pozar-hali") == paragraphs


def test_a_print_subscription_box_is_no_paragraph_but_a_story_sentence_about_subscriptions_stays() -> None:
    paragraphs = (
        *STORY,
        "The ferry company said season-ticket holders could subscribe now and save on next year's fares.",
    )
    page = _page(
        f"<article><h1>{HEADLINE}</h1><div class='body'>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</div><div id='blk-7' class='blk blk-custom'><div class='inner'><p><strong>Like the Courier?</strong> "
        "Get the paper delivered every Saturday. <a href='/shop'>Subscribe today and save 30%</a>.</p></div></div>"
        "</article>"
    )
    assert _body(page) == paragraphs


def test_a_table_layouts_tools_row_and_the_readers_comments_below_its_story_are_no_paragraphs() -> None:
    paragraphs = (
        "PORT ELLIS — For forty years, Conrado Vidal has mended the nets of the Port Ellis fleet in a shed at the "
        "end of the pier, working by hand with a wooden needle his father carved.",
        "Only three net-menders remain in the town, down from more than thirty in the 1990s, when synthetic nets "
        "began to arrive ready-made from factories on the mainland.",
        "“A net tells you how the boat fished,” he said. “Every tear has a story.”",
        "The town council has offered a small grant to anyone willing to learn the trade from him.",
        "So far, two teenagers have signed up, and they come to the shed every Sunday after mass.",
    )
    page = (
        "<html><head><title>Island Tribune Online - The net-mender of Port Ellis</title></head><body>"
        "<table width='980'><tr><td colspan='2'><a href='/'>HOME</a> | <a href='/news.php'>NEWS</a> | "
        "<a href='/features.php'>FEATURES</a></td></tr><tr><td width='700'><table width='100%'>"
        "<tr><td><font size='5'><b>The net-mender of Port Ellis</b></font></td></tr>"
        "<tr><td><font size='2'><b>By Lito Ramos</b>, Staff Writer<br>Posted: May 1, 2025 9:00 PM</font><br>"
        "<font size='1'><a href='/print.php?id=4411'>Print this story</a> | <a href='/mail.php?id=4411'>"
        "Email to a friend</a> | <a href='#comments'>Comments (2)</a></font></td></tr>"
        "<tr><td class='storytext'><font face='Georgia'>"
        + "".join(f"<p>{p}</p>" for p in paragraphs[:3])
        + f"\n{paragraphs[3]}<br><br>\n{paragraphs[4]}\n</font></td></tr>"
        "<tr><td><font size='1'>Copyright © 2025 Island Tribune. All rights reserved.</font></td></tr>"
        "<tr><td><a name='comments'></a><b>Comments (2)</b><br><table width='100%'>"
        "<tr><td><font size='1'><b>bayani77</b> wrote on May 2, 2025 7:45 AM:<br>My grandfather was a net-mender "
        "too. Good to read this.</font></td></tr><tr><td><font size='1'><b>Ellen T.</b> wrote on May 2, 2025 "
        "10:02 AM:<br>How can the young ones apply for the grant?</font></td></tr></table></td></tr>"
        "</table></td><td width='280'><b>MOST READ</b><br>1. <a href='/news.php?id=4409'>Ferry fares to rise in "
        "June</a><br>2. <a href='/news.php?id=4405'>Typhoon signal lifted over the islands</a><br>3. "
        "<a href='/news.php?id=4402'>Port Ellis fiesta draws record crowd</a></td></tr></table></body></html>"
    )
    assert _body(page, "https://islandtribune.example/features.php?id=4411") == paragraphs


def test_a_row_of_tools_with_a_comments_count_is_no_paragraph() -> None:
    page = _page(
        f"<article><h1>{HEADLINE}</h1><p>By Lito Ramos</p>"
        "<p><a href='/print/4411'>Printer-friendly version</a> | <a href='/mail/4411'>E-mail this story</a> | "
        "<a href='#comments'>Comments (4)</a></p>" + "".join(f"<p>{p}</p>" for p in STORY) + "</article>"
    )
    assert _body(page) == STORY


def test_a_table_layouts_ranked_list_of_links_and_its_label_are_no_paragraphs() -> None:
    paragraphs = (
        "PORT ELLIS — For forty years, Conrado Vidal has mended the nets of the Port Ellis fleet in a shed at the "
        "end of the pier, working by hand with a wooden needle his father carved.",
        "Only three net-menders remain in the town, down from more than thirty in the 1990s, when synthetic nets "
        "began to arrive ready-made from factories on the mainland.",
        "“A net tells you how the boat fished,” he said. “Every tear has a story.”",
        "The town council has offered a small grant to anyone willing to learn the trade from him.",
    )
    most_read = ("Ferry fares to rise in June", "Typhoon signal lifted over the islands", "Fiesta draws record crowd")
    page = (
        "<html><head><title>Island Tribune Online - The net-mender of Port Ellis</title></head><body>"
        "<table width='980'><tr><td colspan='2'><a href='/'>HOME</a> | <a href='/news.php'>NEWS</a> | "
        "<a href='/features.php'>FEATURES</a></td></tr><tr><td width='700'><table width='100%'>"
        "<tr><td><font size='5'><b>The net-mender of Port Ellis</b></font></td></tr>"
        "<tr><td class='storytext'><font face='Georgia'>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</font></td></tr>"
        "<tr><td><font size='1'>Copyright © 2025 Island Tribune. All rights reserved.</font></td></tr>"
        "</table></td><td width='280'><table width='100%'><tr><td><b>MOST READ</b></td></tr><tr><td><font size='1'>"
        + "<br>".join(f"{i}. <a href='/news.php?id={40 + i}'>{t}</a>" for i, t in enumerate(most_read, 1))
        + "</font></td></tr></table></td></tr></table></body></html>"
    )
    assert _body(page, "https://islandtribune.example/features.php?id=4412") == paragraphs


def test_lines_of_loose_text_after_a_blocks_paragraphs_are_read_with_single_breaks_too() -> None:
    lines = (
        "1. Turn off the water at the stopcock and unplug electrical appliances.",
        "2. Move valuables and medicines upstairs.",
        "3. Do not walk or drive through flood water.",
    )
    head = (
        "The river Alde burst its banks at Marrow Bridge overnight and water is still rising in the lower town.",
        "The fire service has begun moving residents of Quay Street to the leisure centre.",
        "The council issued this advice to everyone living near the river:",
    )
    for markup in (
        "<div class='txt'>{}</div>",
        "<table><tr><td class='txt'><font face='Georgia'>{}</font></td></tr></table>",
    ):
        inner = "".join(f"<p>{p}</p>" for p in head) + "<br>\n".join(lines)
        page = _page(f"<h1>{HEADLINE}</h1>" + markup.format(inner))
        assert _body(page) == (*head, " ".join(lines))

"""Authors on invented pages (probe 16's kinds): a wire sign-off's reporters where the structured data names only
an agency, a closing credit after the story (a CJK paper's bracketed desk and name, a bold right-aligned name), a
person the page labels its editor, an Arabic "wrote:" label, a Drupal "Autor" field."""

from __future__ import annotations

import json

import pytest

from monitor.extractors import EXTRACTOR_VERSION, extract
from monitor.extractors.gate import page_digest

URL = "https://www.tarnwick-courier.example/news/2026/harbour-dredging"
STORY = (
    "<p>The harbour authority of Tarnwick will begin dredging the outer channel next week, ending months of "
    "delays that left two cargo lines diverting their ships to ports further along the coast.</p>"
    "<p>Pilots had warned since the summer that silt banks narrowed the channel at low tide, and one grain "
    "carrier ran aground briefly in September before tugs pulled it free.</p>"
    "<p>The work is expected to take nine weeks and will cost about 14 million crowns, the authority said, most "
    "of it paid from a fund set aside after the storms of two winters ago.</p>"
)


def _page(
    closing: str = "",
    *,
    ld_authors: list[dict[str, str]] | None = None,
    byline: str = "",
    lang: str = "en",
    story: str = STORY,
    around: str = "",
) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Dredging of Tarnwick channel"}
    if ld_authors is not None:
        data["author"] = ld_authors  # type: ignore[assignment]
    return (
        f'<html lang="{lang}"><head><meta charset="utf-8"><title>Dredging of Tarnwick channel | Tarnwick Courier'
        f'</title><script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script></head><body>'
        f"<article><h1>Dredging of Tarnwick channel</h1>{byline}<div class='body'>{story}{closing}</div>{around}"
        "</article></body></html>"
    )


AGENCY = [{"@type": "Person", "name": "Continental News Service"}]


@pytest.mark.parametrize(
    ("closing", "ld_authors", "authors"),
    [
        (  # the reporters and the writer, each filing from a city; never the editor
            "<p>(Reporting by Ines Carvalho in Tessaly and Rui Okafor in Bremholt; Writing by Maya Lund; "
            "Editing by Paul Streck)</p>",
            AGENCY,
            ("Ines Carvalho", "Rui Okafor", "Maya Lund"),
        ),
        (  # JSON-LD names the agency as an organisation, the sign-off a reporter
            '<div class="attribution"><p class="signoff">(Reporting by Tomasz Brill; Editing by Aino Koski)</p></div>',
            [{"@type": "Organization", "name": "Continental News Service"}],
            ("Tomasz Brill",),
        ),
        (  # "Additional reporting by" names a contributor, not an author
            "<p>(Reported by Sadia Rahman, additional reporting by Olu Bakare; Editing by Jo Finch)</p>".replace(
                ", additional", "; Additional"
            ),
            None,
            ("Sadia Rahman",),
        ),
        (  # a person JSON-LD names stays the author
            "<p>(Reporting by Ines Carvalho; Editing by Paul Streck)</p>",
            [{"@type": "Person", "name": "Hedda Strand"}],
            ("Hedda Strand",),
        ),
    ],
    ids=["reporters-and-writer", "organisation-only", "additional-reporting", "jsonld-person-stays"],
)
def test_a_wire_sign_off_names_its_reporters_and_is_no_body(
    closing: str, ld_authors: list[dict[str, str]] | None, authors: tuple[str, ...]
) -> None:
    article = extract(_page(closing, ld_authors=ld_authors), URL)
    assert article.authors == authors
    assert not any("Editing by" in paragraph for paragraph in article.body)
    assert article.body[-1].startswith("The work is expected")


def test_a_sign_off_naming_only_an_editor_is_no_body_and_no_author() -> None:
    article = extract(_page("<p>(Editing by Paul Streck)</p>", ld_authors=AGENCY), URL)
    assert article.authors == ()
    assert article.body[-1].startswith("The work is expected")


@pytest.mark.parametrize(
    ("closing", "lang", "author"),
    [
        ("<p>（社会部 佐藤健一）</p>", "ja", "佐藤健一"),  # the desk and the reporter
        ("<p>（上海支局 林雨桐）</p>", "zh", "林雨桐"),
        ('<p style="text-align: right"><strong>Lan Hương</strong></p>', "vi", "Lan Hương"),
        ('<p align="right"><b>Đỗ Quang Vinh</b></p>', "vi", "Đỗ Quang Vinh"),
    ],
    ids=["ja-desk", "zh-bureau", "vi-bold-right", "vi-align-right"],
)
def test_a_closing_credit_names_the_author_and_is_no_body(closing: str, lang: str, author: str) -> None:
    article = extract(
        _page(closing, ld_authors=[{"@type": "Organization", "name": "Tarnwick Shimbun"}], lang=lang), URL
    )
    assert article.authors == (author,)
    assert article.body[-1].startswith("The work is expected")


def test_a_bold_line_that_is_no_name_or_not_right_aligned_names_no_one() -> None:
    for closing in (
        "<p><strong>Lan Hương</strong></p>",
        '<p style="text-align:right"><strong>Read more here.</strong></p>',
    ):
        assert extract(_page(closing), URL).authors == ()


@pytest.mark.parametrize(
    ("byline", "lang", "writer", "editor"),
    [
        (
            '<div class="credits">Por Lucía Benítez · Editado por Marcos Ferrer</div>',
            "es",
            "Lucía Benítez",
            "Marcos Ferrer",
        ),
        ('<div class="credits">Von Eva Roth | Bearbeitet von Jan Kühl</div>', "de", "Eva Roth", "Jan Kühl"),
        ('<div class="meta">लेखक: सुनीता राव | संपादित: विकास जैन</div>', "hi", "सुनीता राव", "विकास जैन"),
        (
            '<div class="meta"><span>Words: Ama Owusu</span> <span>Editor: Ben Castle</span></div>',
            "en",
            "Ama Owusu",
            "Ben Castle",
        ),
    ],
    ids=["es", "de", "hi", "en-editor"],
)
def test_a_person_labelled_the_editor_is_no_author_though_jsonld_lists_them(
    byline: str, lang: str, writer: str, editor: str
) -> None:
    people = [{"@type": "Person", "name": writer}, {"@type": "Person", "name": editor}]
    assert extract(_page(byline=byline, ld_authors=people, lang=lang), URL).authors == (writer,)


def test_an_arabic_wrote_label_and_a_job_title_after_the_name() -> None:
    byline = (
        '<div class="writer"><span>كتبت:</span> <a href="/w/7">سلمى الحداد</a> <span>محررة الشؤون المحلية</span></div>'
    )
    assert extract(_page(byline=byline, lang="ar"), URL).authors == ("سلمى الحداد",)


def test_a_drupal_autor_field_names_its_author_without_its_label() -> None:
    byline = (
        '<div class="field field--name-field-autor field--label-inline"><div class="field__label">Autor</div>'
        '<div class="field__item"><a href="/autor/jana-dvorakova">Jana Dvořáková</a></div></div>'
    )
    assert extract(_page(byline=byline, lang="cs"), URL).authors == ("Jana Dvořáková",)


SIGN_OFF = "<p>(Reporting by Ines Carvalho in Tessaly; Editing by Paul Streck)</p>"


def _digest(html: str) -> str | None:
    return page_digest(html, URL, encoding=None, rule=None, version=EXTRACTOR_VERSION)


def test_an_edit_to_the_sign_off_changes_the_digest() -> None:
    html = _page(SIGN_OFF, ld_authors=AGENCY)
    assert extract(html, URL).extractor.get("gate") == _digest(html)
    assert _digest(html.replace("Ines Carvalho", "Ines Carvalho and Rui Okafor")) != _digest(html)


def test_a_sign_off_the_gate_leaves_out_names_no_one() -> None:
    # (what the gate leaves out is no credit: an edit there, unseen by the digest, must move no author)
    html = _page(around=f'<div class="share-tools">{SIGN_OFF}</div>', ld_authors=AGENCY)
    article = extract(html, URL)
    assert "Ines Carvalho" not in article.authors
    assert article.extractor.get("gate") == _digest(html)


def test_an_editor_label_the_gate_leaves_out_moves_no_author() -> None:
    people = [{"@type": "Person", "name": "Eva Roth"}, {"@type": "Person", "name": "Jan Kühl"}]
    html = _page(around='<div class="share-tools">Bearbeitet von Jan Kühl</div>', ld_authors=people, lang="de")
    article = extract(html, URL)
    assert article.authors == ("Eva Roth", "Jan Kühl")
    assert article.extractor.get("gate") == _digest(html)


@pytest.mark.parametrize(
    ("ld_headline", "h1"),
    [
        ("BREAKING: Gas main bursts under Farrow Street market", "Gas main bursts under Farrow Street market"),
        ("EILMELDUNG: Fähre vor Kerrum auf Grund gelaufen", "Fähre vor Kerrum auf Grund gelaufen"),
        (
            "Última hora | Cierran el puerto de Valdemar por el temporal",
            "Cierran el puerto de Valdemar por el temporal",
        ),
    ],
    ids=["en", "de", "es"],
)
def test_a_flash_label_the_h1_does_not_carry_is_no_headline(ld_headline: str, h1: str) -> None:
    data = json.dumps({"@type": "NewsArticle", "headline": ld_headline}, ensure_ascii=False)
    html = (
        f'<html><head><title>{ld_headline}</title><script type="application/ld+json">{data}</script></head>'
        f"<body><article><h1>{h1}</h1>{STORY}</article></body></html>"
    )
    assert extract(html, URL).headline == h1


# --- review 15c: the gate never hides an edit to what decides a credit or an editor; no agency, photo note,
# source line or job title is taken for a person; a sentence in brackets stays story text


def _unseen_edit_moves_nothing(before: str, after: str) -> None:
    """An edit the digest does not see (the sealed digest of ``before`` is ``after``'s) changes no author."""
    sealed = extract(before, URL).extractor.get("gate")
    if sealed is not None and sealed == _digest(after):
        assert extract(after, URL).authors == extract(before, URL).authors


def test_an_ad_slot_after_a_sign_off_filling_in_moves_no_author() -> None:
    before = _page(SIGN_OFF + '<div class="ad-slot" id="ad-foot"></div>', ld_authors=AGENCY)
    after = before.replace('id="ad-foot"></div>', 'id="ad-foot"><p>Advertisement: Tarnwick boat show</p></div>')
    assert extract(before, URL).authors == ("Ines Carvalho",)
    _unseen_edit_moves_nothing(before, after)


def test_an_editor_label_added_in_a_newsletter_box_moves_no_author() -> None:
    people = [{"@type": "Person", "name": "Mara Quint"}, {"@type": "Person", "name": "Leo Dunmore"}]
    byline = '<p class="byline">By Mara Quint and Leo Dunmore</p>'
    before = _page(byline=byline, ld_authors=people, around='<div class="newsletter-signup"><p>Port Notes</p></div>')
    for label in ("Editor: Leo Dunmore", "Edited by Leo Dunmore"):
        after = before.replace("<p>Port Notes</p>", f"<p>Port Notes</p><p>{label}</p>")
        assert extract(after, URL).authors == ("Mara Quint", "Leo Dunmore")
        _unseen_edit_moves_nothing(before, after)


def test_a_bold_name_its_alignment_decides_is_not_sealed() -> None:
    right = _page('<p style="text-align: right"><b>Thu Trang</b></p>', lang="vi")
    left = right.replace("text-align: right", "text-align: left")
    assert extract(right, URL).authors == ("Thu Trang",)
    _unseen_edit_moves_nothing(right, left)
    _unseen_edit_moves_nothing(left, right)


@pytest.mark.parametrize(
    ("closing", "lang"),
    [
        ("<p>（共同）</p>", "ja"),
        ("<p>（時事）</p>", "ja"),
        ("<p>（写真は資料）</p>", "ja"),
        ("<p>（新华社）</p>", "zh"),
    ],
    ids=["kyodo", "jiji", "photo-note", "xinhua"],
)
def test_a_bracketed_agency_or_photo_note_names_no_one(closing: str, lang: str) -> None:
    article = extract(_page(closing, lang=lang), URL)
    assert article.authors == ()


def test_a_bracketed_name_with_reporter_names_the_author() -> None:
    article = extract(_page("<p>（森田浩二記者）</p>", ld_authors=AGENCY, lang="ja"), URL)
    assert article.authors == ("森田浩二",)


@pytest.mark.parametrize(
    "line", ["Theo Báo Sông Hàn", "(Nguồn: AFP)", "Nguồn Thông Tấn", "Source Harbour Wire", "Ảnh: Thu Trang"]
)
def test_a_bold_right_aligned_source_line_names_no_one(line: str) -> None:
    article = extract(_page(f'<p style="text-align:right"><strong>{line}</strong></p>', lang="vi"), URL)
    assert article.authors == ()


def test_a_job_title_after_a_name_is_no_editor_label_for_the_next() -> None:
    people = [{"@type": "Person", "name": "Mara Quint"}, {"@type": "Person", "name": "Leo Dunmore"}]
    byline = (
        '<div class="byline"><span>Mara Quint</span> <span>Shipping Editor</span> <span>Leo Dunmore</span> '
        "<span>Reporter</span></div>"
    )
    assert extract(_page(byline=byline, ld_authors=people), URL).authors == ("Mara Quint", "Leo Dunmore")


def test_an_editor_named_in_the_story_prose_stays_an_author() -> None:
    people = [{"@type": "Person", "name": "Mara Quint"}, {"@type": "Person", "name": "Leo Dunmore"}]
    prose = (
        "<p>The silt survey was first published in the spring, in a report edited by Leo Dunmore for the "
        "Courier, and the authority has cited it since.</p>"
    )
    byline = '<p class="byline">By Mara Quint and Leo Dunmore</p>'
    article = extract(_page(byline=byline, ld_authors=people, story=STORY + prose), URL)
    assert article.authors == ("Mara Quint", "Leo Dunmore")


@pytest.mark.parametrize(
    "closing",
    [
        "(Research by Kaldera University hydrologists shows the channel silts twice as fast as in 1990.)",
        "(Reporting by Ines Carvalho, who covered the port for a decade, was shortlisted for an award.)",
        "(Reporting by Ines Carvalho in a year when the port nearly closed)",
    ],
    ids=["research-sentence", "who-clause", "in-a-year"],
)
def test_a_sentence_in_brackets_at_the_end_stays_story_text(closing: str) -> None:
    article = extract(_page(f"<p>{closing}</p>", ld_authors=AGENCY), URL)
    assert article.body[-1] == closing
    assert "Ines Carvalho" not in article.authors


def test_a_thai_news_teams_byline_names_no_person() -> None:
    from monitor.extractors import extract

    page = (
        "<html lang='th'><head><title>ไฟไหม้โกดังริมแม่น้ำ</title></head><body><article>"
        "<h1>ไฟไหม้โกดังริมแม่น้ำ เจ้าหน้าที่ควบคุมเพลิงได้ในสองชั่วโมง</h1>"
        "<div class='meta'><span class='writer'>โดย ทีมข่าวภูมิภาค</span></div>"
        "<p>เกิดเหตุไฟไหม้โกดังเก็บสินค้าริมแม่น้ำเมื่อคืนที่ผ่านมา เจ้าหน้าที่ดับเพลิงใช้เวลากว่าสองชั่วโมงในการควบคุมเพลิง</p>"
        "<p>ไม่มีผู้ได้รับบาดเจ็บ ทางอำเภอกำลังตรวจสอบสาเหตุของเพลิงไหม้และประเมินความเสียหายของสินค้าในโกดัง</p>"
        "</article></body></html>"
    )
    assert extract(page.encode(), "https://news.example/th/fire").authors == ()

"""Round-18 notes: story sentences that only tell of "the article" or "the story" being amended or updated (a
charter's article, a tale retold) stay in the body; a correction box that dates its label on a line of its own
("Correction: Nov. 4, 2026", then the correction's text) and a list of dated corrections ("Nov. 5: An earlier
version …") keep every correction's text; a German note whose verb comes after a long middle ("Dieser Artikel
wurde am Mittwoch um eine Stellungnahme … ergänzt"), "This story was originally published … and has been
updated", a Portuguese "Correção:" are notes; calls to the reader after a note's word ("Corrections: See all
corrections", "Update: Get our morning briefing …") and a section's placeholder under an "Updates" heading are
none."""

from __future__ import annotations

import pytest

from monitor.extractors import extract
from monitor.extractors.notes import label_kind, note_kind

URL = "https://harwick-ledger.example/news/2026/11/ferry-landing"
HEADLINE = "Council votes to close Pellan Point ferry landing"
STORY = (
    "The Harwick county council voted on Tuesday night to close the old ferry landing at Pellan Point after "
    "engineers found the pier's timber piles had rotted well below the waterline.",
    "Council members said the decision, passed seven votes to two, would stand until a replacement structure "
    "could be funded, a process that could take three years or more.",
    "Residents of the small island community of Mossey Cay, who rely on the ferry to reach schools and the "
    "regional clinic, packed the meeting hall to object to the plan.",
    "County engineer Tobias Reche told the council that divers had measured losses of up to 60 percent in "
    "several of the supporting piles during an inspection last month.",
)


def _ps(paragraphs: tuple[str, ...] | list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def _page(inner: str, extra: str = "", lang: str = "en") -> bytes:
    return (
        f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>{HEADLINE} | Harwick Ledger</title>"
        "</head><body><header class='site-header'><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></header>"
        f"<main><article class='story'><h1>{HEADLINE}</h1><div class='byline'>By Mara Quill</div>"
        "<time datetime='2026-11-03T09:00:00Z'>Nov. 3, 2026</time>"
        f"<div class='story-body'>{inner}</div></article>{extra}</main>"
        "<footer><p>© 2026 Harwick Ledger</p></footer></body></html>"
    ).encode()


def _check(article, notes: list[tuple[str, str]]) -> None:
    assert [(n.kind, frag) for n, (_, frag) in zip(article.notes, notes, strict=False)] == notes, article.notes
    assert len(article.notes) == len(notes), article.notes
    for note, (_, frag) in zip(article.notes, notes, strict=True):
        assert frag in note.text
        assert not any(frag in paragraph for paragraph in article.body), article.body
    for paragraph in STORY:
        assert paragraph in article.body


@pytest.mark.parametrize(
    "sentence",
    [
        "The article was amended in 2021 to allow the county to borrow money for ferry works without a public vote.",
        "The story has been updated many times since, said Ada Lorne, who chairs the island's historical society.",
    ],
)
def test_a_story_sentence_about_an_article_or_a_story_stays_in_the_body(sentence: str) -> None:
    article = extract(_page(_ps([*STORY[:2], sentence, *STORY[2:]])), URL)
    assert article.notes == ()
    assert sentence in article.body


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The article has been updated to include comment from Brackwater Lines.", "update"),
        ("The story was corrected on Nov. 4 to show the vote was seven to two.", "correction"),
        ("The article has been amended.", "correction"),
        ("This story has been updated many times since publication.", "update"),
    ],
)
def test_a_note_about_the_article_is_still_a_note(text: str, kind: str) -> None:
    assert note_kind(text) == kind


def test_a_correction_box_with_its_date_on_the_label_line_keeps_the_correction() -> None:
    box = (
        "<div class='correction'><p>Correction: Nov. 4, 2026</p><p>An article on Tuesday about the Pellan Point "
        "ferry landing misstated the number of votes against the plan. It was two, not three.</p></div>"
    )
    article = extract(_page(_ps(STORY) + box), URL)
    _check(article, [("correction", "misstated the number of votes against the plan")])
    assert article.notes[0].text.startswith("Correction: Nov. 4, 2026")
    assert label_kind("Correction: Nov. 4, 2026") == "correction"
    assert note_kind("Correction: Nov. 4, 2026") is None


def test_a_dated_label_over_the_story_is_a_stamp_not_the_story() -> None:
    article = extract(_page(_ps(["Correction: Nov. 4, 2026", *STORY])), URL)
    assert [(n.kind, n.text) for n in article.notes] == [("correction", "Correction: Nov. 4, 2026")]
    assert list(article.body) == list(STORY)


def test_a_list_of_dated_corrections_keeps_each() -> None:
    box = (
        "<div class='corrections'><h4>Corrections</h4><ul>"
        "<li>Nov. 4: An earlier version of this story misstated the pier's age.</li>"
        "<li>Nov. 5: An earlier version of this story misspelled the name of Ilse Varnum.</li></ul></div>"
    )
    article = extract(_page(_ps(STORY) + box), URL)
    _check(article, [("correction", "misstated the pier's age"), ("correction", "misspelled the name of Ilse")])
    assert note_kind("5 November 2026 — This article has been updated to include comment.") == "update"
    assert note_kind("March 4: The council voted.") is None


@pytest.mark.parametrize(
    ("note", "kind", "lang"),
    [
        ("Dieser Artikel wurde am Mittwoch um eine Stellungnahme der Reederei Brackwater ergänzt.", "update", "de"),
        ("This story was originally published on Nov. 3, 2026, and has been updated.", "update", "en"),
        ("Correção: Uma versão anterior desta reportagem informava que a votação foi unânime.", "correction", "pt"),
    ],
)
def test_a_closing_note_in_other_words_is_a_note(note: str, kind: str, lang: str) -> None:
    article = extract(_page(_ps([*STORY, note]), lang=lang), URL)
    _check(article, [(kind, note[-30:])])


@pytest.mark.parametrize(
    ("inner", "extra"),
    [
        (
            _ps(STORY)
            + "<div class='article-tools'><p>Corrections: <a href='/corrections'>See all corrections</a></p></div>",
            "",
        ),
        (
            _ps(STORY),
            "<aside class='newsletter'><p>Update: Get our morning briefing in your inbox every weekday.</p></aside>",
        ),
        (
            _ps(STORY),
            "<section class='more'><h3>Updates</h3><p>Latest updates from the county council will appear here as "
            "they are published.</p></section>",
        ),
    ],
)
def test_the_pages_calls_and_placeholders_are_no_notes(inner: str, extra: str) -> None:
    article = extract(_page(inner, extra), URL)
    assert article.notes == ()
    for paragraph in STORY:
        assert paragraph in article.body


@pytest.mark.parametrize(
    ("note", "kind"),
    [
        ("(Adds comment from the ferry operator in paragraph 6)", "update"),
        ("(Recasts with council vote, adds background)", "update"),
    ],
)
def test_a_wire_services_bracketed_note_is_a_note(note: str, kind: str) -> None:
    article = extract(_page(_ps([note, *STORY])), URL)
    _check(article, [(kind, note[1:-1])])


def test_a_bracketed_story_sentence_opening_with_updates_is_no_wire_note() -> None:
    sentence = "Updates to the pier were promised in 2019, residents said, but no money was ever set aside."
    assert note_kind(sentence) is None
    assert note_kind(f"({sentence}) The council did not respond to questions about the money.") is None


def test_an_update_note_box_without_the_word_keeps_its_text_as_the_update() -> None:
    box = (
        "<div class='update-note'><p>The county has since said the temporary landing at Gull Harbour will open "
        "on Friday.</p></div>"
    )
    article = extract(_page(box + _ps(STORY)), URL)
    _check(article, [("update", "temporary landing at Gull Harbour will open on Friday")])


def test_a_live_blogs_own_update_note_is_a_note() -> None:
    times = ("18:05", "18:40", "19:15", "19:50")
    posts = "".join(
        f"<div class='post'><time datetime='2026-11-03T{clock}:00Z'>{clock}</time><p>{text}</p>"
        "<p>More from the meeting hall as the debate went on through the evening session of the council.</p></div>"
        for clock, text in zip(times, STORY, strict=True)
    )
    note = "This live blog has been updated with the result of the vote."
    article = extract(_page(f"<p><em>{note}</em></p><div class='live-posts'>{posts}</div>"), URL)
    assert [(n.kind, n.text) for n in article.notes] == [("update", note)]
    assert not any("result of the vote" in paragraph for paragraph in article.body)


CARDS = "".join(
    f"<article class='card'><h3><a href='/news/{number}'>{heading}</a></h3><p class='dek'>{dek}</p></article>"
    for number, (heading, dek) in enumerate(
        [
            ("School bus route changes", "Update: the county has moved the morning pickup to 7:10 a.m. next week."),
            ("Harbour fees rise", "Correction: the new mooring rate for small boats is $12 a night, the board said."),
            ("Our election coverage", "Editor's note: how the Ledger will cover the county elections this year."),
        ]
    )
)


@pytest.mark.parametrize("inside_main", [True, False])
def test_teaser_cards_deks_are_other_stories_not_this_storys_notes(inside_main: bool) -> None:
    cards = f"<section class='more-news'><h2>More news</h2>{CARDS}</section>"
    html = _page(_ps(STORY), extra=cards if inside_main else "")
    if not inside_main:
        html = html.replace(b"<main>", b"").replace(b"</main>", cards.encode())
    article = extract(html, URL)
    assert article.notes == ()
    assert list(article.body) == list(STORY)


def test_a_card_like_box_that_names_this_story_keeps_its_note() -> None:
    box = (
        "<aside><h4><a href='/corrections'>Corrections</a></h4><p>An earlier version of this story misstated the "
        "age of the pier. It was built in 1962.</p></aside>"
    )
    article = extract(_page(_ps(STORY) + box), URL)
    _check(article, [("correction", "built in 1962")])


@pytest.mark.parametrize(
    ("note", "kind", "lang"),
    [
        ("Hinweis: In einer früheren Version dieses Artikels hieß es, die Fähre fahre ab Montag.", "correction", "de"),
        ("Note: This story has been updated with comment from Brackwater Lines.", "update", "en"),
        (
            "Addendum: After this story was published, Brackwater Lines said it would add two evening crossings.",
            "update",
            "en",
        ),
    ],
)
def test_a_note_after_a_plain_label_or_an_addendum_is_a_note(note: str, kind: str, lang: str) -> None:
    article = extract(_page(_ps([*STORY, note]), lang=lang), URL)
    _check(article, [(kind, note[-25:])])


def test_a_plain_label_over_story_text_is_no_note() -> None:
    assert note_kind("Note: the county did not respond to requests for comment.") is None
    assert note_kind("Hinweis: Die Fähre fährt ab Montag wieder nach Fahrplan.") is None


def test_a_postscript_box_without_the_word_keeps_its_text() -> None:
    box = (
        "<div class='postscript'><p>After this story was published, Brackwater Lines said it would add two evening "
        "crossings.</p></div>"
    )
    article = extract(_page(_ps(STORY) + box), URL)
    _check(article, [("update", "add two evening crossings")])


def test_a_story_sentence_opening_with_updated_with_stays_in_the_body() -> None:
    sentence = (
        "Updated with new sensors in 2015, the pier still failed two of its last three inspections, records show."
    )
    article = extract(_page(_ps([*STORY[:2], sentence, *STORY[2:]])), URL)
    assert article.notes == ()
    assert sentence in article.body
    assert note_kind("Updated with comment from the ferry operator, which said it would add crossings.") == "update"
    assert note_kind("Updated to include comment from the county, the ferry operator and residents.") == "update"


UPDATE = "Update, 5:30 p.m.: Brackwater Lines said the first crossing will leave Gull Harbour at 6 a.m. Friday."
CORRECTION = "Correction: An earlier version of this story misstated the age of the pier. It was built in 1962."


@pytest.mark.parametrize("block", ["div class='notes'", "p"])
def test_two_notes_a_single_break_apart_are_two_notes_each_its_kind(block: str) -> None:
    tag = block.split()[0]
    article = extract(_page(f"<{block}>{UPDATE}<br>{CORRECTION}</{tag}>{_ps(STORY)}"), URL)
    assert [(n.kind, n.text) for n in article.notes] == [("update", UPDATE), ("correction", CORRECTION)]
    assert list(article.body) == list(STORY)


def _bare(tail: str) -> bytes:
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{HEADLINE} | Harwick Ledger</title></head>"
        f"<body><div id='top'><a href='/'>Home</a></div><div id='content'><h1>{HEADLINE}</h1>"
        f"<div class='byline'>By Mara Quill</div>{_ps(STORY)}</div>{tail}</body></html>"
    ).encode()


@pytest.mark.parametrize(
    "notice",
    [
        "Update: We have updated our privacy policy. <a href='/privacy'>Learn more</a>",
        "Update: Our terms of service have changed. Please review them.",
        "Update: our new app is here, with breaking news alerts for Harwick.",
    ],
)
def test_the_sites_notice_of_its_own_changes_is_no_update_note(notice: str) -> None:
    article = extract(_bare(f"<div class='notice'><p>{notice}</p></div>"), URL)
    assert article.notes == ()
    assert note_kind("Update: The company has since withdrawn its new privacy policy.") == "update"


def test_a_note_set_in_italics_before_the_storys_opening_in_one_paragraph_takes_only_itself() -> None:
    note = "Correction: An earlier version of this story misstated the age of the pier."
    article = extract(_page(f"<p><em>{note}</em> {STORY[0]}</p>{_ps(STORY[1:])}"), URL)
    assert [(n.kind, n.text) for n in article.notes] == [("correction", note)]
    assert list(article.body) == list(STORY)


@pytest.mark.parametrize(
    ("note", "kind", "lang"),
    [
        ("Dieser Artikel wird laufend aktualisiert.", "update", "de"),
        ("Esta noticia se actualizará con más información.", "update", "es"),
        ("Articolo in aggiornamento.", "update", "it"),
        ("Dit artikel wordt bijgewerkt.", "update", "nl"),
        ("Cet article sera mis à jour.", "update", "fr"),
        ("A note to readers: This story contains descriptions of a drowning.", "editor", "en"),
    ],
)
def test_a_promise_of_updates_in_other_languages_and_a_note_to_readers_are_notes(
    note: str, kind: str, lang: str
) -> None:
    article = extract(_page(_ps([*STORY, note]), lang=lang), URL)
    _check(article, [(kind, note[-20:])])


def test_a_promise_run_into_the_storys_last_sentence_stays_the_storys() -> None:
    from monitor.extractors.notes import split_trailing_notes

    body, notes = split_trailing_notes(["Die Polizei ermittelt weiter. Dieser Artikel wird laufend aktualisiert."])
    assert notes == ()
    assert note_kind("Der Artikel wird im Bundestag beraten.") is None


@pytest.mark.parametrize(
    "line",
    [
        "Corrections: corrections@harwick-ledger.example",
        "Updates: follow @HarwickLedger for the latest from the council.",
        "Update: Contact Mara Quill at mara.quill@harwick-ledger.example with tips.",
        "Editor's note: Have a story idea? Email newsdesk@harwick-ledger.example.",
    ],
)
def test_a_contact_line_under_a_notes_word_is_no_note(line: str) -> None:
    article = extract(_page(_ps([*STORY, line])), URL)
    assert article.notes == ()
    assert note_kind("Update: Contact with the ferry was lost at 3 p.m., the coastguard said.") == "update"


def test_an_update_labelled_with_a_time_element_is_one_note_with_its_time() -> None:
    note = (
        "<p class='update'><strong>Update <time datetime='2026-11-04T10:15:00Z'>Nov. 4, 2026, 10:15 a.m.</time>:"
        "</strong> Brackwater Lines said the temporary crossings will begin on Friday.</p>"
    )
    article = extract(_page(note + _ps(STORY)), URL)
    assert [(n.kind, n.text) for n in article.notes] == [
        (
            "update",
            "Update Nov. 4, 2026, 10:15 a.m.: Brackwater Lines said the temporary crossings will begin on Friday.",
        )
    ]
    assert list(article.body) == list(STORY)


def test_a_correction_box_that_only_regrets_the_error_keeps_its_text() -> None:
    box = "<div class='correction'><p>The ferry operator is Brackwater Lines. The Ledger regrets the error.</p></div>"
    article = extract(_page(_ps(STORY) + box), URL)
    _check(article, [("correction", "regrets the error")])

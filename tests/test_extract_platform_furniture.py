"""A blog platform's furniture (claps and follower counts, reading times, "Listen"/"Share"/"Follow" buttons), a
date's label whose date went elsewhere and a source line above or below the story are no story paragraphs; story
sentences that mention numbers, reading or a source stay."""

from __future__ import annotations

import pytest

from monitor.extractors import extract, lead
from monitor.extractors.lead import strip_furniture

HEADLINE = "Why our village swimming pond closed for a summer"
PARAGRAPHS = (
    "The swimming pond in Lowmarsh has been part of every summer here for ninety years, so its closure in June "
    "came as a shock to almost everyone who lives along the common.",
    "The parish council said tests had found too much algae in the water after three dry months, and that the "
    "pond would stay shut until a new pump is fitted, which may take until September.",
    "Volunteers have since raised 4,200 pounds towards the pump, and the council has promised to match the sum "
    "before its next meeting on the second Tuesday of August.",
)

# story sentences that mention numbers, reading times or a button's word
SENTENCES = (
    "Volunteers raised 4,200 pounds in 12 days.",
    "It is a 6 min read, the council's report, and worth it.",
    "Share prices of the pump maker rose 3 per cent on Monday.",
    "Follow the path past the church to reach the pond.",
    "Listen to the ducks, said the chair of the parish council.",
    "The pond needs 5 minutes of pumping per cubic metre.",
)
STORY = (PARAGRAPHS[0], *SENTENCES, *PARAGRAPHS[1:])


@pytest.mark.parametrize(
    "line",
    [
        "12K Followers",
        "1,8 mil seguidores",
        "Abonnenten: 2.100",
        "27 responses",
        "4 min read",
        "2 min read22 May 2025",  # a reading time run into the post's date
        "6 min read · Jun 3, 2025 · Listen",
        "4 min readMay 22, 2025",
        "Follow · 4 min read · Jun 3, 2025",
        "4 min read · Apr 16",  # a date without its year, beside a reading time
        "4 min readApr 16",
        "4 min read · 2 days ago",
        "Follow · 3 min read · 2 hours ago",
        "阅读 1.2万",  # a read count
        "1.2万 阅读",
        "Comments (12)",
        "Listen",
        "Share",
        "Follow",
        "Listen Share",
        "7 min de lectura",
        "Lesezeit 6 Minuten",
        "6 Min. Lesezeit",
        "Temps de lecture : 4 min",
        "Tempo di lettura: 5 minuti",
        "3 min de leitura",
        "Leestijd 2 minuten",
        "4 menit baca",
        "Okuma süresi: 3 dakika",
        "5 分钟阅读",
        "阅读时间：5分钟",
        "4분 읽기",
        "Время чтения: 6 минут",
        "Compartir",
        "Teilen",
        "Écouter",
        "分享",
    ],
)
def test_a_platform_line_is_no_paragraph(line: str) -> None:
    # above the story alone; below it in a run of the platform's lines (alone there it may be a story's last line)
    assert strip_furniture([line, *PARAGRAPHS, line, "Follow"], [HEADLINE], ()) == PARAGRAPHS


@pytest.mark.parametrize("line", ["Listen", "Follow", "Share", "Save", "Segui", "Salva", "Partager", "Compartir"])
def test_a_buttons_word_in_the_story_stays(line: str) -> None:
    # a poem's line, a ranking's company, a word the story is about: only above the story and below it is the
    # word a button
    story = (PARAGRAPHS[0], line, PARAGRAPHS[1], line, PARAGRAPHS[2])
    assert strip_furniture(story, [HEADLINE], ()) == story


@pytest.mark.parametrize(
    "line",
    ["Comments: 312", "Views 4,100", "27 responses", "5 min read", "Lecture 3 – 45 minutes", "Lesezeit 6 Minuten"],
)
def test_a_count_or_reading_time_in_the_story_stays(line: str) -> None:
    story = (PARAGRAPHS[0], line, *PARAGRAPHS[1:])
    assert strip_furniture(story, [HEADLINE], ()) == story


@pytest.mark.parametrize(
    ("above", "below"), [(["4 min read"], []), (["Listen"], ["Follow", "Share"]), (["12K Followers"], [])]
)
@pytest.mark.parametrize("count", ["864", "3.4K", "864 23", "1.2K · 23"])
def test_a_bare_count_beside_a_platform_line_above_the_story_is_no_paragraph(
    count: str, above: list[str], below: list[str]
) -> None:
    assert strip_furniture([*above, count, *PARAGRAPHS], [HEADLINE], ()) == PARAGRAPHS
    assert strip_furniture([count, *above, *PARAGRAPHS, *below], [HEADLINE], ()) == PARAGRAPHS


@pytest.mark.parametrize(
    "story",
    [
        (PARAGRAPHS[0], "1998", PARAGRAPHS[1], "2011", PARAGRAPHS[2]),  # a timeline's year headings
        ("How many bathers swam in the pond each day?", "42", *PARAGRAPHS),  # a Q&A's answer
        ("1998", *PARAGRAPHS),  # a year heading the story's first part
        (PARAGRAPHS[0], "3 - 1", *PARAGRAPHS[1:]),  # a score
        (PARAGRAPHS[0], "1", PARAGRAPHS[1], "2", PARAGRAPHS[2]),  # a list's numbers
        (PARAGRAPHS[0], "The pump will cost, in pounds:", "1.2M", "The reserves:", "300K"),
        ("The count in the Lowmarsh by-election:", "1,204", "987"),  # a stub's vote counts, at its end
        ("1,204", "987"),
    ],
)
def test_a_bare_number_in_or_above_the_story_stays(story: tuple[str, ...]) -> None:
    assert strip_furniture(story, [HEADLINE], ()) == story


@pytest.mark.parametrize(
    "label", ["Published:", "Publicado:", "Veröffentlicht:", "प्रकाशित:", "Publié le", "Pubblicato:"]
)
def test_a_date_label_alone_is_no_paragraph(label: str) -> None:
    assert strip_furniture([label, *PARAGRAPHS], [HEADLINE], ()) == PARAGRAPHS


@pytest.mark.parametrize(
    "line",
    [
        "Source: Lowmarsh Gazette",
        "Fuente: EFE",
        "Quelle: dpa/AFP",
        "Fonte: Ansa",
        "(Source: AP)",
        "来源：湖畔日报",
        "Source: Reuters.",
        "Fuente: Ministerio de Sanidad",
    ],
)
def test_a_source_line_above_or_below_the_story_is_no_paragraph(line: str) -> None:
    assert strip_furniture([line, *PARAGRAPHS], [HEADLINE], ()) == PARAGRAPHS
    assert strip_furniture([*PARAGRAPHS, line], [HEADLINE], ()) == PARAGRAPHS


@pytest.mark.parametrize(
    "line",
    [
        "Source: We will see",  # a sentence's words
        "Sources: two board members",
        "Source: the harbourmaster",
        "Fuente: “No vamos a subirlas”",  # a quote
        'Source: "Not this year"',
    ],
)
def test_a_source_saying_something_at_the_end_stays(line: str) -> None:
    assert strip_furniture([*PARAGRAPHS, line], [HEADLINE], ()) == (*PARAGRAPHS, line)


def test_a_transcripts_last_answer_stays() -> None:
    # speakers labelled "Interviewer:" and "Source:": the last answer is no source line
    story = (PARAGRAPHS[0], "Interviewer: Will the pond open again?", "Source: Not this summer", "Interviewer: Why?")
    assert strip_furniture([*story, "Source: Pump Works"], [HEADLINE], ()) == (*story, "Source: Pump Works")


def _blog_page(header: str, footer: str) -> str:
    """A post as a blog platform builds it: generated class names, the author's line, reading time, claps and
    buttons between the headline and the story, the author's follower count below it."""
    story = "".join(f'<p class="tx b9 q2">{text}</p>' for text in PARAGRAPHS)
    return (
        f"<html lang='en'><head><title>{HEADLINE} | by Tamsin Orley | Pond Notes</title></head><body>"
        f'<div id="app"><nav><a href="/">Pond Notes</a><a href="/write">Write</a></nav>'
        f'<article><section><div class="k1 k2"><h1 class="t9 u1">{HEADLINE}</h1>{header}{story}'
        f'</div></section></article><div class="k1 k2"><div class="r4 r5"><h2>Written by Tamsin Orley</h2>'
        f"{footer}</div></div></div></body></html>"
    )


_AUTHOR = '<div class="c3"><p class="d4"><a href="/@tamsin">Tamsin Orley</a></p>'


@pytest.mark.parametrize(
    ("header", "footer"),
    [
        (
            f'<div class="a1 b2">{_AUTHOR}<p class="d4"><a href="/signin">Follow</a></p></div><div class="e5">'
            '<span class="d4">4 min read</span><span class="d4">May 22, 2025</span></div></div>'
            '<div class="f6 g7"><div class="h8"><button class="i9"></button><p class="d4"><span>864</span></p>'
            "</div></div>",
            '<p class="d4">12K Followers</p>',
        ),
        (
            f'<div class="a1 b2">{_AUTHOR}</div><div class="e5"><p class="d4"><span>7 min de lectura</span>'
            ' · <span>22 may 2025</span></p></div></div><div class="f6 g7"><p class="d4"><button>Escuchar</button>'
            '</p><p class="d4"><button>Compartir</button></p></div>',
            '<p class="d4">3,1 mil seguidores</p>',
        ),
    ],
)
def test_a_blog_platforms_furniture_is_no_paragraph(header: str, footer: str) -> None:
    body = extract(_blog_page(header, footer), "https://pondnotes.example/why-our-pond-closed-4f2a").body
    assert body == PARAGRAPHS


def _news_page(lines_above: str, line_below: str = "") -> str:
    story = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    return (
        f"<html lang='es'><head><title>{HEADLINE}</title></head><body><main><article><header>"
        f'<h1>{HEADLINE}</h1><div class="firma">Por Inés Calvo</div>{lines_above}</header>'
        f'<div class="cuerpo">{story}{line_below}</div></article></main></body></html>'
    )


@pytest.mark.parametrize(
    ("above", "below"),
    [
        ('<div class="fecha">Publicado: <time datetime="2025-05-22T09:00:00+02:00"></time></div>', ""),
        ('<div class="fecha"><time datetime="2025-05-22T09:00:00+02:00">22/05/2025</time> Fuente: EFE</div>', ""),
        ("", '<p class="fuente">Fuente: EFE</p>'),
    ],
)
def test_a_date_label_or_source_line_is_no_paragraph_on_a_page(above: str, below: str) -> None:
    body = extract(_news_page(above, below), "https://diario-lowmarsh.example/piscina").body
    assert body == PARAGRAPHS


def test_a_reading_times_label_starts_a_word() -> None:
    # "Relecture" (proofreading) holds "lecture" but is no reading time's label
    assert lead._READING_TIME.search("Relecture : 5 min") is None
    assert lead._READING_TIME.search("Lecture : 5 min") is not None


class _Refuses:
    def sub(self, *args: object) -> str:
        raise AssertionError("a line without a digit holds no reading time")


def test_a_line_without_a_digit_is_not_searched_for_a_reading_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lead, "_READING_TIME", _Refuses())
    assert lead.is_platform_line("Listen · Share")
    assert not lead.is_platform_line("Follow the path past the church")


# the second review: a number heading the story's first part after a platform's lines, a date's label in the story,
# a story's own last line that reads like a button or a count, a single "Label: text" paragraph

_TOP = ("Follow · 5 min read · Apr 16", "Listen", "Share")


@pytest.mark.parametrize(
    "story",
    [
        ("1998", PARAGRAPHS[0], "2011", PARAGRAPHS[1]),  # a timeline's first year
        ("1", PARAGRAPHS[0], "2", PARAGRAPHS[1], "3", PARAGRAPHS[2]),  # a numbered list's first number
        ("3 - 1", *PARAGRAPHS),  # a score
        ("2:0", *PARAGRAPHS),
    ],
)
def test_a_number_heading_the_story_after_platform_lines_stays(story: tuple[str, ...]) -> None:
    assert strip_furniture([*_TOP, *story], [HEADLINE], ()) == story
    assert strip_furniture(["6 min read", *story], [HEADLINE], ()) == story
    # the claps and responses counts beside the buttons are still the platform's, before them or after
    for top in ((*_TOP[:1], "864", "23", *_TOP[1:]), (*_TOP, "864"), (*_TOP, "1.2K · 23")):
        assert strip_furniture([*top, *PARAGRAPHS], [HEADLINE], ()) == PARAGRAPHS


@pytest.mark.parametrize(
    "inside",
    [
        ("Date:", "Saturday 14 June, from 10am", "Venue:", "Lowmarsh village hall"),  # an event's box
        ("Published", "The council's pond accounts were first printed in 1998."),
        ("Posted", "Letters to the council went unanswered all summer."),
    ],
)
def test_a_date_label_in_the_story_stays(inside: tuple[str, ...]) -> None:
    story = (PARAGRAPHS[0], *inside, *PARAGRAPHS[1:])
    assert strip_furniture(story, [HEADLINE], ()) == story


@pytest.mark.parametrize(
    "last",
    [
        "1,204 responses",  # a survey's base
        "Shares: 12.40",  # a share price
        "Listen",  # a poem's last line, a list's last item
        "Follow",
        "12K views",
        "Save",  # an app's name
        "Share",
    ],
)
def test_a_story_line_like_a_button_or_count_at_the_end_stays(last: str) -> None:
    story = (*PARAGRAPHS, "the gulls have gone to sleep.", last)
    assert strip_furniture(story, [HEADLINE], ()) == story
    # the platform's lines for certain: a run of them, or one after the story's source line or a date's label, or
    # one no story line is like
    for below in (("Reply", "Listen Share"), ("12K Followers", "Follow"), ("Source: Pond Trust", "Share")):
        assert strip_furniture([*PARAGRAPHS, *below], [HEADLINE], ()) == PARAGRAPHS
    for below in (("Published:", "Share"), ("5 min read",), ("12 claps · 3 responses",)):
        assert strip_furniture([*PARAGRAPHS, *below], [HEADLINE], ()) == PARAGRAPHS


def test_a_button_after_furniture_at_the_end_is_no_paragraph() -> None:
    # "Written by Tamsin Orley" is a byline below the story: the follower count after it is the platform's
    story = [*PARAGRAPHS, "Written by Tamsin Orley", "12K Followers"]
    assert strip_furniture(story, [HEADLINE], ["Tamsin Orley"]) == PARAGRAPHS


def test_a_decimal_is_no_count() -> None:
    assert not lead.is_platform_line("Shares: 12.40")
    assert not lead.is_platform_line("Comments: 3,5")
    assert lead.is_platform_line("Shares: 1,240")
    assert lead.is_platform_line("1.2K claps")


@pytest.mark.parametrize(
    "label",
    [
        "Read more: Why the pond closed",  # a link's label
        "LOWMARSH: The parish council met on Tuesday.",  # a dateline
        "Update: the council will meet again on Friday.",
    ],
)
def test_one_label_paragraph_is_no_transcript(label: str) -> None:
    story = [PARAGRAPHS[0], label, *PARAGRAPHS[1:], "Source: Reuters"]
    assert strip_furniture(story, [HEADLINE], ()) == tuple(story[:-1])


def test_one_speaker_twice_is_no_transcript() -> None:
    story = [PARAGRAPHS[0], "Note: the pond is shut.", "Note: the pump is ordered.", "Source: Reuters"]
    assert strip_furniture(story, [HEADLINE], ()) == tuple(story[:-1])

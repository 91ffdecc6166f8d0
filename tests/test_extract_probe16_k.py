"""What the round-16 rules for calls, corrections, on-air lines and ranked lists must leave alone: a bold question
or an italic quotation with a call's wording, a story sentence linking to a donation page, a Portuguese story
sentence about what someone else said before, a German sentence about a meeting, a story's own numbered list in a
table layout. The boxes the rules are for still go."""

from __future__ import annotations

import pytest

from monitor.extractors import extract
from monitor.extractors.notes import note_kind

URL = "https://tidewater-gazette.example/news/2025/09/lifeboat-station"
HEADLINE = "Lifeboat station to be rebuilt at Corran Point"
STORY = (
    "The lifeboat station at Corran Point will be rebuilt next spring after surveyors found rot in its slipway, "
    "the charity that runs it said on Thursday.",
    "The crew of eleven volunteers will launch from the harbour wall at Selby Cove while the work goes on.",
    "The new station is expected to cost 1.8 million, most of it raised from local appeals and legacies.",
    "The charity said callouts had risen by a third in five years as more visitors took to the water.",
)


def _page(main: str, title: str = HEADLINE, lang: str = "en") -> str:
    return (
        f"<html lang='{lang}'><head><meta charset='utf-8'><title>{title} | Tidewater Gazette</title></head><body>"
        "<header><a href='/'>Tidewater Gazette</a><ul><li><a href='/news'>News</a></li></ul></header>"
        f"<main><article><h1>{title}</h1>{main}</article></main><footer><p>© Tidewater Gazette</p></footer>"
        "</body></html>"
    )


def _ps(paragraphs: tuple[str, ...] | list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def _with(middle: str) -> str:
    return _page(_ps(STORY[:2]) + middle + _ps(STORY[2:]))


@pytest.mark.parametrize(
    ("html", "text"),
    [
        (  # a Q&A's bold question: "donate now" is the reader's question, not the page's call
            "<p><strong>Should I donate now or wait until the new station opens?</strong></p>",
            "Should I donate now or wait until the new station opens?",
        ),
        (  # an italic quotation of a notice: its words are the story's
            "<p><em>“Please consider making a donation to your crew,” read the notice on the boathouse door "
            "last week.</em></p>",
            "“Please consider making a donation to your crew,” read the notice on the boathouse door last week.",
        ),
        (  # a bold call among the story's paragraphs: a crew's words to their town, reported
            "<p><b>Give today, the coxswain told the harbour meeting, or the station may close for good.</b></p>",
            "Give today, the coxswain told the harbour meeting, or the station may close for good.",
        ),
    ],
)
def test_a_bold_or_italic_paragraph_with_a_calls_wording_that_is_no_call_stays(html: str, text: str) -> None:
    assert extract(_with(html), URL).body == (*STORY[:2], text, *STORY[2:])


def test_a_story_sentence_linking_to_a_donation_page_stays_whatever_the_link() -> None:
    """A link's address is not what the gate digests: it must decide nothing."""
    sentence = (
        "Anyone making a donation through the {} before March will have it matched by the harbour trust, "
        "the charity said."
    )
    linked = sentence.format("<a href='https://tidewater-gazette.example/donate'>charity's appeal page</a>")
    other = sentence.format("<a href='https://tidewater-gazette.example/corran-appeal'>charity's appeal page</a>")
    want = (*STORY[:2], sentence.format("charity's appeal page"), *STORY[2:])
    donate = extract(_with(f"<p>{linked}</p>"), URL)
    appeal = extract(_with(f"<p>{other}</p>"), URL)
    assert donate.body == appeal.body == want


def test_a_bold_channel_call_and_an_italic_donation_call_after_the_story_still_go() -> None:
    calls = (
        "<p>📣 <strong>Follow the Tidewater Gazette on WhatsApp</strong></p>"
        "<p><em>The Tidewater Gazette is reader-funded. If you value our coverage, please </em>"
        "<a href='/support'><em>support local journalism</em></a><em> today.</em></p>"
    )
    assert extract(_page(_ps(STORY) + calls), URL).body == STORY


PT = (
    "A Secretaria de Saúde de Vila Nova do Sul começa na segunda-feira a vacinação contra a gripe nos postos.",
    "Diferentemente do que foi informado anteriormente pela secretaria, a campanha vai até julho, disse a "
    "coordenadora Lúcia Farias.",
    "Na versão anterior deste texto de lei municipal, de 2021, os agentes comunitários não podiam vacinar em casa.",
    "Diferentemente do que foi publicado anteriormente pela prefeitura no Diário Oficial, são 14 postos, não 12.",
    "Idosos e crianças de seis meses a seis anos têm prioridade nas duas primeiras semanas.",
)


def test_a_portuguese_story_sentence_about_what_others_said_before_is_no_correction() -> None:
    article = extract(_page(_ps(PT), "Vacinação contra a gripe começa na segunda", "pt-BR"), URL)
    assert article.body == PT
    assert article.notes == ()


@pytest.mark.parametrize(
    "text",
    [
        "Diferentemente do que foi informado nesta reportagem, a campanha vai até julho, e não junho.",
        "Diferentemente do que foi publicado, a campanha tem 14 postos, e não 12.",
        "Na versão anterior desta reportagem, o nome da coordenadora estava errado.",
    ],
)
def test_a_portuguese_correction_of_the_story_itself_is_a_note(text: str) -> None:
    assert note_kind(text) == "correction"


DE = (
    "Der Gemeinderat von Hollwede hat am Dienstag den Neubau der Rettungswache an der Deichstraße beschlossen.",
    "Über dieses Thema berichtete die Bürgermeisterin bereits in der Ratssitzung am Donnerstag um 19:00 Uhr.",
    "Über dieses Thema berichtete das Küstenmagazin am Montag um 19:30 Uhr, die Wache ist seit Jahren zu klein.",
    "Die Ehrenamtlichen sollen bis zur Fertigstellung in einer Halle am Hafen untergebracht werden.",
    "Der Bau soll 2,4 Millionen Euro kosten, Land und Kreis tragen zusammen zwei Drittel.",
)


def test_a_german_sentence_about_who_reported_on_the_subject_in_a_meeting_stays() -> None:
    """Only a programme's line that closes the story is the broadcaster's: a person's, or one the story goes on
    after, is the story's."""
    body = extract(_page(_ps(DE), "Hollwede baut neue Rettungswache", "de"), URL).body
    assert body == DE


def test_a_broadcasters_line_closing_the_story_still_goes() -> None:
    line = "<p><em>Über dieses Thema berichtete Deichwelle Radio am 9. September 2025 um 18:00 Uhr.</em></p>"
    body = extract(_page(_ps(DE[:1] + DE[3:]) + line, "Hollwede baut neue Rettungswache", "de"), URL).body
    assert body == DE[:1] + DE[3:]


_PLACES = ("Corran Point slipway", "Selby Cove harbour wall", "The old pilot steps", "Gull Rock jetty")


def _table(label: str, *, story: bool = True) -> str:
    ranked = "<br>".join(f"{i}. <a href='/places/{i}'>{name}</a>" for i, name in enumerate(_PLACES, 1))
    intro = (
        "Our reporter walked the whole of the Tidewater coast this summer to find the best places to watch the "
        "lifeboat launch. These are her four, from the best down."
    )
    rows = f"<tr><td><b>{label}</b></td></tr><tr><td>{ranked}</td></tr>"
    cell = f"<table><tr><td><h1>Where to watch the lifeboat launch</h1></td></tr><tr><td>{intro}</td></tr>"
    if story:
        cell += rows
    cell += "<tr><td>All four are free and open all year, the harbour office said on Friday.</td></tr></table>"
    side = "" if story else f"<td><table>{rows}</table></td>"
    return (
        "<html lang='en'><head><title>Where to watch the lifeboat launch | Tidewater Gazette</title></head><body>"
        "<table width='900'><tr><td><a href='/'>Home</a> | <a href='/news'>News</a></td></tr>"
        f"<tr><td>{cell}</td>{side}</tr><tr><td>© Tidewater Gazette</td></tr></table></body></html>"
    )


def test_a_numbered_list_in_a_table_layouts_story_cell_stays() -> None:
    body = extract(_table("Our four"), URL).body
    # (a row's lines come glued, "slipway2. Selby …": how rows are read is not this test's)
    assert any(p.startswith("1. Corran Point slipway") and p.endswith("4. Gull Rock jetty") for p in body)
    assert "Our four" in body


@pytest.mark.parametrize(("label", "story"), [("Most read", True), ("Latest", False)])
def test_a_ranked_list_of_links_labelled_most_read_or_beside_the_story_goes(label: str, story: bool) -> None:
    body = extract(_table(label, story=story), URL).body
    assert not any("Corran Point slipway" in p for p in body)
    assert label not in body
    assert body[-1] == "All four are free and open all year, the harbour office said on Friday."


def test_a_calls_place_at_the_storys_edge_is_read_without_the_pages_noise() -> None:
    """Prose in a related-stories box after the call (noise the gate does not digest) leaves it at the edge."""
    call = "<p><em>Please consider making a donation to keep the Gazette covering the coast.</em></p>"
    related = (
        "<div class='related-stories'><p>Harbour master warns of strong tides around Selby Cove this weekend as "
        "spring storms move up the coast.</p></div>"
    )
    assert extract(_page(_ps(STORY) + call + related), URL).body == STORY

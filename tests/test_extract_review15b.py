"""Story text the box, comment, sign-off and count rules must keep: a lede's or a quote's paragraph whose class
its siblings lack and whose words a promotional box might use, a story's own "Comments" section, a closing
sentence that mentions reporters or an e-mail address, a data story's key figure, a subheading that opens with
the author's name, a sentence linked to a "/theme/" page. And a tag cloud of thousands of links is read once."""

from __future__ import annotations

import pytest

from monitor.extractors import cleanup, extract
from monitor.extractors.lead import is_sign_off, strip_furniture

HEADLINE = "Saltmarsh ferry slip to close for rebuilding"
URL = "https://estuary-gazette.example/news/2025/06/ferry-slip"
STORY = (
    "The county will close the Saltmarsh ferry slip for eight weeks from July so that its timber ramp can be "
    "rebuilt in concrete, the harbour office said on Wednesday.",
    "Divers found rot in eleven of the ramp's piles during a survey in April, and two were judged unsafe.",
    "The foot ferry will run from the fishermen's steps at Quay End while the work goes on, with a shuttle bus "
    "from the car park.",
    "The rebuilding will cost about £640,000, most of it from a coastal grant awarded last year.",
)


def _page(*blocks: str, after: str = "", lang: str = "en") -> str:
    return (
        f"<html lang='{lang}'><head><meta charset='utf-8'><title>{HEADLINE} | Estuary Gazette</title></head><body>"
        f"<main><article><h1>{HEADLINE}</h1><p class='byline'>By Tamsin Orrell</p><div class='article-text'>"
        f"{''.join(blocks)}</div>{after}</article></main><footer><p>© Estuary Gazette</p></footer></body></html>"
    )


def _body(page: str) -> tuple[str, ...]:
    return extract(page, URL).body


@pytest.mark.parametrize(
    ("cls", "lede"),
    [
        (
            "standfirst-lede",
            "Boat owners urged the harbour office to donate now to the lifeboat fund, as the slip closed.",
        ),
        (
            "intro",
            "The views expressed by the harbourmaster at the meeting were his own and not the county's, a "
            "spokesman said.",
        ),
        ("dropcap", "Join a WhatsApp group, the ferrymen were told, and within a week 300 passengers had."),
        ("first-paragraph", "Officials said 25 boat owners received gift vouchers from the county after the closure."),
        ("lead", "A diver who released her film of the piles under a Creative Commons licence says it was sold on."),
        ("lead", "Got a tip about the rotten piles from a diver, she said, so she called the harbour office."),
    ],
)
def test_a_ledes_paragraph_with_a_class_its_siblings_lack_stays(cls: str, lede: str) -> None:
    page = _page(f"<p class='{cls}'>{lede}</p>", *(f"<p>{p}</p>" for p in STORY))
    assert _body(page) == (lede, *STORY)


def test_a_quotes_paragraph_among_classed_paragraphs_stays() -> None:
    quote = "“Become a member of the ferry club and you get a say,” said its secretary, Ivo Prent."
    blocks = [f"<p class='body-text'>{p}</p>" for p in STORY]
    blocks.insert(2, f"<p class='body-text quote'>{quote}</p>")
    assert _body(_page(*blocks)) == (*STORY[:2], quote, *STORY[2:])


def test_numbered_paragraph_classes_set_no_paragraph_apart() -> None:
    sentence = "The county put the divers' photographs online under a Creative Commons licence for local papers."
    texts = (*STORY[:2], sentence, *STORY[2:])
    assert _body(_page(*(f"<p class='para-{i}'>{t}</p>" for i, t in enumerate(texts)))) == texts


@pytest.mark.parametrize(
    "sentence",
    [
        "The divers released their photographs under a Creative Commons licence so that anyone could use them.",
        "Ferry users urged the county to donate now to the slipway fund before the summer season began.",
    ],
)
def test_a_story_sentence_in_a_classed_block_that_only_mentions_the_wording_stays(sentence: str) -> None:
    blocks = [f"<p>{p}</p>" for p in STORY]
    blocks.insert(2, f"<div class='highlight'><p>{sentence}</p></div>")
    assert sentence in _body(_page(*blocks))


@pytest.mark.parametrize(
    "box",
    [
        "<p class='donate-box'>Our reporting is free to read. Donate today to keep it that way.</p>",
        "<div class='licence-note'><p>You may republish this article under a Creative Commons licence.</p></div>",
    ],
)
def test_a_box_so_named_or_worded_still_goes(box: str) -> None:
    assert _body(_page(*(f"<p>{p}</p>" for p in STORY), box)) == STORY


@pytest.mark.parametrize(
    ("heading", "section", "lang"),
    [
        (
            "Comments",
            (
                "More than 200 residents sent in written comments on the plan, most about parking.",
                "The harbour office said it would answer each one before the council votes.",
            ),
            "en",
        ),
        (
            "Kommentar",
            (
                "Die Schließung kommt zur Unzeit: Im Sommer ist die Fähre voll.",
                "Die Behörde hätte die Arbeiten in den Winter legen müssen.",
            ),
            "de",
        ),
        ("コメント", ("港湾事務所の担当者は「夏までに工事を終えたい」と話している。",), "ja"),
    ],
)
def test_a_bare_comments_heading_over_the_storys_own_prose_stays(
    heading: str, section: tuple[str, ...], lang: str
) -> None:
    blocks = [f"<p>{p}</p>" for p in STORY] + [f"<h2>{heading}</h2>"] + [f"<p>{p}</p>" for p in section]
    assert _body(_page(*blocks, lang=lang)) == (*STORY, heading, *section)


@pytest.mark.parametrize(
    ("heading", "comments"),
    [
        ("Comments", ("Mara Quill wrote:", "About time, the old ramp was a hazard.", "12.06.2025 14:10")),
        ("12 comments", ("About time, the old ramp was a hazard.", "What about the car park?")),
        ("Leave a comment", ("Your email address will not be published.",)),
    ],
)
def test_a_comments_section_below_the_story_still_goes(heading: str, comments: tuple[str, ...]) -> None:
    blocks = [f"<p>{p}</p>" for p in STORY] + [f"<h2>{heading}</h2>"] + [f"<p>{p}</p>" for p in comments]
    assert _body(_page(*blocks)) == STORY


@pytest.mark.parametrize(
    "line",
    [
        "정부는 내일 기자회견을 연다.",
        "시장은 기자들에게 사과했다.",
        "Nobody briefed reporters.",
        "Residents can email ferry@county.example",
        "Ana Ruiz reporters",
    ],
)
def test_a_story_sentence_naming_reporters_or_an_address_is_no_sign_off(line: str) -> None:
    assert not is_sign_off(line)


@pytest.mark.parametrize(
    "line",
    [
        "박준호 기자 jhpark@saebyeol.example",
        "山田太郎記者",
        "记者 张伟",
        "Ana M. Ruiz, staff reporter",
        "Ana Ruiz ar@x.example",
    ],
)
def test_a_sign_off_is_still_one(line: str) -> None:
    assert is_sign_off(line)


def test_a_last_sentence_about_a_press_conference_stays() -> None:
    paragraphs = ("시는 다음 달부터 나룻배 선착장을 8주 동안 폐쇄한다고 밝혔다.", "정부는 내일 기자회견을 연다.")
    page = _page(*(f"<p>{p}</p>" for p in paragraphs), lang="ko")
    assert _body(page)[-1] == paragraphs[-1]


def test_a_data_storys_key_figure_in_a_multiple_stays() -> None:
    story = (
        "Passengers carried by the Saltmarsh ferry last year, a record, according to the harbour office",
        "1.2M",
        "Most of them crossed between May and September, when the ferry runs every twenty minutes.",
    )
    assert strip_furniture(story, [HEADLINE], ["Tamsin Orrell"]) == story
    opening = ("1.2M", *story[2:], "That is twice the number carried ten years ago.")
    assert strip_furniture(opening, [HEADLINE], ["Tamsin Orrell"]) == opening


def test_a_subheading_opening_with_the_authors_name_is_no_signature() -> None:
    story = (STORY[0], "Tamsin Orrell Foundation Steps In", *STORY[1:])
    assert strip_furniture(story, [HEADLINE], ["Tamsin Orrell"]) == story


def test_a_story_sentence_linked_to_a_theme_page_stays() -> None:
    sentence = "The estuary has now gone 40 days without rain, the longest dry spell on record."
    blocks = [f"<p>{p}</p>" for p in STORY[:2]]
    blocks += [f"<p><a href='/theme/water-crisis'>{sentence}</a></p>", *(f"<p>{p}</p>" for p in STORY[2:])]
    assert sentence in _body(_page(*blocks))


def test_a_german_themen_tag_list_still_goes() -> None:
    tags = "<div class='x'><span>Themen</span><a href='/themen/faehre'>Fähre</a><a href='/themen/hafen'>Hafen</a></div>"
    assert _body(_page(*(f"<p>{p}</p>" for p in STORY), after=tags)) == STORY


def test_a_tag_cloud_of_thousands_of_links_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cloud's block is found once and everything inside it skipped: the work does not grow with each link
    times the links (no timing: the calls are counted)."""
    calls = 0
    block = cleanup._tag_block

    def counted(link):  # noqa: ANN001, ANN202
        nonlocal calls
        calls += 1
        return block(link)

    monkeypatch.setattr(cleanup, "_tag_block", counted)
    cloud = "<div class='cloud'>" + " ".join(f"<a href='/tag/t{i}'>t{i}</a>" for i in range(3000)) + "</div>"
    assert _body(_page(*(f"<p>{p}</p>" for p in STORY), after=cloud)) == STORY
    assert calls <= 10


def test_a_donation_box_whose_button_opens_the_call_still_goes() -> None:
    box = (
        "<section class='appeal'><div class='card'><h3>Local news needs your help.</h3><form action='/give'>"
        "<label>Monthly</label><label>Once</label><span>5 €</span><span>10 €</span>"
        "<button>Donate now</button></form></div></section>"
    )
    assert _body(_page(*(f"<p>{p}</p>" for p in STORY), after=box)) == STORY


def test_a_bare_comments_heading_closing_the_page_with_nothing_below_goes() -> None:
    assert _body(_page(*(f"<p>{p}</p>" for p in STORY), "<h2>Comments</h2>")) == STORY

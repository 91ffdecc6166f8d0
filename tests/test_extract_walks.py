"""The quick tests in the element walks (gate, pre-cleaning, notes reader, promo boxes) answer as the full ones do."""

from __future__ import annotations

import pytest
from lxml import html

from monitor.extractors.cleanup import _ABOUT, _AUTHOR, _CAPTION, _PLAYER, NOISE_TOKENS, _noisy_name, _noisy_names
from monitor.extractors.notes import _BLOCKS, NOTE_BOX, NOTE_BOX_WORDS, _has_block, may_open_note, note_box, opens_note
from monitor.extractors.promo import MAX_BOX_CHARS, _pieces
from monitor.extractors.text import name_tokens, word_tokens

NAMES = [
    "share-bar",
    "ArticleShareBar",
    "sr-only",
    "SRONLY",
    "about-the-author",
    "c-video__legend",
    "video-player",
    "ad",
    "header",
    "Korrektur-Hinweis",
    "EditorsNote",
    "story-notes",
    "article-footnote",
    "col-md-8",
    "css-1x2y3z",
    "poſtscript",  # a long s: the same letter as "s" when case is ignored
    "\u212aorrektur",  # the Kelvin sign: a "k" when case is ignored
    "ſhare-bar",
    "teaser-rubrik",
    "Timestamp",
]


def _noisy_by_words(name: str) -> bool:
    words = word_tokens(name)
    return bool(
        words & NOISE_TOKENS
        or NOTE_BOX.search(name)
        or words & _ABOUT
        and words & _AUTHOR
        or words & _PLAYER
        and words & _CAPTION
    )


def _top_alternatives(pattern: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for index, char in enumerate(pattern):
        depth += char == "("
        depth -= char == ")"
        if char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
    return [*parts, pattern[start:]]


def test_every_note_box_name_holds_one_of_its_words() -> None:
    for alternative in _top_alternatives(NOTE_BOX.pattern):
        assert any(word in alternative for word in NOTE_BOX_WORDS), alternative


@pytest.mark.parametrize("name", NAMES)
def test_note_box_as_ignoring_case(name: str) -> None:
    assert note_box(name) == bool(NOTE_BOX.search(name))
    assert note_box(f"{name} {name.upper()}") == bool(NOTE_BOX.search(f"{name} {name.upper()}"))


@pytest.mark.parametrize("name", NAMES)
def test_noisy_name_as_its_words(name: str) -> None:
    assert _noisy_name(name) == _noisy_by_words(name)


@pytest.mark.parametrize(
    ("classes", "ident"),
    [("col share", ""), ("col", "share-bar"), ("col", "sharing-the-quay-with-the-ferries"), ("", ""), ("x", "ad")],
)
def test_noisy_names_reads_only_short_ids(classes: str, ident: str) -> None:
    short = len(name_tokens(ident)) <= 3
    expected = any(map(_noisy_by_words, classes.split())) or short and any(map(_noisy_by_words, ident.split()))
    assert _noisy_names(classes, ident) == expected


TEXTS = [
    "  Correction: The ferry left at noon.",
    "• Update: the quay has reopened.",
    "\u00a0Editor's note: this story was changed.",
    "İn an earlier version of this story the quay was misnamed.",
    "Σ",
    "abc",
    "The harbour master said the quay would reopen.",
    "(UPDATE 14:05 GMT): the quay has reopened.",
    "    ",
]


@pytest.mark.parametrize("text", TEXTS)
def test_opens_note_as_may_open_note(text: str) -> None:
    assert opens_note([text]) == (len(text) > 3 and may_open_note(text.lstrip()))


def test_opens_note_over_many() -> None:
    assert opens_note(["Share", "More stories", "Update: the quay has reopened."])
    assert not opens_note(["Share", "More stories", "Newsletter"])


@pytest.mark.parametrize(("count", "size"), [(3, 10), (31, 10), (32, 10), (33, 10), (40, 30), (5, 200), (1, 801)])
def test_pieces_up_to_a_box_length(count: int, size: int) -> None:
    box = html.fragment_fromstring(
        "<div>" + "".join(f"<span>{'x' * size}</span>" for _ in range(count)) + "</div>", create_parent=False
    )
    texts = list(box.itertext())
    long = sum(map(len, texts)) > 2 * MAX_BOX_CHARS
    assert _pieces(box) == (None if long else texts)


@pytest.mark.parametrize(
    "markup",
    [
        "<div><p>Quay</p></div>",
        "<div><span>Quay <em>north</em></span></div>",
        "<div><a href='/a'><span><p>Quay</p></span></a></div>",
        "<div>Quay</div>",
        "<div><!-- a comment --><em>Quay</em></div>",
        "<div><em><strong>Quay</strong></em><b>north</b></div>",
    ],
)
def test_has_block_as_a_search_of_descendants(markup: str) -> None:
    element = html.fragment_fromstring(markup)
    expected = next(element.iterdescendants(*_BLOCKS), None) is not None
    assert _has_block(element) == expected

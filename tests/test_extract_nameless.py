"""A page that names itself nowhere (no <title>, heading or metadata) is kept, headed by its opening words.

Refusing it for a missing headline would leave the story untracked — a silent miss; its stand-in headline
moves with its opening sentence, which is the body's edit, never a "headline rewritten".
"""

from __future__ import annotations

from pathlib import Path

from monitor.diff import summarize
from monitor.extractors import OPENING_LAYER, extract
from monitor.extractors.checks import assess
from monitor.extractors.opening import opening_words

PAGE = (Path(__file__).parent / "data" / "pages" / "nameless_notes.html").read_text()
URL = "https://birds.example.org/notes/swift-count"


def test_the_nameless_page_is_kept_with_its_doubt() -> None:
    article = extract(PAGE, URL)
    assert assess(article, None) is None
    assert article.extractor["layers"]["headline"] == OPENING_LAYER
    assert "names itself nowhere" in article.extractor["doubt"]
    assert article.body[0].startswith(article.headline.removesuffix("…"))
    assert article.extractor.get("gate"), "the stand-in headline comes from the body: the gate can vouch for it"


def test_an_edit_to_the_opening_is_a_body_edit_not_a_headline_rewrite() -> None:
    old = extract(PAGE, URL)
    new = extract(PAGE.replace("412 swifts", "415 swifts"), URL)
    assert old.headline != new.headline
    summary = summarize(old, new)
    assert summary.headline is None
    assert [(n.old, n.new) for n in summary.numbers] == [("412", "415")]
    assert summary.paragraphs_changed == 1


def test_a_named_page_keeps_its_headline_changes() -> None:
    named = PAGE.replace("<head></head>", "<head><title>Swift count</title></head>")
    old, new = extract(named, URL), extract(named.replace("Swift count", "Record swift count"), URL)
    assert summarize(old, new).headline == ("Swift count", "Record swift count")


def test_opening_words() -> None:
    assert opening_words(("The quay is closed. Then more.",)) == "The quay is closed."
    long = "One two three four five six seven eight nine ten eleven, twelve thirteen"
    assert opening_words(("", long)) == "One two three four five six seven eight nine ten eleven, twelve…"
    assert opening_words(()) is None
    assert opening_words(("Mr. Okafor and U.S. officials met on Monday. Then more.",)) == (
        "Mr. Okafor and U.S. officials met on Monday."
    )
    assert opening_words(("x" * 300 + " and more",)) == "x" * 100 + "…"
    assert opening_words(("Ferry " * 5 + "y" * 90,)) == ("Ferry " * 5).strip() + "…"

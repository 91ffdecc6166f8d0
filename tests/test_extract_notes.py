"""Update, correction and editor's notes: invented pages in tests/data/pages/notes and the texts in texts.yaml."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from monitor.extractors import extract
from monitor.extractors.dates import _UPDATED, dateline_time, is_dateline, may_name_update
from monitor.extractors.notes import label_kind, note_kind, split_notes, split_trailing_notes, without_notes
from monitor.models import Note

NOTES = Path(__file__).parent / "data" / "pages" / "notes"
PAGES: dict[str, dict[str, Any]] = yaml.safe_load((NOTES / "expected.yaml").read_text())
TEXTS: dict[str, list[Any]] = yaml.safe_load((NOTES / "texts.yaml").read_text())


@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_notes_and_body(page: str) -> None:
    expected = PAGES[page]
    article = extract((NOTES / page).read_bytes(), expected["url"])
    assert [note.to_json() for note in article.notes] == expected["notes"]
    assert list(article.body) == expected["body"]
    body = "\n".join(article.body)
    for text in expected.get("absent", []):
        assert text not in body, f"{page}: {text!r} is in the body"
    if "modified" in expected:  # a visible dateline is the modified time when nothing else states one
        assert (article.modified.isoformat() if article.modified else None) == expected["modified"]


def test_every_notes_page_has_expectations() -> None:
    assert sorted(p.name for p in NOTES.glob("*.html")) == sorted(PAGES)


@pytest.mark.parametrize(("text", "kind"), TEXTS["kinds"])
def test_note_kind(text: str, kind: str | None) -> None:
    assert note_kind(text) == kind


@pytest.mark.parametrize(("text", "kind"), TEXTS["labels"])
def test_label_kind(text: str, kind: str | None) -> None:
    assert label_kind(text) == kind


@pytest.mark.parametrize(("text", "iso"), TEXTS["datelines"])
def test_dateline_time(text: str, iso: str | None) -> None:
    assert is_dateline(text)
    value = dateline_time(text)
    assert (value.isoformat() if value else None) == iso


@pytest.mark.parametrize("text", TEXTS["not_datelines"])
def test_not_a_dateline(text: str) -> None:
    assert not is_dateline(text)
    assert dateline_time(text) is None


def _spellings(alternative: str) -> list[str]:
    """Every spelling of one alternative of the update-word pattern: ``[äa]`` one letter each, ``e?`` with and
    without, ``\\s+`` a space, a look-ahead its text ("stand(?=\\s*:)" → "stand:")."""
    alternative = re.sub(r"\(\?=\\s\*(.)\)", r"\1", alternative).replace("\\s+", " ")
    pieces = re.findall(r"\[[^]]+\]|.\?|.", alternative)
    options = [
        [p[1:-1][i] for i in range(len(p) - 2)] if p.startswith("[") else [p[0], ""] if p.endswith("?") else [p]
        for p in pieces
    ]
    return ["".join(choice) for choice in itertools.product(*options)]


def test_every_update_word_passes_the_cheap_screen_in_any_case() -> None:
    """``may_name_update`` screens every short block before the update-word pattern's slow case-blind search:
    it must pass every spelling the pattern knows (read from the pattern itself), upper and title case too."""
    words = _UPDATED.pattern.split("(?:", 2)[2].rsplit(")(?!", 1)[0].split("|")
    spellings = [spelling for word in words for spelling in _spellings(word)]
    assert len(spellings) > 40
    for spelling in spellings:
        turkish = (spelling.replace("i", "ı"), spelling.upper().replace("I", "İ"))  # read as i by the pattern
        for text in (f"{spelling} 10:40", f"– {spelling.upper()}: 3 May", spelling.title(), *turkish):
            assert _UPDATED.search(text), text
            assert may_name_update(text), text
    for text in ("Published 3 May 2025, 09:12", "Veröffentlicht am 2.4.2025", "Publié le 3 septembre", "12:40 BST"):
        assert not may_name_update(text)
        assert not is_dateline(text)


def test_a_label_takes_the_next_paragraph_and_a_dateline_goes_nowhere() -> None:
    story = "The ferry will run three extra crossings on weekdays from June, the operator said."
    body, notes = split_notes(["Updated 3 minutes ago", story, "Correction", "The ferry leaves at 05:45, not 06:45."])
    assert body == (story,)
    assert notes == (Note("correction", "Correction: The ferry leaves at 05:45, not 06:45."),)


def test_a_note_run_into_a_jsonld_paragraph_is_cut_off_at_either_end() -> None:
    paragraph = (
        "Editor's note: This story contains details of a violent crime. Police in Tarnby said on Monday that a man "
        "had been charged after a break-in at a jeweller's. This story has been updated with additional developments."
    )
    body, notes = split_trailing_notes([paragraph])
    assert body == ("Police in Tarnby said on Monday that a man had been charged after a break-in at a jeweller's.",)
    assert [note.kind for note in notes] == ["editor", "update"]


@pytest.mark.parametrize("promise", ["This story will be updated.", "This article will be updated."])
def test_a_promise_of_updates_run_into_a_storys_last_paragraph_stays_the_storys(promise: str) -> None:
    paragraph = f"About 200 people left the Tarnby ferry terminal on Monday after a fire alarm, police said. {promise}"
    assert split_trailing_notes([paragraph]) == ((paragraph,), ())
    assert split_trailing_notes([promise])[1] == (Note("update", promise),)  # a paragraph of its own: a note


def test_a_note_in_other_dress_is_not_kept_in_the_body_too() -> None:
    story = "The ferry will run three extra crossings on weekdays from June, the operator said on Monday."
    note = Note("correction", "An earlier version of this story gave the wrong time for the first sailing.")
    dressed = "Correction (12 May 2025):An earlier version of this story gave the wrong time for the first sailing."
    assert without_notes([story, dressed], [note]) == (story,)
    longer = f"{story} {note.text}"  # a story paragraph the note is run into keeps its story
    assert without_notes([longer], [note]) == (story,)


def test_a_story_that_reads_as_a_note_is_kept_as_the_story() -> None:
    story = (
        "Update: The island ferry will run three extra crossings on weekdays from the first of June, the operator "
        "said on Monday, and fares stay the same."
    )
    page = f"<html><body><article><h1>Ferry timetable changes</h1><p>{story}</p></article></body></html>"
    article = extract(page, "https://news.example.org/ferry")
    assert article.body == (story,)
    assert article.notes == ()
    assert "notes" in article.extractor["doubt"]

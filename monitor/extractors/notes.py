"""Recognise update, correction and editor's notes and lift them out of the story body."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bs4 import BeautifulSoup

from monitor.extractors.text import element_text
from monitor.models import Note

_PATTERNS = (
    (
        "correction",
        re.compile(
            r"^(?:corrections?|clarifications?)\s*(?:\d+\s*)?[:\-–—(.]|^corrects?\b|"
            r"\b(?:an|a) (?:earlier|previous|prior) version of this (?:story|article|report|post|piece)\b|"
            r"^(?:this|the) (?:story|article|report|post|piece) (?:has been|was) (?:corrected|amended)\b",
            re.IGNORECASE,
        ),
    ),
    ("editor", re.compile(r"^(?:editor['’]?s['’]? note|note to (?:our )?readers)\b", re.IGNORECASE)),
    (
        "update",
        re.compile(
            r"^updates?\s*(?:\d+\s*)?[:\-–—]|^updates? with\b|"
            r"^(?:last )?updated\s*(?:at|on)?\s*[:\-–—]?\s*\d|^(?:last )?updated\s+(?:at|on)\b|"
            r"^(?:this|the) (?:story|article|report|post|piece|page) "
            r"(?:has been|was|is being|will be) updated\b",
            re.IGNORECASE,
        ),
    ),
)
_MAX_LENGTH = {"update": 400, "correction": 1200, "editor": 1500}
_LEAD = re.compile(r"^[\s*†‡•(\[–—-]+")
_NOTE_CLASS = re.compile(r"correction|editors?-?note|update-?note|article-?note|clarification", re.IGNORECASE)


def note_kind(text: str) -> str | None:
    """``"update"``, ``"correction"`` or ``"editor"`` when ``text`` reads as a publisher's note, else None."""
    probe = _LEAD.sub("", text)
    for kind, pattern in _PATTERNS:
        if len(text) <= _MAX_LENGTH[kind] and pattern.search(probe):
            return kind
    return None


def split_notes(paragraphs: Iterable[str]) -> tuple[tuple[str, ...], tuple[Note, ...]]:
    """Separate the body paragraphs from the notes among them."""
    body: list[str] = []
    notes: list[Note] = []
    for text in paragraphs:
        kind = note_kind(text)
        if kind:
            notes.append(Note(kind, text))
        else:
            body.append(text)
    return tuple(body), tuple(notes)


def boxed_notes(soup: BeautifulSoup) -> tuple[Note, ...]:
    """Notes kept in their own element (``<div class="correction">`` …), wherever it sits on the page."""
    notes: list[Note] = []
    for element in soup.find_all(class_=_NOTE_CLASS):
        if element.find(class_=_NOTE_CLASS):
            continue  # the innermost box only
        text = element_text(element)
        kind = note_kind(text)
        if kind:
            notes.append(Note(kind, text))
    return tuple(notes)


def merge_notes(*groups: Iterable[Note]) -> tuple[Note, ...]:
    """All notes in order, dropping one whose text repeats (or is part of) a note already kept."""
    out: list[Note] = []
    for group in groups:
        for note in group:
            if not any(note.text in kept.text or kept.text in note.text for kept in out):
                out.append(note)
    return tuple(out)

"""Recognise update, correction and editor's notes and lift them out of the story body."""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml.html import HtmlElement

from monitor.extractors.text import element_text
from monitor.models import Note

_PATTERNS = (
    (
        "correction",
        re.compile(
            r"^(?:corrections?|clarifications?|korrektur|berichtigung|richtigstellung|rectificaci[oó]n|"
            r"fe de errores|rettifica|rectificatif|correctie|rättelse|rettelse|korrigering)\s*(?:\d+\s*)?[:\-–—(.]|"
            r"^corrects?\b|"
            r"\b(?:an|a) (?:earlier|previous|prior) version of this (?:story|article|report|post|piece)\b|"
            r"^(?:this|the) (?:story|article|report|post|piece) (?:has been|was) (?:corrected|amended)\b",
            re.IGNORECASE,
        ),
    ),
    ("editor", re.compile(r"^(?:editor['’]?s['’]? note|note to (?:our )?readers)\b", re.IGNORECASE)),
    (
        "update",
        re.compile(
            r"^(?:updates?|aktualisierung|actualizaci[oó]n|mise à jour|aggiornamento)\s*(?:\d+\s*)?[:\-–—]|"
            r"^updates? with\b|"
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


def boxed_notes(tree: HtmlElement) -> tuple[Note, ...]:
    """Notes kept in their own element (``<div class="correction">`` …), wherever it sits on the page."""
    boxes = [el for el in tree.xpath("//*[@class or @id]") if _NOTE_CLASS.search(_names(el))]
    notes: list[Note] = []
    for element in boxes:
        if any(other is not element and _inside(other, element) for other in boxes):
            continue  # the innermost box only
        for text in _box_texts(element):
            kind = note_kind(text)
            if kind:
                notes.append(Note(kind, text))
    return tuple(notes)


def _names(element: HtmlElement) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}"


def _inside(element: HtmlElement, container: HtmlElement) -> bool:
    return any(parent is container for parent in element.iterancestors())


def _box_texts(element: HtmlElement) -> list[str]:
    """The box's paragraphs when it has several (a heading "Correction" and its text read as one note)."""
    paragraphs = [element_text(p) for p in element.iter("p")]
    paragraphs = [p for p in paragraphs if p]
    whole = element_text(element)
    if len(paragraphs) > 1 and not note_kind(whole):
        return paragraphs
    return [whole] if whole else []


def split_trailing_notes(paragraphs: Iterable[str]) -> tuple[tuple[str, ...], tuple[Note, ...]]:
    """Like :func:`split_notes`, but also cuts a note off the end of a paragraph.

    JSON-LD ``articleBody`` often runs the note into the story's last paragraph: "… at the weekend. This
    story has been updated with additional developments."
    """
    body: list[str] = []
    notes: list[Note] = []
    for text in paragraphs:
        for boundary in (0, *(m.end() for m in _SENTENCE_START.finditer(text))):
            kind = note_kind(text[boundary:])
            if kind:
                notes.append(Note(kind, text[boundary:].strip()))
                text = text[:boundary].strip()
                break
        if text:
            body.append(text)
    return tuple(body), tuple(notes)


_SENTENCE_START = re.compile(r"(?<=[.!?”\"])\s+(?=\S)")


def merge_notes(*groups: Iterable[Note]) -> tuple[Note, ...]:
    """All notes in order, dropping one whose text repeats (or is part of) a note already kept."""
    out: list[Note] = []
    for group in groups:
        for note in group:
            if not any(note.text in kept.text or kept.text in note.text for kept in out):
                out.append(note)
    return tuple(out)

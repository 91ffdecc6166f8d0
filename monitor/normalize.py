"""The normalised text of an article (what must change for the story to have changed) and its hash."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from monitor.models import Article

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # C0 (but tab, LF, CR), DEL and C1
ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")  # CSI, OSC, 2-byte


def printable(text: str | None) -> str | None:
    """``text`` without control characters: an ESC sequence in a feed's title never reaches a terminal."""
    return CONTROL.sub("", ANSI.sub("", text)) if text else text


def collapse(text: str | None) -> str:
    """NFC, every whitespace run as one space, trimmed. Quotes, dashes and case are kept as written."""
    if not text:
        return ""
    return " ".join(unicodedata.normalize("NFC", text).split())


def normalized_text(article: Article) -> str:
    """Headline, byline, body paragraphs and notes under fixed section labels, one paragraph per line.

    URLs, dates and the extractor's bookkeeping are left out: a story whose words are the same is the
    same story, even when its ``dateModified`` moved.
    """
    lines = [
        "# headline",
        collapse(article.headline),
        *([collapse(article.shown_headline)] if article.shown_headline != article.headline else []),
        "# byline",
        collapse(", ".join(article.authors)),
        "# body",
        *(text for text in (collapse(p) for p in article.body) if text),
        "# notes",
        *(f"[{note.kind}] {collapse(note.text)}" for note in article.notes if collapse(note.text)),
    ]
    return "\n".join(lines) + "\n"


def text_hash(text: str) -> str:
    """sha256 hex digest of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()

"""The normalised text of an article (what must change for the story to have changed) and its hash."""

from __future__ import annotations

import hashlib
import unicodedata

from monitor.models import Article


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

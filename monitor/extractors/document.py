"""Decode page bytes, refuse what is not HTML, and parse it once into a BeautifulSoup tree."""

from __future__ import annotations

import codecs
import re

from bs4 import BeautifulSoup

from monitor.errors import ExtractionError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XHTML = re.compile(r"<(?:!doctype\s+html|html|body)\b", re.IGNORECASE)
_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|html|head|body|article|main|div|p|h1|h2|section|span|title|meta)\b", re.IGNORECASE
)


def decode(content: bytes | str, encoding: str | None = None) -> str:
    """Page text: a BOM, else the caller's encoding, else valid UTF-8, else ``<meta charset>``, else UTF-8."""
    if isinstance(content, str):
        return content
    for bom, name in _BOMS:
        if content.startswith(bom):
            return content[len(bom) :].decode(name, errors="replace")
    if encoding:
        try:
            return content.decode(encoding, errors="replace")
        except LookupError:  # an encoding name Python does not know
            pass
    try:  # valid UTF-8 is almost never anything else, whatever a stale <meta charset> claims
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for name in (_sniff_meta_charset(content),):
        if name:
            try:
                return content.decode(name, errors="replace")
            except LookupError:  # an encoding name Python does not know
                continue
    return content.decode("utf-8", errors="replace")


def _sniff_meta_charset(content: bytes) -> str | None:
    match = _META_CHARSET.search(content[:4096])
    return match.group(1).decode("ascii", errors="ignore") if match else None


def check_html(text: str) -> None:
    """Raise ExtractionError, saying why, when ``text`` is empty or plainly not an HTML page."""
    head = text.lstrip("\ufeff \t\r\n")[:2048]
    if not head:
        raise ExtractionError("empty page: no content to extract an article from")
    if head.startswith("%PDF"):
        raise ExtractionError("not an HTML page: the content is a PDF document")
    if head[0] in "{[" and not _HTML_TAG.search(head[:200]):
        raise ExtractionError("not an HTML page: the content looks like JSON")
    if "\x00" in head:
        raise ExtractionError("not an HTML page: the content is binary")
    if head.startswith("<?xml") and not _XHTML.search(text[:20000]):
        raise ExtractionError("not an HTML page: the content is XML (a feed or sitemap?)")
    if not _HTML_TAG.search(text[:200000]):
        raise ExtractionError("not an HTML page: no HTML tags found (plain text?)")


def parse(content: bytes | str, encoding: str | None = None) -> BeautifulSoup:
    """Decode, check and parse the page with lxml (the one full parse an extraction makes)."""
    text = decode(content, encoding)
    check_html(text)
    return BeautifulSoup(text, "lxml")

"""Decode page bytes, refuse what is not HTML, and parse it once into an lxml tree."""

from __future__ import annotations

import codecs
import re

from lxml import etree, html

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


_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes((*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F))  # the same, as UTF-8 bytes
_BOM_STARTS = tuple(bom for bom, _ in _BOMS)


def decode(content: bytes | str, encoding: str | None = None) -> str:
    """The page as text, with control characters (a stray form feed, an escape sequence) taken out: they
    carry no meaning, make parsers drop whole paragraphs, and must never reach an operator's terminal."""
    text = _clean_utf8(content)
    return text if text is not None else _CONTROL.sub("", _decode(content, encoding))


def _clean_utf8(content: bytes | str) -> str | None:
    """The text of a page that is UTF-8 without a BOM and without control characters (most pages), else None.

    (What ``_decode`` takes first; in UTF-8 control characters are single bytes of their own, so a scan of the
    bytes in C finds them.)"""
    if not isinstance(content, bytes) or content.startswith(_BOM_STARTS):
        return None
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text if len(content.translate(None, _CONTROL_BYTES)) == len(content) else None


def _decode(content: bytes | str, encoding: str | None = None) -> str:
    """Page text: a BOM; else valid UTF-8 (valid UTF-8 is almost never anything else, whatever a stale header or
    ``<meta charset>`` claims); else the declared encoding, then ``<meta charset>``, if the bytes fit; else
    windows-1252 (the web's default for undeclared pages); else beautifulsoup4's detector."""
    if isinstance(content, str):
        return content
    for bom, name in _BOMS:
        if content.startswith(bom):
            return content[len(bom) :].decode(name, errors="replace")
    for name in ("utf-8", encoding, _sniff_meta_charset(content), "windows-1252"):  # a wrong one falls through
        if name:
            try:
                return content.decode(name)
            except (LookupError, UnicodeDecodeError):
                continue
    from bs4.dammit import UnicodeDammit  # the rare last resort: bs4 (and soupsieve) cost ~80 ms to import

    dammit = UnicodeDammit(content, is_html=True)
    return dammit.unicode_markup if dammit.unicode_markup is not None else content.decode("utf-8", errors="replace")


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


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
# the parser settings trafilatura uses itself: comments and processing instructions are not page text
_OPTIONS = {"collect_ids": False, "default_doctype": False, "encoding": "utf-8", "remove_comments": True}
_PARSER = etree.HTMLParser(**_OPTIONS, remove_pis=True)
# lxml.html's own lookup is a Python method called for every element proxy made (millions per page set, by our
# layers and trafilatura's walks); this one is lxml's C lookup, giving the same classes (HtmlElement and its
# comment, PI and entity kinds; only form controls get no FormElement/InputElement subclass, which nothing reads)
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=html.HtmlElement, comment=html.HtmlComment, pi=html.HtmlProcessingInstruction, entity=html.HtmlEntity
    )
)
# the same parse into plain lxml elements (no HtmlElement proxies): the same tree, built and walked faster
_PLAIN_PARSER = etree.HTMLParser(**_OPTIONS, remove_pis=True)


def parse(content: bytes | str, encoding: str | None = None, *, plain: bool = False) -> html.HtmlElement:
    """Decode, check and parse the page with lxml (the one full parse an extraction makes); ``plain`` builds
    plain elements (``etree._Element``: no ``text_content`` and friends), for a reader that needs no more."""
    clean = _clean_utf8(content)
    text = clean if clean is not None else decode(content, encoding)
    check_html(text)
    if clean is not None and b"\x00" not in content and not _XML_DECLARATION.match(text):
        data = content  # what the lines below would make of it again: the same bytes
    else:
        text = _XML_DECLARATION.sub("", text.lstrip("\ufeff"), count=1).replace("\x00", "")
        data = text.encode("utf-8", "surrogatepass")
    try:
        if not plain:
            return html.document_fromstring(data, parser=_PARSER)
        root = etree.fromstring(data, _PLAIN_PARSER)
        if root is None:
            raise etree.ParserError("Document is empty")
        return root
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as error:
        raise ExtractionError(f"the page could not be parsed as HTML: {error}") from None

"""Load the shared evaluation sets as one kind of record, each page in a fixed fold.

Every page of ``articles-aeb``, ``articles-meta`` and ``articles-readability`` becomes a :class:`Page` with
what its set says about it (body text, title, authors, published time, whether it is a readable article).
Its fold (0–4) is a hash of ``set/page id``, so the split never changes when pages are added or the code is
edited: folds 0–2 are for development and tuning ("dev"), folds 3–4 are held back ("held") and only reported.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import html

FOLDS = 5
GROUPS = {"dev": frozenset({0, 1, 2}), "held": frozenset({3, 4}), "all": frozenset(range(FOLDS))}
SETS = ("aeb", "meta", "readability")
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "dd", "dt", "figcaption")


@dataclass(frozen=True)
class Page:
    """One shared page and its expected fields (None where the set says nothing)."""

    set: str
    id: str
    content: bytes
    url: str
    body: str | None = None
    title: str | None = None
    authors: tuple[str, ...] | None = None
    byline: str | None = None
    published: str | None = None
    readerable: bool = True

    @property
    def fold(self) -> int:
        return fold_of(self.set, self.id)


def fold_of(set_name: str, page_id: str) -> int:
    digest = hashlib.sha256(f"{set_name}/{page_id}".encode()).hexdigest()
    return int(digest[:8], 16) % FOLDS


def pages(data: Path, group: str = "all", sets: tuple[str, ...] = SETS) -> Iterator[Page]:
    """The pages of ``sets`` whose fold is in ``group`` (``dev``, ``held`` or ``all``)."""
    loaders = {"aeb": _aeb, "meta": _meta, "readability": _readability}
    for name in sets:
        for page in loaders[name](data):
            if page.fold in GROUPS[group]:
                yield page


def _aeb(data: Path) -> Iterator[Page]:
    root = data / "articles-aeb"
    truth = json.loads((root / "ground-truth.json").read_text())
    for page_id, row in sorted(truth.items()):
        content = (root / "html" / f"{page_id}.html").read_bytes()
        yield Page("aeb", page_id, content, row["url"], body=row["articleBody"])


def _meta(data: Path) -> Iterator[Page]:
    root = data / "articles-meta"
    for row in json.loads((root / "expected.json").read_text()):
        exp = row["expected"]
        body = exp.get("body") or {}
        text = "\n\n".join(
            body.get("summary", [])
            + [p for s in body.get("sections", []) for p in s.get("headline", []) + s.get("paragraphs", [])]
        )
        yield Page(
            "meta",
            row["html"],
            (root / "html" / row["html"]).read_bytes(),
            row["url"],
            body=text,
            title=exp.get("title"),
            authors=tuple(exp.get("authors") or ()),
            published=exp.get("publishing_date") or "",
        )


def _readability(data: Path) -> Iterator[Page]:
    root = data / "articles-readability" / "pages"
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        meta = json.loads((folder / "expected-metadata.json").read_text())
        yield Page(
            "readability",
            folder.name,
            (folder / "source.html").read_bytes(),
            f"http://fakehost/test/{folder.name}/",  # Readability's own test URL: no host to recognise
            body=html_text((folder / "expected.html").read_text()),
            title=meta.get("title"),
            byline=_clean_byline(meta.get("byline"), meta.get("siteName")),
            published=meta.get("publishedTime"),
            readerable=bool(meta.get("readerable")),
        )


def html_text(markup: str) -> str:
    """The text of an article's HTML, one paragraph per block, blank lines between."""
    if not markup.strip():
        return ""
    tree = html.fromstring(markup)
    blocks = [
        " ".join(el.text_content().split())
        for el in tree.iter(*_BLOCKS)
        if not any(d.tag in _BLOCKS for d in el.iterdescendants())
    ]
    return "\n\n".join(b for b in blocks if b) or " ".join(tree.text_content().split())


_DIGIT = re.compile(r"\d")


def _clean_byline(byline: str | None, site: str | None) -> str | None:
    """Readability's byline when it names people: not a date line, not the site's own name."""
    if not byline:
        return None
    text = " ".join(byline.split())
    if _DIGIT.search(text) or (site and text.casefold() == site.casefold()):
        return None
    return text

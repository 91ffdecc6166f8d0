"""Check where update, correction and editor's notes end up: as notes, left in the body, or lost.

    PYTHONPATH=. .venv/bin/python bench/eval_notes.py [-v] [--data ../shared/data] [--fixtures]

Every page of ``articles-aeb`` and ``articles-meta`` (or, with ``--fixtures``, our invented pages) is scanned
independently of the extractor: the visible text blocks of the raw page (scripts, styles, the head and hidden
elements left out) and the sentences of its JSON-LD ``articleBody`` are searched for the phrases publishers
write notes with, in English, German, French, Spanish, Italian and Dutch. Each candidate is classed by its own
simple rules and then looked up in what ``extract()`` returned:

- ``note``: an opener ("Correction:", "UPDATE (14:05 GMT):", "An earlier version of this article …")
  reported as a note — right;
- ``body``: an opener left in the body text — wrong, the body keeps only the story;
- ``missing``: an opener in neither — a lost note, or one outside the article (look by eye);
- ``dateline``: a short "Updated 3 minutes ago" / "Aktualisiert am 2.4.2025" stamp — a modified time, which
  belongs in neither the notes nor the body; ``dateline-body`` / ``dateline-note`` when it leaked there,
  ``dateline-nomod`` when the article has no modified time at all;
- ``label``: the phrase alone ("Corrections", a link or a heading); ``teaser``: a block that is mostly link
  text ("UPDATE: …" in a related-stories list); ``mention``: the phrase inside a sentence ("… issued a
  correction on Monday", "Updated figures show …") — all three are no notes; ``…-note`` when reported as one.

Notes the extractor reports that match no opener candidate are listed as ``false?`` for a look by eye. Last,
every paragraph of the sets' marked-up story text is put to ``note_kind``/``label_kind``/``is_dateline``: each
one taken for a note is a story paragraph that would vanish from the body.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml.html import HtmlElement

from monitor.errors import ExtractionError
from monitor.extractors import extract
from monitor.extractors.dates import is_dateline
from monitor.extractors.document import parse
from monitor.extractors.jsonld import objects
from monitor.extractors.notes import label_kind, note_kind
from monitor.models import Article


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

# words a note opens with when a colon, dash or a bracketed time follows ("Correction:", "UPDATE (14:05 GMT):")
_HEADS = (
    r"corrections?|clarifications?|update|updated|last updated|korrektur|korrekturhinweis|berichtigung|"
    r"richtigstellung|aktualisierung|aktualisiert|nachtrag|anmerkung|mise à jour|mis à jour|rectificatif|erratum|"
    r"précision|actualización|actualizado|fe de erratas|fe de errores|rectificación|aclaración|corrección|"
    r"aggiornamento|aggiornato|rettifica|precisazione|correctie|bijgewerkt|rättelse|rettelse|atualização|correção"
)
# phrases that open a note on their own
_SENTENCES = (
    r"editor['’]?s['’]? note|note to (?:our )?readers|anmerkung der redaktion|hinweis der redaktion|"
    r"note de la rédaction|nota del editor|nota de la redacción|nota della redazione|noot van de redactie|"
    r"this (?:story|article|report|post|piece|page) (?:has been|was|is being|will be) "
    r"(?:updated|amended|corrected|changed)|"
    r"an? (?:earlier|previous|prior) version of this (?:story|article|report|post|piece)|"
    r"a correction (?:was|has been) (?:made|appended)|in einer früheren (?:version|fassung)|"
    r"(?:dieser|der) (?:artikel|text) wurde|cet article a été|une précédente version|una versión anterior|"
    r"(?:este artículo|esta noticia) (?:ha sido|fue)|questo articolo è stato|in een eerdere versie"
)
_PHRASE = re.compile(rf"(?<!\w)(?:{_HEADS}|{_SENTENCES})(?!\w)", re.IGNORECASE)
_OPENER = re.compile(
    rf"^(?:(?:{_HEADS})\s*(?:\([^)]{{0,40}}\)|,?[^:!?]{{0,30}}\d[^:!?]{{0,12}})?\s*(?:[:–—]|\s-\s)|(?:{_SENTENCES}))",
    re.IGNORECASE,
)
_LABEL = re.compile(rf"(?:(?:{_HEADS}|{_SENTENCES})\W*(?:and|&|und|et|y)?\W*)+", re.IGNORECASE)
_STAMP_WORDS = re.compile(
    r"updated?|last|published|posted|aktualisiert|veröffentlicht|stand|mis à jour|publié|actualizado|publicado|"
    r"aggiornato|pubblicato|bijgewerkt|uhr|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mär|mai|okt|dez|janv|févr|avr|juil|sept|déc|ene|abr|ago|dic)"
    r"[a-zéèûäôíá]*|(?:mon|tue|wed|thu|fri|sat|sun|mon|die|mit|don|fre|sam|son|lun|mar|mer|jeu|ven|sam|dim)"
    r"[a-zéèûäôíá]*|minutes?|hours?|stunden?|minuten?|heures?|horas?|minutos?|ago|vor|il y a|hace|today|heute",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"\b(?:ago|vor|il y a|hace|geleden|just now|today|yesterday|heute|gestern)\b", re.I)
_LEAD = re.compile(r"^[\s*†‡•(\[–—|-]+")
_BLOCKS = _words(
    "p div li aside section article header footer h1 h2 h3 h4 h5 h6 blockquote ul ol table tr td dd dt figure "
    "figcaption main nav form"
)
_INLINE = _words("em i strong b")  # a note in italics beside the paragraphs: <div><em>Editor's note: …</em><p>
_INVISIBLE = _words("script style noscript template head svg iframe button select option")


@dataclass(frozen=True)
class Candidate:
    text: str
    kind: str  # opener | label | dateline | teaser | mention
    source: str = "page"  # page | json-ld


def visible_blocks(tree: HtmlElement) -> Iterator[tuple[str, float]]:
    """(text, share of it in links) of the innermost block elements a reader can see, in page order."""
    for element in list(tree.iter()):
        visible = not isinstance(element.tag, str) or (element.tag not in _INVISIBLE and not _hidden(element))
        if not visible and element.getparent() is not None:
            element.drop_tree()
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag not in _BLOCKS | _INLINE:
            continue
        if any(isinstance(d.tag, str) and d.tag in _BLOCKS for d in element.iterdescendants()):
            continue
        parent = element.getparent()
        if element.tag in _INLINE and (parent is None or parent.tag not in _BLOCKS or _is_leaf(parent)):
            continue  # inline text inside a paragraph: read with its paragraph
        text = " ".join(element.text_content().split())
        if text:
            linked = sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))
            yield text, linked / len(text)


def _is_leaf(element: HtmlElement) -> bool:
    return not any(isinstance(d.tag, str) and d.tag in _BLOCKS for d in element.iterdescendants())


def _hidden(element: HtmlElement) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or element.get("hidden") is not None or element.get("aria-hidden") == "true"


def jsonld_paragraphs(tree: HtmlElement) -> list[str]:
    """Sentences of every JSON-LD ``articleBody`` (a note may be run into a paragraph there)."""
    out: list[str] = []
    for node in objects(tree):
        body = node.get("articleBody")
        if isinstance(body, str):
            for paragraph in re.split(r"\n+", body):
                out.extend(s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z(])", " ".join(paragraph.split())) if s)
    return out


def candidates(tree: HtmlElement) -> list[Candidate]:
    """Blocks that hold a note phrase, each classed as an opener, a label, a dateline, a teaser or a mention."""
    found: list[Candidate] = []
    seen: set[str] = set()
    jsonld = [(text, 0.0, "json-ld") for text in jsonld_paragraphs(tree)]
    for text, linked, source in [*jsonld, *((t, share, "page") for t, share in visible_blocks(tree))]:
        if text in seen or len(text) > 3000 or not _PHRASE.search(text):
            continue
        seen.add(text)
        found.append(Candidate(text, _classify(text, linked), source))
    return found


def _classify(text: str, linked: float) -> str:
    lead = _LEAD.sub("", text)
    if _LABEL.fullmatch(lead):
        return "label"
    if linked >= 0.5:
        return "teaser"
    if len(text) <= 100 and (re.search(r"\d", text) or _RELATIVE.search(text)) and _is_stamp(text):
        return "dateline"
    return "opener" if _OPENER.search(lead) else "mention"


def _is_stamp(text: str) -> bool:
    """ "Updated 3 minutes ago", "Aktualisiert: 02.04.2025, 15:25 Uhr", "Published 9:00, updated 10:40"."""
    return len(re.findall(r"[^\W\d_]{4,}", _STAMP_WORDS.sub(" ", text))) <= 1


def _fold(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


def judge(candidate: Candidate, article: Article | None) -> str:
    if article is None:
        return "failed"
    key = _fold(_LEAD.sub("", candidate.text))[:80]
    in_notes = any(key in _fold(n.text) or _fold(n.text) in key for n in article.notes)
    in_body = any(key in _fold(p) for p in article.body)
    if candidate.kind == "opener":
        return "note" if in_notes else "body" if in_body else "missing"
    if candidate.kind == "dateline":
        leaked = "dateline-note" if in_notes else "dateline-body" if in_body else ""
        return leaked or ("dateline" if article.modified else "dateline-nomod")
    if candidate.kind == "label":  # a heading may open a note ("Correction" + its text): only itself is wrong
        in_notes = any(_fold(n.text).rstrip(":. ") == key.rstrip(":. ") for n in article.notes)
    return f"{candidate.kind}-note" if in_notes else candidate.kind


def false_notes(found: list[Candidate], article: Article | None) -> list[str]:
    """Notes matching no opener candidate on the page (a body paragraph or stamp taken for a note?)."""
    if article is None:
        return []
    openers = [_fold(_LEAD.sub("", c.text)) for c in found if c.kind == "opener"]
    out = []
    for note in article.notes:
        text = _fold(note.text)
        if not any(text[:60] in o or o[:60] in text for o in openers):
            out.append(f"{note.kind}: {note.text}")
    return out


def story_paragraphs(data: Path) -> list[str]:
    """Every paragraph (and crosshead) of the marked-up story text of both sets: none of them is a note."""
    out: list[str] = []
    for row in json.loads((data / "articles-aeb" / "ground-truth.json").read_text()).values():
        out.extend(p.strip() for p in row["articleBody"].split("\n") if p.strip())
    for row in json.loads((data / "articles-meta" / "expected.json").read_text()):
        body = row["expected"].get("body") or {}
        out.extend(body.get("summary") or [])
        for section in body.get("sections") or []:
            out.extend([*(section.get("headline") or []), *(section.get("paragraphs") or [])])
    return out


def fixture_pages() -> Iterator[tuple[str, bytes, str]]:
    """(name, bytes, url) of our own invented pages in tests/data/pages: the shapes notes come in."""
    root = Path(__file__).resolve().parents[1] / "tests" / "data" / "pages"
    for path in sorted(root.rglob("*.html")):
        yield f"fixture/{path.relative_to(root)}", path.read_bytes(), "https://fixture.example.org/story"


def pages(data: Path) -> Iterator[tuple[str, bytes, str]]:
    """(name, bytes, url) of every page of both sets."""
    truth = json.loads((data / "articles-aeb" / "ground-truth.json").read_text())
    for page_id, row in sorted(truth.items()):
        yield f"aeb/{page_id[:10]}", (data / "articles-aeb" / "html" / f"{page_id}.html").read_bytes(), row["url"]
    for row in json.loads((data / "articles-meta" / "expected.json").read_text()):
        yield f"meta/{row['html']}", (data / "articles-meta" / "html" / row["html"]).read_bytes(), row["url"]


_WRONG = ("body", "missing", "dateline-note", "dateline-body", "dateline-nomod", "false?")
_VERDICTS = (
    "note",
    "body",
    "missing",
    "false?",
    "dateline",
    "dateline-nomod",
    "dateline-body",
    "dateline-note",
    "label",
    "label-note",
    "teaser",
    "teaser-note",
    "mention",
    "mention-note",
    "failed",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("-v", "--verbose", action="store_true", help="also list right and neutral findings")
    parser.add_argument("--fixtures", action="store_true", help="score our invented pages in tests/data/pages")
    args = parser.parse_args()
    if args.fixtures:
        source = fixture_pages()
    elif (args.data / "articles-meta").is_dir():
        source = pages(args.data)
    else:
        print(f"no evaluation data under {args.data}; skipped")
        return
    totals: Counter[str] = Counter()
    pages_with: Counter[str] = Counter()
    print(f"{'page':44} {'verdict':14} text")
    for name, content, url in source:
        try:
            article: Article | None = extract(content, url)
        except ExtractionError:
            article = None
        found = candidates(parse(content))
        rows = [(judge(c, article), c.text) for c in found]
        rows += [("false?", text) for text in false_notes(found, article)]
        for verdict in {v for v, _ in rows}:
            pages_with[verdict] += 1
        for verdict, text in rows:
            totals[verdict] += 1
            if args.verbose or verdict in _WRONG or verdict == "note" or verdict.endswith("-note"):
                print(f"{name[:44]:44} {verdict:14} {text[:150]}")
    print()
    print(f"{'verdict':14} {'found':>6} {'pages':>6}")
    for verdict in _VERDICTS:
        print(f"{verdict:14} {totals[verdict]:6} {pages_with[verdict]:6}")
    if not args.fixtures:
        story = story_paragraphs(args.data)
        taken = [p for p in story if note_kind(p) or label_kind(p) or is_dateline(p)]
        print(f"\nstory paragraphs taken for a note, label or dateline: {len(taken)} of {len(story)}")
        for text in taken:
            print(f"  {text[:150]}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()

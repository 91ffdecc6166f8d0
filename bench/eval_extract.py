"""Score the extractor on the shared evaluation pages: body F1, metadata, noise immunity and speed, in one run.

    PYTHONPATH=. .venv/bin/python bench/eval_extract.py [-v] [--data ../shared/data]

articles-aeb: the benchmark's 4-gram shingle F1 of the body. articles-meta: headline exact match (case,
Unicode form, whitespace, curly/straight quotes and invisible format characters such as zero-width spaces
folded on both sides; ``title_strict`` folds only case, Unicode form and whitespace), published time to the
minute, author set. noise (both sets): a variant
with rewritten boilerplate must give the identical normalised text, a variant with one body word edited must
not. speed (both sets): median per-page cost of our whole extract() over trafilatura.extract() on the same
bytes (when trafilatura is installed).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from extract_noise import boilerplate_variant, edited_variant

from monitor.errors import ExtractionError
from monitor.extractors import extract
from monitor.extractors.document import decode
from monitor.normalize import normalized_text

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    """Word 4-grams of lower-cased text (the AEB scorer's unit)."""
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1))} if words else set()


def prf(expected: str, got: str) -> tuple[float, float, float]:
    exp, out = shingles(expected), shingles(got)
    if not exp and not out:
        return 1.0, 1.0, 1.0
    hit = len(exp & out)
    precision = hit / len(out) if out else 0.0
    recall = hit / len(exp) if exp else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def eval_aeb(root: Path, verbose: bool) -> dict[str, float]:
    truth = json.loads((root / "ground-truth.json").read_text())
    totals = [0.0, 0.0, 0.0]
    started = time.perf_counter()
    for page_id, row in sorted(truth.items()):
        content = (root / "html" / f"{page_id}.html").read_bytes()
        try:
            article = extract(content, row["url"])
            got = "\n\n".join(article.body)
        except ExtractionError:
            got = ""
        scores = prf(row["articleBody"], got)
        totals = [a + b for a, b in zip(totals, scores, strict=True)]
        if verbose:
            print(f"  {scores[2]:.3f} p={scores[0]:.2f} r={scores[1]:.2f} {page_id[:12]} {row['url'][:70]}")
    n = len(truth)
    return {
        "pages": n,
        "precision": totals[0] / n,
        "recall": totals[1] / n,
        "f1": totals[2] / n,
        "seconds_per_page": (time.perf_counter() - started) / n,
    }


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"'})


def _fold_typography(text: str) -> str:
    """Also fold curly quotes to straight ones and drop invisible format characters (zero-width spaces)."""
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return _fold(text.translate(_QUOTES))


def _same_minute(expected: str | None, got: datetime | None) -> bool:
    """Equal to the minute (a time without a zone is taken as UTC, as the extractor does)."""
    if not expected:
        return got is None
    if got is None:
        return False
    want = datetime.fromisoformat(expected)
    want = want if want.tzinfo else want.replace(tzinfo=UTC)
    return want.astimezone(UTC).replace(second=0, microsecond=0) == got.replace(second=0, microsecond=0)


def eval_meta(root: Path, verbose: bool) -> dict[str, float]:
    rows = json.loads((root / "expected.json").read_text())
    # date: published, to the minute; title: also curly/straight quotes and zero-width chars folded
    hits = {"title": 0, "title_strict": 0, "date": 0, "authors": 0, "body_f1": 0.0}
    for row in rows:
        exp = row["expected"]
        try:
            article = extract((root / "html" / row["html"]).read_bytes(), row["url"])
        except ExtractionError as error:
            print(f"  ERROR {row['html']}: {error}", file=sys.stderr)
            continue
        title = _fold_typography(article.headline or "") == _fold_typography(exp.get("title") or "")
        date = _same_minute(exp.get("publishing_date"), article.published)
        authors = {_fold(a) for a in article.authors} == {_fold(a) for a in exp.get("authors") or []}
        body = exp.get("body") or {}
        expected_body = "\n\n".join(
            body.get("summary", [])
            + [p for s in body.get("sections", []) for p in s.get("headline", []) + s.get("paragraphs", [])]
        )
        hits["body_f1"] += prf(expected_body, "\n\n".join(article.body))[2]
        hits["title"] += title
        hits["title_strict"] += _fold(article.headline or "") == _fold(exp.get("title") or "")
        hits["date"] += date
        hits["authors"] += authors
        if verbose and not (title and date and authors):
            print(
                f"  {row['html']}: title={title} date={date} authors={authors}"
                f"\n    got {article.headline!r} {article.published} {list(article.authors)}"
                f"\n    exp {exp.get('title')!r} {exp.get('publishing_date')} {exp.get('authors')}"
            )
    n = len(rows)
    return {"pages": n, **{key: value / n for key, value in hits.items()}}


def _pages(data: Path) -> Iterator[tuple[str, bytes, str]]:
    """(name, bytes, url) of every page of both sets."""
    truth = json.loads((data / "articles-aeb" / "ground-truth.json").read_text())
    for page_id, row in sorted(truth.items()):
        yield page_id, (data / "articles-aeb" / "html" / f"{page_id}.html").read_bytes(), row["url"]
    for row in json.loads((data / "articles-meta" / "expected.json").read_text()):
        yield row["html"], (data / "articles-meta" / "html" / row["html"]).read_bytes(), row["url"]


def eval_noise(data: Path, verbose: bool) -> dict[str, float]:
    """Same text under rewritten boilerplate; a different text after a one-word edit of the body."""
    stable = detected = edited = pages = 0
    for seed, (name, content, url) in enumerate(_pages(data)):
        try:
            base = extract(content, url)
        except ExtractionError:
            continue
        pages += 1
        page = decode(content)
        try:
            same = normalized_text(extract(boilerplate_variant(page, seed), url)) == normalized_text(base)
        except ExtractionError:
            same = False
        stable += same
        if verbose and not same:
            print(f"  noise leaked: {name}")
        variant = edited_variant(page, base.body, seed)
        if variant is None:
            continue
        edited += 1
        try:
            found = normalized_text(extract(variant, url)) != normalized_text(base)
        except ExtractionError:
            found = True
        detected += found
        if verbose and not found:
            print(f"  edit missed: {name}")
    return {
        "pages": pages,
        "boilerplate_identical": stable / max(1, pages),
        "edited_pages": edited,
        "edit_detected": detected / max(1, edited),
    }


def eval_speed(data: Path, repeat: int = 3) -> dict[str, float] | None:
    """Median per-page seconds of extract() and of trafilatura.extract(), best of ``repeat`` runs each."""
    try:
        import trafilatura
    except ImportError:
        return None
    ours: list[float] = []
    theirs: list[float] = []
    for _, content, url in _pages(data):
        ours.append(_best(lambda c=content, u=url: _try_extract(c, u), repeat))
        theirs.append(_best(lambda c=content, u=url: trafilatura.extract(c, url=u), repeat))
    return {
        "pages": len(ours),
        "ours_ms": statistics.median(ours) * 1000,
        "trafilatura_ms": statistics.median(theirs) * 1000,
        "ratio": statistics.median(ours) / statistics.median(theirs),
    }


def _try_extract(content: bytes, url: str) -> None:
    with contextlib.suppress(ExtractionError):
        extract(content, url)


def _best(call: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"skipped: no evaluation data at {args.data}")
        return
    print("articles-aeb:", json.dumps(eval_aeb(args.data / "articles-aeb", args.verbose), indent=1))
    print("articles-meta:", json.dumps(eval_meta(args.data / "articles-meta", args.verbose), indent=1))
    print("noise:", json.dumps(eval_noise(args.data, args.verbose), indent=1))
    print("speed:", json.dumps(eval_speed(args.data), indent=1))


if __name__ == "__main__":
    main()

"""Score the extractor on the shared evaluation pages: body 4-gram shingle F1 (AEB) and metadata accuracy."""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

from monitor.errors import ExtractionError
from monitor.extractors import extract

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


def _same_day(expected: str | None, got: datetime | None) -> bool:
    if not expected:
        return got is None
    if got is None:
        return False
    want = datetime.fromisoformat(expected)
    want = want if want.tzinfo else want.replace(tzinfo=UTC)
    return abs((want - got).total_seconds()) <= 36 * 3600


def eval_meta(root: Path, verbose: bool) -> dict[str, float]:
    rows = json.loads((root / "expected.json").read_text())
    hits = {"title": 0, "date": 0, "authors": 0, "body_f1": 0.0}
    for row in rows:
        exp = row["expected"]
        try:
            article = extract((root / "html" / row["html"]).read_bytes(), row["url"])
        except ExtractionError as error:
            print(f"  ERROR {row['html']}: {error}", file=sys.stderr)
            continue
        title = _fold(article.headline or "") == _fold(exp.get("title") or "")
        date = _same_day(exp.get("publishing_date"), article.published)
        authors = {_fold(a) for a in article.authors} == {_fold(a) for a in exp.get("authors") or []}
        body = exp.get("body") or {}
        expected_body = "\n\n".join(
            body.get("summary", [])
            + [p for s in body.get("sections", []) for p in s.get("headline", []) + s.get("paragraphs", [])]
        )
        hits["body_f1"] += prf(expected_body, "\n\n".join(article.body))[2]
        hits["title"] += title
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


if __name__ == "__main__":
    main()

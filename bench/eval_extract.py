"""Score the extractor on the shared evaluation pages, per set and per fold group, beside bare trafilatura.

    PYTHONPATH=. .venv/bin/python bench/eval_extract.py [--folds dev|held|all|each] [--sets aeb,meta,readability]
                                                       [-v] [--json] [--noise] [--data ../shared/data]

Pages are split into 5 folds by a hash of their id (``bench/eval_sets.py``): tune on ``dev`` (folds 0–2),
report ``held`` (folds 3–4) beside ``all``; ``each`` prints all three. Per set and group:

- ``f1`` / ``traf``: body F1 of 4-gram shingles (the AEB benchmark's scorer) for our extract() and for
  ``trafilatura.extract()`` on the same bytes; a refused page scores 0 for us;
- ``refused``: readable articles (every aeb and meta page, Readability's ``readerable`` ones) that extract()
  rejects or the pipeline's self-check (``assess``) would not store;
- ``title``: headline equal to the expected one, only case, Unicode form and white space folded (the page's own
  quotes and dashes must match); ``title~`` also folds curly/straight quotes and invisible format characters;
- ``authors``: the author set (meta), or the words of Readability's byline when it names people (readability);
  ``people``: the same with the publication's own name (og:site_name, JSON-LD publisher, the domain) taken out
  of the expected set — the meta set's parser lists "Euronews" or "ORF.at" as authors, which we must not;
- ``date``: published time equal to the minute, the page's offset applied (a date-only value: the same day);
- ``cost``: median per-page CPU seconds of our extract() over trafilatura.extract() (same run, best of 3;
  CPU time, so other work on the machine does not skew it).

``--noise`` adds the noise check on aeb and meta: a variant with rewritten boilerplate must give the identical
normalised text, a variant with one body word edited must not.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import statistics
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import trafilatura
from eval_sets import GROUPS, SETS, Page, pages

from monitor.errors import ExtractionError
from monitor.extractors import extract
from monitor.extractors.authors import without_publications
from monitor.extractors.checks import assess
from monitor.extractors.document import parse
from monitor.extractors.jsonld import read_jsonld
from monitor.extractors.meta import meta_values
from monitor.models import Article

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
_WORD = re.compile(r"\w+", re.UNICODE)
_GLUE = "by von par por di door af av de and und et y og avec with e en written edited reported"
_BYLINE_GLUE = frozenset(_GLUE.split())  # noqa: SIM905 - a word list reads best as words


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


def fold_text(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"'})


def fold_typography(text: str) -> str:
    """Also fold curly quotes to straight ones and drop invisible format characters (zero-width spaces)."""
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return fold_text(text.translate(_QUOTES))


def same_minute(expected: str, got: datetime | None) -> bool:
    """Equal to the minute, offset applied (no zone: UTC, as the extractor reads it); a date alone: same day."""
    if not expected:
        return got is None
    if got is None:
        return False
    text = expected.strip().replace(" ", "T", 1).replace("Z", "+00:00")
    text = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", text)
    try:
        want = datetime.fromisoformat(text)
    except ValueError:
        return False
    if len(expected.strip()) <= 10:
        return want.date() == got.date()
    want = want if want.tzinfo else want.replace(tzinfo=UTC)
    return want.astimezone(UTC).replace(second=0, microsecond=0) == got.replace(second=0, microsecond=0)


def byline_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(fold_text(text)) if w not in _BYLINE_GLUE}


@dataclass
class Score:
    """One page's results; None where the set gives nothing to compare with."""

    page: Page
    article: Article | None
    problem: str | None
    ours: tuple[float, float, float] | None
    traf: float | None
    seconds: float
    traf_seconds: float

    @property
    def refused(self) -> bool:
        return self.page.readerable and self.problem is not None

    def title(self, fold: Callable[[str], str]) -> bool | None:
        if self.page.title is None:
            return None
        return self.article is not None and fold(self.article.headline or "") == fold(self.page.title)

    @property
    def authors(self) -> bool | None:
        got = self.article.authors if self.article else ()
        if self.page.authors is not None:
            return {fold_text(a) for a in got} == {fold_text(a) for a in self.page.authors}
        if self.page.byline is not None:
            return byline_words(" ".join(got)) == byline_words(self.page.byline)
        return None

    @property
    def people(self) -> bool | None:
        """``authors`` with the publication's own name taken out of the expected list (the set's parser
        lists "Euronews", "ORF.at" as authors; a publication is not an author)."""
        if self.page.authors is None:
            return self.authors
        got = self.article.authors if self.article else ()
        tree = parse(self.page.content)
        names = [*meta_values(tree).get("og:site_name", []), read_jsonld(tree).get("site_name", "")]
        expected = without_publications(self.page.authors, names, self.page.url)
        return {fold_text(a) for a in got} == {fold_text(a) for a in expected}

    @property
    def date(self) -> bool | None:
        if self.page.published is None:
            return None
        return same_minute(self.page.published, self.article.published if self.article else None)


def score(page: Page, repeat: int) -> Score:
    article = problem = None
    seconds = traf_seconds = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        try:
            article = extract(page.content, page.url)
            problem = assess(article, None)
        except ExtractionError as error:
            article, problem = None, str(error)
        seconds = min(seconds, time.process_time() - started)
        started = time.process_time()
        bare = trafilatura.extract(page.content, url=page.url) or ""
        traf_seconds = min(traf_seconds, time.process_time() - started)
    ours = traf = None
    if page.body is not None and page.readerable:
        got = "\n\n".join(article.body) if article and not problem else ""
        ours, traf = prf(page.body, got), prf(page.body, bare)[2]
    return Score(page, article, problem, ours, traf, seconds, traf_seconds)


def summary(scores: list[Score]) -> dict[str, Any]:
    """The figures of one set × fold group."""

    def mean(values: Iterable[float | bool | None]) -> float | None:
        kept = [float(v) for v in values if v is not None]
        return round(sum(kept) / len(kept), 3) if kept else None

    bodies = [s for s in scores if s.ours is not None]
    return {
        "pages": len(scores),
        "f1": mean(s.ours[2] for s in bodies if s.ours),
        "traf": mean(s.traf for s in bodies),
        "precision": mean(s.ours[0] for s in bodies if s.ours),
        "recall": mean(s.ours[1] for s in bodies if s.ours),
        "refused": sum(s.refused for s in scores),
        "readable": sum(s.page.readerable for s in scores),
        "title": mean(s.title(fold_text) for s in scores),
        "title~": mean(s.title(fold_typography) for s in scores),
        "authors": mean(s.authors for s in scores),
        "people": mean(s.people for s in scores),
        "date": mean(s.date for s in scores),
        "cost": round(_median(s.seconds for s in scores) / _median(s.traf_seconds for s in scores), 2),
    }


def _median(values: Iterable[float]) -> float:
    return statistics.median(values)


def report(scores: list[Score], groups: list[str], as_json: bool) -> None:
    from eval_sets import GROUPS as fold_groups

    table: dict[str, dict[str, Any]] = {}
    for group in groups:
        chosen = [s for s in scores if s.page.fold in fold_groups[group]]
        for name in (*SETS, "total"):
            part = [s for s in chosen if name in ("total", s.page.set)]
            if part:
                table[f"{name}/{group}"] = summary(part)
    if as_json:
        print(json.dumps(table, indent=1))
        return
    keys = ["pages", "f1", "traf", "precision", "recall", "refused", "readable"]
    keys += ["title", "title~", "authors", "people", "date", "cost"]
    print(f"{'set/folds':<18}" + "".join(f"{k:>10}" for k in keys))
    for name, row in table.items():
        print(f"{name:<18}" + "".join(f"{'-' if row[k] is None else row[k]:>10}" for k in keys))


def explain(scores: list[Score]) -> None:
    for s in scores:
        a = s.article
        lines = []
        if s.refused:
            lines.append(f"refused: {s.problem}")
        if s.ours and s.traf is not None and (s.ours[2] < 0.9 or s.ours[2] < s.traf - 0.03):
            lines.append(f"body f1={s.ours[2]:.3f} p={s.ours[0]:.2f} r={s.ours[1]:.2f} traf={s.traf:.3f}")
        if s.title(fold_text) is False:
            lines.append(f"title got {a.headline if a else None!r}\n      exp {s.page.title!r}")
        if s.authors is False:
            lines.append(f"authors got {list(a.authors) if a else None} exp {s.page.authors or s.page.byline!r}")
        if s.date is False:
            lines.append(f"date got {a.published if a else None} exp {s.page.published}")
        if lines:
            print(f"  [{s.page.set} f{s.page.fold}] {s.page.id}")
            for line in lines:
                print(f"    {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--folds", choices=[*GROUPS, "each"], default="each")
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated: aeb, meta, readability")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs per page (best of)")
    parser.add_argument("--noise", action="store_true", help="also run the noise-immunity check (aeb, meta)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true", help="list each page that misses a figure")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"skipped: no evaluation data at {args.data}")
        return
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    group = "all" if args.folds == "each" else args.folds
    sets = tuple(s for s in args.sets.split(",") if s)
    scores = [score(page, args.repeat) for page in pages(args.data, group, sets)]
    if args.verbose:
        explain(scores)
    report(scores, ["dev", "held", "all"] if args.folds == "each" else [args.folds], args.json)
    if args.noise:
        from extract_noise import eval_noise

        print("noise:", json.dumps(eval_noise(args.data, group, args.verbose), indent=1))


if __name__ == "__main__":
    main()

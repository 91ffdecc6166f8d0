"""Dump what extract() makes of every shared page, to show that a change for speed changes no output.

    PYTHONPATH=. .venv/bin/python bench/extract_snapshot.py OUT.jsonl [--folds all] [--data ../shared/data]
    PYTHONPATH=. .venv/bin/python bench/extract_snapshot.py NEW.jsonl --compare OLD.jsonl

One JSON line per page (measuring only: the file holds extracted text, so write it outside the repo): the
Article's JSON (or the ExtractionError's message) and the exact gate's digest and covered text of the page as
``read_gate`` sees it on a fetch. ``--compare`` lists the pages whose line differs from OLD's and exits 1 on any.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from bench.eval_sets import pages
from monitor.errors import ExtractionError
from monitor.extractors import EXTRACTOR_VERSION, extract
from monitor.extractors.gate import read_gate

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def snapshot(page_set: str, page_id: str, content: bytes, url: str) -> dict[str, Any]:
    """One page's extraction and gate, as JSON."""
    row: dict[str, Any] = {"page": f"{page_set}/{page_id}"}
    try:
        row["article"] = extract(content, url).to_json()
    except ExtractionError as error:
        row["error"] = str(error)
    gate = read_gate(content, url, encoding=None, rule=None, version=EXTRACTOR_VERSION)
    if gate is not None:
        covered = hashlib.sha256(gate.covered.encode("utf-8", "surrogatepass")).hexdigest()
        row["gate"] = {"digest": gate.digest, "covered": covered, "times": list(gate.times)}
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--folds", default="all", choices=("dev", "held", "all"))
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--compare", type=Path, help="an earlier snapshot: list the pages that differ")
    args = parser.parse_args(argv)
    with args.out.open("w") as out:
        for page in pages(args.data, args.folds):
            row = snapshot(page.set, page.id, page.content, page.url)
            out.write(json.dumps(row, sort_keys=True, ensure_ascii=False) + "\n")
    if not args.compare:
        return 0
    old = {row["page"]: row for row in map(json.loads, args.compare.read_text().splitlines())}
    new = {row["page"]: row for row in map(json.loads, args.out.read_text().splitlines())}
    differ = sorted(key for key in old.keys() | new.keys() if old.get(key) != new.get(key))
    for key in differ:
        was, now = old.get(key) or {}, new.get(key) or {}
        parts = [part for part in ("article", "error", "gate") if was.get(part) != now.get(part)]
        print(f"differs: {key} ({', '.join(parts)})")
    print(f"{len(new)} pages, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: peak memory of listing 100,000 stories — `stories --json`, `stories` (table and piped records), the API.

    .venv/bin/python bench/bench_listing.py [--stories 100000] [--versions 300000] [--keep PATH] [--url PG_URL]
        [--rounds 3] [--out FILE] [--quick] [--no-table]

The database is ``bench_web``'s (the same builder: invented stories from 200 article families, SQLite in a
temporary folder, or kept with ``--keep``; ``--url`` builds a PostgreSQL database the run creates and drops).
Each form is a fresh process, measured by its peak RSS (GNU ``time``'s maximum resident set size) and its
wall time; the baseline is the same process listing one story
(``stories --json --limit 1``), measured in the same run, so each figure is also given as a ratio to it.
The table form runs under a pseudo-terminal 120 columns wide (what people see); the piped forms write to a
pipe the benchmark drains. The API is a fresh ``storywatch serve`` whose peak RSS is read before and after
``GET /api/stories`` (all of it, streamed) and a walk over pages of 1,000 by their ``Link`` headers.
Every output is checked: the JSON parses to the right count, the records count one line per story.
Exit status 1 when `stories --json` peaks at 150 MB or more.
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_web  # noqa: E402

EXE = str(Path(sys.executable).with_name("storywatch"))
TARGET_MB = 150


def measure(command: list[str], *, terminal: bool = False) -> dict[str, Any]:
    """Run ``command`` to the end: its peak RSS (MB, GNU time's ``%M``: the process's own, not this
    benchmark's memory it was forked from), wall seconds and what it wrote on stdout."""
    with tempfile.NamedTemporaryFile(suffix=".rss") as rss:
        timed = ["/usr/bin/time", "-f", "%M", "-o", rss.name, *command]
        started = time.perf_counter()
        if terminal:
            code, out = _on_terminal(timed)
        else:
            done = subprocess.run(timed, capture_output=True, check=False)
            code, out = done.returncode, done.stdout + done.stderr[-2000:] * (done.returncode != 0)
        seconds = time.perf_counter() - started
        if code != 0:
            raise SystemExit(f"{' '.join(command)} failed: {out[-2000:].decode(errors='replace')}")
        peak_kb = int(Path(rss.name).read_text().split()[-1])
    return {"peak_mb": peak_kb / 1024, "seconds": seconds, "out": out}


def _on_terminal(command: list[str]) -> tuple[int, bytes]:
    """``command`` under a pseudo-terminal 120 columns wide; its exit code and everything it showed."""
    pid, fd = pty.fork()
    if pid == 0:  # the child
        os.environ.update(COLUMNS="120", LINES="40")
        os.execv(command[0], command)
    out = bytearray()
    while True:
        try:
            data = os.read(fd, 1 << 16)
        except OSError:  # the terminal closed: the command ended
            break
        if not data:
            break
        out += data
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), bytes(out)


def median_of(rounds: int, command: list[str], **options: Any) -> dict[str, Any]:
    runs = [measure(command, **options) for _ in range(rounds)]
    return {
        "peak_mb": round(statistics.median(r["peak_mb"] for r in runs), 1),
        "seconds": round(statistics.median(r["seconds"] for r in runs), 2),
        "out": runs[-1]["out"],
    }


def api(config: Path, stories: int) -> dict[str, Any]:
    """A fresh server: its peak RSS after start, after the whole listing streamed, after walking every page."""
    server = bench_web.Server(config)
    try:
        figures: dict[str, Any] = {"start_peak_mb": round(server.peak_rss_mb(), 1)}
        with httpx.Client(base_url=server.base, timeout=600) as client:
            started = time.perf_counter()
            with client.stream("GET", "/api/stories") as response:
                body = b"".join(response.iter_bytes())
            assert len(json.loads(body)) == stories, "the streamed listing is not every story"
            figures["all_seconds"] = round(time.perf_counter() - started, 2)
            figures["all_peak_mb"] = round(server.peak_rss_mb(), 1)
            url: str | None = "/api/stories?limit=1000"
            pages = seen = 0
            started = time.perf_counter()
            while url:
                response = client.get(url)
                seen += len(response.json())
                pages += 1
                link = response.headers.get("Link")
                url = link.split(">")[0].lstrip("<") if link else None
            assert seen == stories, f"the pages held {seen} stories, not {stories}"
            figures["pages"] = pages
            figures["pages_seconds"] = round(time.perf_counter() - started, 2)
            figures["pages_peak_mb"] = round(server.peak_rss_mb(), 1)
        return figures
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--versions", type=int, default=300_000)
    parser.add_argument("--url", help="a PostgreSQL URL whose database the run creates and drops")
    parser.add_argument("--keep", metavar="PATH", help="keep the SQLite database here and reuse it next time")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each form (the median is reported)")
    parser.add_argument("--out", metavar="FILE", help="write the figures as JSON")
    parser.add_argument("--quick", action="store_true", help="a small run to try it: 2,000 stories, 1 round")
    parser.add_argument("--no-table", action="store_true", help="leave out the terminal table (rich: slow)")
    args = parser.parse_args()
    if args.quick:
        args.stories, args.versions, args.rounds = 2000, 5000, 1
    args.big_words = 10_000 if not args.quick else 500
    with tempfile.TemporaryDirectory(prefix="bench-listing-") as tmp:
        folder = Path(tmp)
        with bench_web.database(args, folder) as (url, facts):
            config = bench_web.write_config(folder, url)
            base = [EXE, "-c", str(config), "stories"]
            count = facts["stories"]
            print(f"{count:,} stories, {facts['versions']:,} versions on {url.split(':')[0]}")
            results: dict[str, Any] = {"stories": count, "database": url.split(":")[0]}
            forms = {
                "baseline (--json --limit 1)": (base + ["--json", "--limit", "1"], {}),
                "stories --json": (base + ["--json"], {}),
                "stories (piped records)": (base, {}),
                "stories (table, 120-column terminal)": (base, {"terminal": True}),
                "stories --json --limit 50 --offset 50000": (
                    base + ["--json", "--limit", "50", "--offset", "50000"],
                    {},
                ),
            }
            if args.no_table:
                del forms["stories (table, 120-column terminal)"]
            for name, (command, options) in forms.items():
                figures = median_of(args.rounds, command, **options)
                out = figures.pop("out")
                if name == "stories --json":
                    assert len(json.loads(out)) == count, "the JSON is not every story"
                if name == "stories (piped records)":
                    assert out.count(b"\n") == count + 1, "not one record a story (and a header)"
                results[name] = figures
            baseline = results["baseline (--json --limit 1)"]
            print(f"{'form':44} {'peak RSS MB':>12} {'× baseline':>11} {'wall s':>8}")
            for name in forms:
                f = results[name]
                f["peak_ratio"] = round(f["peak_mb"] / baseline["peak_mb"], 2)
                print(f"{name:44} {f['peak_mb']:12.1f} {f['peak_ratio']:11.2f} {f['seconds']:8.2f}")
            results["api"] = api(config, count)
            a = results["api"]
            print(
                f"API (serve): peak {a['start_peak_mb']} MB after start, {a['all_peak_mb']} MB after GET /api/stories "
                f"({a['all_seconds']} s), {a['pages_peak_mb']} MB after {a['pages']} pages of 1,000 "
                f"({a['pages_seconds']} s)"
            )
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    peak = results["stories --json"]["peak_mb"]
    print(f"stories --json peaks at {peak} MB (target: under {TARGET_MB} MB)")
    return 0 if peak < TARGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())

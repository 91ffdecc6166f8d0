"""Benchmark: how fast the read-only commands start — `--version`, `stories`, `status` — as whole processes.

    .venv/bin/python bench/bench_startup.py [--runs 21] [--stories 300] [--out FILE] [--imports]

Each command is a fresh ``storywatch`` process run to its end (wall time, stdout to a pipe) on an existing
database at the current schema with a normal config (sources, a Slack, an email and a webhook notifier, a
web section); the database is ``bench_web``'s builder at ``--stories`` stories (invented, 300 by default,
made in a temporary folder). The baseline is ``python -c pass`` with the same interpreter. Runs are
interleaved (one of each command per round, in a shuffled order) so the machine's load falls on all alike;
the median of ``--runs`` rounds is reported, with the ratio to the baseline measured in the same run.
``--imports`` also lists, for each command, the heavy modules it imported (``-X importtime``'s top level).
Exit status 1 when a command's median is above 0.25 s.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_web  # noqa: E402

EXE = str(Path(sys.executable).with_name("storywatch"))
TARGET = 0.25
HEAVY = ("sqlalchemy", "alembic", "trafilatura", "lxml", "httpx", "apscheduler", "flask", "rich", "yaml")
NOTIFIERS = """\
notifiers:
  - {name: desk, type: slack, webhook_url: "https://hooks.slack.example/services/T0/B0/x"}
  - {name: standards, type: email, smtp_host: smtp.example.org, from: sw@example.org, to: [desk@example.org]}
  - {name: hook, type: webhook, url: "https://hooks.example.org/storywatch"}
web: {listen: "127.0.0.1:8080", base_url: "https://storywatch.example.org"}
"""


def commands(config: Path) -> dict[str, list[str]]:
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "storywatch --version": [EXE, "--version"],
        "storywatch stories": [EXE, "-c", str(config), "stories"],
        "storywatch stories --json": [EXE, "-c", str(config), "stories", "--json"],
        "storywatch status": [EXE, "-c", str(config), "status", "--no-daemon"],
    }


def once(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):  # status exits 1 when something needs fixing (no source checked yet)
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    return seconds


def imported(command: list[str]) -> list[str]:
    """The heavy top-level packages ``command`` imported."""
    argv = ["storywatch", *command[1:]]
    code = f"import runpy, sys; sys.argv = {argv!r}; runpy.run_module('monitor', run_name='__main__')"
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True)
    names = {line.split("|")[-1].strip().split(".")[0] for line in done.stderr.splitlines() if "|" in line}
    return sorted(name for name in names if name in HEAVY)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="rounds (the median is reported)")
    parser.add_argument("--stories", type=int, default=300)
    parser.add_argument("--out", metavar="FILE", help="write the figures as JSON")
    parser.add_argument("--imports", action="store_true", help="list the heavy modules each command imports")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        folder = Path(tmp)
        db = argparse.Namespace(url=None, keep=None, stories=args.stories, versions=args.stories * 2, big_words=300)
        with bench_web.database(db, folder) as (url, _facts):
            config = bench_web.write_config(folder, url)
            config.write_text(config.read_text() + NOTIFIERS)
            runs = commands(config)
            times: dict[str, list[float]] = {name: [] for name in runs}
            for command in runs.values():
                once(command)  # warm the page cache and the .pyc files
            order = list(runs)
            rng = random.Random(1)
            for _ in range(args.runs):
                rng.shuffle(order)
                for name in order:
                    times[name].append(once(runs[name]))
            heavy = {name: imported(command) for name, command in runs.items()} if args.imports else {}
    base = statistics.median(times["python -c pass"])
    results = {}
    print(f"{'command':28} {'median s':>9} {'× python':>9} {'p90 s':>7}")
    for name, values in times.items():
        median = statistics.median(values)
        p90 = sorted(values)[int(0.9 * (len(values) - 1))]
        results[name] = {"median_s": round(median, 3), "ratio": round(median / base, 2), "p90_s": round(p90, 3)}
        line = f"{name:28} {median:9.3f} {median / base:9.2f} {p90:7.3f}"
        print(line + (f"   imports {', '.join(heavy[name]) or '—'}" if heavy else ""))
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    slow = [name for name in runs if name.startswith("storywatch") and results[name]["median_s"] > TARGET]
    if slow:
        print(f"above {TARGET} s: {', '.join(slow)}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())

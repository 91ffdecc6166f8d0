"""Benchmark: the CPU the checking process of `storywatch check` spends per changed page, for source trees side by side.

    PYTHONPATH=. .venv/bin/python bench/bench_check_cpu.py --data /work/shared/data [--pages 60] [--rounds 5]
                                                           [TREE ...]

A quick companion of ``bench_passes.py`` (its loopback newsroom, pages and edits): for each TREE (a directory
holding ``monitor``, ``storage`` and ``notifiers``, put first on ``PYTHONPATH``; default: this repository), a
fresh database goes through a baseline pass, an edited pass (one word of each page replaced) and an unchanged
pass (every page answers 304), each one `storywatch check` with alerts to a webhook on the same server. Only
the checking process's own CPU is counted (``getrusage(RUSAGE_SELF)`` at its exit: the extraction workers are
left out). Rounds are interleaved between the trees. Printed per tree (median over the rounds): the edited
pass's CPU, the unchanged pass's, and their difference per page — what a changed page costs on top of a 304.

Pages are read from ../shared/data (measuring only), prepared once and kept under the benchmark's cache
directory. Run ``python -m compileall`` on each tree first to leave out compiling the sources (as an
installed storywatch does not pay it).
"""

from __future__ import annotations

import argparse
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import bench.bench_passes as passes

ROOT = Path(__file__).resolve().parents[1]
WRAPPER = """
import atexit, os, resource, sys

def report():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    with open(os.environ["CHECK_CPU_OUT"], "w") as out:
        out.write(str(usage.ru_utime + usage.ru_stime))

if __name__ == "__main__":
    atexit.register(report)
    from monitor.cli import main
    main()
"""


def _pages(count: int) -> list[passes.Page]:
    cache = passes.CACHE / f"check-cpu-{count}.pickle"
    if not cache.exists():
        served = passes._prepare(count, "dev", 1)
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(pickle.dumps([{k: p.states[k] for k in ("0", "1e")} for p in served]))
    return [passes.Page(None, (), states) for states in pickle.loads(cache.read_bytes())]  # type: ignore[arg-type]


def _check(tree: str, config: Path, wrapper: Path) -> float:
    out = config.parent / "cpu"
    env = dict(os.environ, PYTHONPATH=tree, CHECK_CPU_OUT=str(out))
    command = [sys.executable, str(wrapper), "-c", str(config), "check"]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"storywatch check failed ({done.returncode}): {done.stderr[-2000:]}")
    return float(out.read_text())


def _round(tree: str, newsroom: passes.Newsroom, wrapper: Path) -> tuple[float, float]:
    work = Path(tempfile.mkdtemp(prefix="check-cpu-"))
    config = work / "config.yaml"
    config.write_text(
        f"""
storage: {{url: "sqlite:///{work / "storywatch.db"}"}}
fetch: {{allow_private_networks: true, timeout: 10s, min_gap: 0s, per_host: 4, robots_txt: false}}
sources:
  - {{name: bench, feed: "{newsroom.base}/feed.xml"}}
notifiers:
  - {{name: hook, type: webhook, url: "{newsroom.base}/hook", min_significance: cosmetic}}
"""
    )
    newsroom.state = "0"
    _check(tree, config, wrapper)
    newsroom.state = "1e"
    hooks = newsroom.hooks
    edited = _check(tree, config, wrapper)
    if newsroom.hooks - hooks != len(newsroom.pages):
        raise RuntimeError(f"{tree}: {newsroom.hooks - hooks} alerts for {len(newsroom.pages)} edited pages")
    unchanged = _check(tree, config, wrapper)
    return edited, unchanged


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("trees", nargs="*", default=[str(ROOT)])
    parser.add_argument("--data", type=Path, default=passes.DATA)
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    passes.DATA = args.data
    newsroom = passes.Newsroom(_pages(args.pages))
    wrapper = Path(tempfile.mkdtemp(prefix="check-cpu-")) / "check.py"
    wrapper.write_text(WRAPPER)
    runs: dict[str, list[tuple[float, float]]] = {tree: [] for tree in args.trees}
    for k in range(args.rounds):
        for tree in args.trees:
            edited, unchanged = _round(tree, newsroom, wrapper)
            runs[tree].append((edited, unchanged))
            print(f"round {k + 1} {tree}: edited {edited:.3f} s, unchanged {unchanged:.3f} s", flush=True)
    pages = len(newsroom.pages)
    for tree, results in runs.items():
        edited = statistics.median(e for e, _ in results)
        unchanged = statistics.median(u for _, u in results)
        extra = statistics.median((e - u) / pages * 1000 for e, u in results)
        print(
            f"{tree}: {pages} pages, edited pass {edited:.3f} s ({edited / pages * 1000:.2f} ms/page), "
            f"unchanged pass {unchanged:.3f} s, a changed page {extra:.2f} ms more"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

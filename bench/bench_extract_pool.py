"""Benchmark: extraction in the pool of worker processes against the checking threads, on the shared real pages.

    .venv/bin/python bench/bench_extract_pool.py [--rounds 3] [--threads 4] [--pages N] [--data ../shared/data]
                                                  [--json]

Every page of ``articles-aeb``, ``articles-meta`` and ``articles-readability`` (``bench/eval_sets.py``), read in
one run, the modes taking turns each round (the median round counts, so a busy machine's noise picks no winner):
  (a) in-thread: ``extraction.processes: 0``, the checking threads reading one page at a time;
  (b) the pool with 1 worker and with one per usable core, fed by ``--threads`` checking threads (a daemon's
      ``fetch.workers``): pages per second (wall) and CPU per page (this process plus every worker, from
      /proc), as ratios against (a). The pool's workers are started before the timed rounds;
  (c) start-up, each in a fresh interpreter: the first page through a fresh pool (the fork server's imports,
      a worker, the page), a replacement worker (its predecessor killed), and a worker started by ``spawn``
      instead of the fork server (the start method not taken); and the wall time of a whole
      `storywatch check` of one story (a real page served on 127.0.0.1) with the pool and in-thread;
  (d) memory after reading every page, each in a fresh interpreter: in-thread, the process's RSS before and
      after; with the pool, the parent's before and after, each worker's RSS and PSS (pages shared with the
      fork server counted by their share) and the fork server's;
  (e) what crosses the pipe: the site rules (sent once per worker) against one page and its Article.
Every page is also checked to come back from a worker equal to its in-thread reading (or the same error).
The real pages are read only; nothing of theirs is written anywhere.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_sets import pages  # noqa: E402

from monitor.errors import ExtractionError  # noqa: E402
from monitor.extract_pool import ExtractPool, InThread, usable_cores  # noqa: E402
from monitor.extractors.sites import site_rules  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
TICK = os.sysconf("SC_CLK_TCK")


def cpu_of(pid: int) -> float:
    """CPU seconds (user + system) a process has used, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def memory_of(pid: int) -> dict[str, float]:
    """RSS and PSS of a process in MB (PSS counts pages shared with others by their share)."""
    rss = next(
        int(line.split()[1])
        for line in Path(f"/proc/{pid}/status").read_text().splitlines()
        if line.startswith("VmRSS:")
    )
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    pss = next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
    return {"rss_mb": round(rss / 1024, 1), "pss_mb": round(pss / 1024, 1)}


def read_all(extractor: Any, tasks: list[tuple[bytes, str]], threads: int) -> list[Any]:
    def one(task: tuple[bytes, str]) -> Any:
        try:
            return extractor.extract(task[0], task[1])
        except ExtractionError as exc:
            return f"ExtractionError: {exc}"

    if threads == 1:
        return [one(task) for task in tasks]
    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(one, tasks))


def timed(extractor: Any, tasks: list[tuple[bytes, str]], threads: int, workers: list[int]) -> dict[str, float]:
    cpu0 = time.process_time() + sum(cpu_of(pid) for pid in workers)
    wall0 = time.perf_counter()
    read_all(extractor, tasks, threads)
    wall = time.perf_counter() - wall0
    cpu = time.process_time() + sum(cpu_of(pid) for pid in workers) - cpu0
    return {"pages_per_s": len(tasks) / wall, "cpu_ms_per_page": 1000 * cpu / len(tasks), "wall_s": wall}


def warm(pool: ExtractPool, task: tuple[bytes, str]) -> list[int]:
    """Every worker of the pool started (as many concurrent reads as workers)."""
    barrier = threading.Barrier(pool.concurrency)

    def one() -> None:
        barrier.wait()
        pool.extract(*task)

    threads = [threading.Thread(target=one) for _ in range(pool.concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return pool.pids()


def throughput(tasks: list[tuple[bytes, str]], rounds: int, threads: int) -> dict[str, Any]:
    rules = site_rules()
    cores = usable_cores()
    sizes = sorted({1, cores})
    in_thread = InThread(rules)
    # workers never replaced here (a replacement every 500 pages costs a few ms; its CPU would leave the count)
    pools = {n: ExtractPool(rules, processes=n, timeout=120, pages_per_worker=10**9) for n in sizes}
    try:
        workers = {n: warm(pool, tasks[0]) for n, pool in pools.items()}
        reference = read_all(in_thread, tasks, 1)
        for n, pool in pools.items():
            got = read_all(pool, tasks, threads)
            same = sum(a == b for a, b in zip(reference, got, strict=True))
            assert same == len(tasks), f"pool of {n}: {len(tasks) - same} pages read differently"
        runs: dict[str, list[dict[str, float]]] = {"in-thread": [], **{f"pool of {n}": [] for n in sizes}}
        for _ in range(rounds):
            runs["in-thread"].append(timed(in_thread, tasks, 1, []))
            for n, pool in pools.items():
                runs[f"pool of {n}"].append(timed(pool, tasks, threads, workers[n]))
    finally:
        for pool in pools.values():
            pool.close()
    medians = {
        mode: {key: statistics.median(r[key] for r in results) for key in results[0]} for mode, results in runs.items()
    }
    base = medians["in-thread"]
    for figures in medians.values():
        figures["speed_ratio"] = figures["pages_per_s"] / base["pages_per_s"]
        figures["cpu_ratio"] = figures["cpu_ms_per_page"] / base["cpu_ms_per_page"]
    errors = sum(isinstance(r, str) for r in reference)
    return {
        "pages": len(tasks),
        "extraction_errors": errors,
        "cores": cores,
        "threads": threads,
        "rounds": rounds,
        "modes": medians,
    }


def _fork_server() -> int | None:
    from multiprocessing import forkserver

    return getattr(forkserver._forkserver, "_forkserver_pid", None)  # noqa: SLF001 (measuring only)


def pipe_sizes(tasks: list[tuple[bytes, str]]) -> dict[str, float]:
    rules = site_rules()
    in_thread = InThread(rules)
    sample = tasks[:: max(1, len(tasks) // 20)]
    articles = [a for a in (read_all(in_thread, sample, 1)) if not isinstance(a, str)]
    started = time.perf_counter()
    for _ in range(200):
        pickle.dumps(rules)
    rules_us = (time.perf_counter() - started) / 200 * 1e6
    return {
        "site_rules": len(rules),
        "rules_bytes": len(pickle.dumps(rules)),
        "rules_pickle_us": round(rules_us, 1),
        "page_bytes_median": statistics.median(len(c) for c, _ in sample),
        "article_bytes_median": statistics.median(len(pickle.dumps(a)) for a in articles),
    }


# -- start-up and memory, each probe in a fresh interpreter -----------------------------------------------


def probe(kind: str, data: Path, threads: int, count: int | None) -> dict[str, Any]:
    if kind == "spawn":
        return {"worker_start_s": _spawn_start()}
    tasks = [(page.content, page.url) for page in pages(data)][:count]
    before = memory_of(os.getpid())["rss_mb"]  # the pages loaded, nothing read yet
    if kind == "memory-in-thread":
        read_all(InThread(site_rules()), tasks, 1)
        return {"rss_before_mb": before, "rss_after_mb": memory_of(os.getpid())["rss_mb"]}
    if kind == "memory-pool":
        with ExtractPool(site_rules(), processes=usable_cores(), timeout=120) as pool:
            read_all(pool, tasks, threads)
            workers = [memory_of(pid) for pid in pool.pids()]
            server = _fork_server()
            return {
                "rss_before_mb": before,
                "rss_after_mb": memory_of(os.getpid())["rss_mb"],
                "workers": workers,
                "fork_server": memory_of(server) if server else None,
            }
    content, url = tasks[0]
    if kind == "first-in-thread":
        return {"first_page_s": first_in_thread(content)}
    started = time.perf_counter()
    with ExtractPool(site_rules(), processes=1, timeout=60) as pool:
        pool.extract(content, url)
        first = time.perf_counter() - started
        again = time.perf_counter()
        pool.extract(content, url)
        warm_page = time.perf_counter() - again
        os.kill(pool.pids()[0], 9)
        time.sleep(0.2)
        replaced = time.perf_counter()
        pool.extract(content, url)  # the dead idle worker is replaced first
        replacement = time.perf_counter() - replaced - warm_page
    return {"first_page_s": first, "warm_page_s": warm_page, "replacement_worker_s": replacement}


_FIRST_IN_THREAD = """
import sys, time
started = time.perf_counter()
from monitor.extractors import extract
from monitor.extractors.sites import site_rules
extract(open(sys.argv[1], "rb").read(), "https://example.org/probe", rules=site_rules())
print(time.perf_counter() - started)
"""


def first_in_thread(content: bytes) -> float:
    """The first page in-thread in a fresh interpreter, the extractor's imports included (what the pool's fork
    server pays instead, once lazy imports spare the parent them)."""
    with tempfile.NamedTemporaryFile(suffix=".html") as file:
        file.write(content)
        file.flush()
        command = [sys.executable, "-c", _FIRST_IN_THREAD, file.name]
        done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=Path(__file__).parent.parent)
    return float(done.stdout)


def _spawn_start() -> float:
    """A worker started by ``spawn`` (a fresh interpreter importing the extractor), the start method not taken."""
    import multiprocessing

    started = time.perf_counter()
    context = multiprocessing.get_context("spawn")
    mine, theirs = context.Pipe()
    process = context.Process(target=_spawned, args=(theirs,), daemon=True)
    process.start()
    mine.recv()
    spawned = time.perf_counter() - started
    mine.send(None)
    process.join()
    return spawned


def _spawned(conn: Any) -> None:
    import monitor.extract_worker  # noqa: F401  (what a worker imports)

    conn.send("ready")
    conn.recv()


def probes(data: Path, rounds: int, threads: int, count: int | None) -> dict[str, dict[str, Any]]:
    kinds = ("start", "first-in-thread", "spawn", "memory-in-thread", "memory-pool")
    results: dict[str, list[dict[str, Any]]] = {kind: [] for kind in kinds}
    for _ in range(rounds):
        for kind in kinds:
            command = [sys.executable, __file__, "--probe", kind, "--data", str(data), "--threads", str(threads)]
            command += ["--pages", str(count)] if count else []
            results[kind].append(json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout))
    return {kind: _median_of(runs) for kind, runs in results.items()}


def _median_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The median round (by its first figure), whole: its figures belong together."""
    key = next(iter(runs[0]))
    return sorted(runs, key=lambda r: r[key])[len(runs) // 2]


def one_story_check(data: Path, rounds: int) -> dict[str, float]:
    """Wall time of `storywatch check` of one story (a real page served on 127.0.0.1, a fresh database each time),
    reading the page in the pool (the default) and in the checking thread (``extraction.processes: 0``)."""
    from monitor.demo.newsroom import Newsroom

    page = next(pages(data))
    times: dict[str, list[float]] = {"pool": [], "in-thread": []}
    with Newsroom() as site, tempfile.TemporaryDirectory() as folder:
        site.set("/story", page.content)
        for i in range(rounds):
            for mode, extraction in (("pool", "{}"), ("in-thread", "{processes: 0}")):
                config = Path(folder) / f"{mode}-{i}.yaml"
                config.write_text(
                    f"storage: {{url: 'sqlite:///{folder}/{mode}-{i}.db'}}\n"
                    "fetch: {allow_private_networks: true}\n"
                    f"extraction: {extraction}\n"
                    f"sources: [{{name: one, url: '{site.url('/story')}'}}]\n"
                )
                started = time.perf_counter()
                done = subprocess.run(
                    [sys.executable, "-m", "monitor", "-c", str(config), "check", "--json"],
                    capture_output=True,
                    text=True,
                    cwd=Path(__file__).resolve().parent.parent,
                )
                times[mode].append(time.perf_counter() - started)
                statuses = [o["status"] for o in json.loads(done.stdout)["outcomes"]]
                assert "new" in statuses, (mode, done.stdout, done.stderr)
    return {mode: round(statistics.median(values), 3) for mode, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4, help="checking threads feeding the pool (fetch.workers)")
    parser.add_argument("--pages", type=int, help="only the first N pages (a quick try)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--probe", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        print(json.dumps(probe(args.probe, args.data, args.threads, args.pages)))
        return
    if not args.data.is_dir():
        sys.exit(f"no shared pages at {args.data} (--data DIR)")
    tasks = [(page.content, page.url) for page in pages(args.data)][: args.pages]
    report = {
        "throughput": throughput(tasks, args.rounds, args.threads),
        "probes": probes(args.data, args.rounds, args.threads, args.pages),
        "check": one_story_check(args.data, args.rounds),
        "pipe": pipe_sizes(tasks),
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    _print(report)


def _print(report: dict[str, Any]) -> None:
    t = report["throughput"]
    print(
        f"{t['pages']} real pages ({t['extraction_errors']} without a story), {t['cores']} usable cores, "
        f"{t['threads']} checking threads, median of {t['rounds']} interleaved rounds"
    )
    print(f"{'mode':<12} {'pages/s':>8} {'× in-thread':>11} {'CPU ms/page':>12} {'× in-thread':>11}")
    for mode, f in t["modes"].items():
        print(
            f"{mode:<12} {f['pages_per_s']:>8.1f} {f['speed_ratio']:>11.2f} {f['cpu_ms_per_page']:>12.1f} "
            f"{f['cpu_ratio']:>11.2f}"
        )
    p = report["probes"]
    start, memory = p["start"], p["memory-pool"]
    print(
        f"start-up: the first page through a fresh pool {start['first_page_s']:.3f}s (fork server + worker + page; a "
        f"warm page {start['warm_page_s'] * 1000:.0f} ms); a replacement worker "
        f"{start['replacement_worker_s'] * 1000:.0f} ms; a worker by spawn instead "
        f"{p['spawn']['worker_start_s']:.3f}s; "
        f"in-thread, the first page with the extractor's imports {p['first-in-thread']['first_page_s']:.3f}s"
    )
    c = report["check"]
    print(
        f"`storywatch check` of one story (wall): pool {c['pool']:.3f}s, in-thread {c['in-thread']:.3f}s "
        f"(× {c['pool'] / c['in-thread']:.2f})"
    )
    workers = ", ".join(f"RSS {w['rss_mb']} / PSS {w['pss_mb']} MB" for w in memory["workers"])
    server = memory["fork_server"] or {"rss_mb": 0, "pss_mb": 0}
    thread = p["memory-in-thread"]
    print(
        f"memory after every page (RSS): in-thread, the process {thread['rss_before_mb']} → "
        f"{thread['rss_after_mb']} MB; with the pool, the parent {memory['rss_before_mb']} → "
        f"{memory['rss_after_mb']} MB, each worker {workers}, the fork server RSS {server['rss_mb']} / PSS "
        f"{server['pss_mb']} MB"
    )
    q = report["pipe"]
    print(
        f"pipe: {q['site_rules']} site rules = {q['rules_bytes']} bytes pickled ({q['rules_pickle_us']} µs), sent "
        f"once per worker; per task a page of {q['page_bytes_median']:.0f} bytes and its Article of "
        f"{q['article_bytes_median']:.0f} bytes (medians)"
    )


if __name__ == "__main__":
    main()

"""Benchmark: extraction in the pool of worker processes against the checking threads, on the shared real pages.

    .venv/bin/python bench/bench_extract_pool.py [--rounds 3] [--threads 4] [--data ../shared/data] [--json]

Every page of ``articles-aeb``, ``articles-meta`` and ``articles-readability`` (``bench/eval_sets.py``), read in
one run, the modes taking turns each round (the median round counts, so a busy machine's noise picks no winner):
  (a) in-thread: ``extraction.processes: 0``, the checking threads reading one page at a time;
  (b) the pool with 1 worker and with one per usable core, fed by ``--threads`` checking threads (a daemon's
      ``fetch.workers``): pages per second (wall) and CPU per page (this process plus every worker, from
      /proc), as ratios against (a). The pool's workers are started before the timed rounds;
  (c) start-up, each in a fresh interpreter: the first page through the pool (fork server + one worker)
      against the first page in-thread (the extractor's imports), one more worker (a replacement), and a
      worker started by ``spawn`` instead of the fork server (the start method not taken);
  (d) memory per worker (RSS and PSS: pages shared with the fork server counted once) and of the fork server;
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
    pools = {n: ExtractPool(rules, processes=n, timeout=120) for n in sizes}
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
        memory = {f"pool of {n}": [memory_of(pid) for pid in workers[n]] for n in sizes}
        server = _fork_server()
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
        "memory_per_worker": memory,
        "fork_server": memory_of(server) if server else None,
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


# -- start-up, each probe in a fresh interpreter ---------------------------------------------------------


def probe(kind: str, page: Path) -> dict[str, float]:
    content, url = page.read_bytes(), "https://example.org/probe"
    started = time.perf_counter()
    if kind == "in-thread":
        InThread(site_rules()).extract(content, url)
        return {"first_page_s": time.perf_counter() - started}
    if kind == "spawn":
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        mine, theirs = context.Pipe()
        process = context.Process(target=_spawned, args=(theirs,), daemon=True)
        process.start()
        mine.recv()
        spawned = time.perf_counter() - started
        mine.send(None)
        process.join()
        return {"worker_start_s": spawned}
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


def _spawned(conn: Any) -> None:
    import monitor.extract_worker  # noqa: F401  (what a worker imports)

    conn.send("ready")
    conn.recv()


def startup(page: Path, rounds: int) -> dict[str, dict[str, float]]:
    results: dict[str, list[dict[str, float]]] = {"in-thread": [], "pool": [], "spawn": []}
    for _ in range(rounds):
        for kind in results:
            out = subprocess.run(
                [sys.executable, __file__, "--probe", kind, "--page", str(page)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            results[kind].append(json.loads(out))
    return {
        kind: {k: round(statistics.median(r[k] for r in runs), 4) for k in runs[0]} for kind, runs in results.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4, help="checking threads feeding the pool (fetch.workers)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--probe", help=argparse.SUPPRESS)
    parser.add_argument("--page", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        print(json.dumps(probe(args.probe, args.page)))
        return
    if not args.data.is_dir():
        sys.exit(f"no shared pages at {args.data} (--data DIR)")
    tasks = [(page.content, page.url) for page in pages(args.data)]
    probe_page = next(args.data.glob("articles-aeb/html/*.html"))
    report = {
        "throughput": throughput(tasks, args.rounds, args.threads),
        "startup": startup(probe_page, args.rounds),
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
    for mode, workers in t["memory_per_worker"].items():
        shown = ", ".join(f"RSS {w['rss_mb']} MB / PSS {w['pss_mb']} MB" for w in workers)
        print(f"memory per worker ({mode}): {shown}")
    if t["fork_server"]:
        print(f"fork server: RSS {t['fork_server']['rss_mb']} MB / PSS {t['fork_server']['pss_mb']} MB")
    s = report["startup"]
    print(
        f"start-up (fresh interpreter): first page in-thread {s['in-thread']['first_page_s']:.3f}s; "
        f"through the pool {s['pool']['first_page_s']:.3f}s (a warm page {s['pool']['warm_page_s'] * 1000:.1f} ms); "
        f"a replacement worker {s['pool']['replacement_worker_s'] * 1000:.1f} ms; "
        f"a spawned worker (not taken) {s['spawn']['worker_start_s']:.3f}s"
    )
    p = report["pipe"]
    print(
        f"pipe: {p['site_rules']} site rules = {p['rules_bytes']} bytes pickled ({p['rules_pickle_us']} µs), sent "
        f"once per worker; a page {p['page_bytes_median']:.0f} bytes and its Article {p['article_bytes_median']:.0f} "
        "bytes (medians) per task"
    )


if __name__ == "__main__":
    main()

"""Benchmark: the poller's costs on a loopback newsroom — cheap gates, changed pages, 100,000 stories, per-host cap.

    .venv/bin/python bench/bench_poller.py [--stories 1000] [--tracked 100000] [--workers 4] [--per-host 2]

Measured in one run against a threaded server on 127.0.0.1 that serves invented news pages with ETag and
Last-Modified, answers conditional requests with 304, and counts the requests in flight at once:
  (a) one story check answered by 304, and one answered by an identical body (the server ignoring
      If-None-Match), against a bare httpx GET of the same URL (target ≤ 1.5×), all sequential: the checks go
      through ``Pipeline.check_stories`` (what a daemon or ``check`` pass runs, batched writes and their final
      flush included) with one worker. The three take turns every 200 URLs, five rounds; each kind's fastest
      round counts (the same rule for the bare GET as for the checks, so a busy machine's noise picks no winner);
  (b) a full pass over changed pages: checks per second and wall time per page, against the floor of a bare
      fetch plus a bare lxml parse of the same pages with the same number of threads; and where a changed
      page's time goes: (run last) another change of up to 200 of the pages, checked one at a time with a timer
      around each step of the check (the pass itself runs untimed);
  (c) a database of ``--tracked`` stories (rows bulk-inserted with SQLAlchemy): a child process does what the
      daemon does each cycle (open the app, one pass over the due stories, status counts) and reports its peak
      RSS (target < 200 MB); ``due_stories`` is one query, shown with SQLite's EXPLAIN QUERY PLAN;
  (d) a pass with more workers than the per-host cap over slowed pages: the server's own count of requests
      in flight at once never passes ``per_host``.
Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from unittest import mock

import httpx
import lxml.html
from sqlalchemy import create_engine, event, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from monitor.app import App  # noqa: E402
from monitor.config import load_config  # noqa: E402
from monitor.demo.stories import DemoStory, story_page  # noqa: E402
from monitor.models import utcnow  # noqa: E402
from monitor.status import gather  # noqa: E402
from storage.tables import stories as stories_table  # noqa: E402

_WORDS = (  # noqa: SIM905
    "harbour council ferry quota summit island crews minister talks vote budget port delegates treaty storm "
    "fishing fleet customs coast rota strike union agreement officials weather report season prices market "
    "schools bridge tunnel engineers villages residents morning evening week month expected agreed said"
).split()
_NAMES = ["Oona Brask", "Tomas Varga", "Ilse Marwick", "Rafael Okonjo", "Mirela Dastan", "Priya Hollander"]
_BOILERPLATE = (
    "".join(  # a real news page is mostly navigation, scripts and links: ~60 kB of it here
        f'<li><a href="/section/{i}">Section {i} — more stories from the Harbour Herald</a></li>' for i in range(300)
    )
    + "<script>"
    + "var tracking_pixel_config = {'slot': 'ad', 'refresh': 30};" * 500
    + "</script>"
)


def invented(i: int, version: int) -> DemoStory:
    """Story ``i`` of the invented newsroom; each later version changes a number, and version 2 adds a sentence."""
    rng = random.Random(i)
    paragraphs = [
        " ".join(rng.choice(_WORDS) for _ in range(rng.randint(25, 45))).capitalize() + f", said {rng.choice(_NAMES)}."
        for _ in range(8)
    ]
    paragraphs[1] = f"A total of {20 + i % 50 + version - 1} boats are expected at the harbour on Friday."
    if version > 1:
        paragraphs.append(f"{rng.choice(_NAMES)} later confirmed the figure to reporters at the port.")
    headline = f"{' '.join(rng.choice(_WORDS) for _ in range(6)).capitalize()} ({i})"
    stamp = "2025-08-28T09:00:00Z" if version == 1 else "2025-08-28T11:30:00Z"
    return DemoStory(f"/s/{i}", headline, (rng.choice(_NAMES),), "2025-08-28T09:00:00Z", stamp, tuple(paragraphs))


class BenchServer:
    """Serves /s/<i> (generated on first request, cached), /feed.xml and robots.txt; counts in-flight requests."""

    def __init__(self, feed_size: int) -> None:
        self.version = 1
        self.validators = True
        self.conditional = True  # answer If-None-Match with 304 (False: the full body again, like many CMSes)
        self.delay = 0.0
        self.in_flight = self.max_in_flight = self.requests = 0
        self._pages: dict[tuple[int, int], tuple[bytes, str]] = {}
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body leave at once (no 40 ms delayed-ACK stalls)

            def do_GET(self) -> None:  # noqa: N802
                server._serve(self)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        items = "".join(
            f"<item><title>Story {i}</title><link>{self.base}/s/{i}</link></item>" for i in range(feed_size)
        )
        self.feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>b</title>{items}</channel></rss>'.encode()
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def page(self, i: int) -> tuple[bytes, str]:
        key = (i, self.version)
        with self._lock:
            cached = self._pages.get(key)
        if cached is None:
            html = story_page(invented(i, self.version), base=self.base).replace("</body>", _BOILERPLATE + "</body>")
            body = html.encode()
            cached = (body, '"' + hashlib.sha1(body).hexdigest()[:16] + '"')
            with self._lock:
                self._pages[key] = cached
        return cached

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        # A request counts as in flight from its arrival until its answer starts to go out: once the last
        # bytes are written the client may (rightly) send its next request before this thread runs again.
        with self._lock:
            self.in_flight += 1
            self.requests += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        counted = True
        try:
            if self.delay:
                time.sleep(self.delay)
            path = handler.path.split("?")[0]
            etag, content_type = None, "text/html; charset=utf-8"
            if path == "/feed.xml":
                body, content_type = self.feed, "application/rss+xml"
            elif path.startswith("/s/") and path[3:].isdigit():
                body, etag = self.page(int(path[3:]))
            else:
                body = b""
            status = 200 if body else 404
            if etag and self.validators and self.conditional and handler.headers.get("If-None-Match") == etag:
                status, body = 304, b""
            handler.send_response(status)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(body)))
            if etag and self.validators:
                handler.send_header("ETag", etag)
                handler.send_header("Last-Modified", "Thu, 28 Aug 2025 09:00:00 GMT")
            with self._lock:
                self.in_flight -= 1
                counted = False
            handler.end_headers()
            handler.wfile.write(body)
        finally:
            if counted:
                with self._lock:
                    self.in_flight -= 1

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def write_config(folder: Path, db: Path, base: str, workers: int, per_host: int) -> Path:
    path = folder / f"config-{workers}-{per_host}.yaml"
    path.write_text(f"""
storage: {{url: "sqlite:///{db}"}}
fetch: {{allow_private_networks: true, min_gap: 0s, per_host: {per_host}, workers: {workers}, timeout: 20s}}
schedule: {{jitter: 0}}
sources:
  - {{name: bench, feed: "{base}/feed.xml"}}
""")
    return path


def timed(fn: Any, *args: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - started, result


def gates(app: App, server: BenchServer, urls: list[str], rounds: int = 5, chunk: int = 200) -> dict[str, Any]:
    """(a): bare GET vs a check answered by 304 vs one answered by an identical body; sequential, warm.

    ``app`` has one worker: its ``pipeline.check_stories`` is the daemon's own pass over due stories, run
    sequentially so that it compares with sequential bare GETs of the same URLs. The three kinds take turns
    every ``chunk`` URLs (a pass of 200 due stories flushes its batch once, as a full batch would), so a burst
    of load from elsewhere on the machine falls on all three alike; each kind's fastest round counts."""
    wanted = set(urls)
    best = {"bare": float("inf"), "304": float("inf"), "same": float("inf")}
    statuses: dict[str, set[str]] = {"304": set(), "same": set()}
    with httpx.Client(headers={"User-Agent": app.settings.fetch.user_agent}) as client:
        client.get(urls[0])
        app.fetcher.get(urls[0])  # the same warm start for the checks: robots.txt read, one connection open
        for _ in range(rounds):
            spent = dict.fromkeys(best, 0.0)
            by_url = {s.url: s for s in app.store.list_stories() if s.url in wanted}
            for start in range(0, len(urls), chunk):
                part = urls[start : start + chunk]
                seconds, _ = timed(lambda: [client.get(u).content for u in part])  # noqa: B023
                spent["bare"] += seconds
                for kind, conditional in (("304", True), ("same", False)):
                    server.conditional = conditional
                    stories = [by_url[u] for u in part]
                    seconds, outcomes = timed(app.pipeline.check_stories, stories)
                    spent[kind] += seconds
                    statuses[kind] |= {o.detail or o.status for o in outcomes}
            best = {kind: min(best[kind], spent[kind]) for kind in best}
    server.conditional = True
    n = len(urls)
    return {
        "n": n,
        "bare_ms": 1000 * best["bare"] / n,
        "304_ms": 1000 * best["304"] / n,
        "same_ms": 1000 * best["same"] / n,
        "304_status": sorted(statuses["304"]),
        "same_status": sorted(statuses["same"]),
    }


def floor(urls: list[str], workers: int) -> float:
    """(b)'s floor: a bare GET plus a bare lxml parse of each page, with ``workers`` threads; seconds in all."""
    with httpx.Client(limits=httpx.Limits(max_connections=workers)) as client:

        def one(url: str) -> int:
            return len(lxml.html.fromstring(client.get(url).content))

        with concurrent.futures.ThreadPoolExecutor(workers) as pool:
            seconds, _ = timed(lambda: list(pool.map(one, urls)))
    return seconds


def breakdown(app: App, stories: list[Any]) -> tuple[float, list[tuple[str, float]]]:
    """(b)'s breakdown: ``stories`` checked in turn (``app`` has one worker), each step of a check timed.

    Returns the seconds in all and (step, seconds) pairs; a step indented by two spaces is part of the one above
    it, and "the rest" is what no timer covers (the checker's own code, logging, the batch)."""
    import trafilatura.core

    import monitor.extractors.body
    import monitor.story_check as check

    spent: dict[str, float] = {}

    def timer(label: str, fn: Any) -> Any:
        def timed_step(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.perf_counter() - started

        return timed_step

    steps = [
        (app.fetcher, "get", "fetch (httpx, politeness)"),
        (check, "extract", "extraction (whole)"),
        (monitor.extractors.body, "bare_extraction", "  trafilatura main text"),
        (trafilatura.core, "justext_rescue", "    of which justext fallback"),
        (app.store, "latest_version", "latest version (1 read)"),
        (check, "catch_up", "catch-up (older extractor's version)"),
        (check, "assess", "assess"),
        (check, "normalized_text", "normalise"),
        (check, "text_hash", "text hash"),
        (check, "summarize", "summarize (diff)"),
        (app.store, "version_hashes", "revert lookup (1 read)"),
        (app.pipeline.checker, "_route", "routing"),
        (app.store, "add_version", "version + change + alerts (1 txn, zlib)"),
        (check, "next_check", "schedule"),
        (app.store, "record_story_check", "check record (1 txn)"),
    ]
    with contextlib.ExitStack() as stack:
        for owner, name, label in steps:
            if hasattr(owner, name):
                stack.enter_context(mock.patch.object(owner, name, timer(label, getattr(owner, name))))
        seconds, _ = timed(app.pipeline.check_stories, stories)
    top = sum(value for label, value in spent.items() if not label.startswith(" "))
    order = [label for _, _, label in steps if label in spent]
    return seconds, [(label, spent[label]) for label in order] + [("the rest", seconds - top)]


def bulk_insert(db: Path, base: str, count: int) -> None:
    """(c): ``count`` tracked stories, their next checks spread over the next 24 hours (a few minutes' worth due)."""
    engine = create_engine(f"sqlite:///{db}")
    now = utcnow()
    rng = random.Random(1)
    with engine.begin() as connection:
        start = connection.scalar(select(stories_table.c.id).order_by(stories_table.c.id.desc()).limit(1)) or 0
        rows = [
            {
                "url": f"{base}/s/{start + 10_000 + i}",
                "source_name": "bench",
                "headline": f"Tracked story {i}",
                "status": "active",
                "first_seen_at": now - timedelta(days=rng.uniform(0, 29)),
                "next_check_at": now + timedelta(minutes=rng.uniform(-3, 24 * 60)),
                "version_count": 0,
            }
            for i in range(count)
        ]
        for chunk in range(0, count, 5000):
            connection.execute(insert(stories_table), rows[chunk : chunk + 5000])
    engine.dispose()


def peak_rss_mb() -> float:
    """This process's peak RSS. VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def probe(config: str) -> None:
    """The child process of (c): one daemon cycle over a big database; prints JSON."""
    with App.open(load_config(Path(config))) as app:
        statements: list[tuple[str, Any]] = []
        event.listen(app.store._engine, "before_cursor_execute", lambda *a: statements.append((a[2], a[3])))
        due_seconds, due = timed(app.store.due_stories, utcnow())
        due_queries = [(q, p) for q, p in statements if q.lstrip().upper().startswith("SELECT")]
        pass_seconds, outcomes = timed(app.pipeline.run_pass)
        state = gather(app.store, app.settings, utcnow())
        query, parameters = due_queries[0]
        with app.store._engine.connect() as connection:
            plan = [row[-1] for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + query, parameters)]
    print(
        json.dumps(
            {
                "tracked": sum(state.stories.values()),
                "due": len(due),
                "due_ms": 1000 * due_seconds,
                "due_selects": len(due_queries),
                "pass_s": pass_seconds,
                "checks": len(outcomes) - 1,
                "rss_mb": peak_rss_mb(),
                "plan": plan,
            }
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--tracked", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--probe", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        probe(args.probe)
        return 0
    server = BenchServer(args.stories)
    folder = Path(tempfile.mkdtemp(prefix="storywatch-bench-"))
    db = folder / "bench.db"
    config = write_config(folder, db, server.base, args.workers, args.workers)
    urls = [f"{server.base}/s/{i}" for i in range(args.stories)]
    rows: list[tuple[str, str, str]] = []
    failed: list[str] = []
    with App.open(load_config(config)) as app:
        first, outcomes = timed(app.pipeline.run_pass)
        news = sum(o.status == "new" for o in outcomes)
        page_kb = len(server.page(0)[0]) / 1000
        rows.append(("baseline pass (new pages)", f"{news} stories in {first:.1f}s", f"{news / first:.0f} checks/s"))

        with App.open(load_config(write_config(folder, db, server.base, 1, 1))) as sequential:
            a = gates(sequential, server, urls)
        r304, rsame = a["304_ms"] / a["bare_ms"], a["same_ms"] / a["bare_ms"]
        rows.append(("(a) bare httpx GET", f"{a['bare_ms']:.2f} ms/page ({page_kb:.0f} kB)", "1.00×"))
        rows.append(("(a) check answered by 304", f"{a['304_ms']:.2f} ms {a['304_status']}", f"{r304:.2f}× (≤ 1.5)"))
        rows.append(("(a) check, identical body", f"{a['same_ms']:.2f} ms {a['same_status']}", f"{rsame:.2f}× (≤ 1.5)"))
        extra = a["304_ms"] - a["bare_ms"], a["same_ms"] - a["bare_ms"]
        rows.append(("(a) overhead over bare GET", f"304: +{extra[0]:.2f} ms, same body: +{extra[1]:.2f} ms", ""))
        failed += [name for name, ratio in (("304", r304), ("identical body", rsame)) if ratio > 1.5]

        server.version = 2
        floor_s = floor(urls, args.workers)
        server.version = 3  # new bytes again for the pass (floor fetched version 2)
        changed_s, outcomes = timed(lambda: app.pipeline.run_pass(all_stories=True))
        changed = sum(o.status == "changed" for o in outcomes)
        per_page, floor_page = 1000 * changed_s / len(urls), 1000 * floor_s / len(urls)
        rows.append(("(b) floor: GET + lxml parse", f"{floor_page:.2f} ms/page wall", f"{len(urls) / floor_s:.0f}/s"))
        rows.append(
            (
                "(b) pass over changed pages",
                f"{per_page:.2f} ms/page wall, {changed} changed",
                f"{per_page / floor_page:.1f}× floor",
            )
        )
        rows.append(("(b) checks per second", f"{len(outcomes) / changed_s:.0f}/s ({args.workers} workers)", ""))
        after_b = len(rows)  # the breakdown's rows go here; it runs last, so (c) and (d) see the pages as stored
    bulk_insert(db, server.base, args.tracked)
    result = subprocess.run([sys.executable, __file__, "--probe", str(config)], capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"the daemon probe failed:\n{result.stderr}")
    c = json.loads(result.stdout.strip().splitlines()[-1])
    rows.append(("(c) daemon cycle, peak RSS", f"{c['rss_mb']:.0f} MB with {c['tracked']:,} tracked", "< 200 MB"))
    rows.append(("(c) due_stories", f"{c['due']} due in {c['due_ms']:.1f} ms, {c['due_selects']} SELECT", c["plan"][0]))
    rows.append(("(c) one pass over the due", f"{c['checks']} checks in {c['pass_s']:.1f}s", ""))
    failed += ["memory"] * (c["rss_mb"] >= 200) + ["due query"] * (c["due_selects"] != 1 or "INDEX" not in c["plan"][0])

    server.delay, server.max_in_flight = 0.01, 0  # pages as stored (304s): the fetches, not extraction, are the load
    busy = write_config(folder, db, server.base, args.workers * 2, args.per_host)
    with App.open(load_config(busy)) as app:
        sample = [s for s in app.store.list_stories() if s.versions][: args.stories // 2]
        seconds, _ = timed(app.pipeline.check_stories, sample)
        peak = app.fetcher.limiter.peak("127.0.0.1")
    seen = server.max_in_flight
    rows.append(
        (
            "(d) per-host cap under load",
            f"{len(sample)} checks, {args.workers * 2} workers, {seconds:.1f}s",
            f"server saw ≤ {seen} at once (cap {args.per_host}; limiter peak {peak})",
        )
    )
    failed += ["per-host cap"] * (seen > args.per_host)

    server.delay, server.version = 0.0, 4  # changed once more, for (b)'s breakdown
    with App.open(load_config(write_config(folder, db, server.base, 1, 1))) as sequential:
        some = set(urls[:200])
        sample = [s for s in sequential.store.list_stories() if s.url in some]
        seconds, steps = breakdown(sequential, sample)
    per = 1000 / len(sample)
    rows[after_b:after_b] = [
        ("(b) breakdown, one at a time", f"{per * seconds:.2f} ms/page", f"{len(sample)} pages"),
        *((f"      {label}", f"{per * value:6.2f} ms/page", "") for label, value in steps),
    ]
    server.close()

    width = max(len(r[0]) for r in rows)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"storywatch poller benchmark — {args.stories} stories on loopback, {cores} cores, database {db}")
    for name, value, verdict in rows:
        print(f"  {name:<{width}}  {value:<48}  {verdict}")
    print("  EXPLAIN QUERY PLAN (due_stories): " + " | ".join(c["plan"]))
    print(f"reproduce: .venv/bin/python bench/bench_poller.py --stories {args.stories} --tracked {args.tracked}")
    print("targets missed: " + ", ".join(failed) if failed else "all targets met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

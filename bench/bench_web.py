"""Benchmark: `storywatch serve` over 100,000 stories and 300,000 versions, under 20 concurrent clients.

    .venv/bin/python bench/bench_web.py [--stories 100000] [--versions 300000] [--clients 20] [--rounds 12]
        [--url postgresql+psycopg://postgres@127.0.0.1:5432/bench_web] [--keep PATH] [--out FILE] [--quick]

The database is built with SQLAlchemy Core bulk inserts straight into the tables: invented stories of a few
paragraphs from 200 article families, each family's versions edited step by step (a number, a name, a new
paragraph, an update note, a headline) and every change's ``DiffSummary`` made by the real diff engine for its
family (the same edits give the same summary in each story of the family, its headline set per story); one
story in 200 was removed by its publisher (a removal event). One story has a 10,000-word article and six
versions whose changes are real diffs of it, found in the last hours (its changes are on the first page of
recent changes). SQLite in a temporary folder by default (``--keep PATH`` keeps the file and reuses it when it
was built with the same sizes); ``--url`` builds in a PostgreSQL database the run creates and drops.

The server is a fresh ``storywatch serve`` process on 127.0.0.1 (waitress, its own GIL): its start time
(process start → the first 200 on ``/``; the issue wants it under 2 s) and its peak RSS (VmHWM) are reported.
The clients are 2 processes of ``--clients``/2 threads, each thread with its own kept-alive httpx connection.
Every round each client asks for every page once, in its own shuffled order, so the static page
(``/static/style.css`` from the same server) and each page are measured in the same run under the same load;
each page's p50 and p95 are given in ms and as a ratio to the static page's. Under 20 clients on 2 cores the
server is saturated, so those latencies are mostly queueing (8 waitress threads, one GIL). A single client then
times each page alone and each recent-changes filter (one request at a time, best of 3), which shows a slow
path such as a filter without an index. The start time is wall time, and also the server's own CPU time,
as other processes on the machine stretch the wall time (the load average is printed).
Exit status 1 when the start takes 2 s or more, or a request fails.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import hashlib
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_diff  # noqa: E402

from monitor.diff import summarize  # noqa: E402
from monitor.models import Article, DiffSummary, Note, Significance  # noqa: E402
from storage.engine import make_engine  # noqa: E402
from storage.store import Store  # noqa: E402
from storage.tables import changes, sources, stories, versions  # noqa: E402

BUILD = 3  # bump when the data changes, so a kept database is rebuilt
FAMILIES = 200
SOURCES = [("world", ["world"]), ("politics", ["politics"]), ("business", ["business"]), ("local", ["local"])]
SOURCES += [(f"wire-{k}", ["wire"]) for k in range(4)]
_NAMES = ["Oona Brask", "Tomas Varga", "Ilse Marwick", "Rafael Okonjo", "Mirela Dastan", "Priya Hollander"]
_NAMES += ["Karim bin Sadiq", "Lida Marek", "Hadi Qasimzai", "Ana de la Vega"]
_PLACES = ["Valmora", "Kestland", "Dravia", "Norvania", "Ostmark", "Veltria"]
_WORDS = (  # noqa: SIM905
    "harbour council ferry quota summit island crews minister talks vote budget port delegates treaty storm "
    "fishing fleet customs coast rota strike union agreement officials weather report season prices market "
    "schools bridge tunnel engineers villages residents morning evening week month expected agreed said"
).split()
EXTRACTOR = {"name": "storywatch", "version": "1", "layers": {"headline": "json-ld", "body": "generic"}}


# -- the data ----------------------------------------------------------------------------------------------
def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(10, 18))]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), f"in {rng.choice(_PLACES)}")
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), str(rng.randint(2, 5000)))
    line = " ".join(words)
    return line[0].upper() + line[1:] + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 3))) + f" {rng.choice(_NAMES)} said."


def family(f: int, count: int = 5) -> list[Article]:
    """Article family ``f``: ``count`` versions, each one edit after the last (the edit kinds newsrooms make)."""
    rng = random.Random(f)
    place = rng.choice(_PLACES)
    headline = f"{' '.join(rng.choice(_WORDS) for _ in range(5)).capitalize()} in {place}"
    body = [_paragraph(rng) for _ in range(rng.randint(4, 7))]
    body[1] = f"A total of {rng.randint(12, 90)} boats are expected at the harbour in {place} on Friday."
    notes: tuple[Note, ...] = ()
    out = [Article(url="", headline=headline, authors=(rng.choice(_NAMES),), body=tuple(body), notes=notes)]
    for _ in range(count - 1):
        kind = rng.randrange(6)
        if kind == 0:  # a number changed
            body[1] = f"A total of {rng.randint(12, 90)} boats are expected at the harbour in {place} on Friday."
        elif kind == 1:  # a name added
            body.insert(rng.randrange(1, len(body)), f"{rng.choice(_NAMES)} confirmed the figure to reporters.")
        elif kind == 2:  # a new paragraph at the end, with an update note (declared)
            body.append(_paragraph(rng))
            notes = (*notes, Note("update", f"This story has been updated ({len(notes) + 1})."))
        elif kind == 3:  # a word changed (often cosmetic)
            k = rng.randrange(len(body))
            words = body[k].split()
            words[rng.randrange(len(words) - 1)] = rng.choice(_WORDS)
            body[k] = " ".join(words)
        elif kind == 4:  # the headline rewritten
            headline = f"{' '.join(rng.choice(_WORDS) for _ in range(5)).capitalize()} in {place}"
        else:  # a paragraph cut
            del body[rng.randrange(2, len(body))]
        out.append(replace(out[-1], headline=headline, body=tuple(body), notes=notes))
    return out


def big_story(words: int, count: int = 6) -> list[Article]:
    """The 10,000-word article and ``count - 1`` later versions, each with 2% of its sentences edited."""
    rng = random.Random(10_000)
    paragraphs = bench_diff.story(words, rng)
    out = [bench_diff.article(paragraphs, "Water summit opens in Valmora: the full text of the accord")]
    for k in range(count - 1):
        paragraphs = bench_diff.edit(paragraphs, 0.02, rng)
        notes = (Note("update", f"This story has been updated with the annex ({k + 1})."),) if k % 2 else ()
        out.append(replace(bench_diff.article(paragraphs, out[0].headline), notes=out[-1].notes + notes))
    return out


def _summaries(articles: list[Article]) -> list[dict[str, Any]]:
    return [summarize(old, new).to_json() for old, new in zip(articles, articles[1:], strict=False)]


def _family_job(f: int) -> tuple[list[Article], list[dict[str, Any]]]:
    articles = family(f)
    return articles, _summaries(articles)


def version_counts(n_stories: int, n_versions: int, rng: random.Random) -> list[int]:
    """How many versions each story has (1 to 5, ``n_versions`` in all)."""
    counts = [1] * n_stories
    extra = max(0, n_versions - n_stories)
    growable = list(range(n_stories))
    while extra and growable:
        rng.shuffle(growable)
        keep = []
        for i in growable:
            if not extra:
                break
            if counts[i] < 5:
                counts[i] += 1
                extra -= 1
                keep.append(i)
        growable = keep
    return counts


def build(url: str, n_stories: int, n_versions: int, big_words: int) -> dict[str, Any]:
    """Create the schema (the real migrations) and fill it; returns what the clients need to know."""
    started = time.perf_counter()
    Store.open(url).close()
    with concurrent.futures.ProcessPoolExecutor(2) as pool:
        big_future = pool.submit(_big_job, big_words)
        families = list(pool.map(_family_job, range(FAMILIES), chunksize=10))
        big, big_summaries = big_future.result()
    print(f"  summaries: {FAMILIES} families and the {big_words}-word story, {time.perf_counter() - started:.1f} s")
    rng = random.Random(1)
    counts = version_counts(n_stories - 1, n_versions - len(big), rng)
    now = datetime.now(UTC).replace(microsecond=0)
    engine = make_engine(url)
    story_rows, version_rows, change_rows = [], [], []
    span = timedelta(days=30).total_seconds()
    for i, count in enumerate(counts, start=1):
        articles, summaries = families[i % FAMILIES]
        source = SOURCES[i % len(SOURCES)][0]
        first = now - timedelta(seconds=span * (1 - i / n_stories)) - timedelta(hours=12)
        seen = [first + timedelta(hours=2 * k, minutes=(i * 7 + k * 13) % 90) for k in range(count)]
        removed = i % 200 == 0
        heads = [f"{a.headline} ({i})" for a in articles]
        story_rows.append(_story_row(i, source, heads[count - 1], first, seen, now, removed))
        for k in range(count):
            version_rows.append(_version_row(i, k + 1, seen[k], articles[k], heads[k]))
            if k:
                summary = summaries[k - 1]
                if summary["headline"] is not None:
                    summary = {**summary, "headline": {"old": heads[k - 1], "new": heads[k]}}
                change_rows.append(_change_row(i, k, k + 1, seen[k], summary))
        if removed:
            event = DiffSummary(Significance.MAJOR, False, event="removed", event_detail="HTTP 410 Gone").to_json()
            change_rows.append(_change_row(i, count, count, seen[-1] + timedelta(hours=1), event))
    big_id = n_stories
    seen = [now - timedelta(hours=6) + timedelta(minutes=50 * k) for k in range(len(big))]
    story_rows.append(_story_row(big_id, "world", big[-1].headline, seen[0], seen, now, False))
    for k, article in enumerate(big):
        version_rows.append(_version_row(big_id, k + 1, seen[k], article, article.headline))
        if k:
            change_rows.append(_change_row(big_id, k, k + 1, seen[k], big_summaries[k - 1]))
    change_rows.sort(key=lambda row: row["created_at"])  # ids grow as changes are found
    for n, row in enumerate(change_rows, start=1):
        row["id"] = n
    with engine.begin() as connection:
        connection.execute(
            insert(sources),
            [
                {
                    "name": name,
                    "kind": "feed",
                    "location": f"https://{name}.example.org/rss.xml",
                    "tags": tags,
                    "interval_seconds": 300,
                    "consecutive_failures": 0,
                }
                for name, tags in SOURCES
            ],
        )
        for table, rows in ((stories, story_rows), (versions, version_rows), (changes, change_rows)):
            for start in range(0, len(rows), 5000):
                connection.execute(insert(table), rows[start : start + 5000])
        if engine.dialect.name == "postgresql":
            for table in ("stories", "versions", "changes", "sources"):
                connection.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), MAX(id)) FROM {table}")
                )
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("ANALYZE"))  # what autovacuum does soon after a bulk load
    engine.dispose()
    multi = [row["id"] for row in story_rows if 3 <= row["version_count"] <= 5 and row["status"] == "active"]
    return {
        "build": BUILD,
        "stories": len(story_rows),
        "versions": len(version_rows),
        "changes": len(change_rows),
        "big": big_id,
        "big_words": sum(len(p.split()) for p in big[0].body),
        "big_versions": len(big),
        "sample": random.Random(2).sample(multi, min(300, len(multi))),
        "name": _NAMES[4],
        "build_seconds": round(time.perf_counter() - started, 1),
    }


def _big_job(words: int) -> tuple[list[Article], list[dict[str, Any]]]:
    articles = big_story(words)
    return articles, _summaries(articles)


def _story_row(
    i: int, source: str, headline: str, first: datetime, seen: list[datetime], now: datetime, removed: bool
) -> dict[str, Any]:
    return {
        "id": i,
        "url": f"https://{source}.example.org/2025/{i}/story-{i}",
        "canonical_url": None,
        "source_name": source,
        "headline": headline,
        "status": "removed" if removed else "active",
        "first_seen_at": first,
        "last_checked_at": now - timedelta(minutes=i % 60),
        "last_changed_at": seen[-1] if len(seen) > 1 else None,
        "next_check_at": now + timedelta(minutes=10 + i % 600),
        "last_error": "HTTP 410 Gone" if removed else None,
        "version_count": len(seen),
        "etag": f'"{i:x}"',
        "last_modified": None,
        "raw_hash": hashlib.sha1(str(i).encode()).hexdigest(),
        "failures": 0,
        "removed_at": seen[-1] + timedelta(hours=1) if removed else None,
    }


def _version_row(story_id: int, number: int, seen: datetime, article: Article, headline: str) -> dict[str, Any]:
    body_text = "\n\n".join(article.body)
    return {
        "story_id": story_id,
        "number": number,
        "seen_at": seen,
        "url": f"https://news.example.org/2025/{story_id}/story-{story_id}",
        "canonical_url": None,
        "headline": headline,
        "authors": list(article.authors),
        "published": seen if number == 1 else None,
        "modified": seen,
        "language": "en",
        "body": list(article.body),
        "notes": [note.to_json() for note in article.notes],
        "extractor": EXTRACTOR,
        "extractor_version": "1",
        "text": body_text,
        "text_hash": hashlib.sha256(body_text.encode()).hexdigest(),
        "raw_html": None,
    }


def _change_row(story_id: int, old: int, new: int, at: datetime, summary: dict[str, Any]) -> dict[str, Any]:
    return {
        "story_id": story_id,
        "from_version": old,
        "to_version": new,
        "created_at": at,
        "significance": summary["significance"],
        "declared": summary["declared"],
        "summary": summary,
    }


# -- the database: SQLite file (kept or temporary) or a PostgreSQL database of our own -------------------------
@contextlib.contextmanager
def database(args: argparse.Namespace, folder: Path) -> Any:
    """Yields (url, facts); builds the database unless a kept one matches."""
    if args.url:
        parsed = make_url(args.url)
        name = parsed.database
        admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield args.url, build(args.url, args.stories, args.versions, args.big_words)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
        return
    path = Path(args.keep).resolve() if args.keep else folder / "web.db"
    meta_path = path.with_name(path.name + ".json")
    wanted = {"build": BUILD, "stories": args.stories, "versions": args.versions, "big_words": args.big_words}
    url = f"sqlite:///{path}"
    if path.exists() and meta_path.exists():
        facts = json.loads(meta_path.read_text())
        if all(facts.get(k) == v for k, v in wanted.items()):
            print(f"  reusing {path} (built in {facts['build_seconds']} s)")
            yield url, facts
            return
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"), meta_path):
        stale.unlink(missing_ok=True)
    facts = build(url, args.stories, args.versions, args.big_words)
    meta_path.write_text(json.dumps({**facts, **wanted}))
    yield url, facts


# -- the server --------------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_config(folder: Path, url: str) -> Path:
    lines = [f'storage: {{url: "{url}"}}', "sources:"]
    lines += [
        f'  - {{name: {name}, feed: "https://{name}.example.org/rss.xml", tags: {tags}}}' for name, tags in SOURCES
    ]
    path = folder / "bench-web.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


class Server:
    """A fresh ``storywatch serve`` process: start time to the first 200 on ``/``, peak RSS at the end."""

    def __init__(self, config: Path) -> None:
        self.log = config.with_name("serve.log")  # a file, not a pipe: a full pipe would stall the server
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        exe = Path(sys.executable).with_name("storywatch")
        command = [str(exe), "-c", str(config), "serve", "--listen", f"127.0.0.1:{self.port}"]
        started = time.perf_counter()
        with self.log.open("w") as log:
            self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)
        self.start_seconds = self._first_200(started)
        self.start_cpu_seconds = self.cpu_seconds()  # its own CPU time: the start without other processes' load

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime

    def _first_200(self, started: float) -> float:
        with httpx.Client(timeout=30) as client:
            while time.perf_counter() - started < 60:
                if self.process.poll() is not None:
                    raise SystemExit(f"the server exited: {self.log.read_text()[-2000:]}")
                try:
                    status = client.get(self.base + "/").status_code
                    if status == 200:
                        return time.perf_counter() - started
                    raise SystemExit(f"the server answered / with {status}: {self.log.read_text()[-2000:]}")
                except httpx.TransportError:
                    time.sleep(0.01)
        raise SystemExit("the server did not answer / with 200 within 60 s")

    def peak_rss_mb(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# -- the clients -------------------------------------------------------------------------------------------
def pages(facts: dict[str, Any]) -> dict[str, list[str]]:
    """Each measured page: the URLs a client picks from (a story page: one of 300 stories of 3 to 5 versions)."""
    sample = facts["sample"]
    big = facts["big"]
    return {
        "static": ["/static/style.css"],
        "recent": ["/"],
        "story": [f"/stories/{i}" for i in sample],
        "diff_big": [f"/stories/{big}/diff"],
        "diff_big_side": [f"/stories/{big}/diff?view=side"],
        "api_story": [f"/api/stories/{i}" for i in sample],
    }


def client_process(base: str, urls: dict[str, list[str]], threads: int, rounds: int, seed: int) -> list[Any]:
    """``threads`` clients, each ``rounds`` rounds of every page once (the first round unrecorded)."""
    results: list[Any] = []
    lock = threading.Lock()
    barrier = threading.Barrier(threads)

    def one(k: int) -> None:
        rng = random.Random(seed * 1000 + k)
        mine = []
        with httpx.Client(base_url=base, timeout=120) as client:
            barrier.wait()
            for r in range(rounds + 1):
                kinds = list(urls)
                rng.shuffle(kinds)
                for kind in kinds:
                    url = rng.choice(urls[kind])
                    started = time.perf_counter()
                    response = client.get(url)
                    size = len(response.content)
                    ms = (time.perf_counter() - started) * 1000
                    if r:
                        mine.append((kind, ms, response.status_code, size))
        with lock:
            results.extend(mine)

    pool = [threading.Thread(target=one, args=(k,)) for k in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return results


def load(base: str, urls: dict[str, list[str]], clients: int, rounds: int) -> tuple[list[Any], float]:
    processes = 2 if clients > 1 else 1
    started = time.perf_counter()
    with concurrent.futures.ProcessPoolExecutor(processes) as pool:
        shares = [clients // processes + (1 if k < clients % processes else 0) for k in range(processes)]
        futures = [pool.submit(client_process, base, urls, n, rounds, k) for k, n in enumerate(shares)]
        results = [row for future in futures for row in future.result()]
    return results, time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def probes(base: str, facts: dict[str, Any]) -> dict[str, float | None]:
    """One client, one request at a time: each page alone, then each recent-changes filter (best of 3, ms;
    one try when it takes over a second, None when it takes over 30 s)."""
    name = facts["name"].split()[1]
    sample, big = facts["sample"], facts["big"]
    urls = [
        "/static/style.css",
        "/",
        f"/stories/{sample[0]}",
        f"/stories/{big}",
        f"/stories/{big}/diff",
        f"/stories/{big}/diff?view=side",
        f"/stories/{big}/diff?from=1&to={facts['big_versions']}",
        f"/api/stories/{sample[0]}",
        f"/api/stories/{big}/diff",
        "/?page=40",
        "/?source=local",
        "/?tag=wire",
        "/?significance=major",
        "/?silent=1",
        "/?since=1h",
        "/?source=local&significance=substantive&silent=1&since=7d",
        f"/?q={name}",
        "/changes.atom",
        "/api/stories?since=24h",
        "/metrics",
    ]
    out: dict[str, float | None] = {}
    with httpx.Client(base_url=base, timeout=30) as client:
        for url in urls:
            times: list[float] = []
            while len(times) < 3 and sum(times) < 1000:
                started = time.perf_counter()
                try:
                    response = client.get(url)
                except httpx.TimeoutException:
                    break
                times.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"{url}: HTTP {response.status_code}")
            out[url] = round(min(times), 1) if times else None
            shown = f"{out[url]:>8.1f} ms" if times else "  > 30 s (timed out)"
            print(f"  {url:<62}{shown}", flush=True)
    return out


def table(results: list[Any], kinds: list[str]) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for kind in kinds:
        times = [ms for k, ms, _, _ in results if k == kind]
        sizes = [size for k, _, _, size in results if k == kind]
        figures[kind] = {
            "n": len(times),
            "p50_ms": round(percentile(times, 0.50), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
            "kB": round(statistics.mean(sizes) / 1000, 1),
        }
    static = figures["static"]
    print(f"{'page':<16}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'p50 ×':>9}{'p95 ×':>9}{'kB':>9}")
    for kind, row in figures.items():
        row["p50_ratio"] = round(row["p50_ms"] / static["p50_ms"], 1)
        row["p95_ratio"] = round(row["p95_ms"] / static["p95_ms"], 1)
        print(
            f"{kind:<16}{row['n']:>6}{row['p50_ms']:>10.1f}{row['p95_ms']:>10.1f}"
            f"{row['p50_ratio']:>8.1f}×{row['p95_ratio']:>8.1f}×{row['kB']:>9.1f}"
        )
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--versions", type=int, default=300_000)
    parser.add_argument("--big-words", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=20, help="rounds of every page per client (after one warm-up)")
    parser.add_argument("--url", help="a PostgreSQL URL whose database the run creates and drops")
    parser.add_argument("--keep", metavar="PATH", help="keep the SQLite database here and reuse it next time")
    parser.add_argument("--out", metavar="FILE", help="write the figures as JSON")
    parser.add_argument("--quick", action="store_true", help="a small run to try it: 2,000 stories, 3 rounds")
    args = parser.parse_args()
    if args.quick:
        args.stories, args.versions, args.rounds = min(args.stories, 2000), min(args.versions, 6000), 3
    folder = Path(tempfile.mkdtemp(prefix="bench-web-"))
    try:
        print(
            f"database: {args.stories:,} stories, {args.versions:,} versions ({'PostgreSQL' if args.url else 'SQLite'})"
        )
        with database(args, folder) as (url, facts):
            print(
                f"  {facts['stories']:,} stories, {facts['versions']:,} versions, {facts['changes']:,} changes; "
                f"story {facts['big']}: {facts['big_words']:,} words, {facts['big_versions']} versions"
            )
            server = Server(write_config(folder, url))
            try:
                print(
                    f"server: first 200 on / after {server.start_seconds:.2f} s (target < 2 s; "
                    f"{server.start_cpu_seconds:.2f} s of its own CPU); load average {os.getloadavg()[0]:.1f}"
                )
                urls = pages(facts)
                results, wall = load(server.base, urls, args.clients, args.rounds)
                print(
                    f"\n{args.clients} concurrent clients, {args.rounds} rounds, {len(results):,} requests in "
                    f"{wall:.1f} s ({len(results) / wall:.0f}/s)"
                )
                figures = table(results, list(urls))
                print("\none client, one request at a time (best of 3):")
                alone = probes(server.base, facts)
                rss = server.peak_rss_mb()
                load_after = os.getloadavg()[0]
            finally:
                server.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    bad = [row for row in results if row[2] != 200]
    print(
        f"\nstart {server.start_seconds:.2f} s ({server.start_cpu_seconds:.2f} s CPU); server peak RSS {rss:.0f} MB; "
        f"load average {load_after:.1f} at the end (2 cores)"
    )
    if bad:
        print(f"{len(bad)} requests failed: {sorted({(k, s) for k, _, s, _ in bad})}")
    report = {
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "database": "postgresql" if args.url else "sqlite",
        "facts": {k: v for k, v in facts.items() if k != "sample"},
        "clients": args.clients,
        "rounds": args.rounds,
        "wall_seconds": round(wall, 1),
        "pages": figures,
        "start_seconds": round(server.start_seconds, 2),
        "start_cpu_seconds": round(server.start_cpu_seconds, 2),
        "load_average_end": round(load_after, 1),
        "peak_rss_mb": round(rss),
        "alone_ms": alone,
        "failed": len(bad),
    }
    if args.out:
        Path(args.out).write_text(json.dumps(report, indent=2) + "\n")
    ok = server.start_seconds < 2 and not bad
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())

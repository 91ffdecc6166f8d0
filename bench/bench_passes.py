"""Benchmark: whole check passes on the shared real pages, against bare GET + trafilatura and urlwatch, in one run.

    PYTHONPATH=. .venv/bin/python bench/bench_passes.py [--pages 120] [--rounds 3] [--folds all] [--no-urlwatch]
                                                        [--no-daemon] [--no-compile] [--processes N]

A loopback newsroom (127.0.0.1) serves up to ``--pages`` pages of ../shared/data (measuring only; nothing is
copied into the repo), each at ``/p/N``, listed in an RSS feed, with an ETag (a conditional request for the
same state is answered 304). Every page goes through states, the same for every tool:

    baseline → round 1: boilerplate-only change → one edit → unchanged (304) → round 2: … (``--rounds``)

A boilerplate-only change stamps new scripts, cache-busting link and image URLs, a new ad slot id and a rotated
"trending" text in every block named as noise; an edit replaces one word of one body paragraph (another one
each round, among those where bare trafilatura's text shows the edit) with an invented name.

In each round, interleaved, the tools read the same states:
- **storywatch**: `storywatch check` (the CLI as an operator runs it: its whole process, SQLite, alerts to a
  webhook on the same loopback server) for the boilerplate, edited and unchanged passes;
- **storywatch daemon**: `storywatch run`, started once and kept running as a newsroom runs it (a pass every
  15 s, every story due at each): a pass is the CPU of its whole process tree from the end of one pass to the
  end of the next, idle time included. It reads its own copy of the pages (``/d/…``), moved to the round's state
  only once its previous pass has ended, and it is stopped (SIGSTOP) while the other tools run, so the measured
  pass is the first to see the state and shares the cores with no one (``--no-daemon`` leaves it out);
- **bare GET + trafilatura**: one process that GETs every page and runs ``trafilatura.extract`` on it,
  sequentially (the floor a changed page costs with the generic extractor alone); and the CPU of its loop alone,
  its imports and start left out ("bare, imports left out"), the fair floor for a daemon that paid its own once;
- **urlwatch** and **urlwatch + html2text** (installed into the benchmark's own virtualenv under the cache
  directory, when the package index has it; ``--no-urlwatch`` leaves them out).

CPU is the whole process's (user + system, its reaped children included) from ``wait4``, plus its orphaned
descendants' (storywatch's fork server and extraction workers, which outlive it by a moment: the benchmark
makes itself their reaper); wall is the process's; peak memory is the main process's own (``VmHWM``,
sampled; the daemon's: its high-water mark since it started). Each figure is the median over the rounds, per
page, and as a ratio to bare GET + trafilatura measured in the same round.
False alerts: stories a boilerplate-only pass reports changed; misses: edited pages a pass does not report.
Targets (issue 16): edited ≤ 1.3× bare trafilatura's CPU; boilerplate-only ≤ 0.5× the edited pass, with 0 false
alerts and no edit missed.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import hashlib
import math
import os
import random
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

import lxml.html
import trafilatura
from lxml.html import HtmlElement

from bench.eval_sets import pages
from bench.gate_proof import _holder
from monitor.errors import ExtractionError
from monitor.extractors import extract
from monitor.extractors.cleanup import NOISE_TOKENS
from monitor.extractors.document import parse
from monitor.extractors.notes import NOTE_BOX
from monitor.extractors.text import class_tokens

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(tempfile.gettempdir()) / "storywatch-bench"
BARE = """
import resource, sys, httpx, trafilatura
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
with httpx.Client() as client:
    started = cpu()
    for url in sys.argv[1:]:
        trafilatura.extract(client.get(url).content, url=url)
    print("loop cpu", cpu() - started)
"""


@dataclass
class Page:
    """One served page: its parsed baseline and the states rendered for every round."""

    tree: HtmlElement
    body: tuple[str, ...]
    states: dict[str, bytes] = field(default_factory=dict)


def _stamp(tree: HtmlElement, round_: int, story: str) -> None:
    """A boilerplate-only change: scripts, asset and link URLs, the ad slot's id, and the text of noise-named
    blocks outside the article whose text is not in ``story`` (bare trafilatura's text of the page: a block
    inside the article — an embed, a pull quote with a ``social`` class — or one it reads as the story's is
    story text for this benchmark, and a change there no boilerplate-only change)."""
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or ""):
            script.text = f"{script.text or ''}\n/* build {round_} {random.random():.6f} */"
    for node in tree.iter("a", "img", "link", "source"):
        for key in ("href", "src"):
            value = node.get(key)
            if value and "canonical" not in (node.get("rel") or ""):
                node.set(key, f"{value}{'&' if '?' in value else '?'}cb={round_}")
    for node in tree.iter():
        if not isinstance(node.tag, str) or node.tag in ("html", "body", "article", "main"):
            continue
        if _in_article(node) or NOTE_BOX.search(f"{node.get('class')} {node.get('id')}"):
            continue
        own = (node.text or "").strip()
        if class_tokens(node) & NOISE_TOKENS and len(own) > 3 and own not in story:
            node.text = f"Trending {round_}: {node.text}"
    body = tree.find("body")
    if body is not None:
        slot = lxml.html.fromstring(f'<div class="ad-slot" id="ad-{round_}"><span>Advertisement</span></div>')
        body.append(slot)


def _in_article(node: HtmlElement) -> bool:
    return any(
        a.tag in ("article", "main") or a.get("itemprop") == "articleBody" or "article" in (a.get("class") or "")
        for a in node.iterancestors()
    )


def _edit(tree: HtmlElement, body: tuple[str, ...], round_: int) -> HtmlElement | None:
    """The tree with one word of one body paragraph replaced by an invented name (a different paragraph each
    round), where bare trafilatura's text shows the edit; None when no paragraph tried gives one."""
    before = trafilatura.extract(_render(tree)) or ""
    for attempt in range(6):
        edited = copy.deepcopy(tree)
        paragraph = body[(round_ * 3 + attempt) % len(body)]
        holder = _holder(edited, paragraph)
        changed = holder is not None and _replace_word(holder, paragraph, f"Olvanto{round_}")
        if changed and (trafilatura.extract(_render(edited)) or "") != before:
            return edited
    return None


def _replace_word(holder: HtmlElement, paragraph: str, name: str) -> bool:
    """Replace a word of the paragraph's own text in ``holder``: never one of a box the paragraph's element
    holds but the paragraph is not (a "Related" card set inside a ``<p>``: its title is no body text)."""
    for node in holder.iter():
        if not isinstance(node.tag, str):
            continue
        for attr in ("text", "tail") if node is not holder else ("text",):
            text = getattr(node, attr)
            if not text or " ".join(text.split()) not in paragraph or len(words := text.split(" ")) <= 3:
                continue
            index = next((i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()), None)
            if index is not None:
                words[index] = name
                setattr(node, attr, " ".join(words))
                return True
    return False


def _prepare(limit: int, folds: str, rounds: int) -> list[Page]:
    """Pages our extractor reads and the bench can edit, with every state rendered."""
    out: list[Page] = []
    seen: set[str] = set()  # canonical URLs: two pages of one story are folded into one (one change, not two)
    for shared in pages(DATA, folds):
        if len(out) >= limit:
            break
        try:
            tree = parse(shared.content)
            article = extract(shared.content, shared.url)
        except ExtractionError:
            continue
        body = article.body
        if article.canonical_url in seen:
            continue
        seen.add(article.canonical_url or shared.url)
        page = Page(tree, body)
        text_tree: HtmlElement | None = copy.deepcopy(tree)
        page.states["0"] = _render(tree)
        story = trafilatura.extract(page.states["0"]) or ""
        for k in range(1, rounds + 1):
            assert text_tree is not None
            boiler = copy.deepcopy(text_tree)
            _stamp(boiler, k, story)
            page.states[f"{k}b"] = _render(boiler)
            text_tree = _edit(text_tree, body, k)
            if text_tree is None:
                break
            edited = copy.deepcopy(text_tree)
            _stamp(edited, k, story)
            page.states[f"{k}e"] = _render(edited)
        if text_tree is not None:
            out.append(page)
    return out


def _render(tree: HtmlElement) -> bytes:
    return lxml.html.tostring(tree, encoding="utf-8", doctype="<!DOCTYPE html>")


class Newsroom:
    """Serves every page in the current state, the feed, and a webhook that answers 200."""

    def __init__(self, served: list[Page]) -> None:
        self.pages = served
        self.state = "0"
        self.daemon_state = "0"
        self.hooks = 0
        newsroom = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # headers and body go out as two writes: with Nagle's algorithm the body waits for the client's
            # delayed ACK of the headers (40 ms on Linux), which made every webhook POST and page take 40 ms of
            # wall time no real server adds
            disable_nagle_algorithm = True

            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                newsroom.hooks += 1
                self._answer(200, b"ok", "text/plain")

            def do_GET(self) -> None:  # noqa: N802
                # /d/…: the daemon's own copy of the newsroom, moved to a new state only between its passes
                daemon = self.path.startswith("/d/")
                path = self.path[2:] if daemon else self.path
                if path == "/feed.xml":
                    self._answer(200, newsroom.feed("/d" if daemon else ""), "application/rss+xml")
                    return
                if not path.startswith("/p/"):
                    self._answer(404, b"no", "text/plain")
                    return
                content = newsroom.pages[int(path[3:])].states[newsroom.daemon_state if daemon else newsroom.state]
                etag = '"' + hashlib.sha1(content).hexdigest() + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self._answer(200, content, "text/html; charset=utf-8", etag)

            def _answer(self, status: int, body: bytes, kind: str, etag: str | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                if etag:
                    self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def urls(self, prefix: str = "") -> list[str]:
        return [f"{self.base}{prefix}/p/{i}" for i in range(len(self.pages))]

    def feed(self, prefix: str = "") -> bytes:
        items = "".join(
            f"<item><title>Page {i}</title><link>{escape(url)}</link></item>" for i, url in enumerate(self.urls(prefix))
        )
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>bench</title>{items}</channel></rss>'.encode()


@dataclass
class Run:
    cpu: float
    wall: float
    rss_mb: float
    output: str


def _timed(command: list[str], env: dict[str, str] | None = None) -> Run:
    """Run a command; its CPU (its reaped children's included) from ``wait4``, its own peak RSS from /proc.

    (``wait4``'s ``ru_maxrss`` would count what the forked child held before its exec: this process's pages.)"""
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    assert process.stdout is not None
    peak = [0]
    sampler = threading.Thread(target=_sample_peak, args=(process.pid, peak), daemon=True)
    sampler.start()
    output = process.stdout.read().decode("utf-8", errors="replace")
    sampler.join()
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0  # reaped here: Popen must not wait for it again
    wall = time.monotonic() - started
    return Run(usage.ru_utime + usage.ru_stime + _orphans_cpu(), wall, peak[0] / 1024, output)


def _subreaper() -> None:
    """Become the reaper of this process's orphaned descendants (Linux ``PR_SET_CHILD_SUBREAPER``).

    storywatch's extraction workers are children of a fork server, which is not the command's to reap: it exits
    just after the command, so ``wait4`` of the command never counted them (nor the pages they read)."""
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)


LONG_LIVED: set[int] = set()  # children that outlive a command (the daemon): not its orphans


def _orphans_cpu(grace: float = 10.0) -> float:
    """CPU seconds of the descendants left behind by the last command (fork server, workers), once they exit."""
    cpu = 0.0
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        left = [pid for pid in _children(os.getpid()) if pid not in LONG_LIVED]
        if not left:
            break
        for pid in left:
            try:
                done, _, usage = os.wait4(pid, os.WNOHANG)
            except ChildProcessError:
                continue
            if done:
                cpu += usage.ru_utime + usage.ru_stime
        time.sleep(0.02)  # some still running (a fork server exits a moment after its parent)
    return cpu


def _children(parent: int) -> list[int]:
    """The processes whose parent is ``parent`` (exited ones not yet reaped included), from /proc."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2 :].split()[1]) == parent:
                out.append(int(entry.name))
    return out


def _tree_cpu(root: int) -> float:
    """CPU seconds so far of a running process and all its descendants (what they reaped included), from /proc."""
    ticks = 0
    stack = [root]
    while stack:
        pid = stack.pop()
        try:
            fields = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        ticks += sum(int(v) for v in fields[fields.rindex(")") + 2 :].split()[11:15])  # utime stime cutime cstime
        stack.extend(_children(pid))
    return ticks / os.sysconf("SC_CLK_TCK")


def _sample_peak(pid: int, peak: list[int]) -> None:
    """The process's high-water RSS (``VmHWM``, kB), read until it exits (it stays a zombie until ``wait4``)."""
    status = Path(f"/proc/{pid}/status")
    while True:
        try:
            text = status.read_text()
        except OSError:
            return
        if "\nState:\tZ" in text:
            return
        for line in text.splitlines():
            if line.startswith("VmHWM:"):
                peak[0] = max(peak[0], int(line.split()[1]))
        time.sleep(0.05)


class Storywatch:
    def __init__(self, work: Path, newsroom: Newsroom, processes: int | None = None) -> None:
        self.db = work / "storywatch.db"
        self.config = work / "config.yaml"
        self.config.write_text(
            f"""
storage: {{url: "sqlite:///{self.db}"}}
fetch: {{allow_private_networks: true, timeout: 10s, min_gap: 0s, per_host: 4, robots_txt: false}}
sources:
  - {{name: bench, feed: "{newsroom.base}/feed.xml"}}
notifiers:
  - {{name: hook, type: webhook, url: "{newsroom.base}/hook", min_significance: cosmetic}}
"""
            + ("" if processes is None else f"extraction: {{processes: {processes}}}\n")
        )
        self.command = [str(ROOT / ".venv" / "bin" / "storywatch"), "-c", str(self.config), "check"]

    def changed_stories(self) -> int:
        with sqlite3.connect(self.db) as connection:
            return connection.execute("SELECT count(*) FROM changes").fetchone()[0]

    def run(self) -> tuple[Run, int]:
        before = self.changed_stories() if self.db.exists() else 0
        result = _timed(self.command)
        return result, self.changed_stories() - before


PASS_ENDED = re.compile(r"source bench: \d+ checks, (\d+) changed")  # the daemon's -v line at a pass's end


class StorywatchDaemon:
    """`storywatch run` started once and kept running: each pass is measured as the CPU its whole process tree
    (fork server and extraction workers included) spends from the end of one of its passes to the end of the
    next, idle time between them included. Imports and the fork server's start are paid once, at its start, as a
    newsroom's daemon pays them. It reads its own copy of the newsroom (``/d/``), moved to the round's state only
    once its last pass has ended, so the measured pass is the first to see that state."""

    INTERVAL = 15  # seconds between passes (a pass of 120 changed pages takes ~5 s here)

    def __init__(self, work: Path, newsroom: Newsroom, processes: int | None = None) -> None:
        self.db = work / "daemon.db"
        self.newsroom = newsroom
        config = work / "daemon.yaml"
        config.write_text(
            f"""
storage: {{url: "sqlite:///{self.db}"}}
fetch: {{allow_private_networks: true, timeout: 10s, min_gap: 0s, per_host: 4, robots_txt: false}}
schedule: {{ladder: ["36500d: 1s"], max_age: 36500d, jitter: 0}}
delivery: {{interval: 5s}}
sources:
  - {{name: bench, feed: "{newsroom.base}/d/feed.xml", interval: {self.INTERVAL}s}}
notifiers:
  - {{name: hook, type: webhook, url: "{newsroom.base}/hook", min_significance: cosmetic}}
"""
            + ("" if processes is None else f"extraction: {{processes: {processes}}}\n")
        )
        self.log = work / "daemon.log"
        self._log = self.log.open("wb")
        command = [str(ROOT / ".venv" / "bin" / "storywatch"), "-v", "-c", str(config), "run"]
        self.process = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT, preexec_fn=_die_with_us)
        LONG_LIVED.add(self.process.pid)
        self.passes = 0  # passes seen ended so far

    def changed_stories(self) -> int:
        if not self.db.exists():
            return 0
        with sqlite3.connect(self.db) as connection:
            return connection.execute("SELECT count(*) FROM changes").fetchone()[0]

    def _pending(self) -> int:
        with sqlite3.connect(self.db) as connection:
            return connection.execute("SELECT count(*) FROM alerts WHERE status = 'pending'").fetchone()[0]

    def _await_pass(self, timeout: float = 300.0) -> None:
        """Wait until the daemon's next pass has ended and every alert it made has been delivered."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the daemon exited ({self.process.returncode}): see {self.log}")
            lines = self.log.read_text(errors="replace").splitlines()
            ends = [(i, m) for i, line in enumerate(lines) if (m := PASS_ENDED.search(line))]
            # a pass ended, and every alert it made is delivered (a delivery cycle sends 100 a notifier: the rest go
            # with the next delivery job, part of this pass's cost)
            if len(ends) > self.passes and (not int(ends[self.passes][1].group(1)) or not self._pending()):
                self.passes += 1
                return
            time.sleep(0.05)
        raise RuntimeError(f"no pass of the daemon ended in {timeout:.0f} s: see {self.log}")

    def _signal(self, signum: int) -> None:
        """Stop (SIGSTOP) or continue (SIGCONT) the daemon's whole process tree."""
        stack = [self.process.pid]
        while stack:
            pid = stack.pop()
            stack.extend(_children(pid))
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signum)

    def run(self) -> tuple[Run, int]:
        self._signal(signal.SIGCONT)
        self._await_pass()  # just after a pass the daemon is idle for most of an interval
        before = self.changed_stories()
        self.newsroom.daemon_state = self.newsroom.state
        cpu = _tree_cpu(self.process.pid)
        self._await_pass()
        cpu = _tree_cpu(self.process.pid) - cpu
        rss = _peak_kb(self.process.pid) / 1024
        changed = self.changed_stories() - before
        # stopped, idle, while the other tools run: its passes in between would share their cores; on SIGCONT
        # the scheduler runs the pass it missed at once
        self._signal(signal.SIGSTOP)
        return Run(cpu, math.nan, rss, ""), changed  # its wall: a whole interval, idle time included

    def stop(self) -> None:
        self._signal(signal.SIGCONT)
        self.process.terminate()
        self.process.wait(timeout=120)
        LONG_LIVED.discard(self.process.pid)
        self._log.close()


def _die_with_us() -> None:
    """In the daemon's process: killed when the benchmark exits, however it exits (``PR_SET_PDEATHSIG``; SIGKILL,
    which also ends it while stopped, where a SIGTERM would wait for a SIGCONT that never comes)."""
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)


def _peak_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


class Urlwatch:
    """urlwatch in its own virtualenv; a job per page, plain or through html2text."""

    def __init__(self, work: Path, newsroom: Newsroom, html2text: bool) -> None:
        self.bin = CACHE / "urlwatch-venv" / "bin" / "urlwatch"
        name = "urlwatch-h2t" if html2text else "urlwatch"
        jobs = "".join(
            f"---\nname: p{i}\nurl: {url}\n" + ("filter: html2text\n" if html2text else "")
            for i, url in enumerate(newsroom.urls())
        )
        (work / f"{name}.yaml").write_text(jobs)
        (work / f"{name}-config.yaml").write_text("report:\n  stdout:\n    enabled: true\n    color: false\n")
        self.command = [
            str(self.bin),
            "--urls",
            str(work / f"{name}.yaml"),
            "--config",
            str(work / f"{name}-config.yaml"),
            "--cache",
            str(work / f"{name}.db"),
        ]

    @staticmethod
    def install() -> bool:
        venv = CACHE / "urlwatch-venv"
        if (venv / "bin" / "urlwatch").exists():
            return True
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        done = subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", "urlwatch==2.29", "html2text"], capture_output=True, text=True
        )
        if done.returncode:
            print(f"urlwatch could not be installed ({done.stderr.strip().splitlines()[-1:]}): left out")
        return done.returncode == 0

    def run(self) -> tuple[Run, int]:
        result = _timed(self.command, env={**os.environ, "HOME": str(CACHE)})
        return result, result.output.count("CHANGED:")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--folds", choices=("all", "dev", "held"), default="all")
    parser.add_argument("--no-urlwatch", action="store_true")
    parser.add_argument("--no-daemon", action="store_true", help="leave out the running daemon's passes")
    parser.add_argument(
        "--processes", type=int, help="storywatch's extraction workers (extraction.processes; default: one a core)"
    )
    parser.add_argument(
        "--no-compile",
        action="store_true",
        help="leave storywatch's own modules uncompiled (an editable install under PYTHONDONTWRITEBYTECODE=1 "
        "compiles them from source in every process, ~0.15 s each; an installed wheel, trafilatura and urlwatch "
        "come compiled)",
    )
    args = parser.parse_args()
    if not DATA.exists():
        print(f"no shared data at {DATA}: nothing to measure")
        return 0
    _subreaper()
    if not args.no_compile:  # as a wheel's install leaves them: bytecode for every module, like the other tools'
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", "monitor", "storage", "notifiers"], cwd=ROOT, check=True
        )
    random.seed(7)
    served = _prepare(args.pages, args.folds, args.rounds)
    n = len(served)
    print(f"{n} real pages ({args.folds} folds), {args.rounds} rounds, on 127.0.0.1")
    newsroom = Newsroom(served)
    work = Path(tempfile.mkdtemp(prefix="bench-passes-"))
    tools: dict[str, Storywatch | StorywatchDaemon | Urlwatch] = {
        "storywatch": Storywatch(work, newsroom, args.processes)
    }
    if not args.no_daemon:
        tools["storywatch daemon"] = StorywatchDaemon(work, newsroom, args.processes)
    if not args.no_urlwatch and Urlwatch.install():
        tools["urlwatch"] = Urlwatch(work, newsroom, html2text=False)
        tools["urlwatch + html2text"] = Urlwatch(work, newsroom, html2text=True)
    bare = [sys.executable, "-c", BARE, *newsroom.urls()]
    figures: dict[tuple[str, str], list[Run]] = {}
    alerts: dict[tuple[str, str], list[int]] = {}

    def record(tool: str, kind: str, run: Run, count: int) -> None:
        figures.setdefault((tool, kind), []).append(run)
        alerts.setdefault((tool, kind), []).append(count)

    try:
        for tool in tools.values():
            tool.run()  # the baseline: every page stored once
        for k in range(1, args.rounds + 1):
            newsroom.state = f"{k}b"
            for name, tool in tools.items():
                record(name, "boilerplate only", *tool.run())
            newsroom.state = f"{k}e"
            for name, tool in tools.items():
                record(name, "edited", *tool.run())
            run = _timed(bare)
            record("bare GET + trafilatura", "edited", run, n)
            # the same process's loop alone: its imports and start left out, as a running daemon has paid its own
            loop = float(run.output.rsplit("loop cpu", 1)[1])
            record("bare, imports left out", "edited", Run(loop, math.nan, math.nan, ""), n)
            for name, tool in tools.items():
                record(name, "unchanged (304)", *tool.run())
    finally:
        for tool in tools.values():
            if isinstance(tool, StorywatchDaemon):
                tool.stop()
        shutil.rmtree(work, ignore_errors=True)

    def median(tool: str, kind: str, attr: str) -> float:
        return statistics.median(getattr(run, attr) for run in figures[(tool, kind)]) / n * 1000

    floor = median("bare GET + trafilatura", "edited", "cpu")
    warm = median("bare, imports left out", "edited", "cpu")
    print(f"{'pass':<44}{'CPU ms/page':>12}{'× bare':>8}{'wall ms/page':>14}{'peak MB':>9}{'alerts':>8}")
    for (tool, kind), runs in figures.items():
        cpu = median(tool, kind, "cpu")
        rss = max(run.rss_mb for run in runs)
        told = alerts[(tool, kind)]
        wall, peak = median(tool, kind, "wall"), "" if math.isnan(rss) else f"{rss:.0f}"
        print(
            f"{tool + ': ' + kind:<44}{cpu:>12.1f}{cpu / floor:>8.2f}{'' if math.isnan(wall) else f'{wall:.1f}':>14}"
            f"{peak:>9}{statistics.median(told):>8.0f}"
        )
    for name in [name for name in tools if name.startswith("storywatch")]:
        edited = median(name, "edited", "cpu")
        boiler = median(name, "boilerplate only", "cpu")
        false_alerts = sum(alerts[(name, "boilerplate only")])
        missed = sum(n - count for count in alerts[(name, "edited")])
        if name.endswith("daemon"):  # like for like: a running daemon against bare's loop, imports left out
            print(f"{name}: edited pass {edited / warm:.2f}× bare trafilatura's loop, imports left out (target ≤ 1.3)")
            print(f"{name}: edited pass {edited / floor:.2f}× bare trafilatura with its imports")
        else:
            print(f"{name}: edited pass {edited / floor:.2f}× bare trafilatura (target ≤ 1.3)")
        print(f"{name}: boilerplate-only pass {boiler / edited:.2f}× its edited pass (target ≤ 0.5)")
        print(f"{name}: {false_alerts} false alerts over {args.rounds} boilerplate passes, {missed} edits missed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Extraction in worker processes: a crashing or hanging page costs its own story a check, never the process.

The crashes are real (the workers' test-only hook kills them with SIGSEGV, SIGABRT or SIGKILL on a marked
page, ``tests.fixtures_extract``); `storywatch check` and `storywatch run` run as real processes on loopback,
and afterwards no process of theirs is left (their session is read from /proc).
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from monitor.app import App
from monitor.config import parse_config
from monitor.demo.newsroom import Newsroom
from monitor.demo.stories import FERRY, SUMMIT_V1, SUMMIT_V2, DemoStory, rss, story_page
from monitor.errors import ConfigError, ExtractionError
from monitor.extract_pool import ExtractPool, InThread, open_extractor
from monitor.extractors import extract
from monitor.extractors.sites import site_rules
from storage.store import Store
from tests.fixtures_extract import CRASH_ONCE, CRASHES, HANG, MEMORY
from tests.fixtures_servers import CaptureServer

DATA = Path(__file__).parent / "data"
CRASHED = "extraction failed: the extractor crashed on this page twice"


def marked(story: DemoStory, marker: str, path: str | None = None) -> DemoStory:
    """The story with the marker in a paragraph of its own (and a token that makes the page unique)."""
    line = f"The archive reference for this report is {marker} {uuid.uuid4().hex}."
    return replace(story, path=path or story.path, paragraphs=(*story.paragraphs, line))


CRASHER = marked(replace(FERRY, headline="Harbour lights fail again"), CRASHES["SIGSEGV"], "/world/crasher")


def page(story: DemoStory) -> str:
    return story_page(story, base="http://127.0.0.1")


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def session_processes(sid: int) -> list[int]:
    """Live processes of session ``sid`` (a command started with ``start_new_session``: it and its children)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def eventually(predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


@pytest.fixture
def pool() -> ExtractPool:
    with ExtractPool(site_rules(), processes=2, timeout=20) as pool:
        yield pool  # type: ignore[misc]


# -- the pool itself -----------------------------------------------------------------------------------


def test_the_pool_reads_every_page_as_the_extractor_does_errors_included(pool: ExtractPool) -> None:
    """Articles and ExtractionErrors come back through the pipe whole (pickled), equal to an in-thread read."""
    pages = sorted((DATA / "pages").glob("*.html"))[:6] + [DATA / "cli" / "ordinary_story.html"]
    for path in pages:
        url = f"http://127.0.0.1/{path.stem}"
        assert pool.extract(path.read_bytes(), url) == extract(path.read_bytes(), url, rules=site_rules()), path
    shell = (DATA / "cli" / "js_shell.html").read_bytes()
    with pytest.raises(ExtractionError) as in_thread:
        extract(shell, "http://127.0.0.1/shell")
    with pytest.raises(ExtractionError) as in_pool:
        pool.extract(shell, "http://127.0.0.1/shell")
    assert str(in_pool.value) == str(in_thread.value) != ""
    assert len(pool.pids()) <= 2


def test_a_worker_that_crashes_once_is_replaced_and_the_page_read_on_the_retry(
    pool: ExtractPool, caplog: pytest.LogCaptureFixture
) -> None:
    pool.extract(page(FERRY), "http://127.0.0.1/ferry")
    (first,) = pool.pids()
    story = marked(SUMMIT_V1, CRASH_ONCE)
    with caplog.at_level(logging.WARNING, logger="storywatch.extract"):
        article = pool.extract(page(story), "http://127.0.0.1/summit")
    assert article.headline == SUMMIT_V1.headline and article.body[-1] == story.paragraphs[-1]
    assert f"extraction worker {first} died on http://127.0.0.1/summit (SIGSEGV)" in caplog.text
    assert "trying it once more" in caplog.text
    assert not alive(first) and first not in pool.pids()


@pytest.mark.parametrize("how", list(CRASHES))
def test_a_page_that_always_crashes_fails_with_the_reason_and_pages_in_flight_are_not_charged(
    pool: ExtractPool, how: str
) -> None:
    good = [replace(FERRY, path=f"/world/good-{i}", headline=f"Ferry strike ends, day {i}") for i in range(8)]
    results: dict[str, object] = {}

    def read(story: DemoStory) -> None:
        try:
            results[story.path] = pool.extract(page(story), f"http://127.0.0.1{story.path}").headline
        except ExtractionError as exc:
            results[story.path] = exc

    bad = marked(SUMMIT_V1, CRASHES[how], "/world/bad")
    threads = [threading.Thread(target=read, args=(story,)) for story in [*good[:4], bad, *good[4:]]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert {path: results[path] for path in (s.path for s in good)} == {s.path: s.headline for s in good}
    assert str(results[bad.path]) == f"the extractor crashed on this page twice ({how})"
    assert pool.extract(page(FERRY), "http://127.0.0.1/after").headline == FERRY.headline  # the pool goes on
    assert all(alive(pid) for pid in pool.pids())


def test_a_worker_out_of_memory_is_ended_and_the_page_fails_so(pool: ExtractPool) -> None:
    """A MemoryError may leave the worker inconsistent: it ends, and the page is treated as a crash."""
    with pytest.raises(ExtractionError, match=r"^the extractor crashed on this page twice \(out of memory\)$"):
        pool.extract(page(marked(SUMMIT_V1, MEMORY)), "http://127.0.0.1/memory")
    assert pool.extract(page(FERRY), "http://127.0.0.1/ferry").headline == FERRY.headline


def test_a_hung_extraction_is_stopped_after_the_timeout_and_its_worker_killed() -> None:
    with ExtractPool(site_rules(), processes=1, timeout=1.5) as pool:
        pool.extract(page(FERRY), "http://127.0.0.1/ferry")
        (worker,) = pool.pids()
        started = time.monotonic()
        with pytest.raises(ExtractionError, match=r"^the extractor took longer than 1.5s on this page$"):
            pool.extract(page(marked(SUMMIT_V1, HANG)), "http://127.0.0.1/hang")
        assert 1.5 <= time.monotonic() - started < 10
        assert not alive(worker)
        assert pool.extract(page(SUMMIT_V1), "http://127.0.0.1/summit").headline == SUMMIT_V1.headline


def test_a_worker_that_ended_while_idle_costs_no_page_an_attempt(
    pool: ExtractPool, caplog: pytest.LogCaptureFixture
) -> None:
    """A SIGTERM (systemd stopping the service's group) ends an idle worker at once; the next page never sees it."""
    pool.extract(page(FERRY), "http://127.0.0.1/ferry")
    (worker,) = pool.pids()
    os.kill(worker, signal.SIGTERM)
    assert eventually(lambda: not alive(worker))
    with caplog.at_level(logging.WARNING, logger="storywatch.extract"):
        assert pool.extract(page(SUMMIT_V1), "http://127.0.0.1/summit").headline == SUMMIT_V1.headline
    assert "died" not in caplog.text


def test_a_worker_is_replaced_after_its_share_of_pages() -> None:
    with ExtractPool(site_rules(), processes=1, timeout=20, pages_per_worker=2) as pool:
        seen = []
        for i in range(5):
            pool.extract(page(FERRY), f"http://127.0.0.1/{i}")
            seen.append(tuple(pool.pids()))
    first, second, third = seen[0][0], seen[2][0], seen[4][0]
    assert seen[:2] == [(first,), ()] and seen[2:4] == [(second,), ()] and len({first, second, third}) == 3
    assert not any(alive(pid) for pid in (first, second, third))


def test_close_stops_every_worker_and_a_closed_pool_reads_nothing() -> None:
    pool = ExtractPool(site_rules(), processes=2, timeout=20)
    threads = [threading.Thread(target=pool.extract, args=(page(FERRY), f"http://127.0.0.1/{i}")) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    workers = pool.pids()
    assert len(workers) == 2
    pool.close()
    assert not any(alive(pid) for pid in workers) and pool.pids() == []
    with pytest.raises(ExtractionError, match="shut down"):
        pool.extract(page(FERRY), "http://127.0.0.1/late")


# -- in a pass -----------------------------------------------------------------------------------------


def publish(site: Newsroom, stories: list[DemoStory]) -> None:
    for story in stories:
        site.set(story.path, story_page(story, base=site.base_url))
    site.set("/rss.xml", rss("World", site.base_url, stories), content_type="application/rss+xml")


def app_config(store_url: str, newsroom: Newsroom, extraction: str = "{processes: 2}", more: str = "") -> str:
    return f"""
storage: {{url: "{store_url}"}}
fetch: {{allow_private_networks: true, min_gap: 0s, workers: 4}}
schedule: {{ladder: ["1h: 1s"], jitter: 0}}
extraction: {extraction}
sources:
  - {{name: world, feed: "{newsroom.url("/rss.xml")}", interval: 10s}}
{more}"""


def test_a_crashing_page_is_its_storys_recorded_error_and_the_rest_of_the_pass_is_stored(
    tmp_path: Path, newsroom: Newsroom, store_url: str
) -> None:
    publish(newsroom, [SUMMIT_V1, CRASHER, FERRY])
    settings = parse_config(app_config(store_url, newsroom), env={}, path=tmp_path / "config.yaml")
    with App.open(settings) as app:
        outcomes = {o.target: o for o in app.pipeline.run_pass(listed=True)}
        crashed = outcomes[newsroom.url(CRASHER.path)]
        assert crashed.status == "error" and crashed.error == f"{CRASHED} (SIGSEGV)"
        assert outcomes[newsroom.url(SUMMIT_V1.path)].status == "new"
        assert outcomes[newsroom.url(FERRY.path)].status == "new"
        stories = {s.url: s for s in app.store.list_stories()}
        assert stories[newsroom.url(CRASHER.path)].last_error == f"{CRASHED} (SIGSEGV)"
        assert stories[newsroom.url(CRASHER.path)].versions == 0
        workers = app.pipeline.checker.extractor.pids()  # type: ignore[attr-defined]
        assert workers and all(alive(pid) for pid in workers)
    assert not any(alive(pid) for pid in workers)  # closing the app stops them


def test_a_pass_that_reads_no_page_starts_no_worker(tmp_path: Path, newsroom: Newsroom) -> None:
    publish(newsroom, [SUMMIT_V1, FERRY])
    text = app_config(f"sqlite:///{tmp_path / 's.db'}", newsroom)
    settings = parse_config(text, env={}, path=tmp_path / "config.yaml")
    with App.open(settings) as app:
        assert sorted(o.status for o in app.pipeline.run_pass(listed=True)) == ["discovered", "new", "new"]
        assert app.pipeline.checker.extractor.pids()  # type: ignore[attr-defined]
    with App.open(settings) as app:  # the same pages again: identical bodies, nothing to read
        assert sorted(o.status for o in app.pipeline.run_pass(listed=True)) == ["discovered", "unchanged", "unchanged"]
        assert app.pipeline.checker.extractor.pids() == []  # type: ignore[attr-defined]


# In a fresh interpreter (the fork server is one per process, preloaded once): reads a page the exact gate holds,
# then the same page in full, and says after each whether the worker has loaded the full reader (trafilatura's
# compiled dependency in its memory map).
FULL_READER_PROBE = """
import json, sys
from monitor.errors import GateHeld
from monitor.extract_pool import ExtractPool
from monitor.extractors import EXTRACTOR_VERSION
from monitor.extractors.gate import page_digest
page, url, processes = sys.argv[1], sys.argv[2], int(sys.argv[3])
digest = page_digest(page, url, encoding=None, rule=None, version=EXTRACTOR_VERSION)
seen = []
with ExtractPool((), processes=processes, timeout=30) as pool:
    def loaded():
        return all("charset_normalizer" in open(f"/proc/{pid}/maps").read() for pid in pool.pids())
    try:
        pool.extract(page, url, sealed=digest)
    except GateHeld:
        seen.append(loaded())
    seen.append(pool.extract(page, url).headline)
    seen.append(loaded())
print(json.dumps(seen))
"""


@pytest.mark.parametrize(("processes", "preloaded"), [(1, False), (2, True)])
def test_a_lone_worker_loads_the_full_reader_only_for_a_full_read(processes: int, preloaded: bool) -> None:
    """A pass whose every page the gate holds never loads trafilatura when one worker reads; with several, the
    fork server loads it once for all of them."""
    url = f"http://127.0.0.1{SUMMIT_V1.path}"
    done = subprocess.run(
        [sys.executable, "-c", FULL_READER_PROBE, page(SUMMIT_V1), url, str(processes)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [preloaded, SUMMIT_V1.headline, True]


def test_processes_0_reads_pages_in_the_checking_threads(tmp_path: Path, newsroom: Newsroom) -> None:
    publish(newsroom, [SUMMIT_V1, FERRY])
    text = app_config(f"sqlite:///{tmp_path / 's.db'}", newsroom, "{processes: 0}")
    with App.open(parse_config(text, env={}, path=tmp_path / "config.yaml")) as app:
        assert isinstance(app.pipeline.checker.extractor, InThread)
        assert sorted(o.status for o in app.pipeline.run_pass(listed=True)) == ["discovered", "new", "new"]


def test_extraction_settings_are_validated_with_their_yaml_paths() -> None:
    defaults = parse_config("{}", env={})
    assert defaults.extraction.processes is None and defaults.extraction.timeout == 30
    assert open_extractor((), defaults.extraction).concurrency == len(os.sched_getaffinity(0))  # nothing started
    given = parse_config("extraction: {processes: 3, timeout: 2m}", env={})
    assert (given.extraction.processes, given.extraction.timeout) == (3, 120)
    with pytest.raises(ConfigError) as bad:
        parse_config("extraction: {processes: -1, timeout: 0s, procesess: 2}", env={})
    assert bad.value.problems == [
        "extraction.procesess: unknown key (did you mean 'processes'?)",
        "extraction.processes: must be at least 0",
        "extraction.timeout: must be at least 1 seconds",
    ]
    with pytest.raises(ConfigError, match=r"extraction.processes: expected a whole number, got 'many'"):
        parse_config("extraction: {processes: many}", env={})


# -- the commands --------------------------------------------------------------------------------------


def command(config: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "monitor", "-v", "-c", str(config), *args]


def started_workers(stderr: str) -> list[int]:
    return [int(line.split("extraction worker ")[1].split()[0]) for line in stderr.splitlines() if " started" in line]


def test_check_records_the_crash_exits_1_and_leaves_no_process_behind(tmp_path: Path, newsroom: Newsroom) -> None:
    aborting = marked(replace(FERRY, headline="Customs house reopens"), CRASHES["SIGABRT"], "/world/aborting")
    publish(newsroom, [SUMMIT_V1, aborting, FERRY])
    config = tmp_path / "config.yaml"
    config.write_text(app_config(f"sqlite:///{tmp_path / 's.db'}", newsroom))
    check = subprocess.Popen(
        command(config, "check", "--json"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its session: every process it starts, the fork server's included
    )
    stdout, stderr = check.communicate(timeout=120)
    assert check.returncode == 1, stderr  # a story failed (README: exit codes)
    outcomes = {o["target"]: o for o in json.loads(stdout)["outcomes"]}
    assert outcomes[newsroom.url(aborting.path)]["error"] == f"{CRASHED} (SIGABRT)"
    assert [outcomes[newsroom.url(s.path)]["status"] for s in (SUMMIT_V1, FERRY)] == ["new", "new"]
    assert "Traceback" not in stderr and "(SIGABRT); trying it once more" in stderr
    workers = started_workers(stderr)
    assert len(workers) >= 2  # the first worker, and the one that replaced it at least
    assert eventually(lambda: session_processes(check.pid) == [])
    assert not any(alive(pid) for pid in workers)


def test_the_daemon_goes_on_past_a_crashing_page_and_stops_with_its_group_leaving_nothing(
    tmp_path: Path, newsroom: Newsroom, capture_server: CaptureServer
) -> None:
    publish(newsroom, [SUMMIT_V1, CRASHER, FERRY])
    db = tmp_path / "s.db"
    config = tmp_path / "config.yaml"
    hook = f"notifiers:\n  - {{name: hook, type: webhook, url: '{capture_server.url}/hook'}}\n"
    hook += "delivery: {interval: 1s}"
    config.write_text(app_config(f"sqlite:///{db}", newsroom, more=hook))
    daemon = subprocess.Popen(
        command(config, "run"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        start_new_session=True,  # its own group, stopped as systemd stops a service: SIGTERM to every process
    )
    try:
        store = Store.open(f"sqlite:///{db}")
        try:

            def stories() -> dict[str, object]:
                return {s.url: s for s in store.list_stories()}

            def crashed() -> bool:
                story = stories().get(newsroom.url(CRASHER.path))
                return story is not None and story.last_error == f"{CRASHED} (SIGSEGV)"  # type: ignore[attr-defined]

            assert eventually(crashed, timeout=60)
            assert eventually(lambda: all(stories()[newsroom.url(s.path)].versions == 1 for s in (SUMMIT_V1, FERRY)))
            assert len(session_processes(daemon.pid)) >= 3  # the daemon, the fork server, a worker at least
            publish(newsroom, [SUMMIT_V2, CRASHER, FERRY])
            assert eventually(lambda: len(capture_server.requests) == 1, timeout=60)
        finally:
            store.close()
        assert daemon.poll() is None  # still running
        os.killpg(daemon.pid, signal.SIGTERM)
        _, stderr = daemon.communicate(timeout=60)
    finally:
        if daemon.poll() is None:
            os.killpg(daemon.pid, signal.SIGKILL)
    assert daemon.returncode == 0, stderr
    alert = capture_server.requests[0].json()
    assert alert["story"]["url"] == newsroom.url(SUMMIT_V2.path) and alert["to"]["version"] == 2
    assert "(SIGSEGV); trying it once more" in stderr and "Traceback" not in stderr
    assert "stopped" in stderr.splitlines()[-1]
    workers = started_workers(stderr)
    assert eventually(lambda: session_processes(daemon.pid) == [])
    assert workers and not any(alive(pid) for pid in workers)

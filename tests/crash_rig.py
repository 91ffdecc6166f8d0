"""The crash rig: `storywatch` killed with SIGKILL at random moments while changed stories are checked and alerted.

    with CrashRig(db_url, workdir, command="check", stories=4, rng=random.Random(7)) as rig:
        tally = rig.trial(rounds=3, kills=3)
    tally.problems()      # [] when nothing was lost, nothing doubled that a channel could avoid, the database whole

Real parts on loopback: a newsroom (``tests.fixtures_hosts``) whose story pages change once per round, a slow
capture server standing in for Slack's Web API (``SlackApi``), a webhook receiver and a Slack incoming webhook,
and a slow SMTP server. Each round edits every story, then runs ``storywatch check --all`` (or keeps ``storywatch
run`` going) until every edit is stored and every alert delivered; kills land at a random time or the moment a
channel receives a POST (so they hit deliveries in flight). After each kill the rig notes, per channel, the
alerts whose message the channel had received in that process's life but that were not recorded as delivered:
those are in flight, and a channel that cannot check sends each of them once more. At the end it counts:

- **lost versions**: a served edit not stored as the story's next version (and versions stored twice);
- **lost alerts**: a change × notifier whose alert is not delivered or never reached its channel;
- **duplicates** per channel: bot Slack, messages posted twice for one alert; webhook, alerts that reached the
  receiver under two delivery ids; email, alerts sent under two Message-IDs; incoming webhook, every extra copy
  (no check is possible: it must equal the in-flight count exactly). ``copies`` beyond one per alert are also
  counted for webhook and email (the ones receivers drop by id);
- **integrity**: ``PRAGMA integrity_check`` and ``foreign_key_check`` on SQLite, and on both databases the
  consistency of versions, changes and alerts.

Used by ``tests/test_crash.py`` (a few kills per database × command) and ``bench/bench_crash.py`` (≥ 50).
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from storage.store import Store
from tests.fixtures_hosts import Newsrooms
from tests.fixtures_servers import CapturedRequest, CaptureServer, SlackApi, SmtpCapture

CHANNELS = ("slack-bot", "webhook", "email", "slack-webhook")
BASE_URL = "http://storywatch.test"
_LINK = re.compile(r"/stories/(\d+)/diff\?from=(\d+)&(?:amp;)?to=(\d+)")
_EMAIL_ID = re.compile(r"<alert-(\d+)\.")
_TARGETS = ("", "/api/chat.postMessage", "/hook", "/incoming")  # what an in-flight kill waits for ("": any POST)


@dataclass
class ChannelTally:
    copies: int = 0  # messages the channel received
    alerts: int = 0  # distinct alerts among them
    duplicates: int = 0  # what the desk would see twice (see the module docstring, per channel)
    extra: int = 0  # copies beyond one per alert
    in_flight: int = 0  # kills that caught one of its alerts received by the channel and not yet recorded


@dataclass
class Tally:
    database: str
    command: str
    kills: int = 0
    runs: int = 0  # processes started
    versions: int = 0  # edits served (baselines included), each to be stored once
    lost_versions: int = 0
    extra_versions: int = 0
    alerts: int = 0  # change × notifier
    lost_alerts: int = 0
    channels: dict[str, ChannelTally] = field(default_factory=lambda: {name: ChannelTally() for name in CHANNELS})
    integrity: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what else went wrong (a traceback, a round that never ended)

    def problems(self) -> list[str]:
        """Every way this trial missed the target (empty: none)."""
        out = list(self.integrity) + list(self.notes)
        if self.lost_versions or self.extra_versions:
            out.append(f"{self.lost_versions} lost and {self.extra_versions} doubled versions")
        if self.lost_alerts:
            out.append(f"{self.lost_alerts} lost alerts")
        for name in ("slack-bot", "webhook", "email"):
            if self.channels[name].duplicates:
                out.append(f"{name}: {self.channels[name].duplicates} duplicates")
        for name in ("webhook", "email", "slack-webhook"):  # no check possible: exactly one copy per in-flight kill
            tally = self.channels[name]
            if tally.extra != tally.in_flight:
                out.append(f"{name}: {tally.extra} extra copies, {tally.in_flight} expected (in flight at a kill)")
        return out

    def add(self, other: Tally) -> None:
        for name in ("kills", "runs", "versions", "lost_versions", "extra_versions", "alerts", "lost_alerts"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name, tally in other.channels.items():
            mine = self.channels[name]
            for key in ("copies", "alerts", "duplicates", "extra", "in_flight"):
                setattr(mine, key, getattr(mine, key) + getattr(tally, key))
        self.integrity += other.integrity
        self.notes += other.notes


def config_text(url: str, rooms: Newsrooms, capture: CaptureServer, smtp: SmtpCapture) -> str:
    notifiers = [
        f'{{name: slack-bot, type: slack, token: "xoxb-crash-rig", channel: C0DESK, api_base: "{capture.url}/api"}}',
        f'{{name: webhook, type: webhook, url: "{capture.url}/hook", secret: "rig-secret"}}',
        f'{{name: email, type: email, smtp_host: {smtp.host}, smtp_port: {smtp.port}, from: "sw@example.org", '
        'to: ["desk@example.org"]}',
        f'{{name: slack-webhook, type: slack, webhook_url: "{capture.url}/incoming"}}',
    ]
    listed = "\n".join(f"  - {n[:-1]}, min_significance: cosmetic}}" for n in notifiers)
    feeds = "\n".join(f'  - {{name: d{i}, feed: "{feed}", interval: 10s}}' for i, feed in enumerate(rooms.feeds()))
    return f"""
storage: {{url: "{url}"}}
fetch: {{allow_private_networks: true, min_gap: 0s, per_host: 4, workers: 4, timeout: 20s}}
schedule: {{ladder: ["1h: 1s"], jitter: 0}}
delivery: {{interval: 1s}}
workers: {{claim_lease: 2s, heartbeat: 1s}}
web: {{base_url: "{BASE_URL}"}}
sources:
{feeds}
notifiers:
{listed}
"""


class CrashRig:
    """A newsroom, the channels' servers and a config on ``url``; ``trial()`` runs and counts one trial."""

    def __init__(
        self,
        url: str,
        workdir: Path,
        *,
        command: str,
        stories: int = 4,
        rng: random.Random | None = None,
        delay: float = 0.15,
        horizon: float = 3.0,
        migrate_first: bool = True,
    ) -> None:
        if command not in ("check", "run"):
            raise ValueError("command is check or run")
        self.url, self.workdir, self.command = url, workdir, command
        self.rng = rng or random.Random()
        self.migrate_first = migrate_first  # False: the first process migrates (and may be killed doing it)
        self.horizon = horizon  # timed kills land within this many seconds of a start (check: its last run's length)
        self.rooms = Newsrooms(hosts=1, stories=stories)
        self.capture = CaptureServer()
        self.slack = SlackApi(self.capture)
        self.capture.delay = delay
        self.capture.on_request = self._on_request
        self.smtp = SmtpCapture()
        self.smtp.delay = delay
        self.config = workdir / "config.yaml"
        self.engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
        self.process: subprocess.Popen[str] | None = None
        self._armed: int | None = None  # kill when this many more channel POSTs (to ``_target``) have arrived
        self._target = ""  # the path those POSTs go to ("": any channel's)
        self._bot_next = False  # the next in-flight kill waits for a bot Slack post
        self._lock = threading.Lock()
        self._life = 0
        self._life_marks: dict[str, int] = {}  # per channel: messages received when this life began
        self.tally = Tally(database=url.split(":", 1)[0].split("+", 1)[0], command=command)

    def __enter__(self) -> CrashRig:
        self.rooms.start()
        self.capture.start()
        self.smtp.start()
        self.config.write_text(config_text(self.url, self.rooms, self.capture, self.smtp))
        if self.migrate_first:
            Store.open(self.url).close()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop_process()
        self.smtp.stop()
        self.capture.stop()
        self.rooms.stop()
        self.engine.dispose()

    # -- one trial ----------------------------------------------------------------------------------
    def trial(self, *, rounds: int = 3, kills: int = 3, timeout: float = 60.0, bot_first: bool = False) -> Tally:
        """``rounds`` rounds (a baseline, then one edit of every story each), ``kills`` SIGKILLs spread over
        them; returns what was counted. ``bot_first``: the first kill lands in the last round, the moment a bot
        Slack post arrives (so a short trial surely tests the lookup)."""
        # a daemon re-checks stories once per source interval (10 s at least): run's kills land in the edit rounds,
        # where a restart's first pass also keeps the round short (baselines are check's code path too)
        first = 1 if self.command == "run" and rounds > 1 else 0
        plan = Counter(self.rng.randrange(first, rounds) for _ in range(kills - bot_first))
        if bot_first and kills and rounds > 1:
            plan[rounds - 1] += 1
            self._bot_next = True
        carry = 0  # kills a round could not place (its process ended first) move to the next
        for round_ in range(rounds):
            if round_:
                for story in range(len(self.rooms.stories)):
                    self.rooms.edit(0, story, round_)
            if self.command == "check":
                carry = self._check_round(round_, plan[round_] + carry, timeout)
            else:
                self._run_round(round_, plan[round_], timeout)
        self._stop_process()
        self._count(rounds)
        return self.tally

    def _check_round(self, round_: int, kills: int, timeout: float) -> int:
        """``check`` until one run ends by itself, killing up to ``kills`` runs first; returns the kills left."""
        while True:
            process = self._start()
            began = time.monotonic()
            killed = kills > 0 and self._kill_sometime(process, allow_in_flight=round_ > 0)
            if not killed:
                code = self._wait(process, timeout)
                self.horizon = max(1.0, time.monotonic() - began)  # timed kills land within a run's length
                if code not in (0, 1):
                    self.tally.notes.append(f"check exited {code} in round {round_}: {self._tail(process)}")
                if not self._round_done(round_):
                    self.tally.notes.append(f"round {round_}: an uninterrupted check left work undone")
                return kills
            kills -= 1

    def _run_round(self, round_: int, kills: int, timeout: float) -> None:
        if self.process is None:
            self._start()
        for _ in range(kills):
            assert self.process is not None
            if self._kill_sometime(self.process, allow_in_flight=round_ > 0):
                self._start()
        deadline = time.monotonic() + timeout
        while not self._round_done(round_):
            if self.process is not None and self.process.poll() is not None:
                self.tally.notes.append(f"run exited {self.process.returncode}: {self._tail(self.process)}")
                self._start()
            if time.monotonic() > deadline:
                self.tally.notes.append(f"round {round_}: not done within {timeout:g}s")
                return
            time.sleep(0.2)

    # -- processes ----------------------------------------------------------------------------------
    def _start(self) -> subprocess.Popen[str]:
        self._life += 1
        log = self.workdir / f"{self.command}-{self._life}.log"
        args = [sys.executable, "-m", "monitor", "-c", str(self.config), self.command]
        if self.command == "check":
            args.append("--all")
        with self._lock:
            self._life_marks = self._received_counts()
        with log.open("w") as handle:
            process = subprocess.Popen(
                args,
                stdout=subprocess.DEVNULL,
                stderr=handle,
                text=True,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
        process.log = log  # type: ignore[attr-defined]
        self.process = process
        self.tally.runs += 1
        return process

    def _kill_sometime(self, process: subprocess.Popen[str], *, allow_in_flight: bool) -> bool:
        """SIGKILL ``process`` at a random moment (or the moment a channel receives a POST); False if it ended
        first. After a kill, notes what was in flight."""
        bot, self._bot_next = self._bot_next and allow_in_flight, self._bot_next and not allow_in_flight
        in_flight = bot or (allow_in_flight and self.rng.random() < 0.5)
        if in_flight:
            with self._lock:
                self._target = "/api/chat.postMessage" if bot else self.rng.choice(_TARGETS)
                self._armed = self.rng.randint(1, max(1, len(self.rooms.stories) // (1 if self._target else 2)))
            # a restarted process needs a few seconds before it posts (a daemon's next pass up to a source interval,
            # 10 s); no POST by then: killed at that moment
            ended = self._wait(process, 12.0 if bot else self.horizon + 3, kill_at_end=False)
            with self._lock:
                self._bot_next = bot and self._armed is not None  # it never fired: the next kill tries again
                self._armed = None
        else:
            ended = self._wait(process, self.rng.uniform(0.3, self.horizon), kill_at_end=False)
        if ended is not None and process.returncode != -signal.SIGKILL:
            return False  # it finished before the moment came
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait()
        self.tally.kills += 1
        time.sleep(0.3)  # let the servers finish reading what the dead process had sent
        self._note_in_flight()
        return True

    def _on_request(self, request: CapturedRequest) -> None:
        if request.method != "POST":
            return
        with self._lock:
            if self._armed is None or not request.path.startswith(self._target):
                return
            self._armed -= 1
            fire = self._armed <= 0
            if fire:
                self._armed = None
            process = self.process
        if fire and process is not None and process.poll() is None:
            process.send_signal(signal.SIGKILL)

    def _wait(self, process: subprocess.Popen[str], timeout: float, *, kill_at_end: bool = True) -> int | None:
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            if kill_at_end:
                process.kill()
                process.wait()
                self.tally.notes.append(f"{self.command} still running after {timeout:g}s: killed")
            return None

    def _stop_process(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        self._wait(process, 30)  # one that does not stop is killed, and noted

    @staticmethod
    def _tail(process: subprocess.Popen[str]) -> str:
        return process.log.read_text()[-600:]  # type: ignore[attr-defined]

    # -- what the channels received -------------------------------------------------------------------
    def _received(self) -> dict[str, list[tuple[Any, str]]]:
        """Per channel, each message received as (what identifies its alert, its delivery identity)."""
        out: dict[str, list[tuple[Any, str]]] = {name: [] for name in CHANNELS}
        for message in list(self.slack.messages):
            payload = (message.get("metadata") or {}).get("event_payload") or {}
            out["slack-bot"].append((int(payload.get("alert_id", 0)), message["ts"]))
        for request in list(self.capture.requests):
            if request.path == "/hook":
                body = request.json()
                out["webhook"].append((int(body["alert"]["id"]), request.headers.get("x-storywatch-delivery", "")))
            elif request.path == "/incoming":
                found = _LINK.search(request.body.decode("utf-8", "replace"))
                key = tuple(int(n) for n in found.groups()) if found else None
                out["slack-webhook"].append((key, ""))
        for message in list(self.smtp.messages):
            found = _EMAIL_ID.match(str(message["Message-ID"]))
            alert = int(found.group(1)) if found else str(message["X-Storywatch-Dedupe-Key"])
            out["email"].append((alert, str(message["Message-ID"])))
        return out

    def _received_counts(self) -> dict[str, int]:
        return {name: len(items) for name, items in self._received().items()}

    def _note_in_flight(self) -> None:
        """Alerts whose message a channel received during the life just ended and that are still pending."""
        alerts = self._alerts()
        pending = {a["id"] for a in alerts if a["status"] == "pending"}
        by_link = {
            (a["story_id"], a["from_version"], a["to_version"]): a["id"]
            for a in alerts
            if a["notifier"] == "slack-webhook"
        }
        with self._lock:
            marks = dict(self._life_marks)
        for name, items in self._received().items():
            mine = items[marks.get(name, 0) :]
            ids = {by_link.get(key) if name == "slack-webhook" else key for key, _ in mine}
            self.tally.channels[name].in_flight += len(ids & pending)

    # -- the database ---------------------------------------------------------------------------------
    def _alerts(self) -> list[dict[str, Any]]:
        query = text(
            "SELECT a.id, a.notifier, a.status, a.dedupe_key, c.story_id, c.from_version, c.to_version "
            "FROM alerts a JOIN changes c ON c.id = a.change_id"
        )
        try:
            with self.engine.connect() as connection:
                return [dict(row._mapping) for row in connection.execute(query)]
        except DBAPIError:  # killed before its first migration finished: no tables yet
            return []

    def _round_done(self, round_: int) -> bool:
        """Every story has its version for this round and no alert waits."""
        with self.engine.connect() as connection:
            try:
                counts = [n for (n,) in connection.execute(text("SELECT version_count FROM stories"))]
                waiting = connection.execute(text("SELECT count(*) FROM alerts WHERE status <> 'delivered'")).scalar()
            except DBAPIError:  # not created yet: the first process has not migrated
                return False
        return len(counts) == len(self.rooms.stories) and set(counts) == {round_ + 1} and waiting == 0

    def _count(self, rounds: int) -> None:
        tally = self.tally
        stories = len(self.rooms.stories)
        tally.versions = stories * rounds
        with self.engine.connect() as connection:
            rows = connection.execute(text("SELECT story_id, number, body FROM versions ORDER BY story_id, number"))
            stored: dict[int, list[tuple[int, str]]] = defaultdict(list)
            for story_id, number, body in rows:
                stored[story_id].append((number, str(body)))
        for round_ in range(rounds):
            marker = f"(revised {round_})" if round_ else None
            for story_id in range(1, stories + 1):
                have = [
                    n for n, body in stored.get(story_id, []) if (marker in body if marker else "revised" not in body)
                ]
                if not have:
                    tally.lost_versions += 1
                tally.extra_versions += max(0, len(have) - 1)
        alerts = self._alerts()
        tally.alerts = stories * (rounds - 1) * len(CHANNELS)
        delivered = {a["id"] for a in alerts if a["status"] == "delivered"}
        received = self._received()
        by_link = {
            (a["story_id"], a["from_version"], a["to_version"]): a["id"]
            for a in alerts
            if a["notifier"] == "slack-webhook"
        }
        for name, items in received.items():
            mine = {a["id"] for a in alerts if a["notifier"] == name}
            keys = [by_link.get(key) if name == "slack-webhook" else key for key, _ in items]
            counts = Counter(keys)
            identities: dict[Any, set[str]] = defaultdict(set)
            for key, (_, identity) in zip(keys, items, strict=True):
                identities[key].add(identity)
            channel = tally.channels[name]
            channel.copies = len(items)
            channel.alerts = len(set(counts) & mine)
            channel.extra = sum(n - 1 for n in counts.values())
            if name in ("webhook", "email"):
                channel.duplicates = sum(len(ids) - 1 for ids in identities.values())
            else:
                channel.duplicates = channel.extra
            tally.lost_alerts += len(mine - (delivered & set(counts)))
            unknown = set(counts) - mine
            if unknown:
                tally.notes.append(f"{name}: messages for no alert of this trial: {sorted(map(str, unknown))[:5]}")
        tally.lost_alerts += max(0, tally.alerts - len(alerts))  # changes whose alerts were never queued
        tally.integrity = integrity_problems(self.engine)


def _incoming_by_link(alerts: list[dict[str, Any]]) -> dict[tuple[int, int, int], int]:
    """The incoming webhook's alerts by what their message links: (story, from version, to version)."""
    return {
        (a["story_id"], a["from_version"], a["to_version"]): a["id"] for a in alerts if a["notifier"] == "slack-webhook"
    }


def integrity_problems(engine: Any) -> list[str]:
    """What is wrong with the database: SQLite's own checks, then consistency every database must keep."""
    problems: list[str] = []
    queries = {
        "version numbers with gaps or repeats": "SELECT story_id FROM versions GROUP BY story_id "
        "HAVING count(*) <> max(number) OR count(DISTINCT number) <> count(*) OR min(number) <> 1",
        "stories whose version count is wrong": "SELECT s.id FROM stories s LEFT JOIN versions v ON v.story_id = s.id "
        "GROUP BY s.id, s.version_count HAVING count(v.id) <> s.version_count",
        "changes between versions that do not exist": "SELECT c.id FROM changes c WHERE NOT EXISTS (SELECT 1 FROM "
        "versions v WHERE v.story_id = c.story_id AND v.number = c.to_version) OR NOT EXISTS (SELECT 1 FROM versions "
        "v WHERE v.story_id = c.story_id AND v.number = c.from_version)",
        "versions after the first without a change": "SELECT v.id FROM versions v WHERE v.number > 1 AND NOT EXISTS "
        "(SELECT 1 FROM changes c WHERE c.story_id = v.story_id AND c.to_version = v.number)",
        "changes recorded twice": "SELECT story_id, to_version FROM changes GROUP BY story_id, to_version "
        "HAVING count(*) > 1",
        "alerts without their change": "SELECT a.id FROM alerts a WHERE a.change_id IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM changes c WHERE c.id = a.change_id)",
        "alerts delivered without a time, or with an attempt still open": "SELECT id FROM alerts WHERE "
        "status = 'delivered' AND (delivered_at IS NULL OR attempt_started_at IS NOT NULL)",
    }
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            verdict = [row[0] for row in connection.execute(text("PRAGMA integrity_check"))]
            if verdict != ["ok"]:
                problems.append(f"integrity_check: {verdict[:3]}")
            broken = list(connection.execute(text("PRAGMA foreign_key_check")))
            if broken:
                problems.append(f"foreign_key_check: {len(broken)} rows")
        for what, query in queries.items():
            found = list(connection.execute(text(query)))
            if found:
                problems.append(f"{what}: {len(found)}")
    return problems


def table(tallies: list[Tally]) -> str:
    """One line per database × command × channel: kills, lost versions, lost alerts, duplicates and copies."""
    head = f"{'database':<10} {'command':<7} {'channel':<13} {'kills':>5} {'lost ver':>8} {'lost al':>7} "
    head += f"{'dupes':>5} {'extra':>5} {'in flight':>9} {'copies':>6}"
    lines = [head, "-" * len(head)]
    for t in tallies:
        for name in CHANNELS:
            c = t.channels[name]
            lines.append(
                f"{t.database:<10} {t.command:<7} {name:<13} {t.kills:>5} {t.lost_versions:>8} {t.lost_alerts:>7} "
                f"{c.duplicates:>5} {c.extra:>5} {c.in_flight:>9} {c.copies:>6}"
            )
    return "\n".join(lines)

"""Benchmark: `storywatch` killed with SIGKILL at random moments, many times, on SQLite and PostgreSQL.

    PYTHONPATH=. .venv/bin/python bench/bench_crash.py [--kills 52] [--stories 6] [--rounds 4] [--seed 2026]

The long version of ``tests/test_crash.py`` (the rig is ``tests/crash_rig.py``): for each database × command
(``check --all`` again and again, or one ``run`` daemon restarted after each kill), a fresh database (a SQLite
file; a PostgreSQL database created on the local server and dropped at the end) that the first process
migrates, a newsroom whose stories all change each round, and four channels behind slow servers: Slack with a
bot token (the capture server posing as the Web API), a webhook, email (aiosmtpd) and a Slack incoming
webhook. ``--kills`` are spread over the four combinations, half of them the moment a channel receives a POST.

Prints one table row per database × command × channel: kills, lost versions, lost alerts, duplicates (bot
Slack: an alert posted twice; webhook: an alert under two delivery ids; email: under two Message-IDs; incoming
webhook: every extra copy), extra copies, how many were in flight at a kill (the exact number of extra copies
a channel that cannot check must show), and copies received. The target: 0 lost versions, 0 lost alerts, 0
duplicates for bot Slack, webhook and email, and incoming-webhook extra copies equal to the in-flight count.
Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.crash_rig import CrashRig, Tally, table  # noqa: E402

ADMIN = os.environ.get("STORYWATCH_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


@contextmanager
def database(kind: str, workdir: Path) -> Iterator[str]:
    """A fresh database's URL: a SQLite file in ``workdir``, or a PostgreSQL database dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{workdir / 'crash.db'}"
        return
    name = f"storywatch_crash_{secrets.token_hex(3)}"
    with psycopg.connect(ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield ADMIN.replace("postgresql://", "postgresql+psycopg://").rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def combination(kind: str, command: str, kills: int, args: argparse.Namespace, rng: random.Random) -> Tally:
    """Trials of one database × command until ``kills`` kills have landed."""
    total = Tally(database="postgresql" if kind == "postgres" else "sqlite", command=command)
    first = True
    while total.kills < kills:
        with tempfile.TemporaryDirectory() as tmp, database(kind, Path(tmp)) as url:
            rig = CrashRig(
                url, Path(tmp), command=command, stories=args.stories, rng=rng, delay=args.delay, migrate_first=False
            )
            with rig:
                tally = rig.trial(rounds=args.rounds, kills=kills - total.kills)
        total.add(tally)
        if not first and tally.kills == 0:
            total.notes.append("a trial placed no kill: stopped short")
            break
        first = False
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=52, help="kills in all, spread over the four combinations")
    parser.add_argument("--stories", type=int, default=6, help="stories in the newsroom (each edited every round)")
    parser.add_argument("--rounds", type=int, default=4, help="rounds per trial: a baseline, then edits")
    parser.add_argument("--delay", type=float, default=0.15, help="seconds each channel takes to answer")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--commands", default="check,run")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    combos = [(d, c) for d in args.databases.split(",") for c in args.commands.split(",")]
    each = -(-args.kills // len(combos))
    tallies: list[Tally] = []
    began = time.monotonic()
    for kind, command in combos:
        started = time.monotonic()
        tally = combination(kind, command, each, args, rng)
        tallies.append(tally)
        print(
            f"{tally.database} {command}: {tally.kills} kills over {tally.runs} processes, "
            f"{time.monotonic() - started:.0f}s",
            flush=True,
        )
    print()
    print(table(tallies))
    kills = sum(t.kills for t in tallies)
    print(
        f"\n{kills} kills in {time.monotonic() - began:.0f}s (seed {args.seed}, {args.stories} stories, "
        f"{args.rounds} rounds, channel delay {args.delay:g}s)"
    )
    problems = [f"{t.database} {t.command}: {p}" for t in tallies for p in t.problems()]
    for problem in problems:
        print("MISSED:", problem)
    if not problems:
        print(
            "target met: 0 lost versions, 0 lost alerts, 0 duplicates for bot Slack, webhook (delivery id) and "
            "email (Message-ID); incoming-webhook extra copies = alerts in flight at a kill"
        )
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()

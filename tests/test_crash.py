"""SIGKILL at random moments while changed stories are checked and alerted: nothing lost, nothing doubled that
a channel lets us avoid, the database whole — on SQLite and PostgreSQL, for `check` and `run`.

A few seeded kills per combination (``tests.crash_rig`` does the work; ``bench/bench_crash.py`` runs the long
version). Incoming webhooks cannot be checked: their extra copies must equal, exactly, the kills that caught one
of their alerts received and not yet recorded. The first kill of each trial lands the moment a bot Slack post
arrives, so every combination tests the lookup that keeps bot Slack free of duplicates.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.crash_rig import CrashRig, table

KILLS = 2  # per combination: 8 in all (bench/bench_crash.py kills 52 times)


@pytest.mark.parametrize("command", ["check", "run"])
@pytest.mark.parametrize("database", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_sigkill_at_random_moments_loses_nothing_and_doubles_nothing(
    tmp_path: Path, request: pytest.FixtureRequest, database: str, command: str
) -> None:
    url = f"sqlite:///{tmp_path / 'crash.db'}" if database == "sqlite" else request.getfixturevalue("clean_pg_url")
    seed = {"check": 13, "run": 31}[command] + (database == "postgres")
    with CrashRig(url, tmp_path, command=command, stories=3, delay=0.1, rng=random.Random(seed)) as rig:
        tally = rig.trial(rounds=2, kills=KILLS, bot_first=True)
    print(table([tally]))
    assert tally.kills >= 1, "no kill landed: the trial tested nothing"
    assert tally.channels["slack-bot"].in_flight >= 1, "no bot post was in flight at a kill: the lookup went untested"
    assert tally.problems() == [], table([tally])
    assert all(channel.alerts == tally.alerts // len(tally.channels) for channel in tally.channels.values()), table(
        [tally]
    )

"""The ``storywatch`` command: one file per command group, each a thin shell over the library.

    base.py      the group, its context (config, app), output and exit codes — imported by every other file
    setup.py     init, demo, config check
    daemon.py    run, check, status
    review.py    stories, history, diff, show (their data: ``monitor.read_model``, shared with the web view)
    extract.py   extract, reextract
    notify.py    notify test | status | retry
    db.py        db upgrade | backup | stats | prune
    web.py       serve
    tables.py    what people see: each listing as a grid, and short summaries
    grid.py      a grid: a table that fits the terminal, or tab-separated records when stdout is not one
    diff_page.py the side-by-side HTML page of `diff --side-by-side --format html`

Only this file imports the command files (they import ``base`` and ``tables``, never each other), so there
is no import circle.
"""

from __future__ import annotations

from monitor.cli import daemon, db, extract, notify, review, setup, web
from monitor.cli.base import FAILED, OK, USAGE, cli

__all__ = ["FAILED", "OK", "USAGE", "cli", "main"]

for command in (
    setup.init,
    setup.demo,
    daemon.run,
    daemon.check,
    daemon.status,
    review.stories,
    review.history,
    review.diff,
    review.show,
    extract.extract,
    extract.reextract,
    notify.notify,
    setup.config_group,
    db.db,
    web.serve,
):
    cli.add_command(command)


def main() -> None:
    try:
        cli(prog_name="storywatch")
    except Exception as exc:  # the last line of defence: a readable error, never a traceback or a secret
        from monitor.cli.base import crash

        crash(exc)

"""The ``storywatch`` command: one file per command group, each a thin shell over the library.

    group.py     the group, its global options and the table of commands (each imported when it runs)
    base.py      what every command shares: its context (config, store), output and exit codes
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

Only ``group.py`` names the command files, and it imports one when its command is looked up (they import
``base`` and ``tables``, never each other), so there is no import circle, and a command loads only what it
uses: ``storywatch --version`` imports click and nothing else of ours.
"""

from __future__ import annotations

from monitor.cli.group import cli

__all__ = ["cli", "main"]


def main() -> None:
    try:
        cli(prog_name="storywatch")
    except Exception as exc:  # the last line of defence: a readable error, never a traceback or a secret
        from monitor.cli.base import crash

        crash(exc)

"""The ``storywatch`` group: its global options and the table of commands, each imported when it is run.

Nothing here imports more than click, so ``storywatch --version`` (and every command) starts without paying
for the others: a command's module, and what it imports, load only when that command is looked up.
"""

from __future__ import annotations

import importlib
import logging

import click

from monitor import __version__

# command name → "module:attribute" under monitor.cli (``--help`` and the docs test load them all)
COMMANDS = {
    "init": "setup:init",
    "demo": "setup:demo",
    "config": "setup:config_group",
    "run": "daemon:run",
    "check": "daemon:check",
    "status": "daemon:status",
    "stories": "review:stories",
    "history": "review:history",
    "diff": "review:diff",
    "show": "review:show",
    "extract": "extract:extract",
    "reextract": "extract:reextract",
    "notify": "notify:notify",
    "db": "db:db",
    "serve": "web:serve",
}


class LazyGroup(click.Group):
    """A group whose commands are named in ``COMMANDS`` and imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, attribute = COMMANDS[cmd_name].split(":")
            command = getattr(importlib.import_module(f"monitor.cli.{module}"), attribute)
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-c", "--config", metavar="CONFIG", help="config file (default: $STORYWATCH_CONFIG, then ./config.yaml)")
@click.option("-v", "--verbose", count=True, help="log more (-v: info, -vv: debug)")
@click.option(
    "--log-format",
    type=click.Choice(["text", "json"]),
    default="text",
    help="json: one object per line (time, level, logger, event, story/source) for log shippers",
)
@click.version_option(__version__, prog_name="storywatch")
@click.pass_context
def cli(ctx: click.Context, config: str | None, verbose: int, log_format: str) -> None:
    """storywatch: watch published news stories and tell editors what changed."""
    from monitor import logs
    from monitor.cli.base import Context

    logs.setup(logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG, log_format)
    ctx.obj = Context(config)

"""What every command shares: its context (config, app), output and exit codes (the group: ``group.py``).

Exit codes: 0 ok; 1 a source or delivery failed (or the database is unreachable); 2 usage or config error.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import Any, NoReturn

import click
from rich.console import Console
from rich.markup import escape

from monitor import logs
from monitor.config import Settings, load_config
from monitor.errors import ConfigError, NotifierError, SchemaError, StorywatchError
from monitor.models import Story

OK, FAILED, USAGE = 0, 1, 2
# no emoji codes (":x:" in a headline stays text) and no highlighting: page text is shown as written
out = Console(highlight=False, soft_wrap=True, emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def _dump(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _dump_array(items: Iterable[Any]) -> None:
    """The JSON array of ``items`` as ``_dump`` prints a list, written as the items come."""
    from monitor.cli.grid import write_text
    from monitor.json_array import json_array

    pieces = json_array(items, lambda item: json.dumps(item, ensure_ascii=False, indent=2), indent=2)
    write_text(chain(pieces, ["\n"]))


def _fail(message: str, code: int = USAGE) -> NoReturn:
    err.print("[red]error:[/red] " + escape(message), markup=True, highlight=False)
    sys.exit(code)


class Context:
    """Lazily loads the config and opens the app, so `init`, `demo` and `extract FILE` need neither."""

    def __init__(self, config: str | None) -> None:
        self.config_path = Path(config or os.environ.get("STORYWATCH_CONFIG") or "config.yaml")
        self._settings: dict[bool, Settings] = {}

    @property
    def settings(self) -> Settings:
        """The config, with every ${VAR} required (commands that fetch or deliver)."""
        return self.load(require_env=True)

    def load(self, *, require_env: bool) -> Settings:
        if require_env not in self._settings:
            try:
                settings = load_config(self.config_path, require_env=require_env)
            except ConfigError as exc:
                _fail(str(exc))
            logs.protect(settings.secrets)
            self._settings[require_env] = settings
        return self._settings[require_env]

    @contextmanager
    def app(self, *, readonly: bool = False, migrate: Any = None) -> Iterator[Any]:
        """The opened app. ``readonly`` commands get a ``Reader`` (the config and the store, nothing that fetches
        or delivers): they need no notifier secret and never create a database; what the others may do to the
        schema is ``migrate`` (``storage.migrate.Migrate``; default: create a new one)."""
        from monitor.app import App, Reader

        settings = self.load(require_env=not readonly)
        if readonly or migrate is False:
            _require_database(settings.storage.url)
        try:
            app = Reader.open(settings) if readonly else App.open(settings, migrate=migrate)
        except (NotifierError, ConfigError, SchemaError) as exc:
            _fail(str(exc))
        except StorywatchError as exc:
            _fail(f"{exc}", FAILED)
        try:
            yield app
        finally:
            app.close()


def _require_database(url: str) -> None:
    """A read-only command on a SQLite file that does not exist is a typo or a fresh install: say so."""
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        path = Path(url.removeprefix("sqlite:///"))
        if not path.exists():
            _fail(f"no database at {path} yet: run `storywatch check` (or `run`) first, or fix storage.url")


def crash(exc: BaseException) -> NoReturn:
    """An error no command handled: one readable line (secrets redacted, no SQL parameters), exit 1.

    With ``-vv`` the traceback follows, redacted too, for a bug report."""
    from sqlalchemy.exc import SQLAlchemyError

    from monitor.redaction import redact
    from storage.engine import describe_error

    if isinstance(exc, StorywatchError):
        message = str(exc)
    elif isinstance(exc, SQLAlchemyError):
        message = f"database error: {describe_error(exc)} (nothing half-written: each change is one transaction)"
    elif isinstance(exc, OSError):
        message = f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else "")
    else:
        message = f"unexpected {type(exc).__name__}: {exc} (a bug in storywatch; -vv shows where)"
    secrets = logs.protected()
    err.print("[red]error:[/red] " + escape(redact(message, secrets)), markup=True, highlight=False)
    if logging.getLogger().isEnabledFor(logging.DEBUG):
        import traceback

        err.print(redact("".join(traceback.format_exception(exc)), secrets), markup=False, highlight=False)
    sys.exit(FAILED)


def story_or_fail(app: Any, ref: str) -> Story:
    """The story ``ref`` names (an id or a URL), or exit 2 saying there is none."""
    from monitor.read_model import ReadError, find_story

    try:
        return find_story(app.store, ref)
    except ReadError as exc:
        _fail(str(exc))


pass_ctx = click.make_pass_decorator(Context)

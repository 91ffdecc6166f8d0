"""The ``storywatch`` command: parse, call the library, print (tables for people, ``--json`` for scripts).

Exit codes: 0 ok; 1 a source or delivery failed (or the database is unreachable); 2 usage or config error.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext, redirect_stdout
from pathlib import Path
from typing import Any, NoReturn

import click
from rich.console import Console
from rich.markup import escape

from monitor import __version__, logs, views
from monitor.config import Settings, load_config
from monitor.errors import ConfigError, ExtractionError, NotifierError, StorywatchError
from monitor.models import utcnow

OK, FAILED, USAGE = 0, 1, 2
# no emoji codes (":x:" in a headline stays text) and no highlighting: page text is shown as written
out = Console(highlight=False, soft_wrap=True, emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def _dump(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


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
    def app(self, *, readonly: bool = False) -> Iterator[Any]:
        """The opened app. ``readonly`` commands need no notifier secret and never create a database."""
        from monitor.app import App

        settings = self.load(require_env=not readonly)
        if readonly:
            _require_database(settings.storage.url)
        try:
            app = App.open(settings, deliver=not readonly)
        except (NotifierError, ConfigError) as exc:
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


pass_ctx = click.make_pass_decorator(Context)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-c", "--config", metavar="CONFIG", help="config file (default: $STORYWATCH_CONFIG, then ./config.yaml)")
@click.option("-v", "--verbose", count=True, help="log more (-v: info, -vv: debug)")
@click.version_option(__version__, prog_name="storywatch")
@click.pass_context
def cli(ctx: click.Context, config: str | None, verbose: int) -> None:
    """storywatch: watch published news stories and tell editors what changed."""
    logs.setup(logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG)
    ctx.obj = Context(config)


@cli.command()
@click.argument("path", default="config.yaml", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="overwrite an existing file")
def init(path: str, force: bool) -> None:
    """Write a commented starter config.yaml."""
    from importlib.resources import files

    target = Path(path)
    if target.exists() and not force:
        _fail(f"{target} already exists (use --force to overwrite it)")
    if not target.parent.is_dir():
        _fail(f"{target.parent} is not a directory (create it first, or give another PATH)")
    try:
        target.write_text(
            files("monitor").joinpath("starter_config.yaml").read_text(encoding="utf-8"), encoding="utf-8"
        )
    except OSError as exc:
        _fail(f"cannot write {target}: {exc.strerror or exc}")
    out.print(f"wrote {target}; edit its sources and notifiers, then run `storywatch -c {target} config check`")


@cli.command()
@click.option("--keep/--no-keep", default=True, help="keep the demo's database to explore afterwards")
def demo(keep: bool) -> None:
    """Offline demo: a local newsroom whose story gets updated; alerts on the console."""
    from monitor.demo.run import run_demo

    sys.exit(run_demo(out, keep=keep))


@cli.command()
@pass_ctx
def run(ctx: Context) -> None:
    """The daemon: checks every source on its schedule and delivers alerts until SIGINT/SIGTERM."""
    from monitor.scheduler import Daemon, DaemonRunning

    if logging.getLogger().level > logging.INFO:
        logs.setup(logging.INFO)
    with ctx.app() as app:
        try:
            Daemon(app).run()
        except DaemonRunning as exc:
            _fail(str(exc), USAGE)


@cli.command()
@click.option("--all", "all_", is_flag=True, help="check every source and every tracked story, due or not")
@click.option("--source", "source_name", metavar="NAME", help="only this source")
@click.option("--json", "as_json", is_flag=True, help="print the outcomes as JSON")
@pass_ctx
def check(ctx: Context, all_: bool, source_name: str | None, as_json: bool) -> None:
    """Check now: every source, the stories it lists and the due ones; deliver alerts; exit."""
    sources = None
    if source_name:
        source = ctx.settings.source(source_name)
        if source is None:
            known = ", ".join(s.name for s in ctx.settings.sources) or "none configured"
            _fail(f"no source named {source_name!r} (sources: {known})")
        sources = [source]
    with ctx.app() as app:
        progress = views.check_progress(app.pipeline, err) if err.is_terminal and not as_json else nullcontext()
        with progress:
            outcomes = app.pipeline.run_pass(sources=sources, all_stories=all_, listed=True)
        # with --json, stdout is for the JSON alone: a console notifier's alerts go to stderr
        with redirect_stdout(sys.stderr) if as_json else nullcontext():
            results = app.outbox.deliver_due()
        delivered = sum(r.ok for _, r in results)
        undelivered = len(results) - delivered
        waiting = sum(row.pending for row in app.store.outbox_status())  # held, failing and not yet due too
        if as_json:
            _dump(
                {
                    "outcomes": [o.to_json() for o in outcomes],
                    "alerts": {"delivered": delivered, "failed": undelivered, "waiting": waiting},
                }
            )
        else:
            out.print(views.outcomes_table(outcomes))
            out.print(views.outcome_summary(outcomes, delivered, undelivered, waiting))
            for alert, result in results:
                if not result.ok:
                    err.print(
                        f"alert {alert.id} via {alert.notifier} failed: {app.redact(result.error or '')}",
                        markup=False,
                    )
    # a story that vanished (404/410) is reported like a failure: someone should look at it
    trouble = any(o.failed or o.status == "removed" for o in outcomes)
    sys.exit(FAILED if trouble or undelivered else OK)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="print the status as JSON")
@pass_ctx
def status(ctx: Context, as_json: bool) -> None:
    """Daemon alive and its last cycle, sources healthy or failing, stories tracked and due, outbox backlog."""
    from monitor.status import gather

    with ctx.app(readonly=True) as app:
        state = gather(app.store, app.settings, utcnow(), redact=app.redact)
    if as_json:
        _dump(state.to_json())
    else:
        views.print_status(out, state)
    sys.exit(OK if state.healthy else FAILED)


@cli.command()
@click.argument("target")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def extract(ctx: Context, target: str, as_json: bool) -> None:
    """What the extractor reads from a page (URL or FILE), without storing anything.

    The pipeline's self-check runs too: a page that looks broken (a consent wall, an error page, no headline)
    is reported, and the exit code is 1, as storywatch would not store it as a version.
    """
    from monitor.config import Settings
    from monitor.extractors import extract as run_extract
    from monitor.extractors import unreadable
    from monitor.extractors.checks import assess
    from monitor.extractors.sites import site_rules

    if not target.strip():
        _fail("extract needs a page: give an http(s) URL or an HTML file (got an empty argument)")
    settings = ctx.load(require_env=False) if ctx.config_path.exists() else Settings()
    if target.startswith(("http://", "https://")):
        from monitor.fetch import Fetcher

        with Fetcher(settings.fetch) as fetcher:
            result = fetcher.get(target)
        if not result.ok:
            _fail(f"{target}: {result.error}", FAILED)
        content, url, encoding = result.content, result.final_url, result.encoding
    else:
        path = Path(target)
        if path.is_dir():
            _fail(f"{target}: is a directory (give an HTML file or an http(s) URL)")
        if not path.is_file():
            _fail(f"{target}: no such file (give a file path or an http(s) URL)")
        content, url, encoding = path.read_bytes(), path.resolve().as_uri(), None
    try:
        article = run_extract(content, url, encoding=encoding, rules=site_rules(settings.sites))
    except ExtractionError as exc:
        if not as_json:
            _fail(f"{target}: {exc}", FAILED)
        article, problem = unreadable(url), str(exc)  # --json: the contract shape, empty, and the reason
    else:
        problem = assess(article, None)
    if as_json:
        _dump({**article.to_json(), "problem": problem})
    else:
        views.print_article(out, article.to_json())
        if problem:
            out.print(
                f"[bold red]looks broken:[/bold red] {escape(problem)} — storywatch would not store this as a version"
            )
    sys.exit(FAILED if problem else OK)


@cli.group("config")
def config_group() -> None:
    """Validate the configuration."""


@config_group.command("check")
@pass_ctx
def config_check(ctx: Context) -> None:
    """Validate config.yaml; print every error with its YAML path."""
    try:
        settings = load_config(ctx.config_path)
    except ConfigError as exc:
        err.print(str(exc), markup=False)
        sys.exit(USAGE)
    out.print(
        f"{ctx.config_path}: ok — {len(settings.sources)} source(s), {len(settings.notifiers)} notifier(s), "
        f"storage {settings.storage.url.split('://', 1)[0]}"
    )


def main() -> None:
    cli(prog_name="storywatch")


# the review and notify commands join the group when their modules load
from monitor import cli_maintain, cli_notify, cli_review  # noqa: E402, F401

"""Running: `run` (the daemon), `check` (one pass now) and `status` (health at a glance)."""

from __future__ import annotations

import sys
from contextlib import nullcontext, redirect_stdout
from typing import Any

import click

from monitor.cli import tables
from monitor.cli.base import FAILED, OK, USAGE, Context, _dump, _fail, err, out, pass_ctx
from monitor.cli.grid import emit, summary
from monitor.config import listen_problem
from monitor.errors import StoreError
from monitor.models import utcnow


@click.command()
@click.option("--metrics", "metrics", metavar="HOST:PORT", help="also answer /healthz and /metrics here")
@pass_ctx
def run(ctx: Context, metrics: str | None) -> None:
    """The daemon: checks every source on its schedule and delivers alerts until SIGINT/SIGTERM.

    An older database schema stops it (exit 2) unless storage.upgrade_on_start is true; a new database is created.
    Quiet by default: stderr gets warnings and errors only (a source or story failing, a delivery retried or
    given up); -v adds one line per pass, change and delivery, -vv every request.
    """
    from monitor.scheduler import Daemon, DaemonRunning

    if metrics is not None and (problem := listen_problem(metrics.strip())):
        _fail(f"--metrics: {problem}")
    # an older schema is upgraded here only when storage.upgrade_on_start says so; a new database is created
    with ctx.app(migrate=True if ctx.settings.storage.upgrade_on_start else "new") as app:
        ops = _ops_server(app, metrics.strip()) if metrics else None
        try:
            Daemon(app).run()
        except DaemonRunning as exc:
            _fail(str(exc), USAGE)
        finally:
            if ops is not None:
                ops.close()


def _ops_server(app: Any, listen: str) -> Any:
    """/healthz and /metrics beside the daemon, for installs without the web view."""
    from monitor.web.server import bound_url, make_server, serve_in_background

    host, port = listen.rsplit(":", 1)
    try:
        server = make_server(app.settings, app.store, host.strip("[]"), int(port), ops_only=True)
    except OSError as exc:
        _fail(f"--metrics: cannot listen on {listen}: {exc.strerror or exc}", FAILED)
    serve_in_background(server)
    err.print(f"metrics and health on {bound_url(server)}metrics and {bound_url(server)}healthz", markup=False)
    return server


@click.command()
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
        progress = tables.check_progress(app.pipeline, err) if err.is_terminal and not as_json else nullcontext()
        problems: list[str] = []  # a database failure stops the step it hit, never the whole command
        outcomes: list = []
        try:
            with progress:
                outcomes = app.pipeline.run_pass(sources=sources, all_stories=all_, listed=True)
        except StoreError as exc:
            problems.append(f"the pass stopped: {app.redact(str(exc))} (what it had found is stored)")
        results: list = []
        waiting = 0
        try:
            from monitor.status import running_daemon

            daemon = running_daemon(app.store, utcnow())
            if daemon is not None:  # it delivers them: two senders could send one alert twice
                err.print(f"alerts left to the running daemon ({daemon.owner}) to deliver", markup=False)
            # with --json or in a pipe, stdout is for the JSON or the records alone: a console notifier's
            # alerts go to stderr
            with redirect_stdout(sys.stderr) if as_json or not out.is_terminal else nullcontext():
                results = app.outbox.drain() if daemon is None else []  # every due alert, not one batch
            waiting = sum(row.pending for row in app.store.outbox_status())  # held, failing and not yet due
            app.housekeeping()  # retention of raw pages, after the work
        except StoreError as exc:
            problems.append(f"delivery stopped: {app.redact(str(exc))} (undelivered alerts wait in the outbox)")
        delivered = sum(r.ok for _, r in results)
        undelivered = len(results) - delivered
        if as_json:
            _dump(
                {
                    "outcomes": [o.to_json() for o in outcomes],
                    "alerts": {"delivered": delivered, "failed": undelivered, "waiting": waiting},
                    "problems": problems,
                }
            )
        else:
            emit(out, tables.outcomes_table(outcomes))
            summary(out, tables.outcome_summary(outcomes, delivered, undelivered, waiting))
            for alert, result in results:
                if not result.ok:
                    err.print(
                        f"alert {alert.id} via {alert.notifier} failed: {app.redact(result.error or '')}",
                        markup=False,
                    )
    for problem in problems:
        err.print(f"error: {problem}", markup=False)
    # a story that vanished (404/410) is reported like a failure: someone should look at it
    trouble = bool(problems) or any(o.failed or o.status == "removed" for o in outcomes)
    sys.exit(FAILED if trouble or undelivered else OK)


@click.command()
@click.option(
    "--daemon/--no-daemon",
    "daemon",
    default=None,
    help="a daemon must be running (default: once one has run on this database); "
    "--no-daemon for installs that run `check` from cron",
)
@click.option("--json", "as_json", is_flag=True, help="print the status as JSON")
@pass_ctx
def status(ctx: Context, daemon: bool | None, as_json: bool) -> None:
    """Daemon alive and its last cycle, sources healthy or failing, stories tracked and due, outbox backlog.

    Exit 1 when something needs fixing: a source failing, alerts dead, or the daemon not running once one has
    run on this database (crashed, killed or stopped).
    """
    from monitor.status import gather

    with ctx.app(readonly=True) as app:
        state = gather(app.store, app.settings, utcnow(), redact=app.redact, daemon=daemon)
    if as_json:
        _dump(state.to_json())
    else:
        tables.print_status(out, state)
    sys.exit(OK if state.healthy else FAILED)

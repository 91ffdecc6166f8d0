"""`storywatch serve`: the web view and its JSON API (read-only; see ``monitor.web``)."""

from __future__ import annotations

import sys

import click

from monitor.cli.base import FAILED, USAGE, Context, _fail, _require_database, err, pass_ctx


@click.command()
@click.option("--listen", metavar="HOST:PORT", help="where to listen (default: web.listen, 127.0.0.1:8080)")
@pass_ctx
def serve(ctx: Context, listen: str | None) -> None:
    """The web view every alert links to: recent changes, story timelines, diffs, an Atom feed; read-only."""
    from monitor.config import listen_problem
    from monitor.errors import StoreError
    from storage.store import Store

    settings = ctx.load(require_env=False)  # notifier secrets are not needed to show the database
    if settings.web.token_unset:
        _fail("web.token: its environment variable is not set; export it (or remove web.token to serve openly)")
    address = (listen or settings.web.listen).strip()
    problem = listen_problem(address)
    if problem:
        _fail(f"--listen: {problem}")
    host, port = address.rsplit(":", 1)
    upgrade = settings.storage.upgrade_on_start  # else it never changes the schema under a daemon
    if not upgrade:
        _require_database(settings.storage.url)
    try:
        store = Store.open(settings.storage.url, migrate=upgrade, max_connections=settings.storage.max_connections)
    except StoreError as exc:
        _fail(str(exc), USAGE if "schema" in str(exc) else FAILED)
    from monitor.web.server import bound_url, make_server, serve_forever

    try:
        server = make_server(settings, store, host.strip("[]"), int(port))
    except OSError as exc:
        store.close()
        _fail(f"cannot listen on {address}: {exc.strerror or exc}", FAILED)
    guarded = "token required" if settings.web.token else "no token: anyone who can reach it can read it"
    err.print(f"storywatch web view on {bound_url(server)} ({guarded}); Ctrl-C stops it", markup=False)
    sys.stderr.flush()
    serve_forever(server, on_stop=store.close)

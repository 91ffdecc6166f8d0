"""The database on purpose: `db upgrade` (the only command that changes an existing schema), `db backup`,
`db stats` and `db prune`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from monitor.cli.base import FAILED, USAGE, Context, _dump, _fail, _require_database, out, pass_ctx


@click.group("db")
def db() -> None:
    """Upgrade, back up, measure and prune the database."""


@db.command("upgrade")
@pass_ctx
def db_upgrade(ctx: Context) -> None:
    """Apply the schema migrations this storywatch brings (back the database up first)."""
    from monitor.errors import SchemaError, StoreError
    from storage.engine import redact
    from storage.migrate import upgrade_database

    url = ctx.load(require_env=False).storage.url
    try:
        before, after = upgrade_database(url)
    except SchemaError as exc:
        _fail(str(exc))
    except StoreError as exc:
        _fail(str(exc), FAILED)
    where = redact(url)
    if before == after:
        out.print(f"{where}: already at schema {after}; nothing to do", markup=False)
    else:
        out.print(f"{where}: upgraded from schema {before or '(new database)'} to {after}", markup=False)


def _open_store(ctx: Context, migrate: Any = False) -> Any:
    from monitor.errors import SchemaError, StoreError
    from storage.store import Store

    url = ctx.load(require_env=False).storage.url
    _require_database(url)
    try:
        return Store.open(url, migrate=migrate)
    except SchemaError as exc:
        _fail(str(exc))
    except StoreError as exc:
        _fail(str(exc), FAILED)


@db.command("backup")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="overwrite an existing file")
@pass_ctx
def db_backup(ctx: Context, path: str, force: bool) -> None:
    """A consistent copy of the SQLite database, safe while the daemon runs (PostgreSQL: use pg_dump).

    It copies a database at any schema, so the backup before `db upgrade` can be taken with the new storywatch."""
    from monitor.errors import StoreError

    target = Path(path)
    if target.exists() and not force:
        _fail(f"{target} already exists (use --force to overwrite it)")
    if not target.parent.is_dir():
        _fail(f"{target.parent} is not a directory (create it first, or give another PATH)")
    store = _open_store(ctx, "as-is")  # any schema: the copy before `db upgrade` is the one that matters
    try:
        if target.exists():
            target.unlink()
        store.backup_to(target)
    except StoreError as exc:
        _fail(str(exc), USAGE if "pg_dump" in str(exc) else FAILED)
    finally:
        store.close()
    out.print(
        f"backed up to {target} ({target.stat().st_size:,} bytes); "
        "to restore, stop storywatch and copy it over the database file",
        markup=False,
    )


@db.command("stats")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def db_stats(ctx: Context, as_json: bool) -> None:
    """What the database holds: its size, rows per table, the raw pages kept and the oldest of them."""
    from monitor.models import iso
    from storage.maintenance_store import describe_size

    store = _open_store(ctx)
    try:
        stats = store.stats()
    finally:
        store.close()
    if as_json:
        _dump(
            {
                "backend": stats.backend,
                "size_bytes": stats.size_bytes,
                "rows": stats.rows,
                "raw_pages": stats.raw_pages,
                "oldest_raw_page": iso(stats.oldest_raw_page),
            }
        )
        return
    out.print(f"{stats.backend} database, {describe_size(stats.size_bytes)}", markup=False)
    for table, count in stats.rows.items():
        out.print(f"  {table:<16} {count:>10,} rows", markup=False)
    oldest = iso(stats.oldest_raw_page) or "none"
    out.print(f"raw pages kept: {stats.raw_pages:,} (oldest seen {oldest})", markup=False)


@db.command("prune")
@click.option("--before", metavar="DATE", help="also delete versions and changes seen before DATE (YYYY-MM-DD)")
@click.option("--yes", is_flag=True, help="with --before: do it without asking")
@pass_ctx
def db_prune(ctx: Context, before: str | None, yes: bool) -> None:
    """Drop raw pages past storage.keep_raw_pages / keep_raw_for; with --before, old versions and changes too."""
    from datetime import UTC, datetime

    from monitor.models import utcnow

    settings = ctx.load(require_env=False)
    cutoff = None
    if before is not None:
        try:
            cutoff = datetime.fromisoformat(before.strip())
        except ValueError:
            _fail(f"--before: {before!r} is not a date (write it as YYYY-MM-DD)")
        cutoff = cutoff.replace(tzinfo=UTC) if cutoff.tzinfo is None else cutoff
        if not yes and not click.confirm(
            f"Delete every version and change seen before {cutoff:%Y-%m-%d %H:%M} UTC (each story keeps its latest)?"
        ):
            _fail("nothing deleted")
    store = _open_store(ctx)
    try:
        keep_for = settings.storage.keep_raw_for
        raw = store.prune_raw_pages(
            keep=settings.storage.keep_raw_pages, seen_before=utcnow() - keep_for if keep_for else None
        )
        pruned = store.prune_before(cutoff) if cutoff is not None else None
    finally:
        store.close()
    line = f"raw pages dropped: {raw}"
    if pruned is not None:
        line += f"; deleted {pruned.versions} version(s), {pruned.changes} change(s), {pruned.checks} check log row(s)"
    out.print(line, markup=False)

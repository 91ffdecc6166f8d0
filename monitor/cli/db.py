"""The database on purpose: `db upgrade` (the only command that changes an existing schema)."""

from __future__ import annotations

import click

from monitor.cli.base import FAILED, Context, _fail, out, pass_ctx


@click.group("db")
def db() -> None:
    """Upgrade the database schema."""


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

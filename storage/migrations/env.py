"""Alembic's entry point for storywatch: migrate the connection that ``storage.migrate`` hands over.

Deliberately no ``fileConfig``: alembic logs through the application's logging set-up, never its own.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from storage.tables import metadata

# any constant works; it keeps two workers from migrating one PostgreSQL database at the same time
PG_MIGRATION_LOCK = 0x5707_3A7C


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("storywatch migrations run through storage.migrate.upgrade(engine), not alembic's CLI")
    is_sqlite = connection.dialect.name == "sqlite"
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=is_sqlite)
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK})
        context.run_migrations()


run_migrations()

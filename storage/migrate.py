"""Bring a database's schema up to date with alembic, run from code (no alembic.ini needed).

``storywatch db upgrade`` runs it (``python -m storage.migrate URL`` too). Only ``db upgrade`` and, when a
database is new, the commands that create it (``check``, ``run``) change a schema: every other command on an
older schema stops and says to upgrade, so a read-only command never migrates a database under a running
daemon. Downgrades are not supported: a schema newer than this storywatch is refused (upgrade storywatch, or
restore the backup taken before the upgrade).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from monitor.errors import SchemaError, StoreError
from storage.engine import redact, writer

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger("storywatch.storage")

MIGRATIONS = Path(__file__).with_name("migrations")
MIGRATE_HINT = "run `storywatch db upgrade` (back the database up first)"
# every revision in storage/migrations/versions, oldest first: opening a store checks the database's revision
# against these without importing alembic (a test keeps this list equal to the migrations directory)
REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007")


def alembic_config() -> Config:
    """An in-memory alembic Config pointing at storage/migrations."""
    from alembic.config import Config

    # alembic says "Context impl SQLiteImpl." at INFO on every open; unless the app set its level, keep it quiet
    if logging.getLogger("alembic").level == logging.NOTSET:
        logging.getLogger("alembic").setLevel(logging.WARNING)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    return config


def head_revision() -> str:
    """The newest schema revision this code knows."""
    return REVISIONS[-1]


MIGRATION_LOCK = 0x5707_0005  # the advisory lock PostgreSQL migrations hold (an arbitrary constant of ours)


def known_revisions() -> set[str]:
    return set(REVISIONS)


def current_revision(engine: Engine) -> str | None:
    """The database's schema revision (alembic's ``alembic_version`` row, read directly); None for a database
    storywatch has never migrated."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.scalar(text("SELECT version_num FROM alembic_version"))


def upgrade(engine: Engine) -> None:
    """Migrate the database to the newest revision; a no-op when it is there already."""
    from alembic import command

    config = alembic_config()
    with writer(engine).begin() as connection:
        if connection.dialect.name == "postgresql":  # workers starting together: one migrates, the others wait
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def prepare(engine: Engine, *, migrate: bool) -> None:
    """Migrate, or (``migrate=False``) check that the schema is current; StoreError says what to do if not."""
    revision = current_revision(engine)
    if revision is not None and revision not in known_revisions():
        raise SchemaError(
            f"database {redact(engine.url)} is at schema {revision}, newer than this storywatch knows "
            f"({head_revision()}): upgrade storywatch (downgrades are not supported)"
        )
    head = head_revision()
    if revision == head:
        return
    if migrate:
        upgrade(engine)
        log.info("database %s migrated from schema %s to %s", redact(engine.url), revision or "(none)", head)
    else:
        state = "has no storywatch schema" if revision is None else f"is at schema {revision}"
        raise SchemaError(f"the database {redact(engine.url)} {state}; this storywatch needs {head}: {MIGRATE_HINT}")


def upgrade_database(url: str) -> tuple[str | None, str]:
    """Migrate the database at ``url`` to the newest schema: (the revision it was at, the one it is at now)."""
    from storage.engine import describe_error, make_engine, scrub

    engine = make_engine(url)
    try:
        before = current_revision(engine)
        prepare(engine, migrate=True)
        return before, head_revision()
    except StoreError:
        raise
    except Exception as exc:  # unreachable server, bad credentials, a file we cannot open, …
        raise StoreError(
            f"cannot upgrade database {redact(engine.url)}: {scrub(describe_error(exc), engine.url)}"
        ) from None
    finally:
        engine.dispose()


def main(argv: list[str]) -> int:
    """``python -m storage.migrate URL``: upgrade the database, print its revision."""
    from storage.store import Store

    if len(argv) != 1:
        print("usage: python -m storage.migrate DATABASE_URL", file=sys.stderr)
        return 2
    try:
        Store.open(argv[0]).close()
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{redact(argv[0])}: schema at revision {head_revision()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Bring a database's schema up to date with alembic, run from code (no alembic.ini needed).

``storywatch db upgrade`` runs it (``python -m storage.migrate URL`` too). Only ``db upgrade`` — and ``run`` and
``serve`` at start when ``storage.upgrade_on_start`` says so — change an existing schema; the commands that fill
a database (``check``, ``run``, the demo) create a brand-new empty one. Every other command on an older schema
stops and says to upgrade, so nothing migrates a database under a still-running older daemon. Downgrades are
not supported: a schema newer than this storywatch is refused (install the newer storywatch, or restore the
backup taken before the upgrade).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from sqlalchemy import Connection, Engine, inspect, text

from monitor.errors import SchemaError, StoreError
from storage.engine import redact, writer
from storage.revisions import REVISIONS, head_revision

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger("storywatch.storage")

MIGRATIONS = Path(__file__).with_name("migrations")
MIGRATE_HINT = "run `storywatch db upgrade`"


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


def upgrade(engine: Engine, *, only_new: bool = False) -> None:
    """Migrate the database to the newest revision; a no-op when it is there already. Tables that are not
    storywatch's (no schema revision) are refused with SchemaError, never added to.

    ``only_new``: create the tables of a brand-new empty database, and refuse one that holds an older schema —
    decided under the migration lock, so a worker never upgrades what another has just created."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    config = alembic_config()
    with writer(engine).begin() as connection:
        if connection.dialect.name == "postgresql":  # workers starting together: one migrates, the others wait
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        revision = MigrationContext.configure(connection).get_current_revision()
        if revision == head_revision():
            return
        if (revision is None and not _empty(connection)) or (only_new and revision is not None):
            raise SchemaError(behind(engine, revision, empty=False))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


Migrate = bool | Literal["new", "as-is"]
"""What opening a database may do to its schema: True migrates an older one (and creates a new one); "new" only
creates a brand-new empty database's tables; False changes nothing and wants the newest schema; "as-is" opens
any schema (``db backup``: a copy changes nothing)."""


def prepare(engine: Engine, *, migrate: Migrate) -> None:
    """Bring the schema where ``migrate`` allows (see :data:`Migrate`); SchemaError says what to do if not."""
    revision = current_revision(engine)
    if migrate == "as-is":
        return
    if revision is not None and revision not in known_revisions():
        raise SchemaError(
            f"the database is at schema {revision}, newer than this storywatch knows (its newest is "
            f"{head_revision()}): install the storywatch that upgraded it, or restore the backup taken before "
            f"the upgrade (downgrades are not supported) [{redact(engine.url)}]"
        )
    head = head_revision()
    if revision == head:
        return
    if migrate is True or migrate == "new":
        upgrade(engine, only_new=migrate == "new")
        level = logging.INFO if revision is None else logging.WARNING  # a schema change is worth a line
        log.log(level, "database %s migrated from schema %s to %s", redact(engine.url), revision or "(none)", head)
    else:
        with engine.connect() as connection:
            raise SchemaError(behind(engine, revision, empty=_empty(connection)))


def behind(engine: Engine, revision: str | None, *, empty: bool) -> str:
    """What to do about a database whose schema is older than this storywatch's (or that has none)."""
    where, head = redact(engine.url), head_revision()
    if revision is not None:
        return (
            f"the database is at schema {revision}; {MIGRATE_HINT} "
            f"(back it up first: this storywatch needs {head}) [{where}]"
        )
    if empty:
        return (
            f"the database has no storywatch schema yet: `storywatch check` or `run` creates it, "
            f"or {MIGRATE_HINT} [{where}]"
        )
    return f"the database holds tables but no storywatch schema: is storage.url the right database? [{where}]"


def _empty(connection: Connection) -> bool:
    return not inspect(connection).get_table_names()


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

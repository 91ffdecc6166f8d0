"""Bring a database's schema up to date with alembic, run from code (no alembic.ini needed).

Also a command: ``python -m storage.migrate URL`` upgrades the database at URL to the newest schema.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from monitor.errors import StoreError
from storage.engine import redact, writer

log = logging.getLogger("storywatch.storage")

# alembic says "Context impl SQLiteImpl." at INFO on every open; unless the app set its level, keep it quiet
if logging.getLogger("alembic").level == logging.NOTSET:
    logging.getLogger("alembic").setLevel(logging.WARNING)

MIGRATIONS = Path(__file__).with_name("migrations")
MIGRATE_HINT = "run `python -m storage.migrate URL`, or open the store with migrations enabled"


def alembic_config() -> Config:
    """An in-memory alembic Config pointing at storage/migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    return config


def head_revision() -> str:
    """The newest schema revision this code knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "storage/migrations/versions holds no revision"
    return head


def known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    """The database's schema revision; None for a database storywatch has never migrated."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Migrate the database to the newest revision; a no-op when it is there already."""
    config = alembic_config()
    with writer(engine).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def prepare(engine: Engine, *, migrate: bool) -> None:
    """Migrate, or (``migrate=False``) check that the schema is current; StoreError says what to do if not."""
    revision = current_revision(engine)
    if revision is not None and revision not in known_revisions():
        raise StoreError(
            f"database {redact(engine.url)} has schema revision {revision!r}, newer than this storywatch "
            "knows: upgrade storywatch"
        )
    head = head_revision()
    if revision == head:
        return
    if migrate:
        upgrade(engine)
        log.info("database %s migrated from schema %s to %s", redact(engine.url), revision or "(none)", head)
    else:
        state = "has no storywatch schema" if revision is None else f"is at schema revision {revision}"
        raise StoreError(f"database {redact(engine.url)} {state}, this storywatch needs {head}: {MIGRATE_HINT}")


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

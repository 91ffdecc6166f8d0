"""Schema changes happen only on purpose: `db upgrade`; read-only commands never migrate and never write."""

from __future__ import annotations

import hashlib
from pathlib import Path

from alembic import command
from click.testing import CliRunner
from sqlalchemy import select

from monitor.cli import cli
from storage.engine import make_engine
from storage.migrate import alembic_config, current_revision, head_revision, writer
from storage.store import Store
from storage.tables import sources

CONFIG = """\
storage:
  url: sqlite:///{db}
sources:
  - {{name: world, feed: "http://127.0.0.1:9/rss.xml"}}
{extra}"""


def _config(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(CONFIG.format(db=tmp_path / "sw.db", extra=extra))
    return path


def _revision(db: Path) -> str | None:
    engine = make_engine(f"sqlite:///{db}")
    try:
        return current_revision(engine)
    finally:
        engine.dispose()


def _downgrade(db: Path, to: str) -> None:
    engine = make_engine(f"sqlite:///{db}")
    config = alembic_config()
    with writer(engine).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, to)
    engine.dispose()


def _run(config: Path, *args: str):
    return CliRunner().invoke(cli, ["-c", str(config), *args])


def test_a_read_only_command_on_an_older_schema_stops_and_db_upgrade_brings_it_up(tmp_path: Path) -> None:
    config = _config(tmp_path)
    db = tmp_path / "sw.db"
    Store.open(f"sqlite:///{db}").close()
    _downgrade(db, "0003")
    for args in (["stories"], ["status"], ["history", "1"], ["notify", "status"]):
        result = _run(config, *args)
        assert result.exit_code == 2, (args, result.output)
        assert "is at schema 0003" in result.output and "storywatch db upgrade" in result.output
    assert _revision(db) == "0003"  # nothing migrated it behind the operator's back

    upgraded = _run(config, "db", "upgrade")
    assert upgraded.exit_code == 0, upgraded.output
    assert f"upgraded from schema 0003 to {head_revision()}" in upgraded.output
    assert _revision(db) == head_revision()
    assert _run(config, "stories").exit_code == 0
    again = _run(config, "db", "upgrade")
    assert again.exit_code == 0 and "already at schema" in again.output


def test_a_schema_newer_than_this_storywatch_is_refused_by_name(tmp_path: Path) -> None:
    config = _config(tmp_path)
    db = tmp_path / "sw.db"
    Store.open(f"sqlite:///{db}").close()
    engine = make_engine(f"sqlite:///{db}")
    with writer(engine).begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0099'")
    engine.dispose()
    result = _run(config, "stories")
    assert result.exit_code == 2 and "newer than this storywatch knows" in result.output
    assert "downgrades are not supported" in result.output


def test_read_only_commands_leave_the_database_file_untouched(tmp_path: Path) -> None:
    """A source added to the config since the last check is shown by `status`, not written by it."""
    db = tmp_path / "sw.db"
    Store.open(f"sqlite:///{db}").close()  # closed: the WAL is checkpointed into the file
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    config = _config(tmp_path)
    for args in (["stories"], ["status", "--json"], ["notify", "status"], ["stories", "--json"]):
        result = _run(config, *args)
        assert result.exit_code in (0, 1), (args, result.output)
    assert '"name": "world"' in _run(config, "status", "--json").output  # configured, listed, unchecked
    engine = make_engine(f"sqlite:///{db}")
    with engine.connect() as connection:
        assert list(connection.execute(select(sources.c.name))) == []
    engine.dispose()
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_the_revisions_a_store_checks_without_alembic_are_the_migrations_directory() -> None:
    """Opening a store reads ``alembic_version`` itself against ``REVISIONS``: a new migration must be listed."""
    from alembic.script import ScriptDirectory

    from storage.migrate import REVISIONS

    scripts = ScriptDirectory.from_config(alembic_config())
    assert list(REVISIONS) == [script.revision for script in reversed(list(scripts.walk_revisions()))]
    assert head_revision() == scripts.get_current_head()


def test_the_revision_read_directly_is_alembics_and_none_before_the_first_migration(store_url: str) -> None:
    from alembic.runtime.migration import MigrationContext

    engine = make_engine(store_url)
    try:
        assert current_revision(engine) is None  # a database storywatch never touched
        Store.open(store_url).close()
        with engine.connect() as connection:
            assert current_revision(engine) == MigrationContext.configure(connection).get_current_revision()
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()

"""Schema changes happen only on purpose: `db upgrade` (and `run`/`serve` with storage.upgrade_on_start); every
other command on an older schema stops and says so; a brand-new database is still created by `check`/`run`;
read-only commands never write."""

from __future__ import annotations

import hashlib
import re
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from alembic import command
from click.testing import CliRunner
from sqlalchemy import inspect, select

from monitor.cli import cli
from storage.engine import make_engine
from storage.migrate import alembic_config, current_revision, head_revision, writer
from storage.store import Store
from storage.tables import sources
from tests.fixtures_db import revision_of, schema_at

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
    for args in (["stories"], ["check"], ["run"], ["db", "upgrade"], ["db", "stats"], ["notify", "retry"]):
        result = _run(config, *args)
        assert result.exit_code == 2 and "the database is at schema 0099, newer than this storywatch knows" in (
            result.output
        ), args
        assert "downgrades are not supported" in result.output
    assert _revision(db) == "0099"


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


# an older schema made the way an older storywatch made it: a fresh database upgraded only to 0004

OLDER = "0004"


def _url_config(tmp_path: Path, url: str, extra: str = "") -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(
        f'storage:\n  url: "{url}"\n{extra}sources:\n  - {{name: world, feed: "http://127.0.0.1:9/rss.xml"}}\n'
    )
    return path


def test_every_command_but_db_upgrade_stops_on_an_older_schema(store_url: str, tmp_path: Path) -> None:
    """...and changes nothing: `check` and `run` included (only a brand-new database do they create)."""
    schema_at(store_url, OLDER)
    config = _url_config(tmp_path, store_url)
    for args in (
        ["check"],
        ["run"],
        ["notify", "retry"],
        ["db", "stats"],
        ["db", "prune"],
        ["reextract", "--all"],
        ["diff", "1"],
        ["show", "1"],
    ):
        result = _run(config, *args)
        assert result.exit_code == 2, (args, result.output)
        assert f"the database is at schema {OLDER}; run `storywatch db upgrade`" in result.output, args
        assert f"needs {head_revision()}" in result.output
    assert revision_of(store_url) == OLDER
    upgraded = _run(config, "db", "upgrade")
    assert upgraded.exit_code == 0 and f"from schema {OLDER} to {head_revision()}" in upgraded.output


def test_db_backup_copies_an_older_schema_so_the_copy_before_an_upgrade_can_be_taken(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    schema_at(url, OLDER)
    result = _run(_url_config(tmp_path, url), "db", "backup", str(tmp_path / "before-upgrade.db"))
    assert result.exit_code == 0, result.output
    assert revision_of(f"sqlite:///{tmp_path / 'before-upgrade.db'}") == OLDER
    assert revision_of(url) == OLDER


def test_a_brand_new_database_is_created_by_check(store_url: str, tmp_path: Path) -> None:
    """The Quick start's path: no database yet (SQLite: no file; PostgreSQL: an empty one)."""
    result = _run(_url_config(tmp_path, store_url), "check")
    assert result.exit_code == 1, result.output  # the source is on loopback (refused): the pass ran
    assert revision_of(store_url) == head_revision()


def test_tables_that_are_not_storywatch_s_are_never_migrated(store_url: str, tmp_path: Path) -> None:
    engine = make_engine(store_url)
    with writer(engine).begin() as connection:
        connection.exec_driver_sql("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    engine.dispose()
    for args in (["check"], ["db", "upgrade"]):  # not even on purpose: storywatch never adds to others' tables
        result = _run(_url_config(tmp_path, store_url), *args)
        assert result.exit_code == 2 and "holds tables but no storywatch schema" in result.output, args
        assert "is storage.url the right database?" in result.output
    assert revision_of(store_url) is None
    engine = make_engine(store_url)
    assert inspect(engine).get_table_names() == ["invoices"]
    engine.dispose()


def test_workers_opening_one_new_postgresql_database_at_once_create_it_once(clean_pg_url: str) -> None:
    opened: list[Store] = []
    errors: list[BaseException] = []

    def open_one() -> None:
        try:
            opened.append(Store.open(clean_pg_url, migrate="new"))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for store in opened:
        store.close()
    assert errors == [] and len(opened) == 4
    assert revision_of(clean_pg_url) == head_revision()


def _start(config: Path, *args: str) -> tuple[subprocess.Popen[str], str]:
    """A storywatch process; returns it and its stderr up to the line naming where it listens (or its exit)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "monitor", "-c", str(config), *args], stderr=subprocess.PIPE, text=True
    )
    assert process.stderr is not None
    lines: list[str] = []
    while line := process.stderr.readline():
        lines.append(line)
        if " on http://" in line:
            break
    return process, "".join(lines)


def _stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    process.wait(timeout=30)


def test_run_and_serve_upgrade_at_start_only_when_configured_to(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    schema_at(url, OLDER)
    refused = _run(_url_config(tmp_path, url), "serve", "--listen", "127.0.0.1:0")
    assert refused.exit_code == 2 and f"is at schema {OLDER}; run `storywatch db upgrade`" in refused.output
    assert revision_of(url) == OLDER

    config = _url_config(tmp_path, url, "  upgrade_on_start: true\n")
    run, line = _start(config, "run", "--metrics", "127.0.0.1:0")
    try:
        assert "metrics and health on http://127.0.0.1:" in line, line
        assert f"migrated from schema {OLDER} to {head_revision()}" in line  # said, at the default log level
        assert revision_of(url) == head_revision()
    finally:
        _stop(run)

    schema_at(f"sqlite:///{tmp_path / 'web.db'}", OLDER)
    web_config = _url_config(tmp_path, f"sqlite:///{tmp_path / 'web.db'}", "  upgrade_on_start: true\n")
    serve, line = _start(web_config, "serve", "--listen", "127.0.0.1:0")
    try:
        assert "web view on http://127.0.0.1:" in line, line
        assert revision_of(f"sqlite:///{tmp_path / 'web.db'}") == head_revision()
    finally:
        _stop(serve)


def test_upgrade_on_start_must_be_true_or_false(tmp_path: Path) -> None:
    result = _run(_url_config(tmp_path, "sqlite:///x.db", "  upgrade_on_start: sometimes\n"), "config", "check")
    assert result.exit_code == 2
    assert "storage.upgrade_on_start: expected true or false, got 'sometimes'" in result.output


def test_the_readme_troubleshoots_the_schema_errors_in_the_words_storywatch_prints(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    troubleshoot = readme.split("**Troubleshoot.**", 1)[1].split("\n## ", 1)[0]
    bullets = [" ".join(bullet.split()) for bullet in troubleshoot.split("\n- ")[1:]]
    said = [found.group(2) for b in bullets if (found := re.match(r"(``?)(.+?)\1 \(exit 2\)", b))]
    assert len(said) >= 3, bullets
    old, newer, foreign = (tmp_path / name for name in ("old.db", "newer.db", "foreign.db"))
    schema_at(f"sqlite:///{old}", OLDER)
    Store.open(f"sqlite:///{newer}").close()
    sqlite3.connect(foreign).execute("CREATE TABLE invoices (id INTEGER)").connection.commit()
    engine = make_engine(f"sqlite:///{newer}")
    with writer(engine).begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0099'")
    engine.dispose()
    for db, n in ((old, OLDER), (newer, "0099"), (foreign, None)):
        printed = " ".join(_run(_url_config(tmp_path, f"sqlite:///{db}"), "check").output.split())
        meant = [text.replace("schema N", f"schema {n}").replace(" M)", f" {head_revision()})") for text in said]
        assert any(text in printed for text in meant), (printed, said)


def test_the_revisions_a_store_checks_without_alembic_are_the_migrations_directory() -> None:
    """Opening a store reads ``alembic_version`` itself against ``REVISIONS``: a new migration must be listed."""
    from alembic.script import ScriptDirectory

    from storage.revisions import REVISIONS

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

"""`storywatch db backup | stats | prune`, and PostgreSQL's pg_dump as the README tells it, on real databases."""

from __future__ import annotations

import json
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
from click.testing import CliRunner
from sqlalchemy.engine import make_url

from monitor.cli import cli
from monitor.models import Article, DiffSummary, Significance
from storage.engine import make_engine
from storage.migrate import head_revision
from storage.store import Store
from tests.fixtures_db import revision_of, schema_at

START = datetime(2025, 8, 28, 9, 0, tzinfo=UTC)


def _config(tmp_path: Path, url: str, extra: str = "") -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(f"storage:\n  url: {url}\n{extra}")
    return path


def _fill(store: Store, stories: int, versions: int, *, raw: bytes = b"<html>page</html>") -> None:
    for k in range(stories):
        url = f"https://news.example.org/story-{k}"
        story, _ = store.add_story(url, source="world", headline=f"story {k}", now=START, next_check_at=START)
        for n in range(1, versions + 1):
            summary = DiffSummary(Significance.MINOR, True, ops=(("+", f"v{n}"),)) if n > 1 else None
            store.add_version(
                story.id,
                Article(url=url, headline=f"story {k} v{n}", body=(f"text {k} {n}",)),
                text=f"{k} {n}",
                text_hash=f"{k}-{n}",
                seen_at=START + timedelta(days=n),
                summary=summary,
                raw_html=raw,
            )


def _run(config: Path, *args: str, answer: str | None = None):
    return CliRunner().invoke(cli, ["-c", str(config), *args], input=answer)


def test_a_backup_taken_while_a_writer_writes_is_consistent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'live.db'}"
    store = Store.open(url)
    _fill(store, 20, 3)
    stop = threading.Event()

    def writer() -> None:
        k = 1000
        while not stop.is_set():
            _fill_one(store, k)
            k += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        result = _run(_config(tmp_path, url), "db", "backup", str(tmp_path / "copy.db"))
    finally:
        stop.set()
        thread.join()
        store.close()
    assert result.exit_code == 0, result.output
    copy = Store.open(f"sqlite:///{tmp_path / 'copy.db'}", migrate=False)
    try:
        assert len(copy.list_stories()) >= 20
        with copy._engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        copy.close()
    again = _run(_config(tmp_path, url), "db", "backup", str(tmp_path / "copy.db"))
    assert again.exit_code == 2 and "already exists" in again.output


def _fill_one(store: Store, k: int) -> None:
    url = f"https://news.example.org/late-{k}"
    story, _ = store.add_story(url, source="world", headline="late", now=START, next_check_at=START)
    store.add_version(
        story.id, Article(url=url, headline="late", body=("x",)), text="x", text_hash=f"late-{k}", seen_at=START
    )


def test_stats_counts_rows_and_the_oldest_raw_page(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    with Store.open(url) as store:
        _fill(store, 4, 3)
    result = _run(_config(tmp_path, url), "db", "stats", "--json")
    assert result.exit_code == 0, result.output
    stats = json.loads(result.output)
    assert stats["backend"] == "sqlite" and stats["size_bytes"] > 0
    assert stats["rows"]["stories"] == 4 and stats["rows"]["versions"] == 12 and stats["rows"]["changes"] == 8
    assert stats["raw_pages"] == 12 and stats["oldest_raw_page"] == "2025-08-29T09:00:00Z"
    people = _run(_config(tmp_path, url), "db", "stats")
    assert "versions" in people.output and "raw pages kept: 12" in people.output


def test_prune_keeps_raw_pages_by_count_and_age_and_old_versions_only_when_asked(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'p.db'}"
    with Store.open(url) as store:
        _fill(store, 3, 5)
    config = _config(tmp_path, url, "  keep_raw_pages: 2\n")
    result = _run(config, "db", "prune")
    assert result.exit_code == 0 and "raw pages dropped: 9" in result.output  # 3 of each story's 5
    with Store.open(url, migrate=False) as store:
        assert [store.raw_html(1, n) is not None for n in range(1, 6)] == [False, False, False, True, True]
    aged = _config(tmp_path, url, "  keep_raw_pages: 2\n  keep_raw_for: 1d\n")
    assert "raw pages dropped: 3" in _run(aged, "db", "prune").output  # all old now, but each latest
    refused = _run(config, "db", "prune", "--before", "2025-09-01", answer="n\n")
    assert refused.exit_code == 2 and "nothing deleted" in refused.output  # asked, not confirmed
    done = _run(config, "db", "prune", "--before", "2025-09-01", "--yes")  # versions 1-3 were seen before it
    assert done.exit_code == 0, done.output
    assert "deleted 9 version(s), 9 change(s)" in done.output  # 1→2, 2→3 and 3→4: version 4 is the baseline
    with Store.open(url, migrate=False) as store:
        assert [v.number for v in store.list_versions(1)] == [4, 5]
        assert [(c.from_version, c.to_version) for c in store.list_changes(1)] == [(4, 5)]
    history = _run(config, "history", "1", "--json")
    assert [v["version"] for v in json.loads(history.output)["versions"]] == [4, 5]
    bad = _run(config, "db", "prune", "--before", "last tuesday", "--yes")
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def _pg(url: str) -> list[str]:
    """The PostgreSQL client tools' connection options for ``url`` (the README's commands leave them to PG*)."""
    source = make_url(url)
    return ["-h", source.host or "127.0.0.1", "-p", str(source.port or 5432), "-U", source.username or "postgres"]


@contextmanager
def _restored(url: str, dump: Path) -> Iterator[str]:
    """``dump`` restored into a new database beside ``url``'s, as the README does it; yields its URL."""
    source = make_url(url)
    restored = f"{source.database}_restored"
    admin = psycopg.connect(
        host=source.host, port=source.port or 5432, user=source.username, dbname="test", autocommit=True
    )
    try:
        subprocess.run(["createdb", *_pg(url), restored], check=True, timeout=60)
        subprocess.run(["pg_restore", *_pg(url), "-d", restored, str(dump)], check=True, timeout=60)
        yield source.set(database=restored).render_as_string(hide_password=False)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')
        admin.close()


def test_postgresql_is_backed_up_with_pg_dump_and_restored_with_pg_restore(clean_pg_url: str, tmp_path: Path) -> None:
    """The README's commands for PostgreSQL, run as written (with this test's database names)."""
    with Store.open(clean_pg_url) as store:
        _fill(store, 5, 2)
    dump = tmp_path / "storywatch.dump"
    subprocess.run(["pg_dump", *_pg(clean_pg_url), "-Fc", "-f", str(dump), make_url(clean_pg_url).database], check=True)
    with _restored(clean_pg_url, dump) as restored, Store.open(restored, migrate=False) as copy:
        assert len(copy.list_stories()) == 5 and len(copy.list_versions(1)) == 2
    result = _run(_config(tmp_path, clean_pg_url), "db", "backup", str(tmp_path / "x.db"))
    assert result.exit_code == 2 and "pg_dump" in result.output


def test_postgresql_upgraded_across_a_schema_change_and_the_dump_before_it_restored(
    clean_pg_url: str, tmp_path: Path
) -> None:
    """An older storywatch's database (schema 0004): pg_dump, `db upgrade`, then the dump restored is 0004 again."""
    schema_at(clean_pg_url, "0004")
    engine = make_engine(clean_pg_url)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO sources (name, kind, location, interval_seconds, tags, consecutive_failures)"
            " VALUES ('world', 'feed', 'https://news.example.org/rss.xml', 300, '[]', 0)"
        )
    engine.dispose()
    dump = tmp_path / "before-upgrade.dump"
    subprocess.run(["pg_dump", *_pg(clean_pg_url), "-Fc", "-f", str(dump), make_url(clean_pg_url).database], check=True)
    config = _config(tmp_path, clean_pg_url)
    assert f"from schema 0004 to {head_revision()}" in _run(config, "db", "upgrade").output
    assert revision_of(clean_pg_url) == head_revision()
    with _restored(clean_pg_url, dump) as restored:
        assert revision_of(restored) == "0004"  # as it was before the upgrade: the way back
        again = _run(_config(tmp_path, restored), "db", "stats")
        assert again.exit_code == 2 and "the database is at schema 0004" in again.output
        assert _run(_config(tmp_path, restored), "db", "upgrade").exit_code == 0
        with Store.open(restored, migrate=False) as store:
            assert [s.name for s in store.source_states()] == ["world"]

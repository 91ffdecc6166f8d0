"""Database fixtures: a store on a real SQLite file and on the machine's PostgreSQL, for every storage test.

``store_url`` (and ``store``, built on it) runs each test twice: on SQLite and on PostgreSQL. The PostgreSQL
run gets a database created for the session (``pg_url``) and a clean schema per test. PostgreSQL is required,
never skipped: when it is unreachable those tests fail and say so. ``STORYWATCH_TEST_PG`` overrides the
admin URL (default ``postgresql://postgres@127.0.0.1:5432/test``).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import URL, make_url

from storage.store import Store

__all__ = ["clean_pg_url", "pg_url", "store", "store_url"]

PG_ADMIN_URL = os.environ.get("STORYWATCH_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def _connect(url: URL) -> psycopg.Connection:
    """An autocommit psycopg connection to ``url``; fails the test (not skips) when PostgreSQL is down."""
    try:
        return psycopg.connect(
            host=url.host,
            port=url.port or 5432,
            user=url.username,
            password=url.password,
            dbname=url.database,
            autocommit=True,
            connect_timeout=5,
        )
    except psycopg.OperationalError as exc:
        pytest.fail(
            f"PostgreSQL is unreachable at {url.render_as_string(hide_password=True)}: {exc}\n"
            "The storage tests need it (start it, or point STORYWATCH_TEST_PG at an admin database).",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A fresh database ``storywatch_test_<random>`` for the session, dropped at the end."""
    admin_url = make_url(PG_ADMIN_URL)
    name = f"storywatch_test_{secrets.token_hex(4)}"
    with _connect(admin_url) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = admin_url.set(drivername="postgresql+psycopg", database=name)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with _connect(admin_url) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _reset_schema(url: str) -> None:
    """Drop every table (and alembic's version) in the test database."""
    with _connect(make_url(url)) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database: a SQLite file, or the session's PostgreSQL database, cleaned."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'storywatch.db'}"
    url: str = request.getfixturevalue("pg_url")
    _reset_schema(url)
    return url


@pytest.fixture
def clean_pg_url(pg_url: str) -> str:
    """The session's PostgreSQL database with an empty schema, for tests that run on PostgreSQL alone."""
    _reset_schema(pg_url)
    return pg_url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A migrated Store on ``store_url``, closed after the test."""
    opened = Store.open(store_url)
    try:
        yield opened
    finally:
        opened.close()


def schema_at(url: str, revision: str) -> None:
    """Bring a fresh database only to ``revision`` with the real migrations: what an older storywatch left."""
    from alembic import command

    from storage.engine import make_engine, writer
    from storage.migrate import alembic_config

    engine = make_engine(url)
    config = alembic_config()
    try:
        with writer(engine).begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        engine.dispose()


def revision_of(url: str) -> str | None:
    """The schema revision of the database at ``url`` (None: no storywatch schema)."""
    from storage.engine import make_engine
    from storage.migrate import current_revision

    engine = make_engine(url)
    try:
        return current_revision(engine)
    finally:
        engine.dispose()

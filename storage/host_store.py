"""The Store's shared politeness (tables host_state, claims of kind "host", robots_cache), mixed into Store.

Per-host limits that hold for every worker together:

- **concurrency**: a host has ``slots`` request slots, each a claim ``host`` / ``"news.example#0"``…; a request
  holds one for its duration (a dead worker's slot expires with its other claims);
- **minimum gap**: ``host_state.next_start_at`` is pushed on by ``gap`` each time a slot is taken, in the
  same transaction, so the starts of all workers' requests to a host are spaced ``gap`` apart;
- **Retry-After**: ``host_state.deferred_until``, read before each request;
- **robots.txt**: read by the one worker that claims ``robots`` / site, kept in ``robots_cache`` for all.
"""

from __future__ import annotations

import random
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Table, select, text, update

from storage.claim_store import live_keys, take_claims
from storage.tables import claims, host_state, robots_cache


@dataclass(frozen=True)
class RobotsEntry:
    site: str
    status: int | None
    body: str | None
    error: str | None
    fetched_at: datetime
    expires_at: datetime


def _insert(connection: Connection, table: Table) -> Any:
    from sqlalchemy.dialects import postgresql, sqlite  # the one in use is loaded already

    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


_TAKE_FREE_SLOT = text("""
WITH taken AS (
    INSERT INTO claims (kind, key, owner, claimed_at, expires_at)
    SELECT 'host', k, :owner, :now, :expires FROM unnest(CAST(:keys AS varchar[])) WITH ORDINALITY AS t(k, n)
    WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.kind = 'host' AND c.key = t.k AND c.expires_at > :now)
    ORDER BY t.n
    LIMIT 1
    ON CONFLICT (kind, key) DO UPDATE
        SET owner = EXCLUDED.owner, claimed_at = EXCLUDED.claimed_at, expires_at = EXCLUDED.expires_at
        WHERE claims.expires_at <= EXCLUDED.claimed_at
    RETURNING key, owner
)
SELECT taken.key, taken.owner, h.next_start_at FROM taken LEFT JOIN host_state h ON h.host = :host
""")  # the first free slot of the shuffled keys, and when a Crawl-delay set earlier lets the request start


def _reserve_start(connection: Connection, host: str, gap: timedelta, now: datetime) -> datetime:
    """When the request may start: at the host's next start time (at the earliest ``now``), which moves ``gap``
    on. With no gap there is nothing to reserve: the host's row is only read (a Crawl-delay set earlier holds)."""
    if gap <= timedelta(0):
        later = connection.scalar(select(host_state.c.next_start_at).where(host_state.c.host == host))
        return max(now, later) if later is not None else now
    row = _host_row(connection, host)
    start = max(now, row.next_start_at or now)
    connection.execute(update(host_state).where(host_state.c.host == host).values(next_start_at=start + gap))
    return start


def _host_row(connection: Connection, host: str) -> Any:
    """The host's state row, created when missing, locked until the transaction ends."""
    connection.execute(_insert(connection, host_state).values(host=host).on_conflict_do_nothing())
    return connection.execute(select(host_state).where(host_state.c.host == host).with_for_update()).one()


class HostMethods:
    """take_host_slot / defer_host / host_deferred_until / slow_host / robots_entry / save_robots."""

    def _transaction(self, write: bool = False) -> AbstractContextManager[Connection]:  # provided by Store
        raise NotImplementedError

    def _coordinating(self) -> AbstractContextManager[Connection]:  # provided by Store
        raise NotImplementedError

    def take_host_slot(
        self, owner: str, host: str, *, slots: int, gap: timedelta, now: datetime, lease: timedelta
    ) -> tuple[str, datetime] | None:
        """One of ``host``'s free request slots for ``owner`` and the time its request may start; None: all busy."""
        keys = [f"{host}#{i}" for i in range(max(1, slots))]
        random.shuffle(keys)  # workers asking at once try different free slots instead of queueing on one
        with self._coordinating() as connection:
            if gap <= timedelta(0) and connection.dialect.name == "postgresql":  # the common case: one statement
                values = {"owner": owner, "now": now, "expires": now + lease, "keys": keys, "host": host}
                row = connection.execute(_TAKE_FREE_SLOT, values).first()
                if row is None or row.owner != owner:
                    return None
                return row.key, max(now, row.next_start_at) if row.next_start_at is not None else now
            busy = set(connection.scalars(live_keys("host", now).where(claims.c.key.in_(keys))))
            for key in keys:
                if key not in busy and take_claims(connection, owner, "host", [key], now, lease):
                    return key, _reserve_start(connection, host, gap, now)
        return None

    def defer_host(self, host: str, until: datetime) -> None:
        """Nobody (no worker) asks ``host`` again before ``until`` (it answered Retry-After)."""
        self._not_before(host, host_state.c.deferred_until, until)

    def slow_host(self, host: str, not_before: datetime) -> None:
        """No request to ``host`` starts before ``not_before`` (robots.txt Crawl-delay)."""
        self._not_before(host, host_state.c.next_start_at, not_before)

    def _not_before(self, host: str, column: Any, when: datetime) -> None:
        """Move the host's ``column`` on to ``when`` — never back."""
        with self._coordinating() as connection:
            current = getattr(_host_row(connection, host), column.name)
            if current is None or current < when:
                connection.execute(update(host_state).where(host_state.c.host == host).values({column.name: when}))

    def host_deferred_until(self, host: str) -> datetime | None:
        with self._transaction() as connection:
            return connection.scalar(select(host_state.c.deferred_until).where(host_state.c.host == host))

    # robots.txt, shared

    def robots_entry(self, site: str) -> RobotsEntry | None:
        with self._transaction() as connection:
            row = connection.execute(select(robots_cache).where(robots_cache.c.site == site)).first()
        return RobotsEntry(row.site, row.status, row.body, row.error, row.fetched_at, row.expires_at) if row else None

    def save_robots(self, entry: RobotsEntry) -> None:
        values = {
            "site": entry.site,
            "status": entry.status,
            "body": entry.body,
            "error": entry.error,
            "fetched_at": entry.fetched_at,
            "expires_at": entry.expires_at,
        }
        with self._coordinating() as connection:
            insert = _insert(connection, robots_cache)
            update_values = {k: v for k, v in values.items() if k != "site"}
            connection.execute(insert.values(values).on_conflict_do_update(index_elements=["site"], set_=update_values))

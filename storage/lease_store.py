"""The Store's daemon lease (table daemon_lease): one running daemon per database, and its heartbeat.

A daemon takes the lease when it starts, renews it on every heartbeat, and lets go when it stops. A second
daemon finds a fresh heartbeat and refuses to start; a lease whose heartbeat is older than ``stale_after``
belonged to a daemon that died, and is taken over.

Letting go marks the row released rather than deleting it: ``lease()`` then answers None (no daemon holds
it) while ``last_lease()`` still shows that a daemon ran on this database, and when it stopped.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import datetime, timedelta

from sqlalchemy import Connection, select, update
from sqlalchemy.exc import IntegrityError

from monitor.errors import StoreError
from monitor.models import utcnow
from storage import records
from storage.records import Lease
from storage.tables import daemon_lease

NAME = "daemon"


class LeaseMethods:
    """acquire_lease / heartbeat / release_lease / lease / share_lease, mixed into ``storage.store.Store``."""

    def _transaction(self, write: bool = False) -> AbstractContextManager[Connection]:  # provided by Store
        raise NotImplementedError

    def lease(self) -> Lease | None:
        """The daemon lease as stored (alive or not); None when no daemon ever ran or the last one let go."""
        lease = self.last_lease()
        return lease if lease is not None and lease.released_at is None else None

    def last_lease(self) -> Lease | None:
        """The lease of the last daemon on this database, released or not; None when no daemon ever ran."""
        with self._transaction() as connection:
            row = connection.execute(select(daemon_lease).where(daemon_lease.c.name == NAME)).first()
        return records.lease(row) if row else None

    def acquire_lease(self, owner: str, *, now: datetime, stale_after: timedelta) -> Lease | None:
        """Take the lease for ``owner``; returns None when taken, else the live lease that holds it."""
        values = {
            "name": NAME,
            "owner": owner,
            "started_at": now,
            "heartbeat_at": now,
            "last_cycle_at": None,
            "released_at": None,
        }
        try:
            with self._transaction(write=True) as connection:
                row = connection.execute(select(daemon_lease).where(daemon_lease.c.name == NAME)).first()
                if row is None:
                    connection.execute(daemon_lease.insert(), values)
                    return None
                held = records.lease(row)
                if held.owner != owner and held.released_at is None and held.alive(now, stale_after):
                    return held
                connection.execute(update(daemon_lease).where(daemon_lease.c.name == NAME).values(values))
                return None
        except IntegrityError:  # another daemon inserted it a moment ago
            return self.lease()

    def heartbeat(self, owner: str, *, now: datetime, cycle: bool = False) -> bool:
        """Renew the lease (and note a finished cycle); False when ``owner`` no longer holds it."""
        values: dict[str, datetime] = {"heartbeat_at": now}
        if cycle:
            values["last_cycle_at"] = now
        with self._transaction(write=True) as connection:
            query = update(daemon_lease).where(
                daemon_lease.c.name == NAME, daemon_lease.c.owner == owner, daemon_lease.c.released_at.is_(None)
            )
            return connection.execute(query.values(values)).rowcount == 1

    def release_lease(self, owner: str, *, now: datetime | None = None) -> None:
        """Let go (a clean stop): the row stays, marked released, so ``status`` knows a daemon runs here."""
        with self._transaction(write=True) as connection:
            query = update(daemon_lease).where(
                daemon_lease.c.name == NAME, daemon_lease.c.owner == owner, daemon_lease.c.released_at.is_(None)
            )
            connection.execute(query.values(released_at=now or utcnow()))

    def share_lease(self, owner: str, *, now: datetime, cycle: bool = False) -> None:
        """On a database several workers share: renew the one daemon lease whoever holds it (taking it when none
        does), so ``lease()`` — what ``status`` and ``/healthz`` read — says a daemon is alive while any worker is."""
        values: dict[str, datetime | None] = {"heartbeat_at": now, "released_at": None}  # alive again
        if cycle:
            values["last_cycle_at"] = now
        try:
            with self._transaction(write=True) as connection:
                query = update(daemon_lease).where(daemon_lease.c.name == NAME)
                if connection.execute(query.values(values)).rowcount == 0:
                    row = {"name": NAME, "owner": owner, "started_at": now, "last_cycle_at": None, **values}
                    connection.execute(daemon_lease.insert(), row)
        except StoreError as exc:
            if not isinstance(exc.__cause__, IntegrityError):
                raise  # else another worker inserted it a moment ago: it is fresh

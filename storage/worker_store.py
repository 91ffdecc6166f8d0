"""The Store's workers (table workers): every `storywatch run` on the database, its heartbeat and its last action.

A worker registers when it starts, renews its heartbeat (and, in the same transaction, the deadline of every
claim it holds) until it stops, and on a clean stop lets go of all its claims at once and is marked stopped.
A worker that missed its heartbeats is dead: its claims expire and other workers take them. A worker whose row
went missing (the database was restored, or it lost the database long enough to be pruned) registers again on
its next heartbeat. Rows of workers gone for ``FORGET_AFTER`` are pruned when a worker starts.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, func, or_, select, update

from storage import records
from storage.records import WorkerRow
from storage.tables import claims, workers

FORGET_AFTER = timedelta(days=1)  # a stopped or dead worker stays listed by `status` this long


class WorkerMethods:
    """register_worker / worker_heartbeat / note_worker / stop_worker / list_workers, mixed into Store."""

    def _transaction(self, write: bool = False) -> AbstractContextManager[Connection]:  # provided by Store
        raise NotImplementedError

    def _coordinating(self) -> AbstractContextManager[Connection]:  # provided by Store
        raise NotImplementedError

    def register_worker(self, worker_id: str, *, host: str, pid: int, now: datetime) -> None:
        """Register a worker starting now (forgetting workers gone for a day)."""
        gone = or_(workers.c.stopped_at < now - FORGET_AFTER, workers.c.heartbeat_at < now - FORGET_AFTER)
        with self._coordinating() as connection:
            connection.execute(delete(workers).where(gone))
            connection.execute(delete(workers).where(workers.c.id == worker_id))
            values = {"id": worker_id, "host": host, "pid": pid, "started_at": now, "heartbeat_at": now}
            connection.execute(workers.insert(), values)

    def worker_heartbeat(self, worker_id: str, *, now: datetime, lease: timedelta) -> bool:
        """Renew the worker's heartbeat and push its claims' deadlines to ``now + lease``.

        False when the worker's row was gone (the caller registers it again: it rejoins)."""
        with self._coordinating() as connection:
            found = connection.execute(
                update(workers).where(workers.c.id == worker_id).values(heartbeat_at=now, stopped_at=None)
            ).rowcount
            connection.execute(update(claims).where(claims.c.owner == worker_id).values(expires_at=now + lease))
        return found == 1

    def note_worker(self, worker_id: str, action: str, *, now: datetime) -> None:
        """What the worker did last, as ``status`` shows it (one line)."""
        with self._coordinating() as connection:
            query = update(workers).where(workers.c.id == worker_id)
            connection.execute(query.values(last_action=action[:500], last_action_at=now))

    def stop_worker(self, worker_id: str, *, now: datetime) -> int:
        """A clean stop: release every claim the worker holds and mark it stopped; returns the claims released."""
        with self._coordinating() as connection:
            released = connection.execute(delete(claims).where(claims.c.owner == worker_id)).rowcount
            connection.execute(update(workers).where(workers.c.id == worker_id).values(stopped_at=now))
        return released

    def list_workers(self) -> list[WorkerRow]:
        """Every worker remembered (alive, dead or stopped), the most recently started first."""
        held = select(claims.c.owner, func.count().label("n")).group_by(claims.c.owner).subquery()
        query = (
            select(workers, func.coalesce(held.c.n, 0).label("claims"))
            .outerjoin(held, held.c.owner == workers.c.id)
            .order_by(workers.c.started_at.desc(), workers.c.id)
        )
        with self._transaction() as connection:
            return [records.worker_row(r) for r in connection.execute(query)]

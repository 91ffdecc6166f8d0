"""The Store's outbox methods (the alerts and alert_threads tables), mixed into ``storage.store.Store``."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, select, update
from sqlalchemy.exc import IntegrityError

from monitor.errors import StoreError
from monitor.models import utcnow
from storage import alert_queries as aq
from storage import records
from storage.records import OutboxRow  # noqa: F401 - re-exported (monitor.cli)
from storage.tables import alerts

_DUE_NOTIFIERS = select(alerts.c.id, alerts.c.notifier).order_by(alerts.c.id)


class OutboxMethods:
    """Delivery bookkeeping: due alerts, attempts, merges, retries, threads and operations alerts."""

    def _transaction(self, write: bool = False) -> AbstractContextManager[Connection]:  # provided by Store
        raise NotImplementedError

    def due_alerts(self, now: datetime, *, notifier: str | None = None, limit: int = 100) -> list[Any]:
        """Pending alerts whose next attempt is due, oldest first (``RoutedAlert`` and ``OpsAlert``)."""
        where = and_(alerts.c.status == aq.PENDING, alerts.c.next_attempt_at <= now)
        if notifier is not None:
            where = and_(where, alerts.c.notifier == notifier)
        with self._transaction() as connection:
            return aq.select_alerts(connection, where, limit=limit)

    def unrouted_alerts(self, now: datetime, known: Collection[str], *, limit: int = 100) -> list[Any]:
        """Those of the first ``limit`` due alerts (as ``due_alerts`` lists them) whose notifier is none of
        ``known``; only those are read in full (a cycle usually finds none)."""
        due = and_(alerts.c.status == aq.PENDING, alerts.c.next_attempt_at <= now)
        with self._transaction() as connection:
            rows = connection.execute(_DUE_NOTIFIERS.where(due).limit(limit))
            ids = [row.id for row in rows if row.notifier not in known]
            return aq.select_alerts(connection, alerts.c.id.in_(ids)) if ids else []

    def start_attempt(self, alert_id: int, *, at: datetime) -> None:
        """Write down (committed) that alert ``alert_id``'s delivery begins now, before the channel is called.

        An earlier attempt that never finished keeps its time (the message may be from then). Recording the
        attempt's outcome clears it; a pending alert that still has it was being sent when its
        process died, so a channel that can look (``Alert.attempt_started_at``) checks before sending again."""
        with self._transaction(write=True) as connection:
            aq.start_attempt(connection, alert_id, at)

    def mark_delivered(
        self, alert_id: int, *, at: datetime, merged: Sequence[int] = (), start: int | None = None
    ) -> None:
        """Alert ``alert_id`` delivered; the ``merged`` alerts went out in the same message (one transaction).

        With ``start``, that alert's attempt begins at ``at`` in the same transaction, written after the outcome
        (as ``start_attempt`` would: the outbox's next send, one commit instead of two)."""
        with self._transaction(write=True) as connection:
            aq.record_delivered(connection, alert_id, at)
            aq.mark_merged(connection, alert_id, [i for i in merged if i != alert_id], at)
            if start is not None:
                aq.start_attempt(connection, start, at)

    def mark_failed(self, alert_id: int, *, error: str, at: datetime, next_attempt_at: datetime | None) -> None:
        """Record a failed attempt; with no ``next_attempt_at`` the alert is given up (dead)."""
        status = aq.DEAD if next_attempt_at is None else aq.PENDING
        with self._transaction(write=True) as connection:
            aq.record_failed(connection, alert_id, at, status, error, next_attempt_at)

    def defer_alert(self, alert_id: int, *, until: datetime) -> None:
        """Hold a pending alert until ``until`` (debounce, quiet hours, digest window): no attempt is counted."""
        with self._transaction(write=True) as connection:
            aq.defer(connection, alert_id, until)

    def retry_alerts(self, *, now: datetime, notifier: str | None = None, dead: bool = False) -> int:
        """Make pending alerts (and with ``dead``, dead ones too) due at ``now``; returns how many."""
        statuses = [aq.PENDING, aq.DEAD] if dead else [aq.PENDING]
        query = update(alerts).where(alerts.c.status.in_(statuses))
        if notifier is not None:
            query = query.where(alerts.c.notifier == notifier)
        with self._transaction(write=True) as connection:
            return connection.execute(query.values(status=aq.PENDING, next_attempt_at=now)).rowcount

    def outbox_status(self, now: datetime | None = None) -> list[OutboxRow]:
        """One row per notifier that has alerts, by name (``now``, default the current time, decides *held*)."""
        with self._transaction() as connection:
            errors = aq.last_errors(connection)
            counts = connection.execute(aq.outbox_counts(now or utcnow()))
            return [records.outbox_row(row, errors.get(row.notifier)) for row in counts]

    # operations alerts

    def add_ops_alerts(
        self, notifiers: Sequence[str], *, kind: str, subject: str, body: str, key: str, now: datetime
    ) -> list[int]:
        """One operations alert per notifier; a ``key`` already used (per notifier) adds nothing."""
        if not notifiers:
            return []
        with self._transaction(write=True) as connection:
            return aq.insert_ops_alerts(connection, notifiers, kind, subject, body, key, now)

    # threads (one per story and notifier)

    def thread_ref(self, story_id: int, notifier: str) -> str | None:
        with self._transaction() as connection:
            return aq.thread_ref(connection, story_id, notifier)

    def save_thread(self, story_id: int, notifier: str, ref: str, *, channel: str | None = None, now: datetime) -> str:
        """Remember a story's thread in a channel; if one was saved meanwhile, that one wins and is returned."""
        try:
            with self._transaction(write=True) as connection:
                existing = aq.thread_ref(connection, story_id, notifier)
                if existing is not None:
                    return existing
                aq.insert_thread(connection, story_id, notifier, ref, channel, now)
                return ref
        except StoreError as exc:
            if isinstance(exc.__cause__, IntegrityError):  # another worker saved one first
                return self.thread_ref(story_id, notifier) or ref
            raise

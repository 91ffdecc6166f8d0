"""The statements behind the Store's outbox methods (the alerts table), each on a caller's connection."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, bindparam, case, func, select, update

from monitor.errors import NotFound
from monitor.models import AlertStatus
from storage import records, rows
from storage.tables import alert_threads, alerts

PENDING = AlertStatus.PENDING.value
DEAD = AlertStatus.DEAD.value
DELIVERED = AlertStatus.DELIVERED.value


def insert_alert(
    connection: Connection,
    change_id: int,
    notifier: str,
    now: datetime,
    *,
    story_id: int | None = None,
    reasons: Mapping[str, Any] | None = None,
) -> int:
    """A pending alert, due at once; its dedupe key makes a second one for the same change impossible.

    Holds (debounce, quiet hours, digest windows) are applied by the outbox, which moves ``next_attempt_at``.
    """
    values = {
        "change_id": change_id,
        "notifier": notifier,
        "dedupe_key": f"change:{change_id}:{notifier}",
        "status": PENDING,
        "attempts": 0,
        "created_at": now,
        "next_attempt_at": now,
        "kind": "change",
        "story_id": story_id,
        "reasons": dict(reasons) if reasons else None,
    }
    return connection.execute(alerts.insert(), values).inserted_primary_key[0]


def insert_ops_alerts(
    connection: Connection, notifiers: Sequence[str], kind: str, subject: str, body: str, key: str, now: datetime
) -> list[int]:
    """One pending operations alert per notifier, skipping any whose dedupe key already exists."""
    keys = {name: f"ops:{key}:{name}"[:300] for name in notifiers}
    existing = set(connection.scalars(select(alerts.c.dedupe_key).where(alerts.c.dedupe_key.in_(keys.values()))))
    made = []
    for name, dedupe in keys.items():
        if dedupe in existing:
            continue
        values = {
            "change_id": None,
            "notifier": name,
            "dedupe_key": dedupe,
            "status": PENDING,
            "attempts": 0,
            "created_at": now,
            "next_attempt_at": now,
            "kind": kind,
            "subject": subject,
            "body": body,
        }
        made.append(connection.execute(alerts.insert(), values).inserted_primary_key[0])
    return made


def mark_merged(connection: Connection, into: int, alert_ids: Sequence[int], at: datetime) -> None:
    """Alerts whose content went out in alert ``into``'s message: delivered, pointing at it."""
    if not alert_ids:
        return
    query = (
        update(alerts)
        .where(alerts.c.id.in_(list(alert_ids)), alerts.c.status == PENDING)
        .values(status=DELIVERED, delivered_at=at, next_attempt_at=None, merged_into=into)
    )
    connection.execute(query)


def thread_ref(connection: Connection, story_id: int, notifier: str) -> str | None:
    query = select(alert_threads.c.thread_ref).where(
        alert_threads.c.story_id == story_id, alert_threads.c.notifier == notifier
    )
    return connection.scalar(query)


def insert_thread(
    connection: Connection, story_id: int, notifier: str, ref: str, channel: str | None, now: datetime
) -> None:
    values = {"story_id": story_id, "notifier": notifier, "thread_ref": ref, "channel": channel, "created_at": now}
    connection.execute(alert_threads.insert(), values)


def select_alerts(connection: Connection, where: ColumnElement[bool], limit: int | None = None) -> list[Any]:
    """Alerts (``RoutedAlert`` or ``OpsAlert``) matching ``where``, oldest first."""
    query = select(alerts).where(where).order_by(alerts.c.id).limit(limit)
    return rows.alerts_from_rows(connection, connection.execute(query))


# the statements of one delivery attempt, built once (every alert sent runs two of them; building one costs more
# than running it): each takes its values as bound parameters
_AT = bindparam("a_at", type_=alerts.c.last_attempt_at.type)
_PENDING_ALERT = update(alerts).where(alerts.c.id == bindparam("a_id"), alerts.c.status == PENDING)
_START = _PENDING_ALERT.values(attempt_started_at=func.coalesce(alerts.c.attempt_started_at, _AT))
_DEFER = _PENDING_ALERT.values(next_attempt_at=bindparam("a_until", type_=alerts.c.next_attempt_at.type))
_ATTEMPT = update(alerts).where(alerts.c.id == bindparam("a_id"))
_ATTEMPTED = {"attempts": alerts.c.attempts + 1, "last_attempt_at": _AT, "attempt_started_at": None}
_DELIVERED = _ATTEMPT.values(**_ATTEMPTED, status=DELIVERED, delivered_at=_AT, next_attempt_at=None)
_FAILED = _ATTEMPT.values(
    **_ATTEMPTED,
    status=bindparam("a_status", type_=alerts.c.status.type),
    last_error=bindparam("a_error", type_=alerts.c.last_error.type),
    next_attempt_at=bindparam("a_next", type_=alerts.c.next_attempt_at.type),
)


def start_attempt(connection: Connection, alert_id: int, at: datetime) -> None:
    """A pending alert's delivery begins at ``at`` (an unfinished earlier attempt keeps its time)."""
    connection.execute(_START, {"a_id": alert_id, "a_at": at})


def defer(connection: Connection, alert_id: int, until: datetime) -> None:
    """A pending alert waits until ``until``."""
    connection.execute(_DEFER, {"a_id": alert_id, "a_until": until})


def record_delivered(connection: Connection, alert_id: int, at: datetime) -> None:
    """One attempt, and the alert delivered by it."""
    _attempted(connection, _DELIVERED, {"a_id": alert_id, "a_at": at})


def record_failed(
    connection: Connection, alert_id: int, at: datetime, status: str, error: str, next_attempt_at: datetime | None
) -> None:
    """One failed attempt: the alert stays ``status`` (pending, or dead) with ``error``, next tried at
    ``next_attempt_at``."""
    params = {"a_id": alert_id, "a_at": at, "a_status": status, "a_error": error, "a_next": next_attempt_at}
    _attempted(connection, _FAILED, params)


def _attempted(connection: Connection, query: Any, params: dict[str, Any]) -> None:
    if connection.execute(query, params).rowcount == 0:
        raise NotFound(f"no alert with id {params['a_id']}")


def _count(condition: ColumnElement[bool]) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def outbox_counts(now: datetime) -> Select[Any]:
    """Per notifier: pending, failing, held, operations, dead and delivered counts and the earliest pending attempt.

    *Held* alerts are pending, never tried, and wait past ``now`` on purpose (debounce, quiet hours, a digest
    window); *operations* counts the pending operations alerts (source failing, extraction broken, …).
    """
    pending = alerts.c.status == PENDING
    return (
        select(
            alerts.c.notifier,
            _count(pending).label("pending"),
            _count(and_(pending, alerts.c.attempts > 0)).label("failing"),
            _count(and_(pending, alerts.c.attempts == 0, alerts.c.next_attempt_at > now)).label("held"),
            _count(and_(pending, alerts.c.kind != "change")).label("operations"),
            _count(alerts.c.status == DEAD).label("dead"),
            _count(alerts.c.status == DELIVERED).label("delivered"),
            func.min(case((pending, alerts.c.next_attempt_at), else_=None)).label("next_attempt_at"),
        )
        .group_by(alerts.c.notifier)
        .order_by(alerts.c.notifier)
    )


def last_errors(connection: Connection) -> dict[str, str]:
    """Each notifier's most recent error among its undelivered alerts."""
    query = (
        select(alerts.c.notifier, alerts.c.last_error)
        .where(alerts.c.last_error.is_not(None), alerts.c.status != DELIVERED)
        .order_by(alerts.c.last_attempt_at.desc(), alerts.c.id.desc())
    )
    return records.last_errors(connection.execute(query))

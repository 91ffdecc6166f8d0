"""The statements behind the Store's outbox methods (the alerts table), each on a caller's connection."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, case, func, select, update

from monitor.errors import NotFound
from monitor.models import Alert, AlertStatus
from storage import rows
from storage.tables import alerts

PENDING = AlertStatus.PENDING.value
DEAD = AlertStatus.DEAD.value
DELIVERED = AlertStatus.DELIVERED.value


def insert_alert(connection: Connection, change_id: int, notifier: str, now: datetime) -> int:
    """A pending alert, due at once; its dedupe key makes a second one for the same change impossible."""
    values = {
        "change_id": change_id,
        "notifier": notifier,
        "dedupe_key": f"change:{change_id}:{notifier}",
        "status": PENDING,
        "attempts": 0,
        "created_at": now,
        "next_attempt_at": now,
    }
    return connection.execute(alerts.insert(), values).inserted_primary_key[0]


def select_alerts(
    connection: Connection, where: ColumnElement[bool], limit: int | None = None
) -> list[Alert]:
    query = select(alerts).where(where).order_by(alerts.c.id).limit(limit)
    return rows.alerts_from_rows(connection, connection.execute(query))


def record_attempt(connection: Connection, alert_id: int, at: datetime, values: dict[str, Any]) -> None:
    query = (
        update(alerts)
        .where(alerts.c.id == alert_id)
        .values(attempts=alerts.c.attempts + 1, last_attempt_at=at, **values)
    )
    if connection.execute(query).rowcount == 0:
        raise NotFound(f"no alert with id {alert_id}")


def _count(condition: ColumnElement[bool]) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def outbox_counts() -> Select[Any]:
    """Per notifier: pending, failing, dead and delivered counts and the earliest pending attempt."""
    pending = alerts.c.status == PENDING
    return (
        select(
            alerts.c.notifier,
            _count(pending).label("pending"),
            _count(and_(pending, alerts.c.attempts > 0)).label("failing"),
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
    errors: dict[str, str] = {}
    for row in connection.execute(query):
        errors.setdefault(row.notifier, row.last_error)
    return errors

"""The Store's counts for /metrics: each one aggregate query, so a scrape stays cheap at 100,000 stories."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, func, select

from storage.tables import alerts, changes, checks, sources


@dataclass(frozen=True)
class Counts:
    """Counts for the Prometheus exposition; each dict maps label values to a number."""

    checks_by_status: dict[str, int] = field(default_factory=dict)  # the check log since a time
    changes_by_significance: dict[str, int] = field(default_factory=dict)  # every change ever found
    alerts_by_notifier_status: dict[tuple[str, str], int] = field(default_factory=dict)
    sources_failing: int = 0


class MetricsMethods:
    """metric_counts, mixed into ``storage.store.Store``."""

    def _transaction(self, write: bool = False) -> AbstractContextManager[Connection]:  # provided by Store
        raise NotImplementedError

    def metric_counts(self, checks_since: datetime) -> Counts:
        with self._transaction() as connection:
            by_check = select(checks.c.status, func.count()).where(checks.c.at >= checks_since)
            by_level = select(changes.c.significance, func.count()).where(changes.c.from_version < changes.c.to_version)
            by_alert = select(alerts.c.notifier, alerts.c.status, func.count()).group_by(
                alerts.c.notifier, alerts.c.status
            )
            failing = select(func.count()).select_from(sources).where(sources.c.consecutive_failures > 0)
            return Counts(
                checks_by_status={k: v for k, v in connection.execute(by_check.group_by(checks.c.status))},
                changes_by_significance={
                    k: v for k, v in connection.execute(by_level.group_by(changes.c.significance))
                },
                alerts_by_notifier_status={(n, s): c for n, s, c in connection.execute(by_alert)},
                sources_failing=int(connection.scalar(failing) or 0),
            )

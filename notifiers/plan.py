"""Which of one notifier's pending alerts go out now, combined how, and which wait until when.

A pure function of the pending alerts, the notifier's settings and the time (``combine`` builds the one
message for several changes of a story). The outbox applies the plan: deferrals move ``next_attempt_at``
(no attempt is counted), deliveries are sent in order.

- **Backoff.** An alert that failed waits for its ``next_attempt_at``; its story's later alerts wait behind it.
- **Debounce.** A story's alerts created within ``debounce`` of its first pending one go out as one message,
  once that window has closed; the others are marked delivered as merged into it.
- **Quiet hours.** Nothing goes out inside the window, unless one of the story's pending changes is major
  (then the story's earlier alerts go with it, in order). Operations alerts ignore quiet hours.
- **Digest.** All alerts of a digest window go out as one digest when the window ends (then quiet hours).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from monitor.alert_types import Digest, OpsAlert, Outgoing
from monitor.models import Alert, Significance
from notifiers.base import Notifier
from notifiers.routing import digest_window_end, quiet_until

Pending = Alert | OpsAlert


@dataclass(frozen=True)
class Delivery:
    """One message to send: ``payload``, whose attempt is recorded on ``primary``; ``merged`` ride along."""

    primary: Pending
    payload: Outgoing
    merged: tuple[int, ...] = ()


@dataclass(frozen=True)
class Plan:
    deliveries: list[Delivery]
    deferrals: list[tuple[int, datetime]]  # (alert id, hold until) where next_attempt_at must move


def _backoff_until(alert: Pending) -> datetime | None:
    """The retry time a failed alert waits for (None if it never failed or is due by hand)."""
    return alert.next_attempt_at if alert.attempts > 0 else None


def _created(alert: Pending, now: datetime) -> datetime:
    return alert.created_at or now


def plan(
    notifier: Notifier,
    pending: Sequence[Pending],
    now: datetime,
    combine: Callable[[list[Alert]], Alert],
) -> Plan:
    """The plan for ``pending`` (one notifier's pending alerts, oldest first)."""
    deliveries: list[Delivery] = []
    deferrals: list[tuple[int, datetime]] = []

    def hold(alert: Pending, until: datetime) -> None:
        if alert.next_attempt_at != until:
            deferrals.append((alert.id, until))

    changes: list[Alert] = []
    for alert in pending:
        if isinstance(alert, OpsAlert):
            if alert.next_attempt_at is None or alert.next_attempt_at <= now:
                deliveries.append(Delivery(alert, alert))
        else:
            changes.append(alert)
    if not changes:
        return Plan(deliveries, deferrals)
    if notifier.wants_digest():
        _plan_digest(notifier, changes, now, deliveries, hold)
        return Plan(deliveries, deferrals)

    stories: dict[int, list[Alert]] = {}
    for alert in changes:
        stories.setdefault(alert.change.story_id, []).append(alert)
    window = timedelta(seconds=max(0.0, notifier.debounce))
    for group in stories.values():
        urgent = any(a.change.significance >= Significance.MAJOR for a in group)
        while group:
            first = group[0]
            start = _created(first, now)
            batch = [a for a in group if _created(a, now) <= start + window] if window else [first]
            ready = max(start + window, _backoff_until(first) or start)
            quiet = None if urgent else quiet_until(max(ready, now), notifier.quiet_hours, notifier.tz)
            if quiet is not None:
                ready = quiet
            if ready > now:
                hold(first, ready)
                break
            payload = combine(batch) if len(batch) > 1 else first
            deliveries.append(Delivery(first, payload, tuple(a.id for a in batch[1:])))
            group = group[len(batch) :]
    return Plan(deliveries, deferrals)


def _plan_digest(
    notifier: Notifier,
    changes: list[Alert],
    now: datetime,
    deliveries: list[Delivery],
    hold: Callable[[Pending, datetime], None],
) -> None:
    """One digest: every pending alert of the oldest pending window, once that window has ended."""
    first = changes[0]
    end = digest_window_end(_created(first, now), notifier.digest_every(), notifier.tz)
    ready = max(end, _backoff_until(first) or end)
    quiet = quiet_until(max(ready, now), notifier.quiet_hours, notifier.tz)
    if quiet is not None:
        ready = quiet
    if ready > now:
        hold(first, ready)
        return
    batch = [a for a in changes if _created(a, now) < end]
    digest = Digest(id=first.id, notifier=notifier.name, alerts=tuple(batch), until=end)
    deliveries.append(Delivery(first, digest, tuple(a.id for a in batch[1:])))

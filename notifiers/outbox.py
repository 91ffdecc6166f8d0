"""The delivery worker: sends due alerts from the outbox, retries with backoff, and gives up cleanly.

One cycle (``Outbox.deliver_due``) picks the due alerts, sends each through its notifier and records the
outcome in the Store: delivered, failed (next attempt after an exponential, jittered, capped backoff, or the
channel's own ``Retry-After`` when longer) or dead after ``max_attempts``. Guarantees:

- **Per-story order.** An alert waits while an earlier alert of the same story and notifier is still
  pending, so version 3 never arrives before version 2 (this holds across restarts: it is read from the
  Store).
- **Per-notifier isolation.** Each notifier's alerts are sent by its own worker thread; after a failure that
  notifier's remaining alerts wait for the next cycle, and a slow or failing channel never delays another.
  Store writes all happen on the calling thread.
- **Never raises for a channel.** An exception escaping ``send()`` is caught, redacted and recorded like any
  failed delivery. An alert whose notifier is no longer configured is marked dead at once with an error that
  says how to revive it.
"""

from __future__ import annotations

import logging
import queue
import random
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Protocol

from monitor.models import Alert, DeliveryResult, utcnow
from notifiers.base import Notifier, redact

log = logging.getLogger("storywatch.outbox")

_ALL_PENDING = datetime(9000, 1, 1, tzinfo=UTC)  # "due before the end of time": every pending alert
_MAX_RETRY_AFTER = 86400.0  # a channel's Retry-After is honoured up to a day


class OutboxStore(Protocol):
    """The part of ``storage.store.Store`` the outbox uses."""

    def due_alerts(self, now: datetime, *, notifier: str | None = None, limit: int = 100) -> list[Alert]: ...

    def mark_delivered(self, alert_id: int, *, at: datetime) -> None: ...

    def mark_failed(self, alert_id: int, *, error: str, at: datetime, next_attempt_at: datetime | None) -> None: ...

    def retry_alerts(self, *, now: datetime, notifier: str | None = None, dead: bool = False) -> int: ...


class Outbox:
    """Delivers the Store's due alerts through the configured notifiers (by name)."""

    def __init__(
        self,
        store: OutboxStore,
        notifiers: Mapping[str, Notifier],
        *,
        clock: Callable[[], datetime] = utcnow,
        max_attempts: int = 8,
        base_delay: float = 30.0,
        max_delay: float = 3600.0,
        rng: random.Random | None = None,
    ) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self.store = store
        self.notifiers = dict(notifiers)
        self.clock = clock
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.rng = rng or random.Random()
        self._secrets = [secret for n in self.notifiers.values() for secret in n.secrets()]

    # -- policy ------------------------------------------------------------------------------------
    def backoff(self, attempts: int) -> float:
        """Seconds to wait after the ``attempts``-th failed attempt: base · 2^(n-1), ±20 % jitter, capped."""
        delay = self.base_delay * 2 ** max(0, attempts - 1)
        return min(self.max_delay, delay * self.rng.uniform(0.8, 1.2))

    def _redact(self, text: str) -> str:
        return redact(text, self._secrets)

    # -- one cycle ---------------------------------------------------------------------------------
    def deliver_due(self, limit: int = 100) -> list[tuple[Alert, DeliveryResult]]:
        """Attempt every due alert (at most ``limit`` per notifier); returns each attempt's outcome."""
        now = self.clock()
        done: list[tuple[Alert, DeliveryResult]] = []
        for alert in self.store.due_alerts(now, limit=limit):
            if alert.notifier not in self.notifiers:
                done.append((alert, self._orphan(alert, now)))
        work = {name: self._sendable(name, now, limit) for name in self.notifiers}
        work = {name: alerts for name, alerts in work.items() if alerts}
        if not work:
            return done
        outcomes: queue.Queue[tuple[Alert, DeliveryResult] | None] = queue.Queue()
        with ThreadPoolExecutor(max_workers=len(work), thread_name_prefix="storywatch-notify") as pool:
            for name, alerts in work.items():
                pool.submit(self._worker, self.notifiers[name], alerts, outcomes)
            finished = 0
            while finished < len(work):
                item = outcomes.get()
                if item is None:
                    finished += 1
                    continue
                alert, result = item
                done.append((alert, self._record(alert, result)))
        return done

    def retry(self, *, notifier: str | None = None, dead: bool = True) -> int:
        """Make failed alerts (and dead ones, unless ``dead=False``) due now; returns how many."""
        count = self.store.retry_alerts(now=self.clock(), notifier=notifier, dead=dead)
        log.info("retry: %d alert(s) due now%s", count, f" for {notifier}" if notifier else "")
        return count

    # -- internals ---------------------------------------------------------------------------------
    def _sendable(self, name: str, now: datetime, limit: int) -> list[Alert]:
        """``name``'s due alerts in order, minus any behind an earlier, still waiting alert of its story."""
        waiting: set[int] = set()
        ready: list[Alert] = []
        for alert in self.store.due_alerts(_ALL_PENDING, notifier=name, limit=limit):
            story = alert.change.story_id
            if story in waiting:
                continue
            if alert.next_attempt_at is not None and alert.next_attempt_at > now:
                waiting.add(story)
                continue
            ready.append(alert)
        return ready

    def _worker(
        self,
        notifier: Notifier,
        alerts: list[Alert],
        outcomes: queue.Queue[tuple[Alert, DeliveryResult] | None],
    ) -> None:
        """Send ``alerts`` in order through one notifier, stopping at its first failure."""
        try:
            for alert in alerts:
                result = self._send(notifier, alert)
                outcomes.put((alert, result))
                if not result.ok:
                    break
        finally:
            outcomes.put(None)

    def _send(self, notifier: Notifier, alert: Alert) -> DeliveryResult:
        label = notifier.type or notifier.name
        try:
            result = notifier.send(alert)
        except Exception as exc:  # a buggy channel must not take the worker down
            reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            return DeliveryResult(ok=False, error=notifier.redact(f"{label}: unexpected {reason}"))
        if not isinstance(result, DeliveryResult):
            return DeliveryResult(ok=False, error=f"{label}: send() returned {type(result).__name__}")
        return result

    def _record(self, alert: Alert, result: DeliveryResult) -> DeliveryResult:
        """Store the outcome of one attempt; returns it with its error redacted."""
        at = self.clock()
        change = alert.change
        what = f"alert {alert.id} (story {change.story_id} v{change.to_version}) via {alert.notifier}"
        if result.ok:
            self.store.mark_delivered(alert.id, at=at)
            log.info("%s delivered (attempt %d)", what, alert.attempts + 1)
            return result
        error = self._redact(result.error or "delivery failed (no reason given)")
        attempts = alert.attempts + 1
        if attempts >= self.max_attempts:
            self.store.mark_failed(alert.id, error=error, at=at, next_attempt_at=None)
            log.error("%s given up after %d attempts: %s", what, attempts, error)
            return DeliveryResult(ok=False, error=error)
        delay = self.backoff(attempts)
        if result.retry_after is not None:
            delay = max(delay, min(result.retry_after, _MAX_RETRY_AFTER))
        self.store.mark_failed(alert.id, error=error, at=at, next_attempt_at=at + timedelta(seconds=delay))
        log.warning(
            "%s failed (attempt %d of %d), next try in %.0fs: %s", what, attempts, self.max_attempts, delay, error
        )
        return DeliveryResult(ok=False, error=error, retry_after=result.retry_after)

    def _orphan(self, alert: Alert, now: datetime) -> DeliveryResult:
        error = (
            f"notifier {alert.notifier!r} is not configured any more: add it back to config.yaml and run "
            "`storywatch notify retry`, or leave the alert dead"
        )
        self.store.mark_failed(alert.id, error=error, at=now, next_attempt_at=None)
        log.error("alert %d for %s marked dead: %s", alert.id, alert.notifier, error)
        return DeliveryResult(ok=False, error=error)

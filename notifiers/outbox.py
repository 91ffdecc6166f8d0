"""The delivery worker: sends due alerts from the outbox, retries with backoff, and gives up cleanly.

One cycle (``Outbox.deliver_due``) picks the due alerts, sends each through its notifier and records the
outcome in the Store: delivered, failed (next attempt after an exponential, jittered, capped backoff, or the
channel's own ``Retry-After`` when longer) or dead after ``max_attempts``. Guarantees:

- **Per-story order.** An alert waits while an earlier alert of the same story and notifier is still
  pending, so version 3 never arrives before version 2 (this holds across restarts: it is read from the
  Store).
- **Holds and merges** (``notifiers.plan``): debounce windows, quiet hours and digest windows move an alert's
  ``next_attempt_at`` without counting an attempt; a debounced story's changes go out as one combined alert
  (first to last version) and the others are marked delivered as merged into it, in the same transaction.
- **Per-notifier isolation.** Each notifier's alerts are sent by its own worker thread; after a failure that
  notifier's remaining alerts wait for the next cycle, and a slow or failing channel never delays another.
  The worker writes each outcome before it starts the next attempt (a channel's thread reference included).
- **One sender per notifier across workers.** When several daemons share the database (``claims``, the
  worker), a cycle delivers only the notifiers whose outbox it claims; a notifier claimed by another worker
  waits for that worker, so no alert goes out twice and per-story order, debounce merges and digests (planned
  over a notifier's whole queue) hold across workers. The claim is let go once the cycle's outcomes are written.
- **Attempts written down first.** Each attempt's start is committed (``start_attempt``) before the channel is
  called and cleared with its outcome, so an alert whose process died mid-send reaches its channel with
  ``attempt_started_at`` set: Slack with a bot token looks for the message before sending it again; webhooks
  (delivery id) and email (Message-ID) resend the same identity, which receivers drop. After a delivery the
  next alert's start is committed with that outcome, in one transaction (one commit per alert sent, not two):
  a process that dies between that commit and the send leaves the next alert marked though never sent, so
  after a restart a channel that looks (Slack with a bot token) looks once in vain, and nothing goes twice.
- **Never raises for a channel.** An exception escaping ``send()`` is caught, redacted and recorded like any
  failed delivery. An alert whose notifier is no longer configured is marked dead at once with an error that
  says how to revive it.
"""

from __future__ import annotations

import logging
import queue
import random
from collections.abc import Callable, Collection, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from monitor.alert_types import Digest, OpsAlert, RoutedAlert, merge_reasons
from monitor.models import Alert, Change, DeliveryResult, Story, Version, utcnow
from notifiers._http import burst
from notifiers.base import Notifier, redact
from notifiers.plan import Delivery, plan

log = logging.getLogger("storywatch.outbox")

_ALL_PENDING = datetime(9000, 1, 1, tzinfo=UTC)  # "due before the end of time": every pending alert
_MAX_RETRY_AFTER = 86400.0  # a channel's Retry-After is honoured up to a day
LAST_TEXT_PARAGRAPHS = 3  # how much of a removed story's last version its alert quotes


class OutboxStore(Protocol):
    """The part of ``storage.store.Store`` the outbox uses."""

    def due_alerts(self, now: datetime, *, notifier: str | None = None, limit: int = 100) -> list[Any]: ...

    def unrouted_alerts(self, now: datetime, known: Collection[str], *, limit: int = 100) -> list[Any]: ...

    def start_attempt(self, alert_id: int, *, at: datetime) -> None: ...

    def mark_delivered(
        self, alert_id: int, *, at: datetime, merged: Sequence[int] = (), start: int | None = None
    ) -> None: ...

    def defer_alert(self, alert_id: int, *, until: datetime) -> None: ...

    def get_version(self, story_id: int, number: int) -> Version | None: ...

    def get_versions(self, keys: Sequence[tuple[int, int]]) -> dict[tuple[int, int], Version]: ...

    def get_story(self, ref: str | int) -> Story | None: ...

    def thread_ref(self, story_id: int, notifier: str) -> str | None: ...

    def save_thread(
        self, story_id: int, notifier: str, ref: str, *, channel: str | None = None, now: datetime
    ) -> str: ...

    def mark_failed(self, alert_id: int, *, error: str, at: datetime, next_attempt_at: datetime | None) -> None: ...

    def retry_alerts(self, *, now: datetime, notifier: str | None = None, dead: bool = False) -> int: ...


class Claims(Protocol):
    """What the outbox needs of a worker (``monitor.workers.Worker``) to share the outbox with other workers."""

    def claim(self, kind: str, key: str) -> bool: ...

    def release(self, kind: str, keys: Sequence[str] | str) -> None: ...


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
        self.claims: Claims | None = None  # set by the daemon when workers share the database
        self._secrets = [secret for n in self.notifiers.values() for secret in n.secrets()]
        for notifier in self.notifiers.values():
            notifier.threads = _Threads(store, notifier.name, clock)

    # -- policy ------------------------------------------------------------------------------------
    def backoff(self, attempts: int) -> float:
        """Seconds to wait after the ``attempts``-th failed attempt: base · 2^(n-1), ±20 % jitter, capped."""
        delay = self.base_delay * 2 ** max(0, attempts - 1)
        return min(self.max_delay, delay * self.rng.uniform(0.8, 1.2))

    def _redact(self, text: str) -> str:
        # a NUL from a channel's answer: PostgreSQL stores no NUL in text, so the outcome could never be written
        return redact(text, self._secrets).replace("\x00", "")

    # -- one cycle ---------------------------------------------------------------------------------
    def deliver_due(self, limit: int = 100) -> list[tuple[Any, DeliveryResult]]:
        """Attempt every due delivery (from at most ``limit`` pending alerts per notifier); returns outcomes.

        Each outcome pairs what was sent (an ``Alert``, a combined alert, a ``Digest`` or an ``OpsAlert``)
        with its result.
        """
        now = self.clock()
        done: list[tuple[Any, DeliveryResult]] = []
        for alert in self.store.unrouted_alerts(now, self.notifiers, limit=limit):
            done.append((alert, self._orphan(alert, now)))
        claimed = [name for name in self.notifiers if self.claims is None or self.claims.claim("notifier", name)]
        try:
            return done + self._deliver(claimed, now, limit)
        finally:
            if self.claims is not None and claimed:
                self.claims.release("notifier", claimed)

    def _deliver(self, names: Sequence[str], now: datetime, limit: int) -> list[tuple[Any, DeliveryResult]]:
        """Send the due deliveries of ``names`` (one thread per notifier) and record each outcome."""
        done: list[tuple[Any, DeliveryResult]] = []
        work = {name: self._sendable(name, now, limit) for name in names}
        work = {name: deliveries for name, deliveries in work.items() if deliveries}
        if not work:
            return done
        outcomes: queue.Queue[tuple[Any, DeliveryResult] | Exception | None] = queue.Queue()
        failures: list[Exception] = []
        with ThreadPoolExecutor(max_workers=len(work), thread_name_prefix="storywatch-notify") as pool:
            for name, deliveries in work.items():
                pool.submit(self._worker, self.notifiers[name], deliveries, outcomes)
            finished = 0
            while finished < len(work):
                item = outcomes.get()
                if item is None:
                    finished += 1
                elif isinstance(item, Exception):
                    failures.append(item)
                else:
                    done.append(item)
        if failures:  # an outcome not written (the database failing): the caller reports it, as for any cycle
            raise failures[0]
        return done

    def drain(self, *, batch: int = 100, max_rounds: int = 10_000) -> list[tuple[Any, DeliveryResult]]:
        """``deliver_due`` again and again until a round finds nothing to send: what ``check`` does before it
        exits, so a pass that found 2,000 changes delivers 2,000 alerts, not the first batch of each notifier.

        A failed delivery is not due again until its backoff ends, and held alerts are not due at all, so the
        rounds end; ``max_rounds`` is only a guard."""
        done: list[tuple[Any, DeliveryResult]] = []
        for _ in range(max_rounds):
            results = self.deliver_due(limit=batch)
            done.extend(results)
            if not results or not any(result.ok for _, result in results):
                break
        return done

    def retry(self, *, notifier: str | None = None, dead: bool = True) -> int:
        """Make failed alerts (and dead ones, unless ``dead=False``) due now; returns how many."""
        count = self.store.retry_alerts(now=self.clock(), notifier=notifier, dead=dead)
        log.info("retry: %d alert(s) due now%s", count, f" for {notifier}" if notifier else "")
        return count

    # -- internals ---------------------------------------------------------------------------------
    def _sendable(self, name: str, now: datetime, limit: int) -> list[Delivery]:
        """``name``'s deliveries due now, in order; holds (debounce, quiet hours, digest) are written back."""
        notifier = self.notifiers[name]
        due = self.store.due_alerts(_ALL_PENDING, notifier=name, limit=limit)
        shown = self.store.get_versions([(a.change.story_id, a.change.to_version) for a in due if isinstance(a, Alert)])
        pending = [self._with_story(alert, shown) for alert in due]
        planned = plan(notifier, pending, now, self._combine)
        for alert_id, until in planned.deferrals:
            self.store.defer_alert(alert_id, until=until)
        return planned.deliveries

    def _with_story(self, alert: Any, versions: Mapping[tuple[int, int], Version]) -> Any:
        """A change alert with what its channels show but may not read from the database themselves: the
        publication (the site's own name when the stored article carries one, else the source's name) and,
        for a removal, the last known text (the first paragraphs of the story's last version). ``versions``:
        the stored versions of the cycle's alerts by (story id, number), read at once."""
        if not isinstance(alert, Alert):
            return alert
        change = alert.change
        version = versions.get((change.story_id, change.to_version))
        site = version.article.extractor.get("site_name") if version is not None else None
        story = None if site else self.store.get_story(change.story_id)
        publication = site or (story.source if story is not None else None)
        last_text: tuple[str, ...] = ()
        if version is not None and change.summary.event == "removed":
            last_text = tuple(version.article.body[:LAST_TEXT_PARAGRAPHS])
        return replace(alert, publication=publication, last_text=last_text)

    def _combine(self, batch: list[Alert]) -> Alert:
        """One alert for several changes of a story: the diff from the first's old to the last's new version."""
        from monitor.diff.summary import summarize

        first, last = batch[0].change, batch[-1].change
        old = self.store.get_version(first.story_id, first.from_version)
        new = self.store.get_version(last.story_id, last.to_version)
        summary = last.summary
        if old is not None and new is not None:
            summary = summarize(old.article, new.article)
        declared = any(a.change.summary.declared for a in batch)
        change = Change(
            id=last.id,
            story_id=last.story_id,
            story_url=last.story_url,
            headline=last.headline,
            from_version=first.from_version,
            to_version=last.to_version,
            from_seen_at=first.from_seen_at,
            to_seen_at=last.to_seen_at,
            summary=replace(summary, declared=declared),
        )
        head = batch[0]
        return RoutedAlert(
            id=head.id,
            notifier=head.notifier,
            change=change,
            dedupe_key=head.dedupe_key,
            status=head.status,
            attempts=head.attempts,
            next_attempt_at=head.next_attempt_at,
            last_error=head.last_error,
            created_at=head.created_at,
            attempt_started_at=head.attempt_started_at,
            story_id=change.story_id,
            reasons=merge_reasons(batch),
            combined=len(batch),
            publication=batch[-1].publication,
        )

    def _worker(
        self,
        notifier: Notifier,
        deliveries: list[Delivery],
        outcomes: queue.Queue[tuple[Any, DeliveryResult] | Exception | None],
    ) -> None:
        """Send ``deliveries`` in order through one notifier, stopping at its first failure (an HTTP channel's
        POSTs on one client: connected once for them all). Each outcome is written down before the next alert's
        attempt starts (a delivery's outcome and the next start in one transaction), so a crash finds at most one
        alert of a notifier in flight; one that cannot be written stops the notifier and goes to ``outcomes`` as
        the exception (the alert's start stays written down: the next cycle sends it again, as after a crash)."""
        try:
            with burst():
                started = False  # the delivery's start already written, with the previous outcome
                for index, delivery in enumerate(deliveries):
                    if not started:
                        try:
                            self.store.start_attempt(delivery.primary.id, at=self.clock())
                        except Exception as exc:  # not written down, not sent: a crash mid-send would go unnoticed
                            log.warning("%s: delivery postponed, its start cannot be recorded: %s", notifier.name, exc)
                            break
                    result = self._send(notifier, delivery.payload)
                    following = deliveries[index + 1].primary.id if index + 1 < len(deliveries) else None
                    try:
                        recorded = self._record(delivery, result, start=following)
                    except Exception as exc:  # noqa: BLE001 - handed to the cycle's caller, which raises it
                        outcomes.put(exc)
                        break
                    outcomes.put((delivery.payload, recorded))
                    if not result.ok:
                        break
                    started = following is not None
        finally:
            outcomes.put(None)

    def _send(self, notifier: Notifier, payload: Any) -> DeliveryResult:
        label = notifier.type or notifier.name
        try:
            if isinstance(payload, OpsAlert):
                result = notifier.send_ops(payload)
            elif isinstance(payload, Digest):
                result = notifier.send_digest(payload)
            else:
                result = notifier.send(payload)
        except Exception as exc:  # a buggy channel must not take the worker down
            reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            return DeliveryResult(ok=False, error=notifier.redact(f"{label}: unexpected {reason}"))
        if not isinstance(result, DeliveryResult):
            return DeliveryResult(ok=False, error=f"{label}: send() returned {type(result).__name__}")
        return result

    def _record(self, delivery: Delivery, result: DeliveryResult, *, start: int | None = None) -> DeliveryResult:
        """Store the outcome of one attempt; returns it with its error redacted. After a delivery, alert ``start``'s
        attempt begins in the same transaction (a failure starts none: the notifier stops)."""
        at = self.clock()
        alert = delivery.primary
        what = f"alert {alert.id} ({_describe(delivery.payload)}) via {alert.notifier}"
        if result.ok:
            if start is None:
                self.store.mark_delivered(alert.id, at=at, merged=delivery.merged)
            else:
                self.store.mark_delivered(alert.id, at=at, merged=delivery.merged, start=start)
            merged = f", {len(delivery.merged)} merged into it" if delivery.merged else ""
            log.info("%s delivered (attempt %d%s)", what, alert.attempts + 1, merged)
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

    def _orphan(self, alert: Any, now: datetime) -> DeliveryResult:
        error = (
            f"notifier {alert.notifier!r} is not configured any more: add it back to config.yaml and run "
            "`storywatch notify retry`, or leave the alert dead"
        )
        self.store.mark_failed(alert.id, error=error, at=now, next_attempt_at=None)
        log.error("alert %d for %s marked dead: %s", alert.id, alert.notifier, error)
        return DeliveryResult(ok=False, error=error)


def _describe(payload: Any) -> str:
    if isinstance(payload, Digest):
        return f"digest of {len(payload.alerts)} change(s)"
    if isinstance(payload, OpsAlert):
        return f"operations: {payload.kind}"
    change = payload.change
    return f"story {change.story_id} v{change.from_version}→v{change.to_version}"


class _Threads:
    """One notifier's thread references per story, kept in the Store (``Notifier.threads``)."""

    def __init__(self, store: OutboxStore, notifier: str, clock: Callable[[], datetime]) -> None:
        self.store = store
        self.notifier = notifier
        self.clock = clock

    def get(self, story_id: int) -> str | None:
        return self.store.thread_ref(story_id, self.notifier)

    def save(self, story_id: int, ref: str, channel: str | None = None) -> str:
        return self.store.save_thread(story_id, self.notifier, ref, channel=channel, now=self.clock())

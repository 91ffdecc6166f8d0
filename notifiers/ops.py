"""Operations alerts: the operator's channel hears about failing sources, broken extraction and outbox trouble.

Only notifiers configured with ``operations: true`` receive them (and those never receive editors' change
alerts: ``Notifier.route`` refuses every change for them). They travel through the same outbox (retries,
backoff, dead letters, ``notify status``), each with a dedupe key, so raising the same condition twice sends
it once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from notifiers.base import Notifier

log = logging.getLogger("storywatch.ops")

KINDS = ("source_failing", "source_recovered", "extraction_broken", "outbox_backlog", "outbox_dead")


class OpsStore(Protocol):
    def add_ops_alerts(
        self, notifiers: list[str], *, kind: str, subject: str, body: str, key: str, now: datetime
    ) -> list[int]: ...

    def outbox_status(self, now: datetime | None = None) -> list: ...


def operations_notifiers(notifiers: Iterable[Notifier]) -> list[str]:
    """Names of the enabled notifiers marked ``operations: true``."""
    return [n.name for n in notifiers if n.operations and n.enabled]


def raise_ops_alert(
    store: OpsStore,
    notifiers: Iterable[Notifier],
    kind: str,
    subject: str,
    text: str,
    now: datetime,
    *,
    key: str | None = None,
) -> int:
    """Queue one operations alert per operations notifier; returns how many were queued.

    ``key`` identifies the occurrence (default: kind, subject and the hour): the same key queues nothing
    again, so a caller may raise a condition on every cycle while it lasts. Texts must carry no secrets
    (pass them through ``Settings.secrets`` redaction first).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown operations alert kind {kind!r} (known: {', '.join(KINDS)})")
    names = operations_notifiers(notifiers)
    if not names:
        return 0
    key = key or f"{kind}:{subject}:{now:%Y-%m-%dT%H}"
    made = store.add_ops_alerts(names, kind=kind, subject=subject, body=text, key=key, now=now)
    if made:
        log.warning("operations alert queued for %s: %s", ", ".join(names), subject)
    return len(made)


def source_failing(
    store: OpsStore,
    notifiers: Iterable[Notifier],
    source: str,
    failures: int,
    error: str,
    now: datetime,
    *,
    threshold: int = 3,
) -> int:
    """Call after each failed check of ``source``: alerts once when ``failures`` reaches ``threshold``."""
    if failures != threshold:
        return 0
    text = f"Source {source!r} failed {failures} checks in a row. Last error: {error}"
    return raise_ops_alert(
        store,
        notifiers,
        "source_failing",
        f"source {source} failing",
        text,
        now,
        key=f"failing:{source}:{now:%Y-%m-%dT%H:%M}",
    )


def source_recovered(
    store: OpsStore,
    notifiers: Iterable[Notifier],
    source: str,
    failures_before: int,
    now: datetime,
    *,
    threshold: int = 3,
) -> int:
    """Call after a successful check of ``source``: alerts when it had failed ``threshold`` times or more."""
    if failures_before < threshold:
        return 0
    text = f"Source {source!r} works again after {failures_before} failed checks."
    return raise_ops_alert(
        store,
        notifiers,
        "source_recovered",
        f"source {source} recovered",
        text,
        now,
        key=f"recovered:{source}:{now:%Y-%m-%dT%H:%M}",
    )


def check_outbox(store: OpsStore, notifiers: Iterable[Notifier], now: datetime, *, backlog: int = 100) -> int:
    """Call once per delivery cycle: alerts on dead alerts and on a backlog of pending ones (per notifier).

    Operations notifiers' own outbox is not reported to themselves (it could not be delivered anyway). Alerts
    held on purpose (quiet hours, debounce, a digest window) are not a backlog.
    """
    notifiers = list(notifiers)
    own = set(operations_notifiers(notifiers))
    queued = 0
    for row in store.outbox_status(now):
        if row.notifier in own:
            continue
        if row.dead:
            text = (
                f"Notifier {row.notifier!r} has {row.dead} dead alert(s) (gave up after the last attempt). "
                f"Last error: {row.last_error or 'unknown'}. "
                "Fix the channel, then run `storywatch notify retry --dead`."
            )
            subject = f"{row.notifier}: {row.dead} dead alert(s)"
            queued += raise_ops_alert(
                store, notifiers, "outbox_dead", subject, text, now, key=f"dead:{row.notifier}:{row.dead}"
            )
        waiting = row.pending - row.held
        if waiting >= backlog:
            text = (
                f"Notifier {row.notifier!r} has {waiting} alerts waiting ({row.failing} failing). "
                f"Last error: {row.last_error or 'none'}."
            )
            subject = f"{row.notifier}: outbox backlog of {waiting}"
            queued += raise_ops_alert(store, notifiers, "outbox_backlog", subject, text, now)
    return queued

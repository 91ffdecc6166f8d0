"""What the outbox hands a channel besides a plain ``Alert``: routed alerts, digests and operations alerts.

They extend ``monitor.models``: a ``RoutedAlert`` is an
``Alert`` that also says *why* it was routed (watch terms) and whether it combines several changes
(debounce); an ``OpsAlert`` is an operations message with no change; a ``Digest`` bundles a window's alerts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from monitor.models import Alert, AlertStatus


@dataclass(frozen=True)
class RoutedAlert(Alert):
    """An alert with its routing reasons and, after a debounce, the number of changes it combines."""

    story_id: int | None = None
    reasons: Mapping[str, Any] = field(default_factory=dict)
    combined: int = 1  # how many stored changes this one message covers (first to last version)


@dataclass(frozen=True)
class OpsAlert:
    """An operations alert (source failing/recovered, extraction broken, outbox trouble): no story change."""

    id: int
    notifier: str
    kind: str  # "source_failing" | "source_recovered" | "extraction_broken" | "outbox_backlog" | "outbox_dead"
    subject: str
    body: str
    dedupe_key: str
    status: AlertStatus = AlertStatus.PENDING
    attempts: int = 0
    next_attempt_at: datetime | None = None
    last_error: str | None = None
    created_at: datetime | None = None
    delivered_at: datetime | None = None
    attempt_started_at: datetime | None = None  # set: an attempt began and its outcome was never recorded


@dataclass(frozen=True)
class Digest:
    """Every alert of one notifier's digest window, oldest first."""

    id: int  # the first alert's id (stable across retries: the digest's Message-ID is built from it)
    notifier: str
    alerts: tuple[Alert, ...]
    until: datetime  # the window's end


Outgoing = Alert | OpsAlert | Digest


TEST_LINE = (
    "This is a test sent by `storywatch notify test`: the story is invented (story 0) and nothing has changed; "
    "a diff link here has the real shape, and the web view answering it with “no story '0'” shows it works."
)


def is_test(alert: Alert) -> bool:
    """True for the synthetic alert of ``storywatch notify test`` (its reasons say ``test``)."""
    return bool((getattr(alert, "reasons", None) or {}).get("test"))


def reason_lines(alert: Alert) -> list[str]:
    """Plain-text lines telling the editor why this alert came (watch terms) and what it combines."""
    reasons: Mapping[str, Any] = getattr(alert, "reasons", None) or {}
    lines = [TEST_LINE] if reasons.get("test") else []
    lines += [f"Watched term appeared: “{term}”" for term in reasons.get("watch_appeared", ())]
    lines += [f"Watched term disappeared: “{term}”" for term in reasons.get("watch_disappeared", ())]
    below = reasons.get("below_threshold")
    if below:
        lines.append(f"Sent although below this channel's minimum ({below}) because of a watched term")
    combined = int(getattr(alert, "combined", 1) or 1)
    if combined > 1:
        change = alert.change
        lines.append(f"{combined} updates combined: version {change.from_version} → {change.to_version}")
    return lines


def merge_reasons(alerts: list[Alert]) -> dict[str, Any]:
    """The union of several alerts' routing reasons (order kept, no repeats)."""
    merged: dict[str, Any] = {}
    for alert in alerts:
        for key, value in (getattr(alert, "reasons", None) or {}).items():
            if isinstance(value, (list, tuple)):
                seen = merged.setdefault(key, [])
                seen.extend(item for item in value if item not in seen)
            else:
                merged.setdefault(key, value)
    return merged


def story_of(alert: Outgoing) -> int | None:
    """The story an alert belongs to (None for operations alerts and digests)."""
    if isinstance(alert, Alert):
        return alert.change.story_id
    return None

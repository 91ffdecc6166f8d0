"""Invented alerts with fixed times, one per event kind an editor receives: an update, a correction, a
removal, a restoration and the ``notify test`` alert. The golden-file tests and ``bench/alert_preview.py``
send them through every channel."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from monitor.alert_types import RoutedAlert
from monitor.models import Alert, Change, DiffSummary, NumberChange, Significance
from notifiers.sample import alert_for_notify_test, sample_change

PUBLICATION = "Harbour Herald"
FOUND = datetime(2025, 8, 29, 6, 40, tzinfo=UTC)


def _alert(alert_id: int, change: Change, notifier: str, **fields: object) -> Alert:
    return RoutedAlert(
        id=alert_id,
        notifier=notifier,
        change=change,
        dedupe_key=f"change:{change.id}:{notifier}",
        created_at=change.created_at or change.to_seen_at,
        story_id=change.story_id,
        publication=PUBLICATION,
        **fields,  # type: ignore[arg-type]
    )


def update(notifier: str) -> Alert:
    """The summit story updated overnight: a guest added, a number changed, a quote with its speaker."""
    change = sample_change()
    summary = replace(
        change.summary,
        published=None,
        modified=("2025-08-28T21:00:00Z", "2025-08-29T06:30:00Z"),
    )
    change = replace(
        change,
        id=11,
        to_seen_at=datetime(2025, 8, 29, 6, 35, tzinfo=UTC),
        summary=summary,
        created_at=datetime(2025, 8, 29, 6, 35, tzinfo=UTC),
    )
    return _alert(101, change, notifier)


def correction(notifier: str) -> Alert:
    """A correction note and the number it corrects; the page's own ``*`` and ``_`` must stay plain text."""
    ops = (
        ("=", "The council met on Tuesday evening to debate the *revised* harbour plan.\n\nAt least "),
        ("-", "14"),
        ("+", "41"),
        ("=", " residents spoke against the plan, many of them fishers from the north_quay moorings."),
    )
    summary = DiffSummary(
        significance=Significance.SUBSTANTIVE,
        declared=True,
        update_notes=("Correction: An earlier version of this story misstated the number of residents who spoke.",),
        numbers=(NumberChange("14", "41", "At least 41 residents spoke against the plan."),),
        quotes_added=(),
        paragraphs_changed=1,
        sentences_changed=1,
        ops=ops,
    )
    change = Change(
        id=12,
        story_id=9,
        story_url="https://news.example.org/local/council-harbour-plan",
        headline="Council delays *harbour plan* vote after residents object",
        from_version=2,
        to_version=3,
        from_seen_at=datetime(2025, 8, 28, 19, 5, tzinfo=UTC),
        to_seen_at=datetime(2025, 8, 29, 7, 50, tzinfo=UTC),
        summary=summary,
        created_at=datetime(2025, 8, 29, 7, 50, tzinfo=UTC),
    )
    return _alert(102, change, notifier)


_LAST_TEXT = (
    "The ferry operator Nordline said on Thursday it would suspend all crossings to Skarra Island from "
    "Monday, citing the cost of fuel.",
    "“We cannot run a service that loses money on every sailing,” said Tove Lind, the company's chief executive.",
    "Islanders said they had not been consulted.",
)


def _event(kind: str, detail: str, alert_id: int, last_text: tuple[str, ...] = ()) -> Change:
    summary = DiffSummary(significance=Significance.MAJOR, declared=False, event=kind, event_detail=detail)
    return Change(
        id=alert_id - 90,
        story_id=14,
        story_url="https://news.example.org/business/nordline-suspends-skarra-ferry",
        headline="Nordline to suspend Skarra ferry from Monday",
        from_version=2,
        to_version=2,
        from_seen_at=datetime(2025, 8, 27, 15, 0, tzinfo=UTC),
        to_seen_at=datetime(2025, 8, 27, 15, 0, tzinfo=UTC),
        summary=summary,
        created_at=FOUND if kind == "removed" else datetime(2025, 8, 29, 12, 15, tzinfo=UTC),
    )


def removal(notifier: str) -> Alert:
    """The ferry story pulled by its publisher (HTTP 410): the alert quotes what it said last."""
    return _alert(103, _event("removed", "HTTP 410 Gone", 103), notifier, last_text=_LAST_TEXT)


def restoration(notifier: str) -> Alert:
    """The same story back on the site."""
    return _alert(104, _event("restored", "HTTP 200 OK", 104), notifier)


def notify_test(notifier: str) -> Alert:
    return alert_for_notify_test(notifier)


CASES = {
    "update": update,
    "correction": correction,
    "removal": removal,
    "restoration": restoration,
    "test": notify_test,
}

"""A synthetic change and alert about an invented story, for ``storywatch notify test`` and golden tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from monitor.alert_types import RoutedAlert
from monitor.models import Alert, Change, DiffSummary, NumberChange, Significance

_BEFORE = (
    "Leaders from across the region gathered in Port Calder on Thursday for the opening of the Harbour "
    "Summit, the largest diplomatic meeting the city has hosted since its new conference hall opened.\n\n"
    "Delegations arrived by ferry and by the coast road, which was closed to other traffic from dawn. "
    "Hotels in the old town reported that every room had been booked for the four days of talks."
)
_AFTER = "Officials said security around the old harbour would remain tight until the closing session on Sunday."


def sample_change() -> Change:
    """A fixed, invented change: headline rewritten, a guest added, a number corrected, an update note."""
    summary = DiffSummary(
        significance=Significance.MAJOR,
        declared=True,
        update_notes=("This story has been updated with the final guest list.",),
        headline=("Harbour Summit opens in Port Calder", "Harbour Summit opens with 27 heads of state"),
        entities_added=("Ilse Varga",),
        numbers=(NumberChange("26", "27", "A total of 27 foreign heads of state are attending the summit."),),
        quotes_added=("We came to listen first",),
        quote_speakers=(("We came to listen first", "Varga"),),
        paragraphs_added=1,
        paragraphs_changed=1,
        ops=(
            ("=", _BEFORE + "\n\nA total of "),
            ("-", "26"),
            ("+", "27"),
            ("=", " foreign heads of state are attending the summit."),
            ("-", " Organisers had not confirmed the full list."),
            ("=", " Other guests include the mayor"),
            ("+", " and the Nordmark envoy, Ilse Varga"),
            ("=", ".\n\n"),
            ("+", "“We came to listen first,” Varga told reporters at the quay.\n\n"),
            ("=", _AFTER),
        ),
    )
    return Change(
        id=1,
        story_id=7,
        story_url="https://news.example.org/world/harbour-summit-opens",
        headline="Harbour Summit opens with 27 heads of state",
        from_version=1,
        to_version=2,
        from_seen_at=datetime(2025, 8, 28, 9, 0, tzinfo=UTC),
        to_seen_at=datetime(2025, 8, 28, 11, 30, tzinfo=UTC),
        summary=summary,
    )


def sample_alert(notifier: str) -> Alert:
    """A synthetic alert for ``notifier`` (id 0, never stored) carrying :func:`sample_change`."""
    change = sample_change()
    return Alert(
        id=0,
        notifier=notifier,
        change=change,
        dedupe_key=f"test:{change.id}:{notifier}",
        created_at=change.to_seen_at,
        publication="Port Calder Gazette",
    )


def alert_for_notify_test(notifier: str) -> Alert:
    """What ``storywatch notify test`` sends: :func:`sample_alert`, marked as a test in every channel.

    Its reasons say ``test``, so every channel titles it "Test alert from storywatch — …" and says why it came.
    Its story id is 0, which no stored story has, so a test email never joins a real story's thread (and a
    Slack bot opens none: alerts with id 0 never do).
    """
    alert = sample_alert(notifier)
    change = replace(alert.change, story_id=0)
    return RoutedAlert(
        id=alert.id,
        notifier=notifier,
        change=change,
        dedupe_key=alert.dedupe_key,
        created_at=alert.created_at,
        story_id=0,
        reasons={"test": True},
        publication=alert.publication,
    )

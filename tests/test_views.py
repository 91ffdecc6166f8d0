"""The one-line summaries: after a `check` pass, and per version in `history`."""

from __future__ import annotations

from monitor.cli.tables import outcome_summary
from monitor.models import CheckOutcome, DiffSummary, Significance
from monitor.read_model import one_line


def test_the_pass_summary_counts_merged_and_deferred_stories_only_when_there_are_some() -> None:
    outcomes = [
        CheckOutcome("world", "discovered", discovered=3),
        CheckOutcome("https://news.example.org/a", "changed", story_id=1),
        CheckOutcome("https://news.example.org/a-new-slug", "merged", story_id=1),
        CheckOutcome("https://news.example.org/b", "deferred", story_id=2),
        CheckOutcome("https://news.example.org/c", "unchanged", story_id=3),
    ]
    line = outcome_summary(outcomes, delivered=1, undelivered=0)
    assert line.startswith("1 source(s), 4 story check(s): 1 changed, 0 new, 1 unchanged, 0 removed, 0 failed")
    assert ", 1 merged, 1 deferred; alerts: 1 delivered, 0 waiting in the outbox" in line
    assert "merged" not in outcome_summary(outcomes[:2], delivered=0, undelivered=0)


def test_the_pass_summary_counts_every_alert_still_in_the_outbox() -> None:
    """Alerts held by quiet hours or failing since an earlier pass are waiting too, not only this pass's."""
    outcomes = [CheckOutcome("https://news.example.org/a", "changed", story_id=1)]
    line = outcome_summary(outcomes, delivered=2, undelivered=1, waiting=5)
    assert line.endswith("alerts: 2 delivered, 1 failed (retried later), 5 waiting in the outbox")


def test_history_lines_name_removals_and_restorations() -> None:
    gone = DiffSummary(Significance.MAJOR, False, event="removed", event_detail="HTTP 410 Gone")
    back = DiffSummary(Significance.MAJOR, False, event="restored", event_detail="HTTP 200")
    assert one_line(gone) == "Story removed: the page is gone (HTTP 410 Gone)"
    assert one_line(back) == "Story restored: the page is back (HTTP 200)"


def test_a_flip_back_and_forth_says_so_in_the_history() -> None:
    flip = DiffSummary(Significance.SUBSTANTIVE, False, reverted_to=2, flapping=(1, 2))
    assert one_line(flip).startswith("Reverted to version 2 (the page keeps flipping; no alert)")
    assert "flipping" not in one_line(DiffSummary(Significance.SUBSTANTIVE, False, reverted_to=1))

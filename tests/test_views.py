"""The one-line summary `check` prints after a pass."""

from __future__ import annotations

from monitor.models import CheckOutcome
from monitor.views import outcome_summary


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
    assert ", 1 merged, 1 deferred; alerts: 1 delivered" in line
    assert "merged" not in outcome_summary(outcomes[:2], delivered=0, undelivered=0)

"""New summary items — times, live-blog posts, edited quotes, numbers with units — in every renderer.

The summaries come from the data-driven cases in tests/data/diffs (summarised for real), so these tests
check only how the items read, not how they were found.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace

import pytest

from monitor.diff import summarize
from monitor.models import DiffSummary, Significance
from monitor.read_model import one_line
from notifiers.render import alert_text, render_html, render_markdown, render_text, sample_alert, sample_change
from notifiers.render_slack import slack_payload
from tests.test_diff_cases import CASES, versions

CASE = dict(CASES)


def _summary(name: str) -> DiffSummary:
    *_, old, new = versions(CASE[name])
    return summarize(old, new)


def _renderings(summary: DiffSummary) -> dict[str, str]:
    change = replace(sample_change(), summary=summary)
    alert = replace(sample_alert("desk"), change=change)
    return {
        "text": render_text(change),
        "markdown": render_markdown(change),
        "html": render_html(change),
        "alert": alert_text(alert),
        "slack": json.dumps(slack_payload(alert), ensure_ascii=False),
    }


@pytest.mark.parametrize(
    ("case", "line"),
    [
        ("modified_time_moves", "Modified time: 08:00 → 11:30 UTC"),
        ("published_later", "Published time: 08:00 → 13:05 UTC"),
        ("live_blog_first_post", "New posts (1): [2025-08-28 09:15Z] Talks have resumed."),
        ("number_money", "$26 million → $27 million: The regional water fund pledged $27 million"),
        ("number_percent", "12% → 15%: Reservoirs stand at 15% of capacity"),
        ("quote_edited", "Quote edited: “We cannot drink promises, we need agreements” → “We cannot drink"),
    ],
)
def test_every_renderer_shows_the_item(case: str, line: str) -> None:
    summary = _summary(case)
    assert any(text.startswith(line) for text in summary.lines()), summary.lines()
    for name, rendered in _renderings(summary).items():
        assert line in _readable(rendered), f"{name} lacks {line!r}"


def _readable(rendered: str) -> str:
    """The rendering as a reader sees it: entities and Markdown escapes undone, wrapped lines joined."""
    text = html.unescape(rendered.replace("\\n", "\n"))
    return " ".join(re.sub(r"\\(.)", r"\1", text).split())


def test_live_blog_lists_posts_instead_of_added_paragraphs() -> None:
    lines = _summary("live_blog_new_posts").lines()
    posts = [line for line in lines if line.startswith("New posts (2): ")]
    assert len(posts) == 1 and " · " in posts[0]
    assert "Paragraphs: 1 changed" in lines  # the edited post, not the two new ones
    assert not any(line.startswith("Added:") for line in lines), "names of new posts are in the post list"


def test_times_across_days_carry_their_dates() -> None:
    summary = DiffSummary(
        significance=Significance.MINOR,
        declared=True,
        modified=("2025-08-28T22:50:00Z", "2025-08-29T01:10:00Z"),
        published=(None, "2025-08-29T01:00:00Z"),
    )
    assert "Modified time: 2025-08-28 22:50 → 2025-08-29 01:10 UTC" in summary.lines()
    assert "Published time: none → 2025-08-29 01:00 UTC" in summary.lines()


@pytest.mark.parametrize("case", ["live_blog_new_posts", "quote_edited", "modified_time_moves", "number_money"])
def test_new_fields_survive_storage_as_json(case: str) -> None:
    summary = _summary(case)
    data = json.loads(json.dumps(summary.to_json()))
    assert DiffSummary.from_json(data) == summary


def test_new_keys_follow_the_contract_keys() -> None:
    keys = list(_summary("modified_time_moves").to_json())
    contract = ["significance", "declared", "update_notes", "headline", "byline", "entities", "numbers", "quotes"]
    assert keys[: len(contract)] == contract
    assert keys.index("ops") < keys.index("published") < keys.index("modified") < keys.index("new_posts")
    assert keys[-3:] == ["quotes_edited", "flapping", "quote_speakers"]


def test_old_stored_summaries_still_load() -> None:
    stored = _summary("count_rises").to_json()
    for key in ("published", "modified", "new_posts", "quotes_edited", "flapping"):
        del stored[key]
    summary = DiffSummary.from_json(stored)
    assert summary.published is None and summary.new_posts == () and summary.quotes_edited == ()
    assert summary.flapping is None


def test_the_history_line_says_what_happened_to_quotes_and_posts() -> None:
    summary = DiffSummary(
        Significance.SUBSTANTIVE,
        False,
        quotes_added=("“We stay,” she said.",),
        quotes_edited=(("“Soon,” he said.", "“Not soon,” he said."),),
        new_posts=("10:05 The ferry left.", "10:20 It docked."),
    )
    line = one_line(summary)
    assert "1 quote added · 1 quote edited · 2 new posts" in line and "changed" not in line
    assert line.endswith("silent")

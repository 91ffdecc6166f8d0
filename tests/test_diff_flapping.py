"""A CMS cache flipping A → B → A → B → A through the real pipeline: every version is stored, the first change
and the first revert alert, the repeats are marked as flips and alert no one."""

from __future__ import annotations

from pathlib import Path

from monitor.demo.newsroom import Newsroom
from monitor.demo.stories import FERRY, SUMMIT_V1, SUMMIT_V2
from monitor.models import utcnow
from tests.test_pipeline import config, publish


def test_a_page_flipping_between_two_texts_alerts_once_each_way(
    tmp_path: Path, newsroom: Newsroom, store_url: str
) -> None:
    publish(newsroom, [SUMMIT_V1, FERRY])
    with config(tmp_path, store_url, f"  - {{name: world, feed: '{newsroom.url('/world/rss.xml')}'}}") as app:
        app.pipeline.run_pass()
        story_id = app.store.get_story(newsroom.url(SUMMIT_V1.path)).id
        queued: list[list[str]] = []
        for seed, text in enumerate([SUMMIT_V2, SUMMIT_V1, SUMMIT_V2, SUMMIT_V1], start=1):  # B, A, B, A
            publish(newsroom, [text, FERRY], seed=seed)  # a new page render each time: no "identical body" gate
            outcome = app.pipeline.check_story(app.store.get_story(story_id))
            assert outcome.status == "changed"
            queued.append([alert.notifier for alert in app.store.due_alerts(utcnow())])
            app.outbox.deliver_due()

        assert queued == [["desk"], ["desk"], [], []]  # the change, the first revert, then two flips
        assert [v.number for v in app.store.list_versions(story_id)] == [1, 2, 3, 4, 5]  # history stays true
        changes = app.store.list_changes(story_id)
        assert [(c.summary.reverted_to, c.summary.flapping) for c in changes] == [
            (None, None),
            (1, None),
            (2, (1, 2)),
            (3, (1, 2)),
        ]
        assert changes[-1].summary.lines()[0] == (
            "Reverted to version 3 (the page keeps flipping between the texts of versions 1 and 2; no alert)"
        )

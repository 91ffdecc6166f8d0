"""What an editor reads first in an alert: whose story, how important, what happened; quotes with their
speaker, times in the desk's zone, and a removal's last known text (loaded by the outbox from a real Store,
delivered through a real loopback webhook and Slack capture server)."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from monitor.diff.facts import quote_speaker
from monitor.diff.summary import summarize
from monitor.models import Article, DiffSummary, Significance
from notifiers import build_notifier
from notifiers.outbox import Outbox
from notifiers.render_alert import alert_html, alert_subject, alert_text
from notifiers.render_slack import mrkdwn_escape, slack_payload
from notifiers.sample import sample_alert
from storage.store import Store
from tests.clock import Clock
from tests.fixtures_servers import CaptureServer

START = datetime(2025, 8, 28, 9, 0, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def store(tmp_path) -> Iterator[Store]:
    opened = Store.open("sqlite:///" + str(tmp_path / "alerts.db"))
    try:
        yield opened
    finally:
        opened.close()


def _with(**summary_changes) -> object:
    alert = sample_alert("desk")
    return replace(alert, change=replace(alert.change, summary=replace(alert.change.summary, **summary_changes)))


# -- what happened ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("notes", "event", "label"),
    [
        (("Correction: An earlier version misstated the number of guests.",), None, "Correction"),
        (("Editor's note: This story has been updated to remove a name.",), None, "Editor's note"),
        (("This story has been updated with the final guest list.",), None, "Updated"),
        ((), "removed", "Removed"),
        ((), "restored", "Restored"),
    ],
)
def test_each_event_is_labelled_as_what_it_is(notes, event, label) -> None:
    alert = _with(update_notes=notes, event=event)
    assert alert_subject(alert).startswith(f"[MAJOR] {label}: Harbour Summit opens with 27 heads of state")
    assert slack_payload(alert)["blocks"][0]["text"]["text"] == f"🔴 MAJOR · {label} · Port Calder Gazette"
    assert "Updated (major)" not in alert_text(alert)
    if notes and label != "Updated":  # the note that names the alert is its first bullet
        assert alert_text(alert).split("\n\n")[1].startswith(f"• {label}")


@pytest.mark.parametrize(
    ("level", "marker"),
    [("major", "🔴"), ("substantive", "🟠"), ("minor", "🟡"), ("cosmetic", "⚪")],
)
def test_significance_is_a_coloured_marker_and_a_subject_prefix(level, marker) -> None:
    alert = _with(significance=Significance.parse(level))
    assert alert_subject(alert).startswith(f"[{level.upper()}] ")
    assert slack_payload(alert)["blocks"][0]["text"]["text"].startswith(f"{marker} {level.upper()} · ")
    assert f">{level.upper()}</span>" in alert_html(alert)  # the email's badge


# -- quotes -----------------------------------------------------------------------------------------
def test_a_quote_loses_its_trailing_comma_and_gains_its_speaker() -> None:
    old = Article(url="https://news.example.org/a", headline="Protest at the harbour", body=("Crowds gathered.",))
    said = "“We came to be heard, not to be photographed,” said Oona Brask, one of the organisers."
    new = replace(old, body=("Crowds gathered.", said))
    summary = summarize(old, new)
    assert summary.quotes_added == ("We came to be heard, not to be photographed,",)  # the contract is unchanged
    assert "Quote added: “We came to be heard, not to be photographed” — Oona Brask" in summary.lines()
    assert DiffSummary.from_json(json.loads(json.dumps(summary.to_json()))) == summary


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("“We came to listen first,” Varga told reporters.", "Varga"),
        ("Dana Whitfield said: “The vote will go ahead as planned.”", "Dana Whitfield"),
        ("“We came to listen first,” she said.", None),
        ("“We came to listen first,” said the mayor.", None),
        ("“We came to listen first,” said Tuesday’s statement from the port.", None),
        ("The banner read “We came to listen first” in red.", None),
    ],
)
def test_the_speaker_is_named_only_when_the_sentence_names_one(sentence: str, speaker: str | None) -> None:
    quote = sentence.split("“")[1].split("”")[0]
    assert quote_speaker(quote, sentence) == speaker


# -- times ------------------------------------------------------------------------------------------
def test_times_are_shown_in_the_desk_zone_with_dates_when_they_differ() -> None:
    alert = _with(modified=("2025-08-28T07:00:00Z", "2025-08-29T09:30:00Z"))
    text = alert_text(alert, tz=BERLIN)
    assert "• Modified time: 28 Aug 09:00 → 29 Aug 11:30 CEST" in text
    assert "version 1 (28 Aug 2025 11:00 CEST) → version 2 (28 Aug 2025 13:30 CEST)" in text
    same_day = _with(modified=("2025-08-28T07:00:00Z", "2025-08-28T09:30:00Z"))
    assert "• Modified time: 09:00 → 11:30 CEST" in alert_text(same_day, tz=BERLIN)
    assert "Modified time: 2025-08-28 07:00 → 2025-08-29 09:30 UTC" in alert.change.summary.lines()  # the diff


def test_the_notifier_timezone_sets_the_alert_times(capture_server: CaptureServer) -> None:
    notifier = build_notifier("desk", "slack", {"webhook_url": capture_server.url, "timezone": "Europe/Berlin"})
    assert notifier.send(sample_alert("desk")).ok
    section = capture_server.requests[0].json()["blocks"][1]["text"]["text"]
    assert section.endswith("declared update · version 1 → 2 · 28 Aug 2025 13:30 CEST")


# -- Slack mrkdwn -------------------------------------------------------------------------------------
def test_page_text_cannot_fake_the_diff_markers_in_slack() -> None:
    forged = "a *bold claim* and ~struck~ _italic_ `code`"
    alert = _with(entities_added=(forged,), ops=(("=", "Before "), ("+", forged), ("=", " after.")))
    alert = replace(alert, change=replace(alert.change, headline=forged))
    payload = slack_payload(alert)
    mrkdwn = [block["text"]["text"] for block in payload["blocks"][1:] if block["type"] == "section"]
    page_marks = "".join(mrkdwn).replace("(~removed~ *added*)", "")
    for text in mrkdwn:
        for mark in ("*bold claim*", "~struck~", "_italic_", "`code`"):
            assert mark not in text
    assert "∗bold claim∗" in page_marks and "∼struck∼" in page_marks and "ˍitalicˍ" in page_marks
    assert "*a ∗bold claim∗ and ∼struck∼ ˍitalicˍ ˋcodeˋ*" in page_marks  # our own marker around the edit
    assert mrkdwn_escape("<!here> & *x*") == "&lt;!here&gt; &amp; ∗x∗"


# -- the outbox gives channels the publication and a removal's last known text -------------------------
def _story(store: Store, paragraphs: tuple[str, ...]) -> int:
    url = "https://news.example.org/world/harbour-summit-opens"
    story, _ = store.add_story(url, source="Harbour Herald", headline="Summit", now=START, next_check_at=START)
    article = Article(url=url, headline="Harbour Summit opens", body=paragraphs)
    store.add_version(story.id, article, text="\n".join(paragraphs), text_hash="v1", seen_at=START)
    return story.id


def test_a_removal_alert_carries_the_last_known_text_and_the_publication(store, capture_server) -> None:
    paragraphs = tuple(f"Paragraph {n} of what the story said." for n in range(1, 6))
    story_id = _story(store, paragraphs)
    found = START + timedelta(days=1, hours=5)
    removed = DiffSummary(Significance.MAJOR, False, event="removed", event_detail="HTTP 410 Gone")
    store.add_event(story_id, removed, at=found, notifiers=["hook", "desk"])
    hook = build_notifier("hook", "webhook", {"url": capture_server.url + "/hook"})
    desk = build_notifier("desk", "slack", {"webhook_url": capture_server.url + "/slack"})
    outbox = Outbox(store, {"hook": hook, "desk": desk}, clock=Clock(found), rng=random.Random(1))
    assert all(result.ok for _, result in outbox.deliver_due())

    by_path = {request.path: request.json() for request in capture_server.requests}
    body = by_path["/hook"]
    assert body["publication"] == "Harbour Herald"
    assert body["last_text"] == list(paragraphs[:3])
    assert body["event"] == "removed" and body["from"]["version"] == body["to"]["version"] == 1
    slack = json.dumps(by_path["/slack"], ensure_ascii=False)
    assert "🔴 MAJOR · Removed · Harbour Herald" in slack
    assert "*Last known text* (version 1, before it was removed)" not in slack  # the label is one bold phrase
    assert "*Last known text (version 1, before it was removed)*\\n> Paragraph 1 of what the story said." in slack
    assert "removed · version 1 · 29 Aug 2025 14:00 UTC" in slack


def test_an_update_alert_names_the_source_when_the_page_gives_no_site_name(store, capture_server) -> None:
    story_id = _story(store, ("First text.",))
    url = "https://news.example.org/world/harbour-summit-opens"
    later = Article(url=url, headline="Harbour Summit opens", body=("Second text.",))
    summary = DiffSummary(Significance.MAJOR, True, ops=(("-", "First"), ("+", "Second"), ("=", " text.")))
    store.add_version(
        story_id,
        later,
        text="Second text.",
        text_hash="v2",
        seen_at=START + timedelta(hours=1),
        summary=summary,
        notifiers=["hook"],
    )
    hook = build_notifier("hook", "webhook", {"url": capture_server.url})
    outbox = Outbox(store, {"hook": hook}, clock=Clock(START + timedelta(hours=2)), rng=random.Random(1))
    assert all(result.ok for _, result in outbox.deliver_due())
    (request,) = capture_server.requests
    assert request.json()["publication"] == "Harbour Herald" and request.json()["last_text"] == []


def test_an_alert_names_the_publication_as_its_page_does(tmp_path, capture_server) -> None:
    """The page's og:site_name, read by the extractor and kept with the version, names the publication."""
    from monitor.app import App
    from monitor.config import parse_config
    from monitor.demo.newsroom import Newsroom
    from monitor.demo.stories import SUMMIT_V1, SUMMIT_V2, story_page

    with Newsroom() as site:
        site.set(SUMMIT_V1.path, story_page(SUMMIT_V1, base=site.base_url))
        config = f"""
storage: {{url: "sqlite:///{tmp_path / 's.db'}"}}
fetch: {{allow_private_networks: true, min_gap: 0s}}
sources: [{{name: herald-world, url: "{site.url(SUMMIT_V1.path)}"}}]
notifiers: [{{name: hook, type: webhook, url: "{capture_server.url}"}}]
"""
        with App.open(parse_config(config, env={}, path=tmp_path / "config.yaml")) as app:
            app.pipeline.run_pass()
            site.set(SUMMIT_V1.path, story_page(SUMMIT_V2, base=site.base_url))
            app.pipeline.run_pass(all_stories=True)
            assert all(result.ok for _, result in app.outbox.deliver_due())
    (request,) = capture_server.requests
    assert request.json()["publication"] == "The Harbour Herald"  # not the source's name, herald-world

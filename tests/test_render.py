"""Renderers: golden files for one invented change, escaping, elision and wrapping."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from monitor.diff.words import merge
from monitor.models import Alert, Change, DiffSummary, Significance
from notifiers.render import (
    HTML_STYLE,
    alert_subject,
    alert_text,
    diff_segments,
    render_html,
    render_json,
    render_markdown,
    render_text,
    sample_alert,
    sample_change,
)
from notifiers.render_slack import slack_payload
from tests.golden import check_golden

ANSI_CODE = re.compile(r"\x1b\[[0-9;]*m")


def _golden(name: str, actual: str) -> None:
    check_golden(name, actual)


@pytest.mark.parametrize(
    ("name", "render"),
    [
        ("change.txt", lambda: render_text(sample_change())),
        ("change.md", lambda: render_markdown(sample_change())),
        ("change.html", lambda: render_html(sample_change())),
        ("change-color.txt", lambda: render_text(sample_change(), color=True, width=80)),
        ("change-side-by-side.txt", lambda: render_text(sample_change(), width=100, side_by_side=True)),
        ("change-context0.txt", lambda: render_text(sample_change(), context=0)),
        ("change-context0.md", lambda: render_markdown(sample_change(), context=0)),
        ("change-context0.html", lambda: render_html(sample_change(), context=0)),
        ("change.json", lambda: render_json(sample_change())),
        ("revert.txt", lambda: render_text(_reverted())),
        ("alert.txt", lambda: alert_text(sample_alert("desk"))),
        (
            "slack.json",
            lambda: json.dumps(slack_payload(sample_alert("desk")), indent=2, ensure_ascii=False) + "\n",
        ),
    ],
)
def test_golden(name: str, render) -> None:
    _golden(name, render())


def _reverted() -> Change:
    """Version 3 restores version 1: the 27 goes back to 26."""
    base = sample_change()
    ops = tuple(merge([("-" if k == "+" else "+" if k == "-" else k, t) for k, t in base.summary.ops]))
    summary = replace(base.summary, ops=ops, reverted_to=1, headline=None, numbers=(), update_notes=())
    return replace(base, from_version=2, to_version=3, summary=replace(summary, entities_added=(), quotes_added=()))


def _change(headline: str = "Harbour Summit opens", ops=None) -> Change:
    base = sample_change()
    summary = base.summary if ops is None else replace(base.summary, ops=tuple(ops))
    return replace(base, headline=headline, summary=replace(summary, headline=("Old", headline)))


def test_text_marks_deletions_and_insertions() -> None:
    text = render_text(sample_change())
    assert "[-26-]{+27+}" in text
    assert "{+and the Nordmark envoy, Ilse Varga+}" in text
    assert "major · declared update" in text
    assert "  • Added: Ilse Varga" in text


def test_text_wraps_to_width() -> None:
    for width in (60, 100):
        body = render_text(sample_change(), width=width).splitlines()
        assert all(len(line) <= width for line in body if not line.startswith("https://")), width


def test_color_text_uses_ansi_not_markers_and_keeps_visible_width() -> None:
    text = render_text(sample_change(), color=True, width=70)
    assert "\x1b[31;9m26\x1b[0m" in text and "\x1b[32m27\x1b[0m" in text
    assert "[-" not in text and "{+" not in text
    lines = [ANSI_CODE.sub("", line) for line in text.splitlines()]
    assert all(len(line) <= 70 for line in lines if not line.startswith("https://"))


def test_long_unchanged_runs_are_elided_with_context() -> None:
    ops = [
        ("=", " ".join(f"head{i}" for i in range(400)) + " before "),
        ("-", "old"),
        ("+", "new"),
        ("=", " after " + " ".join(f"tail{i}" for i in range(400))),
    ]
    segments = diff_segments(tuple(ops))
    kinds = [kind for kind, _ in segments]
    assert kinds == ["…", "=", "-", "+", "=", "…"]
    assert segments[1][1].endswith(" before ") and len(segments[1][1]) <= 120
    assert segments[4][1].startswith(" after") and len(segments[4][1]) <= 120
    text = render_text(_change(ops=ops))
    assert "head0 " not in text and "tail399" not in text
    assert "before [-old-]{+new+} after" in " ".join(text.split())
    assert text.count("…") >= 2


def test_elision_across_paragraphs_is_its_own_paragraph() -> None:
    paras = "\n\n".join(f"Paragraph {i} says nothing new at all, again and again." for i in range(20))
    ops = [("=", "Start. "), ("+", "Inserted."), ("=", "\n\n" + paras + "\n\n"), ("-", "Gone."), ("=", " End.")]
    md = render_markdown(_change(ops=ops))
    assert "\n\n…\n\n" in md
    assert "Paragraph 5 " not in md


def test_markdown_markers_and_escaping() -> None:
    ops = [("=", "Say "), ("-", "*bold* [x](http://evil)"), ("+", "<b>hi</b> _u_ ~s~"), ("=", " end")]
    md = render_markdown(_change(headline="A [link](http://evil) *headline*", ops=ops))
    assert "~~\\*bold\\* \\[x\\](http://evil)~~" in md
    assert "**\\<b\\>hi\\</b\\> \\_u\\_ \\~s\\~**" in md
    assert "[A \\[link\\](http://evil) \\*headline\\*](<https://news.example.org/" in md
    assert "~~26~~**27**" in render_markdown(sample_change())


def test_html_is_standalone_inline_styled_and_escaped() -> None:
    evil = '<script>alert("x")</script> & "quotes"'
    ops = [("=", "Before "), ("-", evil), ("+", "<img src=x onerror=alert(1)>"), ("=", " after")]
    page = render_html(_change(headline=evil, ops=ops))
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;" in page
    assert "<style" not in page and "<ins" not in page and "<del" not in page and "class=" not in page
    assert f'<span style="{HTML_STYLE["-"]}">&lt;script&gt;' in page
    # added text is bold on green, never underlined like a link; colours are kept when printed
    assert f'<span style="{HTML_STYLE["+"]}">&lt;img' in page
    assert "font-weight:bold" in HTML_STYLE["+"] and "print-color-adjust:exact" in HTML_STYLE["+"]
    assert "underline" not in page


def test_html_does_not_link_a_non_http_url() -> None:
    change = replace(sample_change(), story_url="javascript:alert(1)")
    page = render_html(change)
    assert 'href="javascript' not in page


def test_alert_subject_and_text() -> None:
    alert = sample_alert("desk")
    assert alert_subject(alert) == "[MAJOR] Updated: Harbour Summit opens with 27 heads of state — Port Calder Gazette"
    silent = replace(alert, change=replace(alert.change, summary=replace(alert.change.summary, declared=False)))
    assert alert_subject(silent).startswith("[MAJOR] Silent edit: ")
    text = alert_text(alert)
    assert text.splitlines()[:2] == [
        "[MAJOR] Updated: Harbour Summit opens with 27 heads of state — Port Calder Gazette",
        "https://news.example.org/world/harbour-summit-opens",
    ]
    assert sum("Harbour Summit opens with 27 heads of state" in line for line in text.splitlines()[:4]) == 1
    assert "Paragraphs:" not in text and "Sentences:" not in text  # counts stay in the diff
    assert "• Added: Ilse Varga" in text
    assert "  A total of [-26-] {+27+} foreign heads of state are attending the summit." in text  # edits in context


def test_subject_is_one_bounded_line() -> None:
    alert: Alert = sample_alert("desk")
    long = replace(alert, change=replace(alert.change, headline="Line one\r\nBcc: x@evil " + "y" * 500))
    subject = alert_subject(long)
    assert "\n" not in subject and "\r" not in subject and len(subject) < 220


def test_side_by_side_columns_fit_the_width() -> None:
    for width in (80, 120):
        text = render_text(sample_change(), width=width, side_by_side=True)
        body = text.split("─┼─", 1)[1].splitlines()[1:]
        assert all(len(line) <= width for line in body), width
        assert any("[-26-]" in line and "{+27+}" in line for line in body)
    colour = render_text(sample_change(), width=90, side_by_side=True, color=True)
    assert all(len(ANSI_CODE.sub("", line)) <= 90 for line in colour.split("─┼─", 1)[1].splitlines()[1:])


def test_context_keeps_whole_paragraphs_around_changes() -> None:
    paras = [f"Paragraph {i} stays the same from one version to the next." for i in range(10)]
    ops = [("=", "\n\n".join(paras[:5]) + "\n\n"), ("-", "Old five."), ("+", "New five."), ("=", "\n\n")]
    ops.append(("=", "\n\n".join(paras[5:])))
    text = render_text(_change(ops=ops), context=1)
    assert "Paragraph 4 stays the same" in text and "Paragraph 5 stays the same" in text
    assert "Paragraph 3" not in text and "Paragraph 6" not in text
    assert text.count("\n  …\n") == 2
    assert "[-Old five.-]{+New five.+}" in text


def test_json_renderer_is_the_contract() -> None:
    data = json.loads(render_json(sample_change()))
    assert list(data)[:6] == ["story", "from", "to", "significance", "declared", "update_notes"]
    keys = list(data)
    assert keys.index("ops") < keys.index("sentences") < keys.index("reverted_to")
    assert data["reverted_to"] is None


def test_a_removal_is_titled_removed_not_silent_edit() -> None:
    alert = sample_alert("desk")
    removed = DiffSummary(
        significance=Significance.MAJOR, declared=False, event="removed", event_detail="HTTP 410 Gone"
    )
    event = replace(alert, change=replace(alert.change, summary=removed))
    assert alert_subject(event).startswith("[MAJOR] Removed: ")
    text = alert_text(event)
    assert "Story removed by the publisher (HTTP 410 Gone)" in text and "Silent edit" not in text
    # an event has one version: no "version 2 → version 2", no declared/silent
    on_the_page = replace(event, change=replace(event.change, from_version=2, to_version=2))
    assert "version 2 · removed 28 Aug 2025 11:30 UTC" in alert_text(on_the_page)
    assert "→ version" not in render_html(on_the_page.change)
    section = slack_payload(on_the_page)["blocks"][1]["text"]["text"]
    assert section.endswith("\nremoved · version 2 · 28 Aug 2025 11:30 UTC") and "silent" not in section

"""Slack Block Kit for one alert, with page text escaped for mrkdwn and every Slack limit respected.

Page text can never ping (``<!channel>``) or forge a link (``<http://evil|click>``): ``&``, ``<`` and ``>``
become entities everywhere, links are built by us from the story URL only. Too much text is trimmed, never
an error: a section holds at most 3000 characters, a header 150, a message 50 blocks.
"""

from __future__ import annotations

import re
from datetime import tzinfo
from typing import Any

from monitor.alert_types import OpsAlert, is_test, reason_lines
from monitor.models import Alert, Change
from notifiers.render import (
    declared_label,
    headline_of,
    is_event,
    link_label,
    snippet_text,
    snippets,
    status_label,
)
from notifiers.render_alert import EMOJI, TEST_PREFIX, alert_lines, last_text_label, storywatch_command, when

SECTION_MAX = 3000
HEADER_MAX = 150
BLOCKS_MAX = 50
TEXT_MAX = 3000  # the plain fallback ("text"); Slack allows more, a notification shows far less
BULLET_MAX = 1000  # one summary line, so one huge list does not crowd out the rest


def slack_escape(text: str) -> str:
    """Text made safe for Slack: the three control characters become entities (enough for ``plain_text``)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# mrkdwn has no escape character: its formatting marks become look-alikes that Slack does not format, so page
# text can never fake the diff's own ~removed~ *added* markers, italics or code
_MRKDWN_MARKS = str.maketrans({"*": "∗", "~": "∼", "_": "ˍ", "`": "ˋ"})


def mrkdwn_escape(text: str) -> str:
    """Page text made inert for Slack mrkdwn: entities for ``& < >``, look-alikes for ``* ~ _ ` ``."""
    return slack_escape(text).translate(_MRKDWN_MARKS)


def cut(escaped: str, limit: int) -> str:
    """``escaped`` shortened to at most ``limit`` characters with "…", never splitting an ``&…;`` entity."""
    if len(escaped) <= limit:
        return escaped
    head = escaped[: limit - 1]
    amp = head.rfind("&")
    if amp != -1 and ";" not in head[amp:]:
        head = head[:amp]
    return head.rstrip() + "…"


def _link(url: str, label: str) -> str:
    """A mrkdwn link ``<url|label>`` (label already escaped), or just the label for a non-http URL."""
    if not re.match(r"^https?://", url, re.IGNORECASE) or len(url) > 2000:
        return label
    safe = slack_escape(url.replace("|", "%7C").replace(" ", "%20"))
    return f"<{safe}|{label}>"


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": cut(text, SECTION_MAX)}}


def _chunks(lines: list[str], first: str) -> list[str]:
    """Escaped lines packed into section texts of at most SECTION_MAX characters."""
    chunks: list[str] = []
    current = first
    for line in lines:
        line = cut(line, BULLET_MAX)
        if current and len(current) + 1 + len(line) > SECTION_MAX:
            chunks.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        chunks.append(current)
    return chunks


def slack_header(alert: Alert) -> str:
    """``🔴 MAJOR · Correction · Harbour Herald``: significance as a coloured marker, what happened, whose story
    (the headline follows once, as the link)."""
    change = alert.change
    parts = [f"{EMOJI[change.significance]} {change.significance.label.upper()}", status_label(change.summary)]
    if alert.publication:
        parts.append(alert.publication)
    return (TEST_PREFIX if is_test(alert) else "") + " · ".join(parts)


def slack_payload(alert: Alert, diff_url: str | None = None, tz: tzinfo | None = None) -> dict[str, Any]:
    """An incoming-webhook body: Block Kit ``blocks`` plus the plain ``text`` fallback.

    ``diff_url`` (``Notifier.diff_link``: the web view's diff page, or the notifier's own ``diff_url``) adds a
    "Full diff" button ("Story history" for a removal or restoration); the context line names the command
    that shows the change at a terminal (none for a test alert). Times are shown in ``tz`` (the desk's zone)."""
    change = alert.change
    s = change.summary
    headline = " ".join(headline_of(change).split())
    header = slack_header(alert)
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": cut(slack_escape(header), HEADER_MAX)}},
        _section(f"*{_link(change.story_url, cut(mrkdwn_escape(headline), 500))}*\n{_where(change, tz)}"),
    ]
    why = reason_lines(alert)
    if why:
        # our own words and the desk's watch terms, not page text: `code` in them is meant
        blocks.append(_section("\n".join(f":eyes: {slack_escape(line)}" for line in why)))
    tail: list[dict[str, Any]] = []
    shown = snippets(s, items=3)
    if shown:
        marks = {"=": "{}", "-": "~{}~", "+": "*{}*"}
        lines = [
            snippet_text([(kind, mrkdwn_escape(text)) for kind, text in snippet], marks, spaced=True)
            for snippet in shown
        ]
        tail.append(_section("*In the text* (~removed~ *added*)\n" + "\n".join(f"> {line}" for line in lines)))
    if alert.last_text:
        quoted = "\n".join(f"> {cut(mrkdwn_escape(' '.join(p.split())), BULLET_MAX)}" for p in alert.last_text)
        tail.append(_section(f"*{last_text_label(alert)}*\n{quoted}"))
    buttons = [
        {"type": "button", "text": {"type": "plain_text", "text": text}, "url": url, "action_id": action}
        for text, url, action in (
            ("Open the story", change.story_url, "open_story"),
            (link_label(change), diff_url, "diff"),
        )
        if url and re.match(r"^https?://", url, re.IGNORECASE) and len(url) <= 3000
    ]
    if buttons:
        tail.append({"type": "actions", "elements": buttons})
    command = storywatch_command(alert)
    what = "history" if is_event(change) else "full diff"
    origin = f"notifier {alert.notifier}" + (f" · {what}: `{command}`" if command else " · test alert")
    context = {"type": "mrkdwn", "text": cut(slack_escape(origin), 300)}
    tail.append({"type": "context", "elements": [context]})

    summary_lines = alert_lines(alert, tz)
    bullets = [f"• {mrkdwn_escape(line)}" for line in summary_lines]
    chunks = _chunks(bullets, "*What changed*") if bullets else []
    room = BLOCKS_MAX - len(blocks) - len(tail)
    if len(chunks) > room:
        dropped = sum(chunk.count("\n") + 1 for chunk in chunks[room:])
        chunks = chunks[:room]
        chunks[-1] = cut(chunks[-1], SECTION_MAX - 40) + f"\n_…and {dropped} more lines not shown_"
    blocks.extend(_section(chunk) for chunk in chunks)
    blocks.extend(tail)

    page = [mrkdwn_escape(line) for line in (f"{header}: {headline}", change.story_url)]
    fallback = "\n".join([*page, *map(slack_escape, why), *map(mrkdwn_escape, summary_lines)])
    return {
        "text": cut(fallback, TEXT_MAX),
        "blocks": blocks[:BLOCKS_MAX],
        "unfurl_links": False,
        "unfurl_media": False,
    }


def _where(change: Change, tz: tzinfo | None = None) -> str:
    """``declared update · version 1 → 2 · 28 Aug 2025 13:30 CEST``; a removal or restoration has one version,
    no declared/silent, and the time it was found."""
    declared = declared_label(change, "*silent edit* (no update note)")
    if declared is None:
        found = when(change.created_at or change.to_seen_at, tz)
        return f"{status_label(change.summary).lower()} · version {change.to_version} · {found}"
    return f"{declared} · version {change.from_version} → {change.to_version} · {when(change.to_seen_at, tz)}"


def ops_payload(alert: OpsAlert) -> dict[str, Any]:
    """An operations alert: a header and the text, escaped and trimmed like any alert."""
    title = f"storywatch operations: {alert.subject}"
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": cut(slack_escape(title), HEADER_MAX)}},
    ]
    blocks += [_section(chunk) for chunk in _chunks([slack_escape(line) for line in alert.body.splitlines()], "")]
    origin = f"storywatch · {alert.kind} · notifier {alert.notifier}"
    context = {"type": "mrkdwn", "text": cut(slack_escape(origin), 300)}
    blocks.append({"type": "context", "elements": [context]})
    return {
        "text": cut(slack_escape(f"{title}\n{alert.body}"), TEXT_MAX),
        "blocks": blocks[:BLOCKS_MAX],
        "unfurl_links": False,
        "unfurl_media": False,
    }

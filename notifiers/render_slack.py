"""Slack Block Kit for one alert, with page text escaped for mrkdwn and every Slack limit respected.

Page text can never ping (``<!channel>``) or forge a link (``<http://evil|click>``): ``&``, ``<`` and ``>``
become entities everywhere, links are built by us from the story URL only. Too much text is trimmed, never
an error: a section holds at most 3000 characters, a header 150, a message 50 blocks.
"""

from __future__ import annotations

import re
from typing import Any

from monitor.alert_types import OpsAlert, reason_lines
from monitor.models import Alert, Change
from notifiers.render import (
    alert_title,
    declared_label,
    headline_of,
    is_event,
    link_label,
    snippet_text,
    snippets,
    status_label,
    storywatch_command,
)

SECTION_MAX = 3000
HEADER_MAX = 150
BLOCKS_MAX = 50
TEXT_MAX = 3000  # the plain fallback ("text"); Slack allows more, a notification shows far less
BULLET_MAX = 1000  # one summary line, so one huge list does not crowd out the rest


def slack_escape(text: str) -> str:
    """Text made inert for Slack mrkdwn: the three control characters become entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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


def slack_payload(alert: Alert, diff_url: str | None = None) -> dict[str, Any]:
    """An incoming-webhook body: Block Kit ``blocks`` plus the plain ``text`` fallback.

    ``diff_url`` (``Notifier.diff_link``: the web view's diff page, or the notifier's own ``diff_url``) adds a
    "Full diff" button ("Story history" for a removal or restoration); the context line names the command
    that shows the change at a terminal (none for a test alert)."""
    change = alert.change
    s = change.summary
    headline = " ".join(headline_of(change).split())
    title = alert_title(alert)
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": cut(slack_escape(title), HEADER_MAX)}},
        _section(
            f"*{_link(change.story_url, cut(slack_escape(headline), 500))}*\n"
            f"*{s.significance.label.capitalize()}* · {_where(change)}"
        ),
    ]
    why = reason_lines(alert)
    if why:
        blocks.append(_section("\n".join(f":eyes: {slack_escape(line)}" for line in why)))
    tail: list[dict[str, Any]] = []
    shown = snippets(s, items=3)
    if shown:
        marks = {"=": "{}", "-": "~{}~", "+": "*{}*"}
        lines = [
            snippet_text([(kind, slack_escape(text)) for kind, text in snippet], marks, spaced=True)
            for snippet in shown
        ]
        tail.append(_section("*In the text* (~removed~ *added*)\n" + "\n".join(f"> {line}" for line in lines)))
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

    bullets = [f"• {slack_escape(line)}" for line in s.lines()]
    chunks = _chunks(bullets, "*What changed*") if bullets else []
    room = BLOCKS_MAX - len(blocks) - len(tail)
    if len(chunks) > room:
        dropped = sum(chunk.count("\n") + 1 for chunk in chunks[room:])
        chunks = chunks[:room]
        chunks[-1] = cut(chunks[-1], SECTION_MAX - 40) + f"\n_…and {dropped} more lines not shown_"
    blocks.extend(_section(chunk) for chunk in chunks)
    blocks.extend(tail)

    fallback = "\n".join([title, change.story_url, *why, *s.lines()])
    return {
        "text": cut(slack_escape(fallback), TEXT_MAX),
        "blocks": blocks[:BLOCKS_MAX],
        "unfurl_links": False,
        "unfurl_media": False,
    }


def _where(change: Change) -> str:
    """``declared update · version 1 → 2``; a removal or restoration has one version and no declared/silent."""
    declared = declared_label(change, "*silent edit* (no update note)")
    if declared is None:
        return f"{status_label(change.summary).lower()} · version {change.to_version}"
    return f"{declared} · version {change.from_version} → {change.to_version}"


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

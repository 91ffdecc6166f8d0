"""The digest email (every change of a window, grouped by story) and the routing note in alert emails.

Inline styles only (mail clients strip ``<style>``); every page text is escaped.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable
from datetime import tzinfo

from monitor.alert_types import Digest, reason_lines
from monitor.models import Alert, Change
from notifiers.render import headline_of, link_label, status_label

Linker = Callable[[Change], str | None]

_P = 'style="margin:0 0 .6em 0;line-height:1.5"'


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _by_story(digest: Digest) -> list[list[Alert]]:
    stories: dict[int, list[Alert]] = {}
    for alert in digest.alerts:
        stories.setdefault(alert.change.story_id, []).append(alert)
    return list(stories.values())


def _whose(alerts: list[Alert]) -> str:
    """`` — Harbour Herald``: whose story it is, when the outbox knows."""
    publication = alerts[-1].publication
    return f" — {publication}" if publication else ""


def digest_subject(digest: Digest, tz: tzinfo) -> str:
    changes, stories = len(digest.alerts), len(_by_story(digest))
    until = digest.until.astimezone(tz).strftime("%Y-%m-%d %H:%M")
    counted = f"{changes} change{'s' if changes != 1 else ''} in {stories} stor{'ies' if stories != 1 else 'y'}"
    return f"[storywatch] Digest: {counted} (to {until})"


def digest_text(digest: Digest, tz: tzinfo, link: Linker | None = None) -> str:
    """The digest's text part; ``link`` (``Notifier.diff_link``) gives each change its page in the web view."""
    out = [digest_subject(digest, tz).removeprefix("[storywatch] "), ""]
    for alerts in _by_story(digest):
        last = alerts[-1].change
        out += [headline_of(last) + _whose(alerts), last.story_url]
        for alert in alerts:
            change = alert.change
            when = change.to_seen_at.astimezone(tz).strftime("%H:%M")
            out.append(
                f"  v{change.from_version}→v{change.to_version} at {when}: "
                f"{status_label(change.summary)} ({change.significance.label})"
            )
            url = link(change) if link else None
            if url:
                out.append(f"    {link_label(change)}: {url}")
            for line in [*reason_lines(alert), *change.summary.lines(counts=False, tz=tz)]:
                out.extend(textwrap.wrap(line, 96, initial_indent="    • ", subsequent_indent="      "))
        out.append("")
    return "\n".join(out)


def digest_html(digest: Digest, tz: tzinfo, link: Linker | None = None) -> str:
    """The digest's HTML part: each change's versions link its page in the web view when ``link`` gives one."""
    parts = [
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head>',
        '<body style="margin:0;padding:1em;background:#fff;font-family:Georgia,serif;color:#111">',
        f'<h1 style="font-size:1.3em;margin:0 0 1em 0">{_esc(digest_subject(digest, tz))}</h1>',
    ]
    for alerts in _by_story(digest):
        last = alerts[-1].change
        story = _esc(last.story_url) if re.match(r"^https?://", last.story_url, re.I) else ""
        title = _esc(headline_of(last))
        head = f'<a href="{story}" style="color:#0645ad">{title}</a>' if story else title
        parts.append(f'<h2 style="font-size:1.1em;margin:1.2em 0 .4em 0">{head}{_esc(_whose(alerts))}</h2>')
        for alert in alerts:
            change = alert.change
            when = change.to_seen_at.astimezone(tz).strftime("%H:%M")
            label = f"{status_label(change.summary)} ({change.significance.label})"
            url = link(change) if link else None
            more = ""
            if url and re.match(r"^https?://", url, re.I):
                more = f' · <a href="{_esc(url)}" style="color:#0645ad">{_esc(link_label(change))}</a>'
            parts.append(
                f"<p {_P}><strong>v{change.from_version}→v{change.to_version}</strong> at {when}: "
                f"{_esc(label)}{more}</p>"
            )
            lines = [*reason_lines(alert), *change.summary.lines(counts=False, tz=tz)]
            if lines:
                items = "".join(f'<li style="margin:.2em 0">{_esc(line)}</li>' for line in lines)
                parts.append(f'<ul style="margin:0 0 .8em 0;padding-left:1.4em">{items}</ul>')
    parts.append('<p style="color:#777;font-size:.85em">Sent by storywatch.</p></body></html>')
    return "\n".join(parts)


def with_reasons_html(page: str, reasons: list[str]) -> str:
    """``page`` (an alert's HTML) with a highlighted note of why it was sent, right after ``<body>``."""
    if not reasons:
        return page
    note = "".join(f"<div>{_esc(line)}</div>" for line in reasons)
    style = "margin:0 0 1em 0;padding:.5em .8em;background:#fff6d6;border-left:4px solid #e0b000"
    box = f'<div style="{style}">{note}</div>'
    match = re.search(r"<body[^>]*>", page)
    if match is None:
        return box + page
    return page[: match.end()] + "\n" + box + page[match.end() :]

"""One alert as an editor reads it: subject, plain text and HTML, each saying whose story it is, how much it
matters and what happened (a correction, a removal, …) before anything else.

Every channel builds on these: email uses all three, the console the text, Slack (``render_slack``) the labels.
Times are shown in the desk's time zone (the notifier's ``timezone``); counts of paragraphs and sentences stay
in the diff, not the alert. Nothing here does I/O: a removal's last known text and the publication come on the
alert (the outbox loads them).
"""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime, tzinfo

from monitor.alert_types import is_test
from monitor.models import Alert, Change, Significance
from notifiers.render import (
    NOTE_EVENTS,
    _esc,
    _is_http,
    declared_label,
    headline_of,
    html_diff,
    html_page,
    is_event,
    link_label,
    snippet_text,
    snippets,
    status_label,
)

TEST_PREFIX = "Test alert from storywatch — "
SUBJECT_MAX = 200
# a coloured marker per significance: Slack's emoji, the email's badge and the bar down its left edge
EMOJI = {
    Significance.MAJOR: "🔴",
    Significance.SUBSTANTIVE: "🟠",
    Significance.MINOR: "🟡",
    Significance.COSMETIC: "⚪",
}
COLOUR = {
    Significance.MAJOR: "#c62828",
    Significance.SUBSTANTIVE: "#e67e00",
    Significance.MINOR: "#b8930b",
    Significance.COSMETIC: "#8a8a8a",
}
_PRINT = "-webkit-print-color-adjust:exact;print-color-adjust:exact"


# -- labels -----------------------------------------------------------------------------------------
def alert_title(alert: Alert) -> str:
    """``Correction: <headline>``; the synthetic alert of ``notify test`` begins "Test alert from storywatch"."""
    title = f"{status_label(alert.change.summary)}: {' '.join(headline_of(alert.change).split())}"
    return TEST_PREFIX + title if is_test(alert) else title


def alert_heading(alert: Alert) -> str:
    """``[MAJOR] Correction: <headline> — Harbour Herald``: the subject and the first line of the text."""
    change = alert.change
    head = f"[{change.significance.label.upper()}] {status_label(change.summary)}: "
    tail = f" — {alert.publication}" if alert.publication else ""
    prefix = TEST_PREFIX if is_test(alert) else ""
    headline = " ".join(headline_of(change).split())
    room = SUBJECT_MAX - len(prefix) - len(head) - len(tail)
    if len(headline) > room:
        headline = headline[: max(room - 1, 20)].rstrip() + "…"
    return f"{prefix}{head}{headline}{tail}"


def alert_subject(alert: Alert) -> str:
    """The email subject: :func:`alert_heading` on one line, at most ~200 characters."""
    return alert_heading(alert)


def storywatch_command(alert: Alert) -> str | None:
    """The command that shows this change at a terminal (``history`` for a removal or restoration); None for a
    test alert, whose story is invented."""
    change = alert.change
    if is_test(alert):
        return None
    if is_event(change):
        return f"storywatch history {change.story_id}"
    return f"storywatch diff {change.story_id} --from {change.from_version} --to {change.to_version}"


def when(moment: datetime | None, tz: tzinfo | None = None) -> str:
    """``28 Aug 2025 11:30 CEST``: a time as a desk reads it, in its zone (UTC by default)."""
    if moment is None:
        return "unknown time"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(tz or UTC).strftime("%d %b %Y %H:%M %Z")


def alert_versions(change: Change, tz: tzinfo | None = None) -> str:
    """``version 1 (28 Aug 2025 11:00 CEST) → version 2 (…)``; a removal or restoration: ``version 3 · removed
    29 Aug 2025 08:10 CEST`` (when it was found)."""
    if is_event(change):
        event = change.summary.event or "event"
        return f"version {change.to_version} · {event} {when(change.created_at or change.to_seen_at, tz)}"
    return (
        f"version {change.from_version} ({when(change.from_seen_at, tz)}) → "
        f"version {change.to_version} ({when(change.to_seen_at, tz)})"
    )


def alert_about(alert: Alert, tz: tzinfo | None = None) -> str:
    """``major · declared update · version 1 (…) → version 2 (…)``."""
    change = alert.change
    parts = [change.significance.label, declared_label(change), alert_versions(change, tz)]
    return " · ".join(part for part in parts if part)


def alert_lines(alert: Alert, tz: tzinfo | None = None) -> list[str]:
    """The summary bullets of an alert: no paragraph or sentence counts, times in ``tz``; a correction (or
    editor's note) that names the alert comes first."""
    lines = alert.change.summary.lines(counts=False, tz=tz)
    label = status_label(alert.change.summary)
    if label in NOTE_EVENTS:
        lines.sort(key=lambda line: not line.startswith(label))
    return lines


def last_text_label(alert: Alert) -> str:
    return f"Last known text (version {alert.change.to_version}, before it was removed)"


# -- plain text ---------------------------------------------------------------------------------------
def alert_text(alert: Alert, link: str | None = None, tz: tzinfo | None = None) -> str:
    """An alert as plain text: the heading, publication and URL, the ``link`` to its page in the web view,
    significance and versions, summary bullets, then a short excerpt (a removal: its last known text)."""
    change = alert.change
    out = [alert_heading(alert), change.story_url]
    if link:
        out.append(f"{link_label(change)}: {link}")
    out += [alert_about(alert, tz), ""]
    for line in alert_lines(alert, tz):
        out.extend(textwrap.wrap(line, 100, initial_indent="• ", subsequent_indent="  "))
    shown = snippets(change.summary)
    if shown:
        out.extend(["", "What the text says now ([-removed-] {+added+}):"])
        for snippet in shown:
            out.extend(textwrap.wrap(snippet_text(snippet), 100, initial_indent="  ", subsequent_indent="  "))
    if alert.last_text:
        out.extend(["", last_text_label(alert) + ":"])
        for paragraph in alert.last_text:
            out.extend(textwrap.wrap(paragraph, 100, initial_indent="  ", subsequent_indent="  "))
            out.append("")
        out.pop()
    return "\n".join(out) + "\n"


# -- HTML (the email body) ----------------------------------------------------------------------------
def alert_html(alert: Alert, link: str | None = None, tz: tzinfo | None = None) -> str:
    """An alert as a standalone HTML page: a coloured badge and bar for its significance, what happened and
    whose story it is above the headline, ``link`` under it; a removal shows its last known text."""
    change = alert.change
    colour = COLOUR[change.significance]
    badge = (
        f'<span style="display:inline-block;padding:.1em .5em;background:{colour};color:#fff;font-weight:bold;'
        f'border:1px solid {colour};{_PRINT}">{_esc(change.significance.label.upper())}</span>'
    )
    kicker = " · ".join(_esc(part) for part in (status_label(change.summary), alert.publication) if part)
    title = _esc(headline_of(change))
    if _is_http(change.story_url):
        title = f'<a href="{_esc(change.story_url)}" style="color:#1a4d8f;text-decoration:none">{title}</a>'
    parts = [
        f'<p style="margin:0 0 .4em 0;font-size:.9em;letter-spacing:.02em">{badge} <strong>{kicker}</strong></p>',
        f'<h1 style="font-size:1.4em;margin:0 0 .3em 0">{title}</h1>',
        f'<p style="margin:0 0 .3em 0;color:#555;font-size:.9em">{_esc(change.story_url)}</p>',
    ]
    if link and _is_http(link):
        style = "display:inline-block;padding:.3em .8em;background:#1a4d8f;color:#fff;text-decoration:none"
        parts.append(
            f'<p style="margin:.4em 0 .6em 0"><a href="{_esc(link)}" style="{style};{_PRINT}">'
            f"{_esc(link_label(change))} →</a></p>"
        )
    silent = declared_label(change) is not None and not change.summary.declared
    parts.append(f'<p style="margin:0 0 1em 0;color:{"#b00" if silent else "#555"}">{_esc(alert_about(alert, tz))}</p>')
    lines = alert_lines(alert, tz)
    if lines:
        items = "".join(f'<li style="margin:.2em 0">{_esc(line)}</li>' for line in lines)
        parts.append(f'<ul style="margin:0 0 1em 0;padding-left:1.4em">{items}</ul>')
    parts.extend(html_diff(change.summary.ops))
    if alert.last_text:
        quoted = "".join(f'<p style="margin:0 0 .8em 0;line-height:1.5">{_esc(p)}</p>' for p in alert.last_text)
        parts.append(
            f'<p style="margin:1em 0 .4em 0;font-weight:bold">{_esc(last_text_label(alert))}</p>'
            f'<blockquote style="margin:0;padding:.2em 1em;border-left:4px solid #999;color:#333">{quoted}</blockquote>'
        )
    body = f'<div style="border-left:6px solid {colour};padding-left:1em;{_PRINT}">\n' + "\n".join(parts) + "\n</div>"
    footer = f"Sent by storywatch through the notifier “{alert.notifier}”."
    return html_page(headline_of(change), body, footer)

"""Render one change (or alert) as terminal text, Markdown, standalone HTML, or plain alert text.

Every renderer starts from the same neutral representation: a ``Change`` whose ``DiffSummary`` carries
summary ``lines()`` and word-diff ``ops``. Long unchanged runs are elided around the edits
(``diff_segments``), page text is escaped for each target, and nothing here does I/O. Slack Block Kit
lives in ``render_slack``, the synthetic test alert in ``sample``; both are re-exported here.
"""

from __future__ import annotations

import html
import json
import re
import textwrap

from monitor.diff.layout import GAP, as_ops, paragraph_rows, sides, with_context
from monitor.models import Change, DiffSummary, iso, note_label
from notifiers.render_marks import Markers, diff_segments, paragraphs, wrap
from notifiers.sample import sample_alert, sample_change

ANSI = {"-": "\x1b[31;9m", "+": "\x1b[32m", "…": "\x1b[2m", "bold": "\x1b[1m", "reset": "\x1b[0m"}
HTML_STYLE = {
    "-": "background:#fdd;color:#900;text-decoration:line-through;"
    "-webkit-print-color-adjust:exact;print-color-adjust:exact",
    # added text is a green background and bold, never underlined (it would read as a link); print keeps colours
    "+": "background:#d4f5d4;color:#064;font-weight:bold;text-decoration:none;"
    "-webkit-print-color-adjust:exact;print-color-adjust:exact",
    "…": "color:#888",
}


# -- the neutral representation ---------------------------------------------------------------------
def view_segments(ops: tuple[tuple[str, str], ...], paragraphs: int | None = None) -> list[tuple[str, str]]:
    """What a diff view shows: whole paragraphs of context when ``paragraphs`` is given (``--context N``),
    otherwise ``CONTEXT`` characters around each edit."""
    if paragraphs is None:
        return diff_segments(ops)
    return [(k, t) for k, t in as_ops(with_context(paragraph_rows(ops), paragraphs)) if t]


# -- labels shared by every renderer ----------------------------------------------------------------
def headline_of(change: Change) -> str:
    return change.headline or change.story_url


NOTE_EVENTS = ("Correction", "Editor's note", "Clarification")


def status_label(summary: DiffSummary) -> str:
    """What happened, as a standards desk names it: ``Removed`` and ``Restored`` when the page itself went away
    or came back; ``Correction``, ``Editor's note`` or ``Clarification`` when the publisher added one;
    otherwise ``Updated`` for a declared update and ``Silent edit`` when the publisher said nothing."""
    if summary.event:
        return summary.event.capitalize()
    labels = {note_label(note) for note in summary.update_notes}
    for label in NOTE_EVENTS:
        if label in labels:
            return label
    return "Updated" if summary.declared else "Silent edit"


def is_event(change: Change) -> bool:
    """A removal or restoration: one version, no diff (``from_version == to_version``)."""
    return change.from_version >= change.to_version


def declared_label(change: Change, silent: str = "silent edit (no update note)") -> str | None:
    """``declared update`` or ``silent``; None for a removal or restoration, which is neither."""
    if is_event(change) or change.summary.event:
        return None
    return "declared update" if change.summary.declared else silent


def link_label(change: Change) -> str:
    """What a link to the web view opens: the full diff, or for a removal or restoration the story's history."""
    return "Story history" if is_event(change) else "Full diff"


def versions_label(change: Change) -> str:
    """``version 1 (…) → version 2 (…)``; for a removal or restoration, the version and when it happened."""
    if is_event(change):
        when = iso(change.created_at or change.to_seen_at)
        return f"version {change.to_version} · {change.summary.event or 'event'} at {when}"
    return (
        f"version {change.from_version} ({iso(change.from_seen_at)}) → "
        f"version {change.to_version} ({iso(change.to_seen_at)})"
    )


def excerpt(summary: DiffSummary, *, items: int = 4, chars: int = 160) -> list[tuple[str, str]]:
    """The first few deletions and insertions, each cut to ``chars``: ``[("-", "26"), ("+", "27")]``."""
    out: list[tuple[str, str]] = []
    for kind, text in summary.ops:
        text = " ".join(text.split())
        if kind in "-+" and text:
            out.append((kind, text if len(text) <= chars else text[: chars - 1].rstrip() + "…"))
            if len(out) == items:
                break
    return out


def snippets(summary: DiffSummary, *, items: int = 3, words: int = 8) -> list[list[tuple[str, str]]]:
    """The first few edits in context: each snippet is ``[("=", "…total of "), ("-", "26"), ("+", "27"), …]``.

    Edits close together (fewer than ``2 × words`` unchanged words apart, same paragraph) share a snippet;
    unchanged text around them is cut to ``words`` words, with "…" where it was cut.
    """
    ops = [(kind, text) for kind, text in summary.ops if text]
    out: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for index, (kind, text) in enumerate(ops):
        if kind != "=":
            if not current and index > 0:
                current.append(("=", _tail(ops[index - 1][1], words)))
            current.append((kind, re.sub(r"\s+", " ", text)))
            continue
        if not current:
            continue
        gap = text.split("\n\n")
        if ops[index - 1][1].endswith("\n"):  # the edit ended its paragraph: what follows is another one
            gap = [""]
        if len(gap) == 1 and len(text.split()) < 2 * words and index + 1 < len(ops):
            current.append(("=", " ".join(text.split()) and text.replace("\n", " ")))
            continue
        current.append(("=", _head(gap[0], words)))
        out.append([seg for seg in current if seg[1]])
        current = []
        if len(out) == items:
            return out
    if current:
        out.append([seg for seg in current if seg[1]])
    return out[:items]


def _tail(text: str, words: int) -> str:
    """The last ``words`` words of ``text`` within its last paragraph, with "…" when cut."""
    last = text.split("\n\n")[-1]
    parts = last.split()
    kept = " ".join(parts[-words:])
    if not kept:
        return ""
    return ("…" if len(parts) > words else "") + kept + (" " if last[-1:].isspace() else "")


def _head(text: str, words: int) -> str:
    parts = text.split()
    kept = " ".join(parts[:words])
    if not kept:
        return ""
    return (" " if text[:1].isspace() else "") + kept + ("…" if len(parts) > words else "")


_CLOSING = frozenset(".,;:!?)]}'\"’”")


def snippet_text(snippet: list[tuple[str, str]], marks: dict[str, str] | None = None, *, spaced: bool = False) -> str:
    """A snippet as text: ``…total of [-26-]{+27+} foreign heads…`` (other ``marks`` for Slack, Markdown).

    Whitespace at the edge of an edit is kept outside its markers, and never doubled; ``spaced`` puts a space
    before and after every marked edit (Slack's mrkdwn ignores a ``*`` glued to a word)."""
    marks = marks or {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}
    out = ""
    previous = "="
    for kind, text in snippet:
        core = text.strip() if kind != "=" else text
        if kind != "=" and out and not out[-1:].isspace() and (previous != "=" or spaced):
            out += " "  # "[-26-] {+27+}"; Slack's ~strike~ and *bold* only apply after a space
        if kind == "=" and spaced and previous != "=" and out.endswith(" ") and text[:1] in _CLOSING:
            out = out[:-1]  # "*Dastan*." — a closing mark may touch punctuation
        previous = kind
        if kind != "=" and text[:1].isspace() and not out[-1:].isspace():
            out += " "
        if not core:
            continue
        out += marks[kind].format(core)
        if kind != "=" and (text[-1:].isspace() or spaced):
            out += " "
    return re.sub(r" {2,}", " ", out).strip()


def _plain(text: str) -> str:
    return text


# -- terminal text ----------------------------------------------------------------------------------
def render_text(
    change: Change,
    *,
    color: bool = False,
    width: int = 100,
    context: int | None = None,
    side_by_side: bool = False,
) -> str:
    """A terminal diff: header, summary bullets, then the word diff with ``[-deleted-]{+inserted+}``.

    ``context``: whole paragraphs of context around each changed one (default: a few words either side).
    ``side_by_side``: old and new paragraphs in two columns.
    """
    s = change.summary

    def paint(text: str, code: str) -> str:
        return f"{ANSI[code]}{text}{ANSI['reset']}" if color else text

    about = " · ".join(filter(None, [versions_label(change), s.significance.label, declared_label(change)]))
    out = [paint(line, "bold") for line in textwrap.wrap(headline_of(change), width)]
    out.append(change.story_url)  # never wrapped: terminals make it clickable
    out.extend(textwrap.wrap(about, width))
    if s.lines():
        out.append("")
    for line in s.lines():
        out.extend(textwrap.wrap(line, width, initial_indent="  • ", subsequent_indent="    "))
    if color:
        markers = Markers({k: ANSI[k] for k in "-+…"}, {k: ANSI["reset"] for k in "-+…"}, _plain, False, True)
    else:
        markers = Markers({"-": "[-", "+": "{+"}, {"-": "-]", "+": "+}"}, _plain)
    if side_by_side:
        out.extend(_columns(s.ops, markers, width, 1 if context is None else context))
        return "\n".join(out) + "\n"
    for para in paragraphs(view_segments(s.ops, context), markers):
        out.append("")
        out.extend(wrap(para, width, "  "))
    return "\n".join(out) + "\n"


def _columns(ops: tuple[tuple[str, str], ...], markers: Markers, width: int, context: int) -> list[str]:
    """Old paragraphs on the left, new on the right, each wrapped to its column; gaps shown as ``…``."""
    column = max(20, (width - 3) // 2)
    out = ["", f"{'old':<{column}} │ new", f"{'─' * column}─┼─{'─' * column}"]
    for row in with_context(paragraph_rows(ops), context):
        if row is GAP:
            out.append(f"{'…':<{column}} │ …")
            continue
        left, right = (wrap([w for p in paragraphs(side, markers) for w in p], column) for side in sides(row))
        for k in range(max(len(left), len(right))):
            text = left[k] if k < len(left) else ""
            pad = column - _visible(text, markers)
            out.append(f"{text}{' ' * max(pad, 0)} │ {right[k] if k < len(right) else ''}".rstrip())
        out.append(f"{'':<{column}} │")
    return out[:-1] if out[-1].strip() == "│" else out


def _visible(text: str, markers: Markers) -> int:
    return len(text) if markers.visible else len(re.sub(r"\x1b\[[0-9;]*m", "", text))


# -- Markdown -----------------------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_~\[\]<>#|])")


def md_escape(text: str) -> str:
    """Page text made inert in Markdown (no emphasis, links, HTML or headings)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def render_markdown(change: Change, *, context: int | None = None) -> str:
    """The change as Markdown: ``~~deleted~~`` and ``**inserted**`` in the word diff."""
    s = change.summary
    url = change.story_url
    link = f"[{md_escape(headline_of(change))}](<{url}>)" if _is_http(url) else md_escape(headline_of(change))
    declared = declared_label(change, "**silent edit** (no update note)")
    about = " · ".join(filter(None, [versions_label(change), f"**{s.significance.label}**", declared]))
    out = [f"## {link}", "", about, ""]
    out.extend(f"- {md_escape(line)}" for line in s.lines())
    markers = Markers({"-": "~~", "+": "**"}, {"-": "~~", "+": "**"}, md_escape)
    for para in paragraphs(view_segments(s.ops, context), markers):
        out.extend(["", " ".join(word[0] for word in para)])
    return "\n".join(out).strip("\n") + "\n"


# -- HTML -----------------------------------------------------------------------------------------------
def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _is_http(url: str) -> bool:
    return bool(re.match(r"^https?://", url, re.IGNORECASE))


def html_body(change: Change, *, context: int | None = None, link: str | None = None) -> str:
    """The change as an HTML fragment with inline styles only (safe for email clients and printing).

    ``link`` (the web view's page of this change) is shown right under the headline."""
    s = change.summary
    title = _esc(headline_of(change))
    url = change.story_url
    if _is_http(url):
        title = f'<a href="{_esc(url)}" style="color:#1a4d8f;text-decoration:none">{title}</a>'
    declared = declared_label(change)
    colour = "#b00" if declared and not s.declared else "#555"
    parts = [
        f'<h1 style="font-size:1.4em;margin:0 0 .3em 0">{title}</h1>',
        f'<p style="margin:0 0 .3em 0;color:#555;font-size:.9em">{_esc(url)}</p>',
    ]
    if link and _is_http(link):
        style = "display:inline-block;padding:.3em .8em;background:#1a4d8f;color:#fff;text-decoration:none"
        parts.append(
            f'<p style="margin:.4em 0 .6em 0"><a href="{_esc(link)}" style="{style}">{link_label(change)} →</a></p>'
        )
    parts.append(
        f'<p style="margin:0 0 1em 0;color:{colour}">{_esc(versions_label(change))} · '
        f"<strong>{_esc(s.significance.label)}</strong>" + (f" · {_esc(declared)}</p>" if declared else "</p>")
    )
    if s.lines():
        items = "".join(f'<li style="margin:.2em 0">{_esc(line)}</li>' for line in s.lines())
        parts.append(f'<ul style="margin:0 0 1em 0;padding-left:1.4em">{items}</ul>')
    parts.extend(html_diff(s.ops, context))
    return "\n".join(parts)


def html_diff(ops: tuple[tuple[str, str], ...], context: int | None = None) -> list[str]:
    """The word diff as HTML paragraphs, under a key saying how removed and added text look (no key above no
    diff: a removal)."""
    markers = Markers(
        {k: f'<span style="{style}">' for k, style in HTML_STYLE.items()},
        {k: "</span>" for k in HTML_STYLE},
        _esc,
    )
    parts = []
    if any(kind in "-+" and text for kind, text in ops):
        parts.append(
            '<p style="margin:0 0 1em 0;color:#555;font-size:.85em">'
            f'<span style="{HTML_STYLE["-"]}">struck through: removed</span> · '
            f'<span style="{HTML_STYLE["+"]}">bold on green: added</span></p>'
        )
    replaced = f'</span><span style="{HTML_STYLE["+"]}">'  # "26" struck, "27" added: not one number "2627"
    for para in paragraphs(view_segments(ops, context), markers):
        text = " ".join(word[0] for word in para).replace(replaced, replaced.replace("><", "> <", 1))
        parts.append(f'<p style="margin:0 0 .8em 0;line-height:1.5">{text}</p>')
    return parts


def render_html(
    change: Change, *, footer: str | None = None, context: int | None = None, link: str | None = None
) -> str:
    """A standalone HTML page of the change; every style inline, every page text escaped."""
    return html_page(headline_of(change), html_body(change, context=context, link=link), footer)


def html_page(title: str, body: str, footer: str | None = None) -> str:
    """``body`` (an HTML fragment) as a standalone page titled ``storywatch: title``, with an optional footer."""
    foot = ""
    if footer:
        foot = f'\n<p style="margin-top:2em;color:#888;font-size:.8em">{_esc(footer)}</p>'
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>storywatch: {_esc(title)}</title>\n</head>\n"
        '<body style="margin:0;padding:1em;background:#fff">\n'
        '<div style="max-width:48em;margin:0 auto;font-family:Georgia,serif;color:#222;font-size:16px">\n'
        f"{body}{foot}\n</div>\n</body>\n</html>\n"
    )


def render_json(change: Change) -> str:
    """The ``diff --format json`` contract, indented."""
    return json.dumps(change.to_json(), ensure_ascii=False, indent=2) + "\n"


_ALERT_NAMES = ("alert_html", "alert_subject", "alert_text", "alert_title", "storywatch_command")


def __getattr__(name: str) -> object:
    """``slack_payload`` and the alert renderers (``render_alert``) are re-exported lazily: they build on the
    helpers of this module."""
    if name == "slack_payload":
        from notifiers.render_slack import slack_payload

        return slack_payload
    if name in _ALERT_NAMES:
        from notifiers import render_alert

        return getattr(render_alert, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "diff_segments",
    "excerpt",
    "html_body",
    "md_escape",
    "render_html",
    "render_json",
    "render_markdown",
    "render_text",
    "sample_alert",
    "view_segments",
    "sample_change",
]

"""Render one change (or alert) as terminal text, Markdown, standalone HTML, or plain alert text.

Every renderer starts from the same neutral representation: a ``Change`` whose ``DiffSummary`` carries
summary ``lines()`` and word-diff ``ops``. Long unchanged runs are elided around the edits
(``diff_segments``), page text is escaped for each target, and nothing here does I/O. Slack Block Kit
lives in ``render_slack``, the synthetic test alert in ``sample``; both are re-exported here.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from monitor.models import Alert, Change, DiffSummary, iso
from notifiers.sample import sample_alert, sample_change

CONTEXT = 120  # characters of unchanged text kept on each side of an edit
_ELIDE_SLACK = 40  # an unchanged run is elided only when it saves at least this much

ANSI = {"-": "\x1b[31;9m", "+": "\x1b[32m", "…": "\x1b[2m", "bold": "\x1b[1m", "reset": "\x1b[0m"}
HTML_STYLE = {
    "-": "background:#fdd;color:#900;text-decoration:line-through",
    "+": "background:#dfd;color:#064;text-decoration:underline",
    "…": "color:#888",
}


# -- the neutral representation ---------------------------------------------------------------------
def diff_segments(ops: tuple[tuple[str, str], ...], context: int = CONTEXT) -> list[tuple[str, str]]:
    """``ops`` with long unchanged runs cut to ``context`` characters around the edits.

    An elision is the segment ``("…", "inline")`` (within a paragraph) or ``("…", "para")`` (across one).
    """
    out: list[tuple[str, str]] = []
    last = len(ops) - 1
    for i, (kind, text) in enumerate(ops):
        if kind != "=" or len(text) <= 2 * context + _ELIDE_SLACK:
            out.append((kind, text))
            continue
        head = _head(text, 2 * context if i == last == 0 else context) if i > 0 or last == 0 else ""
        tail = _tail(text, context) if i < last else ""
        middle = text[len(head) : len(text) - len(tail)]
        if head:
            out.append(("=", head))
        out.append(("…", "para" if "\n" in middle else "inline"))
        if tail:
            out.append(("=", tail))
    return out


def _head(text: str, size: int) -> str:
    cut = text[:size]
    if "\n" in cut:
        return cut[: cut.index("\n")]
    if not text[size : size + 1].isspace() and " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut


def _tail(text: str, size: int) -> str:
    cut = text[-size:]
    if "\n" in cut:
        return cut[cut.rindex("\n") + 1 :]
    if not text[-size - 1 : -size].isspace() and " " in cut:
        cut = cut[cut.index(" ") + 1 :]
    return cut


@dataclass(frozen=True)
class _Markers:
    """How one target marks deleted/inserted runs and elisions."""

    open: dict[str, str]
    close: dict[str, str]
    escape: Callable[[str], str]
    visible: bool = True  # markers take up columns (False for ANSI codes)
    per_fragment: bool = False  # wrap each fragment, not whole runs (ANSI: safe across line wraps)
    elide: str = "…"


class _Builder:
    """Segments → paragraphs → words; a word is ``[text, visible_width]`` with its markers in place."""

    def __init__(self, m: _Markers) -> None:
        self.m = m
        self.paras: list[list[list]] = [[]]
        self.open: str | None = None  # the run ("-" or "+") whose closing marker is still due
        self.word: list | None = None  # the word being built (None after a space)
        self.last: list | None = None  # the word that received the latest text

    def close(self) -> None:
        if self.open and self.last is not None:
            marker = self.m.close[self.open]
            self.last[0] += marker
            self.last[1] += len(marker) if self.m.visible else 0
        self.open = None

    def add(self, text: str, width: int) -> None:
        if self.word is None:
            self.word = [text, width]
            self.paras[-1].append(self.word)
        else:
            self.word[0] += text
            self.word[1] += width
        self.last = self.word

    def new_para(self) -> None:
        self.close()
        self.word = None
        if self.paras[-1]:
            self.paras.append([])

    def elide(self, where: str) -> None:
        m = self.m
        self.new_para() if where == "para" else self.close()
        self.word = None
        self.add(m.open.get("…", "") + m.escape(m.elide) + m.close.get("…", ""), len(m.elide))
        self.word = None
        if where == "para":
            self.new_para()

    def fragment(self, kind: str, piece: str) -> None:
        m = self.m
        body, width = m.escape(piece), len(piece)
        if m.per_fragment:
            if kind in "-+":
                body = m.open[kind] + body + m.close[kind]
        elif self.open != kind:
            self.close()
            if kind in "-+":
                body = m.open[kind] + body
                width += len(m.open[kind]) if m.visible else 0
                self.open = kind
        self.add(body, width)

    def space(self, kind: str, piece: str) -> None:
        if "\n" in piece:
            self.new_para()
            return
        if self.open and self.open != kind:
            self.close()
        self.word = None


def _paragraphs(segments: list[tuple[str, str]], m: _Markers) -> list[list[list]]:
    """The word-diff paragraphs of ``segments`` marked up for one target."""
    b = _Builder(m)
    for kind, text in segments:
        if kind == "…":
            b.elide(text)
            continue
        for piece in re.split(r"(\s+)", text):
            if piece.isspace():
                b.space(kind, piece)
            elif piece:
                b.fragment(kind, piece)
    b.close()
    return [p for p in b.paras if p]


def _wrap(words: list[list], width: int, indent: str = "") -> list[str]:
    lines: list[str] = []
    line, used = "", 0
    for text, vis in words:
        if line and used + 1 + vis > width - len(indent):
            lines.append(indent + line)
            line, used = "", 0
        line, used = (f"{line} {text}", used + 1 + vis) if line else (text, vis)
    if line:
        lines.append(indent + line)
    return lines


# -- labels shared by every renderer ----------------------------------------------------------------
def headline_of(change: Change) -> str:
    return change.headline or change.story_url


def status_label(summary: DiffSummary) -> str:
    """``Updated`` for a declared update, ``Silent edit`` when the publisher said nothing."""
    return "Updated" if summary.declared else "Silent edit"


def versions_label(change: Change) -> str:
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


def _plain(text: str) -> str:
    return text


# -- terminal text ----------------------------------------------------------------------------------
def render_text(change: Change, *, color: bool = False, width: int = 100) -> str:
    """A terminal diff: header, summary bullets, then the word diff with ``[-deleted-]{+inserted+}``."""
    s = change.summary

    def paint(text: str, code: str) -> str:
        return f"{ANSI[code]}{text}{ANSI['reset']}" if color else text

    declared = "declared update" if s.declared else "silent edit (no update note)"
    out = [paint(line, "bold") for line in textwrap.wrap(headline_of(change), width)]
    out.append(change.story_url)  # never wrapped: terminals make it clickable
    out.extend(textwrap.wrap(f"{versions_label(change)} · {s.significance.label} · {declared}", width))
    if s.lines():
        out.append("")
    for line in s.lines():
        out.extend(textwrap.wrap(line, width, initial_indent="  • ", subsequent_indent="    "))
    if color:
        markers = _Markers({k: ANSI[k] for k in "-+…"}, {k: ANSI["reset"] for k in "-+…"}, _plain, False, True)
    else:
        markers = _Markers({"-": "[-", "+": "{+"}, {"-": "-]", "+": "+}"}, _plain)
    for para in _paragraphs(diff_segments(s.ops), markers):
        out.append("")
        out.extend(_wrap(para, width, "  "))
    return "\n".join(out) + "\n"


# -- Markdown -----------------------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_~\[\]<>#|])")


def md_escape(text: str) -> str:
    """Page text made inert in Markdown (no emphasis, links, HTML or headings)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def render_markdown(change: Change) -> str:
    """The change as Markdown: ``~~deleted~~`` and ``**inserted**`` in the word diff."""
    s = change.summary
    url = change.story_url
    link = f"[{md_escape(headline_of(change))}](<{url}>)" if _is_http(url) else md_escape(headline_of(change))
    declared = "declared update" if s.declared else "**silent edit** (no update note)"
    out = [f"## {link}", "", f"{versions_label(change)} · **{s.significance.label}** · {declared}", ""]
    out.extend(f"- {md_escape(line)}" for line in s.lines())
    markers = _Markers({"-": "~~", "+": "**"}, {"-": "~~", "+": "**"}, md_escape)
    for para in _paragraphs(diff_segments(s.ops), markers):
        out.extend(["", " ".join(word[0] for word in para)])
    return "\n".join(out).strip("\n") + "\n"


# -- HTML -----------------------------------------------------------------------------------------------
def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _is_http(url: str) -> bool:
    return bool(re.match(r"^https?://", url, re.IGNORECASE))


def html_body(change: Change) -> str:
    """The change as an HTML fragment with inline styles only (safe for email clients and printing)."""
    s = change.summary
    title = _esc(headline_of(change))
    url = change.story_url
    if _is_http(url):
        title = f'<a href="{_esc(url)}" style="color:#1a4d8f;text-decoration:none">{title}</a>'
    colour = "#b00" if not s.declared else "#555"
    declared = "declared update" if s.declared else "silent edit (no update note)"
    parts = [
        f'<h1 style="font-size:1.4em;margin:0 0 .3em 0">{title}</h1>',
        f'<p style="margin:0 0 .3em 0;color:#555;font-size:.9em">{_esc(url)}</p>',
        f'<p style="margin:0 0 1em 0;color:{colour}">{_esc(versions_label(change))} · '
        f"<strong>{_esc(s.significance.label)}</strong> · {_esc(declared)}</p>",
    ]
    if s.lines():
        items = "".join(f'<li style="margin:.2em 0">{_esc(line)}</li>' for line in s.lines())
        parts.append(f'<ul style="margin:0 0 1em 0;padding-left:1.4em">{items}</ul>')
    markers = _Markers(
        {k: f'<span style="{style}">' for k, style in HTML_STYLE.items()},
        {k: "</span>" for k in HTML_STYLE},
        _esc,
    )
    for para in _paragraphs(diff_segments(s.ops), markers):
        text = " ".join(word[0] for word in para)
        parts.append(f'<p style="margin:0 0 .8em 0;line-height:1.5">{text}</p>')
    return "\n".join(parts)


def render_html(change: Change, *, footer: str | None = None) -> str:
    """A standalone HTML page of the change; every style inline, every page text escaped."""
    foot = ""
    if footer:
        foot = f'\n<p style="margin-top:2em;color:#888;font-size:.8em">{_esc(footer)}</p>'
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>storywatch: {_esc(headline_of(change))}</title>\n</head>\n"
        '<body style="margin:0;padding:1em;background:#fff">\n'
        '<div style="max-width:48em;margin:0 auto;font-family:Georgia,serif;color:#222;font-size:16px">\n'
        f"{html_body(change)}{foot}\n</div>\n</body>\n</html>\n"
    )


# -- alerts -------------------------------------------------------------------------------------------
def alert_subject(alert: Alert) -> str:
    """``[storywatch] Updated (substantive): <headline>`` on one line, at most ~200 characters."""
    s = alert.change.summary
    headline = " ".join(headline_of(alert.change).split())
    if len(headline) > 160:
        headline = headline[:159].rstrip() + "…"
    return f"[storywatch] {status_label(s)} ({s.significance.label}): {headline}"


def alert_text(alert: Alert) -> str:
    """An alert as plain text: headline, URL, significance, summary bullets and a short excerpt."""
    change = alert.change
    s = change.summary
    out = [
        f"{status_label(s)} ({s.significance.label}): {headline_of(change)}",
        change.story_url,
        f"{versions_label(change)}",
        "",
    ]
    for line in s.lines():
        out.extend(textwrap.wrap(line, 100, initial_indent="• ", subsequent_indent="  "))
    shown = excerpt(s)
    if shown:
        out.extend(["", "Excerpt:"])
        out.extend(f"  {'−' if kind == '-' else '+'} {text}" for kind, text in shown)
    return "\n".join(out) + "\n"


def alert_html(alert: Alert) -> str:
    """An alert as a standalone HTML page (the email body): the rendered change with a footer."""
    return render_html(alert.change, footer=f"Sent by storywatch through the notifier “{alert.notifier}”.")


def __getattr__(name: str) -> object:
    """``slack_payload`` is re-exported lazily: ``render_slack`` builds on the helpers of this module."""
    if name == "slack_payload":
        from notifiers.render_slack import slack_payload

        return slack_payload
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "alert_html",
    "alert_subject",
    "alert_text",
    "diff_segments",
    "excerpt",
    "html_body",
    "md_escape",
    "render_html",
    "render_markdown",
    "render_text",
    "sample_alert",
    "sample_change",
]

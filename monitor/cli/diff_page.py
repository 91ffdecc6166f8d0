"""The page of ``storywatch diff --side-by-side --format html``: old and new paragraphs in two columns.

A standalone HTML page with inline styles only (it opens from a file, prints, and pastes into a mail), laid
out from the same paragraph rows as the text side by side (``monitor.diff.layout``), so ``--context N`` means
the same in both; the edit styles are the renderers' own (``notifiers.render.HTML_STYLE``).
"""

from __future__ import annotations

import html

from monitor.diff.layout import GAP, Row, paragraph_rows, sides, with_context
from monitor.models import Change
from notifiers.render import HTML_STYLE, headline_of, versions_label

_CELL = "vertical-align:top;padding:.4em .8em;line-height:1.5;border-top:1px solid #eee;width:50%"


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _side(row: Row) -> str:
    return "".join(
        f'<span style="{HTML_STYLE[op]}">{_esc(text)}</span>' if op in HTML_STYLE and op != "=" else _esc(text)
        for op, text in row
    )


def side_by_side_html(change: Change, *, context: int | None = None) -> str:
    """The change as a two-column page: the old text on the left, the new on the right, one row a paragraph
    (``context``: unchanged paragraphs shown around each changed one, default 1; the rest elided as ``…``)."""
    s = change.summary
    rows = []
    for row in with_context(paragraph_rows(s.ops), 1 if context is None else context):
        if row is GAP:
            rows.append(
                f'<tr><td style="{_CELL};{HTML_STYLE["…"]}">…</td><td style="{_CELL};{HTML_STYLE["…"]}">…</td></tr>'
            )
            continue
        old, new = sides(row)
        rows.append(f'<tr><td style="{_CELL}">{_side(old)}</td><td style="{_CELL}">{_side(new)}</td></tr>')
    items = "".join(f"<li>{_esc(line)}</li>" for line in s.lines())
    declared = "declared update" if s.declared else "silent edit (no update note)"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>storywatch: {_esc(headline_of(change))} (side by side)</title>\n</head>\n"
        '<body style="margin:0;padding:1em;background:#fff;font-family:Georgia,serif;color:#222;font-size:16px">\n'
        f'<h1 style="font-size:1.4em;margin:0 0 .3em 0">{_esc(headline_of(change))}</h1>\n'
        f'<p style="margin:0 0 .3em 0;color:#555;font-size:.9em">{_esc(change.story_url)}</p>\n'
        f'<p style="margin:0 0 1em 0;color:#555">{_esc(versions_label(change))} · '
        f"<strong>{_esc(s.significance.label)}</strong> · {_esc(declared)}</p>\n"
        + (f'<ul style="margin:0 0 1em 0;padding-left:1.4em">{items}</ul>\n' if items else "")
        + '<table style="border-collapse:collapse;width:100%;table-layout:fixed">\n'
        f'<thead><tr><th style="text-align:left;padding:.4em .8em">version {change.from_version} (old)</th>'
        f'<th style="text-align:left;padding:.4em .8em">version {change.to_version} (new)</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</body>\n</html>\n"
    )

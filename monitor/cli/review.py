"""The review commands: `stories`, `history`, `diff`, `show` — what changed, for people and scripts.

The data of each is a ``monitor.read_model`` function, the same one the web view calls; this module parses,
calls and prints.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import click

from monitor import read_model
from monitor.cli import tables
from monitor.cli.base import Context, _dump, _dump_array, _fail, out, pass_ctx, story_or_fail
from monitor.cli.grid import emit
from monitor.durations import parse_duration
from monitor.models import Change
from monitor.read_model import ReadError


def _since(text: str | None) -> timedelta | None:
    if text is None:
        return None
    if text.strip().replace(".", "").isdigit():
        _fail(f"--since: {text!r} needs a unit: 30m, 24h, 7d")
    try:
        return parse_duration(text)
    except ValueError as exc:
        _fail(f"--since: {exc}")


@click.command()
@click.option("--since", metavar="AGE", help="only stories changed or found in this window: 24h, 7d …")
@click.option("--source", "source_name", metavar="NAME", help="only stories from this source")
@click.option("--tag", metavar="TAG", help="only stories from sources with this tag")
@click.option(
    "--significance",
    type=click.Choice(["cosmetic", "minor", "substantive", "major"]),
    help="only stories whose latest change is at least this significant",
)
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="at most N stories (default: all)")
@click.option("--offset", type=click.IntRange(min=0), default=0, metavar="N", help="skip the first N (a next page)")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def stories(
    ctx: Context,
    since: str | None,
    source_name: str | None,
    tag: str | None,
    significance: str | None,
    limit: int | None,
    offset: int,
    as_json: bool,
) -> None:
    """Tracked stories: versions, last change, status (most recently changed first, written as they are read)."""
    window = _since(since)
    with ctx.app(readonly=True) as app:
        try:
            found = read_model.list_stories(
                app.store,
                app.settings,
                since=window,
                source=source_name,
                tag=tag,
                significance=significance,
                offset=offset,
                limit=limit,
            )
        except ReadError as exc:
            _fail(str(exc))
        if as_json:
            _dump_array(read_model.stories_json(found))
        else:
            tables.emit_stories(out, found)


@click.command()
@click.argument("story")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def history(ctx: Context, story: str, as_json: bool) -> None:
    """Every version of one story (STORY is an id or a URL)."""
    with ctx.app(readonly=True) as app:
        found = read_model.story_history(app.store, story_or_fail(app, story))
    if as_json:
        _dump(read_model.history_json(found))
    else:
        emit(out, tables.history_table(found.story, found.versions, found.changes))


@click.command()
@click.argument("story")
@click.option(
    "--from", "from_", type=click.IntRange(min=1), metavar="N", help="older version (default: the one before --to)"
)
@click.option("--to", type=click.IntRange(min=1), metavar="M", help="newer version (default: the latest)")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "html", "json"]), default="text")
@click.option("--context", type=click.IntRange(min=0), metavar="N", help="N whole paragraphs around each change")
@click.option("--side-by-side", is_flag=True, help="text or html: old and new paragraphs in two columns")
@pass_ctx
def diff(
    ctx: Context, story: str, from_: int | None, to: int | None, fmt: str, context: int | None, side_by_side: bool
) -> None:
    """What changed between two versions (default: the latest change)."""
    from monitor.cli.diff_page import side_by_side_html
    from notifiers import render

    if side_by_side and fmt in ("markdown", "json"):
        _fail(f"--side-by-side works with --format text or html, not {fmt} (Markdown has no columns; JSON has the ops)")
    with ctx.app(readonly=True) as app:
        try:
            change = read_model.change_between(app.store, story_or_fail(app, story), from_, to)
        except ReadError as exc:
            _fail(str(exc))
    renderers: dict[str, Callable[[Change], str]] = {
        "markdown": lambda c: render.render_markdown(c, context=context),
        "html": lambda c: (side_by_side_html if side_by_side else render.render_html)(c, context=context),
        "json": render.render_json,
        "text": lambda c: render.render_text(
            c, color=out.is_terminal and not out.no_color, width=out.width, context=context, side_by_side=side_by_side
        ),
    }
    click.echo(renderers[fmt](change), nl=False)


@click.command()
@click.argument("story")
@click.option(
    "--version", "number", type=click.IntRange(min=1), metavar="N", help="which version (default: the latest)"
)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def show(ctx: Context, story: str, number: int | None, as_json: bool) -> None:
    """One version's extracted article."""
    with ctx.app(readonly=True) as app:
        found = story_or_fail(app, story)
        try:
            version = read_model.version_of(app.store, found, number)
        except ReadError as exc:
            _fail(str(exc))
    if as_json:
        _dump(read_model.version_json(version))
    else:
        out.print(
            f"[dim]story #{found.id}, version {version.number} of {found.versions}, "
            f"seen {tables.when(version.seen_at)}[/dim]"
        )
        tables.print_article(out, version.article.to_json())

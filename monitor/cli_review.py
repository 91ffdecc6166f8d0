"""The review commands: `stories`, `history`, `diff`, `show` — what changed, for people and scripts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import click

from monitor import views
from monitor.cli import Context, _dump, _fail, cli, out, pass_ctx
from monitor.durations import parse_duration
from monitor.models import Change, Story, utcnow


def _since(text: str | None) -> timedelta | None:
    if text is None:
        return None
    if text.strip().replace(".", "").isdigit():
        _fail(f"--since: {text!r} needs a unit: 30m, 24h, 7d")
    try:
        return parse_duration(text)
    except ValueError as exc:
        _fail(f"--since: {exc}")


@cli.command()
@click.option("--since", metavar="AGE", help="only stories changed or found in this window: 24h, 7d …")
@click.option("--source", "source_name", metavar="NAME", help="only stories from this source")
@click.option("--tag", metavar="TAG", help="only stories from sources with this tag")
@click.option(
    "--significance",
    type=click.Choice(["cosmetic", "minor", "substantive", "major"]),
    help="only stories whose latest change is at least this significant",
)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def stories(
    ctx: Context, since: str | None, source_name: str | None, tag: str | None, significance: str | None, as_json: bool
) -> None:
    """Tracked stories: versions, last change, status."""
    from monitor.models import Significance

    window = _since(since)
    settings = ctx.load(require_env=False)
    tagged = {s.name for s in settings.sources if tag in s.tags} if tag else None
    with ctx.app(readonly=True) as app:
        if source_name and source_name not in {s.name for s in app.store.source_states()}:
            known = ", ".join(s.name for s in settings.sources) or "none configured"
            _fail(f"no source named {source_name!r} (sources: {known})")
        rows = app.store.list_stories(since=utcnow() - window if window is not None else None, source=source_name)

        def latest(story: Story) -> Significance | None:
            change = app.store.get_change(story.id, story.versions - 1, story.versions)
            return change.significance if change else None

        level = Significance.parse(significance) if significance else None
        rows = views.filter_stories(rows, sources=tagged, min_significance=level, significance_of=latest)
    if as_json:
        _dump([s.to_json() for s in rows])
    else:
        out.print(views.stories_table(rows))


def _story(app: Any, ref: str) -> Story:
    from monitor.feeds import canonical_key

    story = app.store.get_story(ref)
    if story is None and ref.lower().startswith(("http://", "https://")):
        story = app.store.get_story(canonical_key(ref))  # the URL as seen in a feed: tracking params, #fragment
    if story is None:
        _fail(f"no story {ref!r} (give its id or URL; `storywatch stories` lists them)")
    return story


@cli.command()
@click.argument("story")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def history(ctx: Context, story: str, as_json: bool) -> None:
    """Every version of one story (STORY is an id or a URL)."""
    with ctx.app(readonly=True) as app:
        found = _story(app, story)
        versions = app.store.list_versions(found.id)
        changes = app.store.list_changes(found.id)
    if as_json:
        _dump(views.history_json(found, versions))
    else:
        out.print(views.history_table(found, versions, changes))


@cli.command()
@click.argument("story")
@click.option(
    "--from", "from_", type=click.IntRange(min=1), metavar="N", help="older version (default: the one before --to)"
)
@click.option("--to", type=click.IntRange(min=1), metavar="M", help="newer version (default: the latest)")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "html", "json"]), default="text")
@click.option("--context", type=click.IntRange(min=0), metavar="N", help="N whole paragraphs around each change")
@click.option("--side-by-side", is_flag=True, help="text format: old and new paragraphs in two columns")
@pass_ctx
def diff(
    ctx: Context, story: str, from_: int | None, to: int | None, fmt: str, context: int | None, side_by_side: bool
) -> None:
    """What changed between two versions (default: the latest change)."""
    from notifiers import render

    with ctx.app(readonly=True) as app:
        change = _change(app, _story(app, story), from_, to)
    renderers: dict[str, Callable[[Change], str]] = {
        "markdown": lambda c: render.render_markdown(c, context=context),
        "html": lambda c: render.render_html(c, context=context),
        "json": render.render_json,
        "text": lambda c: render.render_text(
            c, color=out.is_terminal and not out.no_color, width=out.width, context=context, side_by_side=side_by_side
        ),
    }
    click.echo(renderers[fmt](change), nl=False)


def _change(app: Any, story: Story, from_: int | None, to: int | None) -> Change:
    """The stored change between two versions, or one computed now for versions further apart."""
    from monitor.diff import summarize

    if story.versions < 2:
        _fail(f"story {story.id} has only {story.versions} version(s): nothing to diff yet")
    to = to or story.versions
    from_ = from_ or to - 1
    if not 1 <= from_ < to <= story.versions:
        _fail(
            f"story {story.id} has versions 1 to {story.versions}; --from must be below --to "
            f"(got --from {from_} and --to {to})"
        )
    stored = app.store.get_change(story.id, from_, to)
    if stored is not None:
        return stored
    old, new = app.store.get_version(story.id, from_), app.store.get_version(story.id, to)
    return Change(
        id=0,
        story_id=story.id,
        story_url=story.url,
        headline=new.article.headline,
        from_version=from_,
        to_version=to,
        from_seen_at=old.seen_at,
        to_seen_at=new.seen_at,
        summary=summarize(old.article, new.article),
    )


@cli.command()
@click.argument("story")
@click.option(
    "--version", "number", type=click.IntRange(min=1), metavar="N", help="which version (default: the latest)"
)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def show(ctx: Context, story: str, number: int | None, as_json: bool) -> None:
    """One version's extracted article."""
    with ctx.app(readonly=True) as app:
        found = _story(app, story)
        version = app.store.get_version(found.id, number or found.versions) if found.versions else None
    if version is None:
        _fail(f"story {found.id} has no version {number or 1} (it has {found.versions})")
    if as_json:
        _dump(version.article.to_json())
    else:
        out.print(
            f"[dim]story #{found.id}, version {version.number} of {found.versions}, "
            f"seen {views.when(version.seen_at)}[/dim]"
        )
        views.print_article(out, version.article.to_json())

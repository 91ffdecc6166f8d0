"""`storywatch reextract`: the current extractor over stored pages of past versions, alerting no one.

The work is :func:`monitor.reextract.reextract_story`; this module is the command and its output.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click
from rich.table import Table
from rich.text import Text

from monitor.cli import FAILED, OK, Context, _dump, _fail, cli, out, pass_ctx
from monitor.extractors import EXTRACTOR_VERSION
from monitor.reextract import STATUSES, Reextracted, reextract_story


@cli.command()
@click.option("--story", "refs", multiple=True, metavar="STORY", help="this story (id or URL); repeatable")
@click.option("--all", "all_", is_flag=True, help="every tracked story")
@click.option("--dry-run", is_flag=True, help="report what would change; store nothing")
@click.option("--json", "as_json", is_flag=True, help="print the results as JSON")
@pass_ctx
def reextract(ctx: Context, refs: tuple[str, ...], all_: bool, dry_run: bool, as_json: bool) -> None:
    """Re-run the current extractor over stored pages and update their versions; alerts no one."""
    from monitor.cli_review import _story
    from monitor.extractors.sites import site_rules

    if not refs and not all_:
        _fail("say which stories: --story STORY (id or URL, repeatable) or --all")
    with ctx.app(readonly=True) as app:
        stories = app.store.list_stories() if all_ else [_story(app, ref) for ref in dict.fromkeys(refs)]
        rules = site_rules(app.settings.sites)
        results = [reextract_story(app.store, story, rules, dry_run=dry_run) for story in stories]
    if as_json:
        _dump(
            {
                "extractor_version": EXTRACTOR_VERSION,
                "dry_run": dry_run,
                "stories": [r.to_json() for r in results],
            }
        )
    else:
        out.print(_table(results))
        out.print(_summary(results, dry_run), markup=False)
    sys.exit(FAILED if any(r.count("failed") for r in results) else OK)


def _table(results: Sequence[Reextracted]) -> Table:
    table = Table(title=f"reextract (extractor version {EXTRACTOR_VERSION})")
    for column in ("story", "headline", "re-read", "text changed", "skipped", "failed"):
        table.add_column(column)
    for r in results:
        failures = "; ".join(f"v{v.number}: {v.detail}" for v in r.versions if v.status == "failed")
        table.add_row(
            str(r.story.id),
            Text(r.story.headline or r.story.url),
            str(r.reread),
            str(r.count("changed")),
            str(r.count("skipped")),
            Text(f"{r.count('failed')} ({failures})" if failures else "0"),
        )
    return table


def _summary(results: Sequence[Reextracted], dry_run: bool) -> str:
    total = {status: sum(r.count(status) for r in results) for status in STATUSES}
    reread = total["changed"] + total["unchanged"]
    line = (
        f"{reread} version(s) of {len(results)} stor{'y' if len(results) == 1 else 'ies'} re-read: "
        f"{total['changed']} with changed text, {total['skipped']} skipped (no raw HTML kept), "
        f"{total['failed']} failed"
    )
    return line + (" — dry run, nothing stored" if dry_run else "; no changes recorded, no one alerted")

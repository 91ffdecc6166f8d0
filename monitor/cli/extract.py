"""Reading pages: `extract` (what the extractor reads from one page) and `reextract` (stored pages again)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.markup import escape
from rich.text import Text

from monitor.cli import tables
from monitor.cli.base import FAILED, OK, Context, _dump, _fail, out, pass_ctx, story_or_fail
from monitor.cli.grid import Column, Grid, emit, summary
from monitor.errors import ExtractionError

if TYPE_CHECKING:  # the extractors load only for the commands that extract (`storywatch --version` stays quick)
    from monitor.reextract import Reextracted


@click.command()
@click.argument("target")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def extract(ctx: Context, target: str, as_json: bool) -> None:
    """What the extractor reads from a page (URL or FILE), without storing anything.

    The pipeline's self-check runs too: a page that looks broken (a consent wall, an error page, no headline)
    is reported, and the exit code is 1, as storywatch would not store it as a version.
    """
    from monitor.config import Settings
    from monitor.extractors import extract as run_extract
    from monitor.extractors import unreadable
    from monitor.extractors.checks import assess
    from monitor.extractors.sites import site_rules

    if not target.strip():
        _fail("extract needs a page: give an http(s) URL or an HTML file (got an empty argument)")
    settings = ctx.load(require_env=False) if ctx.config_path.exists() else Settings()
    if target.startswith(("http://", "https://")):
        from monitor.fetch import Fetcher

        with Fetcher(settings.fetch) as fetcher:
            result = fetcher.get(target)
        if not result.ok:
            _fail(f"{target}: {result.error}", FAILED)
        content, url, encoding = result.content, result.final_url, result.encoding
    else:
        path = Path(target)
        if path.is_dir():
            _fail(f"{target}: is a directory (give an HTML file or an http(s) URL)")
        if not path.is_file():
            _fail(f"{target}: no such file (give a file path or an http(s) URL)")
        content, url, encoding = path.read_bytes(), path.resolve().as_uri(), None
    try:
        article = run_extract(content, url, encoding=encoding, rules=site_rules(settings.sites))
    except ExtractionError as exc:
        if not as_json:
            _fail(f"{target}: {exc}", FAILED)
        article, problem = unreadable(url), str(exc)  # --json: the contract shape, empty, and the reason
    else:
        problem = assess(article, None)
    if as_json:
        _dump({**article.to_json(), "problem": problem})
    else:
        tables.print_article(out, article.to_json())
        if problem:
            out.print(
                f"[bold red]looks broken:[/bold red] {escape(problem)} — storywatch would not store this as a version"
            )
    sys.exit(FAILED if problem else OK)


@click.command()
@click.option("--story", "refs", multiple=True, metavar="STORY", help="this story (id or URL); repeatable")
@click.option("--all", "all_", is_flag=True, help="every tracked story")
@click.option("--dry-run", is_flag=True, help="report what would change; store nothing")
@click.option("--json", "as_json", is_flag=True, help="print the results as JSON")
@pass_ctx
def reextract(ctx: Context, refs: tuple[str, ...], all_: bool, dry_run: bool, as_json: bool) -> None:
    """Re-run the current extractor over stored pages and update their versions; alerts no one."""
    if not refs and not all_:
        _fail("say which stories: --story STORY (id or URL, repeatable) or --all")
    with ctx.app(readonly=True) as app:
        stories = app.store.list_stories() if all_ else [story_or_fail(app, ref) for ref in dict.fromkeys(refs)]
        from monitor.extract_pool import open_extractor
        from monitor.extractors.sites import site_rules
        from monitor.reextract import reextract_story

        # the pool a check uses: a page that crashes it is one failure
        extractor = open_extractor(site_rules(app.settings.sites), app.settings.extraction)
        try:
            results = [reextract_story(app.store, story, extractor, dry_run=dry_run) for story in stories]
        finally:
            extractor.close()
    if as_json:
        _dump(
            {
                "extractor_version": extractor_version(),
                "dry_run": dry_run,
                "stories": [r.to_json() for r in results],
            }
        )
    else:
        emit(out, _table(results))
        summary(out, _summary(results, dry_run))
    sys.exit(FAILED if any(r.count("failed") for r in results) else OK)


def _table(results: Sequence[Reextracted]) -> Grid:
    from monitor.extractors import EXTRACTOR_VERSION

    columns = (
        Column("story", justify="right"),
        Column("headline", wrap=30),
        Column("re-read", rank=30, justify="right"),
        Column("text changed", rank=40, justify="right"),
        Column("skipped", rank=20, justify="right"),
        Column("failed", rank=50, wrap=10),
    )
    grid = Grid(columns, title=f"reextract (extractor version {EXTRACTOR_VERSION})")
    for r in results:
        failures = "; ".join(f"v{v.number}: {v.detail}" for v in r.versions if v.status == "failed")
        grid.add(
            str(r.story.id),
            Text(r.story.headline or r.story.url),
            str(r.reread),
            str(r.count("changed")),
            str(r.count("skipped")),
            Text(f"{r.count('failed')} ({failures})" if failures else "0"),
        )
    return grid


def _summary(results: Sequence[Reextracted], dry_run: bool) -> str:
    from monitor.reextract import STATUSES

    total = {status: sum(r.count(status) for r in results) for status in STATUSES}
    reread = total["changed"] + total["unchanged"]
    line = (
        f"{reread} version(s) of {len(results)} stor{'y' if len(results) == 1 else 'ies'} re-read: "
        f"{total['changed']} with changed text, {total['skipped']} skipped (no raw HTML kept), "
        f"{total['failed']} failed"
    )
    return line + (" — dry run, nothing stored" if dry_run else "; no changes recorded, no one alerted")


def extractor_version() -> str:
    from monitor.extractors import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION

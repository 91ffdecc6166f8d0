"""What the CLI prints for people: rich tables and short summaries (the ``--json`` shapes live on the models)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.console import Console
from rich.table import Table

from monitor.models import Change, CheckOutcome, Story, Version, iso
from storage.store import OutboxRow


def when(value: datetime | None) -> str:
    return (iso(value) or "—").replace("T", " ").replace("Z", "")


def outcomes_table(outcomes: Sequence[CheckOutcome]) -> Table:
    table = Table(title="storywatch check", show_lines=False)
    for column in ("target", "status", "version", "detail"):
        table.add_column(column, overflow="fold")
    styles = {"error": "red", "changed": "bold yellow", "removed": "magenta", "new": "green"}
    for o in outcomes:
        detail = o.error or o.detail or ""
        if o.status == "changed" and o.significance is not None:
            detail = o.significance.label
        if o.status == "discovered":
            detail = f"{o.discovered} new stor{'y' if o.discovered == 1 else 'ies'}" + (
                f" ({o.detail})" if o.detail else ""
            )
        table.add_row(o.target, f"[{styles.get(o.status, '')}]{o.status}", str(o.version or ""), detail)
    return table


def outcome_summary(outcomes: Sequence[CheckOutcome], delivered: int, undelivered: int) -> str:
    stories = [o for o in outcomes if o.story_id is not None]
    counts = {
        status: sum(o.status == status for o in stories)
        for status in ("new", "changed", "unchanged", "removed")
    }
    failed = sum(o.failed for o in outcomes)
    line = (
        f"{len(outcomes) - len(stories)} source(s), {len(stories)} story check(s): {counts['changed']} changed, "
        f"{counts['new']} new, {counts['unchanged']} unchanged, {counts['removed']} removed, {failed} failed"
    )
    if delivered or undelivered:
        line += f"; alerts: {delivered} delivered, {undelivered} waiting in the outbox"
    return line


def stories_table(stories: Sequence[Story]) -> Table:
    table = Table(title=f"{len(stories)} tracked stor{'y' if len(stories) == 1 else 'ies'}")
    for column in ("id", "headline", "source", "versions", "last changed", "last checked", "status"):
        table.add_column(column, overflow="fold")
    for s in stories:
        status = s.status.value + (f": {s.last_error}" if s.last_error else "")
        table.add_row(
            str(s.id),
            s.headline or s.url,
            s.source or "",
            str(s.versions),
            when(s.last_changed_at),
            when(s.last_checked_at),
            status,
        )
    return table


def history_table(story: Story, versions: Sequence[Version], changes: Sequence[Change]) -> Table:
    by_version = {c.to_version: c for c in changes}
    table = Table(title=f"#{story.id} {story.headline or story.url}", caption=story.url)
    for column in ("version", "seen at", "significance", "what changed"):
        table.add_column(column, overflow="fold")
    for v in versions:
        change = by_version.get(v.number)
        summary = (
            "baseline"
            if v.number == 1
            else (change.summary.lines()[0] if change and change.summary.lines() else "")
        )
        significance = v.significance.label if v.significance is not None else ""
        table.add_row(str(v.number), when(v.seen_at), significance, summary)
    return table


def history_json(story: Story, versions: Sequence[Version]) -> dict:
    return {
        "story": story.to_json(),
        "versions": [
            {
                "version": v.number,
                "seen_at": iso(v.seen_at),
                "headline": v.article.headline,
                "significance": v.significance.label if v.significance is not None else None,
            }
            for v in versions
        ],
    }


def print_article(console: Console, data: dict) -> None:
    """An extracted article for people: every field, and which layer produced it."""
    layers = (data.get("extractor") or {}).get("layers") or {}

    def layer(name: str) -> str:
        return f"  [dim]({layers[name]})[/dim]" if name in layers else ""

    console.print(f"[bold]{data.get('headline') or '(no headline)'}[/bold]{layer('headline')}")
    console.print(f"By {', '.join(data.get('authors') or []) or '(no byline)'}{layer('authors')}")
    console.print(
        f"Published {data.get('published') or '—'}{layer('published')}  ·  "
        f"modified {data.get('modified') or '—'}{layer('modified')}"
    )
    console.print(
        f"URL {data.get('url')}  ·  canonical {data.get('canonical_url') or '—'}  ·  "
        f"language {data.get('language') or '—'}"
    )
    console.print(f"[dim]{len(data.get('body') or [])} paragraphs{layer('body')}[/dim]\n")
    for paragraph in data.get("body") or []:
        console.print(paragraph, highlight=False, markup=False)
        console.print()
    for note in data.get("notes") or []:
        console.print(f"[italic]{note['kind']} note: {note['text']}[/italic]", highlight=False)


def outbox_table(rows: Sequence[OutboxRow], configured: Sequence[str]) -> Table:
    table = Table(title="outbox")
    for column in ("notifier", "pending", "failing", "dead", "delivered", "next attempt", "last error"):
        table.add_column(column, overflow="fold")
    seen = set()
    for r in rows:
        seen.add(r.notifier)
        name = r.notifier if r.notifier in configured else f"{r.notifier} (not configured)"
        table.add_row(
            name,
            str(r.pending),
            str(r.failing),
            str(r.dead),
            str(r.delivered),
            when(r.next_attempt_at),
            r.last_error or "",
        )
    for name in configured:
        if name not in seen:
            table.add_row(name, "0", "0", "0", "0", "—", "")
    return table

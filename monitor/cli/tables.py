"""What the CLI prints for people: each listing as a ``Grid`` (a table that fits the terminal, tab-separated
records in a pipe) and short summaries (the data comes from ``monitor.read_model`` and ``monitor.status``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from monitor.cli.grid import CHUNK, Cell, Column, Grid, Shown, emit, emit_stream, piped, record, summary
from monitor.models import Change, CheckOutcome, Story, Version, iso
from monitor.normalize import printable
from monitor.read_model import one_line

if TYPE_CHECKING:
    from rich.progress import Progress

    from monitor.status import Status
    from storage.outbox_store import OutboxRow


def when(value: datetime | None) -> str:
    """A time for a table cell, in UTC (the column headers say so)."""
    return (iso(value) or "—").replace("T", " ").replace("Z", "")


def short_when(value: datetime | None) -> str:
    """A time for a narrow table cell, in UTC: ``Nov 29 14:41`` (the JSON output has the full ISO time)."""
    return value.astimezone(UTC).strftime("%b %d %H:%M") if value is not None else "—"


def plain(value: object) -> Text:
    """A table cell from page or user text: shown as written, never read as rich markup ("[/x]"), and never
    with a control character (an ESC sequence stored before the feed path stripped them)."""
    return Text(printable(str(value)) or "")


def at(value: datetime | None) -> Shown:
    """A time cell: compact on a terminal (``Nov 29 14:41``), the full ISO 8601 UTC time in a pipe."""
    return Shown(short_when(value), iso(value) or "")


def outcomes_table(outcomes: Sequence[CheckOutcome]) -> Grid:
    columns = (Column("target", wrap=30), Column("status"), Column("version", rank=10), Column("detail", wrap=20))
    grid = Grid(columns, title="storywatch check")
    styles = {"error": "red", "changed": "bold yellow", "removed": "magenta", "new": "green"}
    for o in outcomes:
        detail = o.error or o.detail or ""
        if o.status == "changed" and o.significance is not None:
            detail = o.significance.label
        if o.status == "discovered":
            detail = f"{o.discovered} new stor{'y' if o.discovered == 1 else 'ies'}" + (
                f" ({o.detail})" if o.detail else ""
            )
        grid.add(plain(o.target), Text(o.status, style=styles.get(o.status, "")), str(o.version or ""), plain(detail))
    return grid


def outcome_summary(outcomes: Sequence[CheckOutcome], delivered: int, undelivered: int, waiting: int = 0) -> str:
    """The line after a pass: story counts, then alerts sent now, failed now and waiting in the outbox."""
    stories = [o for o in outcomes if o.story_id is not None]
    counts = {status: sum(o.status == status for o in stories) for status in ("new", "changed", "unchanged", "removed")}
    failed = sum(o.failed for o in outcomes)
    line = (
        f"{len(outcomes) - len(stories)} source(s), {len(stories)} story check(s): {counts['changed']} changed, "
        f"{counts['new']} new, {counts['unchanged']} unchanged, {counts['removed']} removed, {failed} failed"
    )
    rare = [(sum(o.status == s for o in stories), s) for s in ("merged", "deferred")]
    line += "".join(f", {n} {status}" for n, status in rare if n)
    if delivered or undelivered or waiting:
        failed_now = f", {undelivered} failed (retried later)" if undelivered else ""
        line += f"; alerts: {delivered} delivered{failed_now}, {waiting} waiting in the outbox"
    return line


STORY_COLUMNS = (
    Column("id", justify="right"),
    Column("headline", wrap=30),
    Column("source", rank=50),
    Column("ver", rank=20, justify="right"),
    Column("changed UTC", rank=30),
    Column("checked UTC", rank=10),
    Column("status", rank=60, wrap=8),
)


def stories_table(stories: Sequence[Story]) -> Grid:
    """Tracked stories; at 80 columns the headline keeps 30 characters or more: the check time goes first,
    then the version count, then the change time."""
    grid = Grid(STORY_COLUMNS, title=f"{len(stories)} tracked stor{'y' if len(stories) == 1 else 'ies'}")
    for s in stories:
        grid.add(*story_cells(s))
    return grid


def story_cells(s: Story) -> tuple[Cell, ...]:
    status = s.status.value + (f": {s.last_error}" if s.last_error else "")
    return (
        str(s.id),
        plain(s.headline or s.url),
        plain(s.source or ""),
        str(s.versions),
        at(s.last_changed_at),
        at(s.last_checked_at),
        plain(status),
    )


def emit_stories(console: Console, stories: Iterable[Story]) -> None:
    """``stories`` as a table (or piped records) while they stream in: a listing that fits in one chunk is
    titled with its count; a longer one is counted in a line below the table (on a terminal)."""
    stories = iter(stories)
    first = list(islice(stories, CHUNK + 1))
    grid = stories_table(first[:CHUNK])
    if len(first) <= CHUNK:
        emit(console, grid)
        return
    grid.title = "tracked stories, most recently changed first"
    shown = CHUNK

    def rows() -> Iterator[tuple[Cell, ...]]:
        nonlocal shown
        for story in chain(first[CHUNK:], stories):
            shown += 1
            yield story_cells(story)

    emit_stream(console, grid, rows())
    if console.is_terminal:
        summary(console, f"{shown:,} tracked stories")


def history_table(story: Story, versions: Sequence[Version], changes: Sequence[Change]) -> Grid:
    """A timeline: each version, when it was seen, its significance and what changed, in one line (cut on a
    terminal, whole in a pipe)."""
    by_version = {c.to_version: c for c in changes if c.from_version < c.to_version}
    events = [c for c in changes if c.from_version == c.to_version]  # removed / restored
    columns = (
        Column("version", justify="right"),
        Column("seen UTC", rank=40),
        Column("significance", rank=50),
        Column("what changed", wrap=30),
    )
    grid = Grid(columns, title=Text(f"#{story.id} {story.headline or story.url}"), caption=Text(story.url))
    styles = {"major": "bold red", "substantive": "yellow", "minor": "", "cosmetic": "dim"}

    def summary(change: Change) -> Shown:
        return Shown(one_line(change.summary), one_line(change.summary, limit=None))

    for v in versions:
        change = by_version.get(v.number)
        what = "baseline" if v.number == 1 else (summary(change) if change else "")
        significance = v.significance.label if v.significance is not None else ""
        grid.add(str(v.number), at(v.seen_at), Text(significance, style=styles.get(significance, "")), what)
        for event in (e for e in events if e.to_version == v.number):
            grid.add("", at(event.created_at), Text("major", style=styles["major"]), summary(event))
    return grid


def print_article(console: Console, data: dict) -> None:
    """An extracted article for people: every field, and which layer produced it (page text never as markup)."""
    layers = (data.get("extractor") or {}).get("layers") or {}

    def layer(name: str) -> str:
        return f"  [dim]({escape(str(layers[name]))})[/dim]" if name in layers else ""

    def field(value: object, missing: str = "—") -> str:
        return escape(str(value)) if value else missing

    console.print(f"[bold]{field(data.get('headline'), '(no headline)')}[/bold]{layer('headline')}")
    console.print(f"By {field(', '.join(data.get('authors') or []), '(no byline)')}{layer('authors')}")
    console.print(
        f"Published {field(data.get('published'))}{layer('published')}  ·  "
        f"modified {field(data.get('modified'))}{layer('modified')}"
    )
    console.print(
        f"URL {field(data.get('url'))}  ·  canonical {field(data.get('canonical_url'))}  ·  "
        f"language {field(data.get('language'))}"
    )
    console.print(f"[dim]{len(data.get('body') or [])} paragraphs{layer('body')}[/dim]\n")
    for paragraph in data.get("body") or []:
        console.print(paragraph, highlight=False, markup=False)
        console.print()
    for note in data.get("notes") or []:
        console.print(f"[italic]{escape(note['kind'])} note: {escape(note['text'])}[/italic]", highlight=False)


def outbox_table(rows: Sequence[OutboxRow], configured: Sequence[str]) -> Grid:
    """The outbox per notifier: due (waiting, not tried yet), held (debounce, quiet hours, digest), failing (tried,
    will retry), dead, sent; the operations alerts among the undelivered ones are counted apart. On a terminal
    each notifier's last error is the table's caption, one line per notifier, so the columns fit 80 characters;
    in a pipe it is the record's last field."""
    counts = ("due", "held", "failing", "dead", "sent", "ops")
    columns = [
        Column("notifier"),
        *(Column(c, justify="right") for c in counts),
        Column("next try UTC"),
        Column("last error", terminal=False),
    ]
    errors = [f"{r.notifier}: last error: {r.last_error}" for r in rows if r.last_error]
    grid = Grid(columns, title="outbox", caption=plain("\n".join(errors)) if errors else None)
    seen = set()
    for r in rows:
        seen.add(r.notifier)
        name = r.notifier if r.notifier in configured else f"{r.notifier} (not configured)"
        numbers = (r.pending - r.failing - r.held, r.held, r.failing, r.dead, r.delivered, r.operations)
        next_try = r.next_attempt_at.strftime("%m-%d %H:%M") if r.next_attempt_at else "—"
        grid.add(
            plain(name),
            *(str(n) for n in numbers),
            Shown(next_try, iso(r.next_attempt_at) or ""),
            plain(r.last_error or ""),
        )
    for name in configured:
        if name not in seen:
            grid.add(plain(name), "0", "0", "0", "0", "0", "0", Shown("—", ""), "")
    return grid


@contextmanager
def check_progress(pipeline: Any, console: Console) -> Iterator[Progress]:
    """A progress bar on ``console`` while ``pipeline.run_pass`` runs: sources first, then one tick per story.

    It wraps the pipeline's public ``check_stories``/``check_story`` on this one instance for the duration of
    the block (the pipeline itself knows nothing of terminals); the bar disappears when the pass ends.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    task = progress.add_task("checking sources", total=None)
    check_stories, check_story = pipeline.check_stories, pipeline.check_story

    def stories_with_total(stories: Sequence[Story], **options: Any) -> list[CheckOutcome]:
        progress.update(task, description="checking stories", total=len(stories), completed=0)
        return check_stories(stories, **options)

    def story_with_tick(story: Story) -> CheckOutcome:
        try:
            return check_story(story)
        finally:
            progress.advance(task)

    pipeline.check_stories, pipeline.check_story = stories_with_total, story_with_tick
    try:
        with progress:
            yield progress
    finally:
        del pipeline.check_stories, pipeline.check_story


def print_workers(console: Console, status: Status) -> None:
    """The workers sharing the database (several daemons on PostgreSQL), alive or not, and what each did last."""
    if not status.workers:
        return
    table = Table(title=f"workers: {status.workers_alive} alive of {len(status.workers)}")
    for column in ("worker", "state", "since UTC", "heartbeat UTC", "claims", "last action"):
        table.add_column(column, overflow="fold", no_wrap=column in ("state", "since UTC", "heartbeat UTC"))
    for w in status.workers:
        state = Text("alive", style="green") if w.alive else Text("stopped" if w.stopped_at else "dead", style="red")
        action = f"{short_when(w.last_action_at)} {w.last_action}" if w.last_action else ""
        table.add_row(
            plain(w.id), state, short_when(w.started_at), short_when(w.heartbeat_at), str(w.claims), plain(action)
        )
    console.print(table)


def sources_table(status: Status) -> Grid:
    """The sources of ``status``: on a terminal the last error is left out when it cannot fit (a failing
    source's error is a ``problem:`` line below the table); in a pipe it is the record's last field."""
    columns = (
        Column("source"),
        Column("kind", rank=20),
        Column("state"),
        Column("failures", rank=40, justify="right"),
        Column("checked UTC", rank=30),
        Column("stories", rank=50, justify="right"),
        Column("last error", rank=10, wrap=30),
    )
    grid = Grid(columns, title="sources")
    styles = {"failing": "red", "healthy": "green", "unchecked": "yellow", "not configured": "dim"}
    for s in status.sources:
        grid.add(
            plain(s.name),
            s.kind,
            Text(s.state, style=styles.get(s.state, "")),
            str(s.failures),
            at(s.last_checked_at),
            str(s.stories),
            plain(s.last_error or ""),
        )
    return grid


def print_status(console: Console, status: Status) -> None:
    """``storywatch status`` for people: the daemon, a table of sources, story counts, the outbox, problems.

    In a pipe, one tab-separated record per line, its kind first (``daemon``, ``source``, ``stories``,
    ``outbox``, ``problem``, ``verdict``), so ``grep ^problem`` finds what is wrong.
    """
    if not console.is_terminal:
        _status_records(status)
        return
    console.print(_daemon_line(status), soft_wrap=False)  # prose wraps at words, whatever the console's default
    print_workers(console, status)
    console.print(sources_table(status).table(console.width), soft_wrap=False)
    console.print(_stories_line(status))
    console.print(_outbox_line(status))
    for line in status.problems():
        console.print(Text("problem: " + line, style="red"), soft_wrap=False)
    verdict = ("healthy", "bold green") if status.healthy else ("unhealthy", "bold red")
    console.print(Text(verdict[0], style=verdict[1]))


def _daemon_line(status: Status) -> str:
    """The daemon, as rich markup: running, stopped cleanly, last seen (it died), or never started here."""
    d = status.daemon
    colour = "red" if d.missing else "yellow"
    not_running = f"daemon: [{colour}]not running[/{colour}]"
    if d.alive:
        return (
            f"daemon: [green]running[/green] ({escape(d.owner or '')}, since {when(d.started_at)} UTC); "
            f"last heartbeat {when(d.heartbeat_at)}, last cycle {when(d.last_cycle_at)}"
        )
    if d.stopped_at is not None:
        return (
            f"{not_running} ({escape(d.owner or '')} stopped at {when(d.stopped_at)} UTC, "
            f"last cycle {when(d.last_cycle_at)})"
        )
    if d.owner:
        return (
            f"{not_running} (last seen {escape(d.owner)} at {when(d.heartbeat_at)} UTC, "
            f"last cycle {when(d.last_cycle_at)})"
        )
    return f"{not_running} (start it with `storywatch run`)"


def _stories_line(status: Status) -> str:
    by_status = ", ".join(f"{count} {name}" for name, count in sorted(status.stories.items())) or "none"
    return f"stories: {sum(status.stories.values())} tracked ({by_status}); {status.due} due now"


def _outbox_line(status: Status) -> str:
    pending = sum(o.pending for o in status.outbox)
    failing = sum(o.failing for o in status.outbox)
    return f"outbox: {pending} pending ({failing} failing), {status.dead_alerts} dead"


def _status_records(status: Status) -> None:
    d = status.daemon
    state = "running" if d.alive else "not running"
    record("daemon", state, d.owner, iso(d.started_at), iso(d.heartbeat_at), iso(d.last_cycle_at), iso(d.stopped_at))
    for w in status.workers:
        alive = "alive" if w.alive else "stopped" if w.stopped_at else "dead"
        record("worker", w.id, alive, iso(w.started_at), iso(w.heartbeat_at), w.claims, w.last_action or "")
    for row in sources_table(status).rows:
        record("source", *(piped(cell) for cell in row))
    record("stories", _stories_line(status).removeprefix("stories: "))
    record("outbox", _outbox_line(status).removeprefix("outbox: "))
    for line in status.problems():
        record("problem", line)
    record("verdict", "healthy" if status.healthy else "unhealthy")

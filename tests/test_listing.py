"""Large listings: `stories` (and --json) and /api/stories stream their rows and page with limit/offset.

Every test runs on SQLite and PostgreSQL (``store_url``). The stories are invented; their order (most recently
changed first, never-changed last, ties by id) is checked against the old definition: every story, sorted.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from monitor.cli import cli
from monitor.cli import grid as grid_module
from monitor.cli.grid import Column, Grid, emit_stream
from monitor.config import load_config
from monitor.models import Article, DiffSummary, Significance, Source, SourceKind, Story
from monitor.web.app import create_app
from storage.listing_store import StoryFilters
from storage.store import Store

T0 = datetime(2025, 8, 28, 9, 0, tzinfo=UTC)
LEVELS = [Significance.COSMETIC, Significance.MINOR, Significance.SUBSTANTIVE, Significance.MAJOR]


def build_desk(store: Store, count: int = 23) -> list[int]:
    """``count`` stories over two sources: a third never changed, some changed at the same moment (ties), each
    changed one's latest change of its own significance, one removed after its edit (an event, major)."""
    store.sync_sources(
        [
            Source("world", SourceKind.FEED, "https://world.example.org/rss.xml", tags=("news",)),
            Source("local", SourceKind.FEED, "https://local.example.org/rss.xml", tags=("town",)),
        ]
    )
    ids = []
    for k in range(count):
        url = f"https://news.example.org/2025/{k}/story"
        source = "world" if k % 2 else "local"
        story, _ = store.add_story(url, source=source, headline=f"Story {k} — Müller", now=T0, next_check_at=T0)
        ids.append(story.id)
        if k % 3 == 0:
            continue  # tracked, never read: no version, never changed
        article = Article(url=url, headline=f"Story {k} — Müller", body=(f"Text {k}.",))
        store.add_version(story.id, article, text="1", text_hash=f"{k}-1", seen_at=T0)
        if k % 3 == 1:
            if k == 4:  # a baseline, then removed: its latest change is the removal
                store.add_event(story.id, DiffSummary(Significance.MAJOR, False, event="removed"), at=T0)
            continue  # a baseline only
        when = T0 + timedelta(hours=k // 4)  # four stories share each hour: ties broken by id
        edited = Article(url=url, headline=f"Story {k} — Müller", body=(f"Text {k}, edited.",))
        summary = DiffSummary(LEVELS[k % 4], declared=True)
        store.add_version(story.id, edited, text="2", text_hash=f"{k}-2", seen_at=when, summary=summary)
        if k == 5:
            removal = DiffSummary(Significance.MAJOR, False, event="removed", event_detail="HTTP 410 Gone")
            store.add_event(story.id, removal, at=when + timedelta(minutes=1))
    return ids


def expected_order(store: Store) -> list[Story]:
    """Every story, sorted as a listing sorts them (the definition the listing must keep)."""
    everything = [store.get_story(i) for i in range(1, 24)]  # the ids build_desk made, one by one
    everything = [s for s in everything if s is not None]
    never = [s for s in everything if s.last_changed_at is None]
    changed = sorted((s for s in everything if s.last_changed_at), key=lambda s: (-s.last_changed_at.timestamp(), s.id))
    return changed + sorted(never, key=lambda s: s.id)


@pytest.fixture
def desk(store: Store) -> Store:
    build_desk(store)
    return store


# -- the store ----------------------------------------------------------------------------------------------
def test_the_stream_is_in_the_listing_order_however_it_is_chunked(desk: Store) -> None:
    wanted = [s.id for s in expected_order(desk)]
    assert len(wanted) == 23 and len({s.last_changed_at for s in expected_order(desk)[:8]}) < 8  # ties exist
    for chunk in (1, 3, 500):
        assert [s.id for s in desk.stream_stories(chunk=chunk)] == wanted
    assert [s.id for s in desk.list_stories()] == wanted


def test_pages_are_slices_of_the_whole_listing_and_follow_without_overlap(desk: Store) -> None:
    everything = [s.id for s in desk.stream_stories()]
    for limit in (1, 4, 7, 30):
        pages: list[int] = []
        for offset in range(0, 30, limit):
            page = [s.id for s in desk.stream_stories(offset=offset, limit=limit, chunk=2)]
            assert page == everything[offset : offset + limit]
            pages += page
        assert pages == everything
    assert list(desk.stream_stories(offset=23)) == []
    assert [s.id for s in desk.stream_stories(offset=20)] == everything[20:]


def test_filters_keep_the_old_definitions(desk: Store) -> None:
    everything = list(desk.stream_stories())
    world = [s.id for s in everything if s.source == "world"]
    assert [s.id for s in desk.stream_stories(StoryFilters(sources=["world"]))] == world
    assert list(desk.stream_stories(StoryFilters(sources=[]))) == []
    since = T0 + timedelta(hours=3)
    recent = [s.id for s in everything if (s.last_changed_at or T0) >= since or s.first_seen_at >= since]
    assert [s.id for s in desk.stream_stories(StoryFilters(since=since))] == recent
    for level in LEVELS:
        latest = {s.id: desk.latest_change(s.id) for s in everything}
        wanted = [s.id for s in everything if latest[s.id] and latest[s.id].significance >= level]
        found = [s.id for s in desk.stream_stories(StoryFilters(min_significance=level), chunk=2)]
        assert found == wanted and found, level
    major = [s.id for s in desk.stream_stories(StoryFilters(min_significance=Significance.MAJOR))]
    for removed in ("/5/story", "/4/story"):  # an edit (minor), then removed; a baseline, then removed
        assert next(s.id for s in everything if s.url.endswith(removed)) in major


def test_a_stream_left_half_read_ends_its_transaction(desk: Store) -> None:
    stream = desk.stream_stories(chunk=2)
    assert next(stream).id == expected_order(desk)[0].id
    stream.close()  # the read transaction ends here; a write goes through at once
    desk.add_story("https://news.example.org/after", source="world", headline=None, now=T0, next_check_at=T0)
    assert len(list(desk.stream_stories())) == 24


# -- the CLI ------------------------------------------------------------------------------------------------
@pytest.fixture
def config(desk: Store, store_url: str, tmp_path: Path) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(
        f'storage: {{url: "{store_url}"}}\n'
        "sources:\n"
        '  - {name: world, feed: "https://world.example.org/rss.xml", tags: [news]}\n'
        '  - {name: local, feed: "https://local.example.org/rss.xml", tags: [town]}\n'
    )
    return path


def run(config: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["-c", str(config), *args])


def test_stories_json_is_the_same_text_as_dumping_the_whole_list(config: Path, desk: Store) -> None:
    result = run(config, "stories", "--json")
    assert result.exit_code == 0, result.output
    whole = [s.to_json() for s in expected_order(desk)]
    assert result.stdout == json.dumps(whole, ensure_ascii=False, indent=2) + "\n"  # what it printed before
    assert run(config, "stories", "--json", "--source", "nowhere").exit_code == 2
    empty = run(config, "stories", "--json", "--offset", "100")
    assert (empty.exit_code, empty.stdout) == (0, "[]\n")


def test_stories_limit_and_offset_page_the_json_and_the_records(config: Path, desk: Store) -> None:
    whole = [s.to_json() for s in expected_order(desk)]
    page = run(config, "stories", "--json", "--limit", "5", "--offset", "7")
    assert json.loads(page.stdout) == whole[7:12]
    world = [row for row in whole if row["source"] == "world"]
    assert json.loads(run(config, "stories", "--json", "--tag", "news", "--limit", "3").stdout) == world[:3]
    records = run(config, "stories", "--limit", "4", "--offset", "2").stdout.splitlines()
    assert records[0].startswith("id\theadline") and [int(r.split("\t")[0]) for r in records[1:]] == [
        row["id"] for row in whole[2:6]
    ]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--limit", "0"], "'--limit': 0 is not in the range x>=1"),
        (["--limit", "ten"], "'--limit': 'ten' is not a valid integer"),
        (["--offset", "-1"], "'--offset': -1 is not in the range x>=0"),
        (["--offset", str(2**63)], "offset must be 0 or more"),
        (["--limit", str(2**64)], "limit must be 1 or more"),
    ],
)
def test_a_bad_page_is_a_usage_error_that_names_the_option(config: Path, args: list[str], said: str) -> None:
    result = run(config, "stories", "--json", *args)
    assert result.exit_code == 2 and said in result.output, result.output
    assert result.stdout.count("{") == 0  # nothing listed


def terminal(width: int = 80) -> Console:
    return Console(file=io.StringIO(), force_terminal=True, width=width, color_system=None, soft_wrap=True)


def test_a_long_listing_on_a_terminal_is_one_table_printed_a_chunk_at_a_time(
    config: Path, desk: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("monitor.cli.tables.CHUNK", 4)
    console = terminal()
    monkeypatch.setattr("monitor.cli.review.out", console)
    result = run(config, "stories")
    assert result.exit_code == 0, result.output
    screen = console.file.getvalue()  # type: ignore[attr-defined]
    lines = screen.splitlines()
    assert all(len(line) <= 80 for line in lines), screen
    assert sum(line.startswith("┏") for line in lines) == 1 and sum(line.startswith("└") for line in lines) == 1
    body = lines[next(i for i, line in enumerate(lines) if line.startswith("┡")) + 1 :]
    assert not any(line.startswith(("┌", "┏", "┡", "├", "┃")) for line in body)  # no seams between chunks
    ids = [int(cells[1]) for line in lines if line.startswith("│") and (cells := line.split("│"))[1].strip()]
    assert ids == [s.id for s in expected_order(desk)]
    assert lines[-1] == "23 tracked stories"


def test_a_short_listing_keeps_its_count_in_the_title(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    console = terminal()
    monkeypatch.setattr("monitor.cli.review.out", console)
    assert run(config, "stories", "--limit", "3").exit_code == 0
    screen = console.file.getvalue()  # type: ignore[attr-defined]
    assert screen.splitlines()[0].strip() == "3 tracked stories"


def test_a_streamed_grid_is_written_before_its_rows_are_all_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """The piped records and the terminal table both print as the rows come, never after reading them all."""
    pulled = []

    def rows() -> Iterator[tuple[str, str]]:
        for k in range(30_000):
            pulled.append(k)
            yield str(k), "word " * 5

    columns = (Column("id"), Column("text", wrap=10))
    written_at: list[int] = []
    monkeypatch.setattr(grid_module.click, "echo", lambda text, nl=True: written_at.append(len(pulled)))
    emit_stream(Console(file=io.StringIO(), force_terminal=False), Grid(columns), rows())
    assert len(written_at) > 3 and written_at[0] < 30_000  # 64 KB blocks, the first long before the end
    console = terminal()
    printed: list[int] = []
    monkeypatch.setattr(console, "print", lambda *a, **k: printed.append(len(pulled)))
    pulled.clear()
    first = Grid(columns, [("x", "y")])
    emit_stream(console, first, rows(), chunk=1000)
    assert len(printed) == 31 and printed[0] <= 1000  # one print per chunk, a chunk read ahead


# -- the API ------------------------------------------------------------------------------------------------
@pytest.fixture
def client(desk: Store, config: Path):  # noqa: ANN201 - a Flask test client
    return create_app(load_config(config, require_env=False), desk, clock=lambda: T0).test_client()


def test_api_stories_streams_the_whole_list_as_jsonify_wrote_it(client, desk: Store) -> None:  # noqa: ANN001
    response = client.get("/api/stories")
    assert response.status_code == 200 and response.is_streamed and response.mimetype == "application/json"
    whole = [s.to_json() for s in expected_order(desk)]
    assert response.get_data(as_text=True) == json.dumps(whole, ensure_ascii=False, separators=(",", ":")) + "\n"
    assert "Link" not in response.headers


def test_api_pages_link_the_next_page_until_the_last(client, desk: Store) -> None:  # noqa: ANN001
    whole = [s.id for s in expected_order(desk) if s.source == "local"]
    url, seen, pages = "/api/stories?source=local&limit=5", [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        page = [row["id"] for row in response.get_json()]
        assert 1 <= len(page) <= 5
        seen += page
        pages += 1
        link = response.headers.get("Link")
        url = link.split(">")[0].lstrip("<") if link else ""
        assert not link or link.endswith('rel="next"')
    assert seen == whole and pages == -(-len(whole) // 5)
    assert client.get("/api/stories?limit=5&offset=100").get_json() == []


@pytest.mark.parametrize("query", ["limit=0", "limit=1001", "limit=x", "offset=-1", "offset=1e3"])
def test_api_bad_page_parameters_are_400_with_a_sentence(client, query: str) -> None:  # noqa: ANN001
    response = client.get(f"/api/stories?{query}")
    assert response.status_code == 400
    assert "must be a whole number" in response.get_json()["error"]

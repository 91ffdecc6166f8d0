"""What the listing commands print: tables that fit an 80-column terminal, tab-separated records in a pipe.

CliRunner's stdout is not a terminal, so it gets the piped form; the terminal form is rendered through a rich
Console forced to be an 80-column terminal, patched in for the command's ``out``.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.console import Console
from rich.text import Text

from monitor.app import App
from monitor.cli import cli
from monitor.cli.grid import Column, Grid, Shown
from monitor.config import load_config
from monitor.demo.newsroom import Newsroom
from monitor.demo.stories import FERRY, SUMMIT_V1, SUMMIT_V2, DemoStory, rss, story_page

LONG_HEADLINE = "Leaders of the northern seas arrive in Valmora for the Northern Harbour summit on fishing rights"
SOURCE = "harbour-herald-international"
NAMES = (
    "President Tomas Varga, Chancellor Ilse Marwick, Prime Minister Rafael Okonjo, President Mirela Dastan, "
    "Minister Halvard Brenn, Governor Sefa Oduya and Admiral Katrin Voss"
)


def publish(site: Newsroom, stories: list[DemoStory]) -> None:
    for story in stories:
        site.set(story.path, story_page(story, base=site.base_url))
    site.set("/rss.xml", rss("World", site.base_url, stories), content_type="application/rss+xml")


@pytest.fixture
def desk(tmp_path: Path, newsroom: Newsroom) -> Path:
    """Two stories, one with a long headline that changed once (a long summary), from a long-named source."""
    first = replace(SUMMIT_V1, headline=LONG_HEADLINE)
    publish(newsroom, [first, FERRY])
    config = tmp_path / "config.yaml"
    config.write_text(f"""
storage: {{url: "sqlite:///{tmp_path / "s.db"}"}}
fetch: {{allow_private_networks: true, min_gap: 0s, timeout: 2s}}
sources:
  - {{name: {SOURCE}, feed: '{newsroom.url("/rss.xml")}'}}
notifiers:
  - {{name: desk, type: console, color: false}}
""")
    with App.open(load_config(config)) as app:
        app.pipeline.run_pass()
        second = replace(
            SUMMIT_V2,
            headline=LONG_HEADLINE,
            paragraphs=(*SUMMIT_V2.paragraphs, f"Also expected are {NAMES}, the organisers said."),
        )
        publish(newsroom, [second, FERRY])
        app.pipeline.run_pass(all_stories=True)
    return config


def run(config: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["-c", str(config), *args])


def on_terminal(config: Path, module: str, *args: str, width: int = 80) -> tuple[str, Result]:
    """The command as an 80-column terminal shows it (no colour codes)."""
    console = Console(
        file=io.StringIO(), force_terminal=True, width=width, color_system=None, soft_wrap=True
    )  # as `out`
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(f"monitor.cli.{module}.out", console)
        result = run(config, *args)
    return console.file.getvalue(), result  # type: ignore[attr-defined]


def fits(screen: str, width: int = 80) -> None:
    assert screen.strip(), "nothing printed"
    too_wide = [line for line in screen.splitlines() if len(line) > width]
    assert not too_wide, screen


def cells(screen: str, column: int) -> list[str]:
    """The text of one column, line by line, from a rendered table's body."""
    return [line.split("│")[column].strip() for line in screen.splitlines() if line.startswith("│")]


# -- the grid itself -----------------------------------------------------------------------------------------
def test_columns_go_lowest_rank_first_and_a_wrapping_column_keeps_its_minimum() -> None:
    columns = (Column("id"), Column("text", wrap=30), Column("a", rank=10), Column("b", rank=20))
    grid = Grid(columns, [("1", "word " * 20, "x" * 20, "y" * 20)])
    assert grid.widths(200) == {0: 2, 1: 100, 2: 20, 3: 20}  # room for all: the text gets the rest
    assert grid.widths(80) == {0: 2, 1: 48, 3: 20}  # "a" (rank 10) went first; the text takes the rest
    assert grid.widths(50) == {0: 2, 1: 41}  # then "b"; the text grows into the room left
    assert grid.widths(20) == {0: 2, 1: 30}  # essential columns stay even when they cannot fit


def test_piped_lines_are_one_record_each_with_tabs_and_line_breaks_flattened() -> None:
    grid = Grid((Column("id"), Column("text", wrap=10), Column("when")))
    grid.add("1", Text("two\nlines\tand a tab", style="red"), Shown("Dec 01 10:00", "2026-12-01T10:00:00Z"))
    assert list(grid.lines()) == ["id\ttext\twhen", "1\ttwo lines and a tab\t2026-12-01T10:00:00Z"]


# -- stories -------------------------------------------------------------------------------------------------
def test_stories_at_80_columns_keep_the_headline_readable_and_the_source_whole(desk: Path) -> None:
    screen, result = on_terminal(desk, "review", "stories")
    assert result.exit_code == 0, result.output
    fits(screen)
    header = next(line for line in screen.splitlines() if line.startswith("┃"))
    assert "headline" in header and "source" in header and "checked UTC" not in header  # the least useful went
    headline_width = len(header.split("┃")[2])
    assert headline_width >= 32  # 30 characters and its padding, never a 10-character sliver
    assert SOURCE in cells(screen, 3)  # the source name on one line, not broken mid-word
    assert len([line for line in screen.splitlines() if line.startswith("│")]) <= 8  # 2 stories, a few lines each


def test_stories_piped_is_one_tab_separated_line_per_story(desk: Path) -> None:
    result = run(desk, "stories")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "id\theadline\tsource\tver\tchanged UTC\tchecked UTC\tstatus"
    assert len(lines) == 3 and "┃" not in result.stdout and "│" not in result.stdout
    (summit,) = [line for line in lines if LONG_HEADLINE in line]  # grep finds the whole headline
    fields = summit.split("\t")
    assert fields[1:4] == [LONG_HEADLINE, SOURCE, "2"] and fields[6] == "active"
    assert fields[4].endswith("Z") and "T" in fields[4]  # the full ISO 8601 UTC time


def test_stories_json_is_unchanged_by_the_piped_form(desk: Path) -> None:
    data = json.loads(run(desk, "stories", "--json").stdout)
    assert {row["headline"] for row in data} == {LONG_HEADLINE, FERRY.headline}
    contract = {"id", "url", "headline", "source", "versions", "last_changed_at", "last_checked_at", "status"}
    assert contract <= set(data[0])


# -- history -------------------------------------------------------------------------------------------------
def test_history_piped_gives_the_whole_summary_and_the_terminal_a_cut_one(desk: Path) -> None:
    result = run(desk, "history", "1")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "version\tseen UTC\tsignificance\twhat changed"
    assert len(lines) == 3  # baseline and one change, one line each
    summary = lines[2].split("\t")[3]
    assert "…" not in summary and len(summary) > 110 and "Katrin Voss" in summary

    screen, _ = on_terminal(desk, "review", "history", "1")
    fits(screen)
    assert "seen UTC" in screen and "…" in screen  # on screen the summary is one readable line's worth


# -- check ---------------------------------------------------------------------------------------------------
def test_check_piped_prints_records_on_stdout_and_the_summary_and_alerts_on_stderr(desk: Path) -> None:
    result = run(desk, "check", "--all")  # delivers the pending alert of the fixture's change to the console
    assert result.exit_code == 0, result.output
    assert "[SUBSTANTIVE] Updated" in result.stderr and "Updated" not in result.stdout
    lines = result.stdout.splitlines()
    assert lines[0] == "target\tstatus\tversion\tdetail"
    assert f"{SOURCE}\tdiscovered\t\t0 new stories (2 entries)" in lines
    assert all(line.count("\t") == 3 for line in lines)
    assert "story check(s)" not in result.stdout
    (line,) = [line for line in result.stderr.splitlines() if "story check(s)" in line]
    assert line.startswith("1 source(s), 2 story check(s): 0 changed") and line.endswith("waiting in the outbox")


def test_check_at_80_columns_fits(desk: Path) -> None:
    screen, result = on_terminal(desk, "daemon", "check", "--all")
    assert result.exit_code == 0, result.output
    fits(screen)
    assert "2 story check(s)" in screen


# -- notify status and reextract ---------------------------------------------------------------------------
def test_notify_status_piped_and_at_80_columns(desk: Path) -> None:
    result = run(desk, "notify", "status")
    assert result.exit_code == 0, result.output
    header, desk_row = result.stdout.splitlines()
    assert header == "notifier\tdue\theld\tfailing\tdead\tsent\tops\tnext try UTC\tlast error"
    fields = desk_row.split("\t")
    assert fields[:7] == ["desk", "1", "0", "0", "0", "0", "0"] and fields[7].endswith("Z") and fields[8] == ""
    screen, _ = on_terminal(desk, "notify", "notify", "status")
    fits(screen)
    assert "last error" not in screen and "desk" in screen


def test_reextract_piped_and_at_80_columns(desk: Path) -> None:
    result = run(desk, "reextract", "--all", "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "story\theadline\tre-read\ttext changed\tskipped\tfailed"
    assert any(f"\t{LONG_HEADLINE}\t2\t0\t0\t0" in line for line in lines)
    assert "re-read" in result.stderr and "dry run" in result.stderr
    screen, _ = on_terminal(desk, "extract", "reextract", "--all", "--dry-run")
    fits(screen)


# -- diff side by side -------------------------------------------------------------------------------------
def test_diff_side_by_side_html_is_a_two_column_page_and_markdown_json_refuse(desk: Path) -> None:
    page = run(desk, "diff", "1", "--side-by-side", "--format", "html")
    assert page.exit_code == 0, page.output
    inline = run(desk, "diff", "1", "--format", "html").stdout
    assert page.stdout != inline and "<table" in page.stdout and "<table" not in inline
    assert "version 1 (old)</th>" in page.stdout and "version 2 (new)</th>" in page.stdout
    (changed_row,) = [row for row in page.stdout.split("<tr>") if ">26</span>" in row]
    old, new = changed_row.split("</td><td")  # 26 struck out on the left, 27 added on the right
    assert ">26</span>" in old and ">27</span>" not in old and ">27</span>" in new and ">26</span>" not in new
    assert "Katrin Voss" in page.stdout

    for fmt in ("markdown", "json"):
        refused = run(desk, "diff", "1", "--side-by-side", "--format", fmt)
        assert refused.exit_code == 2 and refused.stdout == ""
        assert f"--side-by-side works with --format text or html, not {fmt}" in refused.stderr

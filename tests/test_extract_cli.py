"""`storywatch extract`: the pipeline's self-check shown (text and JSON, exit 1 when broken), and a page that
builds its text with JavaScript explained; pages in tests/data/cli/."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from monitor.cli import cli
from monitor.errors import ExtractionError
from monitor.extractors import extract

PAGES = Path(__file__).parent / "data" / "cli"
CONTRACT_KEYS = ["url", "canonical_url", "headline", "authors", "published", "modified", "language", "body", "notes"]
WOULD_NOT_STORE = "storywatch would not store this as a version"


def _extract(tmp_path: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["-c", str(tmp_path / "none.yaml"), "extract", *args])


def test_a_consent_wall_is_shown_as_broken_and_exits_1(tmp_path: Path) -> None:
    result = _extract(tmp_path, str(PAGES / "privacy_wall.html"))
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines()[0].startswith("We value your privacy")  # what was read is still shown
    warning = result.stdout.strip().splitlines()[-1]
    assert warning.startswith("looks broken:") and "cookie consent wall" in warning, warning
    assert warning.endswith(WOULD_NOT_STORE)


def test_a_consent_wall_as_json_names_the_problem_after_the_contract_keys(tmp_path: Path) -> None:
    result = _extract(tmp_path, "--json", str(PAGES / "privacy_wall.html"))
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert list(data) == [*CONTRACT_KEYS, "extractor", "problem"]
    assert data["headline"] == "We value your privacy"
    assert "cookie consent wall" in data["problem"]


@pytest.mark.parametrize("as_json", [False, True])
def test_an_ordinary_story_has_no_problem_and_exits_0(tmp_path: Path, as_json: bool) -> None:
    result = _extract(tmp_path, *(["--json"] if as_json else []), str(PAGES / "ordinary_story.html"))
    assert result.exit_code == 0, result.output
    assert "looks broken" not in result.output
    if as_json:
        data = json.loads(result.stdout)
        assert data["problem"] is None
        assert data["headline"] == "Footbridge over the Lantern reopens after repairs"
        assert list(data)[:-2] == CONTRACT_KEYS


STATE_SHELL = b"""<html><head><title>Ferry fares | Saltmarsh Post</title></head><body><div id="root"></div>
<script>window.__INITIAL_STATE__ = {"article": {"paragraphs": ["Fares rise by 5 per cent from May."]}};</script>
</body></html>"""


@pytest.mark.parametrize("page", [(PAGES / "js_shell.html").read_bytes(), STATE_SHELL], ids=["next", "state"])
def test_a_page_built_by_javascript_says_so(page: bytes) -> None:
    with pytest.raises(ExtractionError, match=r"no story text found .*build its text with JavaScript"):
        extract(page, "https://saltmarshpost.example/story/ferry-timetable")


def test_extract_explains_a_page_built_by_javascript(tmp_path: Path) -> None:
    result = _extract(tmp_path, str(PAGES / "js_shell.html"))
    assert result.exit_code == 1
    assert "the page seems to build its text with JavaScript (no text in the HTML)" in result.output


@pytest.mark.parametrize(
    "page",
    [
        b"<html><head><title>Gallery</title></head><body><img src=a.jpg></body></html>",
        b"<html><body><nav><p>Home</p></nav><script>var x = 'lots of code here';</script></body></html>",
    ],
)
def test_a_page_without_text_or_an_app_is_not_blamed_on_javascript(page: bytes) -> None:
    with pytest.raises(ExtractionError, match="no story text") as caught:
        extract(page, "https://news.example.org/x")
    assert "JavaScript" not in str(caught.value)


def test_a_page_without_story_text_as_json_prints_the_contract_shape_and_the_problem(tmp_path: Path) -> None:
    page = tmp_path / "gallery.html"
    page.write_bytes(b"<html><head><title>Gallery</title></head><body><img src=a.jpg></body></html>")
    result = _extract(tmp_path, "--json", str(page))
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert list(data) == [*CONTRACT_KEYS, "extractor", "problem"]
    assert data["body"] == [] and data["headline"] is None
    assert "no story text found" in data["problem"]


def test_trafilatura_warnings_stay_off_stderr(tmp_path: Path) -> None:
    """Through the installed command, whose log handler writes to the real stderr."""
    page = tmp_path / "empty.html"
    page.write_bytes(b"<html><head><title>Nothing</title></head><body><div></div></body></html>")
    command = shutil.which("storywatch", path=str(Path(sys.executable).parent)) or "storywatch"
    for args in (["--json", str(page)], [str(page)]):
        done = subprocess.run(
            [command, "-c", str(tmp_path / "none.yaml"), "extract", *args], capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 1
        assert "discarding data" not in done.stderr and "WARNING" not in done.stderr, done.stderr

"""Packaging: the wheel holds exactly our three packages, and no other installed distribution provides them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from importlib.metadata import distributions
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
OURS = {"monitor", "storage", "notifiers"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("storywatch-*.whl")
    return built


def test_wheel_holds_exactly_the_three_packages(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert top == OURS
    for must in (
        "monitor/cli/__init__.py",
        "monitor/starter_config.yaml",
        "storage/migrations/env.py",
        "notifiers/slack.py",
    ):
        assert must in names, must
    web = REPO / "monitor" / "web"
    for asset in [*(web / "templates").iterdir(), *(web / "static").iterdir()]:  # the web view's own files
        assert str(asset.relative_to(REPO)) in names, asset
    sources = {str(p.relative_to(REPO)) for pkg in OURS for p in (REPO / pkg).rglob("*.py")}
    assert sources - set(names) == set()  # every module of ours ships (subpackages included)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "storywatch = monitor.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_no_other_installed_distribution_provides_our_packages() -> None:
    clashes = []
    for dist in distributions():
        if dist.metadata["Name"].lower() == "storywatch":
            continue
        tops = set((dist.read_text("top_level.txt") or "").split())
        tops |= {str(f).split("/")[0] for f in dist.files or () if str(f).endswith(".py")}
        for name in OURS & tops:
            clashes.append(f"{dist.metadata['Name']} provides {name}")
    assert clashes == []


def test_python_dash_m_monitor_is_the_cli() -> None:
    result = subprocess.run([sys.executable, "-m", "monitor", "--version"], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "storywatch, version 0.1.0"


def test_the_cli_loads_no_extractor_database_or_web_code_until_a_command_needs_it() -> None:
    """`storywatch --version` and `--help` stay quick: heavy parts load inside the commands that use them."""
    import subprocess
    import sys

    code = (
        "import sys, monitor.cli; "
        "heavy = [m for m in ('trafilatura', 'monitor.extractors', 'storage.store', 'sqlalchemy', 'flask', 'httpx') "
        "if m in sys.modules]; print(heavy)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"

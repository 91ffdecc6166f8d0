"""Start-up: a command imports what it uses, nothing more (the timings are bench/bench_startup.py's).

Each check runs the real command in a fresh interpreter and lists the heavy modules it left in sys.modules.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from storage.store import Store

REPO = Path(__file__).resolve().parent.parent
# what a read-only command must not load: the extractor, the migration tool, the diff engine and renderers,
# the fetcher and its HTTP client, the scheduler, the web framework
HEAVY = (
    "alembic",
    "trafilatura",
    "lxml",
    "httpx",
    "apscheduler",
    "flask",
    "monitor.extractors",
    "monitor.diff",
    "monitor.fetch",
    "monitor.pipeline",
    "notifiers.render",
    "notifiers.render_alert",
    "notifiers.render_slack",
    "notifiers.outbox",
)
RUN = """\
import json, sys
heavy = json.loads(sys.argv[2])
sys.argv = ["storywatch", *json.loads(sys.argv[1])]
from monitor.cli import main
try:
    main()
except SystemExit:
    pass
loaded = [m for m, module in sys.modules.items() if module is not None]  # None: marked absent, never imported
print(json.dumps(sorted(m for m in loaded if m in heavy or m.split(".")[0] in heavy)), file=sys.stderr)
"""


def loaded(*args: str, watch: tuple[str, ...] = HEAVY) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", RUN, json.dumps(args), json.dumps(watch)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    return json.loads(done.stderr.strip().splitlines()[-1])


def printed(code: str) -> str:
    """What ``code`` prints, run in a fresh interpreter (which must exit cleanly)."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=REPO)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """A normal config (sources, every built-in channel, a web section) on a database at the current schema."""
    Store.open(f"sqlite:///{tmp_path / 'sw.db'}").close()
    path = tmp_path / "config.yaml"
    path.write_text(f"""\
storage: {{url: "sqlite:///{tmp_path / "sw.db"}"}}
sources:
  - {{name: world, feed: "https://world.example.org/rss.xml", tags: [world]}}
notifiers:
  - {{name: desk, type: slack, webhook_url: "https://hooks.slack.example/services/T0/B0/x"}}
  - {{name: standards, type: email, smtp_host: smtp.example.org, from: sw@example.org, to: [desk@example.org]}}
  - {{name: hook, type: webhook, url: "https://hooks.example.org/storywatch"}}
  - {{name: screen, type: console}}
web: {{base_url: "https://storywatch.example.org"}}
""")
    return path


def test_version_loads_click_and_nothing_else_of_weight() -> None:
    assert loaded("--version", watch=(*HEAVY, "sqlalchemy", "rich", "yaml", "monitor.config")) == []


def test_the_http_client_comes_without_its_command_line_tool() -> None:
    """httpx's own CLI (rich, pygments) is never loaded by the fetcher or a channel's POST, in one TLS context."""
    code = (
        "import sys, monitor.fetch, notifiers._http, monitor.tls, httpx\n"
        "assert monitor.tls.tls() is monitor.tls.tls()\n"
        "print(sorted(m for m in ('rich', 'pygments', 'httpx._main') if sys.modules.get(m) is not None))"
    )
    assert printed(code) == "[]"
    assert callable(__import__("httpx").main)  # httpx's stub for its missing CLI


def test_the_checking_process_parses_no_page() -> None:
    """A check's own process fetches, judges, stores and alerts: only its extraction workers parse pages, so it
    never loads lxml or cssselect (~15 ms of every check's start), site rules and sitemaps included, nor the
    patterns that read names and dates (~10 ms more)."""
    code = (
        "import sys, monitor.pipeline, monitor.story_check, monitor.feeds, monitor.extractors.rules as rules\n"
        "import notifiers.outbox, monitor.cli.daemon\n"
        "rule = rules.SiteRule(name='r', url_pattern='example', body='div.story')\n"
        "assert rules.matching_rule([rule], 'https://example.org/a') is rule\n"
        "readers = ('monitor.extractors.authors', 'monitor.extractors.dates')\n"
        "parsers = ('lxml', 'cssselect', 'trafilatura')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in parsers or m in readers))"
    )
    assert printed(code) == "[]"


@pytest.mark.parametrize("command", [["stories"], ["stories", "--json"], ["status", "--json"], ["history", "1"]])
def test_read_only_commands_load_no_extractor_fetcher_migrations_diff_or_web(config: Path, command: list[str]) -> None:
    assert loaded("-c", str(config), *command) == []


def test_config_check_knows_every_channel_without_loading_their_renderers(config: Path) -> None:
    assert loaded("-c", str(config), "config", "check") == []


def test_a_plugin_channel_is_still_found_when_the_config_names_it(tmp_path: Path) -> None:
    """Built-in types need no search of the installed distributions; a type no built-in has triggers it."""
    (tmp_path / "teams_plugin.py").write_text(
        "from notifiers.base import Notifier\n"
        "from monitor.models import DeliveryResult\n"
        "class Teams(Notifier):\n"
        "    type = 'teams-test'\n"
        "    description = 'a test plugin'\n"
        "    def send(self, alert):\n"
        "        return DeliveryResult(ok=True)\n"
    )
    info = tmp_path / "storywatch_teams_test-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: storywatch-teams-test\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[storywatch.notifiers]\nteams = teams_plugin\n")
    code = (
        "import sys; from monitor.config import parse_config; "
        "text = 'notifiers:\\n  - {name: t, type: %s}\\n'; "
        "print(parse_config(text % sys.argv[1], env={}).notifiers[0].type, 'teams_plugin' in sys.modules)"
    )
    env = {"PYTHONPATH": f"{tmp_path}:{REPO}", "PATH": "/usr/bin:/bin"}
    for kind, found in (("teams-test", "teams-test True"), ("console", "console False")):
        done = subprocess.run([sys.executable, "-c", code, kind], capture_output=True, text=True, env=env, cwd=REPO)
        assert done.stdout.strip() == found, done.stderr

"""deploy/: the compose file (PostgreSQL, N workers, the web view) and the systemd units are well-formed and
run the commands the README documents. No container engine here: compose.yaml is checked as YAML; the units
with ``systemd-analyze verify`` when the machine has it (against this checkout's storywatch)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
README = (DEPLOY.parent / "README.md").read_text()


def test_compose_runs_postgresql_a_migration_n_workers_and_the_web_view() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"postgres", "migrate", "worker", "web"}
    assert services["postgres"]["image"].startswith("postgres:")
    assert services["migrate"]["command"] == ["storywatch", "db", "upgrade"]
    worker = services["worker"]
    assert worker["command"][:2] == ["storywatch", "run"] and worker["deploy"]["replicas"] >= 2
    assert "/healthz" in " ".join(worker["healthcheck"]["test"])  # `run --metrics` answers it
    assert worker["stop_signal"] == "SIGTERM"
    assert worker["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["web"]["command"][:2] == ["storywatch", "serve"]
    for name in ("worker", "web", "migrate"):  # one config, one database for all of them
        assert services[name]["environment"]["STORYWATCH_DB_URL"].startswith("postgresql+psycopg://")
        assert services[name]["environment"]["STORYWATCH_CONFIG"] == "/etc/storywatch/config.yaml"
    assert services["worker"]["build"]["dockerfile"] == "Dockerfile"  # the repository's one Dockerfile
    assert (DEPLOY.parent / "Dockerfile").exists()
    assert "deploy/compose.yaml" in README and "--scale worker=" in README


def test_systemd_units_are_valid_and_documented(tmp_path: Path) -> None:
    binary = str(Path(sys.executable).with_name("storywatch"))
    units = ["storywatch-worker@.service", "storywatch-web.service"]
    for unit in units:
        text = (DEPLOY / unit).read_text()
        assert "ExecStart=/opt/storywatch/.venv/bin/storywatch " in text
        (tmp_path / unit).write_text(text.replace("/opt/storywatch/.venv/bin/storywatch", binary))
        assert unit in README
    assert (
        "storywatch run" in (DEPLOY / units[0]).read_text() and "KillSignal=SIGTERM" in (DEPLOY / units[0]).read_text()
    )
    for unit in units:  # a restart never upgrades the schema under the other workers: that is `db upgrade`'s job
        lines = (DEPLOY / unit).read_text().splitlines()
        assert [line for line in lines if line.startswith("Exec") and "db upgrade" in line] == []
        assert "RestartPreventExitStatus=2" in lines  # an older schema (exit 2) waits for the operator
    if shutil.which("systemd-analyze") is None:
        return
    done = subprocess.run(
        ["systemd-analyze", "verify", "storywatch-worker@1.service", "storywatch-web.service"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    problems = [line for line in done.stderr.splitlines() if "storywatch" in line]
    assert done.returncode == 0 and problems == [], done.stderr

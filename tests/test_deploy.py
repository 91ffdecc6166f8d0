"""The Dockerfile's steps, run the other way: build the wheel, install it in a fresh virtualenv, start it.

No image can be built where the tests run (no container engine, no registry), so this test reads the
Dockerfile's own commands and runs their equivalents: `pip wheel .`, `pip install` of that wheel, the
ENTRYPOINT and CMD, and the HEALTHCHECK's probe against the started web view.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import time
from datetime import timedelta
from pathlib import Path

import httpx

from monitor.models import utcnow
from storage.store import Store
from tests.fixtures_install import fresh_install

REPO = Path(__file__).resolve().parent.parent
DOCKERFILE = (REPO / "Dockerfile").read_text()


def _instructions(name: str) -> list[str]:
    joined = DOCKERFILE.replace("\\\n", " ")
    return [line.split(None, 1)[1] for line in joined.splitlines() if line.startswith(name + " ")]


def test_the_dockerfile_is_small_non_root_wheel_installed_and_health_checked() -> None:
    runs = _instructions("RUN")
    assert any(r.startswith("pip wheel") and r.rstrip().endswith(" .") for r in runs)
    assert any(r.startswith("pip install") and "/wheels/*.whl" in r for r in runs)
    assert _instructions("USER") == ["storywatch"]
    assert len(_instructions("FROM")) == 2  # the build stage's sources never reach the final image
    assert "/healthz" in _instructions("HEALTHCHECK")[0]
    assert _instructions("CMD")[0].startswith('["storywatch", ')  # compose.yaml's commands name the program too


def test_the_wheel_installs_in_a_fresh_virtualenv_and_the_images_commands_start_it(tmp_path: Path) -> None:
    bin_dir = fresh_install(tmp_path)
    where = subprocess.run(
        [str(bin_dir / "python"), "-c", "import monitor.web; print(monitor.web.__file__)"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert where.startswith(str(tmp_path / "venv")), where  # the wheel's copy, not this checkout
    db = tmp_path / "sw.db"
    Store.open(f"sqlite:///{db}").close()
    config = tmp_path / "config.yaml"
    config.write_text(f"storage: {{url: 'sqlite:///{db}'}}\n")
    entry = [str(bin_dir / "storywatch")]
    command = shlex.split(" ".join(re.findall(r'"([^"]+)"', _instructions("CMD")[0])))[1:]  # after "storywatch"
    command[command.index("--listen") + 1] = "127.0.0.1:0"  # the image listens on 0.0.0.0:8080
    server = subprocess.Popen([*entry, "-c", str(config), *command], stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    try:
        line = server.stderr.readline() if server.stderr else ""
        url = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert url, line
        probe = re.search(r"python\", \"-c\", \"(.+)\"\]", _instructions("HEALTHCHECK")[0])
        assert probe
        check = probe.group(1).replace("http://127.0.0.1:8080/", url.group(0))
        assert subprocess.run([str(bin_dir / "python"), "-c", check], capture_output=True, cwd=tmp_path).returncode != 0
        with Store.open(f"sqlite:///{db}") as store:  # a daemon's fresh heartbeat: now the probe passes
            store.acquire_lease("test:1", now=utcnow(), stale_after=timedelta(seconds=45))
        assert subprocess.run([str(bin_dir / "python"), "-c", check], capture_output=True, cwd=tmp_path).returncode == 0
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and httpx.get(url.group(0), timeout=2).status_code != 200:
            time.sleep(0.1)
        assert httpx.get(url.group(0), timeout=2).status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=10)
    version = subprocess.run([*entry, "--version"], check=True, capture_output=True, text=True, cwd=tmp_path).stdout
    assert "storywatch, version" in version

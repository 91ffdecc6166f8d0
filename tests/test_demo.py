"""`storywatch demo` as a new user runs it: the alert, then the serve command and the diff page it names."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx

STORYWATCH = [sys.executable, "-m", "monitor"]


def _run_demo() -> str:
    done = subprocess.run(
        [*STORYWATCH, "demo"], capture_output=True, text=True, timeout=120, env={"COLUMNS": "200", "PATH": ""}
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_demo_alerts_then_names_a_serve_command_whose_page_shows_the_diff(tmp_path: Path) -> None:
    out = _run_demo()
    assert "Added: Mirela Dastan" in out
    serve = next(line.strip() for line in out.splitlines() if line.strip().endswith(" serve"))
    url = re.search(r"http://127\.0\.0\.1:\d+/stories/\d+/diff\?from=1&to=2", out)
    assert url, out[-800:]
    args = shlex.split(serve)
    config = args[args.index("-c") + 1]
    server = subprocess.Popen([*STORYWATCH, "-c", config, "serve"], stderr=subprocess.PIPE, text=True)
    try:
        page = None
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                page = httpx.get(url.group(0), timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert page is not None, "storywatch serve did not answer within 10 s"
        assert page.status_code == 200
        assert re.search(r"<ins[^>]*>Mirela Dastan</ins>", page.text)  # the added name, marked as inserted
        assert "26</del>" in page.text and "27</ins>" in page.text
    finally:
        server.terminate()
        _, err = server.communicate(timeout=10)
    assert server.returncode == 0, err
    assert "storywatch web view on http://127.0.0.1:" in err
    shutil.rmtree(Path(config).parent, ignore_errors=True)

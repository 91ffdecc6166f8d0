"""An install as an operator makes it: storywatch's wheel built and installed into a fresh virtualenv."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def fresh_install(tmp_path: Path, target: Path | None = None) -> Path:
    """The Dockerfile's build and install steps into a new virtualenv (``target``, default ``tmp_path/venv``);
    returns its bin folder."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(wheels),
            str(REPO),
        ],
        check=True,
        timeout=300,
        capture_output=True,
    )
    target = target or tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    bin_dir = target / "bin"
    (wheel,) = wheels.glob("storywatch-*.whl")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(bin_dir / "python"),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
        timeout=300,
        capture_output=True,
    )
    # the dependencies come from this test run's environment (no registry is reachable from a test)
    site = subprocess.run(
        [str(bin_dir / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "storywatch-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return bin_dir

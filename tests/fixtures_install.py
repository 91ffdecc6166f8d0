"""An install as an operator makes it (README, "Install"): storywatch's wheel built and installed into a fresh
virtualenv. No registry is reachable from a test, so the virtualenv is made without pip (this run's pip drives
it with ``--python``) and storywatch's dependencies come from this test run's environment."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def pip(bin_dir: Path) -> list[str]:
    """The command line of pip working on the virtualenv whose bin folder is ``bin_dir``."""
    return [sys.executable, "-m", "pip", "--python", str(bin_dir / "python")]


def fresh_install(tmp_path: Path, target: Path | None = None) -> Path:
    """The Dockerfile's build and install steps into a new virtualenv (``target``, default ``tmp_path/venv``);
    returns its bin folder. The wheel stays in ``tmp_path/wheels``."""
    wheels = tmp_path / "wheels"
    build = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(wheels)]
    subprocess.run([*build, str(REPO)], check=True, timeout=300, capture_output=True)
    target = target or tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(target)], check=True, timeout=120)
    bin_dir = target / "bin"
    (wheel,) = wheels.glob("storywatch-*.whl")
    subprocess.run(
        [*pip(bin_dir), "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        timeout=300,
        capture_output=True,
    )
    site = subprocess.run(
        [str(bin_dir / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "storywatch-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return bin_dir

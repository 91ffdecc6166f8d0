"""Golden files: compare rendered output with a stored copy; ``STORYWATCH_REGENERATE_GOLDEN=1`` rewrites them.

(``UPDATE_GOLDEN=1``, the older name, works too.) Review the rewritten files with ``git diff`` before
committing: a golden file is what an editor receives.
"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "data" / "golden"


def regenerating() -> bool:
    return "1" in (os.environ.get("STORYWATCH_REGENERATE_GOLDEN"), os.environ.get("UPDATE_GOLDEN"))


def check_golden(name: str, actual: str) -> None:
    """``actual`` must equal ``tests/data/golden/<name>`` (written instead when regenerating)."""
    path = GOLDEN / name
    if regenerating():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run with STORYWATCH_REGENERATE_GOLDEN=1 to create it"
    assert actual == path.read_text(encoding="utf-8"), f"{name} changed (STORYWATCH_REGENERATE_GOLDEN=1 rewrites it)"

"""The extraction workers' test-only crash hook, set for the whole session before any worker starts.

Workers fork from one fork server per test process, which keeps the environment it started with, so the hook
is configured once: a page holding one of these markers makes its worker die the way it says.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator

import pytest

from monitor.extract_worker import CRASH_DIR, CRASH_HOOK

__all__ = ["CRASHES", "CRASH_ONCE", "HANG", "MEMORY", "crash_hook"]

CRASHES = {  # marker → how the worker dies on a page holding it
    "SIGSEGV": "storywatch-test-crash-segv",
    "SIGABRT": "storywatch-test-crash-abort",
    "SIGKILL": "storywatch-test-crash-kill",  # as the kernel's out-of-memory killer does it
}
MEMORY = "storywatch-test-crash-memory"  # allocates past an rlimit until MemoryError
CRASH_ONCE = "storywatch-test-crash-once"  # SIGSEGV the first time a page is seen, then read normally
HANG = "storywatch-test-hang"


def hook_environment(folder: str) -> dict[str, str]:
    markers = [f"{marker}:{mode}" for mode, marker in CRASHES.items()]
    markers += [f"{CRASH_ONCE}:SIGSEGV", f"{HANG}:hang", f"{MEMORY}:memory"]
    return {CRASH_HOOK: ",".join(markers), CRASH_DIR: folder}


@pytest.fixture(scope="session", autouse=True)
def crash_hook() -> Iterator[dict[str, str]]:
    """The hook's variables, in this process's environment (and so every subprocess's) for the session."""
    with tempfile.TemporaryDirectory(prefix="storywatch-crash-") as folder:
        env = hook_environment(folder)
        saved = {name: os.environ.get(name) for name in env}
        os.environ.update(env)
        yield env
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value

"""storywatch: watch published news stories and tell editors, in plain words, what changed."""

import sys

__version__ = "0.1.0"

# httpx imports its own command-line client (rich, pygments: ~40 ms of every start) only to offer an `httpx`
# command, which storywatch never runs. Marked absent, it is skipped: httpx's __init__ falls back to a stub.
sys.modules.setdefault("httpx._main", None)  # type: ignore[assignment]

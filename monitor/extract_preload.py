"""The full reader, loaded once by the extraction workers' fork server when several workers share it.

trafilatura and its every-language stop-word list (its justext fallback's, ~0.1 s to build) cost ~0.35 s of CPU
to load. Loaded by the fork server, every worker it forks starts with them; with a single worker, that worker
loads them at its first full read instead, so a pass whose every page the exact gate holds (only the page around
the story changed) never loads them at all (``monitor.extract_pool`` decides which).
"""

from __future__ import annotations

import trafilatura  # noqa: F401 - the point of this module: loaded once, in the fork server


def _warm_stop_words() -> None:
    """Build trafilatura's every-language stop-word list now: built at the first page that needs it, it costs
    each worker ~0.1 s of reading and merging lists again."""
    from trafilatura import external

    if getattr(external, "JT_STOPLIST", True) is None and hasattr(external, "jt_stoplist_init"):
        external.jt_stoplist_init()


_warm_stop_words()

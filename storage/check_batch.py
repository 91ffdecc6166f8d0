"""Write-behind for checks that found nothing new: buffered, then written many at a time in one transaction.

    batch = CheckBatch(store.record_quiet_checks, size=200, age=5.0)
    batch.add(QuietCheck(story_id, at=now, next_check_at=..., etag=..., last_modified=..., raw_hash=...))
    batch.flush()        # at the end of every pass (Pipeline.check_stories does it in a ``finally``)

A check answered by 304 or by an identical body changes nothing that matters: the story's next check time,
its last-checked time and validators, and one row of the compact checks log. Writing those one transaction
per check costs more than the fetch itself, so they wait here and go out together, every ``size`` checks, once
the oldest has waited ``age`` seconds, and at the end of each pass (so, on a clean shutdown, too).

What a crash can lose is this buffer and nothing else: at most ``size`` checks' bookkeeping, which is
harmless — those stories keep their previous next check time and are simply checked again. Everything that
matters (a new version with its change and alerts, a removal or restoration, a failure) is written at once,
in its own transaction, by the caller and never passes through here. A failed flush is logged, not raised.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

log = logging.getLogger("storywatch.storage")


@dataclass(frozen=True)
class QuietCheck:
    """One check of a story that found it unchanged: what its row and the checks log are to say."""

    story_id: int
    at: datetime
    next_check_at: datetime | None  # None: stop scheduling it (past the maximum age)
    etag: str | None
    last_modified: str | None
    raw_hash: str | None
    duration: float = 0.0
    gate: str | None = None  # a full read's sealed digest ("": none, the story is read in full; None: kept as is)


@dataclass(frozen=True)
class CheckRecord:
    """One check of a story as it is written at once: alone (``Store.record_story_check``) or in the transaction
    of the version it found (``Store.add_version``'s ``check``). The fields are ``record_story_check``'s."""

    at: datetime
    status: str
    error: str | None = None
    next_check_at: datetime | None = None
    duration: float = 0.0
    validators: tuple[str | None, str | None] | None = None
    raw_hash: str | None = None
    gate: str | None = None
    clear_next: bool = False


class CheckBatch:
    """A thread-safe buffer of QuietChecks, written by ``write`` (``Store.record_quiet_checks``) in batches."""

    def __init__(
        self,
        write: Callable[[Sequence[QuietCheck]], object],
        *,
        size: int = 200,
        age: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._write = write
        self.size = max(1, size)
        self.age = age
        self._clock = clock
        self._pending: list[QuietCheck] = []
        self._oldest = 0.0
        self._lock = threading.Lock()
        self._writing = threading.Lock()  # flushes one at a time: when flush() returns, what was added is written

    def __len__(self) -> int:
        return len(self._pending)

    def add(self, check: QuietCheck) -> None:
        """Buffer one check; write the batch when it is full or its oldest check has waited ``age`` seconds."""
        with self._lock:
            if not self._pending:
                self._oldest = self._clock()
            self._pending.append(check)
            due = len(self._pending) >= self.size or self._clock() - self._oldest >= self.age
        if due:
            self.flush()

    def flush(self) -> int:
        """Write everything buffered in one transaction; returns how many checks were written (0 on failure)."""
        with self._writing:
            with self._lock:
                pending, self._pending = self._pending, []
            if not pending:
                return 0
            try:
                self._write(pending)
            except Exception:  # the stories keep their old next check time: they are checked again, nothing lost
                log.exception("%d unchanged check(s) not recorded; those stories will be checked again", len(pending))
                return 0
            return len(pending)

"""The Store's batched check writes: many "nothing changed" checks in one transaction, mixed into Store.

One UPDATE of the stories and one INSERT into the checks log, each an executemany over the batch — the
write-behind half of ``storage.check_batch``. A story that is gone by then (merged into another) is skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager

from sqlalchemy import Connection, bindparam, func, select, update

from monitor.models import StoryStatus
from storage.check_batch import QuietCheck
from storage.tables import checks, stories

_QUIET_UPDATE = (
    update(stories)
    .where(stories.c.id == bindparam("b_id"))
    .values(
        last_checked_at=bindparam("b_at"),
        next_check_at=bindparam("b_next"),
        etag=bindparam("b_etag"),
        last_modified=bindparam("b_last_modified"),
        raw_hash=bindparam("b_raw_hash"),
        gate=func.coalesce(bindparam("b_gate"), stories.c.gate),
        last_error=None,
        status=StoryStatus.ACTIVE.value,
        failures=0,
        removed_at=None,
    )
)


class CheckMethods:
    """record_quiet_checks, mixed into ``storage.store.Store``."""

    def _transaction(self, write: bool = False) -> AbstractContextManager[Connection]:  # provided by Store
        raise NotImplementedError

    def record_quiet_checks(self, batch: Sequence[QuietCheck]) -> int:
        """Record checks that found their stories unchanged (active, no error), all in one transaction.

        Each story gets its last-checked time, next check time and validators; each check one row of the
        compact log. Returns how many stories were updated (a story deleted meanwhile is skipped)."""
        if not batch:
            return 0
        latest = {check.story_id: check for check in batch}  # a story twice in one batch: its latest check wins
        with self._transaction(write=True) as connection:
            ids = list(latest)
            alive: set[int] = set()
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                alive |= set(connection.scalars(select(stories.c.id).where(stories.c.id.in_(chunk))))
            if not alive:
                return 0
            rows = [_story_params(check) for story_id, check in latest.items() if story_id in alive]
            connection.execute(_QUIET_UPDATE, rows)
            connection.execute(checks.insert(), [_check_row(check) for check in batch if check.story_id in alive])
        return len(rows)


def _story_params(check: QuietCheck) -> dict[str, object]:
    return {
        "b_id": check.story_id,
        "b_at": check.at,
        "b_next": check.next_check_at,
        "b_etag": check.etag,
        "b_last_modified": check.last_modified,
        "b_raw_hash": check.raw_hash,
        "b_gate": check.gate,
    }


def _check_row(check: QuietCheck) -> dict[str, object]:
    return {
        "story_id": check.story_id,
        "source_name": None,
        "at": check.at,
        "status": "unchanged",
        "error": None,
        "duration_ms": max(0, round(check.duration * 1000)),
    }

"""The Store's counting queries for ``storywatch status``: stories by status and how many are due, mixed into Store.

Each is one aggregate query (never a list of rows), so ``status`` stays instant with 100,000 stories tracked.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import datetime

from sqlalchemy import Connection, func, select

from storage.tables import stories


class StatusMethods:
    """story_counts / due_count, mixed into ``storage.store.Store``."""

    def _transaction(self, write: bool = False) -> AbstractContextManager[Connection]:  # provided by Store
        raise NotImplementedError

    def story_counts(self) -> dict[str, int]:
        """Tracked stories per status ("active", "error", "removed"); statuses with none are left out."""
        query = select(stories.c.status, func.count()).group_by(stories.c.status).order_by(stories.c.status)
        with self._transaction() as connection:
            return {status: int(count) for status, count in connection.execute(query)}

    def due_count(self, now: datetime) -> int:
        """How many stories are due for a check at ``now`` (an index range count on next_check_at)."""
        query = select(func.count()).select_from(stories).where(stories.c.next_check_at <= now)
        with self._transaction() as connection:
            return int(connection.scalar(query) or 0)

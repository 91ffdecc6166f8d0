"""The Store's claims (table claims): who is doing which piece of work, until when.

    store.claim_stories(owner, now=…, lease=…, source="world", limit=8)  → due stories, now ours
    store.claim_source_read(owner, "world", now=…, lease=…, read_before=…) → True: read the feed, we hold it
    store.claim(owner, "notifier", "slack", now=…, lease=…)             → True: ours until released or expired
    store.release_claims(owner, "story", ["12", "13"])                  → the work is written: let go

A claim is a row (kind, key) with an owner and a deadline. It is taken in two steps inside one transaction:
the candidate rows are locked with ``SELECT … FOR UPDATE SKIP LOCKED`` (PostgreSQL; workers claiming at the same
moment pass each other by instead of queueing), then written with ``INSERT … ON CONFLICT DO UPDATE … WHERE the
existing claim has expired``, whose RETURNING names exactly the claims that are now ours: the primary key is
the arbiter, so no story is held by two workers even when their snapshots raced. An expired claim (its owner
died: no heartbeat pushed its deadline on) is taken over by the same statement. SQLite has one worker; the
same statements run there (no row locks to skip).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, String, cast, delete, func, or_, select

from monitor.models import Story
from storage import records
from storage.tables import claims, sources, stories


@dataclass(frozen=True)
class Claim:
    kind: str
    key: str
    owner: str
    claimed_at: datetime
    expires_at: datetime


def take_claims(
    connection: Connection, owner: str, kind: str, keys: Sequence[str], now: datetime, lease: timedelta
) -> set[str]:
    """Insert claims on ``keys`` for ``owner``, taking over expired ones; returns the keys now held by ``owner``."""
    if not keys:
        return set()
    from sqlalchemy.dialects import postgresql, sqlite  # the one in use is loaded already

    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    insert = dialect.insert(claims)
    values = [{"kind": kind, "key": key, "owner": owner, "claimed_at": now, "expires_at": now + lease} for key in keys]
    statement = (
        insert.values(values)
        .on_conflict_do_update(
            index_elements=[claims.c.kind, claims.c.key],
            set_={
                "owner": insert.excluded.owner,
                "claimed_at": insert.excluded.claimed_at,
                "expires_at": insert.excluded.expires_at,
            },
            where=claims.c.expires_at <= insert.excluded.claimed_at,  # only an expired claim changes hands
        )
        .returning(claims.c.key, claims.c.owner)
    )
    return {key for key, holder in connection.execute(statement) if holder == owner}


def live_keys(kind: str, now: datetime) -> Any:
    """The keys of ``kind`` someone holds at ``now`` (a subquery)."""
    return select(claims.c.key).where(claims.c.kind == kind, claims.c.expires_at > now)


class ClaimMethods:
    """claim_stories / claim_source_read / claim / release_claims / list_claims, mixed into Store."""

    def _transaction(self, write: bool = False) -> AbstractContextManager[Connection]:  # provided by Store
        raise NotImplementedError

    def _coordinating(self) -> AbstractContextManager[Connection]:  # provided by Store
        raise NotImplementedError

    def claim_stories(
        self, owner: str, *, now: datetime, lease: timedelta, sources: Sequence[str] | None = None, limit: int = 8
    ) -> list[Story]:
        """Up to ``limit`` due stories nobody holds, most overdue first, claimed for ``owner``."""
        query = select(stories).where(
            stories.c.next_check_at <= now, cast(stories.c.id, String).not_in(live_keys("story", now))
        )
        if sources is not None:
            query = query.where(stories.c.source_name.in_(list(sources)))
        query = query.order_by(stories.c.next_check_at, stories.c.id).limit(limit)
        with self._coordinating() as connection:
            found = [
                records.story_from_row(row)
                for row in connection.execute(query.with_for_update(skip_locked=True, of=stories))
            ]
            ours = take_claims(connection, owner, "story", [str(s.id) for s in found], now, lease)
        return [s for s in found if str(s.id) in ours]

    def claim_source_read(
        self, owner: str, name: str, *, now: datetime, lease: timedelta, read_before: datetime
    ) -> bool:
        """Claim the read of source ``name`` when nobody read it since ``read_before`` and nobody is reading it."""
        due = or_(sources.c.last_checked_at.is_(None), sources.c.last_checked_at <= read_before)
        query = select(sources.c.id).where(sources.c.name == name, due).with_for_update(skip_locked=True)
        with self._coordinating() as connection:
            if connection.scalar(query) is None:
                return False
            return bool(take_claims(connection, owner, "source", [name], now, lease))

    def claim(self, owner: str, kind: str, key: str, *, now: datetime, lease: timedelta) -> bool:
        """Claim one piece of work (a notifier's outbox, a site's robots.txt read): True when it is ours now."""
        with self._coordinating() as connection:
            return bool(take_claims(connection, owner, kind, [key], now, lease))

    def release_claims(self, owner: str, kind: str | None = None, keys: Sequence[str] | None = None) -> int:
        """Let go of ``owner``'s claims (of one kind, on some keys); returns how many were released."""
        query = delete(claims).where(claims.c.owner == owner)
        if kind is not None:
            query = query.where(claims.c.kind == kind)
        released = 0
        with self._coordinating() as connection:
            if keys is None:
                return connection.execute(query).rowcount
            keys = list(keys)
            for start in range(0, len(keys), 500):
                released += connection.execute(query.where(claims.c.key.in_(keys[start : start + 500]))).rowcount
        return released

    def list_claims(self, owner: str | None = None) -> list[Claim]:
        query = select(claims).order_by(claims.c.kind, claims.c.key)
        if owner is not None:
            query = query.where(claims.c.owner == owner)
        with self._transaction() as connection:
            return [Claim(r.kind, r.key, r.owner, r.claimed_at, r.expires_at) for r in connection.execute(query)]

    def claim_counts(self, now: datetime) -> dict[str, int]:
        """Live claims per kind."""
        query = select(claims.c.kind, func.count()).where(claims.c.expires_at > now).group_by(claims.c.kind)
        with self._transaction() as connection:
            return {kind: int(n) for kind, n in connection.execute(query)}

"""The Store's story listing (`stories`, /api/stories): filtered in SQL, paged, streamed in chunks, mixed into Store.

One statement per listing, read ``chunk`` rows at a time (``yield_per``: a server-side cursor on PostgreSQL,
SQLite's own row-by-row stepping), so a listing of 100,000 stories holds one chunk of them, never the whole
list. One statement, not keyset pages: the order (most recently changed first) has no index, so each keyset
page would sort every story again (0.3 s a page at 100,000 stories on SQLite); the one sort the statement does
is SQLite's or PostgreSQL's, which spill to disk past their memory budget.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager

from sqlalchemy import Connection, Select, func, or_, select

from monitor.models import Story
from storage import records
from storage.records import StoryFilters
from storage.tables import changes, stories, versions

CHUNK = 500  # rows read at a time


class ListingMethods:
    """stream_stories, mixed into ``storage.store.Store``."""

    def _transaction(self, write: bool = False) -> AbstractContextManager[Connection]:  # provided by Store
        raise NotImplementedError

    def stream_stories(
        self, filters: StoryFilters | None = None, *, offset: int = 0, limit: int | None = None, chunk: int = CHUNK
    ) -> Iterator[Story]:
        """Stories matching ``filters``, most recently changed first (never-changed last; ties by id, so pages
        never overlap), skipping ``offset``, at most ``limit`` (None: all); read ``chunk`` rows at a time.

        The statement runs when the first story is asked for, in one read transaction that ends when the
        iterator is exhausted or closed."""
        query = listing(filters or StoryFilters()).offset(offset or None).limit(limit)
        with self._transaction() as connection:
            for row in connection.execution_options(yield_per=chunk).execute(query):
                yield records.story_from_row(row)


def listing(f: StoryFilters) -> Select:
    changed = stories.c.last_changed_at
    query = select(stories).order_by(changed.is_(None), changed.desc(), stories.c.id)
    if f.since is not None:
        query = query.where(or_(changed >= f.since, stories.c.first_seen_at >= f.since))
    if f.sources is not None:
        query = query.where(stories.c.source_name.in_(list(f.sources)))
    if f.min_significance is not None:
        query = query.where(latest_significance().in_(f.labels()))
    return query


def latest_significance() -> object:
    """The significance of a story's latest change, as ``Store.latest_change`` finds it: the newest change (a
    removal or restoration event included) to its newest version; NULL when it has none."""
    newest = select(func.max(versions.c.number)).where(versions.c.story_id == stories.c.id)
    newest = newest.correlate(stories).scalar_subquery()  # the listed story's, two levels out
    return (
        select(changes.c.significance)
        .where(changes.c.story_id == stories.c.id, changes.c.to_version == newest)
        .order_by(changes.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )

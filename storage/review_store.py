"""The Store's queries for reviewing changes across stories (the web view's recent-changes page and its feed).

Newest first is ``changes.id`` descending — ids grow as changes are found, so the primary key orders them and
a page of 50 is an index walk, not a sort of every change — mixed into Store. A page is found in two steps:
the ids of its changes first (the filters, the order and the offset over ids alone), then those changes in
full. A filter SQLite answers from the stories' source index sorts only ids that way, never whole changes
with their summaries and both versions joined (500 ms for one source among eight at 200,000 changes).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, String, and_, cast, func, or_, select

from monitor.models import Change, Significance
from storage import rows
from storage.tables import changes, sources, stories


@dataclass(frozen=True)
class ChangeFilters:
    """Which changes to list; every field left at its default lets all through."""

    sources: Sequence[str] | None = None  # stories from these sources (a source filter, or a tag's sources)
    min_significance: Significance | None = None
    silent: bool = False  # only changes the publisher did not signal
    since: datetime | None = None  # found at or after
    text: str | None = None  # in the headline (old or new) or a name added or removed


@dataclass(frozen=True)
class ListedChange:
    """One row of the recent-changes list: the change and the story's source."""

    change: Change
    source: str | None


class ReviewMethods:
    """recent_changes and source_names, mixed into ``storage.store.Store``."""

    def _transaction(self, write: bool = False) -> AbstractContextManager[Connection]:  # provided by Store
        raise NotImplementedError

    def recent_changes(self, filters: ChangeFilters, *, limit: int = 50, offset: int = 0) -> list[ListedChange]:
        """Changes (and removal/restoration events) matching ``filters``, newest first."""
        ids = select(changes.c.id)
        if filters.sources is not None or filters.text:  # both read the story's row
            ids = ids.join(stories, stories.c.id == changes.c.story_id)
        ids = ids.where(*_conditions(filters)).order_by(changes.c.id.desc()).limit(limit).offset(offset)
        with self._transaction() as connection:
            page = list(connection.scalars(ids))
            if not page:
                return []
            query = rows.change_select().add_columns(stories.c.source_name).where(changes.c.id.in_(page))
            found = connection.execute(query.order_by(changes.c.id.desc()))
            return [ListedChange(rows.change_from_row(row), row.source_name) for row in found]

    def source_names(self) -> list[str]:
        """The name of every source the database knows (configured now or before), sorted.

        The names only: ``source_states`` also counts each source's stories, a scan of every story that the
        recent-changes page, asking for its filter's choices on every request, does not need."""
        with self._transaction() as connection:
            return list(connection.scalars(select(sources.c.name).order_by(sources.c.name)))


def _conditions(f: ChangeFilters) -> list:
    where = []
    if f.sources is not None:
        where.append(stories.c.source_name.in_(list(f.sources)))
    if f.min_significance is not None:
        labels = [level.label for level in Significance if level >= f.min_significance]
        where.append(changes.c.significance.in_(labels))
    if f.silent:
        # a removal or restoration is an event, not an edit: never "silent"
        where.append(and_(changes.c.declared.is_(False), changes.c.from_version < changes.c.to_version))
    if f.since is not None:
        # the lowest id in the window bounds the walk down the ids, or a short page reads every older change to
        # know it is short; "+ 0" makes SQLite find that id in the created_at index rather than walk the ids up
        first = select(func.min(changes.c.id + 0)).where(changes.c.created_at >= f.since).scalar_subquery()
        where.append(and_(changes.c.id >= first, changes.c.created_at >= f.since))
    if f.text and f.text.strip():
        needle = "%" + f.text.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        summary = changes.c.summary
        searched = (
            stories.c.headline,
            summary[("headline", "old")].as_string(),
            summary[("headline", "new")].as_string(),
            cast(summary[("entities", "added")], String),
            cast(summary[("entities", "removed")], String),
        )
        where.append(or_(*(func.lower(column).like(needle, escape="\\") for column in searched)))
    return where

"""The Store's story merges: two tracked stories that turn out to share one canonical URL become one.

    store.find_duplicate(url, story_id)         -> the id of another story known by ``url``, or None
    store.fold_story(later_id, into_id, at=...)  -> the surviving story

The later story is folded into the earlier: its URL and canonical URL (and any aliases it had) become aliases
of the survivor, so both URLs find one story from then on and a feed listing either adds nothing. The
survivor's versions are the story's history and are not duplicated: the later story's own versions, changes
and their alerts go with it — unless the survivor has no version yet, when the later story's history moves
over whole. The merge writes no change and no alert; the survivor is made due so its next check compares the
page with its own latest version. Mixed into Store.
"""

from __future__ import annotations

import logging
from contextlib import AbstractContextManager
from datetime import datetime

from sqlalchemy import Connection, bindparam, delete, insert, literal_column, or_, select, union_all, update

from monitor.models import Story
from storage import story_queries as sq
from storage.tables import alert_threads, alerts, changes, checks, stories, story_aliases, versions

log = logging.getLogger("storywatch.storage")


class MergeMethods:
    """find_duplicate / fold_story, mixed into ``storage.store.Store``."""

    def _transaction(self, write: bool = False) -> AbstractContextManager[Connection]:  # provided by Store
        raise NotImplementedError

    def find_duplicate(self, url: str, story_id: int) -> int | None:
        """The id of a story other than ``story_id`` whose URL, canonical URL or alias is ``url``, or None."""
        with self._transaction() as connection:
            return duplicate_of(connection, url, story_id)

    def fold_story(self, later_id: int, into_id: int, *, at: datetime, canonical_url: str | None = None) -> Story:
        """Fold story ``later_id`` into ``into_id`` in one transaction (see the module docstring).

        ``canonical_url`` (the URL both share) becomes the survivor's canonical URL when its own URL differs and
        it has none yet. Raises NotFound when either story does not exist."""
        if later_id == into_id:
            raise ValueError("a story cannot be folded into itself")
        with self._transaction(write=True) as connection:
            for story_id in sorted((later_id, into_id)):  # one lock order, whoever folds what
                sq.lock_story(connection, story_id)
            later = connection.execute(select(stories).where(stories.c.id == later_id)).one()
            into = connection.execute(select(stories).where(stories.c.id == into_id)).one()
            _alias(connection, later_id, into_id, {later.url, later.canonical_url} - {None, into.url}, at)
            values: dict[str, object] = {"next_check_at": at}
            if not into.version_count and later.version_count:
                _move_history(connection, later_id, into_id)
                values.update(
                    version_count=later.version_count,
                    headline=later.headline,
                    last_changed_at=later.last_changed_at,
                )
            connection.execute(update(checks).where(checks.c.story_id == later_id).values(story_id=into_id))
            connection.execute(delete(stories).where(stories.c.id == later_id))
            if canonical_url and canonical_url != into.url and into.canonical_url is None:
                values["canonical_url"] = canonical_url
            sq.update_story(connection, into_id, values)
            survivor = sq.story(connection, into_id)
        log.info("story %s (%s) folded into story %s (%s)", later_id, later.url, into_id, into.url)
        return survivor

    def story_aliases(self, story_id: int) -> list[str]:
        """The other URLs a story is known by (those of stories folded into it), sorted."""
        query = select(story_aliases.c.url).where(story_aliases.c.story_id == story_id).order_by(story_aliases.c.url)
        with self._transaction() as connection:
            return list(connection.scalars(query))


_VARIANTS = bindparam("variants", expanding=True)
_DIRECT = (
    select(stories.c.id.label("found"), literal_column("0").label("aliased"))
    .where(or_(stories.c.url.in_(_VARIANTS), stories.c.canonical_url.in_(_VARIANTS)))
    .where(stories.c.id != bindparam("story_id"))
)
_ALIASED = select(story_aliases.c.story_id.label("found"), literal_column("1").label("aliased")).where(
    story_aliases.c.url.in_(_VARIANTS), story_aliases.c.story_id != bindparam("story_id")
)
# a story answering to the URL itself first (the oldest), then one that took it as an alias: one query
_DUPLICATE = select(union_all(_DIRECT, _ALIASED).subquery().c.found).order_by("aliased", "found").limit(1)


def duplicate_of(connection: Connection, url: str, story_id: int) -> int | None:
    """``find_duplicate`` on the caller's connection (its statement built once: every check asks)."""
    values = {"variants": sorted({url, url.rstrip("/"), url.rstrip("/") + "/"}), "story_id": story_id}
    return connection.scalar(_DUPLICATE, values)


def _alias(connection: Connection, later_id: int, into_id: int, urls: set[str], at: datetime) -> None:
    """The later story's aliases, URL and canonical URL, all pointing at the survivor."""
    connection.execute(update(story_aliases).where(story_aliases.c.story_id == later_id).values(story_id=into_id))
    taken = set(connection.scalars(select(story_aliases.c.url).where(story_aliases.c.url.in_(urls))))
    fresh = [{"url": url, "story_id": into_id, "created_at": at} for url in sorted(urls - taken)]
    if fresh:
        connection.execute(insert(story_aliases), fresh)


def _move_history(connection: Connection, later_id: int, into_id: int) -> None:
    """The survivor had no version yet: the later story's versions, changes, alerts and threads become its own."""
    for table in (versions, changes, alerts, alert_threads):
        connection.execute(update(table).where(table.c.story_id == later_id).values(story_id=into_id))

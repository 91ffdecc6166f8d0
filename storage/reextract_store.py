"""The Store's re-extraction queries: a story's kept pages, and a version's extraction replaced in place.

Used by ``storywatch reextract`` to run a newer extractor over stored raw HTML. Replacing a version's
extraction writes no change, no alert and no check: the story's history keeps its numbers and diffs, and
only the version's fields, normalised text and extractor version move on.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass

from sqlalchemy import Connection, and_, select, update

from monitor.errors import NotFound
from monitor.models import Article
from storage import rows
from storage import story_queries as sq
from storage.tables import versions


@dataclass(frozen=True)
class StoredPage:
    """One version's page as kept: ``raw_html`` is None once it was pruned (or never kept)."""

    story_id: int
    number: int
    url: str
    text_hash: str
    extractor_version: str
    raw_html: bytes | None


class ReextractMethods:
    """stored_pages / replace_extraction, mixed into ``storage.store.Store``."""

    def _transaction(self, write: bool = False) -> AbstractContextManager[Connection]:  # provided by Store
        raise NotImplementedError

    def stored_pages(self, story_id: int) -> list[StoredPage]:
        """Every version of a story, oldest first, with the raw HTML it was extracted from where kept."""
        query = (
            select(
                versions.c.number,
                versions.c.url,
                versions.c.text_hash,
                versions.c.extractor_version,
                versions.c.raw_html,
            )
            .where(versions.c.story_id == story_id)
            .order_by(versions.c.number)
        )
        with self._transaction() as connection:
            return [StoredPage(story_id, *row) for row in connection.execute(query)]

    def replace_extraction(self, story_id: int, number: int, article: Article, *, text: str, text_hash: str) -> None:
        """Store a new extraction of an existing version (fields, text, hash, extractor version) in place.

        The story's headline follows when this is its latest version. Nothing else is written: no change,
        no alert, no check. Raises NotFound for a version that does not exist.
        """
        values = {
            **rows.article_values(article),
            "text": text,
            "text_hash": text_hash,
            "extractor_version": str(article.extractor.get("version", "")),
        }
        where = and_(versions.c.story_id == story_id, versions.c.number == number)
        with self._transaction(write=True) as connection:
            if connection.execute(update(versions).where(where).values(values)).rowcount == 0:
                raise NotFound(f"story {story_id} has no version {number}")
            if sq.latest_number(connection, story_id) == number:
                sq.update_story(connection, story_id, {"headline": article.headline})

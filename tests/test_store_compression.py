"""Raw pages are stored Zstandard-compressed, and pages an earlier storywatch stored zlib-compressed still read."""

from __future__ import annotations

import zlib

from sqlalchemy import Integer, LargeBinary, column, create_engine, select, table, update

from monitor.models import Article, utcnow
from storage.store import Store

PAGE = (
    "<html><body><article><p>" + "The harbour council met again on Tuesday. " * 400 + "</p></article></body></html>"
).encode()  # noqa: E501
# the versions table as the database keeps it: raw bytes, not through storywatch's compressing column type
PLAIN = table("versions", column("story_id", Integer), column("raw_html", LargeBinary))


def _stored(store_url: str) -> tuple[Store, int]:
    store = Store.open(store_url)
    story, _ = store.add_story(
        "http://127.0.0.1/news/harbour", source="desk", headline=None, now=utcnow(), next_check_at=utcnow()
    )
    article = Article(url=story.url, headline="Harbour", body=("The harbour council met.",))
    store.add_version(story.id, article, text="t", text_hash="h", seen_at=utcnow(), raw_html=PAGE)
    return store, story.id


def test_a_raw_page_is_stored_zstandard_compressed_and_read_back_whole(store_url: str) -> None:
    store, story_id = _stored(store_url)
    engine = create_engine(store_url)
    with engine.connect() as connection:
        kept = bytes(connection.scalar(select(PLAIN.c.raw_html).where(PLAIN.c.story_id == story_id)))
    engine.dispose()
    assert kept.startswith(b"\x28\xb5\x2f\xfd")  # a Zstandard frame
    assert len(kept) < len(PAGE) / 10
    assert store.raw_html(story_id, 1) == PAGE
    store.close()


def test_a_page_stored_zlib_compressed_by_an_earlier_version_still_reads(store_url: str) -> None:
    store, story_id = _stored(store_url)
    engine = create_engine(store_url)
    with engine.begin() as connection:  # as an earlier storywatch wrote it: zlib level 6
        connection.execute(update(PLAIN).where(PLAIN.c.story_id == story_id).values(raw_html=zlib.compress(PAGE, 6)))
    engine.dispose()
    assert store.raw_html(story_id, 1) == PAGE
    store.close()

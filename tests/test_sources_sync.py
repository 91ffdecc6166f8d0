"""Processes that open one database at once (workers starting together) all write the configured sources."""

from __future__ import annotations

import threading
from datetime import timedelta

from monitor.models import Source, SourceKind
from storage.store import Store


def test_many_processes_syncing_the_same_sources_at_once_never_collide(store_url: str) -> None:
    Store.open(store_url).close()
    sources = [
        Source(f"desk-{k}", SourceKind.FEED, f"https://news.example.org/{k}.xml", timedelta(minutes=5))
        for k in range(5)
    ]
    stores = [Store.open(store_url, migrate=False) for _ in range(6)]
    start = threading.Barrier(len(stores))
    failures: list[BaseException] = []

    def sync(store: Store) -> None:
        start.wait()
        try:
            store.sync_sources(sources)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            failures.append(exc)

    threads = [threading.Thread(target=sync, args=(store,)) for store in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert failures == []
        assert sorted(s.name for s in stores[0].source_states()) == [s.name for s in sources]
        stores[0].sync_sources(
            [Source("desk-0", SourceKind.FEED, "https://news.example.org/moved.xml", timedelta(minutes=1))]
        )
        (moved,) = [s for s in stores[0].source_states() if s.name == "desk-0"]
        assert moved.location == "https://news.example.org/moved.xml"  # an existing source is updated in place
    finally:
        for store in stores:
            store.close()

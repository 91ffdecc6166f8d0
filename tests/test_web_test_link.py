"""The link a `notify test` alert carries opens a page that says the link works (story 0 is never real)."""

from __future__ import annotations

import threading
from pathlib import Path

import httpx

from monitor.config import parse_config
from monitor.web.server import bound_url, make_server
from notifiers.sample import alert_for_notify_test
from storage.store import Store


def test_the_test_alerts_link_opens_a_page_saying_it_works(tmp_path: Path) -> None:
    settings = parse_config(f"storage: {{url: 'sqlite:///{tmp_path / 'w.db'}'}}\n", env={})
    store = Store.open(settings.storage.url)
    server = make_server(settings, store, "127.0.0.1", 0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        change = alert_for_notify_test("desk").change
        link = f"{bound_url(server)}stories/{change.story_id}/diff?from={change.from_version}&to={change.to_version}"
        page = httpx.get(link, timeout=5)
        assert page.status_code == 200 and "The test alert's link works" in page.text
        assert httpx.get(f"{bound_url(server)}stories/0", timeout=5).status_code == 404  # only the diff link
    finally:
        server.close()
        store.close()

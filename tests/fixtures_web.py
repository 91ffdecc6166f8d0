"""Fixtures for the web side: a local newsroom (HTTP server on 127.0.0.1) serving invented stories and feeds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from monitor.demo.newsroom import Newsroom

__all__ = ["newsroom"]


@pytest.fixture
def newsroom() -> Iterator[Newsroom]:
    """A running newsroom with no pages; tests publish what they need with ``newsroom.set(path, body)``."""
    with Newsroom() as site:
        yield site

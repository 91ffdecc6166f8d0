"""The TLS settings every HTTP client of ours uses, made once per process."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ssl


@functools.cache
def tls() -> ssl.SSLContext:
    """httpx's default TLS settings, made once: each new context loads the CA bundle again (~20 ms of CPU), which
    the fetcher and every message sent would otherwise pay."""
    import httpx

    return httpx.create_ssl_context()

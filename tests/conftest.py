"""Shared pytest fixtures. Each area keeps its fixtures in its own module; this file only gathers them."""

from tests.fixtures_db import *  # noqa: F403  (storage: store_url, store, pg_url)
from tests.fixtures_extract import *  # noqa: F403  (crash_hook: the extraction workers' test-only crash markers)
from tests.fixtures_servers import *  # noqa: F403  (capture_server, smtp_server)
from tests.fixtures_web import *  # noqa: F403  (newsroom: a local site of invented stories and feeds)

"""The database schema as SQLAlchemy Core tables (the migrations in ``storage/migrations`` create it)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from storage.types import CompressedBytes, Json, UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

NAME = 200  # source and notifier names
LABEL = 16  # statuses and significance labels


def _story_fk(nullable: bool = False) -> Column[int]:
    return Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), nullable=nullable)


sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(NAME), nullable=False, unique=True),
    Column("kind", String(LABEL), nullable=False),
    Column("location", Text, nullable=False),
    Column("interval_seconds", Integer, nullable=False),
    Column("tags", Json, nullable=False),
    Column("last_checked_at", UTCDateTime),
    Column("last_error", Text),
    Column("consecutive_failures", Integer, nullable=False, default=0),
    Column("etag", String(500)),
    Column("last_modified", String(100)),
    Column("raw_hash", String(64)),
)

stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False, unique=True),
    Column("canonical_url", Text, index=True),
    Column("source_name", String(NAME), index=True),
    Column("headline", Text),
    Column("status", String(LABEL), nullable=False, default="active"),
    Column("first_seen_at", UTCDateTime, nullable=False),
    Column("last_checked_at", UTCDateTime),
    Column("last_changed_at", UTCDateTime),
    Column("next_check_at", UTCDateTime, index=True),
    Column("last_error", Text),
    Column("version_count", Integer, nullable=False, default=0),
    Column("etag", String(500)),
    Column("last_modified", String(100)),
    Column("raw_hash", String(64)),
    Column("failures", Integer, nullable=False, default=0, server_default="0"),
    Column("removed_at", UTCDateTime),
    Column("gate", String(64)),  # the sealed digest of the page the last full read took the story from
)

story_aliases = Table(  # 0004: the other URLs of a story that absorbed a duplicate (one story per canonical URL)
    "story_aliases",
    metadata,
    Column("url", Text, primary_key=True),
    _story_fk(),
    Column("created_at", UTCDateTime, nullable=False),
    Index(None, "story_id"),
)

versions = Table(
    "versions",
    metadata,
    Column("id", Integer, primary_key=True),
    _story_fk(),
    Column("number", Integer, nullable=False),
    Column("seen_at", UTCDateTime, nullable=False),
    Column("url", Text, nullable=False),
    Column("canonical_url", Text),
    Column("headline", Text),
    Column("authors", Json, nullable=False),
    Column("published", UTCDateTime),
    Column("modified", UTCDateTime),
    Column("language", String(35)),
    Column("body", Json, nullable=False),
    Column("notes", Json, nullable=False),
    Column("extractor", Json, nullable=False),
    Column("extractor_version", String(50), nullable=False),
    Column("text", Text, nullable=False),
    Column("text_hash", String(64), nullable=False, index=True),
    Column("raw_html", CompressedBytes),
    UniqueConstraint("story_id", "number"),
)

changes = Table(
    "changes",
    metadata,
    Column("id", Integer, primary_key=True),
    _story_fk(),
    Column("from_version", Integer, nullable=False),
    Column("to_version", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("significance", String(LABEL), nullable=False),
    Column("declared", Boolean, nullable=False),
    Column("summary", Json, nullable=False),
    Index(None, "story_id", "to_version"),  # not unique: a removed/restored event shares its version's number
    Index(None, "created_at"),  # 0005: the web view's "since" filter
)

checks = Table(
    "checks",
    metadata,
    Column("id", Integer, primary_key=True),
    _story_fk(nullable=True),
    Column("source_name", String(NAME)),
    Column("at", UTCDateTime, nullable=False),
    Column("status", String(LABEL), nullable=False),
    Column("error", Text),
    Column("duration_ms", Integer, nullable=False, default=0),
    Index(None, "story_id", "at"),
    Index(None, "source_name", "at"),
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("change_id", Integer, ForeignKey("changes.id", ondelete="CASCADE"), nullable=True, index=True),
    Column("notifier", String(NAME), nullable=False, index=True),
    Column("dedupe_key", String(300), nullable=False, unique=True),
    Column("status", String(LABEL), nullable=False, default="pending"),
    Column("attempts", Integer, nullable=False, default=0),
    Column("created_at", UTCDateTime, nullable=False),
    Column("next_attempt_at", UTCDateTime, index=True),
    Column("last_attempt_at", UTCDateTime),
    Column("last_error", Text),
    Column("delivered_at", UTCDateTime),
    # 0002: "change" (an editor's alert) or an operations kind ("source_failing", …: no change, subject and body)
    Column("kind", String(32), nullable=False, default="change", server_default="change"),
    _story_fk(nullable=True),
    Column("reasons", Json),  # why it was routed: watch terms that appeared/disappeared
    Column("merged_into", Integer),  # the alert whose combined message delivered this one
    Column("subject", Text),
    Column("body", Text),
    # 0008: when the delivery attempt under way began (null when none is): set before sending, cleared after
    Column("attempt_started_at", UTCDateTime),
    Index(None, "story_id", "notifier"),
    Index(None, "status"),
)

alert_threads = Table(
    "alert_threads",
    metadata,
    Column("id", Integer, primary_key=True),
    _story_fk(),
    Column("notifier", String(NAME), nullable=False),
    Column("thread_ref", String(300), nullable=False),  # Slack thread ts, email root Message-ID
    Column("channel", String(NAME)),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("story_id", "notifier"),
)


daemon_lease = Table(
    "daemon_lease",
    metadata,
    Column("name", String(50), primary_key=True),
    Column("owner", String(300), nullable=False),
    Column("started_at", UTCDateTime, nullable=False),
    Column("heartbeat_at", UTCDateTime, nullable=False),
    Column("last_cycle_at", UTCDateTime),
    Column("released_at", UTCDateTime),  # a clean stop: the row stays, so status knows a daemon runs here
)

# 0005: several daemons on one PostgreSQL (``storage.worker_store``, ``storage.claim_store``)
workers = Table(
    "workers",
    metadata,
    Column("id", String(300), primary_key=True),  # "host:pid:tag"
    Column("host", String(255), nullable=False),
    Column("pid", Integer, nullable=False),
    Column("started_at", UTCDateTime, nullable=False),
    Column("heartbeat_at", UTCDateTime, nullable=False),
    Column("stopped_at", UTCDateTime),
    Column("last_action", Text),
    Column("last_action_at", UTCDateTime),
)

claims = Table(  # a claim is a row with an owner and a deadline
    "claims",
    metadata,
    Column("kind", String(LABEL), primary_key=True),  # story, source, notifier, host, robots
    Column("key", String(600), primary_key=True),
    Column("owner", String(300), nullable=False, index=True),
    Column("claimed_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
)

host_state = Table(
    "host_state",
    metadata,
    Column("host", String(255), primary_key=True),
    Column("next_start_at", UTCDateTime),  # no request to the host starts before this (the minimum gap)
    Column("deferred_until", UTCDateTime),  # the host said Retry-After
)

robots_cache = Table(
    "robots_cache",
    metadata,
    Column("site", String(600), primary_key=True),  # scheme://netloc
    Column("status", Integer),
    Column("body", Text),
    Column("error", Text),
    Column("fetched_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
)

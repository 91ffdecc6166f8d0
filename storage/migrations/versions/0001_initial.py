"""The initial schema: sources, stories, versions, changes, checks and the alerts outbox.

Revision ID: 0001
Revises:
Create Date: 2025-08-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# frozen copies of the types in storage/ (a migration must not change when the app's code does)
Json = sa.JSON().with_variant(JSONB(), "postgresql")


def Time() -> sa.DateTime:  # noqa: N802  (reads like a type in the column lists below)
    return sa.DateTime(timezone=True)


def story_id(nullable: bool = False) -> sa.Column:
    """The story_id column; each table names its foreign key constraint explicitly."""
    return sa.Column("story_id", sa.Integer, nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("location", sa.Text, nullable=False),
        sa.Column("interval_seconds", sa.Integer, nullable=False),
        sa.Column("tags", Json, nullable=False),
        sa.Column("last_checked_at", Time()),
        sa.Column("last_error", sa.Text),
        sa.Column("consecutive_failures", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sources"),
        sa.UniqueConstraint("name", name="uq_sources_name"),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("canonical_url", sa.Text),
        sa.Column("source_name", sa.String(200)),
        sa.Column("headline", sa.Text),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("first_seen_at", Time(), nullable=False),
        sa.Column("last_checked_at", Time()),
        sa.Column("last_changed_at", Time()),
        sa.Column("next_check_at", Time()),
        sa.Column("last_error", sa.Text),
        sa.Column("version_count", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_stories"),
        sa.UniqueConstraint("url", name="uq_stories_url"),
    )
    op.create_index("ix_stories_canonical_url", "stories", ["canonical_url"])
    op.create_index("ix_stories_source_name", "stories", ["source_name"])
    op.create_index("ix_stories_next_check_at", "stories", ["next_check_at"])
    op.create_table(
        "versions",
        sa.Column("id", sa.Integer, primary_key=True),
        story_id(),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("seen_at", Time(), nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("canonical_url", sa.Text),
        sa.Column("headline", sa.Text),
        sa.Column("authors", Json, nullable=False),
        sa.Column("published", Time()),
        sa.Column("modified", Time()),
        sa.Column("language", sa.String(35)),
        sa.Column("body", Json, nullable=False),
        sa.Column("notes", Json, nullable=False),
        sa.Column("extractor", Json, nullable=False),
        sa.Column("extractor_version", sa.String(50), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("text_hash", sa.String(64), nullable=False),
        sa.Column("raw_html", sa.LargeBinary),
        sa.PrimaryKeyConstraint("id", name="pk_versions"),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], name="fk_versions_story_id_stories", ondelete="CASCADE"),
        sa.UniqueConstraint("story_id", "number", name="uq_versions_story_id_number"),
    )
    op.create_index("ix_versions_text_hash", "versions", ["text_hash"])
    op.create_table(
        "changes",
        sa.Column("id", sa.Integer, primary_key=True),
        story_id(),
        sa.Column("from_version", sa.Integer, nullable=False),
        sa.Column("to_version", sa.Integer, nullable=False),
        sa.Column("created_at", Time(), nullable=False),
        sa.Column("significance", sa.String(16), nullable=False),
        sa.Column("declared", sa.Boolean, nullable=False),
        sa.Column("summary", Json, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_changes"),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], name="fk_changes_story_id_stories", ondelete="CASCADE"),
        sa.UniqueConstraint("story_id", "to_version", name="uq_changes_story_id_to_version"),
    )
    op.create_table(
        "checks",
        sa.Column("id", sa.Integer, primary_key=True),
        story_id(nullable=True),
        sa.Column("source_name", sa.String(200)),
        sa.Column("at", Time(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("duration_ms", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_checks"),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], name="fk_checks_story_id_stories", ondelete="CASCADE"),
    )
    op.create_index("ix_checks_story_id_at", "checks", ["story_id", "at"])
    op.create_index("ix_checks_source_name_at", "checks", ["source_name", "at"])
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("change_id", sa.Integer, nullable=False),
        sa.Column("notifier", sa.String(200), nullable=False),
        sa.Column("dedupe_key", sa.String(300), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("created_at", Time(), nullable=False),
        sa.Column("next_attempt_at", Time()),
        sa.Column("last_attempt_at", Time()),
        sa.Column("last_error", sa.Text),
        sa.Column("delivered_at", Time()),
        sa.PrimaryKeyConstraint("id", name="pk_alerts"),
        sa.ForeignKeyConstraint(["change_id"], ["changes.id"], name="fk_alerts_change_id_changes", ondelete="CASCADE"),
        sa.UniqueConstraint("dedupe_key", name="uq_alerts_dedupe_key"),
    )
    op.create_index("ix_alerts_change_id", "alerts", ["change_id"])
    op.create_index("ix_alerts_notifier", "alerts", ["notifier"])
    op.create_index("ix_alerts_next_attempt_at", "alerts", ["next_attempt_at"])


def downgrade() -> None:
    for table in ("alerts", "checks", "changes", "versions", "stories", "sources"):
        op.drop_table(table)

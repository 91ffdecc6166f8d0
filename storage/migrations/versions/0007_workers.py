"""Several daemons, one PostgreSQL: workers, their claims, shared host politeness and a shared robots.txt cache.

- workers: one row per `storywatch run` process (id "host:pid:tag"), its heartbeat, when it stopped and what it
  did last — `storywatch status` lists them, alive or not
- claims: a row per piece of work a worker holds (kind "story", "source", "notifier", "host", "robots"; key),
  with its owner and a deadline (``expires_at``) the owner's heartbeat pushes on; an expired claim is taken
- host_state: per host, the earliest time the next request may start (the minimum gap, for all workers) and
  the end of a Retry-After hold
- robots_cache: each site's robots.txt as read by one worker, shared by all until it expires

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def Time() -> sa.DateTime:  # noqa: N802  (reads like a type in the column lists below)
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "workers",
        sa.Column("id", sa.String(300), nullable=False),
        sa.Column("host", sa.String(255), nullable=False),
        sa.Column("pid", sa.Integer, nullable=False),
        sa.Column("started_at", Time(), nullable=False),
        sa.Column("heartbeat_at", Time(), nullable=False),
        sa.Column("stopped_at", Time()),
        sa.Column("last_action", sa.Text),
        sa.Column("last_action_at", Time()),
        sa.PrimaryKeyConstraint("id", name="pk_workers"),
    )
    op.create_table(
        "claims",
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("key", sa.String(600), nullable=False),
        sa.Column("owner", sa.String(300), nullable=False),
        sa.Column("claimed_at", Time(), nullable=False),
        sa.Column("expires_at", Time(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "key", name="pk_claims"),
    )
    op.create_index("ix_claims_owner", "claims", ["owner"])
    op.create_table(
        "host_state",
        sa.Column("host", sa.String(255), nullable=False),
        sa.Column("next_start_at", Time()),
        sa.Column("deferred_until", Time()),
        sa.PrimaryKeyConstraint("host", name="pk_host_state"),
    )
    op.create_table(
        "robots_cache",
        sa.Column("site", sa.String(600), nullable=False),
        sa.Column("status", sa.Integer),
        sa.Column("body", sa.Text),
        sa.Column("error", sa.Text),
        sa.Column("fetched_at", Time(), nullable=False),
        sa.Column("expires_at", Time(), nullable=False),
        sa.PrimaryKeyConstraint("site", name="pk_robots_cache"),
    )


def downgrade() -> None:
    op.drop_table("robots_cache")
    op.drop_table("host_state")
    op.drop_index("ix_claims_owner", table_name="claims")
    op.drop_table("claims")
    op.drop_table("workers")

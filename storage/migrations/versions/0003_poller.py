"""The polite poller: validators for conditional GET, the raw-bytes gate, failure counts, the daemon lease.

- stories / sources: etag, last_modified (the server's own validators, sent back as If-None-Match /
  If-Modified-Since), raw_hash (sha256 of the last body: an identical body costs no extraction)
- stories.failures: checks failed in a row (back-off, and operations alerts when it persists)
- stories.removed_at: when the publisher started answering 404/410
- changes: (story_id, to_version) is no longer unique — a removed/restored event is a change recorded against
  the story's latest version, beside the change that produced it
- daemon_lease: one row per database, held by the running daemon (a second `run` refuses), with its heartbeat
  and last cycle for `storywatch status`

Revision ID: 0003
Revises: 0002
Create Date: 2025-08-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def Time() -> sa.DateTime:  # noqa: N802  (reads like a type in the column lists below)
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    for table in ("stories", "sources"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("etag", sa.String(500)))
            batch.add_column(sa.Column("last_modified", sa.String(100)))
            batch.add_column(sa.Column("raw_hash", sa.String(64)))
    with op.batch_alter_table("stories") as batch:
        batch.add_column(sa.Column("failures", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("removed_at", Time()))
    with op.batch_alter_table("changes") as batch:
        batch.drop_constraint("uq_changes_story_id_to_version", type_="unique")
        batch.create_index("ix_changes_story_id_to_version", ["story_id", "to_version"])
    op.create_table(
        "daemon_lease",
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("owner", sa.String(300), nullable=False),
        sa.Column("started_at", Time(), nullable=False),
        sa.Column("heartbeat_at", Time(), nullable=False),
        sa.Column("last_cycle_at", Time()),
        sa.PrimaryKeyConstraint("name", name="pk_daemon_lease"),
    )


def downgrade() -> None:
    op.drop_table("daemon_lease")
    op.execute("DELETE FROM changes WHERE from_version = to_version")
    with op.batch_alter_table("changes") as batch:
        batch.drop_index("ix_changes_story_id_to_version")
        batch.create_unique_constraint("uq_changes_story_id_to_version", ["story_id", "to_version"])
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("removed_at")
        batch.drop_column("failures")
    for table in ("stories", "sources"):
        with op.batch_alter_table(table) as batch:
            for column in ("raw_hash", "last_modified", "etag"):
                batch.drop_column(column)

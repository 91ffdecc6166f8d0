"""Alerts that editors trust: routing reasons, debounce merges, digests, operations alerts, threads per story.

- alerts.kind: "change" (an editor's alert about one change) or an operations kind ("source_failing", …)
- alerts.change_id becomes nullable (operations alerts have none); alerts.story_id groups a story's alerts
  (debounce, per-story order)
- alerts.reasons: why the alert was routed (watch terms that appeared or disappeared, below-threshold note)
- alerts.merged_into: the alert whose combined message delivered this one (debounce, digest)
- alerts.subject / alerts.body: an operations alert's text
- alert_threads: per story x notifier, the channel's thread reference (Slack ts, email root Message-ID)

Revision ID: 0002
Revises: 0001
Create Date: 2025-08-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# frozen copies of the types in storage/ (a migration must not change when the app's code does)
Json = sa.JSON().with_variant(JSONB(), "postgresql")


def Time() -> sa.DateTime:  # noqa: N802  (reads like a type in the column lists below)
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("alerts") as batch:
        batch.alter_column("change_id", existing_type=sa.Integer, nullable=True)
        batch.add_column(sa.Column("kind", sa.String(32), nullable=False, server_default="change"))
        batch.add_column(sa.Column("story_id", sa.Integer, nullable=True))
        batch.add_column(sa.Column("reasons", Json, nullable=True))
        batch.add_column(sa.Column("merged_into", sa.Integer, nullable=True))
        batch.add_column(sa.Column("subject", sa.Text, nullable=True))
        batch.add_column(sa.Column("body", sa.Text, nullable=True))
        batch.create_foreign_key("fk_alerts_story_id_stories", "stories", ["story_id"], ["id"], ondelete="CASCADE")
        batch.create_index("ix_alerts_story_id_notifier", ["story_id", "notifier"])
        batch.create_index("ix_alerts_status", ["status"])
    op.execute(
        "UPDATE alerts SET story_id = (SELECT changes.story_id FROM changes WHERE changes.id = alerts.change_id)"
    )
    op.create_table(
        "alert_threads",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("story_id", sa.Integer, nullable=False),
        sa.Column("notifier", sa.String(200), nullable=False),
        sa.Column("thread_ref", sa.String(300), nullable=False),
        sa.Column("channel", sa.String(200)),
        sa.Column("created_at", Time(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_alert_threads"),
        sa.ForeignKeyConstraint(
            ["story_id"], ["stories.id"], name="fk_alert_threads_story_id_stories", ondelete="CASCADE"
        ),
        sa.UniqueConstraint("story_id", "notifier", name="uq_alert_threads_story_id_notifier"),
    )


def downgrade() -> None:
    op.drop_table("alert_threads")
    op.execute("DELETE FROM alerts WHERE change_id IS NULL")
    with op.batch_alter_table("alerts") as batch:
        batch.drop_index("ix_alerts_status")
        batch.drop_index("ix_alerts_story_id_notifier")
        batch.drop_constraint("fk_alerts_story_id_stories", type_="foreignkey")
        for column in ("body", "subject", "merged_into", "reasons", "story_id", "kind"):
            batch.drop_column(column)
        batch.alter_column("change_id", existing_type=sa.Integer, nullable=False)

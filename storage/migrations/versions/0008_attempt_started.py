"""A delivery attempt is written down before it is sent, so a crash mid-POST is known on restart.

- alerts.attempt_started_at: when the alert's current delivery attempt began (committed just before the
  channel is called); cleared when the attempt's outcome is recorded. A pending alert that still has it set
  was being sent when its process died: a channel that can look (Slack with a bot token) checks whether the
  message arrived before sending it again.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("alerts") as batch:
        batch.add_column(sa.Column("attempt_started_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    with op.batch_alter_table("alerts") as batch:
        batch.drop_column("attempt_started_at")

"""A daemon that stopped cleanly is remembered: the lease row stays, marked released.

- daemon_lease.released_at: when the daemon let go of the lease on a clean stop (null while it is held, or
  when its daemon died). ``storywatch status`` reads it to know that a daemon runs on this database, so one
  that is not running now is a problem; a new daemon takes a released lease at once.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("daemon_lease") as batch:
        batch.add_column(sa.Column("released_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM daemon_lease WHERE released_at IS NOT NULL"))
    with op.batch_alter_table("daemon_lease") as batch:
        batch.drop_column("released_at")

"""The web view's "since" filter: an index on when each change was found.

- changes.created_at: indexed, so recent changes "in the last hour" (the web view, its Atom feed) read the
  changes of that hour, not every change ever found

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_changes_created_at", "changes", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_changes_created_at", table_name="changes")

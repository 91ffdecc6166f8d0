"""One story per canonical URL: the other URLs a merged story is known by.

- story_aliases: a URL (unique) that resolves to a story — the URL and canonical URL of a story that was folded
  into an earlier one when both turned out to share one canonical URL

Revision ID: 0004
Revises: 0003
Create Date: 2025-08-31
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "story_aliases",
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("story_id", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("url", name="pk_story_aliases"),
        sa.ForeignKeyConstraint(
            ["story_id"], ["stories.id"], name="fk_story_aliases_story_id_stories", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_story_aliases_story_id", "story_aliases", ["story_id"])


def downgrade() -> None:
    op.drop_index("ix_story_aliases_story_id", table_name="story_aliases")
    op.drop_table("story_aliases")

"""The exact gate before extraction: a story remembers what its last full read covered.

- stories.gate: the sealed digest (``monitor.extractors.gate``) of the page the story's last full read was
  taken from; a later fetch whose page has the same digest is unchanged without being read in full. Null for
  a story not read yet, or whose extraction the gate cannot vouch for (it is read in full every time).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.add_column(sa.Column("gate", sa.String(64)))


def downgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("gate")

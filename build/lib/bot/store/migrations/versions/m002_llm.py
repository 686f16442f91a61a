"""Token usage per case, and a note per draft version (why the offline engine answered).

Revision ID: m002
Revises: m001
"""

import sqlalchemy as sa
from alembic import op

revision = "m002"
down_revision = "m001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("prompt_tokens", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(
            sa.Column("completion_tokens", sa.Integer, nullable=False, server_default="0")
        )
    with op.batch_alter_table("drafts") as batch:
        batch.add_column(sa.Column("note", sa.Text))

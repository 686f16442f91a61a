"""Learned replies keep their tone and language; a draft says when it is the user's wording.

Revision ID: m008
Revises: m007
"""

import sqlalchemy as sa
from alembic import op

revision = "m008"
down_revision = "m007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Examples learned before this have no tone or language: the LLM still sees them as
    # style examples, the offline engine no longer reuses them word for word.
    with op.batch_alter_table("style_examples") as batch:
        batch.add_column(sa.Column("tone", sa.String(16)))
        batch.add_column(sa.Column("language", sa.String(16)))
    with op.batch_alter_table("drafts") as batch:
        batch.add_column(
            sa.Column("learned", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("drafts") as batch:
        batch.drop_column("learned")
    with op.batch_alter_table("style_examples") as batch:
        batch.drop_column("language")
        batch.drop_column("tone")

"""When the user's open prompt was asked: prompts expire, and an Edit prompt is one of them.

Revision ID: m007
Revises: m006
"""

import sqlalchemy as sa
from alembic import op

revision = "m007"
down_revision = "m006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Prompts open before this migration have no time, so they count as expired: the user's
    # next message is read as new and the bot says so.
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("pending_prompt_at", sa.DateTime(timezone=True)))

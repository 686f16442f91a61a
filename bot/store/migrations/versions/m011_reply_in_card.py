"""An approved reply for the user's own chat is written into its card, by an edit.

Revision ID: m011
Revises: m010
"""

import sqlalchemy as sa
from alembic import op

revision = "m011"
down_revision = "m010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # NULL: a new message, as every reply owed before this migration was.
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("card_message_id", sa.BigInteger()))

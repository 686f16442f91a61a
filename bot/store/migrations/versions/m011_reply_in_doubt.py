"""A reply whose sender died mid-send may have reached the chat: it is marked in doubt, and
goes into its card rather than out again.

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
    with op.batch_alter_table("outbox") as batch:
        # NULL: no card known, as for every reply owed before this migration.
        batch.add_column(sa.Column("card_message_id", sa.BigInteger()))
        batch.add_column(
            sa.Column("in_doubt", sa.Boolean(), nullable=False, server_default=sa.false())
        )

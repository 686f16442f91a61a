"""Hosted mode: the webhook inbox, leases for once-per-cluster work, idempotent intake.

Revision ID: m004
Revises: m003
"""

import sqlalchemy as sa
from alembic import op

revision = "m004"
down_revision = "m003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("message_id", sa.BigInteger))
    # One case per Telegram message: a redelivered or replayed update finds its case.
    op.create_index("uq_cases_chat_message", "cases", ["chat_id", "message_id"], unique=True)
    op.create_table(
        "inbox",
        sa.Column("update_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_inbox_done", "inbox", ["done_at"])
    op.create_table(
        "leases",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("holder", sa.String(128), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )

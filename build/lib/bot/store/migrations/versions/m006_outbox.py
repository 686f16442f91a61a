"""The outbox: messages owed to users, kept until Telegram has them.

Revision ID: m006
Revises: m005
"""

import sqlalchemy as sa
from alembic import op

revision = "m006"
down_revision = "m005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("user_id", sa.BigInteger, nullable=False),
        sa.Column("chat_id", sa.BigInteger, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_until", sa.DateTime(timezone=True)),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.Column("refused_at", sa.DateTime(timezone=True)),
        sa.Column("message_id", sa.BigInteger),
        sa.Column("last_error", sa.String(200)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    # One message of each kind per case: a double tap or a replayed press owes nothing twice.
    op.create_index("uq_outbox_case_kind", "outbox", ["case_id", "kind"], unique=True)
    op.create_index("ix_outbox_user", "outbox", ["user_id"])
    op.create_index("ix_outbox_unsent", "outbox", ["sent_at", "due_at"])

"""Telegram Business: connections, their chats, the allowlist, and cases and owed replies
linked to a chat in the owner's own account.

Revision ID: m010
Revises: m009
"""

import sqlalchemy as sa
from alembic import op

revision = "m010"
down_revision = "m009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "business_connections",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.BigInteger, nullable=False),
        sa.Column("user_chat_id", sa.BigInteger, nullable=False),
        sa.Column("is_enabled", sa.Boolean, nullable=False),
        sa.Column("can_reply", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("can_read", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("rights", sa.JSON, nullable=False),
        sa.Column("paused", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_business_connections_user_id", "business_connections", ["user_id"])
    op.create_table(
        "business_chats",
        sa.Column("connection_id", sa.String(64), primary_key=True),
        sa.Column("chat_id", sa.BigInteger, primary_key=True),
        sa.Column("user_id", sa.BigInteger, nullable=False),
        sa.Column("name", sa.String(256)),
        sa.Column("answered", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("muted", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("last_incoming_at", sa.DateTime(timezone=True)),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_business_chats_user_id", "business_chats", ["user_id"])
    op.create_table(
        "business_messages",
        sa.Column("connection_id", sa.String(64), primary_key=True),
        sa.Column("chat_id", sa.BigInteger, primary_key=True),
        sa.Column("message_id", sa.BigInteger, primary_key=True),
        sa.Column("user_id", sa.BigInteger, nullable=False),
        sa.Column(
            "case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_business_messages_user_id", "business_messages", ["user_id"])
    op.create_index("ix_business_messages_case_id", "business_messages", ["case_id"])
    op.create_table(
        "business_allowlist",
        sa.Column("user_id", sa.BigInteger, primary_key=True),
        sa.Column("sender_id", sa.BigInteger, primary_key=True),
        sa.Column("name", sa.String(256)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("business_connection_id", sa.String(64)))
        batch.add_column(sa.Column("business_chat_id", sa.BigInteger))
        batch.add_column(sa.Column("business_state", sa.String(16)))
    op.create_index(
        "ix_cases_business_chat", "cases", ["business_connection_id", "business_chat_id"]
    )
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("business_connection_id", sa.String(64)))
        batch.add_column(sa.Column("note", sa.String(300)))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("note")
        batch.drop_column("business_connection_id")
    op.drop_index("ix_cases_business_chat", "cases")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("business_state")
        batch.drop_column("business_chat_id")
        batch.drop_column("business_connection_id")
    op.drop_table("business_allowlist")
    op.drop_table("business_messages")
    op.drop_table("business_chats")
    op.drop_table("business_connections")

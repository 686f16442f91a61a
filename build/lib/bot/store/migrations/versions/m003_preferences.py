"""Corrections, senders the user vouched for, learned style examples, pending settings edits.

Revision ID: m003
Revises: m002
"""

import sqlalchemy as sa
from alembic import op

revision = "m003"
down_revision = "m002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("pending_setting", sa.String(32)))
        batch.add_column(sa.Column("pending_prompt_message_id", sa.BigInteger))
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("corrected_from", sa.String(32)))
        batch.add_column(sa.Column("sender_key", sa.String(300)))
    op.create_index("ix_cases_user_sender", "cases", ["user_id", "sender_key"])
    op.create_table(
        "senders",
        sa.Column(
            "user_id",
            sa.BigInteger,
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("key", sa.String(300), primary_key=True),
        sa.Column("genuine", sa.Boolean, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "style_examples",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "user_id",
            sa.BigInteger,
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("sender_name", sa.String(80)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_style_examples_user", "style_examples", ["user_id", "category"])

"""Users, cases and draft versions.

Revision ID: m001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "m001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("preferences", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "user_id",
            sa.BigInteger,
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("chat_id", sa.BigInteger, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("sender_name", sa.String(256)),
        sa.Column("sender_id", sa.BigInteger),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("category", sa.String(32)),
        sa.Column("confidence", sa.Float),
        sa.Column("signals", sa.JSON),
        sa.Column("assessment", sa.JSON),
        sa.Column("engine", sa.String(32)),
        sa.Column("note", sa.Text),
        sa.Column("draft_shown", sa.Boolean, nullable=False),
        sa.Column("approved_text", sa.Text),
        sa.Column("card_message_id", sa.BigInteger),
        sa.Column("edit_prompt_message_id", sa.BigInteger),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_cases_user_id", "cases", ["user_id"])
    op.create_index("ix_cases_status", "cases", ["status"])
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "case_id",
            sa.Integer,
            sa.ForeignKey("cases.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("tone", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("engine", sa.String(32), nullable=False),
        sa.Column("variant", sa.Integer, nullable=False),
        sa.Column("edited", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("case_id", "version", name="uq_drafts_case_version"),
    )
    op.create_index("ix_drafts_case_id", "drafts", ["case_id"])

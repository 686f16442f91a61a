"""How many earlier cases from the same sender were cold, kept with the case (not as a note).

Revision ID: m005
Revises: m004
"""

import sqlalchemy as sa
from alembic import op

revision = "m005"
down_revision = "m004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("earlier_cold", sa.Integer, nullable=False, server_default="0"))

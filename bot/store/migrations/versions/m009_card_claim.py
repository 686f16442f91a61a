"""A card owed is claimed by whoever sends it, so recovery never sends a second one.

Revision ID: m009
Revises: m008
"""

import sqlalchemy as sa
from alembic import op

revision = "m009"
down_revision = "m008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # NULL: not claimed, so a card owed from before this migration goes out at the next look.
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("card_claimed_until", sa.DateTime(timezone=True)))

"""The reports read the placements' indexes alone (issue 16, performance)

Two indexes of ``membership`` get the columns the reports read, so that a report over a province reads no
row of the table through them:

- ``ix_membership_cell_id_start_on`` (cell, start) gets ``end_on``: the members of every cell on a day
  (the quota report's members on 1 January) are counted from the index in cell order, with no sort and no
  row read. It keeps its name, which the import names when it defers the index for a large file;
- ``ix_membership_member_id`` (member) becomes ``ix_membership_member_id_start_on_cell_id``: the cell each
  member of a period was admitted in (the placement starting on the admission day) is found in the index.

No data changes; each index is built again (about a second a million placements).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 20:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_membership_cell_id_start_on", table_name="membership")
    op.create_index("ix_membership_cell_id_start_on", "membership", ["cell_id", "start_on", "end_on"])
    op.drop_index("ix_membership_member_id", table_name="membership")
    op.create_index(
        "ix_membership_member_id_start_on_cell_id", "membership", ["member_id", "start_on", "cell_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_membership_member_id_start_on_cell_id", table_name="membership")
    op.create_index("ix_membership_member_id", "membership", ["member_id"])
    op.drop_index("ix_membership_cell_id_start_on", table_name="membership")
    op.create_index("ix_membership_cell_id_start_on", "membership", ["cell_id", "start_on"])

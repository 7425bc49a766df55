"""The change log's batch entries (issue 16): a large import is logged as one entry per list, naming the
range of ids it created (``entity_id`` to ``last_entity_id``, contiguous under the import's write lock) and
its file (``source``: the file's name, its SHA-256 and the count of rows), instead of one entry a row.
Updates stay logged a row, with their values before and after.

Existing entries are untouched: the new columns are empty on them. Adding nullable columns alters the table
in place (no copy, so the append-only triggers stay as they are).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 16:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("change_log", sa.Column("last_entity_id", sa.Integer(), nullable=True))
    op.add_column("change_log", sa.Column("source", sa.JSON(), nullable=True))
    op.create_index("ix_change_log_entity_last_entity_id", "change_log", ["entity", "last_entity_id"])


def downgrade() -> None:
    op.drop_index("ix_change_log_entity_last_entity_id", table_name="change_log")
    # A batch entry cannot be expanded into a row's entry without its values: a downgrade keeps the entry
    # (its first id) and loses the range and the file.
    with op.batch_alter_table("change_log") as batch_op:
        batch_op.drop_column("source")
        batch_op.drop_column("last_entity_id")

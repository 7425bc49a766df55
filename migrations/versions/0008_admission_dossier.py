"""The admission dossier: the papers entered for a candidate or a member (issue 18)

One new table, ``paper``: each paper's form code, date, number, author and a reference to its scan. It starts
empty, and nothing is lost or guessed: the papers a workflow step records (the certificate, the application
and the introducers' letters, the cell's resolution, the decision, the cell's resolution on recognition)
are read from the records existing rows already hold (domain/dossier.py), so every dossier shows them from
the first run on the new schema.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "paper",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=True),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("form", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("number", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("author", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("file", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.CheckConstraint(
            "candidate_id IS NOT NULL OR member_id IS NOT NULL", name=op.f("ck_paper_has_person")
        ),
        sa.ForeignKeyConstraint(["candidate_id"], ["candidate.id"], name=op.f("fk_paper_candidate_id_candidate")),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], name=op.f("fk_paper_member_id_member")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_paper")),
    )
    with op.batch_alter_table("paper", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_paper_candidate_id"), ["candidate_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_paper_member_id"), ["member_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("paper", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_paper_member_id"))
        batch_op.drop_index(batch_op.f("ix_paper_candidate_id"))
    op.drop_table("paper")

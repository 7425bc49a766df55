"""Rules to the letter: education, re-admission, substitute introducers, the trade union, the vote's
excluded members, the decision's extension and the day it was received (issue 15)

New columns, every one empty (or false) on existing rows, and a new reason to leave (``resignation``, xin
ra khỏi Đảng; a downgrade files those as removals, which is what the Party does with them). One thing is
filled in: a candidate whose citizen ID is that of a member who had left the Party by the day the candidate
was identified is linked to that earlier member record (``prior_member_id``, ``prior_left_on``), as ``add-candidate`` links a new one; the
re-admission rules then apply to them. Education levels are not guessed from the free-text ``education``:
the rule reads that text itself when no level was entered, and says so.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 13:47:35.313412
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EDUCATION = "education_level IS NULL OR education_level IN ('none', 'primary', 'lower_secondary', 'upper_secondary', 'vocational', 'college', 'university', 'postgraduate')"
PRIOR_EXIT = (
    "prior_exit IS NULL OR prior_exit IN ('other', 'family_hardship', 'minor_conviction', "
    "'population_policy', 'abandoned', 'resigned', 'disunity', 'corruption', 'serious_conviction')"
)
LEFT_REASON_OLD = "left_reason IN ('transfer', 'death', 'removal', 'expulsion')"
LEFT_REASON = "left_reason IN ('transfer', 'death', 'removal', 'expulsion', 'resignation')"
SUBSTITUTION = "substitution_reason IS NULL OR substitution_reason IN ('moved', 'died', 'disciplined')"

# A candidate identified after a member with the same citizen ID had left: a former member.
PRIOR = """
UPDATE candidate SET
    prior_member_id = (
        SELECT m.id FROM member m
        WHERE m.citizen_id = candidate.citizen_id AND m.left_on IS NOT NULL
          AND m.left_on <= candidate.identified_on
        ORDER BY m.left_on DESC, m.id DESC LIMIT 1
    ),
    prior_left_on = (
        SELECT m.left_on FROM member m
        WHERE m.citizen_id = candidate.citizen_id AND m.left_on IS NOT NULL
          AND m.left_on <= candidate.identified_on
        ORDER BY m.left_on DESC, m.id DESC LIMIT 1
    )
WHERE candidate.citizen_id IS NOT NULL AND EXISTS (
    SELECT 1 FROM member m
    WHERE m.citizen_id = candidate.citizen_id AND m.left_on IS NOT NULL AND m.left_on <= candidate.identified_on
)
"""


def _text(name: str) -> sa.Column[str]:
    return sa.Column(name, sqlmodel.sql.sqltypes.AutoString(), nullable=True)


def upgrade() -> None:
    with op.batch_alter_table("candidate", schema=None) as batch_op:
        batch_op.add_column(_text("education_level"))
        batch_op.add_column(
            sa.Column("trade_union_introduces", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("substitute_introducer_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("replaced_introducer_id", sa.Integer(), nullable=True))
        batch_op.add_column(_text("substitution_reason"))
        batch_op.add_column(sa.Column("substituted_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("votes_excluded", sa.Integer(), nullable=True))
        batch_op.add_column(_text("votes_excluded_reason"))
        batch_op.add_column(_text("education_exception"))
        batch_op.add_column(sa.Column("decision_extension_days", sa.Integer(), nullable=True))
        batch_op.add_column(_text("decision_extension_reason"))
        batch_op.add_column(sa.Column("prior_member_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("prior_left_on", sa.Date(), nullable=True))
        batch_op.add_column(_text("prior_exit"))
        batch_op.add_column(sa.Column("prior_expunged_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("prior_readmitted", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(_text("readmission_approval_no"))
        batch_op.add_column(sa.Column("readmission_approval_on", sa.Date(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_candidate_substitute_introducer_id_member"),
            "member",
            ["substitute_introducer_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_candidate_replaced_introducer_id_member"),
            "member",
            ["replaced_introducer_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_candidate_prior_member_id_member"), "member", ["prior_member_id"], ["id"]
        )
        batch_op.create_check_constraint(batch_op.f("ck_candidate_education_level"), EDUCATION)
        batch_op.create_check_constraint(batch_op.f("ck_candidate_prior_exit"), PRIOR_EXIT)
        batch_op.create_check_constraint(batch_op.f("ck_candidate_substitution_reason"), SUBSTITUTION)

    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.add_column(_text("education_level"))
        batch_op.add_column(sa.Column("decision_received_on", sa.Date(), nullable=True))
        batch_op.create_check_constraint(batch_op.f("ck_member_education_level"), EDUCATION)
        # A member may leave by asking to (xin ra khỏi Đảng): the outlook's decrease names it.
        batch_op.drop_constraint(batch_op.f("ck_member_left_reason"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_member_left_reason"), LEFT_REASON)

    op.execute(PRIOR)


def downgrade() -> None:
    op.execute("UPDATE member SET left_reason = 'removal' WHERE left_reason = 'resignation'")
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_member_left_reason"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_member_left_reason"), LEFT_REASON_OLD)
        batch_op.drop_constraint(batch_op.f("ck_member_education_level"), type_="check")
        batch_op.drop_column("decision_received_on")
        batch_op.drop_column("education_level")

    with op.batch_alter_table("candidate", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_candidate_substitution_reason"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_candidate_prior_exit"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_candidate_education_level"), type_="check")
        batch_op.drop_constraint(batch_op.f("fk_candidate_prior_member_id_member"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_candidate_replaced_introducer_id_member"), type_="foreignkey")
        batch_op.drop_constraint(
            batch_op.f("fk_candidate_substitute_introducer_id_member"), type_="foreignkey"
        )
        for column in (
            "readmission_approval_on",
            "readmission_approval_no",
            "prior_readmitted",
            "prior_expunged_on",
            "prior_exit",
            "prior_left_on",
            "prior_member_id",
            "decision_extension_reason",
            "decision_extension_days",
            "education_exception",
            "votes_excluded_reason",
            "votes_excluded",
            "substituted_on",
            "substitution_reason",
            "replaced_introducer_id",
            "substitute_introducer_id",
            "trade_union_introduces",
            "education_level",
        ):
            batch_op.drop_column(column)

"""The tables (SQLModel). Alembic migrations in ``migrations/`` are made from these and must match them.

Design notes, because reports must be right for any past date and fast on a province:
- Organisations form a tree kept with a *closure table* (``org_closure``: every ancestor–descendant
  pair with its depth). A subtree, or a roll-up to any level, is one join, never a walk row by row.
- The tree changes (issue 14: renamed, moved, merged, closed organisations), so an organisation has a life
  (``start_on``, ``end_on``) and its name and parent are a history (``org_version``); ``org_lineage`` says
  which organisations were merged into which, and when. ``org_closure_span`` is the closure with validity
  periods: "the subtree of X as of D" is one indexed join with a date condition. ``org_closure`` stays
  the closure of the tree as it stands now (the same rows of ``org_closure_span`` that are still open), so
  the everyday queries about today read it as before, at the same cost. Both include a closed organisation
  under the one that took over its records (see :mod:`dangvien_cli.domain.tree`). ``organisation.name`` and
  ``parent_id`` are the latest version's (changes are never dated after today).
- Where a member belonged is a history (``membership``: cell, from, to), so "who was in which cell on
  D" is a range condition. Status on D follows from the member's dates: probationary from the admission
  decision, official from ``official_on``, gone from ``left_on``.
- Names are stored as entered (NFC) with a folded matching key and a Vietnamese sort key beside them.
- Codes (kinds, places, sources, stages, reasons) are English words checked by CHECK constraints, derived
  from the vocabularies of :mod:`dangvien_cli.domain.vocab`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from dangvien_cli.domain.stages import CLOSED_STAGES
from dangvien_cli.domain.vocab import (
    AccessRole,
    EducationLevel,
    Gender,
    LeftReason,
    OrgChange,
    OrgKind,
    Place,
    PriorExit,
    Source,
    Stage,
    SubstitutionReason,
    Vocabulary,
)

# Stable constraint names, so that batch migrations on SQLite can find and alter them.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

_CLOSED = ", ".join(f"'{stage.value}'" for stage in CLOSED_STAGES)
_ACTIVE_CANDIDATE = f"stage NOT IN ({_CLOSED})"

# Partial unique indexes carry their condition per dialect. PostgreSQL's is attached only when a PostgreSQL
# engine is made (store.engine calls attach_postgresql_conditions): naming ``postgresql_where`` here would
# import SQLAlchemy's PostgreSQL dialect at every start-up, on SQLite too, just to check the keyword (about
# 20 ms, a sixth of what `org show` adds to its imports).
_PARTIAL_INDEXES: list[tuple[sa.Index, str]] = []


def _partial_unique(name: str, column: str, condition: str) -> sa.Index:
    index = sa.Index(name, column, unique=True, sqlite_where=sa.text(condition))
    _PARTIAL_INDEXES.append((index, condition))
    return index


def attach_postgresql_conditions() -> None:
    """Give the partial indexes their PostgreSQL condition (for migrations' comparisons and DDL there)."""
    for index, condition in _PARTIAL_INDEXES:
        index.dialect_kwargs["postgresql_where"] = sa.text(condition)


# Sort keys compare codepoint by codepoint; PostgreSQL must not apply a locale's collation to them.
SortKey = sa.String().with_variant(sa.String(collation="C"), "postgresql")


def _check_in(column: str, values: type[Vocabulary] | tuple[str, ...]) -> sa.CheckConstraint:
    """``column IN (...)``: the codes of a vocabulary, in its order (the migrations hold the same text)."""
    codes = values.codes() if isinstance(values, type) else values
    listed = ", ".join(f"'{v}'" for v in codes)
    return sa.CheckConstraint(f"{column} IN ({listed})", name=column)


def _check_code(column: str, values: type[Vocabulary]) -> sa.CheckConstraint:
    """A code column that may be empty: ``column IS NULL OR column IN (...)``."""
    listed = ", ".join(f"'{v}'" for v in values.codes())
    return sa.CheckConstraint(f"{column} IS NULL OR {column} IN ({listed})", name=column)


class Organisation(SQLModel, table=True):
    """A party organisation: a committee, a base organisation (đảng bộ / chi bộ cơ sở), or a cell."""

    __tablename__ = "organisation"
    __table_args__ = (_check_in("kind", OrgKind), _check_in("place", Place))

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, index=True)
    name: str
    kind: str
    parent_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    place: str = Place.other.value
    population: int | None = None
    start_on: date | None = None  # its first day; None: from before the records begin
    end_on: date | None = None  # the first day it no longer exists (merged or closed the day before)


# A closed organisation's records go on counting where its successor (merge) or last parent is: the closure
# rows of both tables below include it there (see domain.tree).


class OrgClosure(SQLModel, table=True):
    """Every (ancestor, descendant) pair of the tree as it stands now, itself included at depth 0."""

    __tablename__ = "org_closure"

    ancestor_id: int = Field(foreign_key="organisation.id", primary_key=True)
    descendant_id: int = Field(foreign_key="organisation.id", primary_key=True, index=True)
    depth: int


class OrgVersion(SQLModel, table=True):
    """An organisation's name and parent over ``[start_on, end_on)``; its versions cover its life without a
    gap (``None``: from the beginning of the records, or still so)."""

    __tablename__ = "org_version"
    __table_args__ = (
        sa.CheckConstraint(
            "end_on IS NULL OR start_on IS NULL OR end_on > start_on", name="version_end_after_start"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    org_id: int = Field(foreign_key="organisation.id", index=True)
    name: str
    parent_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    start_on: date | None = None
    end_on: date | None = None


class OrgLineage(SQLModel, table=True):
    """``predecessor_id`` was merged into ``successor_id`` on ``on`` (its last day was the day before)."""

    __tablename__ = "org_lineage"

    id: int | None = Field(default=None, primary_key=True)
    predecessor_id: int = Field(foreign_key="organisation.id", unique=True)
    successor_id: int = Field(foreign_key="organisation.id", index=True)
    on: date


class OrgClosureSpan(SQLModel, table=True):
    """The closure over time: ``descendant_id`` is ``depth`` levels under ``ancestor_id`` during
    ``[start_on, end_on)``."""

    __tablename__ = "org_closure_span"
    __table_args__ = (
        sa.Index("ix_org_closure_span_ancestor_id_descendant_id", "ancestor_id", "descendant_id"),
        sa.CheckConstraint(
            "end_on IS NULL OR start_on IS NULL OR end_on > start_on", name="span_end_after_start"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    ancestor_id: int = Field(foreign_key="organisation.id")
    descendant_id: int = Field(foreign_key="organisation.id", index=True)
    depth: int
    start_on: date | None = None
    end_on: date | None = None


class PersonFields(SQLModel):
    """Personal fields shared by members and candidates."""

    id: int | None = Field(default=None, primary_key=True)
    # CCCD: 12 digits as text. Unique among current records only (see the tables' partial indexes): a
    # member removed years ago and admitted again keeps the old record beside the new one.
    citizen_id: str | None = Field(default=None, index=True)
    full_name: str  # as entered, NFC
    family_name: str
    middle_name: str = ""
    given_name: str
    name_folded: str  # tones and marks stripped, đ→d, lower case; indexed with birth_date (see tables)
    name_sort: str = Field(sa_type=SortKey, index=True)  # given, middle, family; Vietnamese order
    gender: str
    birth_date: date
    ethnicity: str | None = None
    religion: str | None = None
    education: str | None = None  # as entered, e.g. the background form's "12/12"
    education_level: str | None = None  # an EducationLevel code (Quy định 294-QĐ/TW point 1.2)
    occupation: str | None = None
    youth_union: bool = False


class Member(PersonFields, table=True):
    """A party member (đảng viên), probationary from the admission decision, then official."""

    __tablename__ = "member"
    __table_args__ = (
        _check_in("gender", Gender),
        _check_in("left_reason", LeftReason),
        _check_code("education_level", EducationLevel),
        sa.CheckConstraint(
            "official_on IS NULL OR official_on >= admitted_on", name="official_after_admitted"
        ),
        sa.CheckConstraint("left_on IS NULL OR left_on >= admitted_on", name="left_after_admitted"),
        sa.Index("ix_member_name_folded_birth_date", "name_folded", "birth_date"),
        _partial_unique("uq_member_citizen_id_current", "citizen_id", "left_on IS NULL"),
    )

    admitted_on: date = Field(index=True)  # the admission decision's date: party age counts from it
    decision_no: str | None = None
    decision_received_on: date | None = None  # the day the cell received the decision: the ceremony's start
    ceremony_on: date | None = None
    official_on: date | None = None
    recognized_on: date | None = (
        None  # the cell's meeting that recognised it (official_on is probation's end)
    )
    left_on: date | None = None
    left_reason: str | None = None
    left_note: str | None = None  # e.g. why a probationary member was not recognised


# Why a membership or a candidate's cell began when the tree moved them: a merge is not a transfer.
_TREE_REASONS = (OrgChange.merge.value, OrgChange.close.value)


class Membership(SQLModel, table=True):
    """Where a member belonged: ``cell_id`` from ``start_on`` (inclusive) to ``end_on`` (exclusive).

    ``reason`` is set when the tree put the member there: ``merge`` (their cell was merged into this one) or
    ``close`` (their cell was closed and its members moved here); empty for an admission or a move."""

    __tablename__ = "membership"
    __table_args__ = (
        sa.CheckConstraint("end_on IS NULL OR end_on >= start_on", name="end_after_start"),
        # Both indexes hold what the reports read, so that a report reads no row of the table through them
        # (migration 0010): the members of a cell on a day, counted for every cell in cell order ("who was
        # where on D", which keeps its name: the import defers it by name, store/bulk.py); a member's
        # placements from a day with their cell (the cell each member of a year was admitted in).
        sa.Index("ix_membership_cell_id_start_on", "cell_id", "start_on", "end_on"),
        sa.Index("ix_membership_member_id_start_on_cell_id", "member_id", "start_on", "cell_id"),
        _check_in("reason", _TREE_REASONS),
    )

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id")
    cell_id: int = Field(foreign_key="organisation.id")
    start_on: date
    end_on: date | None = None
    reason: str | None = None


class Candidate(PersonFields, table=True):
    """A candidate for admission (quần chúng ưu tú), from identification to admission or drop."""

    __tablename__ = "candidate"
    __table_args__ = (
        _check_in("gender", Gender),
        _check_in("source", Source),
        _check_in("stage", Stage),
        _check_code("education_level", EducationLevel),
        _check_code("prior_exit", PriorExit),
        _check_code("substitution_reason", SubstitutionReason),
        sa.Index("ix_candidate_name_folded_birth_date", "name_folded", "birth_date"),
        _partial_unique("uq_candidate_citizen_id_current", "citizen_id", _ACTIVE_CANDIDATE),
    )

    cell_id: int = Field(foreign_key="organisation.id", index=True)
    source: str
    identified_on: date
    stage: str = Stage.identified.value
    mentor_id: int | None = Field(default=None, foreign_key="member.id")
    mentor_assigned_on: date | None = None
    certificate_on: date | None = None  # the party-awareness class (lớp bồi dưỡng nhận thức về Đảng)
    certificate_no: str | None = None
    applied_on: date | None = None
    introducer_1_id: int | None = Field(default=None, foreign_key="member.id")
    introducer_2_id: int | None = Field(default=None, foreign_key="member.id")
    youth_union_introduces: bool = False  # the Youth Union committee stands in for one introducer
    trade_union_introduces: bool = False  # … or the trade union's, where there is no Youth Union
    # A substitute introducer (point 3.2.2) stands in for one who moved, died or was disciplined.
    substitute_introducer_id: int | None = Field(default=None, foreign_key="member.id")
    replaced_introducer_id: int | None = Field(default=None, foreign_key="member.id")
    substitution_reason: str | None = None  # a SubstitutionReason code
    substituted_on: date | None = None
    proposed_on: date | None = None  # the cell's resolution
    resolution_no: str | None = None
    votes_for: int | None = None  # at the resolution: votes for, out of the cell's official members
    official_members: int | None = None  # as the resolution gives them: authoritative
    votes_excluded: int | None = None  # official members not counted (exempted and absent, elsewhere)
    votes_excluded_reason: str | None = None
    age_exception: str | None = None  # the provincial committee's approval for someone over 60
    education_exception: str | None = None  # point 1.2's exception, with its reason
    decision_extension_days: int | None = None  # working days added to the decision's 60 (at most 30)
    decision_extension_reason: str | None = None
    # A former member (re-admission, point 3.5): the earlier record, when there is one, and the facts.
    prior_member_id: int | None = Field(default=None, foreign_key="member.id")
    prior_left_on: date | None = None
    prior_exit: str | None = None  # a PriorExit code
    prior_expunged_on: date | None = None
    prior_readmitted: bool = False  # the earlier membership was itself a re-admission
    readmission_approval_no: str | None = None  # the provincial standing committee's written approval
    readmission_approval_on: date | None = None
    dropped_on: date | None = None
    drop_reason: str | None = None


class CandidateMove(SQLModel, table=True):
    """A candidate moved by the tree: from ``from_cell_id`` to ``to_cell_id`` on ``on`` (``candidate.cell_id``
    is where they are now; their cell on an earlier day is the ``from_cell_id`` of the first move after
    it)."""

    __tablename__ = "candidate_move"
    __table_args__ = (_check_in("reason", _TREE_REASONS),)

    id: int | None = Field(default=None, primary_key=True)
    candidate_id: int = Field(foreign_key="candidate.id", index=True)
    from_cell_id: int = Field(foreign_key="organisation.id")
    to_cell_id: int = Field(foreign_key="organisation.id")
    on: date
    reason: str


class Remark(SQLModel, table=True):
    """A mentor's monthly remark on a candidate."""

    __tablename__ = "remark"

    id: int | None = Field(default=None, primary_key=True)
    candidate_id: int = Field(foreign_key="candidate.id", index=True)
    author_id: int = Field(foreign_key="member.id")
    remarked_on: date
    text: str


class Admission(SQLModel, table=True):
    """An admission: the candidate, the member it made, the cell's resolution and the decision."""

    __tablename__ = "admission"

    id: int | None = Field(default=None, primary_key=True)
    candidate_id: int = Field(foreign_key="candidate.id", unique=True)
    member_id: int = Field(foreign_key="member.id", unique=True)
    resolution_on: date | None = None
    resolution_no: str | None = None
    decision_no: str
    decision_on: date = Field(index=True)


class Paper(SQLModel, table=True):
    """A paper of an admission dossier (hồ sơ kết nạp), as entered: its form's code (``1-KNĐ``), date,
    number, who made it, and where its scan is (a path or a reference: scans are not stored here).

    A candidate's papers carry ``candidate_id``; a member's, ``member_id``; a paper entered for a member whose
    admission was recorded here carries both. Papers that a workflow step records (the application,
    the cell's resolution…) are read from the step's record, not stored: see domain.dossier."""

    __tablename__ = "paper"
    __table_args__ = (
        sa.CheckConstraint("candidate_id IS NOT NULL OR member_id IS NOT NULL", name="has_person"),
    )

    id: int | None = Field(default=None, primary_key=True)
    candidate_id: int | None = Field(default=None, foreign_key="candidate.id", index=True)
    member_id: int | None = Field(default=None, foreign_key="member.id", index=True)
    form: str  # the code of the dossier's list (domain/dossier_vn.toml, or a local addition)
    on: date
    number: str | None = None
    author: str | None = None
    file: str | None = None


class Quota(SQLModel, table=True):
    """A year's admission target for an organisation (chỉ tiêu), with optional sub-targets."""

    __tablename__ = "quota"
    __table_args__ = (sa.UniqueConstraint("org_id", "year"),)

    id: int | None = Field(default=None, primary_key=True)
    org_id: int = Field(foreign_key="organisation.id")
    year: int
    target: int
    residential_target: int | None = None
    stretch_target: int | None = None


class QuotaMilestone(SQLModel, table=True):
    """A step of a quota's roadmap: ``target`` admissions due by the end of ``period`` (2022-Q1, 2022-03)."""

    __tablename__ = "quota_milestone"
    __table_args__ = (sa.UniqueConstraint("quota_id", "period"),)

    id: int | None = Field(default=None, primary_key=True)
    quota_id: int = Field(foreign_key="quota.id")
    period: str
    due_on: date
    target: int


class ChangeLog(SQLModel, table=True):
    """Append-only record of every insert, update and delete made through the tool."""

    __tablename__ = "change_log"
    __table_args__ = (
        _check_in("action", ("insert", "update", "delete")),
        sa.Index("ix_change_log_entity_entity_id", "entity", "entity_id"),
        sa.Index("ix_change_log_entity_last_entity_id", "entity", "last_entity_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)  # UTC
    os_user: str
    # The database login that made the change, on PostgreSQL (a trigger sets it there, so it cannot be
    # forged); empty on SQLite, where the file is the boundary.
    db_user: str | None = None
    action: str
    entity: str
    entity_id: int
    before: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    after: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    # A batch entry (a large import): the rows ``entity_id`` to ``last_entity_id`` were created from the file
    # ``source`` names ({"file", "sha256", "rows"}); their values are the rows' own, less later updates.
    last_entity_id: int | None = None
    source: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)


class AccessGrant(SQLModel, table=True):
    """A PostgreSQL login's grant: it reads (``viewer``) or also writes (``officer``) the subtree of
    ``org_id``, or manages the whole database (``admin``, no organisation). The row-level security policies
    of the people's tables read these rows (see :mod:`dangvien_cli.store.access`)."""

    __tablename__ = "access_grant"
    __table_args__ = (_check_in("role", AccessRole), sa.UniqueConstraint("login", "org_id"))

    id: int | None = Field(default=None, primary_key=True)
    login: str = Field(index=True)
    org_id: int | None = Field(default=None, foreign_key="organisation.id")
    role: str
    granted_at: datetime  # UTC
    granted_by: str  # the database login that granted it


FIRST_TABLES = (
    "organisation",
    "org_closure",
    "member",
    "membership",
    "candidate",
    "remark",
    "admission",
    "quota",
    "quota_milestone",
    "change_log",
)
"""The tables every revision of the schema has (what makes a file a dangvien database, of any version)."""

TABLES = (
    "organisation",
    "org_closure",
    "org_version",
    "org_lineage",
    "org_closure_span",
    "member",
    "membership",
    "candidate",
    "candidate_move",
    "remark",
    "admission",
    "paper",
    "quota",
    "quota_milestone",
    "change_log",
    "access_grant",
)

"""The queries behind ``export``: each list's rows as dicts keyed by the import format's canonical headers,
with ISO dates, in a stable order, read as they stood on a day when one is given.

People are named as a file names them (mentors, introducers, review authors): by citizen ID where they have
one, else by full name and birth date (:func:`member_ref`), which the importer reads back. Members stream
through a server-side cursor on PostgreSQL (a million rows never sit in memory), closed however the reading
ends.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.store.models import (
    Candidate,
    Member,
    Membership,
    Organisation,
    Quota,
    QuotaMilestone,
    Remark,
)
from dangvien_cli.store.orgs import get_org, list_orgs, subtree_ids
from dangvien_cli.store.papers import paper_rows

ExportRow = dict[str, Any]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def member_ref(member: Member | None) -> str | None:
    """How a file names a member (a mentor, an introducer, a remark's author): the citizen ID, or else the
    full name with the birth date, "Lê Văn Hùng (20/11/1971)", which the importer reads back (two people may
    share a name; both the name and the day they were born, far more rarely)."""
    if member is None:
        return None
    if member.citizen_id:
        return member.citizen_id
    return f"{member.full_name} ({member.birth_date.strftime('%d/%m/%Y')})"


def _person_fields(person: Member | Candidate) -> ExportRow:
    return {
        "citizen_id": person.citizen_id,
        "full_name": person.full_name,
        "family_name": person.family_name,
        "middle_name": person.middle_name or None,
        "given_name": person.given_name,
        "gender": person.gender,
        "birth_date": person.birth_date.isoformat(),
    }


def _extra_fields(person: Member | Candidate) -> ExportRow:
    return {
        "ethnicity": person.ethnicity,
        "religion": person.religion,
        "education": person.education,
        "education_level": person.education_level,
        "occupation": person.occupation,
        "youth_union": person.youth_union,
    }


def _subtree(session: Session, org_code: str | None) -> Any:
    if org_code is None:
        return None
    org = get_org(session=session, code=org_code)
    assert org.id is not None
    return subtree_ids(org.id)


def org_rows(*, session: Session, org_code: str | None, on: date | None) -> Generator[ExportRow, None, None]:
    """The organisations of a subtree, in tree order (the tree has no history: ``on`` changes nothing)."""
    for org in list_orgs(session=session, under=org_code):
        yield {
            "code": org.code,
            "name": org.name,
            "kind": org.kind,
            "parent": org.parent,
            "place": org.place,
            "population": org.population,
        }


def member_rows(
    *, session: Session, org_code: str | None, on: date | None
) -> Generator[ExportRow, None, None]:
    """Members by name, each in their cell: on ``on``, the membership covering it (or the last one, for
    someone who had left); without a day, the latest membership. Steps after ``on`` are left out."""
    latest = select(Membership.cell_id).where(Membership.member_id == Member.id)
    if on is not None:
        latest = latest.where(Membership.start_on <= on)
    cell_id = (
        latest.order_by(col(Membership.start_on).desc(), col(Membership.id).desc())
        .limit(1)
        .correlate(Member)
        .scalar_subquery()
    )
    statement = select(Member, Organisation.code).join(Organisation, col(Organisation.id) == cell_id)
    if on is not None:
        statement = statement.where(Member.admitted_on <= on)
    subtree = _subtree(session, org_code)
    if subtree is not None:
        statement = statement.where(col(Organisation.id).in_(subtree))
    statement = statement.order_by(col(Member.name_sort), col(Member.id))

    def as_of(day: date | None) -> str | None:
        return _iso(day) if day is not None and (on is None or day <= on) else None

    # A server-side cursor on PostgreSQL: closed even when the writer stops half-way (a refused value)
    result = session.execute(statement.execution_options(yield_per=2000))
    try:
        for member, cell in result:
            left_on = as_of(member.left_on)
            yield {
                **_person_fields(member),
                "cell": cell,
                "admitted_on": member.admitted_on.isoformat(),
                "decision_no": member.decision_no,
                "ceremony_on": as_of(member.ceremony_on),
                "decision_received_on": as_of(member.decision_received_on),
                "official_on": as_of(member.official_on),
                "left_on": left_on,
                "left_reason": member.left_reason if left_on else None,
                **_extra_fields(member),
            }
    finally:
        result.close()


def candidate_rows(
    *, session: Session, org_code: str | None, on: date | None
) -> Generator[ExportRow, None, None]:
    """Candidates by name, with their mentor and introducers named as a file names people."""
    mentor = sa.orm.aliased(Member)
    first = sa.orm.aliased(Member)
    second = sa.orm.aliased(Member)
    statement = (
        sa.select(Candidate, col(Organisation.code), mentor, first, second)
        .join(Organisation, col(Organisation.id) == Candidate.cell_id)
        .join(mentor, col(mentor.id) == Candidate.mentor_id, isouter=True)
        .join(first, col(first.id) == Candidate.introducer_1_id, isouter=True)
        .join(second, col(second.id) == Candidate.introducer_2_id, isouter=True)
    )
    if on is not None:
        statement = statement.where(col(Candidate.identified_on) <= on)
    subtree = _subtree(session, org_code)
    if subtree is not None:
        statement = statement.where(col(Candidate.cell_id).in_(subtree))
    statement = statement.order_by(col(Candidate.name_sort), col(Candidate.id))
    for candidate, cell, mentor_row, first_row, second_row in session.execute(statement):
        yield {
            **_person_fields(candidate),
            "cell": cell,
            "source": candidate.source,
            "identified_on": candidate.identified_on.isoformat(),
            "stage": candidate.stage,
            "mentor": member_ref(mentor_row),
            "mentor_assigned_on": _iso(candidate.mentor_assigned_on),
            "trained_on": _iso(candidate.certificate_on),
            "certificate_no": candidate.certificate_no,
            "applied_on": _iso(candidate.applied_on),
            "introducer_1": member_ref(first_row),
            "introducer_2": member_ref(second_row),
            "youth_union_introduces": candidate.youth_union_introduces,
            "trade_union_introduces": candidate.trade_union_introduces,
            "education_exception": candidate.education_exception,
            "proposed_on": _iso(candidate.proposed_on),
            "resolution_no": candidate.resolution_no,
            "dropped_on": _iso(candidate.dropped_on),
            "drop_reason": candidate.drop_reason,
            **_extra_fields(candidate),
        }


def review_rows(
    *, session: Session, org_code: str | None, on: date | None
) -> Generator[ExportRow, None, None]:
    """The mentors' remarks, by candidate and date; a candidate without a citizen ID is named with the
    birth date beside the name."""
    author = sa.orm.aliased(Member)
    statement = (
        sa.select(
            Remark, col(Candidate.citizen_id), col(Candidate.full_name), col(Candidate.birth_date), author
        )
        .join(Candidate, col(Candidate.id) == Remark.candidate_id)
        .join(author, col(author.id) == Remark.author_id)
    )
    if on is not None:
        statement = statement.where(col(Remark.remarked_on) <= on)
    subtree = _subtree(session, org_code)
    if subtree is not None:
        statement = statement.where(col(Candidate.cell_id).in_(subtree))
    statement = statement.order_by(col(Candidate.name_sort), col(Remark.remarked_on), col(Remark.id))
    for remark, c_id, c_name, c_born, author_row in session.execute(statement):
        yield {
            "candidate": c_id or c_name,
            "candidate_birth_date": None if c_id else c_born.isoformat(),
            "author": member_ref(author_row),
            "date": remark.remarked_on.isoformat(),
            "text": remark.text,
        }


def quota_rows(
    *, session: Session, org_code: str | None, on: date | None
) -> Generator[ExportRow, None, None]:
    """The quotas by year and organisation, their milestones as ``2022-06=6; 2022-10=13``."""
    statement = select(Quota, Organisation.code).join(Organisation, col(Organisation.id) == Quota.org_id)
    if on is not None:
        statement = statement.where(Quota.year <= on.year)
    subtree = _subtree(session, org_code)
    if subtree is not None:
        statement = statement.where(col(Quota.org_id).in_(subtree))
    statement = statement.order_by(col(Quota.year), col(Organisation.code))
    for quota, code in session.execute(statement):
        milestones = session.exec(
            select(QuotaMilestone)
            .where(QuotaMilestone.quota_id == quota.id)
            .order_by(col(QuotaMilestone.due_on))
        ).all()
        yield {
            "org": code,
            "year": quota.year,
            "target": quota.target,
            "residential_target": quota.residential_target,
            "stretch_target": quota.stretch_target,
            "milestones": "; ".join(f"{m.period}={m.target}" for m in milestones) or None,
        }


EXPORTS: dict[str, Callable[..., Generator[ExportRow, None, None]]] = {
    "orgs": org_rows,
    "members": member_rows,
    "candidates": candidate_rows,
    "reviews": review_rows,
    "quotas": quota_rows,
    "papers": paper_rows,
}
"""Each exportable list's query, by the list's name (as ``export`` and ``import`` name them)."""

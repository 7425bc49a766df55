"""Members and candidates: adding them, moving members, their leaving, and the lists and records.

Each function takes a keyword-only ``session`` and leaves the commit to its caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.domain.people import PersonName, check_candidate_dates, check_member_dates
from dangvien_cli.domain.settings import DEFAULT_SETTINGS, Settings
from dangvien_cli.errors import Conflict, InvalidValue, NotFound
from dangvien_cli.store.changelog import log_insert, log_update, snapshot
from dangvien_cli.store.models import (
    LEFT_REASONS,
    SOURCES,
    STAGES,
    Admission,
    Candidate,
    Member,
    Membership,
    Organisation,
    Remark,
)
from dangvien_cli.store.orgs import ACTIVE_STAGES, check_member_unit, get_org, membership_at, subtree_ids

MEMBER_STATUSES = ("probationary", "official", "left")


@dataclass(frozen=True)
class PersonDetails:
    """The personal fields shared by members and candidates, already parsed."""

    name: PersonName
    gender: str
    birth_date: date
    citizen_id: str | None = None
    ethnicity: str | None = None
    religion: str | None = None
    education: str | None = None
    occupation: str | None = None
    youth_union: bool = False

    def as_fields(self) -> dict[str, Any]:
        return {
            **self.name.as_fields(),
            "gender": self.gender,
            "birth_date": self.birth_date,
            "citizen_id": self.citizen_id,
            "ethnicity": self.ethnicity,
            "religion": self.religion,
            "education": self.education,
            "occupation": self.occupation,
            "youth_union": self.youth_union,
        }


def is_current(table: type[Member] | type[Candidate]) -> sa.ColumnElement[bool]:
    """A member who has not left; a candidate still on the way. Citizen IDs are unique among these."""
    if table is Member:
        return col(Member.left_on).is_(None)
    return col(Candidate.stage).in_(ACTIVE_STAGES)


def _check_citizen_id_free(
    *, session: Session, citizen_id: str | None, table: type[Member | Candidate]
) -> None:
    if citizen_id is None:
        return
    taken = session.exec(select(table.id).where(table.citizen_id == citizen_id, is_current(table))).first()
    if taken is not None:
        raise Conflict("citizen_id", citizen_id, "citizen_id.duplicate", entity=table.__tablename__, id=taken)


# --- members ---------------------------------------------------------------------------------------


def add_member(
    *,
    session: Session,
    person: PersonDetails,
    cell_code: str,
    admitted_on: date,
    today: date,
    decision_no: str | None = None,
    ceremony_on: date | None = None,
    official_on: date | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> Member:
    """Record a member admitted on ``admitted_on`` (the decision date) into ``cell_code``."""
    check_member_dates(
        birth_date=person.birth_date,
        admitted_on=admitted_on,
        ceremony_on=ceremony_on,
        official_on=official_on,
        today=today,
        settings=settings,
    )
    cell = check_member_unit(session=session, code=cell_code)
    _check_citizen_id_free(session=session, citizen_id=person.citizen_id, table=Member)

    member = Member(
        **person.as_fields(),
        admitted_on=admitted_on,
        decision_no=decision_no,
        ceremony_on=ceremony_on,
        official_on=official_on,
    )
    session.add(member)
    session.flush()
    assert member.id is not None and cell.id is not None
    membership = Membership(member_id=member.id, cell_id=cell.id, start_on=admitted_on)
    session.add(membership)
    session.flush()
    log_insert(session=session, entity="member", record=member)
    log_insert(session=session, entity="membership", record=membership)
    return member


def get_member(*, session: Session, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None:
        raise NotFound("member_id", member_id, "member.not_found")
    return member


def _latest_membership(*, session: Session, member_id: int) -> Membership:
    latest = session.exec(
        select(Membership)
        .where(Membership.member_id == member_id)
        .order_by(col(Membership.start_on).desc(), col(Membership.id).desc())
    ).first()
    assert latest is not None, "every member has a membership"
    return latest


def move_member(*, session: Session, member_id: int, to_code: str, on: date) -> Membership:
    """Move a member to another cell from ``on``: close the current membership, open the new one."""
    member = get_member(session=session, member_id=member_id)
    if member.left_on is not None:
        raise Conflict("member_id", member_id, "member.already_left", left_on=member.left_on.isoformat())
    current = _latest_membership(session=session, member_id=member_id)
    if on <= current.start_on:
        raise InvalidValue(
            "date", on.isoformat(), "member.move_before_current", start_on=current.start_on.isoformat()
        )
    cell = check_member_unit(session=session, code=to_code, field="to")
    if cell.id == current.cell_id:
        raise InvalidValue("to", to_code, "member.same_cell")
    before = snapshot(current)
    current.end_on = on
    session.add(current)
    assert cell.id is not None
    moved = Membership(member_id=member_id, cell_id=cell.id, start_on=on)
    session.add(moved)
    session.flush()
    log_update(session=session, entity="membership", before=before, record=current)
    log_insert(session=session, entity="membership", record=moved)
    return moved


def leave_member(*, session: Session, member_id: int, reason: str, on: date) -> Member:
    """Record that a member left on ``on`` (transfer out, death, removal, expulsion)."""
    if reason not in LEFT_REASONS:
        raise InvalidValue("reason", reason, "value.choice", choices=", ".join(LEFT_REASONS))
    member = get_member(session=session, member_id=member_id)
    if member.left_on is not None:
        raise Conflict("member_id", member_id, "member.already_left", left_on=member.left_on.isoformat())
    current = _latest_membership(session=session, member_id=member_id)
    if on < current.start_on:
        raise InvalidValue(
            "date", on.isoformat(), "member.leave_before_current", start_on=current.start_on.isoformat()
        )
    before_member, before_membership = snapshot(member), snapshot(current)
    member.left_on, member.left_reason = on, reason
    current.end_on = on
    session.add(member)
    session.add(current)
    session.flush()
    log_update(session=session, entity="member", before=before_member, record=member)
    log_update(session=session, entity="membership", before=before_membership, record=current)
    return member


def status_on(on: date) -> sa.ColumnElement[str]:
    """SQL for a member's status on ``on``: probationary, official or left."""
    return sa.case(
        (sa.and_(col(Member.left_on).is_not(None), col(Member.left_on) <= on), "left"),
        (sa.and_(col(Member.official_on).is_not(None), col(Member.official_on) <= on), "official"),
        else_="probationary",
    )


def member_status(member: Member, on: date) -> str | None:
    """The same as :func:`status_on`, for one loaded member (``None`` before admission)."""
    if member.admitted_on > on:
        return None
    if member.left_on is not None and member.left_on <= on:
        return "left"
    if member.official_on is not None and member.official_on <= on:
        return "official"
    return "probationary"


def _person_dict(person: Member | Candidate, cell_code: str | None) -> dict[str, Any]:
    return {
        "id": person.id,
        "full_name": person.full_name,
        "family_name": person.family_name,
        "middle_name": person.middle_name,
        "given_name": person.given_name,
        "gender": person.gender,
        "birth_date": person.birth_date.isoformat(),
        "citizen_id": person.citizen_id,
        "cell": cell_code,
        "ethnicity": person.ethnicity,
        "religion": person.religion,
        "education": person.education,
        "occupation": person.occupation,
        "youth_union": person.youth_union,
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def member_dict(member: Member, cell_code: str | None, on: date) -> dict[str, Any]:
    """A member as JSON: English keys, ISO dates."""
    return {
        **_person_dict(member, cell_code),
        "status": member_status(member, on),
        "admitted_on": member.admitted_on.isoformat(),
        "decision_no": member.decision_no,
        "ceremony_on": _iso(member.ceremony_on),
        "official_on": _iso(member.official_on),
        "left_on": _iso(member.left_on),
        "left_reason": member.left_reason,
    }


def list_members(
    *, session: Session, on: date, org_code: str | None = None, status: str | None = None
) -> list[dict[str, Any]]:
    """Members on ``on`` (in a subtree, with a status), in Vietnamese order.

    Without ``status``: everyone who belonged to a cell that day. With ``left``: everyone who had left by
    then, shown in the cell they left from.
    """
    if status is not None and status not in MEMBER_STATUSES:
        raise InvalidValue("status", status, "value.choice", choices=", ".join(MEMBER_STATUSES))
    member_status_sql = status_on(on)
    query = (
        select(Member, Organisation.code)
        .join(Membership, col(Membership.member_id) == Member.id)
        .join(Organisation, col(Organisation.id) == Membership.cell_id)
    )
    if status == "left":
        last_start = (
            select(sa.func.max(Membership.start_on))
            .where(Membership.member_id == Member.id)
            .correlate(Member)
            .scalar_subquery()
        )
        query = query.where(member_status_sql == "left", Membership.start_on == last_start)
    else:
        query = query.where(membership_at(on))
        if status is not None:
            query = query.where(member_status_sql == status)
    if org_code is not None:
        org = get_org(session=session, code=org_code)
        assert org.id is not None
        query = query.where(col(Membership.cell_id).in_(subtree_ids(org.id)))
    query = query.order_by(col(Member.name_sort), col(Member.id))
    return [member_dict(m, code, on) for m, code in session.execute(query)]


def show_member(*, session: Session, member_id: int, on: date) -> dict[str, Any]:
    """One member with the history of the cells they belonged to."""
    member = get_member(session=session, member_id=member_id)
    history = session.execute(
        select(Membership, Organisation.code)
        .join(Organisation, col(Organisation.id) == Membership.cell_id)
        .where(Membership.member_id == member_id)
        .order_by(col(Membership.start_on), col(Membership.id))
    ).all()
    current = next((code for m, code in reversed(history) if m.start_on <= on), history[-1][1])
    record = member_dict(member, current, on)
    record["memberships"] = [
        {"cell": code, "start_on": m.start_on.isoformat(), "end_on": _iso(m.end_on)} for m, code in history
    ]
    return record


# --- candidates ------------------------------------------------------------------------------------


def add_candidate(
    *,
    session: Session,
    person: PersonDetails,
    cell_code: str,
    source: str,
    identified_on: date,
    today: date,
) -> Candidate:
    """Record a candidate (quần chúng ưu tú) identified by a cell from a source."""
    if source not in SOURCES:
        raise InvalidValue("source", source, "value.choice", choices=", ".join(SOURCES))
    check_candidate_dates(birth_date=person.birth_date, identified_on=identified_on, today=today)
    cell = check_member_unit(session=session, code=cell_code)
    _check_citizen_id_free(session=session, citizen_id=person.citizen_id, table=Candidate)
    if person.citizen_id is not None:
        member_id = session.exec(
            select(Member.id).where(Member.citizen_id == person.citizen_id, col(Member.left_on).is_(None))
        ).first()
        if member_id is not None:
            raise Conflict("citizen_id", person.citizen_id, "candidate.already_member", id=member_id)
    assert cell.id is not None
    candidate = Candidate(**person.as_fields(), cell_id=cell.id, source=source, identified_on=identified_on)
    session.add(candidate)
    session.flush()
    log_insert(session=session, entity="candidate", record=candidate)
    return candidate


def get_candidate(*, session: Session, candidate_id: int) -> Candidate:
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        raise NotFound("candidate_id", candidate_id, "candidate.not_found")
    return candidate


def candidate_dict(candidate: Candidate, cell_code: str, mentor_name: str | None = None) -> dict[str, Any]:
    """A candidate as JSON: English keys, ISO dates."""
    return {
        **_person_dict(candidate, cell_code),
        "source": candidate.source,
        "stage": candidate.stage,
        "identified_on": candidate.identified_on.isoformat(),
        "mentor": candidate.mentor_id,
        "mentor_name": mentor_name,
        "mentor_assigned_on": _iso(candidate.mentor_assigned_on),
        "trained_on": _iso(candidate.certificate_on),
        "certificate_no": candidate.certificate_no,
        "applied_on": _iso(candidate.applied_on),
        "introducers": [i for i in (candidate.introducer_1_id, candidate.introducer_2_id) if i is not None],
        "youth_union_introduces": candidate.youth_union_introduces,
        "proposed_on": _iso(candidate.proposed_on),
        "resolution_no": candidate.resolution_no,
        "dropped_on": _iso(candidate.dropped_on),
        "drop_reason": candidate.drop_reason,
    }


def list_candidates(
    *, session: Session, org_code: str | None = None, stage: str | None = None
) -> list[dict[str, Any]]:
    """Candidates in a subtree; by default those still on the way (not admitted, not dropped)."""
    if stage is not None and stage not in STAGES:
        raise InvalidValue("stage", stage, "value.choice", choices=", ".join(STAGES))
    mentor = sa.orm.aliased(Member)
    query = (
        select(Candidate, Organisation.code, mentor.full_name)
        .join(Organisation, col(Organisation.id) == Candidate.cell_id)
        .join(mentor, col(mentor.id) == Candidate.mentor_id, isouter=True)
    )
    if stage is not None:
        query = query.where(Candidate.stage == stage)
    else:
        query = query.where(col(Candidate.stage).in_(ACTIVE_STAGES))
    if org_code is not None:
        org = get_org(session=session, code=org_code)
        assert org.id is not None
        query = query.where(col(Candidate.cell_id).in_(subtree_ids(org.id)))
    query = query.order_by(col(Candidate.name_sort), col(Candidate.id))
    return [candidate_dict(c, code, name) for c, code, name in session.execute(query)]


def show_candidate(*, session: Session, candidate_id: int) -> dict[str, Any]:
    """One candidate with the mentor's remarks."""
    candidate = get_candidate(session=session, candidate_id=candidate_id)
    cell = session.get(Organisation, candidate.cell_id)
    mentor = session.get(Member, candidate.mentor_id) if candidate.mentor_id else None
    assert cell is not None
    record = candidate_dict(candidate, cell.code, mentor.full_name if mentor else None)
    remarks = session.execute(
        select(Remark, Member.full_name)
        .join(Member, col(Member.id) == Remark.author_id)
        .where(Remark.candidate_id == candidate_id)
        .order_by(col(Remark.remarked_on), col(Remark.id))
    ).all()
    admission = session.exec(select(Admission).where(Admission.candidate_id == candidate_id)).first()
    record["admission"] = (
        {
            "member_id": admission.member_id,
            "decision_no": admission.decision_no,
            "decision_on": admission.decision_on.isoformat(),
        }
        if admission
        else None
    )
    record["stage_history"] = stage_history(candidate, admission.decision_on if admission else None)
    record["remarks"] = [
        {"date": r.remarked_on.isoformat(), "author": r.author_id, "author_name": name, "text": r.text}
        for r, name in remarks
    ]
    return record


def stage_history(candidate: Candidate, decision_on: date | None) -> list[dict[str, str]]:
    """The dated steps a candidate has taken, in order."""
    steps = [
        ("identified", candidate.identified_on),
        ("mentored", candidate.mentor_assigned_on),
        ("trained", candidate.certificate_on),
        ("applied", candidate.applied_on),
        ("proposed", candidate.proposed_on),
        ("admitted", decision_on),
        ("dropped", candidate.dropped_on),
    ]
    return [{"stage": stage, "date": day.isoformat()} for stage, day in steps if day is not None]




def stage_on(candidate: Candidate, on: date) -> str:
    """The stage a candidate had reached on ``on``, from the dates of the steps."""
    for stage, day in (
        ("proposed", candidate.proposed_on),
        ("applied", candidate.applied_on),
        ("trained", candidate.certificate_on),
        ("mentored", candidate.mentor_assigned_on),
    ):
        if day is not None and day <= on:
            return stage
    return "identified"

"""Members and candidates: adding them, moving members, their leaving, and the lists and records.

Each function takes a keyword-only ``session`` and leaves the commit to its caller. Lists and records come
back as the frozen records of :mod:`dangvien_cli.store.records`, each with its JSON.
"""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.domain.people import PersonDetails, check_candidate_dates, check_member_dates
from dangvien_cli.domain.settings import Settings
from dangvien_cli.domain.stages import ACTIVE_STAGES, STEP_DATE_FIELD
from dangvien_cli.domain.vocab import LeftReason, MemberStatus, OrgChange, Source, Stage
from dangvien_cli.errors import Conflict, InvalidValue, NotFound
from dangvien_cli.store.changelog import log_insert, log_update, snapshot
from dangvien_cli.store.models import (
    Admission,
    Candidate,
    CandidateMove,
    Member,
    Membership,
    Organisation,
    Remark,
)
from dangvien_cli.store.orgs import check_member_unit, check_open_unit, get_org, membership_at, subtree_ids
from dangvien_cli.store.records import (
    AdmissionRef,
    CandidateDetail,
    CandidateRecord,
    MemberDetail,
    MemberRecord,
    MembershipSpell,
    RemarkRecord,
    StageStep,
    rule_facts_of,
)
from dangvien_cli.store.tree import orgs_on, subtree_at

_ACTIVE_CODES = tuple(stage.value for stage in ACTIVE_STAGES)


def is_current(table: type[Member] | type[Candidate]) -> sa.ColumnElement[bool]:
    """A member who has not left; a candidate still on the way. Citizen IDs are unique among these."""
    if table is Member:
        return col(Member.left_on).is_(None)
    return col(Candidate.stage).in_(_ACTIVE_CODES)


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
    settings: Settings,
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
    check_open_unit(cell)
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
    assert member.id is not None
    assert cell.id is not None
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
        raise Conflict("member_id", member_id, "member.already_left", left_on=member.left_on)
    current = _latest_membership(session=session, member_id=member_id)
    if on <= current.start_on:
        raise InvalidValue("date", on.isoformat(), "member.move_before_current", start_on=current.start_on)
    cell = check_member_unit(session=session, code=to_code, field="to")
    check_open_unit(cell, "to", on)
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
    """Record that a member left on ``on`` for a :class:`LeftReason` (transfer, death, removal, expulsion)."""
    left_reason = LeftReason.checked("reason", reason)
    member = get_member(session=session, member_id=member_id)
    if member.left_on is not None:
        raise Conflict("member_id", member_id, "member.already_left", left_on=member.left_on)
    current = _latest_membership(session=session, member_id=member_id)
    if on < current.start_on:
        raise InvalidValue("date", on.isoformat(), "member.leave_before_current", start_on=current.start_on)
    before_member, before_membership = snapshot(member), snapshot(current)
    member.left_on, member.left_reason = on, left_reason.value
    current.end_on = on
    session.add(member)
    session.add(current)
    session.flush()
    log_update(session=session, entity="member", before=before_member, record=member)
    log_update(session=session, entity="membership", before=before_membership, record=current)
    return member


def status_on(on: date) -> sa.ColumnElement[str]:
    """SQL for a member's status on ``on``: probationary, official or left (the rule of
    :func:`dangvien_cli.store.records.member_status`, for a whole query)."""
    return sa.case(
        (sa.and_(col(Member.left_on).is_not(None), col(Member.left_on) <= on), MemberStatus.left.value),
        (
            sa.and_(col(Member.official_on).is_not(None), col(Member.official_on) <= on),
            MemberStatus.official.value,
        ),
        else_=MemberStatus.probationary.value,
    )


def list_members(
    *, session: Session, on: date, org_code: str | None = None, status: str | None = None
) -> list[MemberRecord]:
    """Members on ``on`` (in a subtree, with a :class:`MemberStatus`), in Vietnamese order.

    Without ``status``: everyone who belonged to a cell that day. With ``left``: everyone who had left by
    then, shown in the cell they left from.
    """
    wanted = MemberStatus.checked("status", status) if status is not None else None
    member_status_sql = status_on(on)
    query = (
        select(Member, Organisation.code)
        .join(Membership, col(Membership.member_id) == Member.id)
        .join(Organisation, col(Organisation.id) == Membership.cell_id)
    )
    if wanted is MemberStatus.left:
        last_start = (
            select(sa.func.max(Membership.start_on))
            .where(Membership.member_id == Member.id)
            .correlate(Member)
            .scalar_subquery()
        )
        query = query.where(member_status_sql == wanted.value, Membership.start_on == last_start)
    else:
        query = query.where(membership_at(on))
        if wanted is not None:
            query = query.where(member_status_sql == wanted.value)
    if org_code is not None:
        org = get_org(session=session, code=org_code)
        assert org.id is not None
        query = query.where(col(Membership.cell_id).in_(subtree_at(org.id, on)))  # the tree as of that day
    query = query.order_by(col(Member.name_sort), col(Member.id))
    return [MemberRecord.from_row(m, code, on) for m, code in session.execute(query)]


def show_member(*, session: Session, member_id: int, on: date) -> MemberDetail:
    """One member with the history of the cells they belonged to."""
    member = get_member(session=session, member_id=member_id)
    history = session.execute(
        select(Membership, Organisation.code)
        .join(Organisation, col(Organisation.id) == Membership.cell_id)
        .where(Membership.member_id == member_id)
        .order_by(col(Membership.start_on), col(Membership.id))
    ).all()
    current = next((code for m, code in reversed(history) if m.start_on <= on), history[-1][1])
    spells = [(m.cell_id, m.start_on, m.end_on, m.reason) for m, _ in history]
    return MemberDetail(
        **MemberRecord.fields_of(member, current, on),
        memberships=_named_spells(session=session, spells=spells, today=on),
    )


def _named_spells(
    *, session: Session, spells: list[tuple[int, date, date | None, str | None]], today: date
) -> tuple[MembershipSpell, ...]:
    """Spells in cells, each with the cell's code and its name as it was on the spell's last day."""
    named = []
    for cell_id, start_on, end_on, reason in spells:
        last_day = end_on - timedelta(days=1) if end_on is not None and end_on > start_on else None
        then = orgs_on(session=session, on=last_day or max(start_on, today), ids=[cell_id])[cell_id]
        change = OrgChange(reason) if reason else None
        named.append(MembershipSpell(then.code, start_on, end_on, then.name, change))
    return tuple(named)


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
    """Record a candidate (quần chúng ưu tú) identified by a cell from a :class:`Source`."""
    candidate_source = Source.checked("source", source)
    check_candidate_dates(birth_date=person.birth_date, identified_on=identified_on, today=today)
    cell = check_member_unit(session=session, code=cell_code)
    check_open_unit(cell)
    _check_citizen_id_free(session=session, citizen_id=person.citizen_id, table=Candidate)
    if person.citizen_id is not None:
        member_id = session.exec(
            select(Member.id).where(Member.citizen_id == person.citizen_id, col(Member.left_on).is_(None))
        ).first()
        if member_id is not None:
            raise Conflict("citizen_id", person.citizen_id, "candidate.already_member", id=member_id)
    assert cell.id is not None
    candidate = Candidate(
        **person.as_fields(), cell_id=cell.id, source=candidate_source.value, identified_on=identified_on
    )
    session.add(candidate)
    session.flush()
    log_insert(session=session, entity="candidate", record=candidate)
    return candidate


def get_candidate(*, session: Session, candidate_id: int) -> Candidate:
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        raise NotFound("candidate_id", candidate_id, "candidate.not_found")
    return candidate


def list_candidates(
    *, session: Session, org_code: str | None = None, stage: str | None = None
) -> list[CandidateRecord]:
    """Candidates in a subtree at a :class:`Stage`; by default those still on the way (not admitted, not
    dropped)."""
    wanted = Stage.checked("stage", stage) if stage is not None else None
    mentor = sa.orm.aliased(Member)
    query = (
        select(Candidate, Organisation.code, mentor.full_name)
        .join(Organisation, col(Organisation.id) == Candidate.cell_id)
        .join(mentor, col(mentor.id) == Candidate.mentor_id, isouter=True)
    )
    if wanted is not None:
        query = query.where(Candidate.stage == wanted.value)
    else:
        query = query.where(is_current(Candidate))
    if org_code is not None:
        org = get_org(session=session, code=org_code)
        assert org.id is not None
        query = query.where(col(Candidate.cell_id).in_(subtree_ids(org.id)))
    query = query.order_by(col(Candidate.name_sort), col(Candidate.id))
    return [CandidateRecord.from_row(c, code, name) for c, code, name in session.execute(query)]


def show_candidate(*, session: Session, candidate_id: int) -> CandidateDetail:
    """One candidate with the admission, the dated steps and the mentor's remarks."""
    candidate = get_candidate(session=session, candidate_id=candidate_id)
    cell = session.get(Organisation, candidate.cell_id)
    mentor = session.get(Member, candidate.mentor_id) if candidate.mentor_id else None
    assert cell is not None
    remarks = session.execute(
        select(Remark, Member.full_name)
        .join(Member, col(Member.id) == Remark.author_id)
        .where(Remark.candidate_id == candidate_id)
        .order_by(col(Remark.remarked_on), col(Remark.id))
    ).all()
    admission = session.exec(select(Admission).where(Admission.candidate_id == candidate_id)).first()
    return CandidateDetail(
        **CandidateRecord.fields_of(candidate, cell.code, mentor.full_name if mentor else None),
        admission=(
            AdmissionRef(admission.member_id, admission.decision_no, admission.decision_on)
            if admission
            else None
        ),
        stage_history=stage_history(candidate, admission.decision_on if admission else None),
        remarks=tuple(RemarkRecord(r.remarked_on, r.author_id, name, r.text) for r, name in remarks),
        rule_facts=rule_facts_of(candidate),
        cell_history=_candidate_cells(session=session, candidate=candidate),
    )


def _candidate_cells(*, session: Session, candidate: Candidate) -> tuple[MembershipSpell, ...]:
    """The cells a candidate belonged to: from identification to each move by the tree, then the cell now."""
    moves = session.exec(
        select(CandidateMove)
        .where(CandidateMove.candidate_id == candidate.id)
        .order_by(col(CandidateMove.on), col(CandidateMove.id))
    ).all()
    spells: list[tuple[int, date, date | None, str | None]] = []
    start, reason = candidate.identified_on, None
    for move in moves:
        spells.append((move.from_cell_id, start, move.on, reason))
        start, reason = move.on, move.reason
    spells.append((candidate.cell_id, start, None, reason))
    return _named_spells(session=session, spells=spells, today=date.max)  # the open spell: its name now


def step_dates(candidate: Candidate) -> dict[Stage, date | None]:
    """The date of each step the candidate's record holds (``admitted`` is dated by the admission record):
    what :func:`dangvien_cli.domain.stages.stage_on` reads."""
    return {stage: getattr(candidate, field) for stage, field in STEP_DATE_FIELD.items()}


def stage_history(candidate: Candidate, decision_on: date | None) -> tuple[StageStep, ...]:
    """The dated steps a candidate has taken, in the order of the stages."""
    dates = {**step_dates(candidate), Stage.admitted: decision_on}
    return tuple(StageStep(stage, day) for stage in Stage if (day := dates.get(stage)) is not None)

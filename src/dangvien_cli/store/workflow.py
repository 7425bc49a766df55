"""The admission workflow: each step a dated record, taken in order, with the Party's rules checked.

identified → mentored → trained → applied → proposed → admitted (a probationary member) → ceremony →
recognised (official) or removed. A candidate can be dropped at any stage. A step taken out of order is
refused with the step that is missing. ``propose`` and ``admit`` refuse a candidate who fails a rule unless
the caller passes an override reason, which is logged with the failed rules.

Every function takes a keyword-only ``session`` and leaves the commit to the caller. Every step takes
``today`` too: a step records what happened, so a step dated after ``today`` is refused here, whoever calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.domain.dates import full_months
from dangvien_cli.domain.people import check_member_dates, check_not_future
from dangvien_cli.domain.rules import (
    CandidateFacts,
    IntroducerFacts,
    RuleResult,
    admission_rules,
    all_rules,
    check_deadlines,
    failures,
    probation_end,
)
from dangvien_cli.domain.settings import Settings
from dangvien_cli.domain.stages import CLOSED_STAGES, STAGE_ORDER, STEP_KEY, stage_index
from dangvien_cli.domain.vocab import LeftReason, OrgKind, Stage
from dangvien_cli.errors import Conflict, InvalidValue
from dangvien_cli.store.changelog import log_insert, log_update, record_change, snapshot
from dangvien_cli.store.models import (
    Admission,
    Candidate,
    Member,
    Membership,
    Organisation,
    OrgClosure,
    PersonFields,
    Remark,
)
from dangvien_cli.store.orgs import membership_at
from dangvien_cli.store.people import get_candidate, get_member
from dangvien_cli.store.remarks import add_remark, remark_text


class RulesFailed(InvalidValue):
    """A step refused because the candidate fails rules; ``results`` lists the failures."""

    def __init__(self, candidate_id: int, results: list[RuleResult]) -> None:
        codes = ", ".join(r.code for r in results)
        super().__init__(
            "candidate_id", candidate_id, "workflow.rules_failed", count=len(results), codes=codes
        )
        self.candidate_id = candidate_id
        self.results = results


@dataclass(frozen=True)
class StepResult:
    """What a step did: the rules it checked, and any it went ahead despite (with ``--override``)."""

    checked: list[RuleResult]
    overridden: list[RuleResult]


# --- facts from the records ----------------------------------------------------------------------------


def base_of(*, session: Session, org_id: int) -> Organisation:
    """The base organisation an organisation belongs to (itself for a base cell)."""
    query = (
        select(Organisation)
        .join(OrgClosure, col(OrgClosure.ancestor_id) == Organisation.id)
        .where(OrgClosure.descendant_id == org_id, Organisation.kind == OrgKind.base.value)
        .order_by(col(OrgClosure.depth))
    )
    base = session.exec(query).first()
    if base is None:  # a cell always sits under a base organisation; fall back to the unit itself
        found = session.get(Organisation, org_id)
        assert found is not None
        return found
    return base


def is_official_on(member: Member, on: date) -> bool:
    """An official member on ``on``: recognised by then, and not gone."""
    return (
        member.official_on is not None
        and member.official_on <= on
        and (member.left_on is None or member.left_on > on)
    )


def cell_on(*, session: Session, member_id: int, on: date) -> int | None:
    """The cell a member belonged to on ``on``."""
    return session.exec(
        select(Membership.cell_id).where(Membership.member_id == member_id, membership_at(on))
    ).first()


def months_in_base(*, session: Session, member_id: int, base_id: int, on: date) -> int:
    """Whole months a member had belonged, without a break, to cells of ``base_id`` up to ``on``."""
    in_base = select(OrgClosure.descendant_id).where(OrgClosure.ancestor_id == base_id)
    spells = session.exec(
        select(Membership)
        .where(
            Membership.member_id == member_id, col(Membership.cell_id).in_(in_base), Membership.start_on <= on
        )
        .order_by(col(Membership.start_on).desc())
    ).all()
    start: date | None = None
    for spell in spells:
        if start is None:
            if spell.end_on is not None and spell.end_on <= on:
                break  # not in the base organisation on the day
        elif spell.end_on != start:
            break  # a gap: only the unbroken stretch up to the day counts
        start = spell.start_on
    return full_months(start, on) if start is not None else 0


def official_count(*, session: Session, cell_id: int, on: date) -> int:
    """Official members of a cell on ``on``."""
    count: int = session.execute(
        select(sa.func.count())
        .select_from(Membership)
        .join(Member, col(Member.id) == Membership.member_id)
        .where(
            Membership.cell_id == cell_id,
            membership_at(on),
            col(Member.official_on).is_not(None),
            col(Member.official_on) <= on,
        )
    ).scalar_one()
    return count


def candidate_facts(*, session: Session, candidate: Candidate, at: date) -> CandidateFacts:
    """What the rules need to know of a candidate, as of ``at``."""
    base = base_of(session=session, org_id=candidate.cell_id)
    assert base.id is not None
    introducers: list[IntroducerFacts] = []
    applied_on = _known(candidate.applied_on, at)
    if applied_on is not None and candidate.applied_on is not None:
        for member_id in (candidate.introducer_1_id, candidate.introducer_2_id):
            if member_id is None:
                continue
            member = get_member(session=session, member_id=member_id)
            introducers.append(
                IntroducerFacts(
                    member_id=member_id,
                    official_on_application=is_official_on(member, candidate.applied_on),
                    months_in_base=months_in_base(
                        session=session, member_id=member_id, base_id=base.id, on=candidate.applied_on
                    ),
                )
            )
    mentor = session.get(Member, candidate.mentor_id) if candidate.mentor_id else None
    judged_on = candidate.proposed_on or at
    admission = session.exec(select(Admission).where(Admission.candidate_id == candidate.id)).first()
    admitted = session.get(Member, admission.member_id) if admission else None
    return CandidateFacts(
        at=at,
        birth_date=candidate.birth_date,
        identified_on=candidate.identified_on,
        youth_union=candidate.youth_union,
        proposed_on=candidate.proposed_on,
        age_exception=candidate.age_exception,
        certificate_on=_known(candidate.certificate_on, at),
        applied_on=applied_on,
        introducers=tuple(introducers),
        youth_union_introduces=candidate.youth_union_introduces,
        months_in_cell_at_application=(
            full_months(candidate.identified_on, applied_on) if applied_on else None
        ),
        mentor_id=candidate.mentor_id if _known(candidate.mentor_assigned_on, at) else None,
        mentor_official=is_official_on(mentor, judged_on) if mentor else None,
        votes_for=candidate.votes_for,
        official_members=candidate.official_members,
        cell_official_members=official_count(session=session, cell_id=candidate.cell_id, on=judged_on),
        decision_on=_known(admission.decision_on if admission else None, at),
        ceremony_on=_known(admitted.ceremony_on if admitted else None, at),
        recognized_on=_known(admitted.recognized_on if admitted else None, at),
        member_left=bool(admitted and admitted.left_on is not None and admitted.left_on <= at),
    )


def _known(day: date | None, at: date) -> date | None:
    """A date only if it had happened by ``at``: a check for a past day does not see later steps."""
    return day if day is not None and day <= at else None


def check_candidate(*, session: Session, candidate_id: int, at: date, settings: Settings) -> list[RuleResult]:
    """Every rule for a candidate as of ``at`` (``candidate check``)."""
    candidate = get_candidate(session=session, candidate_id=candidate_id)
    return all_rules(candidate_facts(session=session, candidate=candidate, at=at), settings)


# --- steps -----------------------------------------------------------------------------------------------


def _open(candidate: Candidate) -> None:
    if candidate.stage in CLOSED_STAGES:
        raise Conflict("candidate_id", candidate.id, "workflow.closed", stage=Stage(candidate.stage))


def _require(candidate: Candidate, stage: Stage) -> None:
    """Refuse unless the candidate has reached ``stage``; name the first missing step."""
    _open(candidate)
    reached = stage_index(candidate.stage)
    if reached < stage_index(stage):
        missing = STAGE_ORDER[reached + 1]
        raise Conflict("candidate_id", candidate.id, "workflow.missing_step", missing_key=STEP_KEY[missing])


def _not_after(candidate: Candidate, stage: Stage) -> None:
    """Refuse a step the candidate has already gone past (a later step was recorded)."""
    if stage_index(candidate.stage) > stage_index(stage):
        raise Conflict("candidate_id", candidate.id, "workflow.already_past", stage=Stage(candidate.stage))


def _advance(candidate: Candidate, stage: Stage) -> None:
    if stage_index(candidate.stage) < stage_index(stage):
        candidate.stage = stage.value


def _not_before(field: str, on: date, earlier: date | None, earlier_field: str) -> None:
    """Refuse ``on`` before ``earlier``, naming the earlier date's field (its label in the message)."""
    if earlier is not None and on < earlier:
        raise InvalidValue(field, on.isoformat(), "date.before", other=earlier, other_field=earlier_field)


def _save(session: Session, entity: str, before: dict[str, Any], record: Any) -> None:
    session.add(record)
    session.flush()
    log_update(session=session, entity=entity, before=before, record=record)


def _official_member(*, session: Session, member_id: int, on: date, field: str) -> Member:
    member = get_member(session=session, member_id=member_id)
    if not is_official_on(member, on):
        raise InvalidValue(field, member_id, "workflow.not_official", on=on.isoformat())
    return member


def assign_mentor(*, session: Session, candidate_id: int, member_id: int, on: date, today: date) -> Candidate:
    """Assign an official member of the same base organisation to help the candidate."""
    check_not_future("date", on, today=today)
    candidate = get_candidate(session=session, candidate_id=candidate_id)
    _open(candidate)
    _not_before("date", on, candidate.identified_on, "identified_on")
    _official_member(session=session, member_id=member_id, on=on, field="member")
    member_cell = cell_on(session=session, member_id=member_id, on=on)
    base = base_of(session=session, org_id=candidate.cell_id)
    if member_cell is None or base_of(session=session, org_id=member_cell).id != base.id:
        raise InvalidValue("member", member_id, "workflow.other_base", base=base.code)
    before = snapshot(candidate)
    candidate.mentor_id, candidate.mentor_assigned_on = member_id, on
    _advance(candidate, Stage.mentored)
    _save(session, "candidate", before, candidate)
    return candidate


def add_review(*, session: Session, candidate_id: int, by: int, on: date, note: str, today: date) -> Remark:
    """The mentor's monthly remark."""
    check_not_future("date", on, today=today)
    candidate = get_candidate(session=session, candidate_id=candidate_id)
    _require(candidate, Stage.mentored)
    if candidate.mentor_id != by:
        raise InvalidValue("by", by, "workflow.not_mentor", mentor=candidate.mentor_id)
    _not_before("date", on, candidate.mentor_assigned_on, "mentor_assigned_on")
    return add_remark(session=session, candidate_id=candidate_id, author_id=by, on=on, text=remark_text(note))


def record_training(
    *, session: Session, candidate_id: int, on: date, certificate_no: str | None, today: date
) -> Candidate:
    """The party-awareness class certificate."""
    check_not_future("date", on, today=today)
    candidate = get_candidate(session=session, candidate_id=candidate_id)
    _require(candidate, Stage.mentored)
    _not_after(candidate, Stage.trained)  # a class taken before the candidate was identified still counts
    before = snapshot(candidate)
    candidate.certificate_on, candidate.certificate_no = on, certificate_no
    _advance(candidate, Stage.trained)
    _save(session, "candidate", before, candidate)
    return candidate


def record_application(
    *,
    session: Session,
    candidate_id: int,
    on: date,
    introducers: list[int],
    youth_union: bool,
    today: date,
) -> Candidate:
    """The application, with two introducers, or one and the Youth Union committee."""
    check_not_future("date", on, today=today)
    candidate = get_candidate(session=session, candidate_id=candidate_id)
    _require(candidate, Stage.trained)
    _not_after(candidate, Stage.applied)
    _not_before("date", on, candidate.certificate_on, "trained_on")
    if len(introducers) != (1 if youth_union else 2):
        raise InvalidValue("introducer", ", ".join(map(str, introducers)), "workflow.introducers")
    if len(set(introducers)) != len(introducers):
        raise InvalidValue("introducer", introducers[0], "workflow.introducer_twice")
    for member_id in introducers:
        get_member(session=session, member_id=member_id)  # exists; whether official is a rule, checked later
    before = snapshot(candidate)
    candidate.applied_on = on
    candidate.introducer_1_id = introducers[0]
    candidate.introducer_2_id = introducers[1] if len(introducers) > 1 else None
    candidate.youth_union_introduces = youth_union
    _advance(candidate, Stage.applied)
    _save(session, "candidate", before, candidate)
    return candidate


def _judge(
    *, session: Session, candidate: Candidate, results: list[RuleResult], override: str | None
) -> StepResult:
    failed = failures(results)
    if failed and not override:
        raise RulesFailed(candidate.id or 0, failed)
    if failed:
        assert candidate.id is not None
        record_change(
            session=session,
            action="update",
            entity="candidate",
            entity_id=candidate.id,
            after={"override": override, "failed_rules": [r.code for r in failed]},
        )
    return StepResult(checked=results, overridden=failed)


def propose(
    *,
    session: Session,
    candidate_id: int,
    on: date,
    resolution_no: str | None = None,
    votes_for: int | None = None,
    official_members: int | None = None,
    age_exception: str | None = None,
    override: str | None = None,
    today: date,
    settings: Settings,
) -> StepResult:
    """The cell's resolution to propose admission: every admission rule is checked at its date."""
    check_not_future("date", on, today=today)
    candidate = get_candidate(session=session, candidate_id=candidate_id)
    _require(candidate, Stage.applied)
    _not_after(candidate, Stage.applied)
    _not_before("date", on, candidate.applied_on, "applied_on")
    if (votes_for is None) != (official_members is None):
        field = "votes_for" if votes_for is None else "official_members"
        raise InvalidValue(field, "", "value.empty")
    if votes_for is not None and official_members is not None and not 0 <= votes_for <= official_members:
        raise InvalidValue("votes_for", votes_for, "workflow.votes_range", of=official_members)
    before = snapshot(candidate)
    candidate.proposed_on, candidate.resolution_no = on, resolution_no
    candidate.votes_for, candidate.official_members = votes_for, official_members
    if age_exception:
        candidate.age_exception = age_exception
    facts = candidate_facts(session=session, candidate=candidate, at=on)
    outcome = _judge(
        session=session, candidate=candidate, results=admission_rules(facts, settings), override=override
    )
    _advance(candidate, Stage.proposed)
    _save(session, "candidate", before, candidate)
    return outcome


def admit(
    *,
    session: Session,
    candidate_id: int,
    decision_no: str,
    decision_on: date,
    today: date,
    ceremony_on: date | None = None,
    override: str | None = None,
    settings: Settings,
) -> tuple[Member, StepResult]:
    """The committee's admission decision: a probationary member in the candidate's cell, linked to the
    candidate by an admission record. The admission rules are judged again at the resolution's date, and the
    decision's own deadline at its date."""
    check_not_future("decision_date", decision_on, today=today)
    check_not_future("ceremony_date", ceremony_on, today=today)
    candidate = get_candidate(session=session, candidate_id=candidate_id)
    _require(candidate, Stage.proposed)
    assert candidate.proposed_on is not None
    assert candidate.id is not None
    _not_before("decision_date", decision_on, candidate.proposed_on, "proposed_on")
    if ceremony_on is not None:
        _not_before("ceremony_date", ceremony_on, decision_on, "decision_date")
    if not decision_no.strip():
        raise InvalidValue("decision", decision_no, "value.empty")
    check_member_dates(
        birth_date=candidate.birth_date,
        admitted_on=decision_on,
        today=today,
        ceremony_on=ceremony_on,
        settings=settings,
    )
    facts = candidate_facts(session=session, candidate=candidate, at=decision_on)
    facts = CandidateFacts(**{**facts.__dict__, "decision_on": decision_on})
    decision_deadline = [r for r in check_deadlines(facts, settings) if r.code == "deadline.decision"]
    outcome = _judge(
        session=session,
        candidate=candidate,
        results=[*admission_rules(facts, settings), *decision_deadline],
        override=override,
    )
    if candidate.citizen_id is not None:
        taken = session.exec(
            select(Member.id).where(Member.citizen_id == candidate.citizen_id, col(Member.left_on).is_(None))
        ).first()
        if taken is not None:
            raise Conflict(
                "citizen_id", candidate.citizen_id, "citizen_id.duplicate", entity="member", id=taken
            )
    # The member keeps the candidate's personal fields, the columns the two tables share.
    personal = {key: getattr(candidate, key) for key in PersonFields.model_fields if key != "id"}
    member = Member(
        **personal, admitted_on=decision_on, decision_no=decision_no.strip(), ceremony_on=ceremony_on
    )
    session.add(member)
    session.flush()
    assert member.id is not None
    membership = Membership(member_id=member.id, cell_id=candidate.cell_id, start_on=decision_on)
    admission = Admission(
        candidate_id=candidate.id,
        member_id=member.id,
        resolution_on=candidate.proposed_on,
        resolution_no=candidate.resolution_no,
        decision_no=decision_no.strip(),
        decision_on=decision_on,
    )
    session.add(membership)
    session.add(admission)
    before = snapshot(candidate)
    candidate.stage = Stage.admitted.value
    session.add(candidate)
    session.flush()
    log_insert(session=session, entity="member", record=member)
    log_insert(session=session, entity="membership", record=membership)
    log_insert(session=session, entity="admission", record=admission)
    log_update(session=session, entity="candidate", before=before, record=candidate)
    return member, outcome


def drop_candidate(*, session: Session, candidate_id: int, on: date, reason: str, today: date) -> Candidate:
    """Take a candidate off the list, at any stage before admission."""
    check_not_future("date", on, today=today)
    candidate = get_candidate(session=session, candidate_id=candidate_id)
    _open(candidate)
    _not_before("date", on, candidate.identified_on, "identified_on")
    text = " ".join(reason.split())
    if not text:
        raise InvalidValue("reason", reason, "value.empty")
    before = snapshot(candidate)
    candidate.stage, candidate.dropped_on, candidate.drop_reason = Stage.dropped.value, on, text
    _save(session, "candidate", before, candidate)
    return candidate


def _probationary(member: Member) -> None:
    if member.left_on is not None or member.official_on is not None:
        raise Conflict("member_id", member.id, "workflow.not_probationary")


def record_ceremony(*, session: Session, member_id: int, on: date, today: date) -> Member:
    """The admission ceremony, when it comes after the decision was recorded."""
    check_not_future("date", on, today=today)
    member = get_member(session=session, member_id=member_id)
    _probationary(member)
    if member.ceremony_on is not None:
        raise Conflict("member_id", member_id, "workflow.ceremony_done", on=member.ceremony_on.isoformat())
    _not_before("date", on, member.admitted_on, "admitted_on")
    before = snapshot(member)
    member.ceremony_on = on
    _save(session, "member", before, member)
    return member


def recognize(*, session: Session, member_id: int, on: date, today: date, settings: Settings) -> Member:
    """Official status, counted from the exact end of probation (12 months from the ceremony), even when the
    cell's meeting (``on``) comes later."""
    check_not_future("date", on, today=today)
    member = get_member(session=session, member_id=member_id)
    _probationary(member)
    if member.ceremony_on is None:
        raise Conflict("member_id", member_id, "workflow.missing_step", missing_key="step.ceremony")
    end = probation_end(member.ceremony_on, settings)
    if on < end:
        raise InvalidValue("date", on.isoformat(), "workflow.probation_not_over", end=end.isoformat())
    before = snapshot(member)
    member.official_on, member.recognized_on = end, on
    _save(session, "member", before, member)
    return member


def remove_probationary(*, session: Session, member_id: int, on: date, reason: str, today: date) -> Member:
    """Not recognised: the probationary member's name is removed (xóa tên)."""
    check_not_future("date", on, today=today)
    member = get_member(session=session, member_id=member_id)
    _probationary(member)
    _not_before("date", on, member.admitted_on, "admitted_on")
    text = " ".join(reason.split())
    if not text:
        raise InvalidValue("reason", reason, "value.empty")
    before = snapshot(member)
    member.left_on, member.left_reason, member.left_note = on, LeftReason.removal.value, text
    session.execute(
        sa.update(Membership)
        .where(col(Membership.member_id) == member_id, col(Membership.end_on).is_(None))
        .values(end_on=on)
    )
    _save(session, "member", before, member)
    return member

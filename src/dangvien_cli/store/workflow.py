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

from dangvien_cli.domain.people import check_member_dates, check_not_future
from dangvien_cli.domain.rules import (
    CandidateFacts,
    RuleResult,
    admission_rules,
    check_deadlines,
    failures,
    probation_end,
)
from dangvien_cli.domain.settings import Settings
from dangvien_cli.domain.stages import CLOSED_STAGES, STAGE_ORDER, STEP_KEY, stage_index
from dangvien_cli.domain.vocab import LeftReason, Stage
from dangvien_cli.errors import Conflict, InvalidValue
from dangvien_cli.store.candidate_facts import (
    base_of,
    candidate_facts,
    cell_on,
    check_candidate,
    is_official_on,
    months_in_base,
    official_count,
    prior_membership,
)
from dangvien_cli.store.changelog import log_insert, log_update, record_change, snapshot
from dangvien_cli.store.models import (
    Admission,
    Candidate,
    Member,
    Membership,
    PersonFields,
    Remark,
)
from dangvien_cli.store.people import get_candidate, get_member
from dangvien_cli.store.remarks import add_remark, remark_text

__all__ = [
    "RulesFailed",
    "StepResult",
    "add_review",
    "admit",
    "assign_mentor",
    "base_of",
    "candidate_facts",
    "cell_on",
    "check_candidate",
    "drop_candidate",
    "extend_decision",
    "is_official_on",
    "months_in_base",
    "official_count",
    "prior_membership",
    "propose",
    "recognize",
    "record_application",
    "record_ceremony",
    "record_training",
    "remove_probationary",
]


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
        raise InvalidValue(field, member_id, "workflow.not_official", on=on)
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
    trade_union: bool = False,
) -> Candidate:
    """The application, with two introducers, or one and the Youth Union committee (in an agency or an
    enterprise without a Youth Union, the trade union committee)."""
    check_not_future("date", on, today=today)
    candidate = get_candidate(session=session, candidate_id=candidate_id)
    _require(candidate, Stage.trained)
    _not_after(candidate, Stage.applied)
    _not_before("date", on, candidate.certificate_on, "trained_on")
    if youth_union and trade_union:
        raise InvalidValue("trade_union", "--trade-union", "workflow.one_union")
    if len(introducers) != (1 if youth_union or trade_union else 2):
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
    candidate.trade_union_introduces = trade_union
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
    excluded: int | None = None,
    excluded_reason: str | None = None,
    education_exception: str | None = None,
) -> StepResult:
    """The cell's resolution to propose admission: every admission rule is checked at its date.

    ``official_members`` is the resolution's own figure, and authoritative; ``excluded`` of them (with
    ``excluded_reason``) are those the regulation leaves out of the count. Without a vote count the rule
    warns that it is not recorded."""
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
    reason = _excluded(excluded, excluded_reason, official_members, votes_for)
    before = snapshot(candidate)
    candidate.proposed_on, candidate.resolution_no = on, resolution_no
    candidate.votes_for, candidate.official_members = votes_for, official_members
    candidate.votes_excluded, candidate.votes_excluded_reason = (excluded or None), reason
    if age_exception:
        candidate.age_exception = age_exception
    if education_exception and education_exception.strip():
        candidate.education_exception = " ".join(education_exception.split())
    facts = candidate_facts(session=session, candidate=candidate, at=on)
    outcome = _judge(
        session=session, candidate=candidate, results=admission_rules(facts, settings), override=override
    )
    _advance(candidate, Stage.proposed)
    _save(session, "candidate", before, candidate)
    return outcome


def _excluded(
    excluded: int | None, reason: str | None, official_members: int | None, votes_for: int | None
) -> str | None:
    """The members left out of the vote's count, checked; their reason, cleaned (None when none are)."""
    if not excluded:
        return None
    if official_members is None:
        raise InvalidValue("official_members", "", "value.empty")
    if not 0 < excluded < official_members:
        raise InvalidValue("excluded", excluded, "workflow.excluded_range", of=official_members)
    if votes_for is not None and votes_for > official_members - excluded:
        raise InvalidValue("votes_for", votes_for, "workflow.votes_counted", of=official_members - excluded)
    text = " ".join((reason or "").split())
    if not text:
        raise InvalidValue("reason", reason or "", "workflow.reason_needed")
    return text


def extend_decision(
    *, candidate: Candidate, days: int | None, reason: str | None, settings: Settings
) -> None:
    """Record that the decision's 60 working days were extended by ``days`` (at most 30), for ``reason``."""
    if days is None:
        return
    limit = settings.decision_extension_max_working_days
    if not 1 <= days <= limit:
        raise InvalidValue("extended_by", days, "workflow.extension_range", limit=limit)
    text = " ".join((reason or "").split())
    if not text:
        raise InvalidValue("reason", reason or "", "workflow.reason_needed")
    candidate.decision_extension_days, candidate.decision_extension_reason = days, text


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
    received_on: date | None = None,
    extended_by: int | None = None,
    extension_reason: str | None = None,
) -> tuple[Member, StepResult]:
    """The committee's admission decision: a probationary member in the candidate's cell, linked to the
    candidate by an admission record. The admission rules are judged again at the resolution's date, and the
    decision's own deadline at its date (60 working days, plus ``extended_by``, at most 30, with its
    ``extension_reason``). ``received_on`` is the day the cell received it: the ceremony's 30 working days
    count from it (from the decision's date when not given)."""
    check_not_future("decision_date", decision_on, today=today)
    check_not_future("ceremony_date", ceremony_on, today=today)
    check_not_future("received", received_on, today=today)
    candidate = get_candidate(session=session, candidate_id=candidate_id)
    _require(candidate, Stage.proposed)
    assert candidate.proposed_on is not None
    assert candidate.id is not None
    _not_before("decision_date", decision_on, candidate.proposed_on, "proposed_on")
    if received_on is not None:
        _not_before("received", received_on, decision_on, "decision_date")
    if ceremony_on is not None:
        _not_before(
            "ceremony_date",
            ceremony_on,
            received_on or decision_on,
            "received" if received_on else "decision_date",
        )
    before_extension = snapshot(candidate)
    extend_decision(candidate=candidate, days=extended_by, reason=extension_reason, settings=settings)
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
    facts = CandidateFacts(
        **{**facts.__dict__, "decision_on": decision_on, "decision_received_on": received_on}
    )
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
        **personal,
        admitted_on=decision_on,
        decision_no=decision_no.strip(),
        decision_received_on=received_on,
        ceremony_on=ceremony_on,
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
    before = before_extension
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


def record_ceremony(
    *, session: Session, member_id: int, on: date, today: date, received_on: date | None = None
) -> Member:
    """The admission ceremony, when it comes after the decision was recorded; ``received_on``, the day the
    cell received the decision, when it was not recorded with it."""
    check_not_future("date", on, today=today)
    check_not_future("received", received_on, today=today)
    member = get_member(session=session, member_id=member_id)
    _probationary(member)
    if member.ceremony_on is not None:
        raise Conflict("member_id", member_id, "workflow.ceremony_done", on=member.ceremony_on)
    if received_on is not None:
        _not_before("received", received_on, member.admitted_on, "admitted_on")
    received = received_on or member.decision_received_on
    _not_before("date", on, received or member.admitted_on, "received" if received else "admitted_on")
    before = snapshot(member)
    member.ceremony_on = on
    if received_on is not None:
        member.decision_received_on = received_on
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
        raise InvalidValue("date", on.isoformat(), "workflow.probation_not_over", end=end)
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

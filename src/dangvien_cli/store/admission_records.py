"""What the admission workflow records beside its steps: a former membership (re-admission), a substitute
introducer, an extension of the decision's deadline.

Every function takes a keyword-only ``session`` and leaves the commit to the caller; every change is logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.domain.people import check_not_future
from dangvien_cli.domain.settings import Settings
from dangvien_cli.domain.stages import stage_index
from dangvien_cli.domain.vocab import PriorExit, Stage, SubstitutionReason
from dangvien_cli.errors import Conflict, InvalidValue
from dangvien_cli.store.changelog import log_update, snapshot
from dangvien_cli.store.models import Admission, Candidate, Member
from dangvien_cli.store.people import get_candidate, get_member
from dangvien_cli.store.workflow import extend_decision, is_official_on


@dataclass(frozen=True)
class PriorLink:
    """A former member record found for a new candidate, and how: ``citizen_id`` or ``name``."""

    member_id: int
    by: str


def find_prior_member(*, session: Session, candidate: Candidate) -> PriorLink | None:
    """The member record a candidate held before, if any: a member who had left by the day the candidate was
    identified, found by citizen ID, else by folded name and birth date (as imports match people). The
    latest such record wins."""
    query = select(Member.id).where(
        col(Member.left_on).is_not(None), col(Member.left_on) <= candidate.identified_on
    )
    order = (col(Member.left_on).desc(), col(Member.id).desc())
    if candidate.citizen_id is not None:
        found = session.exec(query.where(Member.citizen_id == candidate.citizen_id).order_by(*order)).first()
        if found is not None:
            return PriorLink(found, "citizen_id")
    by_name = query.where(
        Member.name_folded == candidate.name_folded, Member.birth_date == candidate.birth_date
    )
    if candidate.citizen_id is not None:  # a member with another citizen ID is another person
        by_name = by_name.where(col(Member.citizen_id).is_(None))
    found = session.exec(by_name.order_by(*order)).first()
    return PriorLink(found, "name") if found is not None else None


def link_prior_member(*, session: Session, candidate: Candidate) -> PriorLink | None:
    """Link a new candidate to the member record they held before (re-admission), when one is found."""
    link = find_prior_member(session=session, candidate=candidate)
    if link is None:
        return None
    earlier = get_member(session=session, member_id=link.member_id)
    before = snapshot(candidate)
    candidate.prior_member_id, candidate.prior_left_on = link.member_id, earlier.left_on
    session.add(candidate)
    session.flush()
    log_update(session=session, entity="candidate", before=before, record=candidate)
    return link


def link_prior_members(*, session: Session, candidate_ids: list[int]) -> int:
    """Link new candidates to the member record they held before, by citizen ID (an import's rows, in one
    statement): a member with the same citizen ID who had left by the day the candidate was identified.
    A match by name alone is not linked in bulk: ``add-candidate`` and ``candidate readmission`` do that."""
    if not candidate_ids:
        return 0
    earlier = sa.orm.aliased(Member)

    def latest(column: Any) -> Any:
        return (
            select(column)
            .where(
                earlier.citizen_id == Candidate.citizen_id,
                col(earlier.left_on).is_not(None),
                col(earlier.left_on) <= Candidate.identified_on,
            )
            .order_by(col(earlier.left_on).desc(), col(earlier.id).desc())
            .limit(1)
            .correlate(Candidate)
            .scalar_subquery()
        )

    result = session.execute(
        sa.update(Candidate)
        .where(
            col(Candidate.id).in_(candidate_ids),
            col(Candidate.citizen_id).is_not(None),
            latest(earlier.id).is_not(None),
        )
        .values(prior_member_id=latest(earlier.id), prior_left_on=latest(earlier.left_on))
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def _open_before_admission(candidate: Candidate) -> None:
    if stage_index(candidate.stage) >= stage_index(Stage.admitted) or candidate.stage == Stage.dropped.value:
        raise Conflict("candidate_id", candidate.id, "workflow.closed", stage=Stage(candidate.stage))


def record_prior_membership(
    *,
    session: Session,
    candidate_id: int,
    today: date,
    member_id: int | None = None,
    left_on: date | None = None,
    exit_reason: str | None = None,
    expunged_on: date | None = None,
    readmitted_before: bool | None = None,
    approval_no: str | None = None,
    approval_on: date | None = None,
    clear: bool = False,
) -> Candidate:
    """Record that a candidate was a member before (point 3.5): the earlier record or the day they left, why,
    a conviction's expungement, an earlier re-admission, the provincial committee's approval. Only what is
    given changes; ``clear`` says the candidate was never a member (undoing a link by name)."""
    for field, day in (("left", left_on), ("expunged", expunged_on), ("approval_date", approval_on)):
        check_not_future(field, day, today=today)
    candidate = get_candidate(session=session, candidate_id=candidate_id)
    _open_before_admission(candidate)
    before = snapshot(candidate)
    if clear:
        for name in ("prior_member_id", "prior_left_on", "prior_exit", "prior_expunged_on"):
            setattr(candidate, name, None)
        candidate.readmission_approval_no = candidate.readmission_approval_on = None
        candidate.prior_readmitted = False
    if member_id is not None:
        earlier = get_member(session=session, member_id=member_id)
        if earlier.left_on is None:
            raise InvalidValue("member", member_id, "workflow.prior_member_current", member=member_id)
        candidate.prior_member_id, candidate.prior_left_on = member_id, earlier.left_on
    if left_on is not None:
        candidate.prior_left_on = left_on
    if exit_reason is not None:
        candidate.prior_exit = PriorExit.checked("exit", exit_reason).value
    if expunged_on is not None:
        candidate.prior_expunged_on = expunged_on
    if readmitted_before is not None:
        candidate.prior_readmitted = readmitted_before
    if approval_no is not None or approval_on is not None:
        number = (approval_no or "").strip()
        if not number or approval_on is None:
            field = "approval" if approval_on is not None else "approval_date"
            raise InvalidValue(field, approval_no or "", "value.empty")
        candidate.readmission_approval_no = number
        candidate.readmission_approval_on = approval_on
    session.add(candidate)
    session.flush()
    log_update(session=session, entity="candidate", before=before, record=candidate)
    return candidate


def substitute_introducer(
    *, session: Session, candidate_id: int, member_id: int, replaces: int, reason: str, on: date, today: date
) -> Candidate:
    """An official member stands in for an introducer who moved, died or was disciplined (point 3.2.2):
    the substitute need not have worked beside the candidate for 12 months."""
    check_not_future("date", on, today=today)
    why = SubstitutionReason.checked("reason", reason)
    candidate = get_candidate(session=session, candidate_id=candidate_id)
    _open_before_admission(candidate)
    slots = {candidate.introducer_1_id: "introducer_1_id", candidate.introducer_2_id: "introducer_2_id"}
    slots.pop(None, None)
    if candidate.applied_on is None or replaces not in slots:
        listed = ", ".join(f"#{m}" for m in slots) or "—"
        raise InvalidValue("replaces", replaces, "workflow.not_an_introducer", introducers=listed)
    if on < candidate.applied_on:
        raise InvalidValue(
            "date", on.isoformat(), "date.before", other=candidate.applied_on, other_field="applied_on"
        )
    if member_id in slots:
        raise InvalidValue("introducer", member_id, "workflow.introducer_twice")
    if not is_official_on(get_member(session=session, member_id=member_id), on):
        raise InvalidValue("introducer", member_id, "workflow.not_official", on=on.isoformat())
    before = snapshot(candidate)
    setattr(candidate, slots[replaces], member_id)
    candidate.substitute_introducer_id, candidate.replaced_introducer_id = member_id, replaces
    candidate.substitution_reason, candidate.substituted_on = why.value, on
    session.add(candidate)
    session.flush()
    log_update(session=session, entity="candidate", before=before, record=candidate)
    return candidate


def extend_decision_deadline(
    *, session: Session, candidate_id: int, days: int, reason: str, settings: Settings
) -> Candidate:
    """Extend the 60 working days the committee has to decide, by at most 30 (point 4.3.1), before the
    decision (``admit --extended-by`` records it with the decision)."""
    candidate = get_candidate(session=session, candidate_id=candidate_id)
    decided = session.exec(
        select(col(Admission.decision_on)).where(Admission.candidate_id == candidate_id)
    ).first()
    if decided is not None:
        raise Conflict("candidate_id", candidate_id, "workflow.already_decided", on=decided.isoformat())
    if candidate.stage != Stage.proposed.value:
        raise Conflict("candidate_id", candidate_id, "workflow.missing_step", missing_key="step.propose")
    before = snapshot(candidate)
    extend_decision(candidate=candidate, days=days, reason=reason, settings=settings)
    session.add(candidate)
    session.flush()
    log_update(session=session, entity="candidate", before=before, record=candidate)
    return candidate

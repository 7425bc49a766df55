"""What the admission rules need to know of a candidate, read from the records as of a date.

The rules themselves are pure (:mod:`dangvien_cli.domain.rules`); this module gathers their facts: the
introducers' standing and months in the base organisation, the mentor, the cell's official members on the
day, the admission and the member it made, a former membership. Every function takes a keyword-only
``session`` and only reads.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.domain.dates import full_months
from dangvien_cli.domain.rules import CandidateFacts, IntroducerFacts, PriorMembership, RuleResult, all_rules
from dangvien_cli.domain.settings import Settings
from dangvien_cli.domain.vocab import OrgKind
from dangvien_cli.store.models import Admission, Candidate, Member, Membership, Organisation, OrgClosure
from dangvien_cli.store.orgs import membership_at
from dangvien_cli.store.people import get_candidate, get_member


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
            substitute = member_id == candidate.substitute_introducer_id
            introducers.append(
                IntroducerFacts(
                    member_id=member_id,
                    official_on_application=is_official_on(
                        member, (candidate.substituted_on if substitute else None) or candidate.applied_on
                    ),
                    months_in_base=months_in_base(
                        session=session, member_id=member_id, base_id=base.id, on=candidate.applied_on
                    ),
                    replaces=candidate.replaced_introducer_id if substitute else None,
                    substitution_reason=candidate.substitution_reason if substitute else None,
                )
            )
    mentor = session.get(Member, candidate.mentor_id) if candidate.mentor_id else None
    judged_on = candidate.proposed_on or at
    admission = session.exec(select(Admission).where(Admission.candidate_id == candidate.id)).first()
    admitted = session.get(Member, admission.member_id) if admission else None
    cell = session.get(Organisation, candidate.cell_id)
    return CandidateFacts(
        at=at,
        birth_date=candidate.birth_date,
        identified_on=candidate.identified_on,
        youth_union=candidate.youth_union,
        proposed_on=candidate.proposed_on,
        age_exception=candidate.age_exception,
        education_level=candidate.education_level,
        education_text=candidate.education,
        education_exception=candidate.education_exception,
        certificate_on=_known(candidate.certificate_on, at),
        applied_on=applied_on,
        introducers=tuple(introducers),
        youth_union_introduces=candidate.youth_union_introduces,
        trade_union_introduces=candidate.trade_union_introduces,
        cell_place=cell.place if cell else None,
        months_in_cell_at_application=(
            full_months(candidate.identified_on, applied_on) if applied_on else None
        ),
        mentor_id=candidate.mentor_id if _known(candidate.mentor_assigned_on, at) else None,
        mentor_official=is_official_on(mentor, judged_on) if mentor else None,
        votes_for=candidate.votes_for,
        official_members=candidate.official_members,
        votes_excluded=candidate.votes_excluded,
        votes_excluded_reason=candidate.votes_excluded_reason,
        cell_official_members=official_count(session=session, cell_id=candidate.cell_id, on=judged_on),
        decision_extension_days=candidate.decision_extension_days,
        decision_extension_reason=candidate.decision_extension_reason,
        decision_on=_known(admission.decision_on if admission else None, at),
        decision_received_on=_known(admitted.decision_received_on if admitted else None, at),
        ceremony_on=_known(admitted.ceremony_on if admitted else None, at),
        recognized_on=_known(admitted.recognized_on if admitted else None, at),
        member_left=bool(admitted and admitted.left_on is not None and admitted.left_on <= at),
        prior=prior_membership(session=session, candidate=candidate),
    )


def prior_membership(*, session: Session, candidate: Candidate) -> PriorMembership | None:
    """What the records say of a candidate's earlier membership (re-admission), or None for a first one.

    The earlier member record, when linked, gives the day they left and whether that membership was itself
    a re-admission (its admission came from a candidate linked to a still earlier member)."""
    if candidate.prior_member_id is None and candidate.prior_left_on is None and candidate.prior_exit is None:
        return None
    readmitted_before = candidate.prior_readmitted
    left_on = candidate.prior_left_on
    if candidate.prior_member_id is not None:
        earlier = session.get(Member, candidate.prior_member_id)
        left_on = left_on or (earlier.left_on if earlier else None)
        came_from = session.exec(
            select(Candidate.prior_member_id)
            .join(Admission, col(Admission.candidate_id) == Candidate.id)
            .where(Admission.member_id == candidate.prior_member_id)
        ).first()
        readmitted_before = readmitted_before or came_from is not None
    return PriorMembership(
        member_id=candidate.prior_member_id,
        left_on=left_on,
        exit=candidate.prior_exit,
        expunged_on=candidate.prior_expunged_on,
        readmitted_before=readmitted_before,
        approval_no=candidate.readmission_approval_no,
        approval_on=candidate.readmission_approval_on,
    )


def _known(day: date | None, at: date) -> date | None:
    """A date only if it had happened by ``at``: a check for a past day does not see later steps."""
    return day if day is not None and day <= at else None


def check_candidate(*, session: Session, candidate_id: int, at: date, settings: Settings) -> list[RuleResult]:
    """Every rule for a candidate as of ``at`` (``candidate check``)."""
    candidate = get_candidate(session=session, candidate_id=candidate_id)
    return all_rules(candidate_facts(session=session, candidate=candidate, at=at), settings)

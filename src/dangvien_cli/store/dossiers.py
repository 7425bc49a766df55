"""What a dossier is judged on, read from the records: whose it is, their steps' dates as of a day, the
introducers' names, the cell, the admission, and the papers entered (the judging itself is
:mod:`dangvien_cli.domain.dossier`). Every function takes a keyword-only ``session`` and only reads.

A dossier belongs to a person: a candidate, a member, or both when the admission was recorded here (the
candidate's papers then go on in the member's dossier). The dossiers of a subtree are read in a few
statements whatever their number: the people first, then their papers, introducers and cells at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.domain.dossier import (
    Dossier,
    DossierFacts,
    DossierPaper,
    Introduction,
    begun,
    evaluate,
)
from dangvien_cli.domain.dossier_list import PaperList, load_papers
from dangvien_cli.domain.settings import Settings
from dangvien_cli.domain.stages import stage_on
from dangvien_cli.domain.vocab import DossierStep, OrgKind, PaperOrigin, Stage
from dangvien_cli.store.conditions import candidate_active_on
from dangvien_cli.store.models import Admission, Candidate, Member, Membership, Paper
from dangvien_cli.store.orgs import get_org, membership_at
from dangvien_cli.store.people import get_candidate, get_member, step_dates
from dangvien_cli.store.tree import OrgOn, candidate_cell_on, orgs_on, subtree_at


@dataclass(frozen=True)
class Subject:
    """Whose dossier: a candidate, a member, or both (the admission recorded here links them); ``cell_id``
    is their cell on the day the dossier is judged (None: read it)."""

    candidate: Candidate | None
    member: Member | None
    cell_id: int | None = None

    @property
    def full_name(self) -> str:
        person = self.member or self.candidate
        assert person is not None
        return person.full_name


def paper_list(settings: Settings) -> PaperList:
    """The papers the dossier needs, as the settings extend the package's list."""
    return load_papers(settings.dossier_extra)


def subject_of(*, session: Session, person_id: int, member: bool = False) -> Subject:
    """The dossier of candidate ``person_id`` (with ``member``, of member ``person_id``), and the other
    record its admission links (NotFound when there is no such person)."""
    if member:
        found = get_member(session=session, member_id=person_id)
        candidate_id = session.exec(
            select(Admission.candidate_id).where(Admission.member_id == found.id)
        ).first()
        linked = session.get(Candidate, candidate_id) if candidate_id is not None else None
        return Subject(linked, found)
    candidate = get_candidate(session=session, candidate_id=person_id)
    member_id = session.exec(
        select(Admission.member_id).where(Admission.candidate_id == candidate.id)
    ).first()
    return Subject(candidate, session.get(Member, member_id) if member_id is not None else None)


def _stage_on(candidate: Candidate, decision_on: date | None, at: date) -> Stage | None:
    """A candidate's stage on ``at``, from the dates of their steps."""
    if candidate.dropped_on is not None and candidate.dropped_on <= at:
        return Stage.dropped
    if decision_on is not None and decision_on <= at:
        return Stage.admitted
    if candidate.stage == Stage.admitted.value and decision_on is None:
        return Stage.admitted  # imported as admitted: its decision is the member's
    reached = stage_on(step_dates(candidate), at)
    return reached[0] if reached is not None else None


def _introductions(candidate: Candidate, names: dict[int, str]) -> tuple[Introduction, ...]:
    """The introducers the record names now: a substitute stands in for the one replaced, from the day of
    the substitution."""
    if candidate.applied_on is None:
        return ()
    found = []
    for member_id in (candidate.introducer_1_id, candidate.introducer_2_id):
        if member_id is None:
            continue
        if member_id == candidate.replaced_introducer_id and candidate.substitute_introducer_id is not None:
            on = candidate.substituted_on or candidate.applied_on
            found.append(Introduction(names[candidate.substitute_introducer_id], on))
        else:
            found.append(Introduction(names[member_id], candidate.applied_on))
    return tuple(found)


def _entered(
    session: Session, candidate_ids: set[int], member_ids: set[int]
) -> dict[tuple[str, int], list[DossierPaper]]:
    """The papers entered for these people, keyed ("candidate", id) and ("member", id)."""
    found: dict[tuple[str, int], list[DossierPaper]] = {}
    if not candidate_ids and not member_ids:
        return found
    conditions = []
    if candidate_ids:
        conditions.append(col(Paper.candidate_id).in_(candidate_ids))
    if member_ids:
        conditions.append(col(Paper.member_id).in_(member_ids))
    query = select(Paper).where(sa.or_(*conditions)).order_by(col(Paper.on), col(Paper.id))
    for paper in session.exec(query):
        entry = DossierPaper(
            paper.form, paper.on, paper.number, paper.author, paper.file, PaperOrigin.entered, paper.id
        )
        if paper.candidate_id is not None:
            found.setdefault(("candidate", paper.candidate_id), []).append(entry)
        elif paper.member_id is not None:
            found.setdefault(("member", paper.member_id), []).append(entry)
    return found


def _member_cells(session: Session, member_ids: set[int], at: date) -> dict[int, int]:
    """Each member's cell on ``at`` (their last one, for a day outside their membership)."""
    cells: dict[int, int] = {}
    if not member_ids:
        return cells
    query = (
        select(col(Membership.member_id), col(Membership.cell_id), col(Membership.start_on))
        .where(col(Membership.member_id).in_(member_ids))
        .order_by(col(Membership.start_on), col(Membership.id))
    )
    for member_id, cell_id, start_on in session.exec(query):
        if start_on <= at or member_id not in cells:
            cells[member_id] = cell_id
    return cells


def _candidate_cells(session: Session, candidate_ids: set[int], at: date) -> dict[int, int]:
    if not candidate_ids:
        return {}
    cell = candidate_cell_on(at, Candidate)
    query = sa.select(col(Candidate.id), cell).where(col(Candidate.id).in_(candidate_ids))
    return {int(row[0]): int(row[1]) for row in session.execute(query)}


def _cell(
    subject: Subject, member_cells: dict[int, int], candidate_cells: dict[int, int], at: date
) -> int | None:
    """The cell a dossier's person belonged to on ``at``: the member's once admitted, else the
    candidate's."""
    if subject.cell_id is not None:
        return subject.cell_id
    member, candidate = subject.member, subject.candidate
    if member is not None and member.id in member_cells and (candidate is None or member.admitted_on <= at):
        return member_cells[member.id]
    if candidate is not None and candidate.id in candidate_cells:
        return candidate_cells[candidate.id]
    return None


def dossier_facts(*, session: Session, subjects: Iterable[Subject], at: date) -> list[DossierFacts]:
    """The facts of each subject's dossier as of ``at``, in the order given."""
    subjects = list(subjects)
    candidate_ids = {s.candidate.id for s in subjects if s.candidate is not None and s.candidate.id}
    member_ids = {s.member.id for s in subjects if s.member is not None and s.member.id}
    admissions = (
        {
            a.candidate_id: a
            for a in session.exec(select(Admission).where(col(Admission.candidate_id).in_(candidate_ids)))
        }
        if candidate_ids
        else {}
    )
    introducer_ids = {
        i
        for s in subjects
        if s.candidate is not None
        for i in (
            s.candidate.introducer_1_id,
            s.candidate.introducer_2_id,
            s.candidate.substitute_introducer_id,
        )
        if i is not None
    }
    names = {
        member_id: full_name
        for member_id, full_name in session.exec(
            select(col(Member.id), col(Member.full_name)).where(col(Member.id).in_(introducer_ids))
        )
        if member_id is not None
    }
    member_cells = _member_cells(session, member_ids, at)
    candidate_cells = _candidate_cells(session, candidate_ids, at)
    cells = [_cell(s, member_cells, candidate_cells, at) for s in subjects]
    orgs = orgs_on(session=session, on=at, ids={c for c in cells if c is not None})
    entered = _entered(session, candidate_ids, member_ids)
    facts = []
    for subject, cell_id in zip(subjects, cells, strict=True):
        cell = orgs.get(cell_id) if cell_id is not None else None
        facts.append(_facts(subject, admissions, names, entered, at, cell))
    return facts


def _facts(
    subject: Subject,
    admissions: dict[int, Admission],
    names: dict[int, str],
    entered: dict[tuple[str, int], list[DossierPaper]],
    at: date,
    cell: OrgOn | None,
) -> DossierFacts:
    candidate, member = subject.candidate, subject.member
    admission = admissions.get(candidate.id) if candidate is not None and candidate.id else None
    decision_on = admission.decision_on if admission else (member.admitted_on if member else None)
    decision_no = admission.decision_no if admission else (member.decision_no if member else None)
    papers: list[DossierPaper] = []
    if candidate is not None and candidate.id is not None:
        papers += entered.get(("candidate", candidate.id), [])
    if member is not None and member.id is not None:
        papers += entered.get(("member", member.id), [])
    facts = DossierFacts(
        full_name=subject.full_name,
        candidate_id=candidate.id if candidate else None,
        member_id=member.id if member else None,
        cell=cell.code if cell is not None else None,
        cell_name=cell.name if cell is not None else None,
        # a chi bộ trực thuộc: its base committee's resolution goes with the dossier
        under_base_committee=cell is not None and cell.kind == OrgKind.cell.value,
        decision_on=decision_on,
        decision_no=decision_no,
        papers=tuple(papers),
    )
    if member is not None:
        facts = _with_member(facts, member)
    if candidate is not None:
        facts = _with_candidate(facts, candidate, names, admission.decision_on if admission else None, at)
    return facts


def _with_member(facts: DossierFacts, member: Member) -> DossierFacts:
    return replace(
        facts,
        ceremony_on=member.ceremony_on,
        official_on=member.official_on,
        recognized_on=member.recognized_on,
        left_on=member.left_on,
    )


def _with_candidate(
    facts: DossierFacts, candidate: Candidate, names: dict[int, str], decision_on: date | None, at: date
) -> DossierFacts:
    return replace(
        facts,
        stage=_stage_on(candidate, decision_on, at),
        certificate_on=candidate.certificate_on,
        certificate_no=candidate.certificate_no,
        applied_on=candidate.applied_on,
        introductions=_introductions(candidate, names),
        union_introduces=candidate.youth_union_introduces or candidate.trade_union_introduces,
        proposed_on=candidate.proposed_on,
        resolution_no=candidate.resolution_no,
    )


def dossier_of(*, session: Session, subject: Subject, at: date, settings: Settings) -> Dossier:
    """One person's dossier on ``at``."""
    (facts,) = dossier_facts(session=session, subjects=[subject], at=at)
    return evaluate(facts, paper_list(settings), settings, at)


def open_subjects(*, session: Session, org_code: str | None, at: date) -> list[Subject]:
    """The people of a subtree (as it was on ``at``) whose dossier may be on its way on that day: candidates
    still on the way, and probationary members."""
    root = get_org(session=session, code=org_code) if org_code is not None else None
    cell_then = candidate_cell_on(at, Candidate)
    query = select(Candidate, cell_then).where(
        candidate_active_on(at),
        col(Candidate.applied_on).is_not(None),
        col(Candidate.applied_on) <= at,
    )
    if root is not None:
        assert root.id is not None
        query = query.where(cell_then.in_(subtree_at(root.id, at)))
    subjects = [Subject(candidate, None, cell) for candidate, cell in session.execute(query)]
    members = (
        select(Member, Membership.cell_id)
        .join(Membership, col(Membership.member_id) == Member.id)
        .where(
            membership_at(at),
            col(Member.admitted_on) <= at,
            sa.or_(col(Member.official_on).is_(None), col(Member.official_on) > at),
            sa.or_(col(Member.left_on).is_(None), col(Member.left_on) > at),
        )
    )
    if root is not None:
        assert root.id is not None
        members = members.where(col(Membership.cell_id).in_(subtree_at(root.id, at)))
    found = list(session.execute(members))
    linked = dict(
        session.exec(
            select(Admission.member_id, Admission.candidate_id).where(
                col(Admission.member_id).in_([m.id for m, _ in found])
            )
        ).all()
    )
    candidates = {
        c.id: c for c in session.exec(select(Candidate).where(col(Candidate.id).in_(linked.values())))
    }
    subjects += [Subject(candidates.get(linked.get(m.id)), m, cell) for m, cell in found]
    return subjects


def open_dossiers(
    *,
    session: Session,
    org_code: str | None,
    at: date,
    settings: Settings,
    step: DossierStep | None = None,
) -> list[Dossier]:
    """The dossiers of a subtree on their way on ``at`` (from the application to the decision; for
    recognition, once probation has ended), judged for their next step; with ``step``, only those waiting
    for that step. In the order of the people's names."""
    subjects = open_subjects(session=session, org_code=org_code, at=at)
    subjects.sort(key=lambda s: ((s.member or s.candidate).name_sort, s.full_name))  # type: ignore[union-attr]
    papers = paper_list(settings)
    dossiers = []
    for facts in dossier_facts(session=session, subjects=subjects, at=at):
        if not begun(facts, at, settings):
            continue
        dossier = evaluate(facts, papers, settings, at)
        if step is None or dossier.next_step is step:
            dossiers.append(dossier)
    return dossiers

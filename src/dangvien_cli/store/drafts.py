"""What a drafted paper (``dangvien draft``) is filled in from: the person, their steps, their cell and the
organisations above it as they were on the paper's day, the introducers. Only reads; a field the records do
not hold is None, and the draft leaves a dotted line for it (:mod:`dangvien_cli.reports.drafts`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from dangvien_cli.domain.dossier import DossierFacts
from dangvien_cli.domain.vocab import OrgKind
from dangvien_cli.store.dossiers import Subject, dossier_facts
from dangvien_cli.store.orgs import get_org
from dangvien_cli.store.tree import OrgOn, orgs_on


@dataclass(frozen=True)
class DraftFacts:
    """A draft's sources: the person (``subject``), the dossier's facts as of the paper's day, and the
    organisations: the cell, the one above it (``superior``), and the committee that decides (``committee``,
    the nearest đảng bộ cấp trên cơ sở above the cell, or the one named)."""

    subject: Subject
    dossier: DossierFacts
    on: date
    cell: OrgOn | None
    superior: OrgOn | None
    committee: OrgOn | None
    committee_superior: OrgOn | None
    mentor: str | None


def _ancestors(session: Session, org: OrgOn | None, on: date) -> list[OrgOn]:
    """``org``'s parents as they were on ``on``, nearest first."""
    found: list[OrgOn] = []
    seen: set[int] = set()
    while org is not None and org.parent_id is not None and org.parent_id not in seen:
        seen.add(org.parent_id)
        org = orgs_on(session=session, on=on, ids={org.parent_id}).get(org.parent_id)
        if org is not None:
            found.append(org)
    return found


def draft_facts(
    *, session: Session, subject: Subject, on: date, committee_code: str | None = None
) -> DraftFacts:
    """The facts a draft dated ``on`` is filled in from."""
    (facts,) = dossier_facts(session=session, subjects=[subject], at=on)
    cell = None
    if facts.cell is not None:
        cell_id = get_org(session=session, code=facts.cell).id
        assert cell_id is not None
        cell = orgs_on(session=session, on=on, ids={cell_id}).get(cell_id)
    above = _ancestors(session, cell, on)
    if committee_code is not None:
        chosen = get_org(session=session, code=committee_code, field="issuer")
        assert chosen.id is not None
        committee = orgs_on(session=session, on=on, ids={chosen.id}).get(chosen.id)
    else:
        committee = next((o for o in above if o.kind == OrgKind.committee.value), None)
    committee_above = _ancestors(session, committee, on)[:1]
    mentor = None
    candidate = subject.candidate
    if candidate is not None and candidate.mentor_id is not None:
        from dangvien_cli.store.models import Member

        found = session.get(Member, candidate.mentor_id)
        mentor = found.full_name if found is not None else None
    return DraftFacts(
        subject=subject,
        dossier=facts,
        on=on,
        cell=cell,
        superior=above[0] if above else None,
        committee=committee,
        committee_superior=committee_above[0] if committee_above else None,
        mentor=mentor,
    )


__all__ = ["DraftFacts", "draft_facts"]

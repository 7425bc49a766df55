"""Incomplete admission dossiers (hồ sơ chưa đủ) as the reports list them: ``due`` and ``report pipeline``
carry one item per dossier of the subtree not complete for its next step, with what it lacks. The judging
is :mod:`dangvien_cli.domain.dossier`'s, the reading :mod:`dangvien_cli.store.dossiers`'; ``dossier check``
lists the same dossiers with the problems in words.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session

from dangvien_cli.domain.dossier import Dossier
from dangvien_cli.domain.settings import Settings
from dangvien_cli.domain.vocab import DossierStep
from dangvien_cli.render.model import Column, Kind, Title
from dangvien_cli.store.dossiers import open_dossiers

DOSSIER_COLUMNS = [
    Column("cell", wrap=False),
    Column("candidate_id", Kind.int, label=Title(texts=("Số QC", "Cand.")), wrap=False),
    Column("member_id", Kind.int, label=Title(texts=("Số ĐV", "Member")), wrap=False),
    Column("full_name"),
    Column("step", codes=DossierStep),
    Column("missing", Kind.list),
    Column("problems", Kind.list),
]


def incomplete_dossiers(
    *, session: Session, org_code: str | None, at: date, settings: Settings
) -> list[Dossier]:
    """The dossiers of the subtree on their way on ``at`` that are not complete for their next step."""
    return [
        d
        for d in open_dossiers(session=session, org_code=org_code, at=at, settings=settings)
        if not d.complete
    ]


def problem_codes(dossier: Dossier) -> list[str]:
    """The papers whose dates do not fit, as codes: ``1-KNĐ (after.resolution)``."""
    return [f"{line.form} ({', '.join(p.code for p in line.problems)})" for line in dossier.problems]


def dossier_row(dossier: Dossier) -> dict[str, Any]:
    """An incomplete dossier as a row: who, where, the step it waits for, the papers missing, the dates
    that do not fit (codes, the same in every language)."""
    facts = dossier.facts
    return {
        "cell": facts.cell,
        "candidate_id": facts.candidate_id,
        "member_id": facts.member_id,
        "full_name": facts.full_name,
        "step": dossier.next_step.value if dossier.next_step is not None else None,
        "missing": dossier.missing,
        "problems": problem_codes(dossier),
    }


__all__ = ["DOSSIER_COLUMNS", "dossier_row", "incomplete_dossiers", "problem_codes"]

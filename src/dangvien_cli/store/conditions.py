"""SQL conditions about dates that several queries share: who was still on the way on a given day."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlmodel import col

from dangvien_cli.domain.vocab import Stage
from dangvien_cli.store.models import Admission, Candidate


def candidate_active_on(on: date) -> sa.ColumnElement[bool]:
    """SQL: a candidate still on the way on ``on`` (identified by then, not yet dropped or admitted)."""
    admitted_by = sa.exists().where(
        col(Admission.candidate_id) == Candidate.id, col(Admission.decision_on) <= on
    )
    recorded = sa.exists().where(col(Admission.candidate_id) == Candidate.id)
    return sa.and_(
        col(Candidate.identified_on) <= on,
        sa.or_(col(Candidate.dropped_on).is_(None), col(Candidate.dropped_on) > on),
        ~admitted_by,
        # imported as admitted, with no admission record to date it: no longer a candidate
        sa.or_(col(Candidate.stage) != Stage.admitted.value, recorded),
    )

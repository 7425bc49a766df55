"""Mentors' monthly remarks (nhận xét): facts that are added, never changed.

``candidate review`` (:func:`dangvien_cli.store.workflow.add_review`, which also checks who may remark and
when) and ``import reviews`` write them here, with the same text rule.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from dangvien_cli.errors import InvalidValue
from dangvien_cli.store.changelog import log_insert
from dangvien_cli.store.models import Remark


def remark_text(note: str, field: str = "note") -> str:
    """A remark as stored: every run of whitespace one space; an empty remark is refused."""
    text = " ".join(note.split())
    if not text:
        raise InvalidValue(field, note, "value.empty")
    return text


def has_remark(*, session: Session, candidate_id: int, author_id: int, on: date, text: str) -> bool:
    """Whether this very remark is stored already (a list imported twice adds it once)."""
    query = select(Remark.id).where(
        Remark.candidate_id == candidate_id,
        Remark.author_id == author_id,
        Remark.remarked_on == on,
        Remark.text == text,
    )
    return session.exec(query).first() is not None


def add_remark(*, session: Session, candidate_id: int, author_id: int, on: date, text: str) -> Remark:
    """Store and log a remark whose text has passed :func:`remark_text`."""
    remark = Remark(candidate_id=candidate_id, author_id=author_id, remarked_on=on, text=text)
    session.add(remark)
    session.flush()
    log_insert(session=session, entity="remark", record=remark)
    return remark

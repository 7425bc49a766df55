"""Changing a few fields of a stored record, as an import with ``--on-duplicate update`` does: each change
is logged with the record before and after, in the caller's transaction."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, col

from dangvien_cli.store.changelog import log_update, snapshot
from dangvien_cli.store.models import Candidate, Member, Membership, Organisation


def _amend(session: Session, entity: str, record: SQLModel, values: dict[str, Any]) -> None:
    before = snapshot(record)
    for name, value in values.items():
        setattr(record, name, value)
    session.add(record)
    session.flush()
    log_update(session=session, entity=entity, before=before, record=record)


def amend_member(*, session: Session, member: Member, values: dict[str, Any]) -> None:
    """Change a member's fields; a leaving date also ends their open membership on that day."""
    _amend(session, "member", member, values)
    if values.get("left_on") is not None:
        session.execute(
            sa.update(Membership)
            .where(col(Membership.member_id) == member.id, col(Membership.end_on).is_(None))
            .values(end_on=values["left_on"])
        )


def amend_candidate(*, session: Session, candidate: Candidate, values: dict[str, Any]) -> None:
    """Change a candidate's fields."""
    _amend(session, "candidate", candidate, values)


def amend_org(*, session: Session, org: Organisation, values: dict[str, Any]) -> None:
    """Change an organisation's name, place or population (its kind and parent are the tree's own)."""
    _amend(session, "organisation", org, values)

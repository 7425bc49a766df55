"""The monthly paper across a merge (issue 14): which cells a paper covers, who came or went by merge, and
the base organisation as of the month.

A cell's paper covers the cell and the cells merged into it (its subtree as of the month's last day, where a
merged cell sits under the one that took it over): so the paper of a cell formed by a merge in the month
counts its predecessors' members at the start of the month, and the members a merge brought are listed in
their own section, "Tiếp nhận do sáp nhập", not as transfers. A merged cell's own paper for that month lists
its members under "Chuyển đi do sáp nhập". Moves between the cells of one paper by merge are neither.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.domain.vocab import OrgChange, OrgKind
from dangvien_cli.store.models import Member, Membership, Organisation, OrgClosureSpan
from dangvien_cli.store.orgs import get_org, subtree_ids
from dangvien_cli.store.tree import alive_on, span_on, subtree_at

MERGE = OrgChange.merge.value


def paper_cells(*, session: Session, cell_id: int, last: date) -> list[int]:
    """The cells a paper covers: the cell and those merged into it by the month's last day."""
    return sorted(int(i) for i in session.execute(subtree_at(cell_id, last)).scalars())


def not_by_merge(column: Any) -> sa.ColumnElement[bool]:
    """SQL: a membership that did not begin by a merge."""
    return sa.or_(col(column).is_(None), col(column) != MERGE)


def in_month(column: Any, first: date, last: date) -> sa.ColumnElement[bool]:
    """SQL: the day in ``column`` lies in [first, last]."""
    return sa.and_(column >= first, column <= last)


def merged_in(*, session: Session, cell_ids: list[int], first: date, last: date) -> list[dict[str, Any]]:
    """Members whose membership of one of these cells began by a merge in the month, and where from."""
    earlier = sa.orm.aliased(Membership)
    source = sa.orm.aliased(Organisation)
    query = (
        select(Membership, Member.full_name, source.code)
        .join(Member, col(Member.id) == Membership.member_id)
        .join(
            earlier,
            sa.and_(
                col(earlier.member_id) == Membership.member_id,
                col(earlier.end_on) == Membership.start_on,
                col(earlier.id) != Membership.id,
            ),
        )
        .join(source, col(source.id) == earlier.cell_id)
        .where(
            col(Membership.cell_id).in_(cell_ids),
            Membership.reason == MERGE,
            in_month(col(Membership.start_on), first, last),
        )
        .order_by(col(Membership.start_on), col(Member.name_sort), col(Membership.id))
    )
    return [
        {"member_id": m.member_id, "full_name": name, "moved_on": m.start_on.isoformat(), "from_cell": code}
        for m, name, code in session.execute(query)
    ]


def departures(
    *, session: Session, cell_ids: list[int], first: date, last: date, by_merge: bool
) -> list[dict[str, Any]]:
    """Members of these cells whose membership ended in the month and who went on in another cell: by a
    merge into a cell the paper does not cover (``by_merge``), else by a transfer."""
    following = sa.orm.aliased(Membership)
    target = sa.orm.aliased(Organisation)
    how = (
        [following.reason == MERGE, col(following.cell_id).not_in(cell_ids)]
        if by_merge
        else [not_by_merge(following.reason)]
    )
    query = (
        select(Membership, Member.full_name, target.code)
        .join(Member, col(Member.id) == Membership.member_id)
        .join(
            following,
            sa.and_(
                col(following.member_id) == Membership.member_id,
                col(following.start_on) == Membership.end_on,
                col(following.id) != Membership.id,
            ),
        )
        .join(target, col(target.id) == following.cell_id)
        .where(col(Membership.cell_id).in_(cell_ids), in_month(col(Membership.end_on), first, last), *how)
        .order_by(col(Membership.end_on), col(Member.name_sort), col(Membership.id))
    )
    return [
        {"member_id": m.member_id, "full_name": name, "moved_on": m.end_on.isoformat(), "to_cell": code}
        for m, name, code in session.execute(query)
        if m.end_on is not None
    ]


def merged_out(*, session: Session, cell_ids: list[int], first: date, last: date) -> list[dict[str, Any]]:
    """Members of these cells moved by a merge in the month into a cell the paper does not cover."""
    return departures(session=session, cell_ids=cell_ids, first=first, last=last, by_merge=True)


def base_on(*, session: Session, org_id: int, on: date) -> Organisation:
    """The base organisation a cell belonged to on ``on`` (itself for a base cell; the cell itself when it
    had none then)."""
    base = session.exec(
        select(Organisation)
        .join(OrgClosureSpan, col(OrgClosureSpan.ancestor_id) == Organisation.id)
        .where(
            OrgClosureSpan.descendant_id == org_id,
            span_on(on),
            Organisation.kind == OrgKind.base.value,
        )
        .order_by(col(OrgClosureSpan.depth))
    ).first()
    found = base or session.get(Organisation, org_id)
    assert found is not None
    return found


def cells_under(*, session: Session, org_code: str, on: date | None = None) -> list[str]:
    """The codes of the units under ``org_code`` that hold members (cells, and base cells), by code: in the
    tree as of ``on`` (today's without it)."""
    org = get_org(session=session, code=org_code, field="org")
    assert org.id is not None
    child = sa.orm.aliased(Organisation)
    has_children = sa.exists(
        select(child.id).where(col(child.parent_id) == Organisation.id, col(child.end_on).is_(None))
    )
    under = subtree_at(org.id, on) if on is not None else subtree_ids(org.id)
    query = (
        select(Organisation.code)
        .where(
            col(Organisation.id).in_(under),
            sa.or_(
                col(Organisation.kind) == "cell",
                sa.and_(col(Organisation.kind) == "base", ~has_children),
            ),
            alive_on(on) if on is not None else col(Organisation.end_on).is_(None),
        )
        .order_by(col(Organisation.code))
    )
    return list(session.exec(query))

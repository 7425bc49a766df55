"""How a report over a subtree reads the people's tables: the whole table once in its own order, or the
subtree's cells through the cell index.

A report over most of the tree scans the table (a rowid scan: each page read once); walking an index
over most of it would make every row a random read. A report over a small part of a large tree (under a
tenth of its organisations: a base organisation, a cell, a ward) searches the cell index for its cells
only, so that its time follows its own size, not the country's. docs/performance.md has the figures;
tests/test_query_plans.py checks the plans.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.store.models import Organisation, OrgClosureSpan
from dangvien_cli.store.tree import span_on

SUBTREE_BY_INDEX = 10
"""A subtree with fewer than 1/SUBTREE_BY_INDEX of the organisations is read through the cell index."""


def cells_to_read(session: Session, root_ids: Iterable[int], on: date) -> set[int] | None:
    """The organisations under ``root_ids`` (themselves included) in the tree as of ``on``, when they are
    few enough to be read through the cell index; None when the whole table is to be scanned."""
    roots = list(root_ids)
    if not roots:
        return None
    under = select(OrgClosureSpan.descendant_id).where(
        col(OrgClosureSpan.ancestor_id).in_(roots), span_on(on)
    )
    cells = {int(i) for i in session.execute(under).scalars()}
    total = session.execute(sa.select(sa.func.count()).select_from(Organisation)).scalar_one()
    return cells if len(cells) * SUBTREE_BY_INDEX < total else None

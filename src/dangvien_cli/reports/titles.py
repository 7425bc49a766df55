"""What a report's title names: the organisation it is about, by its name, as a paper heads it.

A report on ``--org X`` is about X; without ``--org`` it is about the whole database, which is usually one
tree (the city's committee): its root's name then; with several trees, a title says "every organisation".
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from dangvien_cli.render.model import Title
from dangvien_cli.store.models import Organisation


def scope(session: Session, root: Organisation | None) -> Title:
    """The organisation a report is about, for its title: ``Đảng bộ phường Trần Phú``."""
    if root is not None:
        return Title(text=root.name)
    tops = list(session.exec(select(Organisation).where(col(Organisation.parent_id).is_(None)).limit(2)))
    if len(tops) == 1:
        return Title(text=tops[0].name)
    return Title("report.every_org")

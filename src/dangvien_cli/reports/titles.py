"""What a report's title names (the organisation it is about, by its name, as a paper heads it), and what a
Word document of it says around its tables (who issues it, and who signs).

A report on ``--org X`` is about X; without ``--org`` it is about the whole database, which is usually one
tree (the city's committee): its root's name then; with several trees, a title says "every organisation".
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from sqlmodel import Session, col, select

from dangvien_cli.domain.settings import Settings
from dangvien_cli.render.model import Document, Title
from dangvien_cli.store.models import Organisation


class Named(Protocol):
    """An organisation as a report names it: a stored one, or one as it was on a day (store.tree.OrgOn)."""

    @property
    def id(self) -> int | None: ...
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def parent_id(self) -> int | None: ...


def scope(session: Session, root: Named | None) -> Title:
    """The organisation a report is about, for its title: ``Đảng bộ phường Trần Phú``."""
    if root is not None:
        return Title(text=root.name)
    tops = list(session.exec(select(Organisation).where(col(Organisation.parent_id).is_(None)).limit(2)))
    if len(tops) == 1:
        return Title(text=tops[0].name)
    return Title("report.every_org")


def document(
    session: Session,
    org: Named | None,
    subject: Title,
    on: date,
    settings: Settings | None,
    kind: str = "report",
) -> Document:
    """What a Word document of a report on ``org`` says around its tables: ``org`` issues it (the single
    top-level organisation without one), under the name of the organisation above it; a đảng bộ's committee
    signs for a đảng bộ, the cell's secretary for a chi bộ."""
    if org is None:
        tops = list(session.exec(select(Organisation).where(col(Organisation.parent_id).is_(None)).limit(2)))
        org = tops[0] if len(tops) == 1 else None
    if org is None:
        return Document(
            issuer="", subject=subject, on=on, place=settings.place_name if settings else "", kind=kind
        )
    parent = session.get(Organisation, org.parent_id) if org.parent_id is not None else None
    has_children = session.exec(
        select(Organisation.id).where(Organisation.parent_id == org.id).limit(1)
    ).first()
    return Document(
        issuer=org.name,
        superior=parent.name if parent is not None else "",
        committee=org.kind != "cell" and has_children is not None,
        subject=subject,
        on=on,
        place=settings.place_name if settings else "",
        kind=kind,
    )

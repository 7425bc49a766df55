"""The papers entered in admission dossiers: adding, removing, and the rows of their export.

A paper is entered for a person (:class:`dangvien_cli.store.dossiers.Subject`) under a code of the list
(``1-KNĐ``); its date is not after today, nor before the person was born. A form the dossier holds once
(the application, the cell's resolution) is entered once: another is refused until the first is removed,
so that nothing entered is replaced in silence. An entered paper takes the place of what the workflow's
record says for its form (see :mod:`dangvien_cli.domain.dossier`). Every change is logged.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.domain.dossier import DossierPaper, record_papers
from dangvien_cli.domain.dossier_list import PaperSpec, form_key
from dangvien_cli.domain.people import check_not_future
from dangvien_cli.domain.vocab import DossierStep
from dangvien_cli.errors import Conflict, InvalidValue, NotFound
from dangvien_cli.store.changelog import log_insert, record_change, snapshot
from dangvien_cli.store.dossiers import Subject, dossier_facts
from dangvien_cli.store.models import Candidate, Member, Membership, Paper
from dangvien_cli.store.orgs import get_org, subtree_ids

MAX_TEXT = 500
"""The longest number, author or file reference a paper takes (a path or a shelf mark, not a text)."""


@dataclass(frozen=True)
class PaperFields:
    """What is entered of a paper."""

    on: date
    number: str | None = None
    author: str | None = None
    file: str | None = None


def _clean(field: str, value: str | None, *, keep_spaces: bool = False) -> str | None:
    if value is None:
        return None
    text = value.strip() if keep_spaces else " ".join(value.split())
    if len(text) > MAX_TEXT:
        raise InvalidValue(field, text[:40] + "…", "value.too_long", limit=MAX_TEXT)
    return text or None


def cleaned(fields: PaperFields) -> PaperFields:
    """The fields as stored: spaces tidied (a file's path as given, but for its ends), empty as None."""
    return PaperFields(
        fields.on,
        _clean("number", fields.number),
        _clean("author", fields.author),
        _clean("file", fields.file, keep_spaces=True),
    )


def _owner(subject: Subject) -> Any:
    """SQL: the papers entered for ``subject`` (for the candidate, or for the member)."""
    conditions = []
    if subject.candidate is not None:
        conditions.append(col(Paper.candidate_id) == subject.candidate.id)
    if subject.member is not None:
        conditions.append(col(Paper.member_id) == subject.member.id)
    return sa.or_(*conditions)


def entered_papers(*, session: Session, subject: Subject, spec: PaperSpec) -> list[Paper]:
    """The papers entered in ``subject``'s dossier under ``spec``'s code, oldest first."""
    query = select(Paper).where(_owner(subject)).order_by(col(Paper.on), col(Paper.id))
    return [p for p in session.exec(query) if form_key(p.form) == form_key(spec.code)]


def check_paper(subject: Subject, spec: PaperSpec, fields: PaperFields, *, today: date) -> None:
    """Refuse a paper dated after today or before the person was born, and a paper of recognition for
    someone who is not a member."""
    check_not_future("date", fields.on, today=today)
    person = subject.member or subject.candidate
    assert person is not None
    if fields.on < person.birth_date:
        raise InvalidValue(
            "date", fields.on.isoformat(), "date.before", other=person.birth_date, other_field="birth_date"
        )
    if spec.step is DossierStep.recognition and subject.member is None:
        raise InvalidValue("form", spec.code, "dossier.needs_member")


def record_paper(*, session: Session, subject: Subject, spec: PaperSpec, at: date) -> DossierPaper | None:
    """What the workflow's record says for ``spec``'s form, if anything (the paper an entered one
    replaces)."""
    (facts,) = dossier_facts(session=session, subjects=[subject], at=at)
    found = [p for p in record_papers(facts, at) if form_key(p.form) == form_key(spec.code)]
    return found[0] if found else None


def add_paper(
    *, session: Session, subject: Subject, spec: PaperSpec, fields: PaperFields, today: date
) -> Paper:
    """Enter a paper in ``subject``'s dossier. A second paper of a form held once is refused, naming the
    first."""
    fields = cleaned(fields)
    check_paper(subject, spec, fields, today=today)
    if not spec.many:
        existing = entered_papers(session=session, subject=subject, spec=spec)
        if existing:
            raise Conflict("form", spec.code, "dossier.already_entered", on=existing[0].on)
    paper = Paper(
        candidate_id=subject.candidate.id if subject.candidate is not None else None,
        member_id=subject.member.id if subject.member is not None else None,
        form=spec.code,
        on=fields.on,
        number=fields.number,
        author=fields.author,
        file=fields.file,
    )
    session.add(paper)
    session.flush()
    log_insert(session=session, entity="paper", record=paper)
    return paper


def update_paper(*, session: Session, paper: Paper, fields: PaperFields) -> None:
    """Change an entered paper's date, number, author or file (an import's ``--on-duplicate update``);
    logged with its values before and after."""
    before = snapshot(paper)
    paper.on, paper.number, paper.author, paper.file = fields.on, fields.number, fields.author, fields.file
    session.add(paper)
    session.flush()
    assert paper.id is not None
    record_change(
        session=session,
        action="update",
        entity="paper",
        entity_id=paper.id,
        before=before,
        after=snapshot(paper),
    )


def remove_paper(
    *,
    session: Session,
    subject: Subject,
    spec: PaperSpec,
    on: date | None = None,
    number: str | None = None,
    today: date,
) -> Paper:
    """Take an entered paper out of ``subject``'s dossier. With several of the form, ``on`` or ``number``
    says which; a paper the workflow's record stands for cannot be removed (the record says the step was
    taken)."""
    papers = entered_papers(session=session, subject=subject, spec=spec)
    if on is not None:
        papers = [p for p in papers if p.on == on]
    if number is not None:
        papers = [p for p in papers if (p.number or "") == " ".join(number.split())]
    if not papers:
        if (
            on is None
            and number is None
            and record_paper(session=session, subject=subject, spec=spec, at=today)
        ):
            raise Conflict("form", spec.code, "dossier.from_record", command=spec.recorded_by)
        raise NotFound("form", spec.code, "dossier.not_in_dossier")
    if len(papers) > 1:
        raise InvalidValue("form", spec.code, "dossier.which", count=len(papers))
    paper = papers[0]
    assert paper.id is not None
    record_change(
        session=session, action="delete", entity="paper", entity_id=paper.id, before=snapshot(paper)
    )
    session.delete(paper)
    session.flush()
    return paper


# --- export --------------------------------------------------------------------------------------------


def person_ref(person: Member | Candidate) -> str:
    """How a file names a dossier's person: the citizen ID, else "Name (dd/mm/yyyy)" (as the importer reads
    it back)."""
    if person.citizen_id:
        return person.citizen_id
    return f"{person.full_name} ({person.birth_date.strftime('%d/%m/%Y')})"  # as exports.member_ref


def paper_rows(
    *, session: Session, org_code: str | None, on: date | None
) -> Generator[dict[str, Any], None, None]:
    """The entered papers, by person and date: the person named as a file names people, then the paper's
    own fields. A paper is listed under its person's cell now (the candidate's, else the member's first);
    ``on`` leaves out papers dated after it."""
    statement = (
        select(Paper, Candidate, Member)
        .join(Candidate, col(Candidate.id) == Paper.candidate_id, isouter=True)
        .join(Member, col(Member.id) == Paper.member_id, isouter=True)
    )
    if on is not None:
        statement = statement.where(col(Paper.on) <= on)
    if org_code is not None:
        org = get_org(session=session, code=org_code)
        assert org.id is not None
        member_cells = select(Membership.member_id).where(col(Membership.cell_id).in_(subtree_ids(org.id)))
        statement = statement.where(
            sa.or_(
                col(Candidate.cell_id).in_(subtree_ids(org.id)),
                sa.and_(col(Paper.candidate_id).is_(None), col(Paper.member_id).in_(member_cells)),
            )
        )
    statement = statement.order_by(
        sa.func.coalesce(col(Candidate.name_sort), col(Member.name_sort)), col(Paper.on), col(Paper.id)
    )
    for paper, candidate, member in session.execute(statement):
        person = candidate or member
        yield {
            "person": person_ref(person),
            "full_name": person.full_name,
            "form": paper.form,
            "date": paper.on.isoformat(),
            "number": paper.number,
            "author": paper.author,
            "file": paper.file,
        }


__all__ = [
    "PaperFields",
    "add_paper",
    "check_paper",
    "cleaned",
    "entered_papers",
    "paper_rows",
    "record_paper",
    "remove_paper",
    "update_paper",
]

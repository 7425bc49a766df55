"""Exporting lists in the import format: what ``export`` writes, ``import`` reads back unchanged.

Each list is written with its canonical English headers (see :mod:`dangvien_cli.exchange.columns`), ISO
dates, and people named by citizen ID where they have one (mentors, introducers, review authors), else by
full name. ``--at D`` exports the records as they stood on D; ``--redact`` masks citizen IDs and birth days
for lists that leave the office (such a list is for reading, not for importing back). Text that a
spreadsheet would run as a formula is neutralised (see :mod:`dangvien_cli.exchange.safety`); the CSV reader
undoes the CSV escape, so the round trip still holds.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.exchange.columns import canonical_headers
from dangvien_cli.render.xlsx_cells import xlsx_guard, xlsx_text
from dangvien_cli.store.models import (
    Candidate,
    Member,
    Membership,
    Organisation,
    Quota,
    QuotaMilestone,
    Remark,
)
from dangvien_cli.store.orgs import get_org, list_orgs, subtree_ids
from dangvien_cli.text import mask_reference, neutralise, redact

FORMATS = ("csv", "json", "xlsx")


@dataclass(frozen=True)
class ExportQuery:
    entity: str
    org_code: str | None = None
    on: date | None = None
    redact: bool = False


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _person_ref(citizen_id: str | None, full_name: str | None) -> str | None:
    return citizen_id or full_name


def member_ref(member: Member | None) -> str | None:
    """How a file names a member (a mentor, an introducer, a remark's author): the citizen ID, or else the
    full name with the birth date, "Lê Văn Hùng (20/11/1971)", which the importer reads back (two people may
    share a name; both the name and the day they were born, far more rarely)."""
    if member is None:
        return None
    if member.citizen_id:
        return member.citizen_id
    return f"{member.full_name} ({member.birth_date.strftime('%d/%m/%Y')})"


def _person_fields(person: Member | Candidate) -> dict[str, Any]:
    return {
        "citizen_id": person.citizen_id,
        "full_name": person.full_name,
        "family_name": person.family_name,
        "middle_name": person.middle_name or None,
        "given_name": person.given_name,
        "gender": person.gender,
        "birth_date": person.birth_date.isoformat(),
    }


def _extra_fields(person: Member | Candidate) -> dict[str, Any]:
    return {
        "ethnicity": person.ethnicity,
        "religion": person.religion,
        "education": person.education,
        "occupation": person.occupation,
        "youth_union": person.youth_union,
    }


def _subtree(session: Session, org_code: str | None) -> Any:
    if org_code is None:
        return None
    org = get_org(session=session, code=org_code)
    assert org.id is not None
    return subtree_ids(org.id)


def export_records(*, session: Session, query: ExportQuery) -> Iterator[dict[str, Any]]:
    """The rows of a list, each a dict keyed by the canonical headers, in a stable order."""
    exporters = {
        "orgs": _orgs,
        "members": _members,
        "candidates": _candidates,
        "reviews": _reviews,
        "quotas": _quotas,
    }
    rows = exporters[query.entity](session, query)
    headers = canonical_headers(query.entity)
    for row in rows:
        if query.redact:
            row = redact(row)  # citizen_id, birth_date, candidate_birth_date
            for key in ("mentor", "introducer_1", "introducer_2", "author", "candidate"):
                if key in row:
                    row[key] = mask_reference(row[key])
        yield {h: row.get(h) for h in headers}


def _orgs(session: Session, query: ExportQuery) -> Iterator[dict[str, Any]]:
    for org in list_orgs(session=session, under=query.org_code):
        yield {
            "code": org.code,
            "name": org.name,
            "kind": org.kind,
            "parent": org.parent,
            "place": org.place,
            "population": org.population,
        }


def _members(session: Session, query: ExportQuery) -> Iterator[dict[str, Any]]:
    on = query.on
    # The member's cell: on D, the membership covering D (or the last one, for someone who had left);
    # without D, the latest membership.
    latest = select(Membership.cell_id).where(Membership.member_id == Member.id)
    if on is not None:
        latest = latest.where(Membership.start_on <= on)
    cell_id = (
        latest.order_by(col(Membership.start_on).desc(), col(Membership.id).desc())
        .limit(1)
        .correlate(Member)
        .scalar_subquery()
    )
    statement = select(Member, Organisation.code).join(Organisation, col(Organisation.id) == cell_id)
    if on is not None:
        statement = statement.where(Member.admitted_on <= on)
    subtree = _subtree(session, query.org_code)
    if subtree is not None:
        statement = statement.where(col(Organisation.id).in_(subtree))
    statement = statement.order_by(col(Member.name_sort), col(Member.id))

    def as_of(day: date | None) -> str | None:
        return _iso(day) if day is not None and (on is None or day <= on) else None

    # A server-side cursor on PostgreSQL: closed even when the writer stops half-way (a refused value)
    result = session.execute(statement.execution_options(yield_per=2000))
    try:
        for member, cell in result:
            left_on = as_of(member.left_on)
            yield {
                **_person_fields(member),
                "cell": cell,
                "admitted_on": member.admitted_on.isoformat(),
                "decision_no": member.decision_no,
                "ceremony_on": as_of(member.ceremony_on),
                "official_on": as_of(member.official_on),
                "left_on": left_on,
                "left_reason": member.left_reason if left_on else None,
                **_extra_fields(member),
            }
    finally:
        result.close()


def _candidates(session: Session, query: ExportQuery) -> Iterator[dict[str, Any]]:
    mentor = sa.orm.aliased(Member)
    first = sa.orm.aliased(Member)
    second = sa.orm.aliased(Member)
    statement = (
        sa.select(Candidate, col(Organisation.code), mentor, first, second)
        .join(Organisation, col(Organisation.id) == Candidate.cell_id)
        .join(mentor, col(mentor.id) == Candidate.mentor_id, isouter=True)
        .join(first, col(first.id) == Candidate.introducer_1_id, isouter=True)
        .join(second, col(second.id) == Candidate.introducer_2_id, isouter=True)
    )
    if query.on is not None:
        statement = statement.where(col(Candidate.identified_on) <= query.on)
    subtree = _subtree(session, query.org_code)
    if subtree is not None:
        statement = statement.where(col(Candidate.cell_id).in_(subtree))
    statement = statement.order_by(col(Candidate.name_sort), col(Candidate.id))
    for candidate, cell, mentor_row, first_row, second_row in session.execute(statement):
        yield {
            **_person_fields(candidate),
            "cell": cell,
            "source": candidate.source,
            "identified_on": candidate.identified_on.isoformat(),
            "stage": candidate.stage,
            "mentor": member_ref(mentor_row),
            "mentor_assigned_on": _iso(candidate.mentor_assigned_on),
            "trained_on": _iso(candidate.certificate_on),
            "certificate_no": candidate.certificate_no,
            "applied_on": _iso(candidate.applied_on),
            "introducer_1": member_ref(first_row),
            "introducer_2": member_ref(second_row),
            "youth_union_introduces": candidate.youth_union_introduces,
            "proposed_on": _iso(candidate.proposed_on),
            "resolution_no": candidate.resolution_no,
            "dropped_on": _iso(candidate.dropped_on),
            "drop_reason": candidate.drop_reason,
            **_extra_fields(candidate),
        }


def _reviews(session: Session, query: ExportQuery) -> Iterator[dict[str, Any]]:
    author = sa.orm.aliased(Member)
    statement = (
        sa.select(
            Remark, col(Candidate.citizen_id), col(Candidate.full_name), col(Candidate.birth_date), author
        )
        .join(Candidate, col(Candidate.id) == Remark.candidate_id)
        .join(author, col(author.id) == Remark.author_id)
    )
    if query.on is not None:
        statement = statement.where(col(Remark.remarked_on) <= query.on)
    subtree = _subtree(session, query.org_code)
    if subtree is not None:
        statement = statement.where(col(Candidate.cell_id).in_(subtree))
    statement = statement.order_by(col(Candidate.name_sort), col(Remark.remarked_on), col(Remark.id))
    for remark, c_id, c_name, c_born, author_row in session.execute(statement):
        yield {
            "candidate": _person_ref(c_id, c_name),
            "candidate_birth_date": None if c_id else c_born.isoformat(),
            "author": member_ref(author_row),
            "date": remark.remarked_on.isoformat(),
            "text": remark.text,
        }


def _quotas(session: Session, query: ExportQuery) -> Iterator[dict[str, Any]]:
    statement = select(Quota, Organisation.code).join(Organisation, col(Organisation.id) == Quota.org_id)
    if query.on is not None:
        statement = statement.where(Quota.year <= query.on.year)
    subtree = _subtree(session, query.org_code)
    if subtree is not None:
        statement = statement.where(col(Quota.org_id).in_(subtree))
    statement = statement.order_by(col(Quota.year), col(Organisation.code))
    for quota, code in session.execute(statement):
        milestones = session.exec(
            select(QuotaMilestone)
            .where(QuotaMilestone.quota_id == quota.id)
            .order_by(col(QuotaMilestone.due_on))
        ).all()
        yield {
            "org": code,
            "year": quota.year,
            "target": quota.target,
            "residential_target": quota.residential_target,
            "stretch_target": quota.stretch_target,
            "milestones": "; ".join(f"{m.period}={m.target}" for m in milestones) or None,
        }


# --- writers ---------------------------------------------------------------------------------------

_DATE_COLUMNS = {
    "birth_date",
    "admitted_on",
    "ceremony_on",
    "official_on",
    "left_on",
    "identified_on",
    "mentor_assigned_on",
    "trained_on",
    "applied_on",
    "proposed_on",
    "dropped_on",
    "candidate_birth_date",
    "date",
}
_TEXT_COLUMNS = {
    "citizen_id",
    "decision_no",
    "certificate_no",
    "resolution_no",
    "code",
    "cell",
    "parent",
    "org",
}


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return neutralise(value)


def write_csv(rows: Iterator[dict[str, Any]], headers: list[str], out: io.TextIOBase | Any) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    count = 0
    for row in rows:
        writer.writerow([_csv_value(row[h]) for h in headers])
        count += 1
    return count


def write_json(rows: Iterator[dict[str, Any]], out: io.TextIOBase | Any) -> int:
    """A JSON array, one object a line, written as it streams."""
    count = 0
    out.write("[")
    for row in rows:
        out.write(",\n" if count else "\n")
        out.write(json.dumps(row, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def write_xlsx(rows: Iterator[dict[str, Any]], headers: list[str], path: Path, sheet: str) -> int:
    """An xlsx workbook: dates as date cells (dd/mm/yyyy), codes and citizen IDs as Text cells."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(worksheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    worksheet.append(header_cells)
    count = 0
    try:
        for row in rows:
            cells = []
            for header in headers:
                value = row[header]
                if header in _DATE_COLUMNS and isinstance(value, str) and "*" not in value:
                    day = date.fromisoformat(value)
                    cell = WriteOnlyCell(worksheet, value=datetime(day.year, day.month, day.day))
                    cell.number_format = "DD/MM/YYYY"
                else:
                    cell = xlsx_text(WriteOnlyCell(worksheet, value=value))
                    if header in _TEXT_COLUMNS:
                        cell.number_format = "@"
                cells.append(cell)
            worksheet.append(cells)
            count += 1
    except BaseException:
        # Finish the sheet's temporary stream now (the file is never saved), not in the garbage collector.
        with contextlib.suppress(Exception):
            worksheet.close()
        raise
    workbook.save(path)
    return count


def write_export(
    rows: Iterator[dict[str, Any]], headers: list[str], fmt: str, output: Path | None, sheet: str
) -> int:
    """Write ``rows`` in ``fmt`` to ``output`` (standard output when None); returns the number of rows.

    CSV files get a UTF-8 byte-order mark, so that Excel opens them with the right letters."""
    if fmt == "xlsx":
        assert output is not None
        with xlsx_guard(output):
            return write_xlsx(rows, headers, output, sheet)
    if output is None:
        return write_csv(rows, headers, sys.stdout) if fmt == "csv" else write_json(rows, sys.stdout)
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    with output.open("w", encoding=encoding, newline="") as handle:
        return write_csv(rows, headers, handle) if fmt == "csv" else write_json(rows, handle)

"""Exporting lists in the import format: what ``export`` writes, ``import`` reads back unchanged.

Each list is written with its canonical English headers (see :mod:`dangvien_cli.exchange.columns`), ISO
dates, and people named by citizen ID where they have one (mentors, introducers, review authors), else by
full name with the birth date (the queries: :mod:`dangvien_cli.store.exports`). ``--at D`` exports the
records as they stood on D; ``--redact`` masks citizen IDs and birth days for lists that leave the office
(such a list is for reading, not for importing back). The list becomes a view that the renderer writes as
CSV, JSON or xlsx; text a spreadsheet would run as a formula is neutralised there, and the CSV reader undoes
the CSV escape, so the round trip still holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session

from dangvien_cli.exchange.columns import _lookup, canonical_headers, header_key
from dangvien_cli.messages.catalog import FIELDS
from dangvien_cli.render.model import Column, Kind, Shape, Title, View
from dangvien_cli.store.exports import EXPORTS
from dangvien_cli.text import mask_reference, redact

# How the canonical columns read in a workbook: dates as date cells, figures and flags as such; the rest
# (names, codes, citizen IDs, numbers of decisions) as Text cells.
KINDS = {
    **dict.fromkeys(
        (
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
        ),
        Kind.date,
    ),
    **dict.fromkeys(("population", "year", "target", "residential_target", "stretch_target"), Kind.int),
    **dict.fromkeys(("youth_union", "youth_union_introduces"), Kind.bool),
}
# The people a row names besides its own: masked by --redact as a reference (a citizen ID, or the birth day
# beside a name).
REFERENCES = ("mentor", "introducer_1", "introducer_2", "author", "candidate")


@dataclass(frozen=True)
class ExportQuery:
    entity: str
    org_code: str | None = None
    on: date | None = None
    redact: bool = False


def export_records(*, session: Session, query: ExportQuery) -> Iterator[dict[str, Any]]:
    """The rows of a list, each a dict keyed by the canonical headers, in a stable order."""
    rows = EXPORTS[query.entity](session=session, org_code=query.org_code, on=query.on)
    headers = canonical_headers(query.entity)
    try:
        for row in rows:
            if query.redact:
                row = redact(row)  # citizen_id, birth_date, candidate_birth_date
                for key in REFERENCES:
                    if key in row:
                        row[key] = mask_reference(row[key])
            yield {h: row.get(h) for h in headers}
    finally:
        rows.close()  # the query's cursor, however the writing ended


def readable_header(entity: str, key: str) -> Title | None:
    """A column's header as people read it in a workbook, in each language, where the importer reads that
    header back as the same column (``Họ và tên``, ``Full name``); else None: the key stays the header."""
    entry = FIELDS.get(key)
    if entry is None:
        return None
    lookup = _lookup(entity)
    texts = tuple(label if lookup.get(header_key(label)) == key else key for label in entry)
    return Title(texts=(texts[0], texts[1])) if texts != (key, key) else None


def export_view(*, session: Session, query: ExportQuery) -> View:
    """The list as a view in the import format (rows stream from the query while it is written); a
    workbook heads its columns in the run's language where the importer reads them back."""
    columns = [
        Column(h, KINDS.get(h, Kind.text), label=readable_header(query.entity, h))
        for h in canonical_headers(query.entity)
    ]
    rows = export_records(session=session, query=query)
    return View(Shape.list, columns=columns, rows=rows, name=query.entity, exchange=True)

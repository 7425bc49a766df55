"""Importing lists: every row validated, people matched, rows written in chunks inside one transaction.

The caller owns the transaction: it commits only when the report has no problems and this is not a dry
run, so an import lands whole or not at all. Rows are validated in Python and written with executemany
(``insert().returning(id)`` for the ids), a chunk at a time; each chunk is matched against the database
*inside* the transaction, so a person who appears twice in one file is caught like one already stored.

Matching people: the citizen ID first; otherwise the folded full name plus the birth date. A match on
name and birth date alone is a *possible* duplicate: it is reported, and ``--on-duplicate`` decides; it is
never merged in silence. A row equal to what is stored (blank cells ignored) is skipped as unchanged, so
importing the same file twice changes nothing the second time. Blank cells never overwrite stored values.

One module a list: :mod:`.orgs`, :mod:`.members`, :mod:`.candidates`, :mod:`.reviews`, :mod:`.quotas`.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session

from dangvien_cli.errors import InvalidValue
from dangvien_cli.exchange.columns import map_headers, specs
from dangvien_cli.exchange.importing.candidates import CandidateHandler
from dangvien_cli.exchange.importing.handler import Handler, drop_indexes
from dangvien_cli.exchange.importing.members import MemberHandler
from dangvien_cli.exchange.importing.orgs import OrgHandler
from dangvien_cli.exchange.importing.quotas import QuotaHandler
from dangvien_cli.exchange.importing.reviews import ReviewHandler
from dangvien_cli.exchange.importing.rows import (
    ImportOptions,
    ImportReport,
    Problem,
    Row,
    Table,
    parse_rows,
)

__all__ = ["ENTITIES", "ON_DUPLICATE", "ImportOptions", "ImportReport", "Problem", "Table", "import_table"]

CHUNK_ROWS = 1000
IMPORT_CACHE_KIB = 64 * 1024
# Indexes built once at the end of a large import instead of row by row (measured: see benchmarks/).
DEFER_INDEXES_AFTER = 50_000
DEFERRABLE_INDEXES = {
    "members": ("ix_member_admitted_on", "ix_member_name_sort", "ix_membership_cell_id_start_on"),
    "candidates": ("ix_candidate_name_sort", "ix_candidate_cell_id"),
}
ON_DUPLICATE = ("error", "skip", "update")
ENTITIES = ("orgs", "members", "candidates", "reviews", "quotas")

_HANDLERS: dict[str, type[Handler]] = {
    "orgs": OrgHandler,
    "members": MemberHandler,
    "candidates": CandidateHandler,
    "reviews": ReviewHandler,
    "quotas": QuotaHandler,
}


def import_table(
    *,
    session: Session,
    entity: str,
    table: Table,
    options: ImportOptions,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import ``table`` as ``entity`` in the caller's transaction."""
    if entity not in ENTITIES:
        raise InvalidValue("entity", entity, "value.choice", choices=", ".join(ENTITIES))
    if options.on_duplicate not in ON_DUPLICATE:
        raise InvalidValue(
            "on_duplicate", options.on_duplicate, "value.choice", choices=", ".join(ON_DUPLICATE)
        )
    header_map = map_headers(entity, table.headers)
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        # A large import touches index pages all over the file: a bigger page cache (the default is 2 MiB)
        # keeps them in memory instead of spilling them to the WAL again and again. Memory stays bounded.
        connection.exec_driver_sql(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}")
    report = ImportReport(entity=entity, ignored_columns=header_map.ignored)
    handler_class = _HANDLERS[entity]
    handler = handler_class(session=session, options=options, report=report)
    batch: list[Row] = []
    deferred: list[str] = []
    for row in parse_rows(table, header_map, specs(entity), options.parse, report):
        report.rows += 1
        handler.check(row)
        if not row.failed:
            batch.append(row)
        if len(batch) >= CHUNK_ROWS:
            handler.write(batch)
            batch = []
            if report.rows >= DEFER_INDEXES_AFTER and not deferred:
                deferred = drop_indexes(session, DEFERRABLE_INDEXES.get(entity, ()))
            if progress is not None:
                progress(report.rows)
    handler.write(batch)
    handler.finish()
    for statement in deferred:
        connection.exec_driver_sql(statement)
    if progress is not None:
        progress(report.rows)
    report.unescaped = getattr(table, "unescaped", 0)
    return report

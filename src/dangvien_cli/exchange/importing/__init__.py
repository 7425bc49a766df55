"""Importing lists: every row validated, people matched, rows written in chunks inside one transaction.

The caller owns the transaction: it commits only when the report has no problems and this is not a dry
run, so an import lands whole or not at all. Rows are parsed and checked here, by the domain's rules and the
store's checks that the record commands use; they are matched and written a chunk at a time, new people by
the store's bulk path (:mod:`dangvien_cli.store.bulk`). Each chunk is matched against the database *inside*
the transaction, so a person who appears twice in one file is caught like one already stored.

Nothing here writes SQL: every read and write is a call into :mod:`dangvien_cli.store`.

Matching people: the citizen ID first; otherwise the folded full name plus the birth date. A match on
name and birth date alone is a *possible* duplicate: it is reported, and ``--on-duplicate`` decides; it is
never merged in silence. A row equal to what is stored (blank cells ignored) is skipped as unchanged, so
importing the same file twice changes nothing the second time. Blank cells never overwrite stored values.

One module a list: :mod:`.orgs`, :mod:`.members`, :mod:`.candidates`, :mod:`.reviews`, :mod:`.quotas`,
the dossier's :mod:`.papers`, and the restructuring plan, :mod:`.restructure` (changes applied in order,
each by the store's functions).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from dangvien_cli.errors import InvalidValue
from dangvien_cli.exchange.columns import map_headers, specs
from dangvien_cli.exchange.importing.candidates import CandidateHandler
from dangvien_cli.exchange.importing.handler import Handler
from dangvien_cli.exchange.importing.members import MemberHandler
from dangvien_cli.exchange.importing.orgs import OrgHandler
from dangvien_cli.exchange.importing.papers import PaperHandler
from dangvien_cli.exchange.importing.quotas import QuotaHandler
from dangvien_cli.exchange.importing.restructure import RestructureHandler
from dangvien_cli.exchange.importing.reviews import ReviewHandler
from dangvien_cli.exchange.importing.rows import (
    ImportOptions,
    ImportReport,
    Problem,
    Row,
    Table,
    parse_rows,
)
from dangvien_cli.store.bulk import BulkWriter, ImportSource

if TYPE_CHECKING:
    from dangvien_cli.store.bulk import Session

__all__ = [
    "ENTITIES",
    "ON_DUPLICATE",
    "ImportOptions",
    "ImportReport",
    "ImportSource",
    "Problem",
    "Table",
    "import_table",
]

CHUNK_ROWS = 1000
"""Rows matched and written together: one bulk write, one lookup of the people already stored."""
ON_DUPLICATE = ("error", "skip", "update")
ENTITIES = ("orgs", "members", "candidates", "reviews", "quotas", "restructure", "papers")

_HANDLERS: dict[str, type[Handler]] = {
    "orgs": OrgHandler,
    "members": MemberHandler,
    "candidates": CandidateHandler,
    "reviews": ReviewHandler,
    "quotas": QuotaHandler,
    "restructure": RestructureHandler,
    "papers": PaperHandler,
}


def import_table(
    *,
    session: Session,
    entity: str,
    table: Table,
    options: ImportOptions,
    progress: Callable[[int], None] | None = None,
    source: ImportSource | None = None,
    portable: bool = False,
) -> ImportReport:
    """Import ``table`` as ``entity`` in the caller's transaction; ``source`` names the file in the change
    log's batch entries; ``portable`` writes without the bulk path's database-specific tricks (to compare
    them)."""
    if entity not in ENTITIES:
        raise InvalidValue("entity", entity, "value.choice", choices=", ".join(ENTITIES))
    if options.on_duplicate not in ON_DUPLICATE:
        raise InvalidValue(
            "on_duplicate", options.on_duplicate, "value.choice", choices=", ".join(ON_DUPLICATE)
        )
    header_map = map_headers(entity, table.headers, plain=getattr(table, "plain", False))
    writer = BulkWriter(session=session, entity=entity, source=source, portable=portable)
    report = ImportReport(entity=entity, ignored_columns=header_map.ignored)
    handler = _HANDLERS[entity](writer=writer, options=options, report=report)
    batch: list[Row] = []
    for row in parse_rows(table, header_map, specs(entity), options.parse, report):
        report.rows += 1
        handler.check(row)
        if not row.failed:
            batch.append(row)
        if len(batch) >= CHUNK_ROWS:
            handler.write(batch)
            batch = []
            writer.rows_seen(report.rows)
            if progress is not None:
                progress(report.rows)
    handler.write(batch)
    handler.finish()
    writer.finish()
    if progress is not None:
        progress(report.rows)
    report.unescaped = getattr(table, "unescaped", 0)
    return report

"""What every list's import shares: checking rows one by one, writing them a chunk at a time, the units that
may hold people, members named in a cell, and ``--on-duplicate``."""

from __future__ import annotations

import re

from dangvien_cli.domain.dates import parse_date
from dangvien_cli.domain.names import fold
from dangvien_cli.errors import InvalidValue
from dangvien_cli.exchange.importing.rows import ImportOptions, ImportReport, Row, add_problem, refuse_cell
from dangvien_cli.store.bulk import BulkWriter
from dangvien_cli.store.matching import PeopleUnits, PersonKey, referenced_ids
from dangvien_cli.store.models import Member

# "Lê Văn Hùng (20/11/1971)": how export names someone without a citizen ID (two may share a name)
_NAME_WITH_BIRTH = re.compile(r"^(.*\S)\s*\((\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})\)$")


def is_citizen_id(value: str) -> bool:
    """Whether a reference is a citizen ID (12 digits) rather than a name."""
    return value.isascii() and value.isdigit() and len(value) == 12


def member_key(value: str) -> PersonKey | None:
    """How a cell names a member: a citizen ID, "Name (dd/mm/yyyy)", or a name (None: an impossible date)."""
    if is_citizen_id(value):
        return PersonKey(citizen_id=value)
    named = _NAME_WITH_BIRTH.match(value)
    if named is None:
        return PersonKey(name_folded=fold(value))
    try:
        born = parse_date(named[2], "birth_date")
    except InvalidValue:
        return None
    return PersonKey(name_folded=fold(named[1]), birth_date=born)


class Handler:
    """Checks rows one by one, then writes them a chunk at a time."""

    def __init__(self, *, writer: BulkWriter, options: ImportOptions, report: ImportReport) -> None:
        self.writer = writer
        self.session = writer.session
        self.options = options
        self.report = report
        self._units = PeopleUnits(session=self.session)
        self._member_refs: dict[str, tuple[int | None, str]] = {}

    def check(self, row: Row) -> None:
        """Validate one row (problems go to the report and mark the row failed)."""

    def write(self, rows: list[Row]) -> None:
        """Match and write the rows that passed ``check``."""

    def finish(self) -> None:
        """Anything left once every row was seen."""

    # -- shared helpers --------------------------------------------------------------------------

    def check_unit(self, row: Row) -> bool:
        """The row's cell may hold people (the rule ``member add`` applies); its id goes in ``cell_id``."""
        try:
            row.values["cell_id"] = self._units.check(row.values["cell"])
        except InvalidValue as error:
            refuse_cell(self.report, row, "cell", error)
            return False
        return True

    def member_ref(self, value: str) -> tuple[int | None, str]:
        """A member named in a cell by citizen ID or by full name: (id, "") or (None, problem key)."""
        if value not in self._member_refs:
            key = member_key(value)
            ids = referenced_ids(session=self.session, model=Member, key=key) if key else []
            if not ids:
                self._member_refs[value] = (None, "import.ref_not_found")
            elif len(ids) > 1:
                self._member_refs[value] = (None, "import.ref_ambiguous")
            else:
                self._member_refs[value] = (ids[0], "")
        return self._member_refs[value]

    def duplicate(self, row: Row, existing_id: int, differences: list[str], by_name: bool) -> bool:
        """Apply ``--on-duplicate`` to a row that matches a stored record and differs from it.
        Returns True when the row should update the record."""
        if by_name:
            self.report.possible_duplicates.append(
                {"line": row.line, "id": existing_id, "full_name": row.values.get("full_name")}
            )
        policy = self.options.on_duplicate
        if policy == "update":
            return True
        if policy == "skip":
            self.report.skipped += 1
            return False
        key = "import.possible_duplicate" if by_name else "import.duplicate"
        first = differences[0]
        add_problem(self.report, row, first, key, id=existing_id, columns=", ".join(differences))
        return False

"""What members and candidates share: names, personal fields, matching with the people already stored."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from dangvien_cli.domain.people import person_name
from dangvien_cli.domain.stages import is_active
from dangvien_cli.errors import InvalidValue
from dangvien_cli.exchange.importing.handler import Handler
from dangvien_cli.exchange.importing.rows import Memo, Row, add_problem, refuse
from dangvien_cli.store.models import Candidate, Member

NAME_FIELDS = ("full_name", "family_name", "middle_name", "given_name")
_PERSONAL = (
    "gender",
    "birth_date",
    "citizen_id",
    "ethnicity",
    "religion",
    "education",
    "education_level",
    "occupation",
    "youth_union",
)


class PeopleHandler(Handler):
    """What members and candidates share: names, personal fields, matching."""

    model: type[Member] | type[Candidate]
    # columns stored as they are (file column → table column)
    plain: ClassVar[dict[str, str]]
    # columns an import may not change on an existing record
    frozen: ClassVar[tuple[str, ...]] = ()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._names: dict[tuple[Any, ...], dict[str, str]] = {}

    def person(self, row: Row) -> dict[str, Any] | None:
        values = row.values
        name_key = (
            values.get("full_name"),
            values.get("family_name"),
            values.get("middle_name"),
            values.get("given_name"),
        )
        names = self._names
        name_fields = names.get(name_key)
        if name_fields is None:  # names repeat in a large list: split and key each one once
            try:
                name = person_name(
                    name_key[0],
                    family=name_key[1],
                    middle=name_key[2],
                    given=name_key[3],
                    tone_order=self.options.settings.tone_order,
                )
            except InvalidValue as error:
                refuse(self.report, row, error)
                return None
            if len(names) >= Memo.LIMIT:
                names.clear()
            name_fields = names[name_key] = name.as_fields()
        fields: dict[str, Any] = dict(name_fields)
        for key in _PERSONAL:
            fields[key] = values.get(key)
        if fields["youth_union"] is None:
            fields["youth_union"] = False
        return fields

    def record(self, row: Row) -> dict[str, Any] | None:
        """The table row for ``row`` (or None after reporting a problem)."""
        raise NotImplementedError

    def write(self, rows: list[Row]) -> None:
        if not rows:
            return
        records = {row.line: self.record(row) for row in rows}
        rows = [row for row in rows if records[row.line] is not None and not row.failed]
        by_id, by_name = self._existing(rows, records)
        current_cells = self.current_cells(
            [m.id for m in by_id.values()] + [m.id for ms in by_name.values() for m in ms]
        )
        new: list[tuple[Row, dict[str, Any]]] = []
        seen_ids: dict[str, dict[str, Any]] = {}
        seen_names: dict[tuple[str, date], dict[str, Any]] = {}
        for row in rows:
            record = records[row.line]
            assert record is not None
            cid, name_key = record["citizen_id"], (record["name_folded"], record["birth_date"])
            earlier = seen_ids.get(cid) if cid else seen_names.get(name_key)
            if earlier is not None:  # the same person twice in one chunk of the file
                if self._same_as_new(row, record, earlier):
                    self.report.skipped += 1
                else:
                    add_problem(self.report, row, "full_name", "import.duplicate_in_file")
                continue
            match, by_name_only = by_id.get(cid) if cid else None, False
            if match is None:
                candidates = [
                    m
                    for m in by_name.get(name_key, [])
                    if m.citizen_id is None or cid is None or m.citizen_id == cid
                ]
                if candidates:
                    match, by_name_only = candidates[0], True
            if match is None:
                new.append((row, record))
                if cid:
                    seen_ids[cid] = record
                seen_names[name_key] = record
                continue
            assert match.id is not None
            differences = self.differences(row, record, match, current_cells.get(match.id))
            if not differences:
                self.report.skipped += 1
                if by_name_only:  # the same name and birth date, nothing to tell them apart: say so
                    self.report.possible_duplicates.append(
                        {"line": row.line, "id": match.id, "full_name": row.values.get("full_name")}
                    )
            elif self.duplicate(row, match.id, differences, by_name_only):
                self.update(row, record, match, differences, current_cells.get(match.id))
        self.add_new(new)

    def _same_as_new(self, row: Row, record: dict[str, Any], earlier: dict[str, Any]) -> bool:
        return all(earlier.get(k) == v for k, v in record.items() if v is not None)

    def _existing(
        self, rows: list[Row], records: dict[int, dict[str, Any] | None]
    ) -> tuple[dict[str | None, Any], dict[tuple[str, date], list[Any]]]:
        cids = {r["citizen_id"] for r in records.values() if r and r["citizen_id"]}
        pairs = {(r["name_folded"], r["birth_date"]) for r in records.values() if r}
        by_id: dict[str | None, Any] = {}
        by_name: dict[tuple[str, date], list[Any]] = {}
        for m in self.writer.matching(self.model, cids, pairs):
            # A current record wins over an old one with the same citizen ID (someone re-admitted).
            if m.citizen_id in cids and (m.citizen_id not in by_id or self.current(m)):
                by_id[m.citizen_id] = m
            # (name, birth date) pairs, not names alone: common names repeat thousands of times.
            if (m.name_folded, m.birth_date) in pairs:
                by_name.setdefault((m.name_folded, m.birth_date), []).append(m)
        return by_id, by_name

    def current_cells(self, ids: list[int]) -> dict[int, int]:
        """The cell each of these stored records belongs to now, when the list has cells to compare."""
        return {}

    def current(self, record: Any) -> bool:
        """Whether a stored record is current (a member who has not left, a candidate on the way)."""
        return record.left_on is None if isinstance(record, Member) else is_active(record.stage)

    def differences(self, row: Row, record: dict[str, Any], stored: Any, cell_id: int | None) -> list[str]:
        """The file's columns whose (non-blank) value differs from the stored record."""
        changed: list[str] = []
        for column, attribute in self.plain.items():
            if (
                column in row.headers
                and row.values.get(column) is not None
                and getattr(stored, attribute) != record[attribute]
            ):
                changed.append(column)
        # Names differ only if their sort keys do: Hòa/Hoà, NFC/NFD and letter case are the same name.
        if record["name_sort"] != stored.name_sort:
            changed.extend(c for c in NAME_FIELDS if c in row.headers and row.values.get(c) is not None)
        if (
            "youth_union" in row.headers
            and row.values.get("youth_union") is not None
            and stored.youth_union != record["youth_union"]
        ):
            changed.append("youth_union")
        return changed

    def update(
        self, row: Row, record: dict[str, Any], stored: Any, changed: list[str], cell_id: int | None
    ) -> None:
        blocked = [c for c in changed if c in self.frozen]
        if blocked:
            add_problem(self.report, row, blocked[0], "import.cannot_change", id=stored.id)
            return
        values: dict[str, Any] = {}
        for column in changed:
            attribute = self.plain.get(column, column)
            values[attribute] = record[attribute]
        if any(c in NAME_FIELDS for c in changed):
            for key in ("full_name", "family_name", "middle_name", "given_name", "name_folded", "name_sort"):
                values[key] = record[key]
        self.amend(stored, values)
        self.report.updated += 1

    def amend(self, stored: Any, values: dict[str, Any]) -> None:
        """Write the changed ``values`` to the stored record, logged."""
        raise NotImplementedError

    def add_new(self, new: list[tuple[Row, dict[str, Any]]]) -> None:
        """Write the rows that matched nobody (their table rows)."""
        raise NotImplementedError

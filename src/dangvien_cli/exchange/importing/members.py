"""Importing members: their dates and their leaving checked by the rules ``member add`` and ``member leave``
follow, a membership in a cell that may hold people; new members written by the bulk path."""

from __future__ import annotations

from typing import Any, ClassVar

from dangvien_cli.domain.people import check_leaving, check_member_dates
from dangvien_cli.errors import InvalidValue
from dangvien_cli.exchange.importing.people import PeopleHandler
from dangvien_cli.exchange.importing.rows import Row, add_problem, refuse, refuse_cell
from dangvien_cli.store.amend import amend_member
from dangvien_cli.store.matching import current_cells
from dangvien_cli.store.models import Member


class MemberHandler(PeopleHandler):
    model = Member
    plain: ClassVar[dict[str, str]] = {
        "citizen_id": "citizen_id",
        "gender": "gender",
        "birth_date": "birth_date",
        "admitted_on": "admitted_on",
        "decision_no": "decision_no",
        "ceremony_on": "ceremony_on",
        "official_on": "official_on",
        "left_on": "left_on",
        "left_reason": "left_reason",
        "ethnicity": "ethnicity",
        "religion": "religion",
        "education": "education",
        "education_level": "education_level",
        "decision_received_on": "decision_received_on",
        "occupation": "occupation",
        "cell": "cell_id",
    }
    frozen = ("admitted_on", "cell")

    def check(self, row: Row) -> None:
        if row.failed:
            return
        values = row.values
        try:
            check_leaving(values.get("left_on"), values.get("left_reason"))
        except InvalidValue as error:
            refuse_cell(self.report, row, error.field, error)
            return
        try:
            check_member_dates(
                birth_date=values["birth_date"],
                admitted_on=values["admitted_on"],
                today=self.options.today,
                ceremony_on=values.get("ceremony_on"),
                official_on=values.get("official_on"),
                left_on=values.get("left_on"),
                settings=self.options.settings,
            )
        except InvalidValue as error:
            refuse(self.report, row, error)
            return
        self.check_unit(row)

    def record(self, row: Row) -> dict[str, Any] | None:
        fields = self.person(row)
        if fields is None:
            return None
        values = row.values
        fields.update(
            admitted_on=values["admitted_on"],
            decision_no=values.get("decision_no"),
            ceremony_on=values.get("ceremony_on"),
            decision_received_on=values.get("decision_received_on"),
            official_on=values.get("official_on"),
            left_on=values.get("left_on"),
            left_reason=values.get("left_reason"),
            cell_id=values["cell_id"],
        )
        return fields

    def current_cells(self, ids: list[int]) -> dict[int, int]:
        return current_cells(session=self.session, member_ids=ids)

    def differences(self, row: Row, record: dict[str, Any], stored: Any, cell_id: int | None) -> list[str]:
        stored_view = _StoredMember(stored, cell_id)
        return super().differences(row, record, stored_view, cell_id)

    def update(
        self, row: Row, record: dict[str, Any], stored: Any, changed: list[str], cell_id: int | None
    ) -> None:
        if "left_on" in changed and stored.left_on is not None:
            add_problem(self.report, row, "left_on", "member.already_left", left_on=stored.left_on)
            return
        super().update(row, record, stored, changed, cell_id)

    def amend(self, stored: Any, values: dict[str, Any]) -> None:
        amend_member(session=self.session, member=stored, values=values)

    def add_new(self, new: list[tuple[Row, dict[str, Any]]]) -> None:
        self.report.created += len(self.writer.insert_members([record for _, record in new]))


class _StoredMember:
    """A stored member seen with its current cell, so that ``differences`` can compare the cell too."""

    def __init__(self, member: Member, cell_id: int | None) -> None:
        self._member = member
        self.cell_id = cell_id

    def __getattr__(self, name: str) -> Any:
        return getattr(self._member, name)

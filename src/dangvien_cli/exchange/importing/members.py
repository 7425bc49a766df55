"""Importing members: their dates checked as ``member add`` checks them, a membership in their cell."""

from __future__ import annotations

from typing import Any, ClassVar

import sqlalchemy as sa
from sqlmodel import col, select

from dangvien_cli.domain.people import check_member_dates
from dangvien_cli.errors import InvalidValue
from dangvien_cli.exchange.importing.people import PeopleHandler
from dangvien_cli.exchange.importing.rows import Row, add_problem, refuse
from dangvien_cli.store.models import Member, Membership


class MemberHandler(PeopleHandler):
    model = Member
    entity_name = "member"
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
        "occupation": "occupation",
        "cell": "cell_id",
    }
    frozen = ("admitted_on", "cell")

    def check(self, row: Row) -> None:
        if row.failed:
            return
        values = row.values
        if (values.get("left_on") is None) != (values.get("left_reason") is None):
            missing = "left_reason" if values.get("left_reason") is None else "left_on"
            add_problem(self.report, row, missing, "import.left_needs_both")
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
        cell_id = self.unit(values["cell"])[0]
        fields.update(
            admitted_on=values["admitted_on"],
            decision_no=values.get("decision_no"),
            ceremony_on=values.get("ceremony_on"),
            official_on=values.get("official_on"),
            left_on=values.get("left_on"),
            left_reason=values.get("left_reason"),
            cell_id=cell_id,
        )
        return fields

    def current_cells(self, ids: list[int | None]) -> dict[int, int]:
        wanted = [i for i in ids if i is not None]
        if not wanted:
            return {}
        cells: dict[int, int] = {}
        query = (
            select(Membership.member_id, Membership.cell_id)
            .where(col(Membership.member_id).in_(wanted))
            .order_by(col(Membership.start_on), col(Membership.id))
        )
        for member_id, cell_id in self.session.exec(query):
            cells[member_id] = cell_id  # the latest wins
        return cells

    def differences(self, row: Row, record: dict[str, Any], stored: Any, cell_id: int | None) -> list[str]:
        stored_view = _StoredMember(stored, cell_id)
        return super().differences(row, record, stored_view, cell_id)

    def update(
        self, row: Row, record: dict[str, Any], stored: Any, changed: list[str], cell_id: int | None
    ) -> None:
        if "left_on" in changed and stored.left_on is not None:
            add_problem(
                self.report, row, "left_on", "member.already_left", left_on=stored.left_on.isoformat()
            )
            return
        super().update(row, record, stored, changed, cell_id)

    def after_update(self, stored: Any, values: dict[str, Any]) -> None:
        if values.get("left_on") is not None:
            self.session.execute(
                sa.update(Membership)
                .where(col(Membership.member_id) == stored.id, col(Membership.end_on).is_(None))
                .values(end_on=values["left_on"])
            )

    def insert(self, new: list[tuple[Row, dict[str, Any]]]) -> None:
        if not new:
            return
        members = [record for _, record in new]
        columns = [c for c in members[0] if c != "cell_id"]
        ids = self.insert_with_ids(Member, members, columns)
        memberships = [
            {
                "member_id": member_id,
                "cell_id": record["cell_id"],
                "start_on": record["admitted_on"],
                "end_on": record["left_on"],
            }
            for member_id, record in zip(ids, members, strict=True)
        ]
        self.bulk_insert(Membership, memberships)
        self.log_inserts(Member, "member", ids, members, columns)
        self.report.created += len(ids)


class _StoredMember:
    """A stored member seen with its current cell, so that ``differences`` can compare the cell too."""

    def __init__(self, member: Member, cell_id: int | None) -> None:
        self._member = member
        self.cell_id = cell_id

    def __getattr__(self, name: str) -> Any:
        return getattr(self._member, name)

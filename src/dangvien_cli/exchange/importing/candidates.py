"""Importing candidates, at any stage of their way; one at the 'admitted' stage is linked to the member record
its admission made."""

from __future__ import annotations

from typing import Any, ClassVar

import sqlalchemy as sa
from sqlmodel import col, select

from dangvien_cli.domain.people import check_candidate_dates
from dangvien_cli.errors import InvalidValue
from dangvien_cli.exchange.importing.people import PeopleHandler
from dangvien_cli.exchange.importing.rows import Row, add_problem, refuse
from dangvien_cli.store.models import Admission, Candidate, Member
from dangvien_cli.store.workflow import is_official_on

_STAGE_DATES = (
    ("dropped", "dropped_on"),
    ("proposed", "proposed_on"),
    ("applied", "applied_on"),
    ("trained", "trained_on"),
    ("mentored", "mentor"),
)


class CandidateHandler(PeopleHandler):
    model = Candidate
    entity_name = "candidate"
    plain: ClassVar[dict[str, str]] = {
        "citizen_id": "citizen_id",
        "gender": "gender",
        "birth_date": "birth_date",
        "cell": "cell_id",
        "source": "source",
        "identified_on": "identified_on",
        "stage": "stage",
        "mentor": "mentor_id",
        "mentor_assigned_on": "mentor_assigned_on",
        "trained_on": "certificate_on",
        "certificate_no": "certificate_no",
        "applied_on": "applied_on",
        "introducer_1": "introducer_1_id",
        "introducer_2": "introducer_2_id",
        "youth_union_introduces": "youth_union_introduces",
        "proposed_on": "proposed_on",
        "resolution_no": "resolution_no",
        "dropped_on": "dropped_on",
        "drop_reason": "drop_reason",
        "ethnicity": "ethnicity",
        "religion": "religion",
        "education": "education",
        "occupation": "occupation",
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.linked: set[int] = set()  # members linked to a candidate of this file at the 'admitted' stage

    def check(self, row: Row) -> None:
        if row.failed:
            return
        values = row.values
        try:
            check_candidate_dates(
                birth_date=values["birth_date"],
                identified_on=values["identified_on"],
                today=self.options.today,
            )
        except InvalidValue as error:
            refuse(self.report, row, error)
            return
        for later in ("mentor_assigned_on", "applied_on", "proposed_on", "dropped_on"):
            if values.get(later) is not None and values[later] < values["identified_on"]:
                add_problem(self.report, row, later, "date.before", other=values["identified_on"].isoformat())
                return
        if (
            values.get("proposed_on")
            and values.get("applied_on")
            and values["proposed_on"] < values["applied_on"]
        ):
            add_problem(
                self.report, row, "proposed_on", "date.before", other=values["applied_on"].isoformat()
            )
            return
        stage = values.get("stage")
        if stage is not None:
            needed = dict(_STAGE_DATES).get(stage)
            if needed and values.get(needed) is None:
                add_problem(self.report, row, "stage", "import.stage_needs", column=needed)
                return
        if not self.check_unit(row):
            return
        # Mentors and introducers are official members on the day they took the role (the Party's rule that
        # the workflow checks too); other rules are for `candidate check` to report.
        for column, on in (
            ("mentor", values.get("mentor_assigned_on") or values["identified_on"]),
            ("introducer_1", values.get("applied_on")),
            ("introducer_2", values.get("applied_on")),
        ):
            if values.get(column) is None:
                continue
            member_id, key = self.member_ref(values[column])
            if key:
                add_problem(self.report, row, column, key)
                return
            member = self.session.get(Member, member_id)
            if on is not None and member is not None and not is_official_on(member, on):
                add_problem(self.report, row, column, "workflow.not_official", on=on.isoformat())
                return

    def record(self, row: Row) -> dict[str, Any] | None:
        fields = self.person(row)
        if fields is None:
            return None
        values = row.values
        stage = values.get("stage") or next(
            (name for name, column in _STAGE_DATES if values.get(column) is not None), "identified"
        )
        if values["source"] == "youth_union" and not row.given("youth_union"):
            fields["youth_union"] = True  # a candidate from the Youth Union is a member of it
        fields.update(
            cell_id=self.unit(values["cell"])[0],
            source=values["source"],
            identified_on=values["identified_on"],
            stage=stage,
            mentor_assigned_on=values.get("mentor_assigned_on"),
            certificate_on=values.get("trained_on"),
            certificate_no=values.get("certificate_no"),
            applied_on=values.get("applied_on"),
            youth_union_introduces=bool(values.get("youth_union_introduces")),
            proposed_on=values.get("proposed_on"),
            resolution_no=values.get("resolution_no"),
            dropped_on=values.get("dropped_on"),
            drop_reason=values.get("drop_reason"),
        )
        for column, attribute in (
            ("mentor", "mentor_id"),
            ("introducer_1", "introducer_1_id"),
            ("introducer_2", "introducer_2_id"),
        ):
            fields[attribute] = self.member_ref(values[column])[0] if values.get(column) else None
        return fields

    def differences(self, row: Row, record: dict[str, Any], stored: Any, cell_id: int | None) -> list[str]:
        changed = super().differences(row, record, stored, cell_id)
        # a stage given by the file is compared; one derived from dates only when the file gives no stage
        return [c for c in changed if c != "stage" or row.given("stage")]

    def insert(self, new: list[tuple[Row, dict[str, Any]]]) -> None:
        if not new:
            return
        # Someone who is already a member (and has not left) is not a candidate, unless the row is their
        # history: a candidate at the 'admitted' stage, linked to the member record the admission made.
        cids = {record["citizen_id"] for _, record in new if record["citizen_id"]}
        members: dict[str | None, int] = {}
        if cids:
            query = sa.select(col(Member.citizen_id), col(Member.id)).where(
                col(Member.citizen_id).in_(cids), col(Member.left_on).is_(None)
            )
            members = {citizen_id: member_id for citizen_id, member_id in self.session.execute(query)}
        admitted_as: dict[int, Member] = {}  # index in ``new`` → the member the admission made
        for index, (row, record) in enumerate(new):
            if record["stage"] == "admitted":
                member = self._admitted_member(row, record)
                if member is not None:
                    admitted_as[index] = member
            elif record["citizen_id"] in members:
                add_problem(
                    self.report,
                    row,
                    "citizen_id",
                    "candidate.already_member",
                    id=members[record["citizen_id"]],
                )
        kept = [(index, record) for index, (row, record) in enumerate(new) if not row.failed]
        if not kept:
            return
        candidates = [record for _, record in kept]
        columns = list(candidates[0])
        ids = self.insert_with_ids(Candidate, candidates, columns)
        self.log_inserts(Candidate, "candidate", ids, candidates, columns)
        self.report.created += len(ids)
        admissions = [
            {
                "candidate_id": candidate_id,
                "member_id": admitted_as[index].id,
                "resolution_on": record["proposed_on"],
                "resolution_no": record["resolution_no"],
                "decision_no": admitted_as[index].decision_no or "",
                "decision_on": admitted_as[index].admitted_on,
            }
            for (index, record), candidate_id in zip(kept, ids, strict=True)
            if index in admitted_as
        ]
        if admissions:
            columns = list(admissions[0])
            admission_ids = self.insert_with_ids(Admission, admissions, columns)
            self.log_inserts(Admission, "admission", admission_ids, admissions, columns)

    def _admitted_member(self, row: Row, record: dict[str, Any]) -> Member | None:
        """The member record of a candidate imported at the 'admitted' stage: the same citizen ID, else the
        only member with the same name and birth date; not yet linked to another candidate, and admitted on
        or after every date of the candidate's path. ``None`` (with the row refused) otherwise."""
        if record["citizen_id"]:
            query = select(Member).where(Member.citizen_id == record["citizen_id"])
        else:
            query = select(Member).where(
                Member.name_folded == record["name_folded"], Member.birth_date == record["birth_date"]
            )
        found = list(self.session.exec(query))
        if len(found) != 1:
            add_problem(self.report, row, "stage", "candidate.admitted_needs_member")
            return None
        member = found[0]
        linked = self.session.exec(
            select(Admission.candidate_id).where(Admission.member_id == member.id)
        ).first()
        if linked is not None or member.id in self.linked:
            add_problem(self.report, row, "stage", "candidate.member_linked", id=member.id)
            return None
        for column, attribute in (
            ("identified_on", "identified_on"),
            ("mentor_assigned_on", "mentor_assigned_on"),
            ("trained_on", "certificate_on"),
            ("applied_on", "applied_on"),
            ("proposed_on", "proposed_on"),
        ):
            day = record.get(attribute)
            if day is not None and day > member.admitted_on:
                add_problem(
                    self.report,
                    row,
                    column,
                    "candidate.after_admission",
                    id=member.id,
                    admitted_on=member.admitted_on.isoformat(),
                )
                return None
        assert member.id is not None
        self.linked.add(member.id)
        return member

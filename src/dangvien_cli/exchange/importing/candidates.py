"""Importing candidates, at any stage of their way: their dates checked by the rules ``add-candidate`` and the
steps follow, mentors and introducers official members when they took the role; a candidate at the
'admitted' stage is linked to the member record its admission made."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from dangvien_cli.domain.people import check_candidate_dates, check_not_future
from dangvien_cli.domain.stages import ACTIVE_STAGES, STEP_DATE_FIELD, stage_on
from dangvien_cli.domain.vocab import Stage
from dangvien_cli.errors import InvalidValue
from dangvien_cli.exchange.importing.people import PeopleHandler
from dangvien_cli.exchange.importing.rows import Row, add_problem, refuse
from dangvien_cli.store.admission_records import link_prior_members
from dangvien_cli.store.amend import amend_candidate
from dangvien_cli.store.matching import PersonKey, admission_of, current_members, members_with
from dangvien_cli.store.models import Candidate, Member
from dangvien_cli.store.people import get_member
from dangvien_cli.store.workflow import is_official_on

# The steps after identification, which a list may date (the class may come before identification).
_LATER_STEPS = ("mentor_assigned_on", "trained_on", "applied_on", "proposed_on", "dropped_on")
_NOT_BEFORE_IDENTIFIED = ("mentor_assigned_on", "applied_on", "proposed_on", "dropped_on")


def _step_columns(plain: dict[str, str]) -> dict[Stage, str]:
    """The list's column that dates each step (domain.stages names the record's field)."""
    column_of = {attribute: column for column, attribute in plain.items()}
    return {stage: column_of[field] for stage, field in STEP_DATE_FIELD.items()}


class CandidateHandler(PeopleHandler):
    model = Candidate
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
        "education_level": "education_level",
        "education_exception": "education_exception",
        "trade_union_introduces": "trade_union_introduces",
        "occupation": "occupation",
    }
    step_column: ClassVar[dict[Stage, str]] = _step_columns(plain)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.linked: set[int] = set()  # members linked to a candidate of this file at the 'admitted' stage

    def check(self, row: Row) -> None:
        if row.failed:
            return
        # Each check reports its problem; the first that fails stops the row.
        for holds in (self._dates_hold, self._stage_is_dated, self.check_unit, self._roles_hold):
            if not holds(row):
                return

    def _dates_hold(self, row: Row) -> bool:
        """The dates: born before being identified, no step in the future, the steps in order."""
        values = row.values
        today = self.options.today
        try:
            check_candidate_dates(
                birth_date=values["birth_date"], identified_on=values["identified_on"], today=today
            )
            for column in _LATER_STEPS:
                check_not_future(column, values.get(column), today=today)
        except InvalidValue as error:
            refuse(self.report, row, error)
            return False
        for later in _NOT_BEFORE_IDENTIFIED:
            if values.get(later) is not None and values[later] < values["identified_on"]:
                add_problem(
                    self.report,
                    row,
                    later,
                    "date.before",
                    other=values["identified_on"],
                    other_field="identified_on",
                )
                return False
        proposed, applied = values.get("proposed_on"), values.get("applied_on")
        if proposed and applied and proposed < applied:
            add_problem(
                self.report, row, "proposed_on", "date.before", other=applied, other_field="applied_on"
            )
            return False
        return True

    def _stage_is_dated(self, row: Row) -> bool:
        """A stage the list gives comes with the column that marks it."""
        stage = row.values.get("stage")
        needed = self._marks(Stage(stage)) if stage is not None else None
        if needed and row.values.get(needed) is None:
            add_problem(self.report, row, "stage", "import.stage_needs", column=needed)
            return False
        return True

    def _roles_hold(self, row: Row) -> bool:
        """Mentors and introducers are official members on the day they took the role (the Party's rule that
        the workflow checks too); other rules are for `candidate check` to report."""
        values = row.values
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
                return False
            assert member_id is not None
            member = get_member(session=self.session, member_id=member_id)
            if on is not None and not is_official_on(member, on):
                add_problem(self.report, row, column, "workflow.not_official", on=on)
                return False
        return True

    def _marks(self, stage: Stage) -> str | None:
        """The column a list must fill for a candidate at ``stage``: the step's date; for 'mentored', the
        mentor (a list may not know the day of the assignment)."""
        return "mentor" if stage is Stage.mentored else self.step_column.get(stage)

    def _stage(self, values: dict[str, Any]) -> str:
        """The stage the list gives, else the furthest step it fills (dropped first)."""
        if values.get("stage") is not None:
            return str(values["stage"])
        if values.get("dropped_on") is not None:
            return Stage.dropped.value
        dates: dict[Stage, date | None] = {
            stage: values.get(self.step_column[stage]) for stage in ACTIVE_STAGES
        }
        # the mentor, not the day of the assignment, marks that step in a list
        mentored = values.get("mentor") is not None
        dates[Stage.mentored] = (
            values.get("mentor_assigned_on") or values["identified_on"] if mentored else None
        )
        reached = stage_on(dates, date.max)
        return (reached[0] if reached else Stage.identified).value

    def record(self, row: Row) -> dict[str, Any] | None:
        fields = self.person(row)
        if fields is None:
            return None
        values = row.values
        if values["source"] == "youth_union" and not row.given("youth_union"):
            fields["youth_union"] = True  # a candidate from the Youth Union is a member of it
        fields.update(
            cell_id=values["cell_id"],
            source=values["source"],
            identified_on=values["identified_on"],
            stage=self._stage(values),
            mentor_assigned_on=values.get("mentor_assigned_on"),
            certificate_on=values.get("trained_on"),
            certificate_no=values.get("certificate_no"),
            applied_on=values.get("applied_on"),
            youth_union_introduces=bool(values.get("youth_union_introduces")),
            trade_union_introduces=bool(values.get("trade_union_introduces")),
            education_exception=values.get("education_exception"),
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

    def amend(self, stored: Any, values: dict[str, Any]) -> None:
        amend_candidate(session=self.session, candidate=stored, values=values)

    def add_new(self, new: list[tuple[Row, dict[str, Any]]]) -> None:
        if not new:
            return
        # Someone who is already a member (and has not left) is not a candidate, unless the row is their
        # history: a candidate at the 'admitted' stage, linked to the member record the admission made.
        cids = {record["citizen_id"] for _, record in new if record["citizen_id"]}
        members = current_members(session=self.session, citizen_ids=cids)
        admitted_as: dict[int, Member] = {}  # index in ``new`` → the member the admission made
        for index, (row, record) in enumerate(new):
            if record["stage"] == Stage.admitted:
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
        ids = self.writer.insert_candidates([record for _, record in kept])
        self.report.created += len(ids)
        # A former member, by citizen ID, is asking to be re-admitted: the re-admission rules apply.
        link_prior_members(session=self.session, candidate_ids=ids)
        self.writer.insert_admissions(
            [
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
        )

    def _admitted_member(self, row: Row, record: dict[str, Any]) -> Member | None:
        """The member record of a candidate imported at the 'admitted' stage: the same citizen ID, else the
        only member with the same name and birth date; not yet linked to another candidate, and admitted on
        or after every date of the candidate's path. ``None`` (with the row refused) otherwise."""
        key = (
            PersonKey(citizen_id=record["citizen_id"])
            if record["citizen_id"]
            else PersonKey(name_folded=record["name_folded"], birth_date=record["birth_date"])
        )
        found = members_with(session=self.session, key=key)
        if len(found) != 1:
            add_problem(self.report, row, "stage", "candidate.admitted_needs_member")
            return None
        member = found[0]
        assert member.id is not None
        if admission_of(session=self.session, member_id=member.id) is not None or member.id in self.linked:
            add_problem(self.report, row, "stage", "candidate.member_linked", id=member.id)
            return None
        for stage in ACTIVE_STAGES:
            day = record.get(STEP_DATE_FIELD[stage])
            if day is not None and day > member.admitted_on:
                add_problem(
                    self.report,
                    row,
                    self.step_column[stage],
                    "candidate.after_admission",
                    id=member.id,
                    admitted_on=member.admitted_on,
                )
                return None
        self.linked.add(member.id)
        return member

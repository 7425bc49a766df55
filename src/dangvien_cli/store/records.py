"""Members and candidates as the store hands them out: frozen records, each with the JSON scripts rely on.

A record is built from the table rows once (``from_row``) and written once (``as_json``): English keys, ISO
dates, codes rather than labels. The person's own fields are shared by members and candidates
(:class:`PersonRecord`); a list shows the record, ``show`` the record with its history (the ``*Detail``
classes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from dangvien_cli.domain.vocab import (
    EducationLevel,
    Gender,
    LeftReason,
    MemberStatus,
    OrgChange,
    Source,
    Stage,
)
from dangvien_cli.store.models import Candidate, Member


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _person_fields(person: Member | Candidate, cell: str | None) -> dict[str, Any]:
    """The arguments of :class:`PersonRecord` taken from a member's or candidate's row."""
    assert person.id is not None
    return {
        "id": person.id,
        "full_name": person.full_name,
        "family_name": person.family_name,
        "middle_name": person.middle_name,
        "given_name": person.given_name,
        "gender": Gender(person.gender),
        "birth_date": person.birth_date,
        "citizen_id": person.citizen_id,
        "cell": cell,
        "ethnicity": person.ethnicity,
        "religion": person.religion,
        "education": person.education,
        "occupation": person.occupation,
        "youth_union": person.youth_union,
        "education_level": EducationLevel(person.education_level) if person.education_level else None,
    }


@dataclass(frozen=True)
class PersonRecord:
    """What members and candidates share: the name and its parts, the personal fields, the cell."""

    id: int
    full_name: str
    family_name: str
    middle_name: str
    given_name: str
    gender: Gender
    birth_date: date
    citizen_id: str | None
    cell: str | None
    ethnicity: str | None
    religion: str | None
    education: str | None
    occupation: str | None
    youth_union: bool
    education_level: EducationLevel | None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "full_name": self.full_name,
            "family_name": self.family_name,
            "middle_name": self.middle_name,
            "given_name": self.given_name,
            "gender": self.gender.value,
            "birth_date": self.birth_date.isoformat(),
            "citizen_id": self.citizen_id,
            "cell": self.cell,
            "ethnicity": self.ethnicity,
            "religion": self.religion,
            "education": self.education,
            "occupation": self.occupation,
            "youth_union": self.youth_union,
            "education_level": self.education_level.value if self.education_level else None,
        }


def member_status(member: Member, on: date) -> MemberStatus | None:
    """A loaded member's status on ``on`` (``None`` before admission); :func:`store.people.status_on` is the
    same rule in SQL."""
    if member.admitted_on > on:
        return None
    if member.left_on is not None and member.left_on <= on:
        return MemberStatus.left
    if member.official_on is not None and member.official_on <= on:
        return MemberStatus.official
    return MemberStatus.probationary


@dataclass(frozen=True)
class MemberRecord(PersonRecord):
    """A member as ``member list`` shows them: the cell and the status on a day."""

    status: MemberStatus | None
    admitted_on: date
    decision_no: str | None
    ceremony_on: date | None
    official_on: date | None
    left_on: date | None
    left_reason: LeftReason | None

    @classmethod
    def fields_of(cls, member: Member, cell: str | None, on: date) -> dict[str, Any]:
        """The record's arguments from the member's row (for this class and :class:`MemberDetail`)."""
        return {
            **_person_fields(member, cell),
            "status": member_status(member, on),
            "admitted_on": member.admitted_on,
            "decision_no": member.decision_no,
            "ceremony_on": member.ceremony_on,
            "official_on": member.official_on,
            "left_on": member.left_on,
            "left_reason": LeftReason(member.left_reason) if member.left_reason else None,
        }

    @classmethod
    def from_row(cls, member: Member, cell: str | None, on: date) -> MemberRecord:
        return MemberRecord(**cls.fields_of(member, cell, on))

    def as_json(self) -> dict[str, Any]:
        return {
            **super().as_json(),
            "status": self.status.value if self.status else None,
            "admitted_on": self.admitted_on.isoformat(),
            "decision_no": self.decision_no,
            "ceremony_on": _iso(self.ceremony_on),
            "official_on": _iso(self.official_on),
            "left_on": _iso(self.left_on),
            "left_reason": self.left_reason.value if self.left_reason else None,
        }


@dataclass(frozen=True)
class MembershipSpell:
    """A member's (or candidate's) time in one cell: from ``start_on`` to ``end_on`` (exclusive; ``None``
    while there), with the cell's name as it was then (on the spell's last day) and, when the tree put
    them there, why (:class:`OrgChange`: ``merge`` or ``close``)."""

    cell: str
    start_on: date
    end_on: date | None
    cell_name: str | None = None
    reason: OrgChange | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "cell": self.cell,
            "start_on": self.start_on.isoformat(),
            "end_on": _iso(self.end_on),
            "cell_name": self.cell_name,
            "reason": self.reason.value if self.reason else None,
        }


@dataclass(frozen=True)
class MemberDetail(MemberRecord):
    """A member as ``member show`` shows them: the record and the cells they belonged to, in order."""

    memberships: tuple[MembershipSpell, ...]

    def as_json(self) -> dict[str, Any]:
        return {**super().as_json(), "memberships": [spell.as_json() for spell in self.memberships]}


@dataclass(frozen=True)
class CandidateRecord(PersonRecord):
    """A candidate as ``candidate list`` shows them: the source, the stage and the dated steps."""

    source: Source
    stage: Stage
    identified_on: date
    mentor: int | None
    mentor_name: str | None
    mentor_assigned_on: date | None
    trained_on: date | None
    certificate_no: str | None
    applied_on: date | None
    introducers: tuple[int, ...]
    youth_union_introduces: bool
    proposed_on: date | None
    resolution_no: str | None
    dropped_on: date | None
    drop_reason: str | None

    @classmethod
    def fields_of(cls, candidate: Candidate, cell: str, mentor_name: str | None) -> dict[str, Any]:
        """The record's arguments from the candidate's row (for this class and :class:`CandidateDetail`)."""
        return {
            **_person_fields(candidate, cell),
            "source": Source(candidate.source),
            "stage": Stage(candidate.stage),
            "identified_on": candidate.identified_on,
            "mentor": candidate.mentor_id,
            "mentor_name": mentor_name,
            "mentor_assigned_on": candidate.mentor_assigned_on,
            "trained_on": candidate.certificate_on,
            "certificate_no": candidate.certificate_no,
            "applied_on": candidate.applied_on,
            "introducers": tuple(
                i for i in (candidate.introducer_1_id, candidate.introducer_2_id) if i is not None
            ),
            "youth_union_introduces": candidate.youth_union_introduces,
            "proposed_on": candidate.proposed_on,
            "resolution_no": candidate.resolution_no,
            "dropped_on": candidate.dropped_on,
            "drop_reason": candidate.drop_reason,
        }

    @classmethod
    def from_row(cls, candidate: Candidate, cell: str, mentor_name: str | None) -> CandidateRecord:
        return CandidateRecord(**cls.fields_of(candidate, cell, mentor_name))

    def as_json(self) -> dict[str, Any]:
        return {
            **super().as_json(),
            "source": self.source.value,
            "stage": self.stage.value,
            "identified_on": self.identified_on.isoformat(),
            "mentor": self.mentor,
            "mentor_name": self.mentor_name,
            "mentor_assigned_on": _iso(self.mentor_assigned_on),
            "trained_on": _iso(self.trained_on),
            "certificate_no": self.certificate_no,
            "applied_on": _iso(self.applied_on),
            "introducers": list(self.introducers),
            "youth_union_introduces": self.youth_union_introduces,
            "proposed_on": _iso(self.proposed_on),
            "resolution_no": self.resolution_no,
            "dropped_on": _iso(self.dropped_on),
            "drop_reason": self.drop_reason,
        }


@dataclass(frozen=True)
class AdmissionRef:
    """The admission that made a candidate a member."""

    member_id: int
    decision_no: str
    decision_on: date

    def as_json(self) -> dict[str, Any]:
        return {
            "member_id": self.member_id,
            "decision_no": self.decision_no,
            "decision_on": self.decision_on.isoformat(),
        }


@dataclass(frozen=True)
class StageStep:
    """One dated step a candidate took."""

    stage: Stage
    date: date

    def as_json(self) -> dict[str, Any]:
        return {"stage": self.stage.value, "date": self.date.isoformat()}


@dataclass(frozen=True)
class RemarkRecord:
    """A mentor's remark on a candidate."""

    date: date
    author: int
    author_name: str
    text: str

    def as_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "author": self.author,
            "author_name": self.author_name,
            "text": self.text,
        }


@dataclass(frozen=True)
class CandidateDetail(CandidateRecord):
    """A candidate as ``candidate show`` shows them: the record, the admission, the steps, the remarks."""

    admission: AdmissionRef | None
    stage_history: tuple[StageStep, ...]
    remarks: tuple[RemarkRecord, ...]
    rule_facts: tuple[tuple[str, Any], ...] = ()  # what the rules read beyond the steps (see rule_facts_of)
    cell_history: tuple[MembershipSpell, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            **super().as_json(),
            **{key: _iso(value) if isinstance(value, date) else value for key, value in self.rule_facts},
            "admission": self.admission.as_json() if self.admission else None,
            "stage_history": [step.as_json() for step in self.stage_history],
            "remarks": [remark.as_json() for remark in self.remarks],
            "cell_history": [spell.as_json() for spell in self.cell_history],
        }


RULE_FACTS = (
    "trade_union_introduces",
    "substitute_introducer_id",
    "replaced_introducer_id",
    "substitution_reason",
    "substituted_on",
    "votes_for",
    "official_members",
    "votes_excluded",
    "votes_excluded_reason",
    "age_exception",
    "education_exception",
    "decision_extension_days",
    "decision_extension_reason",
    "prior_member_id",
    "prior_left_on",
    "prior_exit",
    "prior_expunged_on",
    "prior_readmitted",
    "readmission_approval_no",
    "readmission_approval_on",
)


def rule_facts_of(candidate: Candidate) -> tuple[tuple[str, Any], ...]:
    """The candidate's fields the admission rules read beyond the dated steps (``candidate show``)."""
    return tuple((name, getattr(candidate, name)) for name in RULE_FACTS)

"""The facts the admission rules read, their verdicts, and the sources they cite: the vocabulary of
:mod:`dangvien_cli.domain.rules` and :mod:`dangvien_cli.domain.readmission` (which re-exports nothing new).

Sources (read against the texts; docs/sources.md lists every rule): the Party Charter (Điều lệ Đảng, 2011);
the regulation implementing it now in force, Quy định 294-QĐ/TW of 26/5/2025 (from 1/7/2025; 232-QĐ/TW of
1/2025 and 24-QĐ/TW of 2021 agree on these points), organised by points, not articles; the guidance on the
party-work procedure, Hướng dẫn 12-HD/BTCTW (2022). A citation that could not be checked says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dangvien_cli.domain.vocab import Place

PASS, FAIL, WARN = "pass", "fail", "warn"

CHARTER = "Điều lệ Đảng 2011"
REGULATION = "Quy định 294-QĐ/TW"
GUIDANCE = "Hướng dẫn 12-HD/BTCTW"

SOURCES: dict[str, str] = {
    "age.min": f"{CHARTER}, Điều 1 khoản 2; {REGULATION}, điểm 1.1 (tính theo tháng)",
    "age.max": f"{REGULATION}, điểm 1.1",
    "education.min": f"{REGULATION}, điểm 1.2",
    "certificate.held": f"{GUIDANCE}: giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng (chưa đối chiếu "
    "được mục cụ thể)",
    "certificate.valid": f"{GUIDANCE}: giấy chứng nhận có giá trị 5 năm (chưa đối chiếu được mục cụ thể)",
    "introducers.count": f"{CHARTER}, Điều 4 khoản 1",
    "introducers.official": f"{CHARTER}, Điều 4 khoản 2",
    "introducers.together": f"{CHARTER}, Điều 4 khoản 2; người giới thiệu thay: {REGULATION}, điểm 3.2.2",
    "youth_union.substitute": f"{CHARTER}, Điều 4 khoản 1",
    "trade_union.substitute": f"{CHARTER}, Điều 4 khoản 1",
    "mentor.official": f"{GUIDANCE}: chi bộ phân công đảng viên chính thức giúp đỡ người vào Đảng "
    "(chưa đối chiếu được mục cụ thể)",
    "votes.two_thirds": f"{CHARTER}, Điều 4 khoản 3; số đảng viên không tính: {REGULATION} (chưa đối "
    "chiếu được điểm cụ thể)",
    "votes.roster": f"{CHARTER}, Điều 4 khoản 3 (số đảng viên chính thức so với danh sách trong hồ sơ)",
    "cell.min_official": f"{CHARTER}, Điều 21 khoản 2 (điều kiện lập tổ chức đảng, không phải điều kiện "
    "kết nạp)",
    "deadline.decision": f"{REGULATION}, điểm 4.3.1 (60 ngày làm việc, gia hạn không quá 30 ngày làm việc)",
    "deadline.ceremony": f"{REGULATION}, điểm 4.1 (30 ngày làm việc từ ngày nhận quyết định)",
    "deadline.recognition": f"{REGULATION}, điểm 4.2a (30 ngày làm việc từ khi hết thời gian dự bị)",
    "readmission.wait": f"{REGULATION}, điểm 3.5.1b",
    "readmission.once": f"{REGULATION}, điểm 3.5.3",
    "readmission.approval": f"{REGULATION}, điểm 3.5.1b (ban thường vụ tỉnh ủy, thành ủy đồng ý "
    "bằng văn bản)",
    "readmission.excluded": f"{REGULATION}, điểm 3.5.2",
}

# Where a trade union may stand in for the Youth Union (Điều 4 khoản 1: agencies and enterprises).
TRADE_UNION_PLACES = frozenset({Place.agency, Place.school, Place.state_enterprise, Place.private_enterprise})


@dataclass(frozen=True)
class RuleResult:
    """One rule's verdict: its code, pass/fail/warn, the fact checked (a message key) and its source."""

    code: str
    status: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def source(self) -> str:
        return SOURCES[self.code]


@dataclass(frozen=True)
class IntroducerFacts:
    """What the records say of one introducer."""

    member_id: int
    official_on_application: bool
    months_in_base: int | None  # whole months in the candidate's base organisation before the application
    replaces: int | None = None  # a substitute (point 3.2.2): the introducer this one stands in for
    substitution_reason: str | None = None  # a SubstitutionReason code


@dataclass(frozen=True)
class PriorMembership:
    """A candidate who was a member before (re-admission, point 3.5): what the records say of it."""

    member_id: int | None = None  # the earlier member record, when it is in the database
    left_on: date | None = None
    exit: str | None = None  # a PriorExit code
    expunged_on: date | None = None  # a less serious conviction's record expunged (xóa án tích)
    readmitted_before: bool = False  # the earlier membership was itself a re-admission
    approval_no: str | None = None  # the provincial standing committee's written approval
    approval_on: date | None = None


@dataclass(frozen=True)
class CandidateFacts:
    """Everything the rules look at, as of the date ``at``."""

    at: date
    birth_date: date
    identified_on: date
    youth_union: bool
    proposed_on: date | None = None
    age_exception: str | None = None
    education_level: str | None = None  # an EducationLevel code, as entered
    education_text: str | None = None  # the free-text education, read when no level was entered
    education_exception: str | None = None  # the exception of point 1.2 and its reason
    certificate_on: date | None = None
    applied_on: date | None = None
    introducers: tuple[IntroducerFacts, ...] = ()
    youth_union_introduces: bool = False
    trade_union_introduces: bool = False
    cell_place: str | None = None  # the Place code of the candidate's cell
    months_in_cell_at_application: int | None = None
    mentor_id: int | None = None
    mentor_official: bool | None = None
    votes_for: int | None = None
    official_members: int | None = None  # as the resolution gives it: authoritative
    votes_excluded: int | None = None  # official members the regulation leaves out of the count
    votes_excluded_reason: str | None = None
    cell_official_members: int | None = None  # as the records show on the day
    decision_extension_days: int | None = None
    decision_extension_reason: str | None = None
    decision_on: date | None = None
    decision_received_on: date | None = None  # the day the cell received the decision
    ceremony_on: date | None = None
    recognized_on: date | None = None  # the meeting that recognised the member
    member_left: bool = False  # the member admitted had been removed or had left by ``at``
    prior: PriorMembership | None = None  # a former member asking to be re-admitted


def resolution_date(facts: CandidateFacts) -> date:
    """The date the admission rules are judged at: the cell's resolution, or ``at`` before there is one."""
    return facts.proposed_on or facts.at

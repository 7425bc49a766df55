"""The Party's rules for admitting a candidate, each with a stable code and the regulation it comes from.

Pure functions over plain facts (:class:`CandidateFacts`), gathered from the database by
:mod:`dangvien_cli.store.workflow`. Each rule gives ``pass``, ``fail`` or ``warn`` (the records cannot tell),
a message key with the fact it checked, and its source. Thresholds come from
:class:`~dangvien_cli.domain.settings.Settings`, so they can change without code.

Sources: Điều lệ Đảng (2011); Quy định 294-QĐ/TW (2025) and Hướng dẫn 06-HD/TW (2025), which replaced
Quy định 24-QĐ/TW and Hướng dẫn 01-HD/TW. Points marked "(confirm)" in ../shared/domain.md came from secondary
sources and are cited here as such: "(chưa đối chiếu)", not yet checked against the text (officers read the
source, so it is said in Vietnamese).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dangvien_cli.domain.dates import add_months, full_months
from dangvien_cli.domain.settings import Settings
from dangvien_cli.domain.workdays import add_working_days

PASS, FAIL, WARN = "pass", "fail", "warn"

SOURCES: dict[str, str] = {
    "age.min": "Điều lệ Đảng 2011, Điều 1 khoản 2",
    "age.max": "Quy định 294-QĐ/TW (2025) về thi hành Điều lệ, Điều 1 (chưa đối chiếu)",
    "certificate.held": "Điều lệ Đảng 2011, Điều 4; Hướng dẫn 06-HD/TW (2025) (chưa đối chiếu)",
    "certificate.valid": "Hướng dẫn 06-HD/TW (2025): giấy chứng nhận có giá trị 60 tháng (chưa đối chiếu)",
    "introducers.count": "Điều lệ Đảng 2011, Điều 4 khoản 1 và khoản 3",
    "introducers.official": "Điều lệ Đảng 2011, Điều 4 khoản 2",
    "introducers.together": "Điều lệ Đảng 2011, Điều 4 khoản 2 (cùng công tác ít nhất 12 tháng)",
    "youth_union.substitute": "Điều lệ Đảng 2011, Điều 4 khoản 3",
    "mentor.official": "Quy định 294-QĐ/TW (2025): phân công đảng viên chính thức giúp đỡ (chưa đối chiếu)",
    "votes.two_thirds": "Điều lệ Đảng 2011, Điều 4 khoản 4",
    "cell.min_official": "Điều lệ Đảng 2011, Điều 21 khoản 2",
    "deadline.decision": "Quy định 294-QĐ/TW (2025): quyết định trong 60 ngày làm việc (chưa đối chiếu)",
    "deadline.ceremony": "Hướng dẫn 06-HD/TW (2025): lễ kết nạp trong 30 ngày làm việc (chưa đối chiếu)",
    "deadline.recognition": "Điều lệ Đảng 2011, Điều 5 khoản 2: xét công nhận trong 30 ngày làm việc",
}


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


@dataclass(frozen=True)
class CandidateFacts:
    """Everything the rules look at, as of the date ``at``."""

    at: date
    birth_date: date
    identified_on: date
    youth_union: bool
    proposed_on: date | None = None
    age_exception: str | None = None
    certificate_on: date | None = None
    applied_on: date | None = None
    introducers: tuple[IntroducerFacts, ...] = ()
    youth_union_introduces: bool = False
    months_in_cell_at_application: int | None = None
    mentor_id: int | None = None
    mentor_official: bool | None = None
    votes_for: int | None = None
    official_members: int | None = None
    cell_official_members: int | None = None
    decision_on: date | None = None
    ceremony_on: date | None = None
    recognized_on: date | None = None  # the meeting that recognised the member
    member_left: bool = False  # the member admitted had been removed or had left by ``at``


def _iso(day: date) -> str:
    return day.isoformat()


def resolution_date(facts: CandidateFacts) -> date:
    """The date the admission rules are judged at: the cell's resolution, or ``at`` before there is one."""
    return facts.proposed_on or facts.at


def check_age(facts: CandidateFacts, settings: Settings) -> list[RuleResult]:
    on = resolution_date(facts)
    months = full_months(facts.birth_date, on)
    years, rest = divmod(months, 12)
    params = {"years": years, "months": rest, "on": _iso(on)}
    results = [
        RuleResult(
            "age.min",
            PASS if months >= settings.min_admission_age_years * 12 else FAIL,
            "rule.age_min",
            {**params, "limit": settings.min_admission_age_years},
        )
    ]
    limit = settings.max_admission_age_years
    if months <= limit * 12:
        results.append(RuleResult("age.max", PASS, "rule.age_max", {**params, "limit": limit}))
    elif facts.age_exception:
        results.append(
            RuleResult(
                "age.max",
                PASS,
                "rule.age_max_exception",
                {**params, "limit": limit, "exception": facts.age_exception},
            )
        )
    else:
        results.append(RuleResult("age.max", FAIL, "rule.age_max", {**params, "limit": limit}))
    return results


def check_certificate(facts: CandidateFacts, settings: Settings) -> list[RuleResult]:
    on = resolution_date(facts)
    if facts.certificate_on is None or facts.certificate_on > on:
        return [RuleResult("certificate.held", FAIL, "rule.certificate_missing")]
    expires = add_months(facts.certificate_on, settings.certificate_valid_months)
    held = RuleResult("certificate.held", PASS, "rule.certificate_held", {"date": _iso(facts.certificate_on)})
    valid = RuleResult(
        "certificate.valid",
        PASS if on < expires else FAIL,
        "rule.certificate_valid",
        {"date": _iso(facts.certificate_on), "expires": _iso(expires), "on": _iso(on)},
    )
    return [held, valid]


def check_introducers(facts: CandidateFacts, settings: Settings) -> list[RuleResult]:
    if facts.applied_on is None:
        return [RuleResult("introducers.count", WARN, "rule.not_applied")]
    needed = 1 if facts.youth_union_introduces else 2
    results = [
        RuleResult(
            "introducers.count",
            PASS if len(facts.introducers) >= needed else FAIL,
            "rule.introducers_count",
            {"count": len(facts.introducers), "needed": needed},
        )
    ]
    not_official = [i.member_id for i in facts.introducers if not i.official_on_application]
    results.append(
        RuleResult(
            "introducers.official",
            FAIL if not_official else PASS,
            "rule.introducers_not_official" if not_official else "rule.introducers_official",
            {"members": ", ".join(f"#{m}" for m in not_official), "on": _iso(facts.applied_on)},
        )
    )
    minimum = settings.introducer_min_months_together
    short = [
        i.member_id for i in facts.introducers if i.months_in_base is not None and i.months_in_base < minimum
    ]
    if short:
        results.append(
            RuleResult(
                "introducers.together",
                FAIL,
                "rule.introducers_short",
                {"members": ", ".join(f"#{m}" for m in short), "months": minimum},
            )
        )
    elif facts.months_in_cell_at_application is None or facts.months_in_cell_at_application < minimum:
        # The introducers have been in the base organisation long enough; whether the candidate worked or
        # lived beside them that long is more than the records know.
        results.append(
            RuleResult("introducers.together", WARN, "rule.introducers_unknown", {"months": minimum})
        )
    else:
        results.append(
            RuleResult("introducers.together", PASS, "rule.introducers_together", {"months": minimum})
        )
    if facts.youth_union_introduces:
        age_years = full_months(facts.birth_date, facts.applied_on) // 12
        ok = facts.youth_union and age_years <= settings.youth_union_max_age_years
        results.append(
            RuleResult(
                "youth_union.substitute",
                PASS if ok else FAIL,
                "rule.youth_union",
                {"age": age_years, "limit": settings.youth_union_max_age_years, "member": facts.youth_union},
            )
        )
    return results


def check_mentor(facts: CandidateFacts) -> list[RuleResult]:
    if facts.mentor_id is None:
        return [RuleResult("mentor.official", FAIL, "rule.mentor_missing")]
    return [
        RuleResult(
            "mentor.official",
            PASS if facts.mentor_official else FAIL,
            "rule.mentor_official" if facts.mentor_official else "rule.mentor_not_official",
            {"member": facts.mentor_id},
        )
    ]


def check_votes(facts: CandidateFacts) -> list[RuleResult]:
    if facts.votes_for is None or facts.official_members is None:
        return []
    # Two thirds of the official members: of the number the resolution gives, and never of fewer than the
    # records show on that day.
    members = max(facts.official_members, facts.cell_official_members or 0)
    ok = facts.votes_for * 3 >= members * 2
    return [
        RuleResult(
            "votes.two_thirds", PASS if ok else FAIL, "rule.votes", {"votes": facts.votes_for, "of": members}
        )
    ]


def check_cell(facts: CandidateFacts, settings: Settings) -> list[RuleResult]:
    if facts.cell_official_members is None:
        return []
    ok = facts.cell_official_members >= settings.min_official_members_per_org
    return [
        RuleResult(
            "cell.min_official",
            PASS if ok else FAIL,
            "rule.cell_min_official",
            {"count": facts.cell_official_members, "minimum": settings.min_official_members_per_org},
        )
    ]


def _deadline(code: str, start: date, days: int, done: date | None, at: date) -> RuleResult:
    due = add_working_days(start, days)
    params = {"start": _iso(start), "days": days, "due": _iso(due)}
    if done is not None:
        return RuleResult(
            code,
            PASS if done <= due else FAIL,
            "rule.deadline_met" if done <= due else "rule.deadline_late",
            {**params, "done": _iso(done)},
        )
    return RuleResult(
        code,
        PASS if at <= due else FAIL,
        "rule.deadline_pending" if at <= due else "rule.deadline_overdue",
        params,
    )


def check_deadlines(facts: CandidateFacts, settings: Settings) -> list[RuleResult]:
    results: list[RuleResult] = []
    if facts.proposed_on is not None:
        results.append(
            _deadline(
                "deadline.decision",
                facts.proposed_on,
                settings.decision_deadline_working_days,
                facts.decision_on,
                facts.at,
            )
        )
    if facts.decision_on is not None:
        results.append(
            _deadline(
                "deadline.ceremony",
                facts.decision_on,
                settings.ceremony_deadline_working_days,
                facts.ceremony_on,
                facts.at,
            )
        )
    if facts.ceremony_on is not None and not facts.member_left:
        probation_end = add_months(facts.ceremony_on, settings.probation_months)
        if facts.recognized_on is not None or facts.at >= probation_end:
            results.append(
                _deadline(
                    "deadline.recognition",
                    probation_end,
                    settings.recognition_deadline_working_days,
                    facts.recognized_on,
                    facts.at,
                )
            )
    return results


def admission_rules(facts: CandidateFacts, settings: Settings) -> list[RuleResult]:
    """The rules a cell's resolution to admit must meet (judged at the resolution's date)."""
    return [
        *check_age(facts, settings),
        *check_certificate(facts, settings),
        *check_introducers(facts, settings),
        *check_mentor(facts),
        *check_votes(facts),
        *check_cell(facts, settings),
    ]


def all_rules(facts: CandidateFacts, settings: Settings) -> list[RuleResult]:
    """Every rule, deadlines included (judged at ``facts.at``)."""
    return [*admission_rules(facts, settings), *check_deadlines(facts, settings)]


def failures(results: list[RuleResult]) -> list[RuleResult]:
    return [r for r in results if r.status == FAIL]


def probation_end(ceremony_on: date, settings: Settings) -> date:
    """The end of probation: 12 months from the ceremony (official status counts from here)."""
    return add_months(ceremony_on, settings.probation_months)

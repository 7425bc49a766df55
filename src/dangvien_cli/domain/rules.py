"""The Party's rules for admitting a candidate, each with a stable code and the regulation it comes from.

Pure functions over plain facts (:class:`CandidateFacts`), gathered from the database by
:mod:`dangvien_cli.store.workflow`. Each rule gives ``pass``, ``fail`` or ``warn`` (the records cannot tell,
or the rule is not a condition of admission), a message key with the fact it checked, and its source.
Thresholds come from :class:`~dangvien_cli.domain.settings.Settings`, so they can change without code;
deadlines count the working days of the calendar the settings name.

Sources (read against the texts; docs/sources.md lists every rule): the Party Charter (Điều lệ Đảng, 2011);
the regulation implementing it now in force, Quy định 294-QĐ/TW of 26/5/2025 (from 1/7/2025; 232-QĐ/TW of
1/2025 and 24-QĐ/TW of 2021 agree on these points), organised by points, not articles; the guidance on the
party-work procedure, Hướng dẫn 12-HD/BTCTW (2022). A citation that could not be checked says so.
The facts and the sources are in :mod:`dangvien_cli.domain.rule_facts`; re-admission and education in
:mod:`dangvien_cli.domain.readmission`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from dangvien_cli.domain.dates import add_months, full_months
from dangvien_cli.domain.readmission import check_education, check_readmission
from dangvien_cli.domain.rule_facts import (
    FAIL,
    PASS,
    SOURCES,
    TRADE_UNION_PLACES,
    WARN,
    CandidateFacts,
    IntroducerFacts,
    PriorMembership,
    RuleResult,
    resolution_date,
)
from dangvien_cli.domain.settings import Settings, calendar_of
from dangvien_cli.domain.vocab import Place
from dangvien_cli.domain.workdays import add_working_days

__all__ = [
    "FAIL",
    "PASS",
    "SOURCES",
    "WARN",
    "CandidateFacts",
    "IntroducerFacts",
    "PriorMembership",
    "RuleResult",
    "admission_rules",
    "all_rules",
    "ceremony_due",
    "certificate_last_day",
    "check_deadlines",
    "decision_due",
    "failures",
    "probation_end",
    "resolution_date",
]


def check_age(facts: CandidateFacts, settings: Settings) -> list[RuleResult]:
    on = resolution_date(facts)
    months = full_months(facts.birth_date, on)
    years, rest = divmod(months, 12)
    params = {"years": years, "months": rest, "on": on}
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


def certificate_last_day(certificate_on: date, settings: Settings) -> date:
    """The last day a class certificate is valid: the day before its fifth anniversary (60 months)."""
    return add_months(certificate_on, settings.certificate_valid_months) - timedelta(days=1)


def check_certificate(facts: CandidateFacts, settings: Settings) -> list[RuleResult]:
    on = resolution_date(facts)
    if facts.certificate_on is None or facts.certificate_on > on:
        return [RuleResult("certificate.held", FAIL, "rule.certificate_missing")]
    last_day = certificate_last_day(facts.certificate_on, settings)
    held = RuleResult("certificate.held", PASS, "rule.certificate_held", {"date": facts.certificate_on})
    valid = RuleResult(
        "certificate.valid",
        PASS if on <= last_day else FAIL,
        "rule.certificate_valid" if on <= last_day else "rule.certificate_expired",
        {"date": facts.certificate_on, "last_day": last_day, "on": on},
    )
    return [held, valid]


def _together(facts: CandidateFacts, settings: Settings) -> RuleResult:
    """Twelve months beside the candidate; a substitute introducer (point 3.2.2) is not held to it."""
    minimum = settings.introducer_min_months_together
    substitutes = [i for i in facts.introducers if i.replaces is not None]
    noted = {"months": minimum, "substitutes": ", ".join(f"#{i.member_id}" for i in substitutes)}
    short = [
        i.member_id
        for i in facts.introducers
        if i.replaces is None and i.months_in_base is not None and i.months_in_base < minimum
    ]
    if short:
        members = ", ".join(f"#{m}" for m in short)
        return RuleResult(
            "introducers.together", FAIL, "rule.introducers_short", {**noted, "members": members}
        )
    regular = [i for i in facts.introducers if i.replaces is None]
    if regular and (
        facts.months_in_cell_at_application is None or facts.months_in_cell_at_application < minimum
    ):
        # The introducers have been in the base organisation long enough; whether the candidate worked or
        # lived beside them that long is more than the records know.
        return RuleResult("introducers.together", WARN, "rule.introducers_unknown", noted)
    key = "rule.introducers_together_substitute" if substitutes else "rule.introducers_together"
    return RuleResult("introducers.together", PASS, key, noted)


def check_introducers(facts: CandidateFacts, settings: Settings) -> list[RuleResult]:
    if facts.applied_on is None:
        return [RuleResult("introducers.count", WARN, "rule.not_applied")]
    needed = 1 if facts.youth_union_introduces or facts.trade_union_introduces else 2
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
            {"members": ", ".join(f"#{m}" for m in not_official), "on": facts.applied_on},
        )
    )
    results.append(_together(facts, settings))
    results.extend(check_unions(facts, settings))
    return results


def check_unions(facts: CandidateFacts, settings: Settings) -> list[RuleResult]:
    """Điều 4 khoản 1: a person of youth age is a Youth Union member, introduced by the Youth Union base
    committee and one official member; in agencies and enterprises without a Youth Union, by the trade
    union base committee and one official member."""
    assert facts.applied_on is not None
    age = full_months(facts.birth_date, facts.applied_on) // 12
    limit = settings.youth_union_max_age_years
    place = Place(facts.cell_place) if facts.cell_place in Place.codes() else Place.other
    params = {"age": age, "limit": limit, "place": place}
    youth = age <= limit
    if facts.youth_union_introduces:
        ok = facts.youth_union and youth
        key = (
            "rule.youth_union" if ok else ("rule.youth_union_not_member" if youth else "rule.youth_union_age")
        )
        return [RuleResult("youth_union.substitute", PASS if ok else FAIL, key, params)]
    if facts.trade_union_introduces:
        if not youth:
            return [RuleResult("trade_union.substitute", FAIL, "rule.trade_union_age", params)]
        in_place = facts.cell_place in TRADE_UNION_PLACES
        key = "rule.trade_union" if in_place else "rule.trade_union_place"
        return [RuleResult("trade_union.substitute", PASS if in_place else WARN, key, params)]
    if youth and facts.introducers:
        # Two members introduced a person of youth age: the Charter wants the Youth Union (or, without one,
        # the trade union) and one member. The records cannot tell whether the unit has a Youth Union.
        key = "rule.youth_union_two_members" if facts.youth_union else "rule.youth_union_two_members_other"
        return [RuleResult("youth_union.substitute", WARN, key, params)]
    return []


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
    """Two thirds of the official members the resolution gives, less those the regulation leaves out of the
    count (members exempted from activity who are absent, members attending elsewhere for a time)."""
    if facts.proposed_on is None:
        return []
    if facts.votes_for is None or facts.official_members is None:
        return [RuleResult("votes.two_thirds", WARN, "rule.votes_not_recorded")]
    excluded = facts.votes_excluded or 0
    counted = facts.official_members - excluded
    params: dict[str, Any] = {"votes": facts.votes_for, "of": counted, "official": facts.official_members}
    if excluded:
        key = "rule.votes_excluded"
        params |= {"excluded": excluded, "reason": facts.votes_excluded_reason or ""}
    else:
        key = "rule.votes"
    results = [
        RuleResult("votes.two_thirds", PASS if facts.votes_for * 3 >= counted * 2 else FAIL, key, params)
    ]
    if facts.cell_official_members is not None:
        same = facts.cell_official_members == facts.official_members
        results.append(
            RuleResult(
                "votes.roster",
                PASS if same else WARN,
                "rule.votes_roster" if same else "rule.votes_roster_differs",
                {"official": facts.official_members, "roster": facts.cell_official_members},
            )
        )
    return results


def check_cell(facts: CandidateFacts, settings: Settings) -> list[RuleResult]:
    """Three official members are needed to set up a cell (Điều 21 khoản 2), not to admit: a warning."""
    if facts.cell_official_members is None:
        return []
    ok = facts.cell_official_members >= settings.min_official_members_per_org
    return [
        RuleResult(
            "cell.min_official",
            PASS if ok else WARN,
            "rule.cell_min_official",
            {"count": facts.cell_official_members, "minimum": settings.min_official_members_per_org},
        )
    ]


def _deadline(
    code: str,
    start: date,
    days: int,
    done: date | None,
    facts: CandidateFacts,
    settings: Settings,
    **extra: Any,
) -> RuleResult:
    due = add_working_days(start, days, calendar_of(settings))
    params = {"start": start, "days": days, "due": due, **extra}
    suffix = "_extended" if extra.get("extended") else ""
    if done is not None:
        return RuleResult(
            code,
            PASS if done <= due else FAIL,
            ("rule.deadline_met" if done <= due else "rule.deadline_late") + suffix,
            {**params, "done": done},
        )
    return RuleResult(
        code,
        PASS if facts.at <= due else FAIL,
        ("rule.deadline_pending" if facts.at <= due else "rule.deadline_overdue") + suffix,
        params,
    )


def decision_due(proposed_on: date, extension_days: int | None, settings: Settings) -> date:
    """The admission decision's deadline: 60 working days from the resolution, plus any extension."""
    days = settings.decision_deadline_working_days + (extension_days or 0)
    return add_working_days(proposed_on, days, calendar_of(settings))


def ceremony_due(decision_on: date, received_on: date | None, settings: Settings) -> date:
    """The ceremony's deadline: 30 working days from the day the decision was received (its date when the
    records do not say)."""
    return add_working_days(
        received_on or decision_on, settings.ceremony_deadline_working_days, calendar_of(settings)
    )


def check_deadlines(facts: CandidateFacts, settings: Settings) -> list[RuleResult]:
    results: list[RuleResult] = []
    if facts.proposed_on is not None:
        extension = facts.decision_extension_days or 0
        extra: dict[str, Any] = (
            {"extended": extension, "reason": facts.decision_extension_reason or ""} if extension else {}
        )
        results.append(
            _deadline(
                "deadline.decision",
                facts.proposed_on,
                settings.decision_deadline_working_days + extension,
                facts.decision_on,
                facts,
                settings,
                **extra,
            )
        )
    if facts.decision_on is not None:
        received = facts.decision_received_on or facts.decision_on
        results.append(
            _deadline(
                "deadline.ceremony",
                received,
                settings.ceremony_deadline_working_days,
                facts.ceremony_on,
                facts,
                settings,
            )
        )
    if facts.ceremony_on is not None and not facts.member_left:
        end = probation_end(facts.ceremony_on, settings)
        if facts.recognized_on is not None or facts.at >= end:
            results.append(
                _deadline(
                    "deadline.recognition",
                    end,
                    settings.recognition_deadline_working_days,
                    facts.recognized_on,
                    facts,
                    settings,
                )
            )
    return results


def admission_rules(facts: CandidateFacts, settings: Settings) -> list[RuleResult]:
    """The rules a cell's resolution to admit must meet (judged at the resolution's date)."""
    return [
        *check_age(facts, settings),
        *check_education(facts, settings),
        *check_certificate(facts, settings),
        *check_introducers(facts, settings),
        *check_mentor(facts),
        *check_votes(facts),
        *check_cell(facts, settings),
        *check_readmission(facts, settings),
    ]


def all_rules(facts: CandidateFacts, settings: Settings) -> list[RuleResult]:
    """Every rule, deadlines included (judged at ``facts.at``)."""
    return [*admission_rules(facts, settings), *check_deadlines(facts, settings)]


def failures(results: list[RuleResult]) -> list[RuleResult]:
    return [r for r in results if r.status == FAIL]


def probation_end(ceremony_on: date, settings: Settings) -> date:
    """The end of probation: 12 months from the ceremony (official status counts from here)."""
    return add_months(ceremony_on, settings.probation_months)

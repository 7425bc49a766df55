"""Two conditions of admission beyond the Charter's: education (Quy định 294-QĐ/TW point 1.2) and the
re-admission of a former member (point 3.5).

Education: a lower-secondary diploma (tốt nghiệp THCS) or above; for people living in mountain, island and
ethnic-minority areas, areas of special hardship, and other cases the development of the Party calls for, the
Secretariat's guidance allows less: such an exception is recorded with its reason, and passes.

Re-admission (point 3.5), for a candidate who was a member before:

- ``readmission.wait`` (3.5.1b): at least 36 months since leaving the Party; after a conviction for a less
  serious crime, 60 months after its record was expunged; a removal for breaching the population policy
  follows the Secretariat's own rules (a warning: not encoded here).
- ``readmission.once`` (3.5.3): a person is re-admitted only once.
- ``readmission.approval`` (3.5.1b): the provincial standing committee's written approval, by number and
  date. Before the decision it may still come (a warning); the decision needs it (a failure).
- ``readmission.excluded`` (3.5.2): those who left by abandoning party activity, by asking to leave (unless
  for special family hardship), for serious internal disunity, or convicted of corruption or of a serious
  crime or worse are never re-admitted.
- The full probation applies (3.5.4), as to anyone admitted: nothing to check.
"""

from __future__ import annotations

from datetime import date

from dangvien_cli.domain.dates import full_months
from dangvien_cli.domain.education import level_from_text
from dangvien_cli.domain.rule_facts import (
    FAIL,
    PASS,
    WARN,
    CandidateFacts,
    PriorMembership,
    RuleResult,
    resolution_date,
)
from dangvien_cli.domain.settings import Settings
from dangvien_cli.domain.vocab import NEVER_READMITTED, EducationLevel, PriorExit


def check_education(facts: CandidateFacts, settings: Settings) -> list[RuleResult]:
    """Point 1.2: the level entered, else the one the free text reads as; an exception with its reason."""
    minimum = EducationLevel(settings.min_education_level)
    entered = EducationLevel.parse(facts.education_level) if facts.education_level else None
    level = entered or level_from_text(facts.education_text)
    params = {"minimum": minimum, "level": level, "text": facts.education_text or ""}
    if facts.education_exception:
        return [
            RuleResult(
                "education.min",
                PASS,
                "rule.education_exception",
                {**params, "exception": facts.education_exception},
            )
        ]
    if level is None:
        return [RuleResult("education.min", WARN, "rule.education_unknown", params)]
    key = "rule.education" if entered else "rule.education_from_text"
    return [RuleResult("education.min", PASS if level.rank() >= minimum.rank() else FAIL, key, params)]


def check_readmission(facts: CandidateFacts, settings: Settings) -> list[RuleResult]:
    """The re-admission rules, for a candidate who was a member before (none for anyone else)."""
    prior = facts.prior
    if prior is None:
        return []
    on = resolution_date(facts)
    return [
        _wait(prior, on, settings),
        RuleResult(
            "readmission.once",
            FAIL if prior.readmitted_before else PASS,
            "rule.readmission_twice" if prior.readmitted_before else "rule.readmission_first",
            {"member": prior.member_id or ""},
        ),
        _approval(prior, facts),
        _excluded(prior),
    ]


def _wait(prior: PriorMembership, on: date, settings: Settings) -> RuleResult:
    exit_ = PriorExit(prior.exit) if prior.exit else None
    if exit_ is PriorExit.population_policy:
        return RuleResult("readmission.wait", WARN, "rule.readmission_population", {"exit": exit_})
    if exit_ is PriorExit.minor_conviction:
        needed = settings.readmission_wait_after_conviction_months
        if prior.expunged_on is None:
            return RuleResult(
                "readmission.wait", WARN, "rule.readmission_expunged_unknown", {"months": needed}
            )
        months = full_months(prior.expunged_on, on)
        params = {"months": months, "needed": needed, "since": prior.expunged_on, "on": on}
        return RuleResult(
            "readmission.wait", PASS if months >= needed else FAIL, "rule.readmission_expunged", params
        )
    needed = settings.readmission_wait_months
    if prior.left_on is None:
        return RuleResult("readmission.wait", WARN, "rule.readmission_left_unknown", {"months": needed})
    months = full_months(prior.left_on, on)
    params = {"months": months, "needed": needed, "since": prior.left_on, "on": on}
    return RuleResult("readmission.wait", PASS if months >= needed else FAIL, "rule.readmission_wait", params)


def _approval(prior: PriorMembership, facts: CandidateFacts) -> RuleResult:
    if prior.approval_no and prior.approval_on:
        params = {"number": prior.approval_no, "date": prior.approval_on}
        return RuleResult("readmission.approval", PASS, "rule.readmission_approval", params)
    # The cell may propose before the provincial committee answers; the decision may not come before it.
    status = FAIL if facts.decision_on is not None else WARN
    return RuleResult("readmission.approval", status, "rule.readmission_no_approval")


def _excluded(prior: PriorMembership) -> RuleResult:
    if prior.exit is None:
        return RuleResult("readmission.excluded", WARN, "rule.readmission_exit_unknown")
    exit_ = PriorExit(prior.exit)
    if exit_ in NEVER_READMITTED:
        return RuleResult("readmission.excluded", FAIL, "rule.readmission_excluded", {"exit": exit_})
    return RuleResult("readmission.excluded", PASS, "rule.readmission_allowed", {"exit": exit_})

"""Each admission rule passes and fails on plain facts (the CLI tests walk the same rules end to end)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dangvien_cli.domain.rules import (
    FAIL,
    PASS,
    SOURCES,
    WARN,
    CandidateFacts,
    IntroducerFacts,
    all_rules,
)
from dangvien_cli.domain.settings import DEFAULT_SETTINGS

OFFICIAL = IntroducerFacts(member_id=1, official_on_application=True, months_in_base=120)

GOOD = CandidateFacts(
    at=date(2023, 3, 1),
    birth_date=date(2000, 5, 1),
    identified_on=date(2021, 1, 10),
    youth_union=True,
    proposed_on=date(2023, 3, 1),
    certificate_on=date(2022, 4, 15),
    applied_on=date(2023, 2, 1),
    introducers=(OFFICIAL, replace(OFFICIAL, member_id=2)),
    months_in_cell_at_application=24,
    mentor_id=1,
    mentor_official=True,
    votes_for=3,
    official_members=3,
    cell_official_members=3,
)


def statuses(facts: CandidateFacts) -> dict[str, str]:
    return {r.code: r.status for r in all_rules(facts, DEFAULT_SETTINGS)}


def test_a_good_candidate_passes_everything():
    assert set(statuses(GOOD).values()) == {PASS}


@pytest.mark.parametrize(
    ("code", "facts", "status"),
    [
        ("age.min", replace(GOOD, birth_date=date(2005, 3, 2)), FAIL),  # a day short of 18
        ("age.min", replace(GOOD, birth_date=date(2005, 3, 1)), PASS),
        ("age.max", replace(GOOD, birth_date=date(1963, 1, 31)), FAIL),  # 60 years and a month
        ("age.max", replace(GOOD, birth_date=date(1963, 3, 1)), PASS),  # exactly 60
        ("age.max", replace(GOOD, birth_date=date(1960, 1, 1), age_exception="CV 12"), PASS),
        ("certificate.held", replace(GOOD, certificate_on=None), FAIL),
        ("certificate.valid", replace(GOOD, certificate_on=date(2018, 3, 1)), FAIL),  # 60 months to the day
        ("certificate.valid", replace(GOOD, certificate_on=date(2018, 3, 2)), PASS),
        ("introducers.count", replace(GOOD, introducers=(OFFICIAL,)), FAIL),
        ("introducers.count", replace(GOOD, introducers=(OFFICIAL,), youth_union_introduces=True), PASS),
        ("introducers.count", replace(GOOD, applied_on=None), WARN),
        (
            "introducers.official",
            replace(GOOD, introducers=(OFFICIAL, replace(OFFICIAL, official_on_application=False))),
            FAIL,
        ),
        (
            "introducers.together",
            replace(GOOD, introducers=(OFFICIAL, replace(OFFICIAL, months_in_base=11))),
            FAIL,
        ),
        ("introducers.together", replace(GOOD, months_in_cell_at_application=6), WARN),
        (
            "youth_union.substitute",
            replace(GOOD, introducers=(OFFICIAL,), youth_union_introduces=True, youth_union=False),
            FAIL,
        ),
        (
            "youth_union.substitute",
            replace(GOOD, introducers=(OFFICIAL,), youth_union_introduces=True, birth_date=date(1990, 1, 1)),
            FAIL,
        ),
        ("youth_union.substitute", replace(GOOD, introducers=(OFFICIAL,), youth_union_introduces=True), PASS),
        ("mentor.official", replace(GOOD, mentor_official=False), FAIL),
        ("mentor.official", replace(GOOD, mentor_id=None), FAIL),
        ("votes.two_thirds", replace(GOOD, votes_for=6, official_members=10), FAIL),
        ("votes.two_thirds", replace(GOOD, votes_for=2, official_members=3), PASS),
        ("cell.min_official", replace(GOOD, cell_official_members=2), FAIL),
        ("votes.two_thirds", replace(GOOD, votes_for=2, official_members=3, cell_official_members=4), FAIL),
        ("certificate.held", replace(GOOD, certificate_on=date(2023, 3, 2)), FAIL),  # after the resolution
        # 60 working days from 1/3/2023 (30/4–3/5 off) end on 29/5/2023
        ("deadline.decision", replace(GOOD, decision_on=date(2023, 5, 29)), PASS),
        ("deadline.decision", replace(GOOD, decision_on=date(2023, 5, 30)), FAIL),
        ("deadline.decision", replace(GOOD, at=date(2023, 6, 1)), FAIL),  # not decided, overdue
        (
            "deadline.ceremony",
            replace(GOOD, decision_on=date(2023, 4, 3), ceremony_on=date(2023, 5, 18)),
            PASS,
        ),  # 30 working days
        (
            "deadline.ceremony",
            replace(GOOD, decision_on=date(2023, 4, 3), ceremony_on=date(2023, 5, 19)),
            FAIL,
        ),
        (
            "deadline.recognition",
            replace(
                GOOD,
                at=date(2024, 6, 1),
                decision_on=date(2023, 4, 3),
                ceremony_on=date(2023, 4, 20),
                recognized_on=date(2024, 5, 6),
            ),
            PASS,
        ),
        (  # recognised, but eight months late
            "deadline.recognition",
            replace(
                GOOD,
                at=date(2025, 7, 1),
                decision_on=date(2023, 4, 3),
                ceremony_on=date(2023, 4, 20),
                recognized_on=date(2025, 1, 6),
            ),
            FAIL,
        ),
        (  # removed: no recognition to wait for
            "deadline.recognition",
            replace(
                GOOD,
                at=date(2024, 7, 1),
                decision_on=date(2023, 4, 3),
                ceremony_on=date(2023, 4, 20),
                member_left=True,
            ),
            None,
        ),
        (
            "deadline.recognition",
            replace(GOOD, at=date(2024, 7, 1), decision_on=date(2023, 4, 3), ceremony_on=date(2023, 4, 20)),
            FAIL,
        ),
    ],
)
def test_each_rule(code, facts, status):
    assert statuses(facts).get(code) == status


def test_every_rule_cites_a_source():
    codes = {r.code for r in all_rules(GOOD, DEFAULT_SETTINGS)} | {
        "youth_union.substitute",
        "deadline.ceremony",
        "deadline.recognition",
    }
    assert codes <= set(SOURCES)
    assert all(SOURCES[c] for c in codes)

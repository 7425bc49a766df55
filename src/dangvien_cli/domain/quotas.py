"""A quota's roadmap (lộ trình): milestones such as ``2022-Q1=3`` or ``2022-06=7``, each due by the last day
of its quarter or month. One parser, for ``quota set --milestone`` and the quota import alike."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dangvien_cli.domain.dates import add_months
from dangvien_cli.errors import InvalidValue

_PERIOD = re.compile(r"^(\d{4})-(?:Q([1-4])|(\d{2}))$")


@dataclass(frozen=True)
class Milestone:
    """``target`` admissions due by ``due_on``, the last day of ``period`` (``2022-Q1``, ``2022-03``)."""

    period: str
    due_on: date
    target: int


def parse_milestone(text: str, year: int, field: str = "milestone") -> Milestone:
    """``2022-Q1=3`` or ``2022-03=3`` → the milestone; :class:`InvalidValue` naming ``field`` otherwise."""
    period, _, number = text.partition("=")
    period, number = period.strip(), number.strip()
    match = _PERIOD.match(period)
    if match is None or not (number.isascii() and number.isdigit()):
        raise InvalidValue(field, text, "quota.milestone_format")
    if int(match[1]) != year:
        raise InvalidValue(field, text, "quota.milestone_year", year=year)
    last_month = int(match[2]) * 3 if match[2] else int(match[3])
    if not 1 <= last_month <= 12:
        raise InvalidValue(field, text, "quota.milestone_format")
    return Milestone(period, add_months(date(year, last_month, 1), 1) - timedelta(days=1), int(number))


def parse_milestones(text: str, year: int, field: str = "milestones") -> list[Milestone]:
    """Several milestones in one cell, separated by ``;`` or ``,`` (``2022-Q1=3; 2022-06=7``)."""
    return [parse_milestone(part, year, field) for part in re.split(r"[;,]", text) if part.strip()]

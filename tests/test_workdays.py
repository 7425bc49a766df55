"""Working days: weekends, Vietnamese public holidays (Tết included), nghỉ bù and swapped Saturdays."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvien_cli.domain.workdays import (
    add_working_days,
    is_working_day,
    next_working_day,
    working_days_between,
)
from dangvien_cli.errors import InvalidValue
from tests.test_calendar import OFFICIAL_OFF, OFFICIAL_WORKED

# The slow, obvious oracle for the bisecting code, stepped one day at a time: the official schedules typed
# from their documents for 2023-2026 (tests/test_calendar.py), the library's own calendar for other years.
LIBRARY = holidays.country_holidays("VN")
OFF = {day for days in OFFICIAL_OFF.values() for day in days}
WORKED = {day for days in OFFICIAL_WORKED.values() for day in days}


def oracle_is_working_day(day: date) -> bool:
    if day.year in OFFICIAL_OFF:
        return day in WORKED or (day.weekday() < 5 and day not in OFF)
    return bool(LIBRARY.is_working_day(day))


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(n) for n in range((last - first).days + 1)]


# Tết. The government's announced days off for public servants:
#   2023 (Quý Mão, mùng 1 = Sun 22/1): Fri 20/1 - Thu 26/1.
#   2024 (Giáp Thìn, mùng 1 = Sat 10/2): Thu 8/2 - Wed 14/2.
# holidays 0.109 gives exactly those days: the Labour Code's five lunar days (giao thừa to mùng 3 or 4) plus
# the Tết days that fell on a weekend, moved to the weekdays before and after (nghỉ bù). No difference.
TET_2023_LUNAR = days(date(2023, 1, 21), date(2023, 1, 25))  # 30 Tết .. mùng 4
TET_2023_OFFICIAL = days(date(2023, 1, 20), date(2023, 1, 26))
TET_2024_LUNAR = days(date(2024, 2, 9), date(2024, 2, 13))  # 30 Tết .. mùng 4
TET_2024_OFFICIAL = days(date(2024, 2, 8), date(2024, 2, 14))


@pytest.mark.parametrize("day", [*TET_2023_LUNAR, *TET_2023_OFFICIAL, *TET_2024_LUNAR, *TET_2024_OFFICIAL])
def test_tet_is_not_a_working_day(day: date) -> None:
    assert not is_working_day(day)


def test_tet_new_year_days_themselves() -> None:
    assert not is_working_day(date(2023, 1, 22))
    assert not is_working_day(date(2024, 2, 10))


@pytest.mark.parametrize("day", [date(2023, 1, 19), date(2023, 1, 27), date(2024, 2, 7), date(2024, 2, 15)])
def test_days_around_tet_are_working_days(day: date) -> None:
    assert is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        date(2024, 1, 1),  # Tết Dương lịch
        date(2023, 1, 2),  # nghỉ bù: 1/1/2023 was a Sunday
        date(2024, 4, 18),  # Giỗ Tổ Hùng Vương, 10/3 lunar
        date(2025, 4, 7),
        date(2023, 4, 30),
        date(2024, 4, 30),
        date(2025, 4, 30),
        date(2023, 5, 1),
        date(2024, 5, 1),
        date(2025, 5, 1),
        date(2023, 5, 2),  # nghỉ bù for Hùng Kings (Sat 29/4/2023) and 30/4 (Sun)
        date(2023, 5, 3),
        date(2023, 9, 1),  # 2/9 and the day next to it, since 2021
        date(2023, 9, 2),
        date(2023, 9, 4),  # nghỉ bù: 2/9/2023 was a Saturday
        date(2024, 9, 2),
        date(2024, 9, 3),
        date(2025, 9, 1),
        date(2025, 9, 2),
        date(2024, 4, 29),  # swapped: Monday given off, worked on Saturday 4/5/2024
        date(2025, 5, 2),  # swapped: Friday given off, worked on Saturday 26/4/2025
    ],
)
def test_public_holidays_are_not_working_days(day: date) -> None:
    assert not is_working_day(day)


@pytest.mark.parametrize("day", [date(2024, 6, 8), date(2024, 6, 9), date(2023, 11, 18), date(2023, 11, 19)])
def test_weekends_are_not_working_days(day: date) -> None:
    assert day.weekday() >= 5
    assert not is_working_day(day)


@pytest.mark.parametrize("day", [date(2024, 6, 10), date(2024, 6, 14), date(2023, 9, 5)])
def test_ordinary_weekdays_are_working_days(day: date) -> None:
    assert is_working_day(day)


@pytest.mark.parametrize("day", [date(2024, 5, 4), date(2025, 4, 26), date(2014, 12, 27)])
def test_saturdays_worked_in_a_swap_are_working_days(day: date) -> None:
    # Announced swaps (hoán đổi ngày làm việc) for public servants; 27/12/2014 paid for 2/1/2015.
    assert day.weekday() == 5
    assert is_working_day(day)


def test_add_zero_working_days_is_the_start() -> None:
    assert add_working_days(date(2023, 1, 22), 0) == date(2023, 1, 22)
    assert add_working_days(date(2024, 6, 10), 0) == date(2024, 6, 10)


def test_add_working_days_across_tet() -> None:
    assert add_working_days(date(2023, 1, 19), 1) == date(2023, 1, 27)
    assert add_working_days(date(2024, 2, 7), 1) == date(2024, 2, 15)
    assert add_working_days(date(2024, 2, 7), 2) == date(2024, 2, 16)
    # A cell resolution on Mon 15/1/2024: 91 days later, less 13 weekends and the five weekdays of Tết.
    assert add_working_days(date(2024, 1, 15), 60) == date(2024, 4, 15)


def test_add_working_days_from_a_holiday_and_across_a_year() -> None:
    assert add_working_days(date(2023, 1, 22), 1) == date(2023, 1, 27)
    assert add_working_days(date(2023, 12, 29), 1) == date(2024, 1, 2)  # Fri, then the weekend and 1/1
    assert add_working_days(date(2024, 5, 3), 1) == date(2024, 5, 4)  # the swapped Saturday


def test_working_days_between() -> None:
    assert working_days_between(date(2023, 1, 19), date(2023, 1, 27)) == 1
    assert working_days_between(date(2024, 6, 10), date(2024, 6, 17)) == 5
    assert working_days_between(date(2024, 6, 10), date(2024, 6, 10)) == 0
    assert working_days_between(date(2024, 6, 17), date(2024, 6, 10)) == 0
    # A whole year: 2024 had 366 days, 104 weekend days, 12 weekday holidays and a worked Saturday (4/5).
    assert working_days_between(date(2023, 12, 31), date(2024, 12, 31)) == 366 - 104 - 12 + 1


def test_probation_ending_on_a_holiday_moves_to_the_next_working_day() -> None:
    # Sat 2/9/2023: Fri 1/9 and Sat 2/9 are National Day, Mon 4/9 its nghỉ bù.
    ends = date(2023, 9, 2)
    considered_from = next_working_day(ends)
    assert considered_from > ends
    assert is_working_day(considered_from)
    assert considered_from == date(2023, 9, 5)


def test_next_working_day_of_a_working_day_is_itself() -> None:
    assert next_working_day(date(2024, 6, 10)) == date(2024, 6, 10)


def test_negative_days_count_back() -> None:
    assert add_working_days(date(2024, 6, 10), -1) == date(2024, 6, 7)
    assert add_working_days(date(2024, 5, 6), -1) == date(2024, 5, 4)  # the swapped Saturday


def test_years_outside_the_calendar_are_refused() -> None:
    # a user's error (a mistyped year): a clean refusal naming the year, not a crash
    with pytest.raises(InvalidValue, match=r"date\.out_of_calendar") as caught:
        is_working_day(date(2101, 1, 3))
    assert (caught.value.field, caught.value.value) == ("date", "2101")
    with pytest.raises(InvalidValue, match=r"date\.out_of_calendar"):
        add_working_days(date(2100, 12, 1), 60)


def test_importing_the_module_does_not_import_holidays() -> None:
    code = "import sys, dangvien_cli.domain.workdays; print('holidays' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603  (a fresh Python that imports our package)
    assert result.stdout.strip() == "False"


any_day = st.dates(min_value=date(1995, 1, 1), max_value=date(2098, 12, 31))
working_day = any_day.map(next_working_day)
counts = st.integers(min_value=0, max_value=400)


@given(working_day, counts)
def test_counting_back_inverts_counting_forward(start: date, n: int) -> None:
    assert add_working_days(add_working_days(start, n), -n) == start


@given(working_day, counts)
def test_between_inverts_add_for_working_day_starts(start: date, n: int) -> None:
    assert working_days_between(start, add_working_days(start, n)) == n


@given(any_day, counts)
def test_between_inverts_add_for_any_start(start: date, n: int) -> None:
    end = add_working_days(start, n)
    assert working_days_between(start, end) == n
    if n > 0:
        assert end > start
        assert is_working_day(end)
        assert add_working_days(start, n - 1) < end


@given(any_day, st.integers(min_value=0, max_value=90))
def test_add_matches_the_library_stepped_day_by_day(start: date, n: int) -> None:
    day = start
    for _ in range(n):
        day += timedelta(1)
        while not oracle_is_working_day(day):
            day += timedelta(1)
    assert add_working_days(start, n) == day


@given(any_day, st.integers(min_value=-5, max_value=800))
def test_between_matches_the_library_count(start: date, span: int) -> None:
    end = start + timedelta(span)
    expected = sum(oracle_is_working_day(d) for d in days(start + timedelta(1), end)) if span > 0 else 0
    assert working_days_between(start, end) == expected


@given(any_day)
def test_next_working_day_is_the_first_working_day_not_before(day: date) -> None:
    found = next_working_day(day)
    assert found >= day
    assert is_working_day(found)
    assert all(not is_working_day(d) for d in days(day, found - timedelta(1)))
    assert is_working_day(day) == (found == day)

"""Dates as officers type them, and ages in full months."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvien_cli.domain.dates import add_months, full_months, full_years, parse_date
from dangvien_cli.errors import InvalidValue


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-10-31", date(2022, 10, 31)),
        ("31/10/2022", date(2022, 10, 31)),
        ("1/9/2022", date(2022, 9, 1)),
        ("01/09/2022", date(2022, 9, 1)),
        (" 5/1/2022 ", date(2022, 1, 5)),
        ("31.10.2022", date(2022, 10, 31)),
        ("31-10-2022", date(2022, 10, 31)),
        ("29/2/2024", date(2024, 2, 29)),
    ],
)
def test_accepted_forms(text, expected):
    assert parse_date(text, "birth_date") == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31/02/2022", "date.impossible"),
        ("29/2/2023", "date.impossible"),
        ("2022-02-30", "date.impossible"),
        ("0/1/2022", "date.impossible"),
        ("10/31/2022", "date.impossible"),  # month-first is not guessed
        ("31/10/22", "date.format"),
        ("2022/10/31", "date.format"),
        ("31/10-2022", "date.format"),
        ("", "date.format"),
        ("hôm nay", "date.format"),
    ],
)
def test_refused_forms(text, reason):
    with pytest.raises(InvalidValue) as caught:
        parse_date(text, "admitted_on")
    assert caught.value.field == "admitted_on"
    assert caught.value.value == text
    assert caught.value.key == reason


@given(st.text(max_size=30))
def test_arbitrary_text_is_a_date_or_a_clean_refusal(text):
    try:
        parsed = parse_date(text, "d")
    except InvalidValue as error:
        assert error.field == "d"  # noqa: PT017  (either outcome is right; the property covers both)
    else:
        assert isinstance(parsed, date)


@given(st.dates(min_value=date(1000, 1, 1)))
def test_iso_and_day_first_round_trip(day):
    if not 1900 <= day.year <= 2100:  # no date the tool keeps lies outside these years (issue 17)
        with pytest.raises(InvalidValue) as refused:
            parse_date(day.isoformat(), "d")
        assert refused.value.key == "date.year_range"
        return
    assert parse_date(day.isoformat(), "d") == day
    assert parse_date(f"{day.day}/{day.month}/{day.year:04d}", "d") == day


def test_full_years_counts_whole_years():
    born = date(2004, 5, 19)
    assert full_years(born, date(2022, 5, 18)) == 17
    assert full_years(born, date(2022, 5, 19)) == 18
    assert full_months(born, date(2022, 5, 18)) == 18 * 12 - 1


def test_month_ends():
    assert add_months(date(2022, 1, 31), 1) == date(2022, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2022, 3, 15), -3) == date(2021, 12, 15)
    assert full_months(date(2022, 1, 31), date(2022, 2, 28)) == 1
    assert full_months(date(2022, 1, 31), date(2022, 2, 27)) == 0


@given(st.dates(max_value=date(9000, 1, 1)), st.integers(min_value=0, max_value=1200))
def test_full_months_inverts_add_months(start, months):
    assert full_months(start, add_months(start, months)) == months

"""Dates as Vietnamese officers write them, and ages counted the Party's way (full months).

Accepted input: ISO ``2022-10-31``, and day-first ``31/10/2022``, ``1/9/2022``, ``31.10.2022`` or
``31-10-2022``. An impossible date (31/02/2022) is refused, never guessed or rolled over, and so is a year
outside 1900-2100 (a typo such as 0201, or 1/1/0001): no date the tool keeps or asks about lies there.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dangvien_cli.errors import InvalidValue

FIRST_YEAR, LAST_YEAR = 1900, 2100

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})$")


def parse_date(text: str, field: str) -> date:
    """Parse a user's date; raise :class:`InvalidValue` naming ``field`` when it is not a real date."""
    value = text.strip()
    if m := _ISO.match(value):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _DAY_FIRST.match(value):
        day, month, year = int(m[1]), int(m[3]), int(m[4])
    else:
        raise InvalidValue(field, text, "date.format")
    try:
        parsed = date(year, month, day)
    except ValueError:
        raise InvalidValue(field, text, "date.impossible") from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidValue(field, text, "date.year_range")
    return parsed


def parse_optional_date(text: str | None, field: str) -> date | None:
    """Like :func:`parse_date`, but ``None`` or blank gives ``None``."""
    if text is None or not text.strip():
        return None
    return parse_date(text, field)


def full_months(born: date, on: date) -> int:
    """Whole months lived from ``born`` to ``on`` (negative if ``on`` is before ``born``).

    A month is complete on the same day-of-month; someone born on the 31st completes a month at the
    end of a shorter month (born 31 Jan: one full month on 28/29 Feb).
    """
    months = (on.year - born.year) * 12 + (on.month - born.month)
    if on.day < born.day and on != add_months(born, months):
        months -= 1
    return months


def full_years(born: date, on: date) -> int:
    """Whole years of age on ``on`` (đủ tuổi)."""
    return full_months(born, on) // 12


def add_months(start: date, months: int) -> date:
    """``start`` moved by ``months``, clamped to the end of a shorter month (31 Jan + 1 → 28/29 Feb)."""
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, min(start.day, day))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def month_end(day: date) -> date:
    """The last day of the month ``day`` falls in (a monthly report's last day; a remark's deadline)."""
    return add_months(day.replace(day=1), 1) - timedelta(days=1)

"""The calendar of working days: official days off and make-up working days, each with its source document.

Three layers, the later winning on the same day:

1. The ``holidays`` library's Vietnamese calendar (Labour Code 2019, Art. 112, with nghỉ bù and the swaps it
   knows), for the years nobody here has checked against the year's documents.
2. The package's own list, ``calendar_vn.toml``: for each year in its ``verified_years`` (2023-2026), every
   weekday not worked and every day worked against expectation (a make-up Saturday; 24/11/2026, which the
   library counts as a day off without a text behind it), each naming the government document that set it.
   For those years the list *is* the calendar: the library is not consulted, so a library release cannot
   move a deadline that a document fixed.
3. A local file an officer names in the settings (``[calendar] extra = "file.toml"``), in the same format,
   for a province's or an agency's own decision: its days are added on top, for any year.

A working day is a weekday that is not a day off, or a day listed as worked. Deadlines
(:mod:`dangvien_cli.domain.workdays`) count these days.

Reading the package file costs about a millisecond (``tomllib``) and happens once, on first use; importing
this module reads nothing, so the CLI's start-up does not pay for it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from dangvien_cli.errors import InvalidValue

OFFICIAL_FILE = "calendar_vn.toml"
LIBRARY_SOURCE = "Bộ luật Lao động 2019, Điều 112 và Điều 111 khoản 3; chưa đối chiếu văn bản của năm"


class DayKind(StrEnum):
    """What a listed day is: a weekday not worked, or a day worked (a make-up Saturday, a kept weekday)."""

    off = "off"
    work = "work"


class Origin(StrEnum):
    """Which layer a listed day comes from."""

    official = "official"  # the package's checked list
    local = "local"  # the officer's own file
    library = "library"  # the holidays library, for the years not checked


@dataclass(frozen=True)
class CalendarDay:
    """A day the calendar lists, with its name in both languages and the document that set it."""

    day: date
    kind: DayKind
    name: str
    name_en: str
    source: str
    origin: Origin

    def label(self, lang: str) -> str:
        return self.name if lang == "vi" else self.name_en


@dataclass(frozen=True)
class WorkCalendar:
    """The calendar in force: the package's checked years, the library for the others, local days on top."""

    verified_years: frozenset[int]
    official: dict[date, CalendarDay] = field(hash=False, compare=False)
    local: dict[date, CalendarDay] = field(hash=False, compare=False)
    extra: str | None = None  # the local file's path, as the settings name it (the calendar's identity)
    _years: dict[int, tuple[int, ...]] = field(default_factory=dict, hash=False, compare=False, repr=False)

    def listed(self, year: int) -> list[CalendarDay]:
        """Every weekday not worked and every day worked against expectation in ``year``, by date."""
        days = {d.day: d for d in self._base(year)}
        days.update({day: d for day, d in self.local.items() if day.year == year})
        return [days[day] for day in sorted(days)]

    def is_verified(self, year: int) -> bool:
        return year in self.verified_years

    def _base(self, year: int) -> list[CalendarDay]:
        if year in self.verified_years:
            return [d for day, d in self.official.items() if day.year == year]
        return list(_library_days(year))

    def working_ordinals(self, year: int) -> tuple[int, ...]:
        """Sorted ordinals (``date.toordinal()``) of the working days of ``year``, built once a year."""
        ordinals = self._years.get(year)
        if ordinals is None:
            ordinals = self._years[year] = _working_ordinals(self.listed(year), year)
        return ordinals


def _working_ordinals(listed: list[CalendarDay], year: int) -> tuple[int, ...]:
    off = {d.day for d in listed if d.kind is DayKind.off}
    worked = {d.day for d in listed if d.kind is DayKind.work}
    start, end = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
    return tuple(
        n
        for n in range(start, end + 1)
        if (day := date.fromordinal(n)) in worked or (day.weekday() < 5 and day not in off)
    )


@lru_cache(maxsize=256)
def _library_days(year: int) -> tuple[CalendarDay, ...]:
    """The library's days off on weekdays and its worked Saturdays, for a year not checked here."""
    # Imported here, not at the top: holidays costs ~45 ms to import and most commands never need it.
    from holidays import country_holidays

    # observed=True is the default, stated because nghỉ bù is part of the official calendar.
    vi = country_holidays("VN", years=year, observed=True, language="vi")
    if not vi.start_year <= year <= vi.end_year:
        # A user's error (a mistyped year), reported like any other refused value.
        raise InvalidValue(
            "date", str(year), "date.out_of_calendar", first_year=vi.start_year, last_year=vi.end_year
        )
    en = country_holidays("VN", years=year, observed=True, language="en_US")
    days = [
        CalendarDay(day, DayKind.off, str(name), str(en.get(day, name)), LIBRARY_SOURCE, Origin.library)
        for day, name in sorted(vi.items())
        if day.weekday() < 5
    ]
    days += [
        CalendarDay(day, DayKind.work, "Ngày làm bù", "Make-up working day", LIBRARY_SOURCE, Origin.library)
        for day in sorted(getattr(vi, "weekend_workdays", ()))
        if day.year == year
    ]
    return tuple(sorted(days, key=lambda d: d.day))


# --- reading the files ---------------------------------------------------------------------------------

_DAY_KEYS = {"date", "kind", "name", "name_en", "source"}


def _text(entry: dict[str, Any], key: str, where: str, required: bool = True) -> str:
    value = entry.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue("calendar", where, "calendar.entry_field", name=key)
    return " ".join(value.split())


def parse_days(data: dict[str, Any], path: str, origin: Origin) -> dict[date, CalendarDay]:
    """The ``[[days]]`` of a calendar file, checked: a real date, a kind, a name and a source each; a day
    off on a weekday; a day listed once."""
    days: dict[date, CalendarDay] = {}
    entries = data.get("days", [])
    if not isinstance(entries, list):
        raise InvalidValue("calendar", path, "calendar.no_days")
    for number, entry in enumerate(entries, start=1):
        where = f"{path} [[days]] #{number}"
        if not isinstance(entry, dict):
            raise InvalidValue("calendar", where, "calendar.no_days")
        unknown = sorted(set(entry) - _DAY_KEYS)
        if unknown:
            raise InvalidValue("calendar", where, "calendar.entry_unknown", keys=", ".join(unknown))
        day = entry.get("date")
        if not isinstance(day, date) or hasattr(day, "hour"):
            raise InvalidValue("calendar", where, "calendar.entry_date")
        kind_text = entry.get("kind")
        if not isinstance(kind_text, str) or kind_text not in DayKind.__members__:
            raise InvalidValue("calendar", where, "calendar.entry_kind", kind=kind_text)
        kind = DayKind(kind_text)
        if kind is DayKind.off and day.weekday() >= 5:
            raise InvalidValue("calendar", where, "calendar.off_on_weekend", day=day)
        if day in days:
            raise InvalidValue("calendar", where, "calendar.entry_twice", day=day)
        name = _text(entry, "name", where)
        days[day] = CalendarDay(
            day=day,
            kind=kind,
            name=name,
            name_en=_text(entry, "name_en", where, required=False) or name,
            source=_text(entry, "source", where),
            origin=origin,
        )
    return days


def _official() -> tuple[frozenset[int], dict[date, CalendarDay]]:
    text = resources.files("dangvien_cli.domain").joinpath(OFFICIAL_FILE).read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return frozenset(data["verified_years"]), parse_days(data, OFFICIAL_FILE, Origin.official)


def _local(path: str) -> dict[date, CalendarDay]:
    file = Path(path)
    if not file.is_file():
        raise InvalidValue("calendar.extra", path, "calendar.missing")
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InvalidValue("calendar.extra", path, "calendar.unreadable", detail=str(error)) from None
    unknown = sorted(set(data) - {"days"})
    if unknown:
        raise InvalidValue("calendar.extra", path, "calendar.entry_unknown", keys=", ".join(unknown))
    return parse_days(data, path, Origin.local)


@lru_cache(maxsize=8)
def load_calendar(extra: str | None = None) -> WorkCalendar:
    """The calendar in force: the package's list, with the local file ``extra`` (a path) on top."""
    verified, official = _official()
    return WorkCalendar(verified, official, _local(extra) if extra else {}, extra)

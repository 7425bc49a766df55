"""Rules for a person's own fields: names, gender, citizen ID, birth date. Pure functions, no I/O.

A person's fields are parsed once, here (:func:`parse_person`), for the record commands and the importer
alike."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from dangvien_cli.domain.dates import add_months, full_years, parse_date
from dangvien_cli.domain.names import fold, normalize, sort_key, split_full_name
from dangvien_cli.domain.settings import Settings
from dangvien_cli.domain.vocab import EducationLevel, Gender
from dangvien_cli.errors import InvalidValue

MAX_NAME_LENGTH = 150
"""The longest full name accepted, in characters (real ones are under 50)."""

_CITIZEN_ID = re.compile(r"^\d{12}$")


def parse_gender(value: str) -> Gender:
    """``M`` or ``F`` from M/F, male/female or Nam/Nữ (any case, any tone marks)."""
    gender = Gender.parse(value)
    if gender is None:
        raise InvalidValue("gender", value, "gender.invalid")
    return gender


def parse_citizen_id(value: str | None) -> str | None:
    """A citizen ID (CCCD) as 12 digits of text, or ``None`` when blank. Never padded or guessed."""
    if value is None or not value.strip():
        return None
    cleaned = value.strip()
    if not _CITIZEN_ID.match(cleaned):
        raise InvalidValue("citizen_id", value, "citizen_id.format")
    return cleaned


@dataclass(frozen=True)
class PersonName:
    """A name as entered, its parts, and the keys stored beside it."""

    full_name: str
    family_name: str
    middle_name: str
    given_name: str
    name_folded: str
    name_sort: str

    def as_fields(self) -> dict[str, str]:
        return {
            "full_name": self.full_name,
            "family_name": self.family_name,
            "middle_name": self.middle_name,
            "given_name": self.given_name,
            "name_folded": self.name_folded,
            "name_sort": self.name_sort,
        }


def person_name(
    full_name: str | None,
    *,
    family: str | None = None,
    middle: str | None = None,
    given: str | None = None,
    tone_order: tuple[str, ...] | None = None,
) -> PersonName:
    """Normalise a name (NFC) and split it; explicit parts win over the split of the full name."""
    full = normalize(full_name or "")
    explicit = [normalize(p) if p is not None else None for p in (family, middle, given)]
    if not full:
        full = " ".join(p for p in explicit if p)
    if not full:
        raise InvalidValue("full_name", full_name or "", "value.empty")
    if len(full) > MAX_NAME_LENGTH:  # the sort key is indexed: PostgreSQL refuses index rows over ~2.7 KB
        raise InvalidValue("full_name", full_name or "", "value.too_long", limit=MAX_NAME_LENGTH)
    try:
        parts = split_full_name(full)
    except ValueError:
        raise InvalidValue("full_name", full_name or "", "value.empty") from None
    family_name = explicit[0] if explicit[0] is not None else parts.family
    middle_name = explicit[1] if explicit[1] is not None else parts.middle
    given_name = explicit[2] if explicit[2] is not None else parts.given
    if not given_name:
        raise InvalidValue("given_name", given or "", "value.empty")
    key = (
        sort_key(given_name, middle_name, family_name, tone_order)
        if tone_order
        else sort_key(given_name, middle_name, family_name)
    )
    return PersonName(
        full_name=full,
        family_name=family_name,
        middle_name=middle_name,
        given_name=given_name,
        name_folded=fold(full),
        name_sort=key,
    )


@dataclass(frozen=True)
class PersonDetails:
    """The personal fields shared by members and candidates, already parsed."""

    name: PersonName
    gender: Gender
    birth_date: date
    citizen_id: str | None = None
    ethnicity: str | None = None
    religion: str | None = None
    education: str | None = None
    occupation: str | None = None
    youth_union: bool = False
    education_level: EducationLevel | None = None

    def as_fields(self) -> dict[str, Any]:
        """The fields as the member and candidate tables name them."""
        return {
            **self.name.as_fields(),
            "gender": self.gender.value,
            "birth_date": self.birth_date,
            "citizen_id": self.citizen_id,
            "ethnicity": self.ethnicity,
            "religion": self.religion,
            "education": self.education,
            "education_level": self.education_level.value if self.education_level else None,
            "occupation": self.occupation,
            "youth_union": self.youth_union,
        }


def _cleaned(value: str | None) -> str | None:
    """Free text as stored: NFC, single spaces, ``None`` when blank."""
    return (normalize(value) or None) if value is not None else None


def parse_person(
    *,
    name: str | None,
    gender: str,
    birth: str | date,
    tone_order: tuple[str, ...],
    family: str | None = None,
    middle: str | None = None,
    given: str | None = None,
    citizen_id: str | None = None,
    ethnicity: str | None = None,
    religion: str | None = None,
    education: str | None = None,
    occupation: str | None = None,
    youth_union: bool = False,
    education_level: EducationLevel | str | None = None,
) -> PersonDetails:
    """A person's fields from what was typed (or read from a file's cells): the name normalised and split,
    the gender parsed from a code or a label, the birth date parsed (unless a cell already held a date),
    the citizen ID checked, free text normalised. :class:`InvalidValue` names the first field refused."""
    return PersonDetails(
        name=person_name(name, family=family, middle=middle, given=given, tone_order=tone_order),
        gender=parse_gender(gender),
        birth_date=birth if isinstance(birth, date) else parse_date(birth, "birth_date"),
        citizen_id=parse_citizen_id(citizen_id),
        ethnicity=_cleaned(ethnicity),
        religion=_cleaned(religion),
        education=_cleaned(education),
        occupation=_cleaned(occupation),
        youth_union=youth_union,
        education_level=(
            EducationLevel.checked("education_level", education_level)
            if isinstance(education_level, str)
            else education_level
        ),
    )


FIRST_BIRTH = date(1900, 1, 1)
FIRST_EVENT = date(1930, 1, 1)  # the Party's founding: no step of anyone's path in it comes before


def _day_month_year(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def check_birth_date(born: date, *, today: date) -> None:
    """A birth date must lie in the past, and not before 1900."""
    if born > today:
        raise InvalidValue("birth_date", born.isoformat(), "birth.future")
    if born < FIRST_BIRTH:
        raise InvalidValue("birth_date", born.isoformat(), "date.birth_range", today=_day_month_year(today))


@lru_cache(maxsize=8)
def _last_event_day(today: date) -> date:
    """A year after today: the same for every row of an import (worked out once, not once a date)."""
    return add_months(today, 12)


def check_event_date(field: str, day: date | None, *, today: date) -> None:
    """A step of someone's path (an admission, a ceremony, a remark…) from 1930 to a year after today."""
    if day is None:
        return
    last = _last_event_day(today)
    if not FIRST_EVENT <= day <= last:
        raise InvalidValue(field, day.isoformat(), "date.event_range", last=_day_month_year(last))


def _not_before(field: str, value: date | None, earlier: date, earlier_field: str) -> None:
    """Refuse ``value`` before ``earlier``, naming the earlier date's field (its label in the message)."""
    if value is not None and value < earlier:
        raise InvalidValue(field, value.isoformat(), "date.before", other=earlier, other_field=earlier_field)


def check_member_dates(
    *,
    birth_date: date,
    admitted_on: date,
    today: date,
    ceremony_on: date | None = None,
    official_on: date | None = None,
    left_on: date | None = None,
    settings: Settings,
) -> None:
    """A member's dates: born in the past and before admission, old enough when admitted, and the
    ceremony, official status and leaving not before the admission decision."""
    check_birth_date(birth_date, today=today)
    if birth_date >= admitted_on:
        raise InvalidValue(
            "birth_date",
            birth_date.isoformat(),
            "member.born_after_admission",
            admitted_on=admitted_on,
        )
    age = full_years(birth_date, admitted_on)
    if age < settings.min_admission_age_years:
        raise InvalidValue(
            "admitted_on",
            admitted_on.isoformat(),
            "member.too_young",
            age=age,
            minimum=settings.min_admission_age_years,
        )
    _not_before("ceremony_on", ceremony_on, admitted_on, "admitted_on")
    _not_before("official_on", official_on, admitted_on, "admitted_on")
    _not_before("left_on", left_on, admitted_on, "admitted_on")
    for field, event in (("admitted_on", admitted_on), ("official_on", official_on)):
        check_event_date(field, event, today=today)
    for field, day in (("admitted_on", admitted_on), ("ceremony_on", ceremony_on), ("left_on", left_on)):
        if day is not None and day > today:
            raise InvalidValue(field, day.isoformat(), "date.future")


def check_candidate_dates(*, birth_date: date, identified_on: date, today: date) -> None:
    """A candidate is born in the past, and before being identified; identification is not in the future."""
    check_birth_date(birth_date, today=today)
    check_event_date("identified_on", identified_on, today=today)
    if identified_on > today:
        raise InvalidValue("identified_on", identified_on.isoformat(), "date.future")
    if birth_date >= identified_on:
        raise InvalidValue(
            "birth_date",
            birth_date.isoformat(),
            "candidate.born_after_identified",
            identified_on=identified_on,
        )


def check_leaving(left_on: date | None, left_reason: str | None) -> None:
    """A member who left has both the day and the reason; one without the other is refused."""
    if (left_on is None) != (left_reason is None):
        missing = "left_reason" if left_reason is None else "left_on"
        raise InvalidValue(missing, "", "import.left_needs_both")


def check_not_future(field: str, day: date | None, *, today: date) -> None:
    """A recorded event happened: it is not dated after ``today`` (nor before 1930)."""
    if day is not None and day > today:
        raise InvalidValue(field, day.isoformat(), "date.future")
    check_event_date(field, day, today=today)

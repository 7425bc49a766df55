"""The reports' faster SQL for large trees gives the same numbers as the portable forms."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.domain.dates import full_years
from dangvien_cli.reports.ageing import _age_expression
from dangvien_cli.store.models import Member

BIRTHS = [
    date(1960, 1, 1),
    date(1960, 2, 29),
    date(1964, 2, 29),
    date(1970, 6, 30),
    date(1970, 7, 1),
    date(1999, 12, 31),
    date(2000, 3, 1),
    date(1980, 6, 29),
]
DAYS = [
    date(2024, 6, 30),
    date(2024, 2, 28),
    date(2024, 2, 29),
    date(2023, 2, 28),
    date(2023, 3, 1),
    date(2024, 12, 31),
    date(2024, 1, 1),
]


def test_sqlite_age_by_position_equals_full_years():
    engine = sa.create_engine("sqlite://")
    Member.__table__.create(engine)  # type: ignore[attr-defined]
    with Session(engine) as session:
        for i, born in enumerate(BIRTHS, start=1):
            session.execute(
                sa.insert(Member).values(
                    id=i,
                    full_name="A",
                    family_name="",
                    middle_name="",
                    given_name="A",
                    name_folded="a",
                    name_sort="a",
                    gender="M",
                    birth_date=born,
                    youth_union=False,
                    admitted_on=date(2020, 1, 1),
                )
            )
        for on in DAYS:
            fast = dict(session.execute(select(col(Member.id), _age_expression(on, "sqlite"))).all())
            portable = dict(session.execute(select(col(Member.id), _age_expression(on))).all())
            assert fast == portable, on
            # someone born on 29 February comes of age on 28 February of a common year, in SQL as in Python
            expected = {i: full_years(b, on) for i, b in enumerate(BIRTHS, start=1)}
            assert fast == expected, on

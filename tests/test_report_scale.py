"""The reports' faster SQL for large trees gives the same numbers as the portable forms."""

from __future__ import annotations

from datetime import date

import pytest
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


@pytest.mark.sqlite_only
def test_sqlite_histograms_in_chunks_equal_the_portable_grouping(run, fresh_environment, monkeypatch):
    """The ageing report's SQLite path (packed numbers, one text a range of ids, counted in Python) counts
    what the portable GROUP BY counts, whatever the size of the ranges."""
    from dangvien_cli.reports import ageing

    orgs = "code,name,kind,parent\nR,Đảng bộ,committee,\nB,Cơ sở,base,R\n"
    orgs += "C1,Chi bộ 1,cell,B\nC2,Chi bộ 2,cell,B\n"
    lines = ["citizen_id,full_name,gender,birth_date,cell,admitted_on\n"]
    for i in range(60):
        born = BIRTHS[i % len(BIRTHS)]
        lines.append(
            f"{i:012d},Trần Thị Bình {i},{'Nam' if i % 3 else 'Nữ'},{born:%d/%m/%Y},C{1 + i % 2},"
            f"{born.year + 19 + i % 4}-03-0{1 + i % 9}\n"
        )
    folder = fresh_environment.parent
    (folder / "orgs.csv").write_text(orgs, encoding="utf-8")
    (folder / "members.csv").write_text("".join(lines), encoding="utf-8")
    assert run("import", "orgs", str(folder / "orgs.csv")).exit_code == 0
    result = run("import", "members", str(folder / "members.csv"))
    assert result.exit_code == 0, result.stderr
    engine = sa.create_engine(f"sqlite:///{fresh_environment}")
    with Session(engine) as session:
        cells = set(session.execute(sa.text("SELECT id FROM organisation")).scalars())
        for on in DAYS:
            portable = ageing._cell_histograms(session, on, None, False, dialect="")
            assert sum(sum(h.values()) for h in portable.values()) > 0, on
            for chunk in (1, 7, 1 << 18):
                monkeypatch.setattr(ageing, "SQLITE_CHUNK", chunk)
                assert ageing._cell_histograms(session, on, None, False) == portable, (on, chunk)
            assert ageing._cell_histograms(session, on, cells, True) == portable, on
    engine.dispose()


def test_an_admission_counts_in_the_first_placement_of_its_day(run, city, tmp_path):
    """Two placements starting on the admission day (admitted, then moved the same day): the admission
    counts in the first by id; in a report of the second cell's subtree alone, in the second."""
    from dangvien_cli.reports.quota import _admitted_per_cell
    from dangvien_cli.store.database import open_database
    from dangvien_cli.store.models import Membership, Organisation

    path = tmp_path / "members.csv"
    path.write_text(
        "citizen_id,full_name,gender,birth_date,cell,admitted_on\n"
        "001234567890,Nguyễn Văn An,Nam,01/02/1990,HP,2023-03-01\n"
        "001234567891,Lê Thị Bình,Nữ,01/02/1991,K2,2023-03-02\n",
        encoding="utf-8",
    )
    assert run("import", "members", str(path)).exit_code == 0
    database = open_database()
    with database.writer() as session:
        ids = dict(session.execute(select(col(Organisation.code), col(Organisation.id))).all())
        first = session.execute(select(Membership).where(col(Membership.cell_id) == ids["HP"])).scalar_one()
        first.end_on = first.start_on
        session.add(Membership(member_id=first.member_id, cell_id=ids["K2"], start_on=first.start_on))
        session.commit()
    with database.reader() as session:
        year = (date(2023, 1, 1), date(2023, 12, 31))
        assert _admitted_per_cell(session, *year, None) == {ids["HP"]: 1, ids["K2"]: 1}
        assert _admitted_per_cell(session, *year, {ids["K2"]}) == {ids["K2"]: 2}
        assert _admitted_per_cell(session, *year, {ids["HP"]}) == {ids["HP"]: 1}
    database.close()

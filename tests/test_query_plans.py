"""Every report's statements, as SQLite plans them: none walks an index of the people's tables from end to
end reading the table through it (an index walk reads the table in index order, a random read a row; at a
million members it cost the ageing report 4 x its floor). A report over a whole tree scans the table in its
own order, or walks an index that holds every column it reads (a covering index: no row is read, the index
is read in its own order); a report of one cell searches the cell's index. See docs/performance.md."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import Session

from dangvien_cli.domain.settings import Settings
from dangvien_cli.reports.ageing import ageing_report
from dangvien_cli.reports.quota import quota_report
from dangvien_cli.store.engine import create_engine

pytestmark = pytest.mark.sqlite_only  # SQLite's planner; PostgreSQL's plans by its statistics

HEADER = "citizen_id,full_name,gender,birth_date,cell,admitted_on,official_on\n"
# A full walk of an index of the people's tables that reads the table through it (SQLite: "SCAN t USING
# INDEX ix_…"); a covering walk ("SCAN t USING COVERING INDEX ix_…") reads the index alone.
INDEX_WALK = re.compile(r"^SCAN \S+ USING INDEX (?:ix|uq)_(?:member|membership|candidate)\w*")
COVERING_WALK = re.compile(r"^SCAN \S+ USING COVERING INDEX (?:ix|uq)_(?:member|membership|candidate)\w*")


@pytest.fixture
def members(run: Any, city: None, tmp_path: Path) -> None:
    orgs = tmp_path / "orgs.csv"  # more cells: one is then a small part of the tree
    orgs.write_text(
        "code,name,kind,parent\n" + "".join(f"C{i},Chi bộ {i},cell,TP\n" for i in range(20)), encoding="utf-8"
    )
    assert run("import", "orgs", str(orgs)).exit_code == 0
    lines = [HEADER]
    for i in range(300):
        cell = ("HP", "K2", "CQ")[i % 3]
        gender = "Nam" if i % 2 else "Nữ"
        born = 1940 + i % 40
        lines.append(f"{i:012d},Nguyễn Văn An {i},{gender},{1 + i % 28}/{1 + i % 12}/{born},")
        lines.append(f"{cell},{1 + i % 28}/6/{born + 20 + i % 5},\n")
    path = tmp_path / "members.csv"
    path.write_text("".join(lines), encoding="utf-8")
    result = run("import", "members", str(path))
    assert result.exit_code == 0, result.stderr


@pytest.fixture
def planned(
    fresh_environment: Path, members: None
) -> Iterator[Callable[[Callable[[Session], Any]], list[str]]]:
    """Run a report and return the plan lines of every statement it sent."""
    engine = create_engine(f"sqlite:///{fresh_environment}")
    statements: list[tuple[str, Any]] = []

    @sa.event.listens_for(engine, "before_cursor_execute")
    def grab(_c: Any, _cursor: Any, statement: str, parameters: Any, _ctx: Any, many: bool) -> None:
        if not many:
            statements.append((statement, parameters))

    def plans(report: Callable[[Session], Any]) -> list[str]:
        statements.clear()
        with Session(engine) as session:
            report(session)
        lines = []
        with sqlite3.connect(fresh_environment) as connection:
            for statement, parameters in statements:
                if statement.lstrip().upper().startswith(("SELECT", "WITH")):
                    plan = connection.execute(f"EXPLAIN QUERY PLAN {statement}", parameters).fetchall()
                    lines += [detail for *_, detail in plan]
        assert lines
        return lines

    yield plans
    engine.dispose()


def walks(lines: list[str]) -> list[str]:
    return [line for line in lines if INDEX_WALK.match(line)]


AT = date(2023, 6, 30)


def test_ageing_scans_the_memberships_in_table_order(planned):
    for org in ("MC", "TP", None):
        lines = planned(lambda s, org=org: ageing_report(session=s, at=AT, org_code=org, settings=Settings()))
        assert not walks(lines), lines
        # not even a covering walk: each member would then be looked up in the index's order, a random read
        assert not [line for line in lines if COVERING_WALK.match(line)], lines
        # the table in its own order, a range of ids at a time (SQLite); each member by its primary key
        assert "SEARCH membership USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)" in lines, lines
        assert any(line.startswith("SEARCH member USING INTEGER PRIMARY KEY") for line in lines)


def test_ageing_of_a_small_subtree_searches_the_cell_index(planned):
    lines = planned(lambda s: ageing_report(session=s, at=AT, org_code="HP", settings=Settings()))
    assert not walks(lines), lines
    assert any(line.startswith("SEARCH membership USING INDEX ix_membership_cell_id") for line in lines)


def test_quota_reads_the_year_and_the_members_from_indexes_alone(planned):
    lines = planned(lambda s: quota_report(session=s, year=2023, at=AT, org_code="MC", settings=Settings()))
    assert not walks(lines), lines
    assert "SCAN membership" not in lines  # no row of the table is read
    # the members on 1 January, by cell: the cell index walked in its order, covering, with no sort (a
    # period's admissions are few: their GROUP BY may sort)
    walk = "SCAN membership USING COVERING INDEX ix_membership_cell_id_start_on"
    assert walk in lines, lines
    after = lines[lines.index(walk) + 1 :]
    assert after[:1] != ["USE TEMP B-TREE FOR GROUP BY"], lines
    # each period's admissions: the members by their admission day, their placements by member
    assert any("ix_member_admitted_on (admitted_on>? AND admitted_on<?)" in line for line in lines)
    assert any(
        line.startswith("SEARCH membership USING COVERING INDEX ix_membership_member_id_start_on_cell_id")
        for line in lines
    ), lines


def test_quota_of_a_small_subtree_searches_the_cell_index(planned):
    lines = planned(lambda s: quota_report(session=s, year=2023, at=AT, org_code="CQ", settings=Settings()))
    assert not walks(lines), lines
    assert "SCAN membership" not in lines
    assert any(line.startswith("SEARCH membership USING INDEX ix_membership_cell_id") for line in lines)


def test_one_cells_monthly_paper_reads_no_whole_table_of_people(planned, run, tmp_path):
    """The paper of one cell reads that cell's rows: on a national database a statement that scans every
    member or counts every cell's members made one cell's paper take seconds."""
    from dangvien_cli.reports.monthly import monthly_report

    # Another ward of 250 cells: the cell's base organisation (whose quota row the paper prints) is then a
    # small part of the tree, as every base is in a province's database.
    orgs = tmp_path / "ward.csv"
    orgs.write_text(
        "code,name,kind,parent\nXA,Đảng bộ xã,base,MC\n"
        + "".join(f"XA{i},Chi bộ thôn {i},cell,XA\n" for i in range(250)),
        encoding="utf-8",
    )
    assert run("import", "orgs", str(orgs)).exit_code == 0
    lines = planned(
        lambda s: monthly_report(session=s, cell_code="HP", month=date(2023, 6, 1), settings=Settings())
    )
    assert not walks(lines), lines
    scans = [line for line in lines if re.match(r"^SCAN (member|membership|candidate)\b", line)]
    assert not scans, lines

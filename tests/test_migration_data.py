"""Upgrading keeps every row and every value: a database built at the first revision, with rows in every
table (written with raw SQL in that revision's schema), is upgraded to head and compared column by column.
`db upgrade` keeps a private copy of the database as it was before migrating it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from dangvien_cli.store.engine import create_engine
from dangvien_cli.store.migrate import HEAD_REVISION, current_revision, upgrade
from tests.conftest import Run

# Rows in revision 0001's schema (migrations/versions/0001_initial_schema.py): Vietnamese text, NULLs,
# booleans, dates, a timestamp and JSON, so that the table copies of the batch migrations meet them all.
ROWS_0001: dict[str, list[dict[str, Any]]] = {
    "organisation": [
        {"id": 1, "code": "MC", "name": "Đảng bộ TP Móng Cái", "kind": "committee", "parent_id": None,
         "place": "other", "population": 108553},
        {"id": 2, "code": "TP", "name": "Đảng bộ phường Trần Phú", "kind": "base", "parent_id": 1,
         "place": "residential", "population": None},
        {"id": 3, "code": "HP", "name": "Chi bộ khu Hồng Phong", "kind": "cell", "parent_id": 2,
         "place": "residential", "population": 2310},
    ],
    "org_closure": [
        {"ancestor_id": a, "descendant_id": d, "depth": n}
        for a, d, n in [(1, 1, 0), (2, 2, 0), (3, 3, 0), (1, 2, 1), (2, 3, 1), (1, 3, 2)]
    ],
    "member": [
        {"id": 1, "citizen_id": "022070001234", "full_name": "Nguyễn Văn Sỹ", "family_name": "Nguyễn",
         "middle_name": "Văn", "given_name": "Sỹ", "name_folded": "nguyen van sy",
         "name_sort": "sy van nguyen",
         "gender": "M", "birth_date": "1970-09-01", "ethnicity": "Kinh", "religion": None,
         "education": "12/12", "occupation": "Cán bộ hưu trí", "youth_union": 0, "admitted_on": "2000-05-19",
         "decision_no": "123-QĐ/TU", "ceremony_on": "2000-06-01", "official_on": "2001-06-01",
         "left_on": None, "left_reason": None},
        {"id": 2, "citizen_id": None, "full_name": "Vũ Thị Thanh", "family_name": "Vũ", "middle_name": "Thị",
         "given_name": "Thanh", "name_folded": "vu thi thanh", "name_sort": "thanh thi vu", "gender": "F",
         "birth_date": "1985-02-28", "ethnicity": None, "religion": "Phật giáo", "education": None,
         "occupation": None, "youth_union": 1, "admitted_on": "2010-01-15", "decision_no": None,
         "ceremony_on": None, "official_on": None, "left_on": "2015-03-01", "left_reason": "transfer"},
        {"id": 3, "citizen_id": "022099000777", "full_name": "Đặng Quang Huy", "family_name": "Đặng",
         "middle_name": "Quang", "given_name": "Huy", "name_folded": "dang quang huy",
         "name_sort": "huy quang dang", "gender": "M", "birth_date": "1999-12-31", "ethnicity": "Tày",
         "religion": None, "education": "Đại học", "occupation": "Kỹ sư", "youth_union": 1,
         "admitted_on": "2022-10-31", "decision_no": "45-QĐ/ĐU", "ceremony_on": None, "official_on": None,
         "left_on": None, "left_reason": None},
    ],
    "membership": [
        {"id": 1, "member_id": 1, "cell_id": 2, "start_on": "2000-05-19", "end_on": "2012-01-01"},
        {"id": 2, "member_id": 1, "cell_id": 3, "start_on": "2012-01-01", "end_on": None},
        {"id": 3, "member_id": 2, "cell_id": 3, "start_on": "2010-01-15", "end_on": "2015-03-01"},
        {"id": 4, "member_id": 3, "cell_id": 3, "start_on": "2022-10-31", "end_on": None},
    ],
    "candidate": [
        {"id": 1, "citizen_id": "022099000777", "full_name": "Đặng Quang Huy", "family_name": "Đặng",
         "middle_name": "Quang", "given_name": "Huy", "name_folded": "dang quang huy",
         "name_sort": "huy quang dang", "gender": "M", "birth_date": "1999-12-31", "ethnicity": "Tày",
         "religion": None, "education": "Đại học", "occupation": "Kỹ sư", "youth_union": 1, "cell_id": 3,
         "source": "youth_union", "identified_on": "2021-01-10", "stage": "admitted", "mentor_id": 1,
         "mentor_assigned_on": "2021-02-01", "certificate_on": "2021-09-15", "certificate_no": "CN-01/2021",
         "applied_on": "2022-03-01", "introducer_1_id": 1, "introducer_2_id": None,
         "youth_union_introduces": 1, "proposed_on": "2022-08-20", "resolution_no": "07-NQ/CB",
         "dropped_on": None, "drop_reason": None},
        {"id": 2, "citizen_id": None, "full_name": "Hoàng Thị Mai", "family_name": "Hoàng",
         "middle_name": "Thị", "given_name": "Mai", "name_folded": "hoang thi mai",
         "name_sort": "mai thi hoang", "gender": "F", "birth_date": "2001-07-07", "ethnicity": None,
         "religion": None, "education": None, "occupation": "Sinh viên", "youth_union": 0, "cell_id": 3,
         "source": "student", "identified_on": "2022-04-01", "stage": "identified", "mentor_id": None,
         "mentor_assigned_on": None, "certificate_on": None, "certificate_no": None, "applied_on": None,
         "introducer_1_id": None, "introducer_2_id": None, "youth_union_introduces": 0,
         "proposed_on": None, "resolution_no": None, "dropped_on": None, "drop_reason": None},
    ],
    "remark": [
        {"id": 1, "candidate_id": 1, "author_id": 1, "remarked_on": "2021-03-01",
         "text": "Tích cực tham gia sinh hoạt khu phố; đề nghị tiếp tục bồi dưỡng."},
    ],
    "admission": [
        {"id": 1, "candidate_id": 1, "member_id": 3, "resolution_on": "2022-08-20",
         "resolution_no": "07-NQ/CB", "decision_no": "45-QĐ/ĐU", "decision_on": "2022-10-31"},
    ],
    "quota": [
        {"id": 1, "org_id": 1, "year": 2022, "target": 169, "residential_target": 70,
         "stretch_target": 248},
        {"id": 2, "org_id": 2, "year": 2022, "target": 13, "residential_target": None,
         "stretch_target": None},
    ],
    "quota_milestone": [
        {"id": 1, "quota_id": 1, "period": "2022-Q2", "due_on": "2022-06-30", "target": 60},
    ],
    "change_log": [
        {"id": 1, "at": "2022-10-31 08:30:00.123456", "os_user": "cán_bộ", "action": "insert",
         "entity": "member", "entity_id": 3, "before": None,
         "after": '{"full_name": "Đặng Quang Huy", "admitted_on": "2022-10-31"}'},
        {"id": 2, "at": "2022-11-02 14:00:00.000000", "os_user": "cán_bộ", "action": "update",
         "entity": "candidate", "entity_id": 1, "before": '{"stage": "proposed"}',
         "after": '{"stage": "admitted"}'},
    ],
}  # fmt: skip

NEW_COLUMNS = {  # added by later revisions: empty on old rows
    "candidate": (
        "votes_for",
        "official_members",
        "age_exception",
        "education_level",
        "votes_excluded",
        "education_exception",
        "decision_extension_days",
        "prior_member_id",
        "prior_exit",
        "readmission_approval_no",
        "substitute_introducer_id",
    ),
    "member": ("left_note", "recognized_on", "education_level", "decision_received_on"),
    "membership": ("reason",),
    "organisation": ("end_on",),  # (start_on is filled in: see test_the_tree_gets_its_history)
}


def _build_at_first_revision(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    try:
        upgrade(engine, "0001")
        assert current_revision(engine) == "0001"
        with engine.begin() as connection:
            for table, rows in ROWS_0001.items():
                columns = list(rows[0])
                names, slots = ", ".join(columns), ", ".join(":" + c for c in columns)
                statement = sa.text(f"INSERT INTO {table} ({names}) VALUES ({slots})")  # noqa: S608  (table and column names from the test's own fixture rows)
                connection.execute(statement, rows)
    finally:
        engine.dispose()


def _rows(path: Path, table: str, columns: list[str]) -> list[dict[str, Any]]:
    connection = sqlite3.connect(path)
    try:
        cursor = connection.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY rowid")  # noqa: S608  (table and column names from the test's own fixture rows)
        return [dict(zip(columns, row, strict=True)) for row in cursor]
    finally:
        connection.close()


def test_every_row_and_value_survives_the_upgrade_to_head(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _build_at_first_revision(path)
    result = run("--db", str(path), "--lang", "en", "db", "upgrade")
    assert result.exit_code == 0, result.stderr
    engine = create_engine(f"sqlite:///{path}")
    assert current_revision(engine) == HEAD_REVISION
    engine.dispose()
    for table, rows in ROWS_0001.items():
        assert _rows(path, table, list(rows[0])) == rows, table
    for table, columns in NEW_COLUMNS.items():
        for row in _rows(path, table, list(columns)):
            assert set(row.values()) == {None}, (table, row)
    # The tool reads the old rows as it reads its own.
    shown = run("--db", str(path), "member", "show", "1", "--format", "json")
    assert shown.exit_code == 0, shown.stderr
    assert "Nguyễn Văn Sỹ" in shown.stdout
    assert "Cán bộ hưu trí" in shown.stdout
    check = run("--db", str(path), "db", "check")
    assert check.exit_code == 0, check.stdout + check.stderr


def test_the_tree_gets_its_history(run: Run, tmp_path: Path) -> None:
    """Revision 0005: organisations begin at their earliest known date (the earliest membership, candidate or
    quota year under them; with their parent when nothing is recorded under them) and have no end; each gets
    one version and the closure over time."""
    path = tmp_path / "old.db"
    _build_at_first_revision(path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:  # two organisations with nothing under them, still at 0001
        connection.execute(
            sa.text(
                "INSERT INTO organisation (id, code, name, kind, parent_id, place) VALUES "
                "(4, 'K9', 'Chi bộ khu 9', 'cell', 2, 'residential'), (5, 'X', 'Đảng bộ khác', 'committee', "
                "NULL, 'other')"
            )
        )
        connection.execute(
            sa.text("INSERT INTO org_closure VALUES (4, 4, 0), (2, 4, 1), (1, 4, 2), (5, 5, 0)")
        )
    upgrade(engine)
    engine.dispose()
    starts = _rows(path, "organisation", ["code", "start_on", "end_on"])
    assert starts == [
        {"code": "MC", "start_on": "2000-05-19", "end_on": None},  # a member of TP, admitted then
        {"code": "TP", "start_on": "2000-05-19", "end_on": None},
        {"code": "HP", "start_on": "2010-01-15", "end_on": None},  # its first member (not the candidates')
        {"code": "K9", "start_on": "2000-05-19", "end_on": None},  # nothing under it: with its parent
        {"code": "X", "start_on": None, "end_on": None},  # nothing at all: no known beginning
    ]
    versions = _rows(path, "org_version", ["org_id", "name", "parent_id", "start_on", "end_on"])
    assert [(v["org_id"], v["parent_id"], v["start_on"], v["end_on"]) for v in versions] == [
        (1, None, "2000-05-19", None),
        (2, 1, "2000-05-19", None),
        (3, 2, "2010-01-15", None),
        (4, 2, "2000-05-19", None),
        (5, None, None, None),
    ]
    spans = _rows(path, "org_closure_span", ["ancestor_id", "descendant_id", "depth", "start_on", "end_on"])
    assert len(spans) == 10
    assert {
        "ancestor_id": 1,
        "descendant_id": 3,
        "depth": 2,
        "start_on": "2010-01-15",
        "end_on": None,
    } in spans
    check = run("--db", str(path), "db", "check")
    assert check.exit_code == 0, check.stdout + check.stderr
    listed = run("--db", str(path), "org", "list", "--at", "2005-01-01", "--format", "json")
    assert [org["code"] for org in json.loads(listed.stdout)] == ["MC", "TP", "K9", "X"]  # HP began in 2010


def test_db_upgrade_backs_up_first(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _build_at_first_revision(path)
    result = run("--db", str(path), "--lang", "en", "db", "upgrade")
    assert result.exit_code == 0, result.stderr
    backups = sorted(tmp_path.glob("old.rev0001-*.backup.db"))
    assert len(backups) == 1
    assert str(backups[0]) in result.stderr  # it says where the copy went
    assert backups[0].stat().st_mode & 0o777 == 0o600
    connection = sqlite3.connect(backups[0])
    try:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
    finally:
        connection.close()
    for table, rows in ROWS_0001.items():
        assert _rows(backups[0], table, list(rows[0])) == rows, table


def test_automatic_upgrade_on_first_use_backs_up_too(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _build_at_first_revision(path)
    result = run("--db", str(path), "--lang", "en", "org", "list", "--format", "json")
    assert result.exit_code == 0, result.stderr
    backups = list(tmp_path.glob("old.rev0001-*.backup.db"))
    assert len(backups) == 1
    assert "Backed up the database before upgrading it" in result.stderr
    assert '"MC"' in result.stdout


def test_no_backup_when_there_is_nothing_to_keep(run: Run, tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    engine = create_engine(f"sqlite:///{empty}")
    upgrade(engine, "0001")
    engine.dispose()
    assert run("--db", str(empty), "db", "upgrade").exit_code == 0  # old but empty
    current = tmp_path / "current.db"
    assert run("--db", str(current), "org", "add", "MC", "Thành ủy", "--kind", "committee").exit_code == 0
    assert run("--db", str(current), "db", "upgrade").exit_code == 0  # at head already
    assert list(tmp_path.glob("*.backup.db")) == []


def test_a_former_member_among_the_candidates_is_linked_by_the_upgrade(run: Run, tmp_path: Path) -> None:
    """Revision 0006: a candidate identified after a member with the same citizen ID had left is that former
    member, asking to be re-admitted; a candidate whose own admission made the member is not."""
    path = tmp_path / "old.db"
    _build_at_first_revision(path)
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as connection:
            connection.execute(sa.text("UPDATE member SET citizen_id = '022085000555' WHERE id = 2"))
            returning = dict(
                ROWS_0001["candidate"][1], id=3, citizen_id="022085000555", identified_on="2019-05-01"
            )
            columns = list(returning)
            statement = sa.text(
                f"INSERT INTO candidate ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})"  # noqa: S608  (the test's own column names)
            )
            connection.execute(statement, [returning])
    finally:
        engine.dispose()
    assert run("--db", str(path), "db", "upgrade").exit_code == 0
    linked = _rows(path, "candidate", ["id", "prior_member_id", "prior_left_on"])
    assert linked == [
        {"id": 1, "prior_member_id": None, "prior_left_on": None},  # admitted as member 3, who has not left
        {"id": 2, "prior_member_id": None, "prior_left_on": None},
        {"id": 3, "prior_member_id": 2, "prior_left_on": "2015-03-01"},
    ]
    checks = run("--db", str(path), "candidate", "check", "3", "--format", "json")
    assert "readmission.wait" in checks.stdout

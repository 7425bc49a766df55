"""`db check`: SQLite's own checks and the tool's invariants. Data made through the commands passes; each
kind of damage written behind the tool's back is found, named with its row, and makes the exit code 1."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from dangvien_cli.store.checks import check_database
from dangvien_cli.store.engine import create_engine, resolve_url
from tests.conftest import Run
from tests.test_workflow import SENIORS, add_candidate, ok, walk_to_applied


@pytest.fixture
def history(run: Run, run_json: object, city: None) -> None:
    """Members with moves and a departure, and a candidate taken through to admission (member #4)."""
    for name, born, cid in SENIORS:
        ok(run, "member", "add", "--name", name, "--gender", "M", "--birth", born, "--cell", "HP",
           "--admitted", "2010-01-01", "--official", "2011-01-01", "--citizen-id", cid)  # fmt: skip
    cid = add_candidate(run_json)
    walk_to_applied(run, cid)
    ok(run, "candidate", "propose", str(cid), "--date", "2023-03-01", "--resolution", "05-NQ/CB",
       "--votes-for", "3", "--official-members", "3")  # fmt: skip
    ok(run, "admit", str(cid), "--decision", "15-QĐ/ĐU", "--decision-date", "2023-04-03")
    ok(run, "member", "move", "3", "--to", "K2", "--date", "2015-06-01")
    ok(run, "member", "move", "3", "--to", "HP", "--date", "2018-06-01")
    ok(run, "member", "leave", "2", "--reason", "transfer", "--date", "2020-01-01")


def _sql(*statements: str) -> None:
    """Write behind the tool's back, with the database's own foreign-key checks off (SQLite or PostgreSQL)."""
    import sqlalchemy as sa

    from dangvien_cli.store.engine import resolve_url

    engine = sa.create_engine(resolve_url(None), poolclass=sa.pool.NullPool)
    try:
        with engine.begin() as connection:
            if engine.dialect.name == "sqlite":
                connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            else:
                connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
            for statement in statements:
                connection.exec_driver_sql(statement)
    finally:
        engine.dispose()


def test_data_made_by_the_commands_passes(run: Run, history: None) -> None:
    result = run("--lang", "en", "db", "check")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "No problems found" in result.stderr
    assert json.loads(run("db", "check", "--format", "json").stdout) == {"ok": True, "problems": []}


DAMAGE = [
    # (what is done behind the tool's back, the problem's code, its table and row)
    ("DELETE FROM membership WHERE member_id = 1", "member.no_cell", "member", 1),
    ("UPDATE membership SET start_on = '2011-01-01' WHERE member_id = 1", "member.first_cell", "member", 1),
    ("INSERT INTO membership (member_id, cell_id, start_on) VALUES (1, 4, '2012-01-01')",
     "member.cells_overlap", "member", 1),
    ("UPDATE membership SET start_on = '2016-01-01' WHERE member_id = 3 AND start_on = '2015-06-01'",
     "member.cells_gap", "member", 3),
    ("UPDATE membership SET end_on = '2019-01-01' WHERE member_id = 1", "member.no_cell_since", "member", 1),
    ("UPDATE membership SET end_on = NULL WHERE member_id = 2", "member.cell_after_leaving", "member", 2),
    ("UPDATE member SET left_on = '2021-01-01' WHERE id = 2", "member.last_cell", "member", 2),
    ("UPDATE member SET ceremony_on = '2023-01-01' WHERE id = 4", "dates.backwards", "member", 4),
    ("UPDATE candidate SET applied_on = '2023-03-05' WHERE id = 1", "dates.backwards", "candidate", 1),
    ("UPDATE candidate SET mentor_assigned_on = '2021-01-01' WHERE id = 1",
     "dates.backwards", "candidate", 1),
    ("UPDATE admission SET decision_on = '2023-02-01' WHERE id = 1", "dates.backwards", "admission", 1),
    ("UPDATE admission SET candidate_id = 99 WHERE id = 1", "admission.no_candidate", "admission", 1),
    ("UPDATE admission SET member_id = 98 WHERE id = 1", "admission.no_member", "admission", 1),
    ("UPDATE candidate SET stage = 'proposed' WHERE id = 1", "admission.candidate_stage", "admission", 1),
    ("UPDATE member SET admitted_on = '2023-04-04' WHERE id = 4", "admission.member_date", "admission", 1),
    ("DELETE FROM admission", "candidate.no_admission", "candidate", 1),
    pytest.param("UPDATE membership SET cell_id = 77 WHERE member_id = 1",
                 "sqlite.foreign_key", "membership", 1, marks=pytest.mark.sqlite_only),
]  # fmt: skip


@pytest.mark.parametrize(("statement", "code", "entity", "row"), DAMAGE)
def test_each_kind_of_damage_is_named(
    run: Run, history: None, statement: str, code: str, entity: str, row: int
) -> None:
    _sql(statement)
    result = run("--lang", "en", "db", "check", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    found = [(p["code"], p["entity"], p["id"]) for p in report["problems"]]
    assert (code, entity, row) in found, found
    assert all(p["message"] for p in report["problems"])


def test_every_problem_is_listed_in_each_format(run: Run, history: None) -> None:
    _sql(
        "DELETE FROM membership WHERE member_id = 1",
        "UPDATE candidate SET applied_on = '2023-03-05' WHERE id = 1",
        "UPDATE admission SET member_id = 98 WHERE id = 1",
    )
    table = run("--lang", "en", "db", "check")
    assert table.exit_code == 1
    assert "member #1: is in no cell" in table.stdout
    assert "Proposed on (2023-03-01) is before Applied on (2023-03-05)" in table.stdout  # fields by label
    assert "points at member #98, who does not exist" in table.stdout
    rows = list(csv.DictReader(io.StringIO(run("--lang", "en", "db", "check", "--format", "csv").stdout)))
    codes = {r["code"] for r in rows}
    assert {"member.no_cell", "dates.backwards", "admission.no_member"} <= codes
    vietnamese = run("db", "check")
    assert vietnamese.exit_code == 1
    assert "không thuộc chi bộ nào" in vietnamese.stdout


@pytest.mark.sqlite_only
def test_a_damaged_file_is_reported(run: Run, history: None, fresh_environment: Path) -> None:
    """An index that no longer matches its table (as after a crash on a disk that lies about syncing)."""
    connection = sqlite3.connect(fresh_environment)
    connection.execute("PRAGMA writable_schema = ON")
    connection.execute(
        "UPDATE sqlite_master SET sql = replace(sql, '(citizen_id)', '(full_name)') "
        "WHERE name = 'ix_member_citizen_id'"
    )
    connection.commit()
    connection.close()
    engine = create_engine(f"sqlite:///{fresh_environment}")
    try:
        problems = check_database(engine)
    finally:
        engine.dispose()
    assert any(p.code == "sqlite.integrity" for p in problems), problems



def test_an_overlap_names_the_cell_spell_that_starts_too_early(run: Run, history: None) -> None:
    _sql(
        "INSERT INTO membership (member_id, cell_id, start_on) VALUES (1, 4, '2012-01-01')",
        # a later, unrelated row: the overlap must not be pinned on whichever spell was read last
        "INSERT INTO membership (member_id, cell_id, start_on, end_on) "
        "VALUES (3, 4, '1990-01-01', '1990-02-01')",
    )
    report = json.loads(run("db", "check", "--format", "json").stdout)
    overlap = next(p for p in report["problems"] if p["code"] == "member.cells_overlap" and p["id"] == 1)
    engine = create_engine(resolve_url(None))
    try:
        with engine.connect() as connection:
            added = connection.exec_driver_sql(
                "SELECT id FROM membership WHERE member_id = 1 AND start_on = '2012-01-01'"
            ).scalar_one()
    finally:
        engine.dispose()
    assert overlap["spell"] == added


def test_a_missing_database_file_is_said_not_created(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "mistyped.db"
    result = run("--db", str(missing), "--lang", "en", "db", "check")
    assert result.exit_code == 1
    assert "there is no database" in result.stderr
    assert not missing.exists()

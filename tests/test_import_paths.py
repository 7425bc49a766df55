"""The bulk path's tricks change nothing: the same files imported through SQLite's fast path and through the
portable path (Core statements, what every other database takes) leave the same rows, the same change log
(its clock aside) and the same report."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dangvien_cli.domain.settings import Settings
from dangvien_cli.exchange import importing
from dangvien_cli.exchange.importing import ImportOptions, ImportSource, import_table
from dangvien_cli.exchange.readers import open_table
from dangvien_cli.store import bulk
from dangvien_cli.store.database import open_database

pytestmark = pytest.mark.sqlite_only  # the fast path's tricks are SQLite's

HEADER = "citizen_id,full_name,gender,birth_date,cell,admitted_on,official_on,ethnicity,left_on,left_reason\n"


def first_file(path: Path) -> Path:
    lines = [HEADER]
    for i in range(70):
        cid = f"{i:012d}" if i % 5 else ""  # every fifth without a citizen ID: matched by name and birth
        ethnicity = "Tày" if i % 3 == 0 else ""
        left = "1/3/2020,transfer" if i % 11 == 0 else ","
        lines.append(
            f"{cid},Nguyễn Văn Sỹ {i % 40},Nam,{1 + i % 28}/5/19{60 + i % 30},{'HP' if i % 2 else 'K2'},"
            f"19/5/20{10 + i % 9:02d},,{ethnicity},{left}\n"
        )
    lines.append(lines[3])  # the same person twice, chunks apart: skipped as unchanged
    lines.append(lines[11])  # a person without a citizen ID (i = 10), again
    path.write_text("".join(lines), encoding="utf-8")
    return path


def second_file(path: Path) -> Path:
    """Some of the same people with new facts (--on-duplicate update), and new people."""
    lines = [HEADER]
    for i in range(1, 30, 4):
        lines.append(
            f"{i:012d},Nguyễn Văn Sỹ {i % 40},Nam,{1 + i % 28}/5/19{60 + i % 30},{'HP' if i % 2 else 'K2'},"
            f"19/5/20{10 + i % 9:02d},19/5/20{11 + i % 9:02d},Kinh,,\n"
        )
    for i in range(100, 120):
        lines.append(f"{i:012d},Lê Thị Hoa {i},Nữ,2/2/1985,HP,3/3/2015,3/3/2016,,,\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def run_import(db: Path, path: Path, *, portable: bool, on_duplicate: str) -> dict[str, Any]:
    database = open_database(str(db))
    options = ImportOptions(today=date(2024, 6, 30), settings=Settings(), on_duplicate=on_duplicate)
    with open_table(path) as table, database.writer() as session:
        report = import_table(
            session=session,
            entity="members",
            table=table,
            options=options,
            source=ImportSource(path.name, "0" * 64),
            portable=portable,
        )
        assert report.ok, report.problems
        session.commit()
    database.engine.dispose()
    summary = vars(report).copy()
    summary.pop("problems")
    return summary


def contents(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(db) as connection:
        return {
            "member": connection.execute("SELECT * FROM member ORDER BY id").fetchall(),
            "membership": connection.execute("SELECT * FROM membership ORDER BY id").fetchall(),
            "change_log": connection.execute(
                "SELECT id, os_user, action, entity, entity_id, last_entity_id, source,"
                " json(coalesce(before, 'null')), json(coalesce(after, 'null'))"
                " FROM change_log ORDER BY id"
            ).fetchall(),
        }


def test_fast_and_portable_paths_leave_the_same_rows(
    city: None, fresh_environment: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "CHUNK_ROWS", 7)  # many chunks, indexes deferred part-way
    monkeypatch.setattr(bulk, "DEFER_INDEXES_AFTER", 20)
    fast, portable = tmp_path / "fast.db", tmp_path / "portable.db"
    shutil.copyfile(fresh_environment, fast)
    shutil.copyfile(fresh_environment, portable)
    first, second = first_file(tmp_path / "first.csv"), second_file(tmp_path / "second.csv")
    reports = {}
    for db, is_portable in ((fast, False), (portable, True)):
        reports[db] = [
            run_import(db, first, portable=is_portable, on_duplicate="error"),
            run_import(db, second, portable=is_portable, on_duplicate="update"),
        ]
    assert reports[fast] == reports[portable]
    assert [r["created"] for r in reports[fast]] == [70, 20]
    assert reports[fast][1]["updated"] == 8
    assert reports[fast][0]["skipped"] == 2
    assert reports[fast][0]["possible_duplicates"]  # the one without a citizen ID, said so
    assert contents(fast) == contents(portable)
    log = contents(fast)["change_log"]
    batches = [row for row in log if row[5] is not None]
    assert [(row[4], row[5]) for row in batches] == [(1, 70), (71, 90)]
    assert sum(1 for row in log if row[2] == "update") == 8

"""The large-import machinery, exercised on small files by shrinking its thresholds: chunks, deferred
indexes, the change log written by SQL, memoised parsers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dangvien_cli.exchange import importing
from dangvien_cli.store import bulk

HEADER = "citizen_id,full_name,gender,birth_date,cell,admitted_on,official_on\n"


def members_csv(path: Path, rows: int, *, bad_line: int | None = None) -> Path:
    lines = [HEADER]
    for i in range(rows):
        born = "31/02/1970" if bad_line is not None and i + 2 == bad_line else f"{1 + i % 28}/5/1970"
        cell = "HP" if i % 2 else "K2"
        lines.append(f"{i:012d},Nguyễn Văn Sỹ {i % 7},Nam,{born},{cell},19/5/2000,19/5/2001\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def indexes(db: Path) -> set[str]:
    with sqlite3.connect(db) as connection:
        return {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='index'")}


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importing, "CHUNK_ROWS", 7)
    monkeypatch.setattr(bulk, "DEFER_INDEXES_AFTER", 20)


@pytest.mark.sqlite_only  # indexes are deferred on SQLite only
def test_deferred_indexes_come_back_and_rows_are_all_logged(
    run, run_json, city, tmp_path, fresh_environment, small_chunks
):
    before = indexes(fresh_environment)
    assert set(bulk.DEFERRABLE_INDEXES["members"]) <= before
    summary = run_json("import", "members", str(members_csv(tmp_path / "m.csv", 60)))
    assert summary["created"] == 60
    assert indexes(fresh_environment) == before
    log = run_json("log", "--entity", "member", "--limit", "0")
    assert [entry["entity_id"] for entry in log] == list(range(1, 61))
    first = log[0]["after"]
    assert first["id"] == 1
    assert first["citizen_id"] == "000000000000"
    assert first["youth_union"] is False
    assert first["birth_date"] == "1970-05-01"
    assert first["official_on"] == "2001-05-19"
    assert first["name_folded"] == "nguyen van sy 0"
    # the snapshot written by SQL equals the stored record
    shown = run_json("member", "show", "1")
    assert (shown["full_name"], shown["cell"]) == (first["full_name"], "K2")
    # the same file again changes nothing: every row matched across chunks, by citizen ID
    again = run_json("import", "members", str(members_csv(tmp_path / "m.csv", 60)))
    assert (again["created"], again["updated"], again["skipped"]) == (0, 0, 60)


@pytest.mark.sqlite_only  # indexes are deferred on SQLite only
def test_failed_large_import_leaves_database_and_indexes_as_they_were(
    run, city, tmp_path, fresh_environment, small_chunks
):
    before = indexes(fresh_environment)
    result = run("import", "members", str(members_csv(tmp_path / "m.csv", 60, bad_line=50)))
    assert result.exit_code == 1
    assert "31/02/1970" in result.stderr
    assert indexes(fresh_environment) == before
    with sqlite3.connect(fresh_environment) as connection:
        assert connection.execute("SELECT count(*) FROM member").fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM change_log WHERE entity='member'").fetchone() == (0,)


def test_a_bad_cell_is_reported_even_when_its_text_was_parsed_before(run, city, tmp_path):
    """Parsed values are memoised by text; errors are not, so every bad row is reported."""
    lines = [HEADER]
    for i in range(3):
        lines.append(f"{i:012d},Lê Văn An,Nam,32/1/1970,HP,19/5/2000,\n")
    path = tmp_path / "bad.csv"
    path.write_text("".join(lines), encoding="utf-8")
    result = run("import", "members", str(path), "--format", "json")
    assert result.exit_code == 1
    assert result.stdout.count('"32/1/1970"') == 3

"""The large-import machinery, exercised on small files by shrinking its thresholds: chunks, deferred
indexes, the change log written by SQL, memoised parsers."""

from __future__ import annotations

import hashlib
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
    path = members_csv(tmp_path / "m.csv", 60)
    summary = run_json("import", "members", str(path))
    assert summary["created"] == 60
    assert indexes(fresh_environment) == before
    # one batch entry for the list: the range of ids (contiguous across chunks), the file and its hash
    log = run_json("log", "--entity", "member", "--limit", "0")
    assert len(log) == 1
    (entry,) = log
    assert (entry["action"], entry["entity_id"], entry["last_entity_id"]) == ("insert", 1, 60)
    assert entry["source"] == {
        "file": "m.csv",
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "rows": 60,
    }
    # "who created member 33, when, from which file": the batch entry answers, expanded to that row
    (one,) = run_json("log", "--entity", "member:33", "--expand")
    assert (one["id"], one["entity_id"], one["last_entity_id"]) == (entry["id"], 33, None)
    assert (one["os_user"], one["at"], one["source"]["file"]) == (entry["os_user"], entry["at"], "m.csv")
    assert [e["entity_id"] for e in run_json("log", "--entity", "member", "--expand")] == list(range(1, 61))
    assert run_json("log", "--entity", "member:61") == []
    shown = run_json("member", "show", "1")
    assert (shown["full_name"], shown["cell"]) == ("Nguyễn Văn Sỹ 0", "K2")
    # the same file again changes nothing: every row matched across chunks, by citizen ID
    again = run_json("import", "members", str(members_csv(tmp_path / "m.csv", 60)))
    assert (again["created"], again["updated"], again["skipped"]) == (0, 0, 60)
    assert len(run_json("log", "--entity", "member", "--limit", "0")) == 1


def test_an_update_by_import_keeps_its_values_before_and_after(run, run_json, city, tmp_path, small_chunks):
    run_json("import", "members", str(members_csv(tmp_path / "m.csv", 10)))
    changed = tmp_path / "changed.csv"
    changed.write_text(
        HEADER + "000000000003,Nguyễn Văn Sỹ 3,Nam,4/5/1970,HP,19/5/2000,20/5/2001\n", encoding="utf-8"
    )
    summary = run_json("import", "members", str(changed), "--on-duplicate", "update")
    assert summary["updated"] == 1
    entries = run_json("log", "--entity", "member:4")
    assert [(e["action"], e["last_entity_id"]) for e in entries] == [("insert", 10), ("update", None)]
    assert (entries[1]["before"]["official_on"], entries[1]["after"]["official_on"]) == (
        "2001-05-19",
        "2001-05-20",
    )
    result = run("log", "--entity", "member:4", "--lang", "en")
    assert "imported from m.csv (SHA-256" in result.stdout
    assert "10 records, ids 1–10" in result.stdout


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

"""`db backup` and `db restore`: online and consistent copies readable by the owner only; restores that
ask first, refuse what is not a dangvien database, and keep the user's data when anything goes wrong.
(SQLite's: on PostgreSQL both commands point to pg_dump and pg_restore.)"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from pathlib import Path

import pytest

from dangvien_cli.store import engine as engine_module
from tests.conftest import Run
from tests.safety_tools import member_add_args, row_counts, run_workers, write_members_csv

CELLS = ["HP", "K2"]


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


@pytest.fixture
def members(run: Run, city: None, tmp_path: Path) -> None:
    path = tmp_path / "members.csv"
    write_members_csv(path, 1, 40, CELLS)
    result = run("import", "members", str(path))
    assert result.exit_code == 0, result.stderr


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.mark.sqlite_only
def test_backup_is_a_private_complete_copy(
    run: Run, members: None, fresh_environment: Path, tmp_path: Path
) -> None:
    target = tmp_path / "copy.db"
    old_umask = os.umask(0)  # even when new files would be world-readable
    try:
        result = run("--lang", "en", "db", "backup", str(target))
    finally:
        os.umask(old_umask)
    assert result.exit_code == 0, result.stderr
    assert f"Backed up to {target}" in result.stderr
    assert _mode(target) == 0o600
    assert not Path(f"{target}-wal").exists()  # one self-contained file
    assert row_counts(_url(target)) == row_counts(_url(fresh_environment))
    with sqlite3.connect(target) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    connection.close()
    listed = run("--db", str(target), "member", "list", "--format", "json")
    assert len(json.loads(listed.stdout)) == 40


@pytest.mark.sqlite_only
def test_backup_does_not_overwrite_unless_asked(run: Run, members: None, tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    target.write_text("keep me")
    result = run("db", "backup", str(target))
    assert result.exit_code == 1
    assert "--force" in result.stderr
    assert target.read_text() == "keep me"
    assert run("db", "backup", str(target), "--overwrite").exit_code == 0
    assert row_counts(_url(target))["member"] == 40
    assert list(tmp_path.glob(".*.tmp")) == []  # no temporary file left behind


@pytest.mark.sqlite_only
def test_backup_refuses_a_missing_database_and_a_missing_folder(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "nothing.db"
    result = run("--db", str(missing), "--lang", "en", "db", "backup", str(tmp_path / "copy.db"))
    assert result.exit_code == 1
    assert "there is no database" in result.stderr
    assert not missing.exists()
    result = run("db", "backup", str(tmp_path / "no" / "such" / "copy.db"))
    assert result.exit_code == 1


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_backups_taken_while_others_write_are_consistent(
    run: Run, members: None, fresh_environment: Path, tmp_path: Path
) -> None:
    """4 processes add members while 3 backups are taken: each backup is a moment of the database, every
    member in it with the change-log entry written in the same transaction."""
    batches = [[member_add_args(1000 + w * 10 + i, "HP") for i in range(6)] for w in range(4)]
    outcome: dict[str, object] = {}

    def write() -> None:
        outcome["results"] = run_workers(str(fresh_environment), batches, tmp_path)

    writer = threading.Thread(target=write)
    writer.start()
    copies = []
    for n in range(3):
        copy = tmp_path / f"online-{n}.db"
        result = run("db", "backup", str(copy))
        assert result.exit_code == 0, result.stderr
        copies.append(copy)
    writer.join()
    assert all(r.code == 0 for r in outcome["results"])  # type: ignore[attr-defined]
    for copy in copies:
        with sqlite3.connect(copy) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            members_n = connection.execute("SELECT COUNT(*) FROM member").fetchone()[0]
            logged = connection.execute(
                # a batch entry (an import) stands for its range of ids
                "SELECT sum(coalesce(last_entity_id, entity_id) - entity_id + 1) FROM change_log"
                " WHERE entity = 'member' AND action = 'insert'"
            ).fetchone()[0]
        connection.close()
        assert members_n == logged
        assert 40 <= members_n <= 64
        assert run("--db", str(copy), "db", "check").exit_code == 0
    assert row_counts(_url(fresh_environment))["member"] == 64


@pytest.fixture
def saved(run: Run, members: None, tmp_path: Path) -> Path:
    """A backup of the 40 members; afterwards the live database gets 5 more."""
    target = tmp_path / "saved.db"
    assert run("db", "backup", str(target)).exit_code == 0
    path = tmp_path / "more.csv"
    write_members_csv(path, 500, 5, CELLS)
    assert run("import", "members", str(path)).exit_code == 0
    return target


@pytest.mark.sqlite_only
def test_restore_asks_first(run: Run, saved: Path, fresh_environment: Path) -> None:
    result = run("--lang", "en", "db", "restore", str(saved), input="n\n")
    assert result.exit_code == 1
    assert "Replace ALL the data" in result.stdout + result.stderr
    assert "your data is unchanged" in result.stderr
    assert row_counts(_url(fresh_environment))["member"] == 45
    result = run("--lang", "en", "db", "restore", str(saved), input="y\n")
    assert result.exit_code == 0, result.stderr
    assert row_counts(_url(fresh_environment))["member"] == 40


@pytest.mark.sqlite_only
def test_restore_with_yes_replaces_everything(run: Run, saved: Path, fresh_environment: Path) -> None:
    result = run("--lang", "en", "db", "restore", str(saved), "--yes")
    assert result.exit_code == 0, result.stderr
    assert "Restored" in result.stderr
    assert row_counts(_url(fresh_environment)) == row_counts(_url(saved))
    assert _mode(fresh_environment) == 0o600
    assert "readable" not in run("--lang", "en", "db", "status").stderr
    assert run("db", "check").exit_code == 0
    assert run("member", "add", *member_add_args(900, "HP")[2:]).exit_code == 0  # and it works on


@pytest.mark.sqlite_only
def test_restore_into_a_new_file(run: Run, saved: Path, tmp_path: Path) -> None:
    target = tmp_path / "fresh.db"
    result = run("--db", str(target), "db", "restore", str(saved), "--yes")
    assert result.exit_code == 0, result.stderr
    assert _mode(target) == 0o600
    assert row_counts(_url(target))["member"] == 40


def _refused(run: Run, file: Path, fresh_environment: Path, expected: str, *, confirm: bool = False) -> None:
    before = row_counts(_url(fresh_environment))
    if confirm:  # answered yes at the prompt, instead of --yes
        result = run("--lang", "en", "db", "restore", str(file), input="y\n")
    else:
        result = run("--lang", "en", "db", "restore", str(file), "--yes")
    assert result.exit_code == 1
    assert str(file) in result.stderr
    assert expected in result.stderr
    assert row_counts(_url(fresh_environment)) == before
    assert run("db", "check").exit_code == 0


@pytest.mark.sqlite_only
def test_restore_refuses_what_is_not_a_dangvien_database(
    run: Run, members: None, fresh_environment: Path, tmp_path: Path
) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("Danh sách đảng viên\n")
    _refused(run, text, fresh_environment, "not a dangvien database")
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE member (id INTEGER)")
    connection.close()
    _refused(run, other, fresh_environment, "tables missing")
    _refused(run, tmp_path / "missing.db", fresh_environment, "no such file")
    asked = run("--lang", "en", "db", "restore", str(text))  # refused before anyone is asked to confirm
    assert asked.exit_code == 1
    assert "Replace ALL" not in asked.stdout + asked.stderr
    _refused(run, other, fresh_environment, "tables missing", confirm=True)


@pytest.mark.sqlite_only
def test_restore_refuses_a_damaged_or_newer_backup(
    run: Run, saved: Path, fresh_environment: Path, tmp_path: Path
) -> None:
    newer = tmp_path / "newer.db"
    newer.write_bytes(saved.read_bytes())
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    _refused(run, newer, fresh_environment, "revision 9999")
    data = bytearray(saved.read_bytes())
    pages = len(data) // 4096
    for name, scribbled in (("schema", range(1, pages)), ("rows", range(pages - 3, pages))):
        damaged = tmp_path / f"damaged-{name}.db"
        copy = bytearray(data)
        for page in scribbled:
            copy[page * 4096 + 100 : page * 4096 + 400] = b"\xff" * 300
        damaged.write_bytes(bytes(copy))
        _refused(run, damaged, fresh_environment, "your data is unchanged")


@pytest.mark.sqlite_only
def test_restore_waits_for_writers_then_gives_up_leaving_the_data(
    run: Run, saved: Path, fresh_environment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 1000)
    blocker = sqlite3.connect(fresh_environment, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        result = run("--lang", "en", "db", "restore", str(saved), "--yes")
    finally:
        blocker.rollback()
        blocker.close()
    assert result.exit_code == 1
    assert "the database is busy" in result.stderr
    assert row_counts(_url(fresh_environment))["member"] == 45


@pytest.mark.parametrize("command", ["backup", "restore"])
def test_postgres_points_to_its_own_tools(run: Run, command: str, tmp_path: Path) -> None:
    file = tmp_path / "x.dump"
    file.write_bytes(b"")
    url = "postgresql+psycopg://dv@127.0.0.1:9/dangvien"  # never contacted
    extra = ["--yes"] if command == "restore" else []
    result = run("--db", url, "--lang", "en", "db", command, str(file), *extra)
    assert result.exit_code == 1
    assert ("pg_dump" if command == "backup" else "pg_restore") in result.stderr


@pytest.mark.sqlite_only
def test_the_database_and_its_journal_files_are_private(fresh_environment: Path) -> None:
    """Created under a umask that would let anyone read them: the file, its WAL and shared memory are 0600."""
    from dangvien_cli.store.database import open_database

    old_umask = os.umask(0)
    try:
        database = open_database()
        with database.writer() as session:
            session.connection().exec_driver_sql(
                "INSERT INTO organisation (code, name, kind, place) "
                "VALUES ('MC', 'Thành ủy', 'committee', 'other')"
            )
            session.commit()
            wal, shm = (fresh_environment.with_name(fresh_environment.name + s) for s in ("-wal", "-shm"))
            assert wal.exists()
            assert shm.exists()
            assert {_mode(fresh_environment), _mode(wal), _mode(shm)} == {0o600}
        database.close()
    finally:
        os.umask(old_umask)


@pytest.mark.sqlite_only
def test_backup_of_a_damaged_database_is_refused_in_one_line(run: Run, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(bytes(range(256)) * 32)
    result = run("--db", str(damaged), "--lang", "en", "db", "backup", str(tmp_path / "copy.db"))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "damaged or unreadable" in result.stderr
    assert not (tmp_path / "copy.db").exists()
    assert list(tmp_path.glob(".*.tmp")) == []

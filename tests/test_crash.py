"""A process killed (SIGKILL) in the middle of an import leaves the database exactly as it was, and running
the same import again completes it.

The kill points come from a reference run on a copy: some at times before the first write (reading and
checking the file), the others when the write-ahead log has reached a share of the size it reaches in a
whole import (writing, before the commit). Each kill is checked to have hit a running process, and each
starts from a copy of the same database: it must hold either nothing of the import or, for the latest kill
only (on a loaded machine it can land after the commit frame), all of it."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from dangvien_cli.store.backup import backup_sqlite
from tests.conftest import Run
from tests.safety_tools import environment, row_counts, write_members_csv

pytestmark = pytest.mark.sqlite_only  # SQLite's own crash safety; PostgreSQL's is the server's

ROWS = 15_000
CELLS = ["HP", "K2"]
WAL_SHARES = (0.0, 0.3, 0.6, 0.8)  # of the reference run's largest WAL; the commit writes the rest
TIME_SHARES = (0.2, 0.6)  # of the time before the reference run's first write
WAL_HEADER = 32  # bytes; a WAL larger than this holds at least one written page


@dataclass
class Trace:
    seconds_to_first_write: float
    largest_wal: int
    finished: bool


def _wal(db: Path) -> Path:
    return db.with_name(db.name + "-wal")


def _start_import(db: Path, csv_path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # noqa: S603  (our own command line, as a user runs it)
        [sys.executable, "-m", "dangvien_cli", "import", "members", str(csv_path)],
        env=environment(str(db)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _watch(
    db: Path, process: subprocess.Popen[bytes], *, kill_after: float | None, kill_at_wal: int | None
) -> Trace:
    """Follow the import, and kill it when it has run ``kill_after`` seconds or its WAL has grown past
    ``kill_at_wal`` bytes; returns what was seen."""
    wal = _wal(db)
    started = time.monotonic()
    first_write: float | None = None
    largest = 0
    while process.poll() is None:
        size = wal.stat().st_size if wal.exists() else 0
        now = time.monotonic() - started
        if size > WAL_HEADER and first_write is None:
            first_write = now
        largest = max(largest, size)
        due = (kill_after is not None and now >= kill_after) or (
            kill_at_wal is not None and size > kill_at_wal
        )
        if due:
            assert process.poll() is None, "the import ended before the kill point"
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            return Trace(first_write or now, largest, finished=False)
        time.sleep(0.002)
    return Trace(first_write or 0.0, largest, finished=process.returncode == 0)


def _fingerprint(db: Path) -> str:
    """A digest of every row of every table, in a fixed order."""
    digest = hashlib.sha256()
    with sqlite3.connect(db) as connection:
        tables = [
            r[0]
            for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        for table in tables:
            for row in connection.execute(f"SELECT * FROM {table} ORDER BY rowid"):  # noqa: S608  (table names from sqlite_master, not input)
                digest.update(repr(row).encode())
    connection.close()
    return digest.hexdigest()


def _engine_checks(db: Path) -> None:
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()


@pytest.fixture
def before(run: Run, city: None, fresh_environment: Path, tmp_path: Path) -> Path:
    """The small city with 300 members already imported: the state every kill must leave behind."""
    first = tmp_path / "first.csv"
    write_members_csv(first, 1, 300, CELLS)
    result = run("import", "members", str(first))
    assert result.exit_code == 0, result.stderr
    return fresh_environment


@pytest.mark.slow
def test_a_killed_import_changes_nothing_and_a_rerun_completes(
    run: Run, before: Path, tmp_path: Path
) -> None:
    big = tmp_path / "big.csv"
    write_members_csv(big, 100_000, ROWS, CELLS)
    url = f"sqlite:///{before}"
    counts, fingerprint = row_counts(url), _fingerprint(before)

    reference_db = backup_sqlite(before, tmp_path / "reference.db")
    reference = _watch(reference_db, _start_import(reference_db, big), kill_after=None, kill_at_wal=None)
    assert reference.finished
    assert reference.largest_wal > 0
    complete = row_counts(f"sqlite:///{reference_db}")
    assert complete["member"] == counts["member"] + ROWS

    kills: list[tuple[float | None, int | None]] = [
        (share * reference.seconds_to_first_write, None) for share in TIME_SHARES
    ]
    kills += [(None, max(WAL_HEADER, int(share * reference.largest_wal))) for share in WAL_SHARES]
    writing = nothing = 0
    for number, (kill_after, kill_at_wal) in enumerate(kills):
        # Each kill starts from the same state: a copy of the database before the import.
        target = backup_sqlite(before, tmp_path / f"kill-{number}.db")
        trace = _watch(target, _start_import(target, big), kill_after=kill_after, kill_at_wal=kill_at_wal)
        assert not trace.finished
        writing += trace.largest_wal > WAL_HEADER
        _engine_checks(target)
        # All or nothing: on a loaded machine a late kill can land after the commit frame (the process is
        # still closing), and then the whole import is there; anything in between is the failure.
        after = row_counts(f"sqlite:///{target}")
        if after == counts:
            nothing += 1
            assert _fingerprint(target) == fingerprint
        else:
            assert after == complete
        check = run("--db", str(target), "db", "check")
        assert check.exit_code == 0, check.stdout + check.stderr
    assert writing >= len(WAL_SHARES)  # those kills came after the import had begun writing
    assert nothing >= len(kills) - 1  # at most the latest kill may have come after the commit

    result = run("import", "members", str(big))
    assert result.exit_code == 0, result.stderr
    assert row_counts(url) == complete
    _engine_checks(before)
    assert run("db", "check").exit_code == 0

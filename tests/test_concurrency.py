"""Several processes writing at once queue one after the other: every row lands exactly once, nobody sees
"database is locked", and a writer that waits too long gets a clear message, having changed nothing."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from dangvien_cli.store import engine as engine_module
from dangvien_cli.store.migrate import HEAD_REVISION
from tests.conftest import Run
from tests.pg_server import PostgresServer
from tests.safety_tools import (
    WorkerResult,
    citizen_counts,
    member_add_args,
    row_counts,
    run_workers,
    write_members_csv,
)

WRITERS = 8
ADDS_PER_WRITER = 5
ROWS_PER_IMPORT = 250
CELLS = ["HP", "K2"]

pytestmark = pytest.mark.slow  # each test starts many processes, or waits out a busy timeout on purpose


# The SQLite case runs on a file of its own whatever the suite's engine: engine_free (the PostgreSQL run
# leaves it out, having run it already).
SQLITE = pytest.param("sqlite", marks=pytest.mark.engine_free)
POSTGRES = pytest.param("postgres", marks=[pytest.mark.postgres, pytest.mark.slow])


@pytest.fixture(params=[SQLITE, POSTGRES])
def target(request: pytest.FixtureRequest, fresh_environment: Path, run: Run) -> tuple[str, str]:
    """(what to pass as --db / DANGVIEN_DB, SQLAlchemy URL) of a database holding the small city."""
    if request.param == "sqlite":
        db, url = str(fresh_environment), f"sqlite:///{fresh_environment}"
    else:
        server: PostgresServer = request.getfixturevalue("pg_server")
        db = url = server.url(server.create_database())
    for args in [
        ("MC", "Đảng bộ TP Móng Cái", "--kind", "committee"),
        ("TP", "Đảng bộ phường Trần Phú", "--kind", "base", "--parent", "MC"),
        ("HP", "Chi bộ khu Hồng Phong", "--kind", "cell", "--parent", "TP", "--place", "residential"),
        ("K2", "Chi bộ khu 2", "--kind", "cell", "--parent", "TP", "--place", "residential"),
    ]:
        result = run("--db", db, "org", "add", *args)
        assert result.exit_code == 0, result.stderr
    return db, url


def _no_lock_errors(results: list[WorkerResult]) -> None:
    for result in results:
        assert result.code == 0, (result.stderr, result.error)
        assert "locked" not in result.stderr
        assert "bận" not in result.stderr


def _check_clean(run: Run, db: str) -> None:
    result = run("--db", db, "db", "check")
    assert result.exit_code == 0, result.stdout + result.stderr


def test_concurrent_member_adds_all_land_once(target: tuple[str, str], run: Run, tmp_path: Path) -> None:
    db, url = target
    before = row_counts(url)
    batches = [
        [member_add_args(w * 100 + i, CELLS[i % 2]) for i in range(ADDS_PER_WRITER)] for w in range(WRITERS)
    ]
    results = run_workers(db, batches, tmp_path)
    assert len(results) == WRITERS * ADDS_PER_WRITER
    _no_lock_errors(results)
    expected = {args[args.index("--citizen-id") + 1] for batch in batches for args in batch}
    counts = citizen_counts(url)
    assert set(counts) == expected
    assert set(counts.values()) == {1}
    after = row_counts(url)
    added = WRITERS * ADDS_PER_WRITER
    assert after["member"] - before["member"] == added
    assert after["membership"] - before["membership"] == added
    assert after["change_log"] - before["change_log"] >= added  # each insert is logged with its record
    _check_clean(run, db)


def test_concurrent_imports_all_land_once(target: tuple[str, str], run: Run, tmp_path: Path) -> None:
    db, url = target
    before = row_counts(url)
    expected: set[str] = set()
    batches = []
    for w in range(WRITERS):
        path = tmp_path / f"members-{w}.csv"
        expected |= set(write_members_csv(path, 10_000 + w * ROWS_PER_IMPORT, ROWS_PER_IMPORT, CELLS))
        batches.append([["import", "members", str(path)]])
    results = run_workers(db, batches, tmp_path)
    _no_lock_errors(results)
    counts = citizen_counts(url)
    assert set(counts) == expected
    assert set(counts.values()) == {1}
    after = row_counts(url)
    assert after["member"] - before["member"] == WRITERS * ROWS_PER_IMPORT
    assert after["membership"] - before["membership"] == WRITERS * ROWS_PER_IMPORT
    # one batch entry an import: its ids are contiguous, the writers queue on the write lock
    assert after["change_log"] - before["change_log"] == WRITERS
    _check_clean(run, db)


def test_the_same_list_imported_by_every_process_lands_once(
    target: tuple[str, str], run: Run, tmp_path: Path
) -> None:
    """Imports queue rather than run side by side: each one sees what the one before it wrote, so the
    duplicate check holds across processes (on PostgreSQL too, where writers share an advisory lock)."""
    db, url = target
    path = tmp_path / "shared.csv"
    expected = set(write_members_csv(path, 50_000, ROWS_PER_IMPORT, CELLS))
    batch = [["import", "members", str(path), "--on-duplicate", "skip", "--format", "json"]]
    results = run_workers(db, [batch] * WRITERS, tmp_path)
    _no_lock_errors(results)
    counts = citizen_counts(url)
    assert set(counts) == expected
    assert set(counts.values()) == {1}
    _check_clean(run, db)


@pytest.mark.parametrize("backend", [SQLITE, POSTGRES])
def test_first_use_by_many_processes_migrates_once(
    request: pytest.FixtureRequest, backend: str, tmp_path: Path
) -> None:
    """Eight processes open a new, empty database at once: one creates the schema, the others wait for it
    and find nothing left to do."""
    if backend == "sqlite":
        db = url = str(tmp_path / "new.db")
        url = f"sqlite:///{db}"
    else:
        server: PostgresServer = request.getfixturevalue("pg_server")
        db = url = server.url(server.create_database())
    results = run_workers(db, [[["org", "list", "--format", "json"]]] * WRITERS, tmp_path)
    _no_lock_errors(results)
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as connection:
            versions = connection.execute(sa.text("SELECT version_num FROM alembic_version")).fetchall()
    finally:
        engine.dispose()
    assert [tuple(v) for v in versions] == [(HEAD_REVISION,)]


@pytest.mark.sqlite_only
def test_a_writer_waits_then_gives_a_clear_message(
    run: Run, city: None, fresh_environment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process holds the write lock for longer than the busy timeout (shortened here)."""
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 1500)
    blocker = sqlite3.connect(fresh_environment, isolation_level=None)
    before = row_counts(f"sqlite:///{fresh_environment}")
    blocker.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        result = run("--lang", "en", "member", "add", *member_add_args(7, "HP")[2:])
        waited = time.monotonic() - started
        path = fresh_environment.parent / "one.csv"
        write_members_csv(path, 70, 3, CELLS)
        imported = run("--lang", "en", "import", "members", str(path))
    finally:
        blocker.rollback()
        blocker.close()
    assert waited >= 1.4  # it queued for the whole timeout before giving up
    for outcome in (result, imported):
        assert outcome.exit_code == 1
        assert "the database is busy" in outcome.stderr
        assert "more than 1 seconds" in outcome.stderr
        assert "changed nothing" in outcome.stderr
        assert "locked" not in outcome.stderr
    assert row_counts(f"sqlite:///{fresh_environment}") == before
    assert run("member", "add", *member_add_args(7, "HP")[2:]).exit_code == 0  # free again: it goes through


@pytest.mark.postgres
@pytest.mark.slow
def test_a_writer_waits_then_gives_a_clear_message_on_postgres(
    run: Run, pg_server: PostgresServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = pg_server.url(pg_server.create_database())
    for args in [
        ("MC", "Đảng bộ TP Móng Cái", "--kind", "committee"),
        ("HP", "Chi bộ khu Hồng Phong", "--kind", "base", "--parent", "MC", "--place", "residential"),
    ]:
        result = run("--db", url, "org", "add", *args)
        assert result.exit_code == 0, result.stderr
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 1500)
    blocker = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with blocker.begin() as connection:
            connection.execute(sa.text(f"SELECT pg_advisory_xact_lock({engine_module.PG_WRITER_LOCK})"))
            started = time.monotonic()
            result = run("--db", url, "--lang", "en", "member", "add", *member_add_args(7, "HP")[2:])
            waited = time.monotonic() - started
    finally:
        blocker.dispose()
    assert waited >= 1.4
    assert result.exit_code == 1
    assert "the database is busy" in result.stderr
    assert row_counts(url)["member"] == 0
    assert run("--db", url, "member", "add", *member_add_args(7, "HP")[2:]).exit_code == 0

"""Shared fixtures: a fresh database per test, a pinned "today", and a CLI runner."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from dangvien_cli.cli.app import app
from dangvien_cli.store.engine import open_database
from tests.pg_server import PostgresServer, find_bin_dir

TODAY = "2024-06-30"


@pytest.fixture(autouse=True)
def fresh_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own database file, Vietnamese messages, a fixed date and a wide terminal."""
    db_path = tmp_path / "test.db"
    monkeypatch.setenv("DANGVIEN_DB", str(db_path))
    monkeypatch.setenv("DANGVIEN_TODAY", TODAY)
    monkeypatch.setenv("DANGVIEN_SETTINGS", str(tmp_path / "no-settings.toml"))
    monkeypatch.delenv("DANGVIEN_LANG", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    return db_path


Run = Callable[..., Result]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the whole run, started by the tests themselves (each test makes its own
    database on it)."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) on PATH or in /usr/lib/postgresql/*/bin")
    server = PostgresServer(bin_dir)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database migrated to head, copied for each CLI test instead of migrating every time.
    (Migrating from empty is tested on its own in test_database.py.)"""
    path = tmp_path_factory.mktemp("template") / "template.db"
    database = open_database(str(path))
    database.engine.dispose()  # checkpoints the WAL into the file
    return path


@pytest.fixture
def run(fresh_environment: Path, migrated_template: Path) -> Run:
    """Run ``dangvien`` in-process: ``run("org", "list")``; ``stdout`` and ``stderr`` come apart."""
    if not fresh_environment.exists():
        shutil.copyfile(migrated_template, fresh_environment)
        fresh_environment.chmod(0o600)
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def run_json(run: Run) -> Callable[..., Any]:
    """Run a command with ``--format json`` that must succeed, and parse what it printed."""

    def invoke(*args: str) -> Any:
        result = run(*args, "--format", "json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    return invoke


@pytest.fixture
def city(run: Run) -> None:
    """A small tree like the article's: city → ward → residential cells, plus an agency base cell."""
    for args in [
        ("MC", "Đảng bộ TP Móng Cái", "--kind", "committee"),
        ("TP", "Đảng bộ phường Trần Phú", "--kind", "base", "--parent", "MC"),
        ("HP", "Chi bộ khu Hồng Phong", "--kind", "cell", "--parent", "TP", "--place", "residential"),
        ("K2", "Chi bộ khu 2", "--kind", "cell", "--parent", "TP", "--place", "residential"),
        ("CQ", "Chi bộ cơ quan Thành ủy", "--kind", "base", "--parent", "MC", "--place", "agency"),
    ]:
        result = run("org", "add", *args)
        assert result.exit_code == 0, result.stderr

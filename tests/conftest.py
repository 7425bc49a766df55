"""Shared fixtures: a fresh database per test, a pinned "today", and a CLI runner.

The suite runs on SQLite by default. With ``DANGVIEN_TEST_PG_URL`` set to a PostgreSQL server's URL (any
database on it; ``python -m tests.pg_server -- pytest`` starts a throwaway server and sets it), every test
gets a fresh PostgreSQL database instead, made from a migrated template. That run deselects the tests marked
``sqlite_only`` (file modes, pragmas, SQLite's own files), and those that the plain run has already run the
same way: ``engine_free`` (the tours, the wheel and the docs site, each on a SQLite file of its own) and
``postgres`` (they start a server of their own when the plain run has none)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner, Result

from dangvien_cli.cli.app import app
from dangvien_cli.store.database import open_database
from tests.pg_server import PostgresServer, find_bin_dir

TODAY = "2024-06-30"
PG_URL = os.environ.get("DANGVIEN_TEST_PG_URL") or None

# Hypothesis's timing checks (a 200 ms deadline an example, "data generation is too slow") fail at random
# when the tests share the cores with xdist workers or other jobs; none of our properties is about speed.
settings.register_profile("dangvien", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("dangvien")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL, leave out the tests about SQLite itself and those the plain run has run alike."""
    if PG_URL is None:
        return
    markers = ("sqlite_only", "engine_free", "postgres")
    dropped = [item for item in items if any(item.get_closest_marker(m) for m in markers)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        gone = set(dropped)
        items[:] = [item for item in items if item not in gone]


class ExternalServer:
    """The server named by ``DANGVIEN_TEST_PG_URL``, with the same interface as :class:`PostgresServer`."""

    def __init__(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        self._url = make_url(url)
        self.port = self._url.port or 5432
        self._count = 0

    def url(self, database: str = "postgres", password: str | None = None) -> str:
        url = self._url.set(database=database)
        if password is not None:
            url = url.set(password=password)
        return url.render_as_string(hide_password=False)

    def _execute(self, statement: str) -> None:
        import sqlalchemy as sa

        engine = sa.create_engine(self.url(), isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
        try:
            with engine.connect() as connection:
                connection.exec_driver_sql(statement)
        finally:
            engine.dispose()

    def create_database(self, template: str | None = None) -> str:
        self._count += 1
        name = f"test_{os.getpid()}_{self._count}"
        self._execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name

    def drop_database(self, name: str) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_template(request: pytest.FixtureRequest) -> str | None:
    """On PostgreSQL, a database migrated to head that each test's database is copied from."""
    if PG_URL is None:
        return None
    server: ExternalServer = request.getfixturevalue("pg_server")
    name = server.create_database()
    open_database(server.url(name)).engine.dispose()
    return name


@pytest.fixture(autouse=True)
def fresh_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[Path]:
    """Each test gets its own database (a file, or on PostgreSQL a database of its own), Vietnamese
    messages, a fixed date and a wide terminal."""
    db_path = tmp_path / "test.db"
    pg_name = None
    if PG_URL is not None:
        server: ExternalServer = request.getfixturevalue("pg_server")
        pg_name = server.create_database(template=request.getfixturevalue("pg_template"))
        monkeypatch.setenv("DANGVIEN_DB", server.url(pg_name))
    else:
        monkeypatch.setenv("DANGVIEN_DB", str(db_path))
    monkeypatch.setenv("DANGVIEN_TODAY", TODAY)
    monkeypatch.setenv("DANGVIEN_SETTINGS", str(tmp_path / "no-settings.toml"))
    monkeypatch.delenv("DANGVIEN_LANG", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    yield db_path
    if pg_name is not None:
        request.getfixturevalue("pg_server").drop_database(pg_name)


Run = Callable[..., Result]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer | ExternalServer]:
    """One PostgreSQL server for the whole run: ``DANGVIEN_TEST_PG_URL``'s, else one the tests start
    themselves (each test makes its own database on it)."""
    if PG_URL is not None:
        yield ExternalServer(PG_URL)
        return
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
    if PG_URL is None and not fresh_environment.exists():
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

"""The same schema and commands on PostgreSQL: a server of our own per module, a fresh database per test."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from dangvien_cli.store import migrate
from tests.conftest import Run
from tests.pg_server import PostgresServer, find_bin_dir

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

TABLES = {"organisation", "member", "membership", "change_log", "alembic_version"}


@pytest.fixture(scope="module")
def pg_server() -> Iterator[PostgresServer]:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) on PATH or in /usr/lib/postgresql/*/bin")
    server = PostgresServer(bin_dir)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_name(pg_server: PostgresServer) -> str:
    """A new, empty database on the module's server."""
    return pg_server.create_database()


@pytest.fixture
def pg_url(pg_server: PostgresServer, pg_name: str) -> str:
    return pg_server.url(pg_name)


@pytest.fixture
def engine(pg_url: str) -> Iterator[sa.Engine]:
    from dangvien_cli.store.engine import create_engine

    engine = create_engine(pg_url)
    try:
        yield engine
    finally:
        engine.dispose()


def _ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_migrations_reach_head(run: Run, pg_url: str, engine: sa.Engine) -> None:
    _ok(run, "--db", pg_url, "db", "upgrade")
    status = json.loads(_ok(run, "--db", pg_url, "db", "status", "--format", "json"))
    assert status["current_revision"] == status["head_revision"] == migrate.HEAD_REVISION
    assert status["url"] == pg_url
    assert status["row_counts"]["organisation"] == 0
    assert all(count == 0 for count in status["row_counts"].values())
    assert "file_mode" not in status
    assert set(sa.inspect(engine).get_table_names()) >= TABLES


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_status_masks_the_password(
    run: Run, pg_server: PostgresServer, pg_name: str, pg_url: str, fmt: str
) -> None:
    _ok(run, "--db", pg_url, "db", "upgrade")
    with_password = pg_server.url(pg_name, password="secret")  # trust auth ignores it, so it connects
    result = run("--db", with_password, "db", "status", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    output = result.stdout + result.stderr
    assert "secret" not in output
    assert "***" in output
    if fmt == "json":
        assert json.loads(result.stdout)["current_revision"] == migrate.HEAD_REVISION


def test_cli_flow_sorts_vietnamese_names(run: Run, pg_url: str) -> None:
    for args in [
        ("MC", "Đảng bộ TP Móng Cái", "--kind", "committee"),
        ("TP", "Đảng bộ phường Trần Phú", "--kind", "base", "--parent", "MC"),
        ("HP", "Chi bộ khu Hồng Phong", "--kind", "cell", "--parent", "TP", "--place", "residential"),
    ]:
        _ok(run, "--db", pg_url, "org", "add", *args)
    for name, gender in [("Trần Văn Đức", "M"), ("Lê Thị Dũng", "F"), ("Phạm An", "M")]:
        _ok(run, "--db", pg_url, "member", "add", "--name", name, "--gender", gender,
            "--birth", "1/9/1970", "--cell", "HP", "--admitted", "2000-05-19")  # fmt: skip

    members = json.loads(_ok(run, "--db", pg_url, "member", "list", "--format", "json"))
    assert [m["full_name"] for m in members] == ["Phạm An", "Lê Thị Dũng", "Trần Văn Đức"]
    assert {m["cell"] for m in members} == {"HP"}

    orgs = json.loads(_ok(run, "--db", pg_url, "org", "list", "--format", "json"))
    assert [(o["code"], o["parent"], o["depth"]) for o in orgs] == [
        ("MC", None, 0),
        ("TP", "MC", 1),
        ("HP", "TP", 2),
    ]
    shown = json.loads(_ok(run, "--db", pg_url, "org", "show", "MC", "--format", "json"))
    assert shown["members"] == 3

    status = json.loads(_ok(run, "--db", pg_url, "db", "status", "--format", "json"))
    assert status["row_counts"]["member"] == 3
    assert status["row_counts"]["change_log"] > 0


@pytest.mark.parametrize(
    "statement", ["UPDATE change_log SET os_user = 'someone else'", "DELETE FROM change_log"]
)
def test_change_log_is_append_only(run: Run, pg_url: str, engine: sa.Engine, statement: str) -> None:
    _ok(run, "--db", pg_url, "org", "add", "MC", "Đảng bộ TP Móng Cái", "--kind", "committee")
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT COUNT(*) FROM change_log")).scalar() == 1
    with pytest.raises(sa.exc.DBAPIError, match="change_log is append-only"), engine.begin() as connection:
        connection.execute(sa.text(statement))
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT COUNT(*) FROM change_log")).scalar() == 1


def test_models_match_migrations(engine: sa.Engine) -> None:
    """``alembic check``: autogenerate against the migrated database finds nothing to do."""
    from alembic import command

    migrate.upgrade(engine)
    with engine.connect() as connection:
        config = migrate.alembic_config(connection)
        config.stdout = output = io.StringIO()
        command.check(config)  # raises AutoGenerateDiffsDetected on any difference
    assert "No new upgrade operations detected" in output.getvalue()


def test_downgrade_to_base_and_up_again(run: Run, pg_url: str, engine: sa.Engine) -> None:
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.HEAD_REVISION

    migrate.downgrade(engine, "base")
    assert migrate.current_revision(engine) is None
    assert set(sa.inspect(engine).get_table_names()) <= {"alembic_version"}
    with engine.connect() as connection:
        functions = connection.execute(
            sa.text("SELECT COUNT(*) FROM pg_proc WHERE proname = 'change_log_append_only'")
        ).scalar()
    assert functions == 0

    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.HEAD_REVISION
    _ok(run, "--db", pg_url, "org", "add", "MC", "Đảng bộ TP Móng Cái", "--kind", "committee")
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM change_log"))


def test_import_and_export_round_trip(run: Run, pg_url: str, tmp_path: Path) -> None:
    """The importer's PostgreSQL path (Core inserts with RETURNING) lands the same rows as SQLite's."""
    sample = Path(__file__).resolve().parent.parent / "sample_data" / "small_city"
    for entity in ("orgs", "members", "candidates", "reviews", "quotas"):
        summary = json.loads(
            _ok(run, "--db", pg_url, "import", entity, str(sample / f"{entity}.csv"), "--format", "json")
        )
        assert summary["errors"] == 0 and summary["created"] > 0
        again = json.loads(
            _ok(run, "--db", pg_url, "import", entity, str(sample / f"{entity}.csv"), "--format", "json")
        )
        assert (again["created"], again["updated"]) == (0, 0)
    sqlite_db = str(tmp_path / "same.db")
    for entity in ("orgs", "members", "candidates", "reviews", "quotas"):
        _ok(run, "--db", sqlite_db, "import", entity, str(sample / f"{entity}.csv"))
        assert _ok(run, "--db", pg_url, "export", entity) == _ok(run, "--db", sqlite_db, "export", entity)
    found = json.loads(_ok(run, "--db", pg_url, "search", "hoa", "--format", "json"))
    assert {r["full_name"] for r in found} >= {"Phạm Thị Hoà"}

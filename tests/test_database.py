"""Choosing the database, SQLite settings, migrations, and db status/upgrade."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from sqlmodel import SQLModel

from dangvien_cli.store import models
from dangvien_cli.store.database import open_database
from dangvien_cli.store.engine import mask_url, resolve_url
from dangvien_cli.store.migrate import (
    HEAD_REVISION,
    alembic_config,
    current_revision,
    downgrade,
    head_revision,
    upgrade,
)


def test_database_choice_order(tmp_path, monkeypatch):
    monkeypatch.setenv("DANGVIEN_DB", str(tmp_path / "env.db"))
    assert resolve_url(str(tmp_path / "opt.db")) == f"sqlite:///{tmp_path / 'opt.db'}"
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'env.db'}"
    assert resolve_url("postgresql+psycopg://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    monkeypatch.delenv("DANGVIEN_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'data' / 'dangvien' / 'dangvien.db'}"


def test_root_db_option_wins(run, run_json, tmp_path):
    other = tmp_path / "other.db"
    assert run("--db", str(other), "org", "add", "MC", "Thành ủy", "--kind", "committee").exit_code == 0
    assert [o["code"] for o in run_json("--db", str(other), "org", "list")] == ["MC"]
    assert run_json("org", "list") == []
    url = f"sqlite:///{other}"
    assert [o["code"] for o in run_json("--db", url, "org", "list")] == ["MC"]


@pytest.mark.sqlite_only
def test_new_file_is_private_and_sqlite_is_configured(fresh_environment: Path):
    database = open_database()
    assert stat.S_IMODE(os.stat(fresh_environment).st_mode) == 0o600
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one() >= 5000


def test_password_is_hidden():
    assert (
        mask_url("postgresql+psycopg://dv:secret@db.example/dv")
        == "postgresql+psycopg://dv:***@db.example/dv"
    )


def test_schema_is_applied_on_first_use(run_json, tmp_path):
    db = str(tmp_path / "first-use.db")
    status = run_json("--db", db, "db", "status")
    assert status["current_revision"] is None  # status itself does not migrate
    run_json("--db", db, "org", "list")
    status = run_json("--db", db, "db", "status")
    assert status["current_revision"] == status["head_revision"] == HEAD_REVISION
    assert status["row_counts"]["member"] == 0
    assert status["url"].startswith("sqlite:///")
    assert status["file_mode"] == "0o600"


def test_db_upgrade_and_status_table(run, run_json, city):
    result = run("db", "upgrade")
    assert result.exit_code == 0
    assert HEAD_REVISION in result.stderr
    assert run_json("db", "status")["row_counts"]["organisation"] == 5
    table = run("db", "status").stdout
    assert "tổ chức" in table  # each table by what it holds, for people
    assert "Phiên bản hiện tại" in table


@pytest.mark.sqlite_only
def test_status_warns_about_a_readable_file(run, fresh_environment):
    open_database()
    fresh_environment.chmod(0o644)
    result = run("db", "status")
    assert result.exit_code == 0
    assert "người khác đọc được" in result.stderr


def test_head_constant_matches_alembic():
    assert head_revision() == HEAD_REVISION


def test_migrations_match_the_models():
    """Empty → head gives exactly the models' schema: `alembic check` finds nothing to add."""
    engine = open_database().engine
    with engine.connect() as conn:
        command.check(alembic_config(conn))


def test_every_model_table_is_created():
    engine = open_database().engine
    tables = set(sa.inspect(engine).get_table_names())
    assert set(SQLModel.metadata.tables) <= tables
    assert set(models.TABLES) == set(SQLModel.metadata.tables)


def test_downgrade_then_upgrade_round_trip(run, run_json, city):
    engine = open_database().engine
    downgrade(engine, "base")
    assert current_revision(engine) is None
    assert set(sa.inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert current_revision(engine) == HEAD_REVISION
    with engine.connect() as conn:
        command.check(alembic_config(conn))
    assert run_json("org", "list") == []


def test_refuses_a_database_from_a_newer_version(run, fresh_environment):
    engine = open_database().engine
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    result = run("org", "list")
    assert result.exit_code == 1
    assert "9999" in result.stderr


@pytest.mark.parametrize("module", ["sqlalchemy", "sqlmodel", "alembic", "openpyxl"])
def test_help_does_not_import_heavy_libraries(module):
    import subprocess
    import sys

    code = (
        "import sys; sys.argv = ['dangvien', '--help']\n"
        "from dangvien_cli.cli.app import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        f"print('LOADED' if {module!r} in sys.modules else 'CLEAN', file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603  (a fresh Python that imports our package)
    assert result.stderr.strip().endswith("CLEAN"), result.stderr

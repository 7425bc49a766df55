"""The database when things go wrong (issue 17, classes 3 and 6): a file that is not a database or is cut
short, a read-only mount, a newer or unrecorded schema, damaged pages, a full disk under a backup or a
restore, and the demo on a database it cannot reach. Each is one line naming the real cause, with the data
as it was and nothing left behind."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dangvien_cli.cli.app import SUBCOMMANDS, load_subcommand
from tests.conftest import Run
from tests.test_privacy import PASSWORD, _assert_hidden, _pg_url

pytestmark = pytest.mark.sqlite_only


def _one_line(result: Any, fragment: str) -> None:
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert fragment in result.stderr, result.stderr


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp" in p.name or p.name.endswith(".backup.db"))


# --- a file that is not a database -------------------------------------------------------------------------

PLAIN_COMMANDS = [
    ("org", "list"), ("member", "list"), ("candidate", "list"), ("db", "status"), ("db", "upgrade"),
    ("report", "quota", "--year", "2024"), ("report", "ageing"), ("due",), ("log",), ("search", "an"),
    ("export", "members"), ("quota", "list"), ("member", "show", "1"),
    ("org", "add", "X", "Chi bộ X", "--kind", "committee"),
]  # fmt: skip


@pytest.mark.parametrize("kind", ["garbage", "truncated"])
def test_every_command_on_a_file_that_is_not_a_database_is_one_line(
    run: Run, city: None, fresh_environment: Path, tmp_path: Path, kind: str
) -> None:
    bad = tmp_path / f"{kind}.db"
    if kind == "garbage":
        bad.write_bytes(bytes(range(256)) * 64)
    else:
        bad.write_bytes(fresh_environment.read_bytes()[:8192])
    for args in PLAIN_COMMANDS:
        result = run("--db", str(bad), *args)
        _one_line(result, "bị hỏng hoặc không phải cơ sở dữ liệu SQLite")
    check = run("--db", str(bad), "db", "check", "--format", "json")
    assert check.exit_code == 1  # damage, reported as such
    assert "sqlite." in check.stdout
    assert "Traceback" not in check.stderr


def test_the_commands_listed_cover_the_command_line() -> None:
    groups = {name for name in SUBCOMMANDS if hasattr(load_subcommand(name), "commands")}
    assert {args[0] for args in PLAIN_COMMANDS} >= {
        "org",
        "member",
        "db",
        "report",
        "export",
        "quota",
    } & groups


# --- a schema this program cannot migrate ------------------------------------------------------------------


def test_a_database_from_a_newer_dangvien_is_refused_and_no_backup_is_left(
    run: Run, city: None, fresh_environment: Path
) -> None:
    with sqlite3.connect(fresh_environment) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    for args in (("db", "upgrade"), ("org", "list"), ("db", "upgrade")):
        _one_line(run(*args), "9999")
    assert _leftovers(fresh_environment.parent) == []


def test_a_database_without_its_revision_table_is_named(
    run: Run, city: None, fresh_environment: Path
) -> None:
    """It used to fail half-way with "table change_log already exists"."""
    with sqlite3.connect(fresh_environment) as connection:
        connection.execute("DROP TABLE alembic_version")
    for args in (("org", "list"), ("db", "upgrade")):
        result = run(*args)
        _one_line(result, "alembic_version")
        assert "already exists" not in result.stderr
    with sqlite3.connect(fresh_environment) as connection:
        assert connection.execute("SELECT COUNT(*) FROM organisation").fetchone() == (5,)
    assert _leftovers(fresh_environment.parent) == []


# --- damaged pages -----------------------------------------------------------------------------------------


def _damage(path: Path) -> None:
    """Overwrite the middle of the file's pages (not its header): SQLite opens it and finds the damage."""
    data = bytearray(path.read_bytes())
    for page in range(2, len(data) // 4096):
        data[page * 4096 + 100 : page * 4096 + 400] = b"\xff" * 300
    path.write_bytes(bytes(data))


def test_a_damaged_database_is_backed_up_only_when_asked(
    run: Run, city: None, fresh_environment: Path, tmp_path: Path
) -> None:
    damaged = tmp_path / "damaged.db"
    shutil.copyfile(fresh_environment, damaged)
    _damage(damaged)
    copy = tmp_path / "copy.db"
    refused = run("--db", str(damaged), "db", "backup", str(copy))
    _one_line(refused, "--force")
    assert not copy.exists()
    forced = run("--db", str(damaged), "db", "backup", str(copy), "--force")
    assert forced.exit_code in (0, 1), forced.stderr
    assert "Traceback" not in forced.stderr
    assert _leftovers(tmp_path) == []


# --- a full disk under a backup and a restore ---------------------------------------------------------------


@contextlib.contextmanager
def _tmpfs(folder: Path, size: str) -> Iterator[Path]:
    folder.mkdir()
    mount = shutil.which("mount")
    mounted = mount is not None and (
        subprocess.run(  # noqa: S603  (a tmpfs of our own)
            [mount, "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
            capture_output=True,
            check=False,
        ).returncode
        == 0
    )
    if not mounted:
        pytest.fail("a full disk is tried on a tmpfs; mount -t tmpfs failed (the tests run as root)")
    try:
        yield folder
    finally:
        subprocess.run([shutil.which("umount") or "umount", "-l", str(folder)], check=False)  # noqa: S603


def _fill(folder: Path, leave: int = 0) -> None:
    with contextlib.suppress(OSError), (folder / "filler").open("wb") as filler:
        while True:
            filler.write(b"\0" * 4096)
            filler.flush()
    if leave:
        with (folder / "filler").open("r+b") as filler:
            filler.truncate(max(0, (folder / "filler").stat().st_size - leave))


def test_a_restore_onto_a_full_disk_names_the_disk_not_the_backup(
    run: Run, city: None, fresh_environment: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.db"
    assert run("db", "backup", str(backup)).exit_code == 0
    with _tmpfs(tmp_path / "disk", "1m") as disk:
        database = disk / "live.db"
        shutil.copyfile(fresh_environment, database)
        before = database.read_bytes()
        _fill(disk)
        result = run("--db", str(database), "db", "restore", str(backup), "--yes")
        _one_line(result, "hết chỗ trên đĩa")
        assert "không phải" not in result.stderr
        assert database.read_bytes() == before
        assert _leftovers(disk) == []


def test_a_backup_onto_a_full_disk_names_the_disk_and_leaves_nothing(
    run: Run, city: None, fresh_environment: Path, tmp_path: Path
) -> None:
    with _tmpfs(tmp_path / "disk", "256k") as disk:
        _fill(disk, leave=8192)  # room for the first pages, not for the copy
        result = run("db", "backup", str(disk / "copy.db"))
        _one_line(result, "hết chỗ trên đĩa")
        assert str(fresh_environment) not in result.stderr  # the database read is not blamed
        assert sorted(p.name for p in disk.iterdir()) == ["filler"]  # no copy, no .tmp, no -journal


# --- a read-only mount ------------------------------------------------------------------------------------


@contextlib.contextmanager
def _read_only(source: Path, target: Path) -> Iterator[Path]:
    target.mkdir()
    mount = shutil.which("mount") or "mount"
    subprocess.run([mount, "--bind", str(source), str(target)], check=True)  # noqa: S603
    try:
        subprocess.run([mount, "-o", "remount,ro,bind", str(target)], check=True)  # noqa: S603
        yield target
    finally:
        subprocess.run([shutil.which("umount") or "umount", "-l", str(target)], check=False)  # noqa: S603


def test_a_database_on_a_read_only_mount_is_read_and_not_written(
    run: Run, city: None, fresh_environment: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "rw"
    folder.mkdir()
    shutil.copyfile(fresh_environment, folder / "dangvien.db")
    backup = tmp_path / "backup.db"
    assert run("db", "backup", str(backup)).exit_code == 0
    with _read_only(folder, tmp_path / "ro") as ro:
        database = str(ro / "dangvien.db")
        for args in (("org", "list"), ("db", "status"), ("db", "check"), ("report", "ageing")):
            result = run("--db", database, *args)
            assert result.exit_code == 0, (args, result.stderr)
        _one_line(run("--db", database, "org", "add", "X", "Chi bộ X", "--kind", "committee"), "chỉ đọc")
        _one_line(run("--db", database, "db", "restore", str(backup), "--yes"), "chỉ cho đọc")
        _one_line(run("--db", str(ro / "new.db"), "org", "list"), "chỉ cho đọc")
        _one_line(run("--db", database, "db", "backup", str(ro / "copy.db")), "chỉ cho đọc")


# --- the demo ---------------------------------------------------------------------------------------------


def test_the_demo_never_prints_a_password_and_fails_when_its_steps_fail(run: Run, tmp_path: Path) -> None:
    unreachable = run("--db", _pg_url(), "demo")
    assert unreachable.exit_code == 1
    _assert_hidden(unreachable)
    assert PASSWORD not in unreachable.stdout + unreachable.stderr
    assert unreachable.stderr.count("Lỗi") == 1  # it stops at the first step that fails
    missing = run("--db", "/nonexistent/folder/d.db", "demo")
    assert missing.exit_code == 1
    assert "Traceback" not in missing.stderr

"""Every file the tool writes (issue 17, class 2): whole or not at all, private, never through a link.

Each command that writes ``-o FILE`` (found by walking the command line, so a new one cannot be missed) is
run into a symbolic link (dangling, and to a file of the user's, with and without ``--force``), a folder that
does not exist, a folder, and a full disk (a small tmpfs where the tests may mount one, else a fault injected
into the write); each time the earlier file is unchanged, no partial or temporary file is left, nothing is
written through the link, and the refusal is one line. Every file written is 0600. The same holds for the
other files: ``--errors-to``, ``report monthly --out-dir`` and ``db backup``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dangvien_cli.cli.app import SUBCOMMANDS, load_subcommand
from tests.conftest import Run
from tests.safety_tools import write_members_csv

EARLIER = "the earlier file, which must survive\n"

# (id, arguments): every command with -o, some in more than one format. --force is added where needed.
WRITERS: list[tuple[str, list[str]]] = [
    ("due", ["due"]),
    ("log", ["log", "--format", "csv"]),
    ("search", ["search", "nguyen", "--format", "json"]),
    ("org list", ["org", "list"]),
    ("member list", ["member", "list", "--format", "csv"]),
    ("candidate list", ["candidate", "list"]),
    ("candidate check", ["candidate", "check", "1"]),
    ("quota list", ["quota", "list"]),
    ("report quota", ["report", "quota", "--year", "2024"]),
    ("report quota xlsx", ["report", "quota", "--year", "2024", "--format", "xlsx"]),
    ("report ageing", ["report", "ageing", "--format", "md"]),
    ("report monthly", ["report", "monthly", "--cell", "HP", "--month", "2024-05", "--format", "json"]),
    ("report monthly xlsx", ["report", "monthly", "--cell", "HP", "--month", "2024-05", "--format", "xlsx"]),
    ("report pipeline", ["report", "pipeline", "--year", "2024", "--format", "csv"]),
    ("report outlook", ["report", "outlook"]),
    *((f"export {e}", ["export", e]) for e in ("orgs", "members", "candidates", "reviews", "quotas")),
    ("export papers", ["export", "papers"]),
    ("dossier show", ["dossier", "show", "1"]),
    ("dossier check", ["dossier", "check", "--org", "TP", "--step", "consideration"]),
    ("draft", ["draft", "6-KNĐ", "1"]),
    ("export members xlsx", ["export", "members", "--format", "xlsx"]),
    ("export members json", ["export", "members", "--format", "json"]),
    ("db extract", ["db", "extract", "--org", "TP"]),
]
IDS = [name for name, _ in WRITERS]


def _commands_with_an_output() -> set[str]:
    def walk(command: Any, path: list[str]) -> Iterator[tuple[str, Any]]:
        subs = getattr(command, "commands", None)
        if subs:
            for name, sub in subs.items():
                yield from walk(sub, [*path, name])
        else:
            yield " ".join(path), command

    return {
        path
        for name in SUBCOMMANDS
        for path, command in walk(load_subcommand(name), [name])
        if any(param.name == "output" for param in command.params)
    }


def test_every_command_that_writes_a_file_is_tried() -> None:
    groups = ("report", "export", "org", "member", "candidate", "quota", "dossier", "db")
    tried = {" ".join(args[:2]) if args[0] in groups else args[0] for _, args in WRITERS}
    assert tried == _commands_with_an_output()


@pytest.fixture
def world(run: Run, city: None, tmp_path: Path) -> None:
    """The city with 300 members (an export of some 60 KB), a candidate and a quota."""
    members = tmp_path / "world-members.csv"
    write_members_csv(members, 1, 300, ["HP", "K2"])
    for args in (
        ("import", "members", str(members)),
        ("add-candidate", "--name", "Phạm Thị Hoa", "--gender", "F", "--birth", "12/3/2001", "--cell", "HP",
         "--source", "youth_union", "--identified", "2024-01-10"),
        ("quota", "set", "TP", "--year", "2024", "--target", "13"),
    ):  # fmt: skip
        result = run(*args)
        assert result.exit_code == 0, result.stderr


def _listing(folder: Path) -> dict[str, bytes | str]:
    """Every entry of ``folder``: a file's content, a link's target, a folder's name."""
    out: dict[str, bytes | str] = {}
    for entry in sorted(folder.iterdir()):
        if entry.is_symlink():
            out[entry.name] = "-> " + os.readlink(entry)
        elif entry.is_dir():
            out[entry.name] = "dir"
        else:
            out[entry.name] = entry.read_bytes()
    return out


def _refused(result: Any) -> None:
    """One refusal: a "Lỗi: …" line, or (the command asked for JSON) one JSON error object."""
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    said = [line for line in result.stderr.splitlines() if line.startswith(("Lỗi", '{"error"'))]
    assert len(said) == 1, result.stderr


# --- links, missing folders, folders ------------------------------------------------------------------------


@pytest.mark.parametrize("args", [args for _, args in WRITERS], ids=IDS)
def test_nothing_is_written_through_a_link_even_with_force(
    run: Run, world: None, tmp_path: Path, args: list[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text(EARLIER)
    dangling = out / "dangling.csv"
    dangling.symlink_to(tmp_path / "elsewhere.csv")
    (out / "link.csv").symlink_to(victim)
    before = _listing(out)
    for target in (dangling, out / "link.csv"):
        for force in ((), ("--force",)):
            result = run(*args, "-o", str(target), *force)
            _refused(result)
            assert "liên kết tượng trưng" in result.stderr
    assert _listing(out) == before
    assert victim.read_text() == EARLIER
    assert not (tmp_path / "elsewhere.csv").exists()


@pytest.mark.parametrize("args", [args for _, args in WRITERS], ids=IDS)
def test_a_missing_folder_or_a_folder_is_refused(
    run: Run, world: None, tmp_path: Path, args: list[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "inside").mkdir()
    before = _listing(out)
    missing = run(*args, "-o", str(out / "nope" / "file.csv"))
    _refused(missing)
    assert "không có" in missing.stderr
    folder = run(*args, "-o", str(out / "inside"), "--force")
    _refused(folder)
    assert "không phải một tệp thường" in folder.stderr
    assert _listing(out) == before


@pytest.mark.parametrize("args", [args for _, args in WRITERS], ids=IDS)
def test_every_file_written_is_private_and_named(
    run: Run, world: None, tmp_path: Path, args: list[str]
) -> None:
    out = tmp_path / "out.file"
    result = run(*args, "-o", str(out))
    # candidate check's exit code says whether a rule failed; the file is written either way
    assert result.exit_code == 0 or args[:2] == ["candidate", "check"], result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "Đã ghi" in result.stderr
    assert str(out) in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary file
    again = run(*args, "-o", str(out))  # an existing file is replaced only with --force
    _refused(again)
    replaced = run(*args, "-o", str(out), "--force")
    assert replaced.exit_code == result.exit_code, replaced.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_a_failed_export_leaves_the_earlier_file_whole(run: Run, world: None, tmp_path: Path) -> None:
    """The issue's case: a good file, then an export with --force that fails (an unknown --org)."""
    good = tmp_path / "good.csv"
    assert run("export", "members", "-o", str(good)).exit_code == 0
    earlier = good.read_bytes()
    result = run("export", "members", "-o", str(good), "--force", "--org", "NOPE")
    _refused(result)
    assert good.read_bytes() == earlier
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".") or "tmp" in p.name] == []


# --- a full disk --------------------------------------------------------------------------------------------


@contextlib.contextmanager
def _full_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, tmpfs: bool = True) -> Iterator[Path]:
    """A folder on a full disk, holding the earlier file ``earlier.csv``: a 64 KiB tmpfs filled to the last
    byte where the tests may mount one (they run as root in the sandbox), else a folder where a fault is
    injected: the file's data cannot be synced (ENOSPC), as when the disk fills up under the write."""
    folder = tmp_path / "full"
    folder.mkdir()
    mounted = (
        tmpfs
        and shutil.which("mount") is not None
        and (
            subprocess.run(  # noqa: S603  (a tmpfs of our own for the test)
                [shutil.which("mount") or "mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                capture_output=True,
                check=False,
            ).returncode
            == 0
        )
    )
    try:
        (folder / "earlier.csv").write_text(EARLIER)
        if mounted:
            with contextlib.suppress(OSError), (folder / "filler").open("wb") as filler:
                while True:
                    filler.write(b"\0" * 1024)
                    filler.flush()
        else:
            from dangvien_cli import files

            def full(*_args: Any, **_kwargs: Any) -> None:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            monkeypatch.setattr(files, "_fsync", full)
        yield folder
    finally:
        monkeypatch.undo()
        if mounted:
            subprocess.run([shutil.which("umount") or "umount", "-l", str(folder)], check=False)  # noqa: S603


@pytest.mark.sqlite_only
@pytest.mark.parametrize("args", [args for _, args in WRITERS], ids=IDS)
def test_a_full_disk_leaves_the_earlier_file_and_nothing_partial(
    run: Run, world: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    with _full_folder(tmp_path, monkeypatch) as folder:
        before = _listing(folder)
        result = run(*args, "-o", str(folder / "earlier.csv"), "--force")
        _refused(result)
        assert "hết chỗ trên đĩa" in result.stderr
        assert _listing(folder) == before


def test_the_fault_injected_when_no_tmpfs_can_be_mounted_is_a_full_disk_too(
    run: Run, world: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _full_folder(tmp_path, monkeypatch, tmpfs=False) as folder:
        before = _listing(folder)
        result = run("export", "members", "-o", str(folder / "earlier.csv"), "--force")
        _refused(result)
        assert "hết chỗ trên đĩa" in result.stderr
        assert _listing(folder) == before


@pytest.mark.sqlite_only
def test_the_other_files_on_a_full_disk(
    run: Run, world: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "full_name,gender,birth_date,cell,admitted_on\nAn,X,1/1/1970,HP,1/1/2000\n", encoding="utf-8"
    )
    with _full_folder(tmp_path, monkeypatch) as folder:
        before = _listing(folder)
        for args in (
            ("import", "members", str(bad), "--errors-to", str(folder / "earlier.csv"), "--force"),
            ("db", "backup", str(folder / "earlier.csv"), "--force"),
            ("report", "monthly", "--org", "TP", "--month", "2024-05", "--out-dir", str(folder), "--force"),
        ):
            result = run(*args)
            _refused(result)
            assert "hết chỗ trên đĩa" in result.stderr, result.stderr
            assert _listing(folder) == before


# --- the other files ----------------------------------------------------------------------------------------


def test_errors_to_follows_the_force_rule_of_o(run: Run, world: None, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "full_name,gender,birth_date,cell,admitted_on\nAn,X,1/1/1970,HP,1/1/2000\n", encoding="utf-8"
    )
    errors = tmp_path / "errors.csv"
    errors.write_text(EARLIER)
    kept = run("import", "members", str(bad), "--errors-to", str(errors))
    _refused(kept)
    assert "--force" in kept.stderr
    assert errors.read_text() == EARLIER
    (tmp_path / "link.csv").symlink_to(errors)
    linked = run("import", "members", str(bad), "--errors-to", str(tmp_path / "link.csv"), "--force")
    _refused(linked)
    assert errors.read_text() == EARLIER
    written = run("import", "members", str(bad), "--errors-to", str(errors), "--force")
    assert written.exit_code == 1  # the import is refused; its errors are written
    assert "gender" in errors.read_text(encoding="utf-8-sig")
    assert stat.S_IMODE(errors.stat().st_mode) == 0o600
    assert "Đã ghi 1 dòng vào" in written.stderr


def test_monthly_files_are_private_and_a_file_is_not_a_folder(run: Run, world: None, tmp_path: Path) -> None:
    out = tmp_path / "may"
    result = run("report", "monthly", "--org", "TP", "--month", "2024-05", "--out-dir", str(out))
    assert result.exit_code == 0, result.stderr
    assert {stat.S_IMODE(p.stat().st_mode) for p in out.iterdir()} == {0o600}
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text(EARLIER)
    refused = run("report", "monthly", "--org", "TP", "--month", "2024-05", "--out-dir", str(not_a_folder))
    _refused(refused)
    assert "không phải một thư mục" in refused.stderr
    assert not_a_folder.read_text() == EARLIER
    (out / "HP-2024-05.md").unlink()
    (out / "HP-2024-05.md").symlink_to(not_a_folder)
    linked = run("report", "monthly", "--org", "TP", "--month", "2024-05", "--out-dir", str(out), "--force")
    _refused(linked)
    assert not_a_folder.read_text() == EARLIER


@pytest.mark.sqlite_only
def test_a_backup_is_private_and_never_written_through_a_link(run: Run, world: None, tmp_path: Path) -> None:
    victim = tmp_path / "victim.db"
    victim.write_text(EARLIER)
    (tmp_path / "link.db").symlink_to(victim)
    (tmp_path / "dangling.db").symlink_to(tmp_path / "nowhere.db")
    for target in ("link.db", "dangling.db"):
        for force in ((), ("--force",)):
            result = run("db", "backup", str(tmp_path / target), *force)
            _refused(result)
    assert victim.read_text() == EARLIER
    assert not (tmp_path / "nowhere.db").exists()
    backup = tmp_path / "backup.db"
    assert run("db", "backup", str(backup)).exit_code == 0
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert not [p for p in tmp_path.iterdir() if "tmp" in p.name]


# --- standard output -------------------------------------------------------------------------------------


@pytest.mark.slow
def test_standard_output_on_a_full_disk_or_a_closed_pipe(world: None, fresh_environment: Path) -> None:
    """The real program: stdout on /dev/full says so in one line; a reader that goes away (``| head``) ends
    the command quietly, with nothing left open."""
    import sys

    dangvien = str(Path(sys.executable).with_name("dangvien"))
    env = {**os.environ, "DANGVIEN_DB": str(fresh_environment)}
    with open("/dev/full", "w") as full:
        result = subprocess.run(  # noqa: S603  (our own entry point)
            [dangvien, "member", "list"], stdout=full, stderr=subprocess.PIPE, text=True, env=env, check=False
        )
    assert result.returncode == 1
    assert result.stderr == "Lỗi: không ghi được ra đầu ra chuẩn: hết chỗ trên đĩa\n"
    for args in (["export", "members", "--format", "json"], ["export", "members"], ["member", "list"]):
        pipe = subprocess.Popen(  # noqa: S603
            [dangvien, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
        assert pipe.stdout is not None
        assert pipe.stdout.read(100)  # then the reader goes away, like head -c 100
        pipe.stdout.close()
        _, err = pipe.communicate(timeout=60)
        assert b"Traceback" not in err, err
        assert err == b"", err
        assert pipe.returncode in (0, 141)

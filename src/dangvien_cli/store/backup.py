"""Backups and restores of a SQLite database, with SQLite's online backup API.

A backup is a consistent snapshot taken while others keep working (WAL readers never block writers). The
database is checked first (``PRAGMA quick_check``): a copy of damaged pages is as damaged as they are, so a
damaged database is backed up only when asked to (``force``). The copy is written like every file the tool
writes (:func:`dangvien_cli.files.atomic_path`): to a private temporary file beside the target, synced, and
renamed into place only when complete, never through a symbolic link; a backup interrupted half-way leaves
nothing behind, not even SQLite's journal of the temporary file. A restore checks the file first (a SQLite
database of ours, undamaged, not from a newer dangvien), then copies it into the live database in one write
transaction: if anything fails, the user's data stays as it was. A full disk is named as such, on the file
being written, not blamed on the database being read. PostgreSQL has its own tools for this (pg_dump,
pg_restore).
"""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dangvien_cli.errors import DangvienError, InvalidValue
from dangvien_cli.files import atomic_path, check_destination, os_reason, remove_temporary

SQLITE_HEADER = b"SQLite format 3\x00"
# What SQLite says when the file it writes cannot grow, or the disk fails under it
_WRITE_FAILURES = (
    sqlite3.SQLITE_FULL,
    sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_READONLY,
)


def _private_temp(target: Path) -> Path:
    """An empty file beside ``target``, readable by its owner only (a new name: never an existing file)."""
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    remove_temporary(temp)
    try:
        os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600))
    except OSError as error:
        raise InvalidValue("db", str(target), "output.failed", **os_reason(error)) from None
    return temp


def _read_uri(database: Path) -> str:
    """How to open ``database`` to copy or check it. A plain connection, so that when it is the last to
    close SQLite folds the WAL back in (a read-only one would leave the -wal and -shm behind); on a
    read-only mount, immutable (the -wal and -shm could not be made there, and nothing can change it)."""
    from dangvien_cli.store.engine import on_read_only_mount

    uri = database.absolute().as_uri()
    return uri + "?mode=ro&immutable=1" if on_read_only_mount(database) else uri


def _write_failed(error: sqlite3.Error, written: Path) -> InvalidValue | None:
    """The refusal for a copy that could not be written (a full disk, a failing or read-only disk), naming
    the file being written; ``None`` when the error is something else (damage in what is read)."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None or code & 0xFF not in _WRITE_FAILURES:
        return None
    if code & 0xFF == sqlite3.SQLITE_FULL:
        return InvalidValue("file", str(written), "output.failed", detail_key="os.ENOSPC")
    return InvalidValue("file", str(written), "output.failed", detail=str(error))


def check_integrity(database: Path) -> str | None:
    """SQLite's quick check of ``database``, read-only: ``None`` when it is sound, else the first problem
    (or why the file cannot be read as a database at all)."""
    try:
        connection = sqlite3.connect(_read_uri(database), uri=True)
    except sqlite3.Error as error:
        return str(error)
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
    except (sqlite3.Error, UnicodeDecodeError) as error:
        return str(error)
    finally:
        connection.close()
    problems = [line for (row,) in rows if row != "ok" for line in str(row).splitlines()]
    return problems[0] if problems else None


def _copy(source: sqlite3.Connection, destination: sqlite3.Connection, timeout_s: float) -> None:
    """Copy every page in one step; give up with the busy message once another writer has held the
    destination for ``timeout_s`` (Python's backup loop would otherwise wait for ever)."""
    deadline = time.monotonic() + timeout_s

    def progress(status: int, _remaining: int, _total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise DangvienError("db.busy", seconds=int(timeout_s))

    source.backup(destination, pages=-1, progress=progress, sleep=0.05)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup_sqlite(
    database: Path, target: Path, *, overwrite: bool = False, timeout_s: float = 30.0, force: bool = False
) -> Path:
    """Write a consistent copy of ``database`` to ``target`` (mode 0600, one self-contained file).

    ``overwrite`` replaces an existing file (never a symbolic link); ``force`` backs up a database that
    fails its integrity check, which is otherwise refused."""
    target = target.expanduser().absolute()
    if Path(os.path.realpath(target)) == database.resolve():
        raise InvalidValue("file", str(target), "db.backup_onto_itself")
    if not target.parent.is_dir():
        raise InvalidValue("file", str(target), "db.no_folder", folder=str(target.parent))
    if target.exists() and not target.is_symlink() and not overwrite:
        raise InvalidValue("file", str(target), "db.backup_exists")
    check_destination(target, force=overwrite, field="file")
    problem = check_integrity(database)
    if problem is not None and not force:
        raise InvalidValue("db", str(database), "db.backup_damaged", detail=problem)
    with atomic_path(target, force=overwrite, field="file") as temp:
        source = sqlite3.connect(_read_uri(database), uri=True, timeout=timeout_s)
        destination = sqlite3.connect(temp)
        try:
            _copy(source, destination, timeout_s)
            # The copy carries the source's WAL flag; a backup is one file that needs no -wal beside it.
            destination.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.DatabaseError as error:
            failed = _write_failed(error, target)
            if failed is not None:  # the copy could not be written: a full disk is not the database's fault
                raise failed from None
            raise InvalidValue("db", str(database), "db.damaged", detail=str(error)) from error
        finally:
            destination.close()
            source.close()
    return target


def upgrade_backup_path(database: Path, revision: str) -> Path:
    """Where ``db upgrade`` keeps the database as it was: beside it, named by revision and time (UTC)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = database.with_name(f"{database.stem}.rev{revision}-{stamp}.backup.db")
    if path.exists():  # another process upgrading in the same second: keep both copies
        path = path.with_name(f"{database.stem}.rev{revision}-{stamp}-{os.getpid()}.backup.db")
    return path


def check_restorable(connection: sqlite3.Connection, source: Path) -> str:
    """The revision of a copy about to be restored; refuses one that is damaged, not dangvien's, or newer
    than this program."""
    from dangvien_cli.store.models import FIRST_TABLES
    from dangvien_cli.store.revisions import HEAD_REVISION, is_known

    name = str(source)
    try:
        status = connection.execute("PRAGMA integrity_check").fetchone()
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except (sqlite3.Error, UnicodeDecodeError) as error:
        raise InvalidValue("file", name, "db.not_dangvien", detail=str(error)) from error
    if status is None or status[0] != "ok":
        lines = [line for line in str(status[0] if status else "").splitlines() if not line.startswith("***")]
        raise InvalidValue("file", name, "db.restore_damaged", detail=lines[0] if lines else "")
    missing = sorted(({"alembic_version", *FIRST_TABLES}) - tables)
    if missing:
        raise InvalidValue("file", name, "db.restore_not_ours", tables=", ".join(missing))
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    revision = str(row[0]) if row else ""
    if not is_known(revision):
        raise InvalidValue("file", name, "db.restore_unknown_revision", revision=revision, head=HEAD_REVISION)
    return revision


def check_restore_source(source: Path, database: Path) -> Path:
    """The first, cheap checks of a file to restore (before anyone is asked to confirm): it exists, is a
    SQLite file, is not the database itself, and the database's folder exists. Returns its full path."""
    source = source.expanduser().resolve()
    name = str(source)
    if not source.is_file():
        raise InvalidValue("file", name, "db.restore_missing")
    if source == database.resolve():
        raise InvalidValue("file", name, "db.backup_onto_itself")
    with source.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise InvalidValue("file", name, "db.not_dangvien", detail="not a SQLite file")
    if not database.parent.is_dir():
        raise InvalidValue("db", str(database), "db.no_folder", folder=str(database.parent))
    return source


def restore_sqlite(source: Path, database: Path, *, timeout_s: float = 30.0) -> str:
    """Replace the contents of ``database`` with the dangvien database in ``source``; returns its revision.

    The source is first copied to a private temporary file and checked there (so a file that changes
    under us cannot slip past the checks), then copied into the live database in one write transaction,
    queued behind other writers like any command."""
    source = check_restore_source(source, database)
    temp = _private_temp(database)
    try:
        copy = sqlite3.connect(temp)
        try:
            _stage(source, copy, temp, timeout_s)
            revision = check_restorable(copy, source)
            if not database.exists():
                copy.close()
                _fsync(temp)
                os.replace(temp, database)
                return revision
            live = sqlite3.connect(database, timeout=timeout_s)
            try:
                _copy(copy, live, timeout_s)
            except sqlite3.DatabaseError as error:  # the live file is damaged, or cannot take these pages
                failed = _write_failed(error, database)
                if failed is not None:
                    raise failed from None
                raise InvalidValue("db", str(database), "db.damaged", detail=str(error)) from error
            finally:
                live.close()
        finally:
            copy.close()
        return revision
    finally:
        remove_temporary(temp)


def _stage(source: Path, copy: sqlite3.Connection, temp: Path, timeout_s: float) -> None:
    """Copy ``source`` into the private temporary database ``copy``; a file that cannot be read as a
    database is refused as not ours, a copy that cannot be written (a full disk) is said so."""
    try:
        reader = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True, timeout=timeout_s)
        try:
            _copy(reader, copy, timeout_s)
            copy.execute("PRAGMA journal_mode=DELETE")
        finally:
            reader.close()
    except sqlite3.Error as error:
        failed = _write_failed(error, temp.parent)
        if failed is not None:
            raise failed from None
        raise InvalidValue("file", str(source), "db.not_dangvien", detail=str(error)) from error
    except UnicodeDecodeError as error:  # a damaged schema page can fail to decode
        raise InvalidValue("file", str(source), "db.not_dangvien", detail=str(error)) from error


def file_mode(path: Path) -> int:
    """The permission bits of ``path``."""
    import stat

    return stat.S_IMODE(path.stat().st_mode)


def describe(path: Path) -> dict[str, Any]:
    """What the CLI says about a backup it wrote."""
    return {"file": str(path), "bytes": path.stat().st_size, "file_mode": oct(file_mode(path))}

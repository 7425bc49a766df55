"""Writing a file so that nothing is lost: every file dangvien writes (exports, reports, error lists,
backups) goes through :func:`atomic_path`.

* The new content is written to a temporary file in the destination's own folder, created afresh and
  readable by its owner only (0600: the lists hold citizen IDs and birth dates), then flushed to the disk
  (``fsync``) and only then renamed over the destination. Until that instant the earlier file, if any, is
  untouched; on any failure (a refused value half-way, a full disk, Ctrl+C) the temporary file is removed
  and no partial file is left anywhere.
* A symbolic link at the destination is refused, even with ``--force``: the tool never writes through a
  link to wherever it points (a dangling link in a shared folder could aim at any file of the user's).
  Anything else that is not a regular file (a folder, a device, a pipe) is refused too.
* Without ``--force`` an existing file is refused, also when it appears while the new one is being
  written: the new file is put in place with ``link``, which fails if the name is taken.

A problem is an :class:`~dangvien_cli.errors.InvalidValue` naming the option and the path, with the
system's reason as a message key where there is one (:func:`os_reason`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dangvien_cli.errors import InvalidValue

PRIVATE = 0o600
# the system's reasons that have a text in the catalogue ("os.<name>"); any other is quoted as it is
KNOWN_ERRNOS = ("ENOSPC", "EDQUOT", "EACCES", "EPERM", "EROFS", "EIO", "ENAMETOOLONG", "EFBIG", "EISDIR")


def os_reason(error: OSError) -> dict[str, str]:
    """The parameters that say why ``error`` happened: ``detail_key`` (a catalogue key the message shows in
    the run's language) for the usual reasons, else the system's own words as ``detail``."""
    name = errno.errorcode.get(error.errno or 0, "")
    if name in KNOWN_ERRNOS:
        return {"detail_key": f"os.{name}"}
    return {"detail": error.strerror or type(error).__name__}


def check_destination(target: Path, *, force: bool, field: str = "output") -> None:
    """Refuse, before anything is computed, a destination that cannot be written as asked: a symbolic link
    (even with ``force``), something that is not a regular file, an existing file without ``force``, or a
    folder that does not exist."""
    name = str(target)
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise InvalidValue(field, name, "output.failed", **os_reason(error)) from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise InvalidValue(field, name, "output.symlink")
        if not stat.S_ISREG(info.st_mode):
            raise InvalidValue(field, name, "output.not_a_file")
        if not force:
            raise InvalidValue(field, name, "export.exists")
    folder = target.parent
    if not folder.is_dir():
        raise InvalidValue(field, name, "output.no_folder", folder=str(folder))


def _temporary(target: Path) -> Path:
    """A new, empty file beside ``target``, readable by its owner only, never an existing one or a link."""
    for attempt in range(100):
        temp = target.with_name(f".{target.name}.{os.getpid()}.{attempt}.tmp")
        try:
            fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, PRIVATE)
        except FileExistsError:
            continue
        os.close(fd)
        return temp
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target))


def _fsync(path: Path, *, folder: bool = False) -> None:
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if folder else 0))
    try:
        os.fsync(fd)
    except OSError:
        if not folder:  # a folder some file systems cannot sync; the file's own data was synced
            raise
    finally:
        os.close(fd)


def remove_temporary(temp: Path) -> None:
    """Remove a temporary file and what SQLite may have left beside it (its journal, WAL and index)."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.unlink(f"{temp}{suffix}")


def _place(temp: Path, target: Path, *, force: bool, field: str) -> None:
    """Put the finished temporary file at ``target``: replacing it with ``force``, else only if the name is
    still free. The name is checked again first: a link put there meanwhile is refused too."""
    check_destination(target, force=force, field=field)
    if force:
        os.replace(temp, target)  # replaces a link itself, never what it points to
        return
    try:
        os.link(temp, target)
    except FileExistsError:
        raise InvalidValue(field, str(target), "export.exists") from None
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise
        os.replace(temp, target)  # a file system without hard links (FAT): checked just above
        return
    os.unlink(temp)


@contextmanager
def atomic_path(target: Path, *, force: bool, field: str = "output") -> Iterator[Path]:
    """A private temporary path to write ``target``'s new content to; when the block ends without an error
    the file is synced and put in place (see the module's docstring), else removed. An error of the system
    while writing (a full disk) becomes an :class:`InvalidValue` that says so."""
    check_destination(target, force=force, field=field)
    try:
        temp = _temporary(target)
    except OSError as error:
        raise InvalidValue(field, str(target), "output.failed", **os_reason(error)) from None
    try:
        yield temp
        _fsync(temp)
        _place(temp, target, force=force, field=field)
        _fsync(target.parent, folder=True)
    except OSError as error:
        raise InvalidValue(field, str(target), "output.failed", **os_reason(error)) from None
    finally:
        remove_temporary(temp)


__all__ = ["PRIVATE", "atomic_path", "check_destination", "os_reason", "remove_temporary"]

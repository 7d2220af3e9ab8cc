"""Every file NetAtlas writes goes through here: a failed write keeps the old file.

:func:`write_atomic` writes to a temporary file in the target's own folder, flushes and fsyncs
it, checks every write, then renames it over the target; a reader sees the old file or the new
one, never half of one. :class:`AppendLog` is the one exception to whole-file writes, for logs
that grow line by line (``metrics.jsonl``): a line that cannot be written in full is cut off
again. Any failure is a :class:`FileWriteError`: one line naming the path and the cause (disk
full, permission, missing folder), exit code 2. No Qt here: the core and the app share it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from errors import NetAtlasError

TEMP_SUFFIX = ".part"  # temporaries are ".NAME.RANDOM.part" beside NAME

_CAUSES = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file is larger than this disk or limit allows (disk full?)",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the disk is read-only",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EIO: "an input/output error (a failing disk?)",
}


class FileWriteError(NetAtlasError):
    """A file could not be written; the old file, if any, is untouched."""


def describe(exc: OSError) -> str:
    """The cause of a failed write in words a user acts on."""
    return _CAUSES.get(exc.errno or 0) or exc.strerror or type(exc).__name__


def write_error(path: str | os.PathLike, exc: OSError) -> FileWriteError:
    return FileWriteError(f"cannot write {path}: {describe(exc)}")


def check_folder(path: str | os.PathLike) -> None:
    """Fail early, before any work, when ``path``'s folder cannot take a new file."""
    folder = Path(path).parent
    if not folder.is_dir():
        why = "is a file, not a folder" if folder.exists() else "does not exist, create it first"
        raise FileWriteError(f"cannot write {path}: folder {folder} {why}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise FileWriteError(f"cannot write {path}: folder {folder} is not writable")


def _read_umask() -> int:
    """The process's umask. POSIX can only read it by setting it, and a change is seen by every
    thread, so it is read once, when this module is first imported (the program's start, on
    its main thread), never while other threads write files."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; some file systems cannot, which is no error."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    with contextlib.suppress(OSError):
        os.fsync(fd)
    os.close(fd)


def write_atomic(path: str | os.PathLike, data: bytes | memoryview | str) -> None:
    """Replace ``path`` with ``data`` (bytes, or text written as UTF-8) in one step; on any
    failure raise :class:`FileWriteError` and leave no temporary. Formats whose writers cannot
    report errors (Qt's SVG and PDF writers, ``torch.save``) render into memory first."""
    target = Path(path)
    try:
        fd, temp = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=TEMP_SUFFIX
        )
    except OSError as exc:
        raise write_error(target, exc) from None
    try:
        with open(fd, "wb") as file:
            file.write(data.encode("utf-8") if isinstance(data, str) else data)
            file.flush()  # a short or failed write raises here at the latest
            os.fsync(file.fileno())
        os.chmod(temp, 0o666 & ~_UMASK)  # mkstemp makes it private; a normal file's mode
        os.replace(temp, target)
    except OSError as exc:
        raise write_error(target, exc) from None
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    _fsync_folder(target.parent)


def remove_temporaries(folder: str | os.PathLike) -> int:
    """Delete the temporaries a killed writer left in ``folder``; returns how many."""
    removed = 0
    for stale in Path(folder).glob(f".*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            stale.unlink()
            removed += 1
    return removed


class AppendLog:
    """A text file that grows by whole lines, each pushed to the OS at once (a crash loses at
    most the line being written). A line that fails half-way is cut off again, so the file
    always ends after a complete line."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        try:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
        except OSError as exc:
            raise write_error(self.path, exc) from None

    def append(self, line: str) -> None:
        data = (line + "\n").encode("utf-8")
        size = os.fstat(self._fd).st_size
        try:
            written = 0
            while written < len(data):
                written += os.write(self._fd, data[written:])
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, size)
            raise write_error(self.path, exc) from None

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

"""The one way Inches writes a file: all of it or none of it, and politely.

A crash, a full disk or a kill mid-write leaves the old file or the new one, never half: the
content goes to a temporary file in the same folder, is flushed to disk, then renamed over the
target in one step. Politely: a new file gets the permissions the umask gives (a teammate can
open a shared scenario), an existing file keeps its permissions (and owner, where allowed), and
a symbolic link is written through to its target rather than replaced. Temporary files left by
a writer that was killed are removed by the next write of the same file. Every error is a
:class:`WriteError` naming the path the user gave, never the temporary file.

:func:`check_writable` (and :func:`check_folder`) make the same checks cheaply, so a command
can fail within a second instead of after minutes of work.
"""

from __future__ import annotations

import errno
import glob
import os
import secrets
import stat
import time
from collections.abc import Callable
from pathlib import Path

# Image outputs by suffix: the format follows the name the user gave.
IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
_CREATE = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
           | getattr(os, "O_CLOEXEC", 0))


class WriteError(OSError):
    """A file that cannot be written; ``str()`` is one sentence naming the path as given.

    ``filename`` is that path and ``strerror`` the reason, as for any :class:`OSError`."""

    def __init__(self, path: str | os.PathLike, reason: str, code: int | None = None):
        super().__init__(code, reason)
        self.filename, self.strerror = os.fspath(path), reason

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}" if self.filename else self.strerror


def write_atomic(path: str | os.PathLike, content: str | bytes | Callable[[str], object]) -> None:
    """Replace ``path`` with ``content``: text (UTF-8), bytes, or a function that writes the
    file whose name it is given (Qt's image and PDF writers) and returns False on failure."""
    name, target, old = _target(path)
    fd, tmp = _temp(name, target, 0o666 if old is None else 0o600)
    try:
        # A new file: 0o666 less the umask, as the kernel just made it. An existing one: its own.
        mode = stat.S_IMODE((old or os.fstat(fd)).st_mode)
        if old is not None:
            _keep_owner(fd, old)
        if callable(content):
            os.close(fd)
            fd = None
            if content(str(tmp)) is False:
                raise WriteError(name, "could not be written (the image or PDF writer failed)")
            _fsync(tmp)
        else:
            data = content.encode("utf-8") if isinstance(content, str) else content
            with os.fdopen(fd, "wb") as f:
                fd = None
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        os.chmod(tmp, mode)  # a writer given the name may have made the file afresh
        os.replace(tmp, target)
    except BaseException as e:
        if fd is not None:
            os.close(fd)
        tmp.unlink(missing_ok=True)
        if isinstance(e, OSError) and not isinstance(e, WriteError):
            raise WriteError(name, _reason(e, target.parent), e.errno) from None
        raise
    _fsync_folder(target.parent)
    _sweep(target)


def check_writable(path: str | os.PathLike) -> Path:
    """Fail now, with the error :func:`write_atomic` would give later: the folder must exist
    and take a new file, and ``path`` must not be a folder, a device or read-only. Returns the
    file that will be replaced (a symbolic link's target)."""
    name, target, _ = _target(path)
    fd, tmp = _temp(name, target, 0o600)
    os.close(fd)
    tmp.unlink(missing_ok=True)
    return target


def check_folder(path: str | os.PathLike) -> Path:
    """Fail now unless ``path`` is a folder that takes new files, or can be made (its first
    existing parent is a folder that takes new files). Returns the path."""
    name = os.fspath(path)
    if not name:
        raise WriteError("", "no output folder given: the name is empty")
    folder = Path(name)
    existing = folder
    while not existing.exists() and existing.parent != existing:
        existing = existing.parent
    if not existing.is_dir():
        raise WriteError(name, f"{existing} is a file, not a folder")
    check_writable(existing / ".inches-check")
    return folder


def image_format(path: str | os.PathLike) -> str:
    """``"PNG"`` or ``"JPEG"`` from the path's suffix, or a :class:`WriteError` naming the
    suffixes allowed."""
    suffix = Path(path).suffix.lower()
    if suffix in IMAGE_FORMATS:
        return IMAGE_FORMATS[suffix]
    what = f"{suffix} is not an image type Inches writes" if suffix else "has no image type"
    raise WriteError(path, f"{what}; end the name in .png, .jpg or .jpeg")


def _target(path: str | os.PathLike) -> tuple[str, Path, os.stat_result | None]:
    """(the path as given, the file to replace, its status or None when it is new)."""
    name = os.fspath(path)
    if not name:
        raise WriteError("", "no output file given: the file name is empty")
    target = Path(os.path.realpath(name)) if os.path.islink(name) else Path(name)
    try:
        old = os.stat(target)
    except FileNotFoundError:
        old = None
    except OSError as e:
        raise WriteError(name, _reason(e, target.parent), e.errno) from None
    if old is not None:
        if stat.S_ISDIR(old.st_mode):
            raise WriteError(name, "is a folder; give a file name inside it")
        if not stat.S_ISREG(old.st_mode):
            raise WriteError(name, "is a device, pipe or socket, not a file; give a file name")
        if not os.access(target, os.W_OK):
            raise WriteError(name, "is read-only; make it writable or give another name")
    folder = target.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise WriteError(name, f"the folder {folder} {what}", errno.ENOENT)
    return name, target, old


STALE_S = 3600  # a temporary file this old was left by a writer that was killed


def _sweep(target: Path) -> None:
    """Remove temporary files of ``target`` left by writers killed mid-write (over an hour
    old, so a write still under way elsewhere is never touched)."""
    now = time.time()
    for tmp in target.parent.glob(f".{glob.escape(target.name[:200])}.*.tmp"):
        if len(tmp.name) == len(target.name[:200]) + 14:  # ".{name}.{8 hex}.tmp"
            try:
                if now - tmp.stat().st_mtime > STALE_S:
                    tmp.unlink()
            except OSError:
                pass  # someone else's to tidy


def _temp(name: str, target: Path, mode: int) -> tuple[int, Path]:
    """A new temporary file beside ``target`` (hidden, never the user's name), opened."""
    for _ in range(100):
        tmp = target.with_name(f".{target.name[:200]}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, _CREATE, mode), tmp
        except FileExistsError:
            continue
        except OSError as e:
            raise WriteError(name, _reason(e, target.parent), e.errno) from None
    raise WriteError(name, f"cannot make a temporary file in {target.parent}")


_REASONS = {errno.ENOENT: "the folder {folder} does not exist",
            errno.EACCES: "permission denied (cannot write in {folder})",
            errno.EPERM: "permission denied (cannot write in {folder})",
            errno.EROFS: "the disk is read-only",
            errno.ENOSPC: "no space left on the disk",
            getattr(errno, "EDQUOT", -1): "the disk quota is used up",
            errno.ENOTDIR: "part of the path is a file, not a folder",
            errno.ENAMETOOLONG: "the file name is too long",
            errno.EISDIR: "is a folder; give a file name inside it"}


def _reason(e: OSError, folder: Path) -> str:
    """Why ``e`` happened, in words, naming no temporary file."""
    if e.errno == errno.ENOENT and folder.is_dir():
        return f"{folder} does not take new files"
    text = _REASONS.get(e.errno)
    return text.format(folder=folder) if text else (e.strerror or type(e).__name__).lower()


def _keep_owner(fd: int, old: os.stat_result) -> None:
    """Give the new file the old one's owner and group, where this user may."""
    if hasattr(os, "fchown") and (old.st_uid, old.st_gid) != os.fstat(fd)[4:6]:
        try:
            os.fchown(fd, old.st_uid, old.st_gid)
        except OSError:
            pass  # only the superuser may give files away; the mode is kept regardless


def _fsync(name: str | Path) -> None:
    with open(name, "rb") as f:
        os.fsync(f.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the system allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

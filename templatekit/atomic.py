"""Atomic file writes: a reader sees the old file or the new one, never half of either."""
from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

# Longer chains are a loop, as the kernel's own limit (40) says.
_MAX_LINKS = 40


def write_atomic(path: Path, data: str | bytes, durable: bool = True) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename it over ``path``.

    The file gets the mode ``open()`` would give it (``0666`` less the umask), or
    keeps the mode of the file it replaces. A symlink stays a link: the file it
    points to is replaced. A FIFO or a device (``/dev/stdout``, ``/dev/null``) is
    written directly, since renaming over it would replace the device with a file.
    ``durable=False`` skips the flush to disk, for caches that may be lost in a crash.
    Errors are ``OSError`` naming the path.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = _link_target(str(path))
    if target is None:
        _write_in_place(str(path), payload)
        return
    try:
        existing = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):  # mkdir below says which folder is wrong
        existing = None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        _write_in_place(target, payload)
        return
    folder = os.path.dirname(target) or "."
    Path(folder).mkdir(parents=True, exist_ok=True)
    handle, temporary = _create_beside(target)
    try:
        if existing is not None:
            os.fchmod(handle, stat.S_IMODE(existing.st_mode))
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException as error:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        if isinstance(error, OSError) and error.filename is None:
            # A failed write (ENOSPC, EDQUOT) names no file: name the one being written.
            raise OSError(error.errno, error.strerror, str(path)) from None
        raise


def _link_target(path: str) -> str | None:
    """The file a chain of symlinks ends at (``path`` itself when it is none).

    None for a link into ``/proc`` (``/dev/stdout`` is ``/proc/self/fd/1``): that
    is an open file of this process, to write through, never to replace.
    """
    for _ in range(_MAX_LINKS):
        try:
            link = os.readlink(path)
        except OSError as error:
            if error.errno in (errno.EINVAL, errno.ENOENT, errno.ENOTDIR):  # not a link, or nothing there yet
                return path
            raise
        if link.startswith("/proc/"):
            return None
        path = os.path.join(os.path.dirname(path), link)
    raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), path)


def _create_beside(target: str) -> tuple[int, str]:
    # os.open with 0o666 lets the kernel apply the umask, as open() does;
    # tempfile.mkstemp would force 0600 on every file.
    folder, name = os.path.split(target)
    while True:
        temporary = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666), temporary
        except FileExistsError:
            continue


def _write_in_place(path: str, payload: bytes) -> None:
    try:
        with open(path, "wb") as stream:
            stream.write(payload)
    except OSError as error:
        if error.filename is None:
            raise OSError(error.errno, error.strerror, path) from None
        raise

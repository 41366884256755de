"""Files and folders only their owner can use: the reports, the history and the cache.

Standard library only and no other triage_bot module, so every layer may use
it.  Folders the program creates are 0700 whatever the umask; an existing file
of another user is refused, and the user's own file that others could read is
tightened to 0600.
"""
from __future__ import annotations

import os
import stat

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
# Group and other bits: any of them set means someone else may read or write.
OTHERS = 0o077
OTHERS_WRITE = 0o022


class UnsafeFileError(Exception):
    """A file or folder is not safe to use; the message is one line naming it and why."""


def make_private_dirs(path: str | os.PathLike[str]) -> None:
    """Create ``path`` and any missing parent as 0700 folders, whatever the umask.

    ``os.makedirs`` gives the parents it creates the umask's mode (0777 under
    umask 000), so ``~/.local`` and ``~/.local/share`` would be open to all.
    Folders that already exist are left as they are.  Raises OSError.
    """
    path = os.path.abspath(os.fspath(path))
    missing = []
    while not os.path.isdir(path):
        missing.append(path)
        parent = os.path.dirname(path)
        if parent == path:
            break
        path = parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, PRIVATE_DIR_MODE)
        except FileExistsError:
            if not os.path.isdir(folder):
                raise
            continue  # made by another process meanwhile: theirs to keep as it is
        # mkdir's mode is masked by the umask; a umask like 0277 would leave
        # a folder we cannot even write to, so the mode is set exactly.
        os.chmod(folder, PRIVATE_DIR_MODE)


def open_private_dir(path: str | os.PathLike[str], what: str = "folder") -> int:
    """A descriptor of folder ``path`` (created 0700 when missing) that is the user's own.

    Refused with UnsafeFileError when it is a symbolic link, not a folder,
    another user's, or writable by group or others: files in it could be
    replaced by someone else.  Work inside it through ``dir_fd`` so the checked
    folder is the one used.
    """
    path = os.fspath(path)
    try:
        make_private_dirs(path)
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise UnsafeFileError(f"cannot use {what} {path}: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        problem = _ownership_problem(info)
        if problem is None and info.st_mode & OTHERS_WRITE:
            problem = f"other users can write to it (mode {stat.S_IMODE(info.st_mode):04o})"
        if problem:
            raise UnsafeFileError(f"{what} {path} is not used: {problem}")
    except BaseException:
        os.close(fd)
        raise
    return fd


def _ownership_problem(info: os.stat_result) -> str | None:
    if info.st_uid != os.geteuid():
        return f"it belongs to another user (uid {info.st_uid})"
    return None


def check_private_file(path: str | os.PathLike[str], what: str, *, follow: bool = True) -> str | None:
    """Check an existing file holding the user's data before it is opened.

    Returns None when it is missing or private, a one-line notice when the
    user's own file was open to others and has been tightened to 0600, and
    raises UnsafeFileError when it is another user's or not a regular file:
    another user could read what is written into it, or plant it.
    """
    path = os.fspath(path)
    try:
        info = os.stat(path) if follow else os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):  # missing: whoever creates it says what is wrong
        return None
    except OSError as exc:
        raise UnsafeFileError(f"cannot use {what} {path}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeFileError(f"{what} {path} is not used: it is not a regular file")
    problem = _ownership_problem(info)
    if problem:
        raise UnsafeFileError(f"{what} {path} is not used: {problem}; choose a file of your own")
    return _tighten(path, info, what, lambda: os.chmod(path, PRIVATE_FILE_MODE))


def check_private_fd(fd: int, path: str, what: str) -> str | None:
    """As :func:`check_private_file`, for a file already opened (without following links)."""
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeFileError(f"{what} {path} is not used: it is not a regular file")
    problem = _ownership_problem(info)
    if problem:
        raise UnsafeFileError(f"{what} {path} is not used: {problem}; choose a file of your own")
    return _tighten(path, info, what, lambda: os.fchmod(fd, PRIVATE_FILE_MODE))


def _tighten(path: str, info: os.stat_result, what: str, chmod) -> str | None:
    mode = stat.S_IMODE(info.st_mode)
    if not mode & OTHERS:
        return None
    try:
        chmod()
    except OSError as exc:
        raise UnsafeFileError(f"{what} {path} is readable by others (mode {mode:04o}) and cannot be made "
                              f"private: {exc.strerror or exc}") from None
    return f"{what} {path} was readable by others (mode {mode:04o}); it is now {PRIVATE_FILE_MODE:04o}"

"""Writing outputs without ever losing anything, and only where the user said.

Every output is written to a temporary file in the destination's directory and
renamed over the target only when it is complete (``os.replace`` is atomic on
POSIX and Windows), so a failure or an interrupt (Ctrl-C, SIGTERM) leaves the
previous output untouched and no temporary file behind.

Paths impact derives itself (``--out-dir``, a file beside its input) may be
symlinks or special files placed by a hostile pull request: impact never writes
through them. A path the user named (``-o``) is written as named: a symlink's
target is replaced and the link kept; a device or pipe (``-o /dev/null``) is
written in place, because renaming over it would replace the device itself.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from .diagnostics import printable
from .errors import ImpactError


def write_atomic(
    path: Path, data: bytes, *, inputs: tuple[Path, ...] = (), named: bool = True
) -> None:
    """Write ``data`` to ``path`` atomically; refuse to overwrite any of ``inputs``.

    ``named``: the user gave this exact path. When False (a derived path), a symlink
    or a special file there is refused rather than written through.
    """
    shown = printable(str(path))
    for source in inputs:
        if _same_file(source, path):
            raise ImpactError(
                f"{shown}: refusing to overwrite the input file",
                "choose another output name, or let impact pick one beside the input",
            )
    target = path
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    except NotADirectoryError:
        in_the_way = not_a_directory(path.parent) or "a part of its path is not a directory"
        raise ImpactError(f"{shown}: {in_the_way}") from None
    except OSError as exc:
        raise _write_error(shown, exc) from None
    if mode is not None and stat.S_ISLNK(mode):
        if not named:
            raise ImpactError(
                f"{shown}: is a symbolic link; impact does not write through a link it "
                "was not given",
                "remove the link, or name the file to write with -o",
            )
        target = _follow(path, shown)
        mode = _mode(target)
    if mode is not None and stat.S_ISDIR(mode):
        raise ImpactError(f"{shown}: is a directory", "give a file name, or use --out-dir")
    if mode is not None and not stat.S_ISREG(mode):
        if not named:
            raise ImpactError(
                f"{shown}: is not a regular file (a pipe, device or socket)",
                "remove it, or name it with -o if it is meant to receive the output",
            )
        _write_in_place(shown, target, data)
        return
    directory = target.parent if str(target.parent) else Path()
    if not directory.is_dir():
        problem = not_a_directory(directory)
        raise ImpactError(
            f"{shown}: {problem}"
            if problem
            else f"{shown}: the directory {printable(str(directory))} does not exist"
        )
    _replace(shown, target, directory, data)


def not_a_directory(directory: Path) -> str | None:
    """What is in the way when ``directory``, or a directory above it, exists but is
    not a directory ('ward.txt is a file, not a directory'); None when nothing is."""
    for path in (directory, *directory.parents):
        try:
            mode = path.stat().st_mode
        except OSError:
            continue  # missing (it can be created), or unreadable (creating it will say)
        if stat.S_ISDIR(mode):
            return None
        kind = "a file" if stat.S_ISREG(mode) else "a pipe, device or socket"
        return f"{printable(str(path))} is {kind}, not a directory"
    return None


def _follow(path: Path, shown: str) -> Path:
    try:
        return path.resolve(strict=False)
    except (OSError, RuntimeError):  # a link loop
        raise ImpactError(f"{shown}: is a symbolic link that cannot be followed") from None


def _mode(path: Path) -> int | None:
    try:
        return path.stat().st_mode
    except OSError:
        return None


def _replace(shown: str, target: Path, directory: Path, data: bytes) -> None:
    final_mode = _mode(target)
    permissions = final_mode & 0o777 if final_mode is not None else 0o666 & ~_umask()
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise _write_error(shown, exc) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), permissions)
            os.fsync(handle.fileno())
        tmp.replace(target)
    except BaseException as exc:  # KeyboardInterrupt and SIGTERM too: leave nothing
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise _write_error(shown, exc) from None
        raise


def _write_in_place(shown: str, target: Path, data: bytes) -> None:
    """Write to a device or pipe the user named, without renaming, never blocking on
    a pipe that nobody reads."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise ImpactError(f"{shown}: is a pipe that nothing is reading") from None
        raise _write_error(shown, exc) from None
    try:
        os.set_blocking(fd, True)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
    except OSError as exc:
        raise _write_error(shown, exc) from None


def _write_error(shown: str, exc: OSError) -> ImpactError:
    if exc.errno == errno.ENAMETOOLONG:
        return ImpactError(f"{shown}: the name is too long for this system")
    if exc.errno == errno.ELOOP:
        return ImpactError(f"{shown}: is a symbolic link that cannot be followed")
    return ImpactError(f"{shown}: cannot write ({exc.strerror or exc})")


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.samefile(b))
    except (OSError, RuntimeError):
        return False

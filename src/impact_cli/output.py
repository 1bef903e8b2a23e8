"""Writing outputs without ever losing anything.

Every output is written to a temporary file in the destination directory and
renamed over the target only when it is complete (``os.replace`` is atomic on
POSIX and Windows). A failure or an interrupt at any point leaves the previous
output untouched and no stray temporary file.

Renaming is only right for regular files. A symlink is followed, so the file it
points to is replaced and the link kept; a device or pipe (``-o /dev/null``, a
FIFO) is written in place, because renaming over it would replace the device
itself with a regular file (as root, ``/dev/null`` would be destroyed).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import ImpactError


def write_atomic(path: Path, data: bytes, *, inputs: tuple[Path, ...] = ()) -> None:
    """Write ``data`` to ``path`` atomically; refuse to overwrite any of ``inputs``."""
    for source in inputs:
        if _same_file(source, path):
            raise ImpactError(
                f"{path}: refusing to overwrite the input file",
                "choose another output name, or let impact pick one beside the input",
            )
    target = _follow_links(path)
    if target.exists() and not target.is_file():
        _write_in_place(path, target, data)
        return
    directory = target.parent if str(target.parent) else Path()
    if not directory.is_dir():
        raise ImpactError(f"{path}: the directory {directory} does not exist")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise ImpactError(f"{path}: cannot write ({exc.strerror or exc})") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _copy_mode(target, tmp)
        tmp.replace(target)
    except BaseException as exc:  # also KeyboardInterrupt: never leave the temp file
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise ImpactError(f"{path}: cannot write ({exc.strerror or exc})") from None
        raise


def _follow_links(path: Path) -> Path:
    """The path a write should land on: the final target of a symlink chain."""
    if not path.is_symlink():
        return path
    try:
        return path.resolve(strict=False)
    except (OSError, RuntimeError):  # a link loop
        raise ImpactError(f"{path}: is a symbolic link that cannot be followed") from None


def _write_in_place(path: Path, target: Path, data: bytes) -> None:
    """Write to an existing non-regular file (a device or a pipe) without renaming."""
    if target.is_dir():
        raise ImpactError(f"{path}: is a directory", "give a file name, or use --out-dir")
    try:
        with target.open("wb") as handle:
            handle.write(data)
            handle.flush()
    except OSError as exc:
        raise ImpactError(f"{path}: cannot write ({exc.strerror or exc})") from None


def _copy_mode(target: Path, tmp: Path) -> None:
    """Keep the permissions of a file we replace; new files get the umask default."""
    try:
        mode = target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    tmp.chmod(mode)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.samefile(b))
    except OSError:
        return False

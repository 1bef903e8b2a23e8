"""Writing outputs without ever losing anything.

Every output is written to a temporary file in the destination directory and
renamed over the target only when it is complete (``os.replace`` is atomic on
POSIX and Windows). A failure or an interrupt at any point leaves the previous
output untouched and no stray temporary file.
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
    directory = path.parent if str(path.parent) else Path()
    if not directory.is_dir():
        raise ImpactError(f"{path}: the directory {directory} does not exist")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise ImpactError(f"{path}: cannot write ({exc.strerror or exc})") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _copy_mode(path, tmp)
        tmp.replace(path)
    except BaseException as exc:  # also KeyboardInterrupt: never leave the temp file
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise ImpactError(f"{path}: cannot write ({exc.strerror or exc})") from None
        raise


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

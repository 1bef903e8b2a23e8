"""Finding and reading the files a command was given, safely.

impact runs in CI on pull requests anyone can open, so the files, their names,
symlinks and directory shapes are all controlled by whoever sent them
(docs/security.md). Here:

* a directory is walked without following symlinks: a link inside the tree is
  skipped with a note, unless ``follow_symlinks`` is set and it points to a file
  inside the same tree (so ``ln -s /proc/self/environ d/env.yaml`` is never read);
* only regular files are read: a FIFO, device or socket is refused, never opened
  for long enough to block;
* every read, standard input included, stops one byte past the size limit, so an
  oversized input is reported, never loaded;
* a directory that cannot be listed is an error, never silently skipped;
* what a directory holds is filtered (hidden entries, ``--exclude``, ``.gitignore``
  in :mod:`.ignores`, files that are not driver diagrams in :mod:`.recognise`), with
  one note for the non-diagrams; a path named on the command line is always read.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import printable
from ..errors import ImpactError
from .ignores import Chain, Ignores, compile_excludes
from .recognise import DIAGRAM_KEYS, looks_like_diagram
from .text import Limits

YAML_SUFFIXES = (".yaml", ".yml")
STDIN = "-"


def shown(path: Path | str) -> str:
    """A path as it may be printed: control characters, bidi overrides and bytes that
    are not UTF-8 made visible, so a file name cannot forge a line of output."""
    return printable(str(path))


def read_bytes(path: Path, limits: Limits | None = None, *, follow_symlinks: bool = True) -> bytes:
    """Read a regular file, at most one byte past the size limit.

    Refuses directories, special files and unreadable paths with a clear message;
    with ``follow_symlinks=False`` a symlink is refused too.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _read_error(path, exc) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise ImpactError(f"{shown(path)}: is a directory")
        raise ImpactError(
            f"{shown(path)}: is not a regular file (a pipe, device or socket)",
            "impact reads diagram files; to read a stream, pipe it to '-'",
        )
    with os.fdopen(fd, "rb", buffering=0) as handle:
        os.set_blocking(fd, True)
        try:
            return _read_limited(handle, (limits or Limits()).max_bytes)
        except OSError as exc:
            raise _read_error(path, exc) from None


def read_stdin(limits: Limits | None = None) -> bytes:
    """Standard input, at most one byte past the size limit."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None or sys.stdin.closed:
        raise ImpactError("standard input is closed, so '-' has nothing to read")
    try:
        return _read_limited(stream, (limits or Limits()).max_bytes)
    except (OSError, ValueError) as exc:
        raise ImpactError(f"cannot read standard input ({exc})") from None


def _read_limited(stream: object, limit: int) -> bytes:
    chunks: list[bytes] = []
    left = limit + 1
    read = stream.read  # type: ignore[attr-defined]
    while left > 0:
        chunk = read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _read_error(path: Path, exc: OSError) -> ImpactError:
    name = shown(path)
    if exc.errno == errno.ENOENT:
        return ImpactError(f"{name}: no such file")
    if exc.errno == errno.EISDIR:
        return ImpactError(f"{name}: is a directory")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return ImpactError(f"{name}: permission denied")
    if exc.errno == errno.ELOOP:
        return ImpactError(
            f"{name}: is a symbolic link, which impact does not follow here",
            "name the file the link points to, or pass --follow-symlinks",
        )
    if exc.errno == errno.ENAMETOOLONG:
        return ImpactError(f"{name}: the name is too long for this system")
    return ImpactError(f"{name}: cannot read ({exc.strerror or exc})")


@dataclass
class Found:
    """What walking the paths given found: the files to read, and what was left out."""

    files: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Notes on entries left out (symlinks, non-diagrams), to print once."""
    errors: list[ImpactError] = field(default_factory=list)
    """Paths that do not exist or cannot be listed: the run must fail (exit 2)."""
    not_diagrams: list[Path] = field(default_factory=list)
    """YAML files found in directories that are not driver diagrams (see recognise.py)."""


def discover(
    paths: Iterable[Path], *, follow_symlinks: bool = False, exclude: Sequence[str] = ()
) -> list[Path]:
    """The YAML files in ``paths``; raises the first error (see :func:`find`)."""
    found = find(paths, follow_symlinks=follow_symlinks, exclude=exclude)
    if found.errors:
        raise found.errors[0]
    for note in found.skipped:
        sys.stderr.write(f"impact: note: {note}\n")
    return found.files


def find(
    paths: Iterable[Path],
    *,
    follow_symlinks: bool = False,
    exclude: Sequence[str] = (),
    limits: Limits | None = None,
) -> Found:
    """Expand directories into their driver diagrams (*.yaml, *.yml), sorted.

    A path named on the command line is taken as named (a named symlink is the
    user's choice); what a directory holds is not: links inside it are skipped, and
    so are hidden entries, what ``exclude`` patterns and .gitignore files match, and
    YAML files that are not driver diagrams. A path that does not exist is an
    error: a CI job that validates nothing because of a typo must not pass.
    """
    found = Found()
    excludes = compile_excludes(exclude)
    for path in paths:
        if str(path) == STDIN:
            found.files.append(path)
            continue
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            if path.is_symlink():  # a broken link the user named: reading it says so
                found.files.append(path)
            else:
                found.errors.append(ImpactError(f"{shown(path)}: no such file or directory"))
        except OSError as exc:
            found.errors.append(_read_error(path, exc))
        else:
            if stat.S_ISDIR(mode):
                ignores = Ignores(path, excludes, _read_ignore_file, found.skipped)
                _walk(path, found, follow_symlinks, ignores, limits or Limits())
            else:
                found.files.append(path)
    if found.not_diagrams:
        found.skipped.append(_not_diagrams_note(found.not_diagrams))
    return found


def _walk(top: Path, found: Found, follow_symlinks: bool, ignores: Ignores, limits: Limits) -> None:
    """Depth-first, iteratively (a tree thousands of directories deep is only data)."""
    root = top.resolve()
    pending: list[tuple[Path, str, Chain]] = [(top, "", ())]
    files: list[tuple[Path, bool]] = []  # and whether it is a link (read only with the option)
    while pending:
        directory, rel, chain = pending.pop()
        try:
            with os.scandir(directory) as entries:
                listed = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            found.errors.append(
                ImpactError(f"{shown(directory)}: cannot list ({exc.strerror or exc})")
            )
            continue
        chain = ignores.enter(directory, rel, chain)
        for entry in listed:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            is_dir = not entry.is_symlink() and entry.is_dir(follow_symlinks=False)
            if not is_dir and not entry.name.endswith(YAML_SUFFIXES):
                continue
            if ignores.ignored(rel + entry.name, is_dir, chain):
                continue
            if entry.is_symlink():
                if follow_symlinks and _inside(path, root):
                    files.append((path, True))
                else:
                    why = (
                        f"it leads outside {shown(top)}"
                        if follow_symlinks
                        else f"--follow-symlinks reads links that stay inside {shown(top)}"
                    )
                    found.skipped.append(f"{shown(path)}: skipped a symbolic link ({why})")
            elif is_dir:
                pending.append((path, f"{rel}{entry.name}/", chain))
            else:
                files.append((path, False))
    for path, link in sorted(files):
        if _is_diagram(path, limits, link):
            found.files.append(path)
        else:
            found.not_diagrams.append(path)


def _is_diagram(path: Path, limits: Limits, link: bool) -> bool:
    """Whether a file found in a directory is a driver diagram; one that cannot be read
    counts as one, so that reading it reports why (errors are never skipped)."""
    try:
        return looks_like_diagram(read_bytes(path, limits, follow_symlinks=link))
    except ImpactError:
        return True


def _read_ignore_file(path: Path, limit: int) -> bytes:
    return read_bytes(path, Limits(max_bytes=limit), follow_symlinks=False)


def _not_diagrams_note(paths: list[Path]) -> str:
    keys = ", ".join(DIAGRAM_KEYS[:-1]) + f" or {DIAGRAM_KEYS[-1]}"
    names = ", ".join(shown(p) for p in paths[:3])
    if len(paths) > 3:
        names += f" and {len(paths) - 3} more"
    what = (
        "1 YAML file that is not a driver diagram"
        if len(paths) == 1
        else f"{len(paths)} YAML files that are not driver diagrams"
    )
    return f"skipped {what} (no top-level {keys} key): {names}; name a file to check it anyway"


def _inside(link: Path, root: Path) -> bool:
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    return target.is_file() and target.is_relative_to(root)

"""What a directory walk leaves out: ``--exclude`` patterns and ``.gitignore`` files.

Both are written in git's ignore syntax and matched by pathspec's ``GitIgnoreSpec``
(the library black and yamllint use), so ``node_modules/``, ``/build``,
``*.generated.yaml`` and ``!keep.yaml`` mean what they mean to git.

* ``--exclude`` patterns match paths relative to the directory named on the command
  line, as if written in a ``.gitignore`` there; they win over everything else.
* ``.gitignore`` files count only inside a git repository (a ``.git`` at or above the
  directory walked), as for ripgrep and fd: those in the directory walked and below
  it, those above it up to the repository's top, and ``.git/info/exclude``. A deeper
  file overrides a shallower one; within a file the last matching line wins.
* A file that .gitignore matches is left out even when git tracks it, as ruff and
  black do; a file named on the command line is always read.

A ``.gitignore`` is read like any input a pull request controls: never through a
symlink (git does not follow one either), and at most :data:`MAX_IGNORE_BYTES`. One
that cannot be read is not applied and is named in a note: impact then checks more
files, never fewer.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..diagnostics import printable
from ..errors import ImpactError

if TYPE_CHECKING:  # pragma: no cover
    from pathspec import GitIgnoreSpec

MAX_IGNORE_BYTES = 64 * 1024
"""Real .gitignore files are a few KiB; every path is matched against every line."""


class Level(NamedTuple):
    """The patterns of one ignore file and where its directory is."""

    spec: GitIgnoreSpec
    base: str
    """The directory's path relative to the walk's top ('' at or above the top, else
    'sub/dir/')."""
    prefix: str
    """The walk's top relative to the directory ('' at or below the top, else 'diagrams/')."""

    def decides(self, rel: str) -> bool | None:
        """True when this file ignores ``rel`` (relative to the top), False when it
        re-includes it with '!', None when no line matches."""
        if not rel.startswith(self.base):
            return None
        result: bool | None = self.spec.check_file(self.prefix + rel[len(self.base) :]).include
        return result


Chain = tuple[Level, ...]
"""The ignore files that apply in one directory, shallowest first."""


def compile_excludes(patterns: Sequence[str]) -> GitIgnoreSpec | None:
    """The ``--exclude`` patterns as one spec; a pattern git would refuse is a usage error."""
    if not patterns:
        return None
    from pathspec import GitIgnoreSpec  # only a walk with patterns needs it

    for pattern in patterns:
        try:
            GitIgnoreSpec.from_lines([pattern])
        except ValueError:
            raise ImpactError(
                f"--exclude '{printable(pattern)}' is not a pattern impact understands",
                "write it as in a .gitignore file: node_modules/, *.generated.yaml, docs/old/",
            ) from None
    return GitIgnoreSpec.from_lines(patterns)


class Ignores:
    """The ignore rules of one walk, from the directory named on the command line."""

    def __init__(
        self,
        top: Path,
        excludes: GitIgnoreSpec | None,
        read: Callable[[Path, int], bytes],
        notes: list[str],
    ) -> None:
        """``read(path, limit)``: a file's bytes, at most one past ``limit``, never through
        a symlink (ImpactError otherwise); ``notes``: where to say what was not applied."""
        self.excludes = excludes
        self.read = read
        self.notes = notes
        self.repository = _repository_root(top)
        self.outer: Chain = self._outer_levels(top) if self.repository else ()

    def _outer_levels(self, top: Path) -> Chain:
        """info/exclude, then the .gitignore files from the repository's top down to
        ``top``'s parent."""
        assert self.repository is not None
        resolved = top.resolve()
        levels: list[Level] = []
        info = self.repository / ".git" / "info" / "exclude"
        levels += self._level(info, "", _relative(resolved, self.repository))
        for directory in reversed(resolved.parents):
            if directory != self.repository and not directory.is_relative_to(self.repository):
                continue
            levels += self._level(directory / ".gitignore", "", _relative(resolved, directory))
        return tuple(levels)

    def enter(self, directory: Path, rel: str, chain: Chain) -> Chain:
        """The chain for ``directory`` (``rel`` from the top, '' for the top itself):
        ``chain`` plus its own .gitignore, when it has one."""
        if self.repository is None:
            return chain
        return chain + tuple(self._level(directory / ".gitignore", rel, ""))

    def ignored(self, rel: str, is_dir: bool, chain: Chain) -> bool:
        """Whether the walk leaves out ``rel`` (relative to the top)."""
        name = rel + "/" if is_dir else rel
        if self.excludes is not None and self.excludes.match_file(name):
            return True
        for level in reversed((*self.outer, *chain)):
            decided = level.decides(name)
            if decided is not None:
                return decided
        return False

    def _level(self, path: Path, base: str, prefix: str) -> list[Level]:
        """The patterns of the ignore file at ``path``, if there is one and it can be read."""
        if not os.path.lexists(path):
            return []
        try:
            data = self.read(path, MAX_IGNORE_BYTES)
        except ImpactError as exc:
            self.notes.append(f"{exc.message}; its patterns are not applied")
            return []
        if len(data) > MAX_IGNORE_BYTES:
            self.notes.append(
                f"{printable(str(path))}: larger than {MAX_IGNORE_BYTES // 1024} KiB; "
                "its patterns are not applied"
            )
            return []
        lines = data.decode("utf-8", "surrogateescape").splitlines()
        from pathspec import GitIgnoreSpec

        try:
            spec = GitIgnoreSpec.from_lines(lines)
        except ValueError as exc:
            self.notes.append(f"{printable(str(path))}: {exc}; its patterns are not applied")
            return []
        return [Level(spec, base, prefix)]


def _repository_root(top: Path) -> Path | None:
    """The nearest directory at or above ``top`` holding ``.git`` (a directory, or the
    file a worktree or submodule has), or None outside a repository."""
    try:
        here = top.resolve()
    except (OSError, RuntimeError):
        return None
    for directory in (here, *here.parents):
        if os.path.lexists(directory / ".git"):
            return directory
    return None


def _relative(top: Path, directory: Path) -> str:
    """``top`` relative to ``directory`` above it, as a prefix: '' or 'a/b/'."""
    rel = top.relative_to(directory).as_posix()
    return "" if rel == "." else rel + "/"

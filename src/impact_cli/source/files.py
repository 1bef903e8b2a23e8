"""Finding and reading the files a command was given.

Reading is bounded: at most one byte past the size limit is read, so an
oversized file is reported, never loaded.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import ImpactError
from .text import Limits

YAML_SUFFIXES = (".yaml", ".yml")


def read_bytes(path: Path, limits: Limits | None = None) -> bytes:
    """Read a file, refusing directories and unreadable paths with a clear message."""
    limit = (limits or Limits()).max_bytes
    try:
        with path.open("rb") as handle:
            return handle.read(limit + 1)
    except FileNotFoundError:
        raise ImpactError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ImpactError(f"{path}: is a directory") from None
    except PermissionError:
        raise ImpactError(f"{path}: permission denied") from None
    except OSError as exc:
        raise ImpactError(f"{path}: cannot read ({exc.strerror or exc})") from None


def discover(paths: Iterable[Path]) -> list[Path]:
    """Expand directories into their *.yaml/*.yml files (sorted, hidden dirs skipped).

    A path that does not exist is a usage error (exit 2): a CI job that validates
    nothing because of a typo must not pass.
    """
    found: list[Path] = []
    for path in paths:
        if str(path) == "-":
            found.append(path)
        elif path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.suffix in YAML_SUFFIXES
                # a broken symlink is kept, so reading it fails loudly instead of the
                # file silently not being checked
                and (p.is_file() or (p.is_symlink() and not p.exists()))
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.exists():
            found.append(path)
        else:
            raise ImpactError(f"{path}: no such file or directory")
    return found

"""Load a driver diagram: bytes in, a normalised diagram or diagnostics out.

The only I/O here is reading the file; everything else is pure. Problems in the
file are returned as diagnostics, never raised. A path that cannot be read is a
usage problem and raises :class:`~impact_cli.errors.ImpactError` (exit 2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, has_errors, sort_diagnostics
from .diagram import Diagram
from .errors import ImpactError
from .yaml_source import Limits, SourceDocument, read_yaml
from .yaml_source import _gc_paused as gc_paused


@dataclass
class LoadResult:
    """What loading one file gave: a diagram (when valid) and every finding."""

    path: str
    diagram: Diagram | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    text: str = ""
    document: SourceDocument | None = None
    """The parsed YAML when validation failed (kept for locating problems); None once
    the diagram is built, so the node tree can be freed."""

    @property
    def ok(self) -> bool:
        return self.diagram is not None and not has_errors(self.diagnostics)

    def source_line(self, line: int) -> str:
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""


def load_text(
    data: bytes | str,
    path: str = "<stdin>",
    *,
    limits: Limits | None = None,
    use_c: bool = True,
) -> LoadResult:
    """Parse, validate and normalise a driver diagram held in memory."""
    # One pause of the garbage collector for the whole load, not one per stage.
    # Each resume costs a collection that walks every object made while paused;
    # resumed only here, it no longer walks the node tree, which is freed when
    # _load returns (for a valid file). About 15% of loading a large file.
    with gc_paused():
        return _load(data, path, limits, use_c)


def _load(data: bytes | str, path: str, limits: Limits | None, use_c: bool) -> LoadResult:
    read = read_yaml(data, path, limits, use_c=use_c)
    if read.document is None:
        return LoadResult(path, None, sort_diagnostics(read.diagnostics), read.text)
    document = read.document
    # Imported here, not at module level: building the pydantic validators is the
    # costliest part of start-up, and commands that fail early never need it.
    from pydantic import ValidationError

    from .model import DiagramFile
    from .normalise import normalise
    from .schema_errors import diagnostics_from

    try:
        # Like the YAML load, validating and normalising allocate many objects and
        # no garbage cycles: with the collector running (load_text pauses it), each
        # of its full passes re-scans the whole node tree, and a 10,000-node file
        # takes 40% longer.
        parsed = DiagramFile.model_validate(document.data)
    except ValidationError as exc:
        diags = diagnostics_from(exc, DiagramFile, document.root, path)
        return LoadResult(path, None, sort_diagnostics(diags), document.text, document)
    # The validated model holds its own copy of the data: let the plain one go before
    # normalising, when the node tree, the model and the new diagram are all alive.
    root, text = document.root, document.text
    del document, read
    diagram, diags = normalise(parsed, root, path)
    return LoadResult(path, diagram, sort_diagnostics(diags), text)


def read_bytes(path: Path, limits: Limits | None = None) -> bytes:
    """Read a file, refusing directories and unreadable paths with a clear message."""
    limit = (limits or Limits()).max_bytes
    try:
        with path.open("rb") as handle:
            # Read one byte past the limit so an oversized file is reported, not loaded.
            return handle.read(limit + 1)
    except FileNotFoundError:
        raise ImpactError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ImpactError(f"{path}: is a directory") from None
    except PermissionError:
        raise ImpactError(f"{path}: permission denied") from None
    except OSError as exc:
        raise ImpactError(f"{path}: cannot read ({exc.strerror or exc})") from None


def load_file(
    path: str | Path, *, limits: Limits | None = None, display_path: str | None = None
) -> LoadResult:
    """Load a driver diagram from a file (``-`` is not handled here; see the CLI)."""
    path = Path(path)
    data = read_bytes(path, limits)
    return load_text(data, display_path or str(path), limits=limits)

"""Load a driver diagram: bytes in, a normalised diagram or diagnostics out.

The only I/O here is reading the file; everything else is pure. Problems in the
file are returned as diagnostics, never raised. A path that cannot be read is a
usage problem and raises :class:`~impact_cli.errors.ImpactError` (exit 2).
"""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostic, has_errors, sort_diagnostics
from ..diagram import Diagram
from ..errors import ImpactError
from ..source.fast import ShadowLocator, read_fast
from ..source.reader import Limits, Locator, SourceDocument, read_yaml, to_text
from ..source.reader import _gc_paused as gc_paused


class LoadResult:
    """What loading one file gave: a diagram (when valid) and every finding."""

    # A plain class: a dataclass costs a millisecond or two at import, which every
    # 'impact validate' in a pre-commit hook pays.
    __slots__ = ("diagnostics", "diagram", "document", "path", "text")

    def __init__(
        self,
        path: str,
        diagram: Diagram | None,
        diagnostics: list[Diagnostic] | None = None,
        text: str = "",
        document: SourceDocument | None = None,
    ) -> None:
        self.path = path
        self.diagram = diagram
        self.diagnostics: list[Diagnostic] = [] if diagnostics is None else diagnostics
        self.text = text
        # The parsed YAML when validation failed (kept for locating problems); None
        # once the diagram is built, so the node tree can be freed.
        self.document = document

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
    limits = limits or Limits()
    text, _ = to_text(data, path, limits)
    # The fast path reads data and positions in one pass and validates with the
    # compiled validator. It never reports a YAML or schema problem itself: on any,
    # the strict path below reads the file again and words the diagnostics, so they
    # come from one place. A valid file (the common case, and all of CI) is read once.
    fast = read_fast(text, path, limits, use_c=use_c) if text is not None else None
    if fast is not None:
        from pydantic import ValidationError

        from ..fileformat.validator import validate_data
        from .normalise import normalise

        try:
            # Like the YAML load, validating and normalising allocate many objects and
            # no garbage cycles: with the collector running (load_text pauses it), each
            # of its full passes re-scans the whole tree, and a 10,000-node file takes
            # 40% longer.
            parsed = validate_data(fast.data)
        except ValidationError:
            pass
        else:
            # The validated objects hold their own copy of the data: let the plain one
            # go before normalising, when the shadows, the objects and the new diagram
            # are all alive.
            shadow = fast.shadow
            del fast
            diagram, diags = normalise(parsed, ShadowLocator(shadow), path)
            return LoadResult(path, diagram, sort_diagnostics(diags), text or "")
    return _load_strict(data, path, limits, use_c)


def _load_strict(data: bytes | str, path: str, limits: Limits, use_c: bool) -> LoadResult:
    """The node-tree path: every YAML and schema problem, exactly located and worded."""
    read = read_yaml(data, path, limits, use_c=use_c)
    if read.document is None:
        return LoadResult(path, None, sort_diagnostics(read.diagnostics), read.text)
    document = read.document
    # Imported here, not at module level: the pydantic models cost more to create
    # than a typical diagram costs to validate, and only problems need them.
    from pydantic import ValidationError

    from ..fileformat.model import DiagramFile
    from ..fileformat.problems import diagnostics_from
    from .normalise import normalise

    try:
        parsed = DiagramFile.model_validate(document.data)
    except ValidationError as exc:
        diags = diagnostics_from(exc, DiagramFile, document.root, path)
        return LoadResult(path, None, sort_diagnostics(diags), document.text, document)
    root, text = document.root, document.text
    del document, read
    diagram, diags = normalise(parsed, Locator(root), path)
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

"""Load a driver diagram: bytes in, a normalised diagram or diagnostics out.

Read (:mod:`impact_cli.source.reader`), validate against the file format
(:mod:`impact_cli.fileformat`), then normalise and check the references
(:mod:`impact_cli.check.normalise`). Each stage runs once; the first that finds
errors returns them, located. Problems in the file are returned as diagnostics,
never raised; a path that cannot be read raises
:class:`~impact_cli.errors.ImpactError` (exit 2).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, has_errors, sort_diagnostics
from ..diagram import Diagram
from ..source.files import read_bytes
from ..source.reader import read_yaml
from ..source.spans import Locator
from ..source.text import Limits


@dataclass
class LoadResult:
    """What loading one file gave: a diagram (when valid) and every finding."""

    path: str
    diagram: Diagram | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    text: str = ""

    @property
    def ok(self) -> bool:
        return self.diagram is not None and not has_errors(self.diagnostics)

    def source_line(self, line: int) -> str:
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a diagram is built.

    Loading makes many small objects and no reference cycles; with the collector
    running, its full passes re-scan everything made so far, so loading time grows
    faster than the file (see docs/performance.md).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_text(
    data: bytes | str,
    path: str = "<stdin>",
    *,
    limits: Limits | None = None,
    use_c: bool = True,
    base: Path | None = None,
) -> LoadResult:
    """Parse, validate and normalise a driver diagram held in memory.

    ``use_c=False`` reads with PyYAML's pure-Python parser (see :func:`read_yaml`).
    ``base`` is the folder the measures' data files are read from: by default the
    folder of ``path``, and none for standard input.
    """
    with gc_paused():
        source = read_yaml(data, path, limits, use_c=use_c)
        if source.data is None:
            return LoadResult(path, None, sort_diagnostics(source.diagnostics), source.text)
        from pydantic import ValidationError

        from ..fileformat.validator import validate_data
        from .normalise import normalise

        locator = Locator(source.positions)
        try:
            parsed = validate_data(source.data)
        except ValidationError as exc:
            from ..fileformat.problems import diagnostics_from  # needed only for problems

            problems = diagnostics_from(exc, source, locator)
            return LoadResult(path, None, sort_diagnostics(problems), source.text)
        diagram, findings = normalise(parsed, locator, path)
        if diagram is not None and parsed.measures:
            from .measure_data import attach

            if base is None and path != "<stdin>":
                base = Path(path).parent
            diagram, data_findings = attach(diagram, parsed, locator, base, limits)
            findings += data_findings
        return LoadResult(path, diagram, sort_diagnostics(findings), source.text)


def load_file(
    path: str | Path, *, limits: Limits | None = None, display_path: str | None = None
) -> LoadResult:
    """Load a driver diagram from a file (``-`` is not handled here; see the CLI)."""
    path = Path(path)
    data = read_bytes(path, limits)
    return load_text(data, display_path or str(path), limits=limits, base=path.parent)

"""Validate files: load, check structure, run lint rules; findings as data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, Severity, sort_diagnostics
from .diagram import Diagram
from .errors import ImpactError
from .loader import LoadResult, load_text, read_bytes
from .yaml_source import Limits
from .yaml_source import _gc_paused as gc_paused

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class ValidateOptions:
    lint: bool = True
    profile: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    limits: Limits = field(default_factory=Limits)


@dataclass
class FileReport:
    """Everything found in one file."""

    path: str
    diagnostics: list[Diagnostic]
    diagram: Diagram | None = None
    text: str = ""
    _lines: list[str] | None = field(default=None, init=False, repr=False, compare=False)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    def failed(self, *, strict: bool = False) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)

    def source_line(self, line: int) -> str:
        # Split once per file, not once per finding: a file with many findings
        # made the text reporter quadratic in the file's length.
        if self._lines is None:
            self._lines = self.text.splitlines()
        lines = self._lines
        return lines[line - 1] if 0 < line <= len(lines) else ""


def lint_result(result: LoadResult, options: ValidateOptions) -> FileReport:
    """Add lint findings to a loaded file."""
    diagnostics = list(result.diagnostics)
    if result.diagram is not None and options.lint:
        from .lint import lint_diagram

        diagnostics += lint_diagram(
            result.diagram,
            profile=options.profile,
            select=list(options.select),
            ignore=list(options.ignore),
        )
    return FileReport(result.path, sort_diagnostics(diagnostics), result.diagram, result.text)


def validate_text(
    data: bytes | str, path: str = "<stdin>", options: ValidateOptions | None = None
) -> FileReport:
    options = options or ValidateOptions()
    # One pause of the garbage collector for the whole file (load_text pauses it
    # too, lint did not): each resume costs a collection over every object made
    # while it was paused, and there are no cycles to find. Over many small files
    # this saves about one collection per file.
    with gc_paused():
        return lint_result(load_text(data, path, limits=options.limits), options)


def validate_file(path: str | Path, options: ValidateOptions | None = None) -> FileReport:
    """Validate one file. Raises ImpactError only when it cannot be read at all."""
    options = options or ValidateOptions()
    data = read_bytes(Path(path), options.limits)
    return validate_text(data, str(path), options)


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

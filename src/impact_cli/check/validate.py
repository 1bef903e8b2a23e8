"""Validate files: load, check structure, run lint rules; findings as data."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import NamedTuple

from ..diagnostics import Diagnostic, Severity, sort_diagnostics
from ..diagram import Diagram
from ..errors import ImpactError
from ..source.files import read_bytes
from ..source.text import Limits
from .load import LoadResult, gc_paused, load_text


class ValidateOptions(NamedTuple):
    lint: bool = True
    profile: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    limits: Limits = Limits()


class FileReport:
    """Everything found in one file."""

    # A plain class (this module is on every 'impact validate''s start-up path,
    # where each dataclass costs a millisecond or two to create). Workers send
    # slim copies back pickled; slots pickle as they are.
    __slots__ = ("_lines", "_picked", "diagnostics", "diagram", "path", "text")

    def __init__(
        self,
        path: str,
        diagnostics: list[Diagnostic],
        diagram: Diagram | None = None,
        text: str = "",
    ) -> None:
        self.path = path
        self.diagnostics = diagnostics
        self.diagram = diagram
        self.text = text
        self._lines: list[str] | None = None
        self._picked: dict[int, str] | None = None

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
        if self._picked is not None:  # a slim copy: only the lines its findings are on
            return self._picked.get(line, "")
        # Split once per file, not once per finding: a file with many findings
        # made the text reporter quadratic in the file's length.
        if self._lines is None:
            self._lines = self.text.splitlines()
        lines = self._lines
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def slim(self) -> FileReport:
        """A copy with only what the reporters read: the path, the findings and the
        source lines they point at; no diagram, no text. Cheap to send between
        processes (a worker's result is pickled once)."""
        copy = FileReport(self.path, self.diagnostics)
        copy._picked = {d.span.line: self.source_line(d.span.line) for d in self.diagnostics}
        return copy


def lint_result(result: LoadResult, options: ValidateOptions) -> FileReport:
    """Add lint findings to a loaded file."""
    diagnostics = list(result.diagnostics)
    if result.diagram is not None and options.lint:
        from ..lint import lint_diagram

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


Outcome = FileReport | ImpactError
"""What checking one path gave: its report, or why it could not be read (exit 2)."""


class ValidationRun(NamedTuple):
    """Every path's outcome, in the order given, and who did the work."""

    outcomes: list[Outcome]
    workers: int = 0
    """Worker processes used; 0 when every file was checked in this process."""
    worker_pids: tuple[int, ...] = ()
    """The process id of each worker that returned reports."""


WARM_UP_FILES = 8
"""Before forking workers, check leading files here until one gives a diagram (at
most this many): the workers then inherit every lazily imported module and built
validator instead of each paying for them."""


def validate_paths(
    paths: Sequence[Path],
    options: ValidateOptions | None = None,
    *,
    jobs: int = 1,
    read_stdin: Callable[[], bytes] | None = None,
) -> ValidationRun:
    """Check each path (``-`` is stdin, read with ``read_stdin``), in order.

    ``jobs``: 1 checks every file in this process; 0 uses worker processes when it
    pays (see :func:`impact_cli.check.workers.plan_workers`); N uses up to N. The
    outcomes are the same either way, in the same order; reports made by a worker
    are :meth:`FileReport.slim` (no diagram, no text), which is all the reporters
    read. stdin is always read here. A bug in a worker is raised here.
    """
    options = options or ValidateOptions()
    stdin = read_stdin or (lambda: sys.stdin.buffer.read())

    def check(path: Path) -> Outcome:
        if str(path) == "-":
            return validate_text(stdin(), "<stdin>", options)
        try:
            return validate_file(path, options)
        except ImpactError as exc:
            return exc

    files = [i for i, path in enumerate(paths) if str(path) != "-"]
    workers = 1
    if jobs != 1 and len(files) > 1:
        from .workers import plan_workers

        workers = plan_workers(jobs, len(files))
    if workers <= 1:
        return ValidationRun([check(path) for path in paths])

    outcomes: list[Outcome | None] = [None] * len(paths)
    for i, path in enumerate(paths):
        if str(path) == "-":
            outcomes[i] = check(path)
    warm = 0
    while warm < min(WARM_UP_FILES, len(files) - 1):
        outcome = outcomes[files[warm]] = check(paths[files[warm]])
        warm += 1
        if isinstance(outcome, FileReport) and outcome.diagram is not None:
            break
    rest = files[warm:]
    from .workers import map_in_order

    done = map_in_order(partial(_check_slim, options=options), [paths[i] for i in rest], workers)
    for i, outcome in zip(rest, done.results, strict=True):
        outcomes[i] = outcome
    complete = [o for o in outcomes if o is not None]
    if len(complete) != len(paths):  # pragma: no cover - a bug, never a user's problem
        raise RuntimeError("a path was not checked")
    return ValidationRun(complete, done.workers, done.worker_pids)


def _check_slim(path: Path, options: ValidateOptions) -> Outcome:
    """One file in a worker process: only what the reporters need goes back."""
    try:
        return validate_file(path, options).slim()
    except ImpactError as exc:
        return exc

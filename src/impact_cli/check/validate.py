"""Validate files: load, check structure, run lint rules; findings as data."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import NamedTuple

from ..diagnostics import Diagnostic, Severity, sort_diagnostics
from ..diagram import Diagram
from ..errors import ImpactError
from ..source.files import read_bytes, read_stdin, shown
from ..source.text import Limits
from .load import LoadResult, gc_paused, load_text


class ValidateOptions(NamedTuple):
    lint: bool = True
    profile: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    limits: Limits = Limits()


@dataclass
class FileReport:
    """Everything found in one file."""

    path: str
    diagnostics: list[Diagnostic]
    diagram: Diagram | None = None
    text: str = ""
    picked_lines: dict[int, str] | None = None
    """A slim copy's source lines: only those its findings are on (see :meth:`slim`)."""
    _lines: list[str] | None = field(default=None, repr=False, compare=False)

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
        if self.picked_lines is not None:
            return self.picked_lines.get(line, "")
        if self._lines is None:  # split once per file, not once per finding
            self._lines = self.text.splitlines()
        return self._lines[line - 1] if 0 < line <= len(self._lines) else ""

    def slim(self) -> FileReport:
        """A copy with only what the reporters read: the path, the findings and the
        source lines they point at; no diagram, no text. What a worker process sends
        back."""
        picked = {d.span.line: self.source_line(d.span.line) for d in self.diagnostics}
        return FileReport(self.path, self.diagnostics, picked_lines=picked)


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
    data: bytes | str,
    path: str = "<stdin>",
    options: ValidateOptions | None = None,
    base: Path | None = None,
) -> FileReport:
    """Validate a diagram held in memory; ``base`` is where its data files are (see
    :func:`~.load.load_text`)."""
    options = options or ValidateOptions()
    with gc_paused():  # lint too makes many objects and no cycles (see load.gc_paused)
        return lint_result(load_text(data, path, limits=options.limits, base=base), options)


def validate_file(path: str | Path, options: ValidateOptions | None = None) -> FileReport:
    """Validate one file. Raises ImpactError only when it cannot be read at all."""
    options = options or ValidateOptions()
    data = read_bytes(Path(path), options.limits)
    return validate_text(data, shown(path), options, base=Path(path).parent)


Outcome = FileReport | ImpactError
"""What checking one path gave: its report, or why it could not be read (exit 2)."""


class ValidationRun(NamedTuple):
    """Every path's outcome, in the order given, and who did the work."""

    outcomes: list[Outcome]
    workers: int = 0
    """Worker processes used; 0 when every file was checked in this process."""
    worker_pids: tuple[int, ...] = ()
    """The process id of each worker that returned reports."""


MIN_PARALLEL_FILES = 32
"""``jobs=0`` checks fewer files than this in this process: starting workers
costs about as much as they save, and pre-commit already spreads a hook's files
over the CPUs."""


def worker_count(jobs: int, files: int) -> int:
    """How many worker processes check ``files`` files; 1 or fewer means none.

    ``jobs`` 0 is automatic: one per usable CPU from :data:`MIN_PARALLEL_FILES`
    files on; N is at most N. Workers are forked, so only on Linux: Windows has no
    fork, and on macOS it is unsafe once system libraries are loaded.
    """
    if not sys.platform.startswith("linux"):
        return 1
    if jobs == 0:
        jobs = len(os.sched_getaffinity(0)) if files >= MIN_PARALLEL_FILES else 1
    return min(jobs, files)


def validate_paths(
    paths: Sequence[Path],
    options: ValidateOptions | None = None,
    *,
    jobs: int = 1,
    stdin_reader: Callable[[], bytes] | None = None,
) -> ValidationRun:
    """Check each path (``-`` is stdin, read with ``stdin_reader``), in order.

    ``jobs``: 1 checks every file in this process, 0 or N in worker processes
    (see :func:`worker_count`). The outcomes are the same either way, in the same
    order; reports made by a worker are :meth:`FileReport.slim`, which is all the
    reporters read. stdin is always read here. A bug in a worker is raised here.
    """
    options = options or ValidateOptions()
    stdin = stdin_reader or (lambda: read_stdin(options.limits))

    def check(path: Path) -> Outcome:
        if str(path) == "-":
            return validate_text(stdin(), "<stdin>", options)
        try:
            return validate_file(path, options)
        except ImpactError as exc:
            return exc

    files = [path for path in paths if str(path) != "-"]
    workers = worker_count(jobs, len(files))
    if workers <= 1:
        return ValidationRun([check(path) for path in paths])
    # imported only here: multiprocessing takes longer to import than one file to check
    from .workers import map_in_workers

    reports, pids = map_in_workers(partial(_check_slim, options=options), files, workers)
    done = iter(reports)
    outcomes = [check(path) if str(path) == "-" else next(done) for path in paths]
    return ValidationRun(outcomes, workers, tuple(sorted(pids)))


def _check_slim(path: Path, options: ValidateOptions) -> Outcome:
    """One file in a worker process: only what the reporters need goes back."""
    try:
        return validate_file(path, options).slim()
    except ImpactError as exc:
        return exc

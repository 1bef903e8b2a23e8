"""``impact render``: validate, then write one or more formats for one or more diagrams.

Nothing is written unless every input is valid: invalid diagrams get the same
diagnostics as ``impact validate`` and exit 1. Every output is written
atomically and never over an input. ``Wrote PATH`` goes to stderr, so stdout
stays clean for ``-o -``.
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import GraphvizMissingError, ImpactError

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable

    from ..check.validate import FileReport
    from ..diagram import Diagram
    from ..render import Format, RenderOptions

STDIO = Path("-")


@dataclass
class RenderSettings:
    inputs: list[Path]
    output: Path | None = None
    formats: list[str] = field(default_factory=list)
    out_dir: Path | None = None
    show_theory: bool = True
    show_measures: bool = True
    theme: str = "nhs"
    split: bool = False
    paper: str = "a4"
    force: bool = False
    follow_symlinks: bool = False


@dataclass
class Job:
    """One output: a diagram in one format, to one destination (``-`` is stdout)."""

    diagram: Diagram
    fmt: Format
    destination: Path
    source: Path
    named: bool = False
    """The user gave this exact path (-o), so a symlink or device there is theirs."""


def run(settings: RenderSettings) -> int:
    from ..render import RenderOptions, paper_size
    from ..render.theme import get_theme

    get_theme(settings.theme)  # an unknown theme or paper is a usage error before any work
    paper_size(settings.paper)
    formats = choose_formats(settings)
    _check_available(formats)
    inputs = _discover(settings.inputs, settings.follow_symlinks)
    _check_destinations(settings, inputs, formats)

    reports = _validate(inputs)
    if any(r.failed() for r in reports):
        # every file, as 'impact validate' would report them, so the summary counts right
        _print_diagnostics(reports, to_stderr=settings.output == STDIO)
        return 1

    options = RenderOptions(
        show_theory=settings.show_theory,
        show_measures=settings.show_measures,
        theme=settings.theme,
        paper=settings.paper.lower(),
    )
    jobs: list[Job] = []
    for source, report in zip(inputs, reports, strict=True):
        assert report.diagram is not None  # a report that did not fail has a diagram
        jobs.extend(_jobs_for(settings, source, report.diagram, formats))
    _check_clashes(jobs)
    _check_sizes(jobs, settings)
    _execute(jobs, options, inputs)
    return 0


# --- formats and destinations ----------------------------------------------------------


def choose_formats(settings: RenderSettings) -> list[Format]:
    from ..render import format_for_suffix, get_format

    if settings.formats:
        chosen: list[Format] = []
        for name in settings.formats:
            fmt = get_format(name)
            if fmt not in chosen:
                chosen.append(fmt)
        return chosen
    output = settings.output
    if output is None:
        return [get_format("svg")]
    if output == STDIO:
        raise ImpactError(
            "-o - writes to stdout, so impact cannot tell the format from a file name",
            "add -f, e.g. 'impact render diagram.yaml -f svg -o -'",
        )
    by_suffix = format_for_suffix(output.suffix)
    if by_suffix is None:
        raise ImpactError(
            f"{output}: cannot tell the format from the suffix '{output.suffix}'",
            "use a known suffix (.svg .png .pdf .dot .html .txt .md ...) or add -f FORMAT",
        )
    return [by_suffix]


def _check_available(formats: list[Format]) -> None:
    for fmt in formats:
        if importlib.util.find_spec(fmt.module) is None:
            raise ImpactError(
                f"the '{fmt.name}' format is not available in this version of impact",
                "render svg, png, pdf or dot instead",
            )


def _discover(paths: list[Path], follow_symlinks: bool) -> list[Path]:
    from ..source.files import discover

    inputs = discover(paths, follow_symlinks=follow_symlinks)
    if not inputs:
        raise ImpactError(
            "no diagram files found in " + ", ".join(str(p) for p in paths),
            "impact render looks for *.yaml and *.yml files",
        )
    if inputs.count(STDIO) > 1:
        raise ImpactError("'-' (stdin) can be given only once")
    return inputs


def _check_destinations(
    settings: RenderSettings, inputs: list[Path], formats: list[Format]
) -> None:
    output = settings.output
    if output is not None:
        if len(inputs) > 1:
            raise ImpactError(
                "-o names one output, but there are several inputs",
                "use --out-dir DIR to write each beside the others",
            )
        if len(formats) > 1:
            raise ImpactError(
                "-o names one output, but several formats were asked for",
                "use --out-dir DIR; each format is written as DIR/<name>.<suffix>",
            )
        if settings.out_dir is not None and output != STDIO:
            raise ImpactError("give either -o or --out-dir, not both")
        if output == STDIO:
            if settings.split:
                raise ImpactError(
                    "--split writes several files and cannot write to stdout",
                    "use --out-dir DIR",
                )
            if formats[0].binary and sys.stdout.isatty():
                raise ImpactError(
                    f"refusing to write binary {formats[0].name.upper()} to the terminal",
                    "redirect it (> file) or use -o FILE",
                )
    elif STDIO in inputs:
        raise ImpactError(
            "a diagram read from stdin has no name to give its output",
            "add -o FILE (or -o - for stdout)",
        )


def _destination(settings: RenderSettings, source: Path, fmt: Format, part: str | None) -> Path:
    suffix = fmt.suffixes[0]
    if settings.output is not None:
        if settings.output == STDIO:
            return STDIO
        base = settings.output
        if part is None:
            return base
        return base.with_name(f"{base.stem}-{part}{base.suffix}")
    stem = source.stem if part is None else f"{source.stem}-{part}"
    directory = settings.out_dir if settings.out_dir is not None else source.parent
    return directory / f"{stem}{suffix}"


def _check_clashes(jobs: list[Job]) -> None:
    """Two outputs to one path would silently keep only the last: refuse before writing."""
    seen: dict[Path, Job] = {}
    for job in jobs:
        if job.destination == STDIO:
            continue
        key = job.destination.resolve()
        first = seen.setdefault(key, job)
        if first is not job:
            raise ImpactError(
                f"{first.source} and {job.source} would both be written to {job.destination}",
                "render them in separate calls, or give each its own --out-dir",
            )


def _jobs_for(
    settings: RenderSettings, source: Path, diagram: Diagram, formats: list[Format]
) -> list[Job]:
    if settings.split:
        from ..render.split import split_diagram

        parts: list[tuple[str | None, Diagram]] = list(split_diagram(diagram))
    else:
        parts = [(None, diagram)]
    return [
        Job(
            part_diagram,
            fmt,
            _destination(settings, source, fmt, part),
            source,
            named=settings.output is not None and part is None,
        )
        for part, part_diagram in parts
        for fmt in formats
    ]


# --- validation ---------------------------------------------------------------------------


def _validate(inputs: list[Path]) -> list[FileReport]:
    from ..check.validate import validate_file, validate_text
    from ..source.files import read_stdin

    reports = []
    for path in inputs:
        if path == STDIO:
            reports.append(validate_text(read_stdin(), "<stdin>"))
        else:
            reports.append(validate_file(path))
    return reports


def _print_diagnostics(reports: list[FileReport], *, to_stderr: bool) -> None:
    from ..reporters.text import report
    from .validate import use_color

    stream = sys.stderr if to_stderr else sys.stdout
    color = use_color("auto") and stream.isatty()
    text = report(reports, color=color)
    if text:
        stream.write(text)
        stream.flush()


# --- rendering ----------------------------------------------------------------------------


def _check_sizes(jobs: list[Job], settings: RenderSettings) -> None:
    from ..render.graphviz_run import dot_path, size_check

    if any(job.fmt.needs_graphviz for job in jobs) and dot_path() is None:
        raise GraphvizMissingError(next(job.fmt.name for job in jobs if job.fmt.needs_graphviz))
    warned: set[int] = set()
    for job in jobs:
        if not job.fmt.needs_graphviz or id(job.diagram) in warned:
            continue
        warned.add(id(job.diagram))
        name = str(job.source) if job.source != STDIO else "<stdin>"
        warning = size_check(len(job.diagram.nodes), force=settings.force, name=name)
        if warning:
            sys.stderr.write(f"impact: warning: {warning}\n")


def _execute(jobs: list[Job], options: RenderOptions, inputs: list[Path]) -> None:
    from ..render import render

    def one(job: Job) -> str:
        data = render(job.diagram, job.fmt.name, options)
        if job.destination == STDIO:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return ""
        from ..output import write_atomic

        write_atomic(
            job.destination,
            data,
            inputs=tuple(p for p in inputs if p != STDIO),
            named=job.named,
        )
        return f"Wrote {job.destination}"

    directories = {job.destination.parent for job in jobs if job.destination != STDIO}
    for directory in sorted(directories):
        if not directory.exists():
            try:
                directory.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ImpactError(f"{directory}: cannot create ({exc.strerror or exc})") from None

    if len(jobs) > 1 and sys.stderr.isatty():
        _with_progress(jobs, one)
        return
    for job in jobs:
        message = one(job)
        if message:
            sys.stderr.write(message + "\n")


def _with_progress(jobs: list[Job], one: Callable[[Job], str]) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("Rendering", total=len(jobs))
        for job in jobs:
            progress.update(task, description=f"Rendering {job.destination.name}")
            message = one(job)
            if message:
                progress.console.print(message, markup=False, highlight=False)
            progress.advance(task)

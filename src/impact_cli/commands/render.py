"""``impact render``: validate, then write one or more formats for one or more diagrams.

A batch does what it can: every valid diagram is written, every invalid one gets
the same diagnostics as ``impact validate`` and is not written, and the run exits 1
if any was invalid. Options that contradict each other, and destinations that
cannot be written, are usage errors (exit 2) found before anything is written.
Every output is written atomically and never over an input. ``Wrote PATH`` goes
to stderr, so stdout stays clean for ``-o -``.
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import GraphvizMissingError, ImpactError
from ..source.files import shown

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
    exclude: list[str] = field(default_factory=list)
    direction: str | None = None
    ideas_column: str | None = None
    slide_size: str | None = None
    template: Path | None = None


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
    direction = _choice("--direction", settings.direction, ("LR", "TB"))
    ideas_column = _choice("--ideas-column", settings.ideas_column, ("auto", "last", "beside"))
    formats = choose_formats(settings)
    _check_available(formats)
    _check_slide_options(settings, formats)
    inputs = _discover(settings)
    _check_destinations(settings, inputs, formats)

    reports = _validate(inputs)
    failed = [source for source, report in zip(inputs, reports, strict=True) if report.failed()]
    if failed:
        # every file, as 'impact validate' would report them, so the summary counts right
        _print_diagnostics(reports, to_stderr=settings.output == STDIO)

    options = RenderOptions(
        show_theory=settings.show_theory,
        show_measures=settings.show_measures,
        theme=settings.theme,
        direction=direction,
        ideas_column=ideas_column,
        split=settings.split,
        slide_size=settings.slide_size,
        template=settings.template,
        paper=settings.paper.lower(),
    )
    jobs: list[Job] = []
    for source, report in zip(inputs, reports, strict=True):
        if report.diagram is not None and not report.failed():
            jobs.extend(_jobs_for(settings, source, report.diagram, formats))
    _check_clashes(jobs)
    _check_sizes(jobs, settings)
    # a template is read, so never written over
    _execute(jobs, options, [*inputs, *([settings.template] if settings.template else [])])
    if failed:
        names = ", ".join(shown(p) if p != STDIO else "<stdin>" for p in failed)
        sys.stderr.write(
            f"impact: not rendered, because of the errors above: {names}\n"
            if jobs
            else "impact: nothing rendered, because of the errors above\n"
        )
        return 1
    return 0


def _choice(option: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    """``value`` spelled as in ``allowed`` (any case), None when not given; else a usage error."""
    if value is None:
        return None
    for choice in allowed:
        if value.lower() == choice.lower():
            return choice
    from ..diagnostics import printable

    raise ImpactError(
        f"{option} {printable(value)!r} is not one of {', '.join(allowed)}",
        f"for example '{option} {allowed[-1]}'",
    )


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
    from ..render import check_available

    for fmt in formats:
        if importlib.util.find_spec(fmt.module) is None:
            raise ImpactError(
                f"the '{fmt.name}' format is not available in this version of impact",
                "render svg, png, pdf or dot instead",
            )
        check_available(fmt)


def _check_slide_options(settings: RenderSettings, formats: list[Format]) -> None:
    """--slide-size and --template shape slides: refuse them where there are none."""
    from ..diagnostics import printable
    from ..render import SLIDE_SIZES

    given = [
        name
        for name, value in (
            ("--slide-size", settings.slide_size),
            ("--template", settings.template),
        )
        if value is not None
    ]
    if not given:
        return
    if not any(fmt.name == "pptx" for fmt in formats):
        raise ImpactError(
            f"{' and '.join(given)} {'apply' if len(given) > 1 else 'applies'} only to "
            "PowerPoint slides",
            "render to PowerPoint: -o FILE.pptx or -f pptx",
        )
    if settings.slide_size is not None and settings.slide_size.lower() not in SLIDE_SIZES:
        raise ImpactError(
            f"unknown slide size '{printable(settings.slide_size)}'",
            f"choose one of: {', '.join(SLIDE_SIZES)}",
        )
    template = settings.template
    if template is not None and not template.is_file():
        raise ImpactError(f"{printable(str(template))}: no such template file")


def _discover(settings: RenderSettings) -> list[Path]:
    from ..source.files import discover
    from .validate import nothing_found

    inputs = discover(
        settings.inputs, follow_symlinks=settings.follow_symlinks, exclude=settings.exclude
    )
    if not inputs:
        raise nothing_found(settings.inputs, "render")
    if inputs.count(STDIO) > 1:
        raise ImpactError("'-' (stdin) can be given only once")
    return inputs


def _check_destinations(
    settings: RenderSettings, inputs: list[Path], formats: list[Format]
) -> None:
    from ..render import format_for_suffix

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
        if settings.out_dir is not None:
            raise ImpactError(
                "give either -o or --out-dir, not both",
                "-o names one output file; --out-dir a directory for every output",
            )
        named = format_for_suffix(output.suffix) if output != STDIO else None
        if named is not None and settings.formats and named is not formats[0]:
            raise ImpactError(
                f"-o {shown(output)} says {named.name} by its suffix, but -f says "
                f"{formats[0].name}",
                f"drop -f (the suffix picks the format), or name the file "
                f"{shown(output.with_suffix(formats[0].suffixes[0]))}",
            )
        if output == STDIO:
            if settings.split and not all(fmt.pages for fmt in formats):
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
    from ..output import not_a_directory

    if settings.out_dir is not None and (problem := not_a_directory(settings.out_dir)):
        raise ImpactError(
            f"--out-dir {shown(settings.out_dir)}: {problem}",
            "give a directory, or a name for a new one",
        )
    if output not in (None, STDIO) and (problem := not_a_directory(output.parent)):
        raise ImpactError(f"-o {shown(output)}: {problem}")


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
    whole: list[tuple[str | None, Diagram]] = [(None, diagram)]
    parts = whole
    if settings.split:
        from ..render.split import split_diagram

        parts = list(split_diagram(diagram))
    return [
        Job(
            part_diagram,
            fmt,
            _destination(settings, source, fmt, part),
            source,
            named=settings.output is not None and part is None,
        )
        for fmt in formats
        # a format with pages (slides) puts every part in one file itself
        for part, part_diagram in (whole if fmt.pages else parts)
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
        diagram = job.diagram
        warning = size_check(
            len(diagram.nodes), len(diagram.links), force=settings.force, name=name
        )
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

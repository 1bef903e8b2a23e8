"""``impact outline``: the diagram as a numbered outline, plain, accessible or Markdown.

Loads and checks the diagram first. A file with errors gets the same located
diagnostics as ``impact validate`` (on stderr), exit 1, and no output at all.
The outline goes to stdout, or with ``-o FILE`` to a file written atomically
(never over the input). No colour or terminal markup is ever written: the
accessible outline in particular must read the same in a pipe, a file and a
screen reader.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from ..check.validate import FileReport, ValidateOptions, validate_file, validate_text
from ..errors import ImpactError
from ..output import write_atomic
from ..source.files import read_stdin

FORMATS = {"text": "txt", "txt": "txt", "markdown": "md", "md": "md"}


@dataclass
class OutlineSettings:
    input_path: Path
    accessible: bool = False
    output_format: str = "text"
    mermaid: bool = False
    output: Path | None = None


def _check(settings: OutlineSettings) -> str:
    fmt = FORMATS.get(settings.output_format.lower())
    if fmt is None:
        raise ImpactError(
            f"unknown outline format '{settings.output_format}'", "choose text or markdown"
        )
    if settings.mermaid and fmt != "md":
        raise ImpactError(
            "--mermaid works only with --format markdown",
            "add --format markdown, or use 'impact render -f mermaid' for the diagram alone",
        )
    if settings.accessible and fmt != "txt":
        raise ImpactError(
            "--accessible is a plain-text outline; it cannot be combined with --format markdown",
            "drop one of the two options (the Markdown outline is already structured)",
        )
    return fmt


def _load(path: Path) -> FileReport:
    # Structure and references only: an outline of a diagram the QI lint rules
    # would question is still an honest outline of it.
    options = ValidateOptions(lint=False)
    if str(path) == "-":
        return validate_text(read_stdin(), "<stdin>", options)
    return validate_file(path, options)


def run(settings: OutlineSettings) -> int:
    fmt = _check(settings)
    report = _load(settings.input_path)
    if report.failed() or report.diagram is None:
        from ..reporters.text import report as text_report

        sys.stdout.flush()
        sys.stderr.write(text_report([report], quiet=False, color=False))
        sys.stderr.flush()
        return 1
    from ..render import RenderOptions, render

    options = RenderOptions(accessible=settings.accessible, mermaid=settings.mermaid)
    data = render(report.diagram, fmt, options)
    output = settings.output
    if output is None or str(output) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    inputs = () if str(settings.input_path) == "-" else (settings.input_path,)
    write_atomic(output, data, inputs=inputs)
    return 0

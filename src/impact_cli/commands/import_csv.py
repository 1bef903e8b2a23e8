"""``impact import SOURCE [-o OUT] [--layout auto|spreadsheet|kumu] [--connections FILE]``."""

from __future__ import annotations

import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import ImpactError
from ..output import write_atomic

LAYOUTS = ("auto", "spreadsheet", "kumu")


@dataclass
class ImportSettings:
    source: Path
    output: Path | None = None
    layout: str = "auto"
    connections: Path | None = None
    force: bool = False
    """Replace an existing file at the output path."""


def run(settings: ImportSettings) -> int:
    from ..interchange.csv_import import import_csv
    from ..interchange.templates import find_schema
    from ..source.files import read_bytes, read_stdin, shown
    from ..source.text import Limits

    if settings.layout not in LAYOUTS:
        raise ImpactError(
            f"unknown layout '{settings.layout}'", f"choose one of: {', '.join(LAYOUTS)}"
        )
    if settings.connections is not None and settings.layout == "spreadsheet":
        raise ImpactError("--connections goes with --layout kumu (or auto), not spreadsheet")
    source = settings.source
    data = read_stdin() if str(source) == "-" else read_bytes(source)
    display = "<stdin>" if str(source) == "-" else str(source)
    connections = None
    if settings.connections is not None:
        connections = read_bytes(settings.connections)
    limit = Limits().max_bytes
    for name, sheet in ((display, data), (str(settings.connections), connections)):
        if sheet is not None and len(sheet) > limit:
            # Importing the part that was read would silently drop the rest of the sheet.
            raise ImpactError(
                f"{shown(name)}: the sheet is more than {limit:,} bytes, the limit",
                "a driver diagram is a few hundred rows; split the sheet",
            )
    output = settings.output
    if output is None and str(source) != "-":
        output = source.with_suffix(".yaml")
    to_stdout = output is None or str(output) == "-"
    if output is not None and not to_stdout and not settings.force:
        _refuse_to_replace(output, display)
    schema, _ = find_schema(Path("-") if to_stdout or output is None else output)
    result = import_csv(
        data,
        display,
        layout="kumu"
        if settings.connections is not None and settings.layout == "auto"
        else settings.layout,
        connections=connections,
        connections_path=str(settings.connections or ""),
        schema=schema,
    )
    if result.yaml_text is None:
        for diag in result.diagnostics:
            line = diag.format_line()
            if diag.hint:
                line += f" (hint: {diag.hint})"
            sys.stdout.write(line + "\n")
        count = len(result.diagnostics)
        sys.stdout.write(f"Found {count} problem{'s' if count != 1 else ''}; nothing written.\n")
        return 1
    if to_stdout or output is None:
        sys.stdout.write(result.yaml_text)
        return 0
    inputs = tuple(p for p in (settings.source, settings.connections) if p is not None)
    write_atomic(output, result.yaml_text.encode("utf-8"), inputs=inputs)
    sys.stdout.write(f"Wrote {output}.\n")
    return 0


def _refuse_to_replace(output: Path, sheet: str) -> None:
    """An existing file is replaced only with --force; the refusal names what a CSV
    sheet cannot carry, so that nobody loses measures or a glossary by surprise."""
    from ..diagnostics import printable
    from ..interchange.csv_document import title_from_path
    from ..interchange.csv_losses import losses
    from ..source.files import read_bytes, shown

    try:
        if not stat.S_ISREG(output.stat().st_mode):
            return  # -o /dev/null, a pipe: nothing is replaced
    except OSError:
        return  # nothing there (or the write will say what is wrong)
    try:
        lost = losses(read_bytes(output), str(output), title_from_path(sheet))
    except ImpactError:
        lost = []
    name = shown(output)
    if lost:
        listed = ", ".join(lost[:-1]) + f" and {lost[-1]}" if len(lost) > 1 else lost[0]
        raise ImpactError(
            f"{name} already exists, and a CSV sheet cannot carry {printable(listed)}",
            "add --force to replace it and lose them, or write to another file with -o and "
            "copy the changes across",
        )
    raise ImpactError(
        f"{name} already exists", "add --force to replace it, or choose another name with -o"
    )

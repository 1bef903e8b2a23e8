"""GitHub Actions workflow commands: one annotation per finding, grouped by file.

``::error file=F,line=L,col=C,endLine=..,endColumn=..,title=CODE::message``, with
``::warning`` and ``::notice`` for the other severities. Escaping follows the
actions/toolkit rules (``command.ts``): in the message ``%``, ``\\r`` and ``\\n``;
in property values also ``:`` and ``,``. Columns are sent only for a finding on
one line (GitHub ignores them otherwise). Paths are made relative to
``GITHUB_WORKSPACE`` when it is set, so the annotation lands on the right file.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..check.validate import FileReport
from ..diagnostics import Diagnostic, Severity

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workspace_path(path: str, workspace: str | None = None) -> str:
    """``path`` relative to the workspace (or as given), with forward slashes."""
    workspace = workspace if workspace is not None else os.environ.get("GITHUB_WORKSPACE")
    if workspace and path != "<stdin>":
        try:
            absolute = Path(path).resolve()
            root = Path(workspace).resolve()
            if absolute.is_relative_to(root):
                return absolute.relative_to(root).as_posix()
        except (OSError, ValueError):
            pass
    return path.replace(os.sep, "/")


def annotation(d: Diagnostic, path: str) -> str:
    span = d.span
    props = [("file", path), ("line", str(span.line))]
    if span.end_line > span.line:
        props.append(("endLine", str(span.end_line)))
    else:
        props.append(("col", str(span.col)))
        if span.end_col > span.col:
            props.append(("endColumn", str(span.end_col)))
    props.append(("title", d.code))
    message = d.message if not d.hint else f"{d.message}\nhint: {d.hint}"
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMAND[d.severity]} {joined}::{escape_data(message)}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def report(files: list[FileReport]) -> str:
    lines: list[str] = []
    for file in files:
        if not file.diagnostics:
            continue
        path = workspace_path(file.path)
        lines.append(f"::group::{escape_data(path)}")
        # a finding in a measure's data file is annotated on that file
        lines.extend(
            annotation(d, path if d.path == file.path else workspace_path(d.path))
            for d in file.diagnostics
        )
        lines.append("::endgroup::")
    errors = sum(f.errors for f in files)
    warnings = sum(f.warnings for f in files)
    infos = sum(f.count(Severity.INFO) for f in files)
    failed = sum(1 for f in files if f.errors)
    lines.append(
        f"impact: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}, {infos} info "
        f"in {_plural(len(files), 'file')} ({failed} with errors)"
    )
    return "\n".join(lines) + "\n"

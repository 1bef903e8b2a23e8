"""``impact diff OLD NEW [--format text|json|markdown]``: exit 0 equal, 1 different, 2 bad input."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import ImpactError

FORMATS = ("text", "json", "markdown")


@dataclass
class DiffSettings:
    old: Path
    new: Path
    output_format: str = "text"


def run(settings: DiffSettings) -> int:
    from ..check.load import load_file, load_text
    from ..interchange.diff import diff_diagrams, render_json, render_markdown, render_text
    from ..source.files import read_stdin

    fmt = {"md": "markdown"}.get(settings.output_format, settings.output_format)
    if fmt not in FORMATS:
        raise ImpactError(
            f"unknown output format '{settings.output_format}'",
            f"choose one of: {', '.join(FORMATS)}",
        )
    if str(settings.old) == "-" and str(settings.new) == "-":
        raise ImpactError("'-' (stdin) can stand for only one of the two versions")
    # '-' reads one version from stdin, e.g. 'git show HEAD~1:d.yaml | impact diff - d.yaml'
    results = [
        load_text(read_stdin(), "<stdin>") if str(path) == "-" else load_file(path)
        for path in (settings.old, settings.new)
    ]
    bad = [r for r in results if not r.ok]
    if bad:
        for result in bad:
            for diag in result.diagnostics:
                sys.stderr.write(diag.format_line() + "\n")
        names = " and ".join(r.path for r in bad)
        sys.stderr.write(f"impact: error: cannot compare: {names} is not a valid diagram\n")
        return 2
    old, new = (r.diagram for r in results)
    assert old is not None
    assert new is not None
    changes = diff_diagrams(old, new)
    render = {"text": render_text, "json": render_json, "markdown": render_markdown}[fmt]
    sys.stdout.write(render(changes, results[0].path, results[1].path))
    return 1 if changes else 0

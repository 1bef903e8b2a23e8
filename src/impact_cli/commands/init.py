"""``impact init [PATH] [--example NAME]``: start a diagram from a commented template."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import ImpactError
from ..output import write_atomic


@dataclass
class InitSettings:
    path: Path
    example: str | None = None


def run(settings: InitSettings) -> int:
    from ..interchange.templates import SCHEMA_NAME, find_schema, starter

    path = settings.path
    to_stdout = str(path) == "-"
    if not to_stdout and (path.exists() or path.is_symlink()):
        raise ImpactError(
            f"{path}: already exists; impact init never overwrites a file",
            "choose another name, e.g. 'impact init my-diagram.yaml'",
        )
    schema, found = find_schema(path)
    text = starter(
        settings.example,
        schema=schema,
        filename="driver-diagram.yaml" if to_stdout else path.name,
    )
    if to_stdout:
        sys.stdout.write(text)
        return 0
    write_atomic(path, text.encode("utf-8"))
    sys.stdout.write(f"Wrote {path}. Next: impact validate {path}\n")
    if not found:
        beside = path.parent / SCHEMA_NAME
        sys.stdout.write(
            f"For checking as you type in your editor: impact schema --output {beside}\n"
        )
    return 0

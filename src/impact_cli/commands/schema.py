"""``impact schema``: print the JSON Schema of the file format (or of our reports)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import ImpactError
from ..output import write_atomic


@dataclass
class SchemaSettings:
    output: Path | None = None
    kind: str = "diagram"


def run(settings: SchemaSettings) -> int:
    from ..fileformat.jsonschema import SCHEMAS, schema_text

    if settings.kind not in SCHEMAS:
        raise ImpactError(
            f"unknown schema kind '{settings.kind}'", f"choose one of: {', '.join(SCHEMAS)}"
        )
    text = schema_text(settings.kind)
    if settings.output is None or str(settings.output) == "-":
        sys.stdout.write(text)
    else:
        write_atomic(settings.output, text.encode("utf-8"))
    return 0

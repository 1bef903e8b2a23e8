"""Starter diagrams for ``impact init``, shipped as package data.

``templates/init.yaml`` is the commented starter; ``templates/init-<name>.yaml`` are
bundled copies of the examples in ``diagrams/`` (a test keeps them identical).

The first line of every diagram impact writes is the YAML language server's modeline
(``# yaml-language-server: $schema=...``), so editors check the file as it is typed.
impact has no published schema URL, so the line points at a *relative path*: the
nearest ``schemas/driver-diagram.schema.json`` found in the new file's directory or
one of its parents (as in this repository's ``diagrams/``), or else
``driver-diagram.schema.json`` beside the file, which ``impact schema -o`` writes.
A relative path keeps working when the project is cloned or moved, and works offline.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from ..errors import ImpactError

SCHEMA_NAME = "driver-diagram.schema.json"
MODELINE_PREFIX = "# yaml-language-server: $schema="
EXAMPLES = {"nhs-impact": "init-nhs-impact.yaml"}
"""Example name -> bundled file under impact_cli/templates/."""


def template_text(name: str) -> str:
    """The text of a bundled template file."""
    return resources.files("impact_cli").joinpath("templates", name).read_text("utf-8")


def find_schema(target: Path) -> tuple[str, bool]:
    """The modeline's schema reference for a diagram written at ``target``.

    Returns (reference, found): the relative path of the nearest
    schemas/driver-diagram.schema.json or driver-diagram.schema.json, and whether
    that file exists.
    """
    directory = target.parent.resolve() if str(target) != "-" else Path.cwd().resolve()
    for folder in (directory, *directory.parents):
        for candidate in (folder / "schemas" / SCHEMA_NAME, folder / SCHEMA_NAME):
            if candidate.is_file():
                return Path(os.path.relpath(candidate, directory)).as_posix(), True
    return SCHEMA_NAME, False


def modeline(schema: str) -> str:
    return f"{MODELINE_PREFIX}{schema}"


def with_modeline(text: str, schema: str) -> str:
    """Put the modeline first, replacing one already there."""
    lines = text.splitlines(keepends=True)
    if lines and lines[0].startswith(MODELINE_PREFIX):
        lines = lines[1:]
    return modeline(schema) + "\n" + "".join(lines)


def starter(example: str | None, *, schema: str, filename: str) -> str:
    """The text ``impact init`` writes: the commented starter or a bundled example."""
    if example is None:
        return with_modeline(template_text("init.yaml").replace("{name}", filename), schema)
    if example not in EXAMPLES:
        raise ImpactError(
            f"unknown example '{example}'", f"choose one of: {', '.join(sorted(EXAMPLES))}"
        )
    return with_modeline(template_text(EXAMPLES[example]), schema)

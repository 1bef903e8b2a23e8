"""impact: quality-improvement driver diagrams as code.

The library API returns values and never prints or exits; the ``impact`` command
is a thin layer over it::

    import impact_cli
    result = impact_cli.load("diagrams/nhs-impact.yaml")   # LoadResult
    report = impact_cli.validate("diagrams/nhs-impact.yaml")  # diagnostics incl. lint
    svg = impact_cli.render(result.diagram, "svg")          # bytes

Attributes are imported on first use so that ``impact --version`` and
``impact validate`` start fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

__all__ = [
    "Diagnostic",
    "Diagram",
    "ImpactError",
    "LoadResult",
    "Severity",
    "__version__",
    "load",
    "load_text",
    "render",
    "validate",
]

_LAZY = {
    "Diagnostic": ("impact_cli.diagnostics", "Diagnostic"),
    "Severity": ("impact_cli.diagnostics", "Severity"),
    "Diagram": ("impact_cli.diagram", "Diagram"),
    "ImpactError": ("impact_cli.errors", "ImpactError"),
    "LoadResult": ("impact_cli.check.load", "LoadResult"),
    "load": ("impact_cli.check.load", "load_file"),
    "load_text": ("impact_cli.check.load", "load_text"),
    "validate": ("impact_cli.check.validate", "validate_file"),
    "render": ("impact_cli.render", "render"),
}

if TYPE_CHECKING:  # pragma: no cover
    from .check.load import LoadResult, load_text
    from .check.load import load_file as load
    from .check.validate import validate_file as validate
    from .diagnostics import Diagnostic, Severity
    from .diagram import Diagram
    from .errors import ImpactError
    from .render import render


def __getattr__(name: str) -> Any:
    try:
        module_name, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'impact_cli' has no attribute {name!r}") from None
    import importlib

    value = getattr(importlib.import_module(module_name), attr)
    globals()[name] = value
    return value

"""QI lint rules: is this a *good* driver diagram by the published guidance?

Seam for the lint engine: ``lint_diagram`` returns findings as diagnostics.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..diagram import Diagram


def lint_diagram(
    diagram: Diagram,
    *,
    profile: str | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
) -> list[Diagnostic]:
    """Run the lint rules of ``profile`` over a valid diagram."""
    return []

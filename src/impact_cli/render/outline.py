"""The diagram as a numbered text outline (format ``txt``).

Two versions, both generated from the normalised :class:`~impact_cli.diagram.Diagram`:

* the plain outline (default), for people reading a terminal or a text file:
  :mod:`impact_cli.render.plain_outline`;
* the accessible outline (``RenderOptions.accessible``, ``impact outline
  --accessible``), the text alternative to the drawing, written to be heard:
  :mod:`impact_cli.render.accessible_outline`.

Both are deterministic: the same diagram always gives the same bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .accessible_outline import accessible_outline
from .plain_outline import plain_outline

if TYPE_CHECKING:  # pragma: no cover
    from ..diagram import Diagram
    from . import RenderOptions


def render(diagram: Diagram, options: RenderOptions, *, fmt: str = "txt") -> bytes:
    if options.accessible:
        return accessible_outline(diagram, options).encode("utf-8")
    return plain_outline(diagram, options).encode("utf-8")

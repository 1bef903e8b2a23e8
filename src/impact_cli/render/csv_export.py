"""CSV export (``-f csv``): the spreadsheet layout NHS driver-diagram tools read.

``id,level,parent_id,text,color,extra_parents`` then impact's own optional columns
(description, weak_links, status, priority, owner, pdsa, learning, linked,
unconfirmed_links, link_notes); see
:mod:`impact_cli.interchange.csv_spreadsheet` and docs/interchange.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..diagram import Diagram

if TYPE_CHECKING:  # pragma: no cover
    from . import RenderOptions


def render(diagram: Diagram, options: RenderOptions, *, fmt: str = "csv") -> bytes:
    from ..interchange.csv_spreadsheet import export_csv

    return export_csv(diagram).encode("utf-8")

"""Every output format, read from one normalised :class:`~impact_cli.diagram.Diagram`.

``render(diagram, fmt, options)`` returns the bytes of one format. Each format
lives in its own module exposing ``render(diagram, options) -> bytes``, imported
only when used (Graphviz and Jinja2 cost start-up time).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from ..errors import ImpactError

if TYPE_CHECKING:  # pragma: no cover
    from ..diagram import Diagram


@dataclass(frozen=True)
class RenderOptions:
    show_theory: bool = True
    show_measures: bool = True
    theme: str = "nhs"
    accessible: bool = False
    """For text outlines: the screen-reader version."""
    mermaid: bool = False
    """For Markdown: include a Mermaid diagram with the text version."""
    paper: str = "a4"
    """For the HTML page: the paper it is laid out to print on, a4 or a3."""


PAPERS = {"a4": (210.0, 297.0), "a3": (297.0, 420.0)}
"""The paper the HTML page can be laid out for, in millimetres, short side first."""


def paper_size(name: str) -> tuple[float, float]:
    """The size of paper ``name`` ('a4', 'A3'); an unknown one is a usage error."""
    try:
        return PAPERS[name.lower()]
    except KeyError:
        raise ImpactError(
            f"unknown paper size '{name}'", f"choose from: {', '.join(PAPERS)}"
        ) from None


@dataclass(frozen=True)
class Format:
    name: str
    module: str
    suffixes: tuple[str, ...]
    binary: bool = False
    needs_graphviz: bool = False
    description: str = ""


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "svg",
            "impact_cli.render.svg",
            (".svg",),
            needs_graphviz=True,
            description="accessible SVG drawn by Graphviz",
        ),
        Format(
            "png",
            "impact_cli.render.raster",
            (".png",),
            binary=True,
            needs_graphviz=True,
            description="PNG image drawn by Graphviz",
        ),
        Format(
            "pdf",
            "impact_cli.render.raster",
            (".pdf",),
            binary=True,
            needs_graphviz=True,
            description="PDF drawn by Graphviz",
        ),
        Format("dot", "impact_cli.render.dot", (".dot", ".gv"), description="Graphviz DOT source"),
        Format(
            "html",
            "impact_cli.render.html",
            (".html", ".htm"),
            needs_graphviz=True,
            description="one accessible, self-contained web page (WCAG 2.2 AA)",
        ),
        Format("txt", "impact_cli.render.outline", (".txt",), description="plain-text outline"),
        Format(
            "md", "impact_cli.render.markdown", (".md", ".markdown"), description="Markdown outline"
        ),
        Format(
            "mermaid",
            "impact_cli.render.mermaid",
            (".mmd", ".mermaid"),
            description="Mermaid flowchart (GitHub renders it)",
        ),
        Format(
            "json",
            "impact_cli.render.json_export",
            (".json",),
            description="the normalised model as JSON",
        ),
        Format(
            "csv",
            "impact_cli.render.csv_export",
            (".csv",),
            description="spreadsheet layout (id,level,parent_id,text,color,extra_parents)",
        ),
    )
}

ALIASES = {"gv": "dot", "markdown": "md", "mmd": "mermaid", "text": "txt", "htm": "html"}


def format_for_suffix(suffix: str) -> Format | None:
    suffix = suffix.lower()
    return next((f for f in FORMATS.values() if suffix in f.suffixes), None)


def get_format(name: str) -> Format:
    key = ALIASES.get(name.lower(), name.lower())
    if key not in FORMATS:
        raise ImpactError(f"unknown output format '{name}'", f"choose from: {', '.join(FORMATS)}")
    return FORMATS[key]


def render(diagram: Diagram, fmt: str, options: RenderOptions | None = None) -> bytes:
    """Render ``diagram`` to the bytes of format ``fmt``."""
    spec = get_format(fmt)
    module = import_module(spec.module)
    data: bytes = module.render(diagram, options or RenderOptions(), fmt=spec.name)
    return data

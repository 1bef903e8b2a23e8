"""Every output format, read from one normalised :class:`~impact_cli.diagram.Diagram`.

``render(diagram, fmt, options)`` returns the bytes of one format. Each format
lives in its own module exposing ``render(diagram, options) -> bytes``, imported
only when used (Graphviz and Jinja2 cost start-up time).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec
from typing import TYPE_CHECKING

from ..errors import ImpactError

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from ..diagram import Diagram


SLIDE_SIZES = ("16:9", "4:3", "a4")


@dataclass(frozen=True)
class RenderOptions:
    show_theory: bool = True
    show_measures: bool = True
    theme: str = "nhs"
    accessible: bool = False
    """For text outlines: the screen-reader version."""
    mermaid: bool = False
    """For Markdown: include a Mermaid diagram with the text version."""
    direction: str | None = None
    """For the drawing: 'LR' or 'TB'; None keeps the file's choice."""
    ideas_column: str | None = None
    """For the drawing: 'auto', 'last' or 'beside'; None keeps the file's choice."""
    split: bool = False
    """For formats with pages (``Format.pages``): an overview, then one per primary driver."""
    slide_size: str | None = None
    """For slides: '16:9', '4:3' or 'a4'; None is 16:9, or the template's size."""
    template: Path | None = None
    """For slides: a .pptx or .potx whose slide master, layouts and fonts to use."""
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
    requires: tuple[str, ...] = ()
    """Modules from an optional extra (``extra``) that this format needs."""
    extra: str | None = None
    pages: bool = False
    """``--split`` puts every part in one file (slides), not one file per part."""


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
        Format(
            "pptx",
            "impact_cli.render.office.deck",
            (".pptx",),
            binary=True,
            needs_graphviz=True,
            description="PowerPoint slide of editable shapes, laid out by Graphviz",
            requires=("pptx",),
            extra="office",
            pages=True,
        ),
        Format(
            "docx",
            "impact_cli.render.office.document",
            (".docx",),
            binary=True,
            needs_graphviz=True,
            description="accessible Word document: the drawing and its text version",
            requires=("docx",),
            extra="office",
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


def check_available(spec: Format) -> None:
    """ImpactError, saying what to install, when a library the format needs is missing."""
    missing = [name for name in spec.requires if find_spec(name) is None]
    if missing:
        raise ImpactError(
            f"the '{spec.name}' format needs the Python package "
            f"{', '.join(_PACKAGES.get(name, name) for name in missing)}, which is not installed",
            f"install impact-cli[{spec.extra}] (pip install 'impact-cli[{spec.extra}]')",
        )


_PACKAGES = {"pptx": "python-pptx", "docx": "python-docx"}
"""The distribution that provides a module, where the names differ."""


def render(diagram: Diagram, fmt: str, options: RenderOptions | None = None) -> bytes:
    """Render ``diagram`` to the bytes of format ``fmt``."""
    spec = get_format(fmt)
    check_available(spec)
    module = import_module(spec.module)
    data: bytes = module.render(diagram, options or RenderOptions(), fmt=spec.name)
    return data

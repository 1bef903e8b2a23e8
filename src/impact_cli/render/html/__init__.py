"""One accessible, self-contained web page: the diagram and its full text version.

The page follows the W3C WAI pattern for complex images: a ``<figure>`` holds the
inline SVG (named by its ``<title>``, described by its ``<desc>``) inside a
labelled, keyboard-focusable scroll region, and its ``<figcaption>`` links to the
text version, which follows on the same page, visible to everyone: the aim, a
heading per primary driver, nested lists for the drivers and change ideas under
it, every link that crosses the tree and every weak link in words, the measures
in a table, the theory of change, the glossary (``<abbr>`` at first use) and the
metadata in the footer.

How it is made: :mod:`.view` says what the page says, as plain data; :mod:`.page`
and :mod:`.text_version` write all the markup of the body from it, in reading order;
the small template ``page.html.j2`` puts the body in the document with its inline
stylesheet (``html-page.css.j2``, coloured from :mod:`.palette`). The stylesheet sizes
the drawing from :mod:`.drawing` (its widths on screen, in its media queries) and
:mod:`.paper` (how it prints: whole, or the parts that page also holds, for paper only).

Safety: every piece of user text goes into the markup through ``rich()``
(:mod:`.richtext`), which escapes it with markupsafe; everything else in the view is
made by impact from fixed words, numbers and validated values. The template is
autoescaped. The only markup not written here is the SVG, which comes from
:mod:`impact_cli.render.svg` (its own escaping is tested with the hostile example).
``source`` becomes a link only when it is an http(s) URL. No script, no external
request, no web font.

Determinism: the page is built from the model in reading order; the same diagram
gives the same bytes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .. import paper_size
from ..measure_chart import DARK as CHART_DARK
from ..theme import get_theme
from .drawing import measure
from .page import body, safe_url
from .palette import PAGE_THEMES
from .paper import GAP_MM, MARGIN_MM, PrintPlan, print_plan
from .richtext import RichText
from .view import anchor, measure_anchor, page_view

if TYPE_CHECKING:  # pragma: no cover
    from ...diagram import Diagram
    from .. import RenderOptions

__all__ = ["anchor", "measure_anchor", "render", "render_page", "safe_url"]

TEMPLATE = "page.html.j2"
SVG_ID_PREFIX = "dd"
FIGURE_PADDING_PX = 16
"""Room for a window's vertical scroll bar, which media queries count in the width."""


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("impact_cli", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )


def screen_widths(svg: str) -> dict[str, int] | None:
    """The widths, in CSS pixels, the stylesheet needs to show the drawing on screen: its
    natural and narrowest readable widths, and the widths of the figure (inside its
    padding) from which it is shown whole (scaled down) and at its natural size. None
    when there is no drawing."""
    drawing = measure(svg)
    if drawing is None:
        return None
    size = drawing.screen()
    around = 2  # the scroll region's border
    return {
        "natural": size.natural,
        "readable": size.readable,
        "whole_from": size.readable + around,
        "natural_from": size.natural + around,
        "padding": FIGURE_PADDING_PX,
    }


def render_page(
    diagram: Diagram, options: RenderOptions, svg: str, plan: PrintPlan | None = None
) -> str:
    """The page, around ``svg``, the drawing's markup (from :mod:`..svg`), printed as
    ``plan`` says (from :func:`.paper.print_plan`)."""
    get_theme(options.theme)  # an unknown theme is a usage error, said once, by theme.py
    paper_size(options.paper)  # and so is an unknown paper
    view = page_view(diagram, options)
    return (
        environment()
        .get_template(TEMPLATE)
        .render(
            language=diagram.meta.language,
            title=diagram.meta.title,
            theme=PAGE_THEMES[options.theme.lower()],
            screen=screen_widths(svg),
            paper=options.paper.upper(),
            plan=plan,
            sheet_margin=f"{MARGIN_MM:g}mm",
            sheet_gap=f"{GAP_MM:g}mm",
            charts=bool(view.charts),
            chart=CHART_DARK,
            # markup written by .page, which passes all user text through rich() (escaped)
            body=Markup(body(view, svg, RichText(diagram.glossary, view.lang), plan)),  # noqa: S704
        )
    )


def render(diagram: Diagram, options: RenderOptions, *, fmt: str = "html") -> bytes:
    """The page as UTF-8 bytes."""
    from ..svg import svg_markup

    svg = svg_markup(diagram, options, id_prefix=SVG_ID_PREFIX)
    plan = print_plan(diagram, options, svg)
    return render_page(diagram, options, svg, plan).encode("utf-8")

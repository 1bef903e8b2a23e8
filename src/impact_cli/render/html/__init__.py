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
stylesheet (``html-page.css.j2``, coloured from :mod:`.palette`).

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

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..measure_chart import DARK as CHART_DARK
from ..theme import get_theme
from .page import body, safe_url
from .palette import PAGE_THEMES
from .richtext import RichText
from .view import anchor, measure_anchor, page_view

if TYPE_CHECKING:  # pragma: no cover
    from ...diagram import Diagram
    from .. import RenderOptions

__all__ = ["anchor", "measure_anchor", "render", "render_page", "safe_url"]

TEMPLATE = "page.html.j2"
SVG_ID_PREFIX = "dd"

_VIEWBOX = re.compile(r'<svg\b[^>]*\bviewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)')


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


def svg_width(svg: str) -> str | None:
    """The drawing's natural width in CSS pixels (its viewBox width), or None."""
    match = _VIEWBOX.search(svg)
    width = float(match.group(1)) if match else None
    return f"{width:.0f}" if width else None


def render_page(diagram: Diagram, options: RenderOptions, svg: str) -> str:
    """The page, around ``svg``, the drawing's markup (from :mod:`..svg`)."""
    get_theme(options.theme)  # an unknown theme is a usage error, said once, by theme.py
    view = page_view(diagram, options)
    return (
        environment()
        .get_template(TEMPLATE)
        .render(
            language=diagram.meta.language,
            title=diagram.meta.title,
            theme=PAGE_THEMES[options.theme.lower()],
            svg_width=svg_width(svg),
            charts=bool(view.charts),
            chart=CHART_DARK,
            # markup written by .page, which passes all user text through rich() (escaped)
            body=Markup(body(view, svg, RichText(diagram.glossary, view.lang))),  # noqa: S704
        )
    )


def render(diagram: Diagram, options: RenderOptions, *, fmt: str = "html") -> bytes:
    """The page as UTF-8 bytes."""
    from ..svg import svg_markup

    svg = svg_markup(diagram, options, id_prefix=SVG_ID_PREFIX)
    return render_page(diagram, options, svg).encode("utf-8")

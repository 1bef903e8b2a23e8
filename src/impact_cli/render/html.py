"""One accessible, self-contained web page: the diagram and its full text version.

The page follows the W3C WAI pattern for complex images: a ``<figure>`` holds the
inline SVG (named by its ``<title>``, described by its ``<desc>``) inside a
labelled, keyboard-focusable scroll region, and its ``<figcaption>`` links to the
text version, which follows on the same page, visible to everyone: the aim, a
heading per primary driver, nested lists for the drivers and change ideas under
it, every link that crosses the tree and every weak link in words, the measures
in a table, the theory of change, the glossary (``<abbr>`` at first use) and the
metadata in the footer.

Safety: the template is rendered with autoescaping, so user text never becomes
markup; the only markup not written by the template is the SVG, which comes from
:mod:`impact_cli.render.svg` (its own escaping is tested with the hostile
example). ``source`` becomes a link only when it is an http(s) URL. No script,
no external request, no web font.

Determinism: the page is built from the model in reading order; the same diagram
gives the same bytes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from ..diagram import Link, Measure, Node, Tier, count_phrase
from . import textwords as tw
from .theme import get_theme

if TYPE_CHECKING:  # pragma: no cover
    from ..diagram import Diagram
    from . import RenderOptions

TEMPLATE = "page.html.j2"
SVG_ID_PREFIX = "dd"
REGION_LABEL = "Driver diagram, scrolls sideways"
TEXT_VERSION_ID = "text-version"

_HTTP_URL = re.compile(r"^https?://[^\s<>\"'`]+$", re.IGNORECASE)
_VIEWBOX = re.compile(r'<svg\b[^>]*\bviewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)')
_BIDI_CLASSES = frozenset({"R", "AL", "AN", "RLE", "RLO", "LRE", "LRO", "RLI", "LRI", "FSI", "PDF"})


# --- the page's own colours ---------------------------------------------------------------


@dataclass(frozen=True)
class Palette:
    """Colours of the HTML around the diagram (every text pair is at least 4.5:1)."""

    page: str
    text: str
    secondary: str
    link: str
    visited: str
    hover: str
    focus: str
    focus_text: str
    header: str
    header_text: str
    border: str
    """Table rules and dividers: at least 3:1 against ``page``."""
    surface: str
    """Background of the figure and the table."""


@dataclass(frozen=True)
class PageTheme:
    light: Palette
    dark: Palette
    dark_svg: dict[str, dict[str, str]] = field(default_factory=dict)
    """How the SVG is recoloured in dark mode: {'shape'|'text'|'stroke': {light: dark}}."""


PAGE_THEMES: dict[str, PageTheme] = {
    "nhs": PageTheme(
        light=Palette(
            page="#f0f4f5",
            text="#212b32",
            secondary="#4c6272",
            link="#005eb8",
            visited="#330072",
            hover="#7c2855",
            focus="#ffeb3b",
            focus_text="#212b32",
            header="#005eb8",
            header_text="#ffffff",
            border="#768692",
            surface="#ffffff",
        ),
        dark=Palette(
            page="#10171c",
            text="#f0f4f5",
            secondary="#b6c4cd",
            link="#8cc8ff",
            visited="#d7b8ff",
            hover="#ffb3d9",
            focus="#ffeb3b",
            focus_text="#212b32",
            header="#003087",
            header_text="#ffffff",
            border="#8a9ba6",
            surface="#1d2830",
        ),
        dark_svg={
            "shape": {
                "#f0f4f5": "#1d2830",
                "#ffffff": "#10171c",
                "#e8f1fa": "#163452",
            },
            "text": {"#212b32": "#f0f4f5", "#4c6272": "#b6c4cd"},
            "stroke": {"#003087": "#9cc3f0", "#005eb8": "#6aa7e8", "#4c6272": "#9fb1bd"},
        },
    ),
    "plain": PageTheme(
        light=Palette(
            page="#ffffff",
            text="#0b0c0c",
            secondary="#505a5f",
            link="#1d4f91",
            visited="#4c2c92",
            hover="#0b0c0c",
            focus="#ffdd00",
            focus_text="#0b0c0c",
            header="#ffffff",
            header_text="#0b0c0c",
            border="#505a5f",
            surface="#ffffff",
        ),
        dark=Palette(
            page="#121212",
            text="#f2f2f2",
            secondary="#c4c4c4",
            link="#9cc9ff",
            visited="#d0b8ff",
            hover="#ffffff",
            focus="#ffdd00",
            focus_text="#0b0c0c",
            header="#121212",
            header_text="#f2f2f2",
            border="#9a9a9a",
            surface="#1e1e1e",
        ),
        dark_svg={
            "shape": {"#ffffff": "#1e1e1e", "#000000": "#f2f2f2"},
            "text": {"#000000": "#f2f2f2", "#595959": "#c4c4c4", "#ffffff": "#121212"},
            "stroke": {"#000000": "#e6e6e6"},
        },
    ),
}


# --- view model -------------------------------------------------------------------------


def anchor(node: Node) -> str:
    """The in-page id of a node, made from its number: never user text."""
    if node.tier is Tier.AIM:
        return "aim"
    if node.tier is Tier.CHANGE_IDEA:
        return f"change-idea-{node.number.lower()}"
    return "driver-" + node.number.replace(".", "-")


def measure_anchor(measure: Measure) -> str:
    return f"measure-{measure.number.lower()}"


def safe_url(value: str | None) -> str | None:
    """``value`` when it is an http(s) URL that can be linked; otherwise None."""
    if value is None:
        return None
    value = value.strip()
    return value if _HTTP_URL.match(value) else None


def needs_isolation(text: str) -> bool:
    """True when ``text`` holds right-to-left letters or bidi controls (wrap it in <bdi>)."""
    return any(unicodedata.bidirectional(ch) in _BIDI_CLASSES for ch in text)


class Rich:
    """Marks user text up safely: escaped, glossary terms in <abbr> at first use, bidi isolated.

    Called by the template in document order, so 'first use' is the first use on the page.
    """

    def __init__(self, diagram: Diagram) -> None:
        self.glossary = tw.Glossary(diagram.glossary)

    def __call__(self, text: str | None, *, terms: bool = True) -> Markup:
        if text is None:
            return Markup("")
        text = tw.clean(text)
        if not terms:
            return self._isolate(escape(text), text)
        out = Markup("")
        for piece, expansion in self.glossary.segments(text):
            if expansion is None:
                out += escape(piece)
            else:
                out += Markup('<abbr title="{}">{}</abbr>').format(expansion, piece)
        return self._isolate(out, text)

    @staticmethod
    def _isolate(markup: Markup, text: str) -> Markup:
        if needs_isolation(text):
            return Markup("<bdi>{}</bdi>").format(markup)
        return markup


@dataclass(frozen=True)
class LinkWords:
    """One link, seen from one of its ends."""

    link: Link
    other: Node
    weak: bool
    note: str | None


def _link_view(diagram: Diagram, link: Link, other_key: str) -> LinkWords:
    return LinkWords(link, diagram.node(other_key), link.weak, link.note)


@dataclass(frozen=True)
class Reference:
    """A node written in full elsewhere, listed again under another parent it supports."""

    node: Node
    home: Node | None
    weak: bool


def node_view(diagram: Diagram, node: Node) -> dict[str, object]:
    """What the template says about one node, besides its title."""
    parent_link = next(
        (lk for lk in diagram.links_from(node.key) if lk.structural),
        None,
    )
    also = [
        _link_view(diagram, lk, lk.target)
        for lk in diagram.links_from(node.key)
        if not lk.structural
    ]
    references = []
    for lk in diagram.links_to(node.key):
        if lk.structural:
            continue
        source = diagram.node(lk.source)
        home = diagram.node(source.parent) if source.parent else None
        references.append(Reference(source, home, lk.weak))
    return {
        "node": node,
        "anchor": anchor(node),
        "parent_link": parent_link,
        "parent": diagram.node(node.parent) if node.parent else None,
        "also": also,
        "children": diagram.children(node.key),
        "references": references,
        "measures": diagram.measures_for(node.key),
    }


def svg_width(svg: str) -> float | None:
    """The drawing's natural width (its viewBox width), or None."""
    match = _VIEWBOX.search(svg)
    return float(match.group(1)) if match else None


def diagram_svg(diagram: Diagram, options: RenderOptions) -> str:
    from .svg import svg_markup

    return svg_markup(diagram, options, id_prefix=SVG_ID_PREFIX)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("impact_cli", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.globals.update(
        anchor=anchor,
        measure_anchor=measure_anchor,
        ref=tw.ref,
        capitalise=tw.capitalise,
        status_words=tw.status_words,
        priority_words=tw.priority_words,
        count_phrase=count_phrase,
        Tier=Tier,
    )
    return env


def page_context(diagram: Diagram, options: RenderOptions, svg: str) -> dict[str, object]:
    get_theme(options.theme)  # an unknown theme is a usage error, said once, by theme.py
    theme = PAGE_THEMES[options.theme.lower()]
    width = svg_width(svg)
    meta = diagram.meta
    footer_items = [
        ("Version", meta.version),
        ("Last updated", meta.updated),
        ("Owner", meta.owner),
        ("Licence", meta.licence),
    ]
    parts = [count_phrase(n, tier) for tier, n in diagram.counts.items() if n]
    if diagram.measures and options.show_measures:
        parts.append(tw.plural(len(diagram.measures), "measure"))
    links_in_words = [lk for lk in diagram.links if not lk.structural or lk.weak]
    return {
        "d": diagram,
        "meta": meta,
        "options": options,
        "light": theme.light,
        "dark": theme.dark,
        "dark_svg": theme.dark_svg,
        "svg": Markup(svg),  # noqa: S704 - built by render.svg, which escapes all user text
        "svg_width": f"{width:.0f}" if width else None,
        "region_label": REGION_LABEL,
        "text_version_id": TEXT_VERSION_ID,
        "rich": Rich(diagram),
        "view": lambda node: node_view(diagram, node),
        "primaries": diagram.tier(Tier.PRIMARY),
        "aim_node": diagram.aim_node,
        "aim_parts": [
            ("Description", diagram.aim.description),
            ("Baseline", diagram.aim.baseline),
            ("Target", diagram.aim.target),
            ("Deadline", diagram.aim.deadline),
            ("Who it is for", diagram.aim.population),
        ],
        "counts": tw.join_and(parts),
        "numbering": tw.numbering_sentences(diagram),
        "links_in_words": links_in_words,
        "theory": diagram.theory if options.show_theory else None,
        "measures": diagram.measures if options.show_measures else (),
        "footer_items": footer_items,
        "source_url": safe_url(meta.source),
    }


def render_page(diagram: Diagram, options: RenderOptions, svg: str) -> str:
    template = environment().get_template(TEMPLATE)
    return template.render(page_context(diagram, options, svg))


def render(diagram: Diagram, options: RenderOptions, *, fmt: str = "html") -> bytes:
    """The page as UTF-8 bytes."""
    return render_page(diagram, options, diagram_svg(diagram, options)).encode("utf-8")

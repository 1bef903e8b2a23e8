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
markup. The markup repeated per node, link and measure is written by
:class:`TextVersion` in Python, which passes every user string through ``rich``
or markupsafe's ``escape``, as the template's autoescaping did. The only other
markup not written by the template is the SVG, which comes from
:mod:`impact_cli.render.svg` (its own escaping is tested with the hostile
example). ``source`` becomes a link only when it is an http(s) URL. No script,
no external request, no web font.

Determinism: the page is built from the model in reading order; the same diagram
gives the same bytes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
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
    if text.isascii():
        # No ASCII character is right-to-left or a bidi control, and most text is
        # ASCII: this skips a Unicode database lookup per character.
        return False
    return any(unicodedata.bidirectional(ch) in _BIDI_CLASSES for ch in text)


class Rich:
    """Marks user text up safely: escaped, glossary terms in <abbr> at first use, bidi isolated.

    Called by the template in document order, so 'first use' is the first use on the page.
    """

    def __init__(self, diagram: Diagram) -> None:
        self.glossary = tw.Glossary(diagram.glossary)
        # The page's own words (headings, labels, links) are English. In a diagram in
        # another language (Welsh: 'language: cy'), every piece of user text is marked
        # with that language and the page's words with English, so screen readers
        # switch voice correctly (WCAG 3.1.2 Language of Parts).
        self.lang = None if is_english(diagram.meta.language) else diagram.meta.language

    def __call__(self, text: str | None, *, terms: bool = True) -> Markup:
        if text is None:
            return Markup("")
        text = tw.clean(text)
        if not terms:
            return self._isolate(escape(text), text)
        # joined once rather than added up piece by piece: most text is one plain piece
        out = Markup("").join(
            escape(piece)
            if expansion is None
            else Markup('<abbr title="{}">{}</abbr>').format(expansion, piece)
            for piece, expansion in self.glossary.segments(text)
        )
        return self._isolate(out, text)

    def _isolate(self, markup: Markup, text: str) -> Markup:
        if needs_isolation(text):
            markup = Markup("<bdi>{}</bdi>").format(markup)
        if self.lang:
            markup = Markup('<span lang="{}">{}</span>').format(self.lang, markup)
        return markup


def _in_language(markup: Markup, lang: str | None) -> Markup:
    return Markup('<div lang="{}">{}</div>').format(lang, markup) if lang else markup


def is_english(language: str) -> bool:
    return language.lower().split("-")[0] == "en"


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


class TextVersion:
    """The markup the text version repeats for every node, link and measure, in Python.

    These were Jinja macros. The nested lists under each primary driver called them
    recursively, a dozen macro and function calls per node, which made the page
    cost 890 Python calls per node, more than half of the whole pipeline's time.
    The markup is the same, byte for byte (the golden tests hold it). User text goes
    through ``rich`` (escaped, glossary, bidi) or ``escape``, exactly where the
    template's autoescaping put it, and ``rich`` is called in the page's reading
    order, which decides where each glossary term is first expanded.
    """

    def __init__(self, diagram: Diagram, rich: Rich) -> None:
        self.diagram = diagram
        self.rich = rich

    def label(self, node: Node) -> Markup:
        """'Secondary driver 1.2', 'Change idea C3'."""
        return escape(tw.capitalise(tw.ref(node)))

    def titled_link(self, node: Node) -> Markup:
        """A link to a node: 'the aim', or its reference and title."""
        href = escape(anchor(node))
        if node.tier is Tier.AIM:
            return Markup(f'<a href="#{href}">the aim</a>')  # noqa: S704 - escaped above
        title = self.rich(node.title, terms=False)
        return Markup(f'<a href="#{href}">{escape(tw.ref(node))}: {title}</a>')  # noqa: S704

    def link_note(self, note: str | None) -> Markup:
        return Markup(f" Note on this link: {self.rich(note)}") if note else Markup("")  # noqa: S704

    def link_item(self, link: Link) -> Markup:
        """One link of the list of links across the diagram and weak links."""
        d, rich = self.diagram, self.rich
        source = d.node(link.source)
        title = rich(source.title, terms=False)
        strength = "Weak link: the team is less sure of it." if link.weak else "Strong link."
        return Markup(  # noqa: S704 - user text escaped by rich() and escape()
            f'<li><a href="#{escape(anchor(source))}">{self.label(source)}: {title}</a> '
            f"supports {self.titled_link(d.node(link.target))}. {strength}"
            f"{self.link_note(link.note)}</li>"
        )

    def measure_row(self, measure: Measure) -> Markup:
        """One row of the table of measures."""
        d, rich = self.diagram, self.rich
        name = rich(measure.name)
        tracks = []
        for key in measure.tracks:
            node = d.node(key)
            href = escape(anchor(node))
            if node.tier is Tier.AIM:
                tracks.append(f'<a href="#{href}">The aim</a>')
            else:
                title = rich(node.title, terms=False)
                tracks.append(f'<a href="#{href}">{self.label(node)}: {title}</a>')
        facts = [
            f'<p><span class="label">{label}:</span> {rich(value)}</p>'
            for label, value in (
                ("Definition", measure.definition),
                ("Target", measure.target),
                ("How often", measure.frequency),
                ("Data source", measure.data_source),
            )
            if value
        ]
        return Markup(  # noqa: S704 - user text escaped by rich() and escape()
            f'<tr id="{escape(measure_anchor(measure))}">\n'
            f'<th scope="row"><span class="label">{escape(measure.number)}:</span> {name}</th>\n'
            f"<td>{escape(measure.type.capitalize())} measure</td>\n"
            f"<td>{'; '.join(tracks)}</td>\n"
            f"<td>{''.join(facts) or '<p>None given.</p>'}</td>\n"
            "</tr>"
        )

    def measures_line(self, measures: Sequence[Measure]) -> Markup:
        """'Measured by measure M1: …, measure M2: … and measure M3: ….', or nothing."""
        if not measures:
            return Markup("")
        out = ['<p class="measured">Measured by ']
        last = len(measures) - 1
        for i, m in enumerate(measures):
            name = self.rich(m.name, terms=False)
            sep = "." if i == last else " and " if i == last - 1 else ", "
            href = escape(measure_anchor(m))
            out.append(f'<a href="#{href}">measure {escape(m.number)}: {name}</a>{sep}')
        out.append("</p>\n")
        return Markup("".join(out))  # noqa: S704 - user text escaped by rich() and escape()

    def body(self, node: Node) -> Markup:
        """What the text version says about a node after its title, and the nodes under it."""
        out: list[str] = []
        self._body(node, out)
        return Markup("".join(out))  # noqa: S704 - user text escaped by rich() and escape()

    def _body(self, node: Node, out: list[str]) -> None:
        d, rich = self.diagram, self.rich
        if node.description:
            out.append(f"<p>{rich(node.description)}</p>\n")
        if node.tier is Tier.CHANGE_IDEA and (node.status or node.priority or node.owner):
            out.append('<p class="idea-facts">')
            if node.status:
                out.append(
                    f'<span class="fact">Status: {escape(tw.status_words(node.status))}.</span>'
                )
            if node.priority:
                out.append(f' <span class="fact">Priority: {escape(node.priority)}.</span>')
            if node.owner:
                out.append(f' <span class="fact">Owner: {rich(node.owner)}.</span>')
            out.append("</p>\n")
        if node.pdsa:
            out.append(
                '<p class="list-intro">Plan-do-study-act (PDSA) cycles:</p>\n<ul class="pdsa">\n'
            )
            out.extend(f"<li>{rich(cycle)}</li>\n" for cycle in node.pdsa)
            out.append("</ul>\n")
        if node.learning:
            out.append(f"<p>Learning: {rich(node.learning)}</p>\n")
        links = d.links_from(node.key)
        parent_link = next((lk for lk in links if lk.structural), None)
        if parent_link and parent_link.weak and node.parent:
            out.append(
                '<p class="link-words"><strong>Weak link:</strong> the team is less sure that '
                f"this supports {self.titled_link(d.node(node.parent))}."
                f"{self.link_note(parent_link.note)}</p>\n"
            )
        for lk in links:
            if lk.structural:
                continue
            doubt = " (<strong>weak link</strong>: the team is less sure of it)" if lk.weak else ""
            out.append(
                f'<p class="link-words">Also supports {self.titled_link(d.node(lk.target))}'
                f"{doubt}.{self.link_note(lk.note)}</p>\n"
            )
        out.append(self.measures_line(d.measures_for(node.key)))
        out.append("\n")
        children = d.children(node.key)
        # nodes written elsewhere that also support this one: (node, its parent, weak)
        references = [
            (source, d.node(source.parent) if source.parent else None, lk.weak)
            for lk in d.links_to(node.key)
            if not lk.structural
            for source in (d.node(lk.source),)
        ]
        tiers: list[Tier] = []
        for tier in [kid.tier for kid in children] + [ref[0].tier for ref in references]:
            if tier not in tiers:
                tiers.append(tier)
        for tier in tiers:
            kids = [kid for kid in children if kid.tier is tier]
            refs = [ref for ref in references if ref[0].tier is tier]
            n = len(kids) + len(refs)
            out.append(
                f'<p class="list-intro">{escape(count_phrase(n, tier).capitalize())} '
                f"{'supports' if n == 1 else 'support'} {escape(tw.ref(node))}:</p>\n"
                f'<ul class="tree tier-{escape(tier.name.lower().replace("_", "-"))}">\n'
            )
            for kid in kids:
                out.append(
                    f'<li id="{escape(anchor(kid))}">\n<p class="item-title">'
                    f'<span class="label">{self.label(kid)}:</span> {rich(kid.title)}</p>\n'
                )
                self._body(kid, out)
                out.append("\n</li>\n")
            for source, home, weak in refs:
                title = rich(source.title, terms=False)
                out.append(
                    '<li class="reference">\n<p class="item-title">'
                    f'<span class="label">{self.label(source)}:</span> {title}</p>\n'
                )
                where = (
                    self.titled_link(home)
                    if home
                    else f'<a href="#{escape(anchor(source))}">{escape(tw.ref(source))}</a>'
                )
                strong = "<strong>Weak link.</strong> " if weak else ""
                out.append(f'<p class="link-words">{strong}Described under {where}.</p>\n</li>\n')
            out.append("</ul>\n")


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
    rich = Rich(diagram)
    text_version = TextVersion(diagram, rich)
    return {
        "d": diagram,
        "meta": meta,
        "options": options,
        "light": theme.light,
        "dark": theme.dark,
        "dark_svg": theme.dark_svg,
        "svg": _in_language(Markup(svg), rich.lang),  # noqa: S704 - render.svg escapes user text
        # the page's own words are English (see Rich); the drawing is mostly user text
        "chrome_lang": None if rich.lang is None else "en",
        "svg_width": f"{width:.0f}" if width else None,
        "region_label": REGION_LABEL,
        "text_version_id": TEXT_VERSION_ID,
        "rich": rich,
        "view": lambda node: node_view(diagram, node),
        # the markup repeated per node, link and measure (see TextVersion)
        "body": text_version.body,
        "label": text_version.label,
        "titled_link": text_version.titled_link,
        "link_note": text_version.link_note,
        "measures_line": text_version.measures_line,
        "link_item": text_version.link_item,
        "measure_row": text_version.measure_row,
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

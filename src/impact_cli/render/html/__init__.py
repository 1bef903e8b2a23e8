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
or ``_escape`` (markupsafe's escaping, byte for byte), as the template's autoescaping
did, and hands its markup to the template as :class:`Html`. The only other
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
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ...diagram import Link, Measure, Node, Tier, count_phrase
from .. import textwords as tw
from ..theme import get_theme
from .palette import PAGE_THEMES

if TYPE_CHECKING:  # pragma: no cover
    from ...diagram import Diagram
    from .. import RenderOptions

TEMPLATE = "page.html.j2"
STYLESHEET_TEMPLATE = "html-page.css.j2"
SVG_ID_PREFIX = "dd"
REGION_LABEL = "Driver diagram, scrolls sideways"
TEXT_VERSION_ID = "text-version"

_HTTP_URL = re.compile(r"^https?://[^\s<>\"'`]+$", re.IGNORECASE)
_VIEWBOX = re.compile(r'<svg\b[^>]*\bviewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)')
_BIDI_CLASSES = frozenset({"R", "AL", "AN", "RLE", "RLO", "LRE", "LRO", "RLI", "LRI", "FSI", "PDF"})
# Tier members as plain module names: ``Tier.AIM`` is a lookup through the enum's metaclass,
# about five times slower, and the loop over the nodes asks this many times per node.
_AIM = Tier.AIM
_CHANGE_IDEA = Tier.CHANGE_IDEA


# --- view model -------------------------------------------------------------------------


def anchor(node: Node) -> str:
    """The in-page id of a node, made from its number: never user text."""
    if node.tier is _AIM:
        return "aim"
    if node.tier is _CHANGE_IDEA:
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


# --- user text to markup ------------------------------------------------------------------
#
# The text version writes about 40,000 pieces of user text for a diagram of 10,000 nodes.
# Done with markupsafe (a Markup object per fragment, Markup.format, Markup.join) and a regex
# per string, this was most of the page's time. Below, markup is built as plain ``str`` and
# wrapped once, where it is handed to the template (see Html); every piece of user text still
# goes through ``_escape`` (or ``Rich.html``, which calls it) exactly where markupsafe's
# ``escape`` was, so the bytes are the same.


def _escape(text: str) -> str:
    """What ``markupsafe.escape(text)`` gives for a ``str``, as a plain ``str``.

    The same five replacements as markupsafe's own (pure Python) version, with the same
    entities (``&#39;`` and ``&#34;``, not ``html.escape``'s ``&#x27;`` and ``&quot;``), so the
    bytes do not change. ``&`` goes first, so no entity is escaped twice. It skips building a
    Markup object per fragment, which cost more than the escaping.

    Most text has none of the five characters: the ``in`` tests (a fast search each) answer
    that in about half the time of the five ``replace`` calls, which count every character.
    """
    if not ("&" in text or "<" in text or ">" in text or "'" in text or '"' in text):
        return text
    return (
        text.replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


class Rich:
    """Marks user text up safely: escaped, glossary terms in <abbr> at first use, bidi isolated.

    Called in document order (by the template and by :class:`TextVersion`), so 'first use'
    is the first use on the page.
    """

    def __init__(self, diagram: Diagram) -> None:
        self.glossary = tw.Glossary(diagram.glossary)
        # The page's own words (headings, labels, links) are English. In a diagram in
        # another language (Welsh: 'language: cy'), every piece of user text is marked
        # with that language and the page's words with English, so screen readers
        # switch voice correctly (WCAG 3.1.2 Language of Parts).
        self.lang = None if is_english(diagram.meta.language) else diagram.meta.language
        self._span = f'<span lang="{_escape(self.lang)}">' if self.lang else ""
        # text -> its markup with no term expanded. The same text comes back often (a
        # node's title in every link to it, the same owner or PDSA line on many ideas),
        # and its plain markup never changes within a page.
        self._plain: dict[str, str] = {}
        # The texts asked for with terms that expanded none: a term only ever stops
        # waiting for its first use, so they never will, and while a glossary term is
        # unused (often all page long) they skip the glossary's search when they come back.
        self._no_terms: dict[str, str] = {}

    def __call__(self, text: str | None, *, terms: bool = True) -> Markup:
        """For the template: :meth:`html` as Markup, so autoescaping leaves it alone."""
        return Markup(self.html(text, terms=terms))  # noqa: S704 - html() escapes user text

    def html(self, text: str | None, terms: bool = True) -> str:
        """``text`` as markup (a plain ``str``), its user text escaped."""
        if text is None:
            return ""
        if terms and self.glossary.pending:
            return self._with_terms(text)
        plain = self._plain.get(text)
        if plain is None:
            plain = self._plain[text] = self._markup(tw.clean(text))
        return plain

    def _with_terms(self, text: str) -> str:
        """:meth:`html` while a glossary term is still waiting for its first use."""
        plain = self._no_terms.get(text)
        if plain is not None:
            return plain
        cleaned = tw.clean(text)
        segments = self.glossary.first_uses(cleaned)
        if segments is not None:
            return self._isolate(
                "".join(
                    _escape(piece)
                    if expansion is None
                    else f'<abbr title="{_escape(expansion)}">{_escape(piece)}</abbr>'
                    for piece, expansion in segments
                ),
                cleaned,
            )
        plain = self._plain.get(text)
        if plain is None:  # made from ``cleaned``: cleaning is most of a new text's cost
            plain = self._plain[text] = self._markup(cleaned)
        self._no_terms[text] = plain
        return plain

    def _markup(self, cleaned: str) -> str:
        """Clean text as markup with no term expanded."""
        plain = _escape(cleaned)
        if self._span or not cleaned.isascii():  # else _isolate would change nothing
            plain = self._isolate(plain, cleaned)
        return plain

    def _isolate(self, markup: str, text: str) -> str:
        if needs_isolation(text):
            markup = f"<bdi>{markup}</bdi>"
        if self._span:
            markup = f"{self._span}{markup}</span>"
        return markup


class Html:
    """Markup written here, for the template, which writes it as it is.

    Autoescaping leaves anything with an ``__html__`` method alone (markupsafe's protocol,
    which Markup follows too). It is not a Markup because the template's ``escape`` copies
    a Markup into a new Markup by a slow path, about a millisecond a megabyte, and the text
    version of a big diagram is megabytes; from this it makes its Markup in one fast copy.
    Only markup whose user text has been escaped goes in here.
    """

    __slots__ = ("markup",)

    def __init__(self, markup: str) -> None:
        self.markup = markup

    def __html__(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup


def _in_language(markup: str, lang: str | None) -> str:
    return f'<div lang="{_escape(lang)}">{markup}</div>' if lang else markup


def is_english(language: str) -> bool:
    return language.lower().split("-")[0] == "en"


def _names(nodes: Iterable[Node]) -> dict[str, tuple[str, str, str]]:
    """Each node's anchor, reference ('change idea C3') and label ('Change idea C3').

    They need no escaping: the words are fixed, and a number is made by the normaliser
    from digits, dots and 'C', never from user text.
    """
    names: dict[str, tuple[str, str, str]] = {}
    for node in nodes:
        ref = tw.ref(node)
        names[node.key] = (anchor(node), ref, tw.capitalise(ref))
    return names


class TextVersion:
    """The markup the text version repeats for every node, link and measure, in Python.

    These were Jinja macros. The nested lists under each primary driver called them
    recursively, a dozen macro and function calls per node, which made the page
    cost 890 Python calls per node, more than half of the whole pipeline's time.
    The markup is the same, byte for byte (the golden tests hold it). It is built as plain
    ``str`` and handed to the template once, as :class:`Html`. User text goes through ``rich``
    (escaped, glossary, bidi) or ``_escape``, exactly where the template's autoescaping put
    it, and ``rich`` is called in the page's reading order, which decides where each
    glossary term is first expanded.
    """

    def __init__(self, diagram: Diagram, rich: Rich) -> None:
        self.diagram = diagram
        self.rich = rich.html
        # Worked out once per node: a node is named again in every link to it.
        self.names = _names(diagram.nodes.values())
        """Node key -> its anchor, reference ('change idea C3') and label (no user text)."""
        self._titled: dict[str, str] = {}
        self._tier_class = {tier: _escape(tier.name.lower().replace("_", "-")) for tier in Tier}
        # a change idea's status and priority, and a list's '3 change ideas', in words and
        # escaped: a handful of different values, each written thousands of times
        self._status: dict[str, str] = {}
        self._priority: dict[str, str] = {}
        self._count: dict[tuple[int, Tier], str] = {}
        # The links that join items across the lists (by the node they start from and the
        # node they end at), each node's link to the node it is written under when that
        # link is weak, and the measures of each node: indexed in one pass here, so that the
        # loop over the nodes asks a dict (most nodes have none of these) instead of calling
        # a Diagram method three times a node.
        self._across_from: dict[str, list[Link]] = {}
        self._across_to: dict[str, list[Link]] = {}
        self._weak_parent: dict[str, Link] = {}
        for lk in diagram.links:
            if not lk.structural:
                self._across_from.setdefault(lk.source, []).append(lk)
                self._across_to.setdefault(lk.target, []).append(lk)
            # A node's one structural link is to the node it is written under. The test is
            # Link.weak, inlined: a property, so a call for every node of the page.
            elif lk.strength == "weak":
                self._weak_parent[lk.source] = lk
        self._measured: dict[str, list[Measure]] = {}
        for measure in diagram.measures:
            for key in measure.tracks:
                self._measured.setdefault(key, []).append(measure)

    def titled_link(self, node: Node) -> str:
        """A link to a node: 'the aim', or its reference and title."""
        link = self._titled.get(node.key)
        if link is None:
            href, ref, _ = self.names[node.key]
            if node.tier is _AIM:
                link = f'<a href="#{href}">the aim</a>'
            else:
                link = f'<a href="#{href}">{ref}: {self.rich(node.title, terms=False)}</a>'
            self._titled[node.key] = link
        return link

    def link_note(self, note: str | None) -> str:
        return f" Note on this link: {self.rich(note)}" if note else ""

    def link_items(self, links: Sequence[Link]) -> Html:
        """The items of the list of links across the diagram and weak links, one a line."""
        nodes, names, rich = self.diagram.nodes, self.names, self.rich
        out = []
        for link in links:
            source = nodes[link.source]
            href, _, label = names[link.source]
            strength = "Weak link: the team is less sure of it." if link.weak else "Strong link."
            out.append(
                f'<li><a href="#{href}">{label}: {rich(source.title, terms=False)}</a> '
                f"supports {self.titled_link(nodes[link.target])}. {strength}"
                f"{self.link_note(link.note)}</li>"
            )
        return Html("\n".join(out))

    def measure_rows(self, measures: Sequence[Measure]) -> Html:
        """The rows of the table of measures, one a line."""
        return Html("\n".join(self.measure_row(m) for m in measures))

    def measure_row(self, measure: Measure) -> str:
        """One row of the table of measures."""
        nodes, rich = self.diagram.nodes, self.rich
        name = rich(measure.name)
        tracks = []
        for key in measure.tracks:
            node = nodes[key]
            href, _, label = self.names[key]
            if node.tier is _AIM:
                tracks.append(f'<a href="#{href}">The aim</a>')
            else:
                tracks.append(f'<a href="#{href}">{label}: {rich(node.title, terms=False)}</a>')
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
        return (
            f'<tr id="{_escape(measure_anchor(measure))}">\n'
            f'<th scope="row"><span class="label">{_escape(measure.number)}:</span> {name}</th>\n'
            f"<td>{_escape(measure.type.capitalize())} measure</td>\n"
            f"<td>{'; '.join(tracks)}</td>\n"
            f"<td>{''.join(facts) or '<p>None given.</p>'}</td>\n"
            "</tr>"
        )

    def measures_line(self, measures: Sequence[Measure]) -> Html:
        """'Measured by measure M1: …, measure M2: … and measure M3: ….', or nothing."""
        return Html(self._measures_line(measures))

    def _measures_line(self, measures: Sequence[Measure]) -> str:
        if not measures:
            return ""
        out = ['<p class="measured">Measured by ']
        last = len(measures) - 1
        for i, m in enumerate(measures):
            name = self.rich(m.name, terms=False)
            sep = "." if i == last else " and " if i == last - 1 else ", "
            href = _escape(measure_anchor(m))
            out.append(f'<a href="#{href}">measure {_escape(m.number)}: {name}</a>{sep}')
        out.append("</p>\n")
        return "".join(out)

    def body(self, node: Node) -> Html:
        """What the text version says about a node after its title, and the nodes under it."""
        out: list[str] = []
        self._body(node, out)
        return Html("".join(out))

    def _body(self, node: Node, out: list[str]) -> None:
        # The hot loop of the page: run once per node (10,000 times for a big diagram),
        # so it reads everything through locals and does nothing a node does not need.
        rich, names, append = self.rich, self.names, out.append
        nodes, key = self.diagram.nodes, node.key
        if node.description:
            append(f"<p>{rich(node.description)}</p>\n")
        if node.tier is _CHANGE_IDEA and (node.status or node.priority or node.owner):
            append('<p class="idea-facts">')
            if node.status:
                status = self._status.get(node.status)
                if status is None:
                    status = _escape(tw.status_words(node.status) or "")
                    self._status[node.status] = status
                append(f'<span class="fact">Status: {status}.</span>')
            if node.priority:
                priority = self._priority.get(node.priority)
                if priority is None:
                    priority = self._priority[node.priority] = _escape(node.priority)
                append(f' <span class="fact">Priority: {priority}.</span>')
            if node.owner:
                append(f' <span class="fact">Owner: {rich(node.owner)}.</span>')
            append("</p>\n")
        if node.pdsa:
            append(
                '<p class="list-intro">Plan-do-study-act (PDSA) cycles:</p>\n<ul class="pdsa">\n'
            )
            for cycle in node.pdsa:
                append(f"<li>{rich(cycle)}</li>\n")
            append("</ul>\n")
        if node.learning:
            append(f"<p>Learning: {rich(node.learning)}</p>\n")
        # what this node supports: the node it is written under (said only when the link is
        # weak), then the links across the lists
        weak_parent = self._weak_parent.get(key)
        if weak_parent and node.parent:
            append(
                '<p class="link-words"><strong>Weak link:</strong> the team is less sure that '
                f"this supports {self.titled_link(nodes[node.parent])}."
                f"{self.link_note(weak_parent.note)}</p>\n"
            )
        for lk in self._across_from.get(key, ()):
            doubt = " (<strong>weak link</strong>: the team is less sure of it)" if lk.weak else ""
            append(
                f'<p class="link-words">Also supports {self.titled_link(nodes[lk.target])}'
                f"{doubt}.{self.link_note(lk.note)}</p>\n"
            )
        measures = self._measured.get(key)
        append(self._measures_line(measures) + "\n" if measures else "\n")
        # What supports this node: the nodes written under it, then the nodes written
        # elsewhere that also support it (as (node, weak) pairs), listed by tier in the
        # order the tiers first appear.
        across_to = self._across_to.get(key, ())
        if not node.children and not across_to:
            return
        groups: dict[Tier, tuple[list[Node], list[tuple[Node, bool]]]] = {}
        for kid_key in node.children:
            kid = nodes[kid_key]
            group = groups.get(kid.tier)
            if group is None:
                group = groups[kid.tier] = ([], [])
            group[0].append(kid)
        for lk in across_to:
            source = nodes[lk.source]
            group = groups.get(source.tier)
            if group is None:
                group = groups[source.tier] = ([], [])
            group[1].append((source, lk.weak))
        ref = names[key][1]
        for tier, (kids, refs) in groups.items():
            n = len(kids) + len(refs)
            count = self._count.get((n, tier))
            if count is None:
                count = self._count[n, tier] = _escape(count_phrase(n, tier).capitalize())
            append(
                f'<p class="list-intro">{count} '
                f"{'supports' if n == 1 else 'support'} {ref}:</p>\n"
                f'<ul class="tree tier-{self._tier_class[tier]}">\n'
            )
            for kid in kids:
                href, _, label = names[kid.key]
                append(
                    f'<li id="{href}">\n<p class="item-title">'
                    f'<span class="label">{label}:</span> {rich(kid.title)}</p>\n'
                )
                self._body(kid, out)
                append("\n</li>\n")
            for source, weak in refs:
                href, source_ref, label = names[source.key]
                append(
                    '<li class="reference">\n<p class="item-title">'
                    f'<span class="label">{label}:</span> {rich(source.title, terms=False)}</p>\n'
                )
                where = (
                    self.titled_link(nodes[source.parent])
                    if source.parent
                    else f'<a href="#{href}">{source_ref}</a>'
                )
                strong = "<strong>Weak link.</strong> " if weak else ""
                append(f'<p class="link-words">{strong}Described under {where}.</p>\n</li>\n')
            append("</ul>\n")


def svg_width(svg: str) -> float | None:
    """The drawing's natural width (its viewBox width), or None."""
    match = _VIEWBOX.search(svg)
    return float(match.group(1)) if match else None


def diagram_svg(diagram: Diagram, options: RenderOptions) -> str:
    from ..svg import svg_markup

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


@lru_cache(maxsize=16)
def stylesheet(theme: str, svg_width: str | None) -> str:
    """The page's inline CSS: the same for every page with this theme and drawing width.

    Made once per process for each, not once per page: it interpolates about forty colours
    and was about a tenth of the time of a page for a small diagram. It depends on nothing
    but its arguments, the constant PAGE_THEMES and the template, so it cannot go stale.
    """
    page_theme = PAGE_THEMES[theme]
    template = environment().get_template(STYLESHEET_TEMPLATE)
    return template.render(
        light=page_theme.light,
        dark=page_theme.dark,
        dark_svg=page_theme.dark_svg,
        svg_width=svg_width,
    )


def page_context(diagram: Diagram, options: RenderOptions, svg: str) -> dict[str, object]:
    get_theme(options.theme)  # an unknown theme is a usage error, said once, by theme.py
    theme = options.theme.lower()
    width = svg_width(svg)
    width_text = f"{width:.0f}" if width else None
    meta = diagram.meta
    aim = diagram.aim
    parts = [count_phrase(n, tier) for tier, n in diagram.counts.items() if n]
    if diagram.measures and options.show_measures:
        parts.append(tw.plural(len(diagram.measures), "measure"))
    # (lk.strength == "weak" is Link.weak without a property call per link)
    links_in_words = [lk for lk in diagram.links if not lk.structural or lk.strength == "weak"]
    rich = Rich(diagram)
    text_version = TextVersion(diagram, rich)
    return {
        "d": diagram,
        "meta": meta,
        "options": options,
        "stylesheet": Html(stylesheet(theme, width_text)),  # colours, not user text
        "svg": Html(_in_language(svg, rich.lang)),  # render.svg escapes its user text
        # the page's own words are English (see Rich); the drawing is mostly user text
        "chrome_lang": None if rich.lang is None else "en",
        "region_label": REGION_LABEL,
        "text_version_id": TEXT_VERSION_ID,
        "rich": rich,
        # The markup repeated per node, link and measure (see TextVersion). The template
        # calls these where their markup goes, not here: rich() must see the page's text
        # in reading order (glossary terms are expanded at their first use).
        "body": text_version.body,
        "measures_line": text_version.measures_line,
        "link_items": text_version.link_items,
        "measure_rows": text_version.measure_rows,
        "aim_measures": diagram.measures_for(diagram.aim_key),
        "primaries": diagram.tier(Tier.PRIMARY),
        "aim_node": diagram.aim_node,
        # the aim's parts and the footer's facts that are given
        "aim_parts": tw.given(
            ("Description", aim.description),
            ("Baseline", aim.baseline),
            ("Target", aim.target),
            ("Deadline", aim.deadline),
            ("Who it is for", aim.population),
        ),
        "counts": tw.join_and(parts),
        "numbering": tw.numbering_sentences(diagram),
        "links_in_words": links_in_words,
        "theory": diagram.theory if options.show_theory else None,
        "measures": diagram.measures if options.show_measures else (),
        "footer_items": tw.given(
            ("Version", meta.version),
            ("Last updated", meta.updated),
            ("Owner", meta.owner),
            ("Licence", meta.licence),
        ),
        "source_url": safe_url(meta.source),
    }


def render_page(diagram: Diagram, options: RenderOptions, svg: str) -> str:
    template = environment().get_template(TEMPLATE)
    return template.render(page_context(diagram, options, svg))


def render(diagram: Diagram, options: RenderOptions, *, fmt: str = "html") -> bytes:
    """The page as UTF-8 bytes."""
    return render_page(diagram, options, diagram_svg(diagram, options)).encode("utf-8")

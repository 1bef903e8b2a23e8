"""The text version of the diagram: the markup of its section of the page, from the view.

The aim, a heading per primary driver with nested lists of what supports it (the
items written under each node, then the ones written elsewhere that also support
it), every link across the lists and every weak link in words, the measures table
and the glossary.

User text goes in only through ``rich`` (see :mod:`.richtext`), called in reading
order. Every other value comes from :mod:`.view`, made by impact from fixed words,
numbers and validated enum values, so it holds nothing to escape.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..textwords import join_and
from .charts import charts

if TYPE_CHECKING:  # pragma: no cover
    from .richtext import RichText
    from .view import Entry, Group, LinkWords, MeasureView, Name, PageView

INTRO = (
    "Each item supports the item it is listed under; links that join items across the "
    "lists, and weak links that the team is less sure of, are stated in words."
)
MEASURES_HEAD = (
    '<tr><th scope="col">Measure</th><th scope="col">Type</th>'
    '<th scope="col">What it tracks</th><th scope="col">Details</th></tr>'
)


def text_version(page: PageView, rich: RichText) -> str:
    """The ``<section>``, its parts in reading order (a blank line after each)."""
    numbering = "".join(f" {line}" for line in page.numbering)
    return "".join(
        [
            '<section class="text-version width" aria-labelledby="text-version">\n'
            '<h2 id="text-version">Text version of the driver diagram</h2>\n'
            f"<p>This driver diagram has {page.counts}.{numbering} {INTRO}</p>\n\n",
            aim(page, rich),
            "\n",
            theory(page, rich),
            "\n",
            *(primary_driver(primary, len(page.primaries), rich) for primary in page.primaries),
            not_yet_linked(page, rich),
            "\n",
            links(page, rich),
            "\n",
            measures(page, rich),
            charts(page.charts, rich),
            "\n",
            glossary(page, rich),
            # the link and its full stop in one span, hidden together on paper
            '<p class="end">End of the text version.<span class="to-top"> '
            '<a href="#main">Back to the top of the page</a>.</span></p>\n</section>\n',
        ]
    )


def aim(page: PageView, rich: RichText) -> str:
    return (
        f'<h3 id="{page.aim.anchor}">Aim</h3>\n'
        f'<p class="aim-statement">{rich(page.aim.title)}</p>\n'
        + details("details", page.aim_parts, rich)
        + measured_by(page.aim_measures, rich)
        + "\n"
    )


def theory(page: PageView, rich: RichText) -> str:
    if not page.theory:
        return ""
    heading = '<h3 id="theory-of-change">Theory of change</h3>\n'
    return heading + details("details theory", page.theory, rich)


def primary_driver(primary: Entry, of: int, rich: RichText) -> str:
    name = primary.name
    return (
        f'<div class="primary-driver" id="{name.anchor}">\n'
        f'<h3 class="primary">{name.label} of {of}: {rich(name.title)}</h3>\n'
        f"{entry(primary, rich)}\n</div>\n"
    )


def not_yet_linked(page: PageView, rich: RichText) -> str:
    """'No drivers yet', and the items whose place is not known yet, or nothing."""
    out = [] if page.primaries else ["<p>No drivers yet.</p>\n"]
    if page.unlinked:
        out.append(f'<h3 id="not-yet-linked">{page.unlinked_heading}</h3>\n<ul>\n')
        for e in page.unlinked:
            out.append(
                f'<li id="{e.name.anchor}">{e.name.label}: {rich(e.name.title)}\n'
                f"{entry(e, rich)}</li>\n"
            )
        out.append("</ul>\n")
    return "".join(out)


def links(page: PageView, rich: RichText) -> str:
    """Every link across the lists and every weak link, in words, or nothing."""
    if not page.links:
        return ""
    items = "".join(f"{link_item(link, rich)}\n" for link in page.links)
    return (
        '<h3 id="links">Links across the diagram and weak links</h3>\n'
        f'<p>{page.links_intro}</p>\n<ul class="links">\n{items}</ul>\n'
    )


def measures(page: PageView, rich: RichText) -> str:
    """The table of measures, or nothing."""
    if not page.measures:
        return ""
    rows = "".join(f"{measure_row(measure, rich)}\n" for measure in page.measures)
    return (
        '<h3 id="measures">Measures</h3>\n<table class="measures">\n'
        f"<caption>{page.measures_caption}</caption>\n"
        f"<thead>\n{MEASURES_HEAD}\n</thead>\n<tbody>\n{rows}</tbody>\n</table>\n"
    )


def glossary(page: PageView, rich: RichText) -> str:
    if not page.glossary:
        return ""
    terms = "".join(
        f"<dt>{rich(term, terms=False)}</dt>\n<dd>{rich(expansion, terms=False)}</dd>\n"
        for term, expansion in page.glossary
    )
    return f'<h3 id="glossary">Glossary</h3>\n<dl class="glossary">\n{terms}</dl>\n'


def details(css_class: str, rows: tuple[tuple[str, str], ...], rich: RichText) -> str:
    """A description list of (label, user text) rows, or nothing when there are none."""
    if not rows:
        return ""
    items = "".join(f"<dt>{label}</dt>\n<dd>{rich(text)}</dd>\n" for label, text in rows)
    return f'<dl class="{css_class}">\n{items}</dl>\n'


def entry(e: Entry, rich: RichText) -> str:
    """What the text version says about a node after its title, then what supports it."""
    return said(e, rich) + "".join(supporters(group, rich) for group in e.groups)


def said(e: Entry, rich: RichText) -> str:
    """A node's details, the links from it that the lists do not show, and its measures."""
    out = []
    if e.description:
        out.append(f"<p>{rich(e.description)}</p>\n")
    if e.status or e.priority or e.owner:
        out.append('<p class="idea-facts">')
        if e.status:
            out.append(f'<span class="fact">Status: {e.status}.</span>')
        if e.priority:
            out.append(f' <span class="fact">Priority: {e.priority}.</span>')
        if e.owner:
            out.append(f' <span class="fact">Owner: {rich(e.owner)}.</span>')
        out.append("</p>\n")
    if e.pdsa:
        cycles = "".join(f"<li>{rich(cycle)}</li>\n" for cycle in e.pdsa)
        out.append(
            '<p class="list-intro">Plan-do-study-act (PDSA) cycles:</p>\n'
            f'<ul class="pdsa">\n{cycles}</ul>\n'
        )
    if e.learning:
        out.append(f"<p>Learning: {rich(e.learning)}</p>\n")
    home = e.home
    if home and home.unconfirmed:
        out.append(
            '<p class="link-words"><strong>Link not confirmed:</strong> a draft or a source shows '
            f"that this supports {node_link(home.target, rich)}; nobody has confirmed it."
            f"{link_note(home, rich)}</p>\n"
        )
    elif home and home.weak:
        out.append(
            '<p class="link-words"><strong>Weak link:</strong> the team is less sure that this '
            f"supports {node_link(home.target, rich)}.{link_note(home, rich)}</p>\n"
        )
    elif home and home.note:
        out.append(
            f'<p class="link-words">Supports {node_link(home.target, rich)}.'
            f"{link_note(home, rich)}</p>\n"
        )
    for link in e.also:
        doubt = " (<strong>weak link</strong>: the team is less sure of it)" if link.weak else ""
        if link.unconfirmed:
            doubt = " (<strong>link not confirmed</strong>)"
        out.append(
            f'<p class="link-words">Also supports {node_link(link.target, rich)}{doubt}.'
            f"{link_note(link, rich)}</p>\n"
        )
    out.append(measured_by(e.measures, rich) + "\n")
    return "".join(out)


def supporters(group: Group, rich: RichText) -> str:
    """The list of one tier's items that support a node: the ones written under it, each
    with its own entry, then the ones written elsewhere, named with where they are."""
    out = [f'<p class="list-intro">{group.intro}</p>\n<ul class="tree tier-{group.tier}">\n']
    out += [item(written, rich) for written in group.entries]
    for reference in group.references:
        name = reference.name
        weak = "<strong>Weak link.</strong> " if reference.weak else ""
        out.append(
            '<li class="reference">\n<p class="item-title">'
            f'<span class="label">{name.label}:</span> {rich(name.title, terms=False)}</p>\n'
            f'<p class="link-words">{weak}Described under {node_link(reference.home, rich)}.'
            "</p>\n</li>\n"
        )
    out.append("</ul>\n")
    return "".join(out)


def item(e: Entry, rich: RichText) -> str:
    """An item written in full: its title, what is said about it and what supports it."""
    name = e.name
    return (
        f'<li id="{name.anchor}">\n<p class="item-title">'
        f'<span class="label">{name.label}:</span> {rich(name.title)}</p>\n'
        f"{entry(e, rich)}\n</li>\n"
    )


def node_link(name: Name, rich: RichText, words: str | None = None) -> str:
    """A link to a node: 'primary driver 2: Its title' (``words`` instead of its
    reference), or just 'the aim'."""
    title = "" if name.is_aim else f": {rich(name.title, terms=False)}"
    return f'<a href="#{name.anchor}">{words or name.ref}{title}</a>'


def link_note(link: LinkWords, rich: RichText) -> str:
    return f" Note on this link: {rich(link.note)}" if link.note else ""


def link_item(link: LinkWords, rich: RichText) -> str:
    source = node_link(link.source, rich, link.source.label)
    strength = "Weak link: the team is less sure of it." if link.weak else "Strong link."
    if link.unconfirmed:
        strength = "Link not confirmed: a draft or a source shows it; nobody has confirmed it."
    return (
        f"<li>{source} supports {node_link(link.target, rich)}. {strength}"
        f"{link_note(link, rich)}</li>"
    )


def measured_by(measures: tuple[MeasureView, ...], rich: RichText) -> str:
    """'Measured by measure M1: …, measure M2: … and measure M3: ….', or nothing."""
    if not measures:
        return ""
    links = [
        f'<a href="#{m.anchor}">measure {m.number}: {rich(m.name, terms=False)}</a>'
        for m in measures
    ]
    return f'<p class="measured">Measured by {join_and(links)}.</p>\n'


def measure_row(m: MeasureView, rich: RichText) -> str:
    """One row of the table of measures."""
    name = rich(m.name)
    tracks = "; ".join(node_link(node, rich, node.label) for node in m.tracks)
    given = "".join(
        f'<p><span class="label">{label}:</span> {rich(text)}</p>' for label, text in m.details
    )
    return (
        f'<tr id="{m.anchor}">\n'
        f'<th scope="row"><span class="label">{m.number}:</span> {name}</th>\n'
        f"<td>{m.kind}</td>\n"
        f'<td class="tracks">{tracks}</td>\n'
        f"<td>{given or '<p>None given.</p>'}</td>\n"
        "</tr>"
    )

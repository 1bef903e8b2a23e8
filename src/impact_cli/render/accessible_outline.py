"""The accessible outline (``impact outline --accessible``), written to be heard.

The text alternative to the drawing (accessibility guide A4), for a screen-reader
user: one item per line, full sentences, no symbols or drawing characters, every
item saying where it sits, every many-to-many and weak link stated from both ends
and again in a final list of links, glossary abbreviations expanded at first use.

This module gives the document in reading order: an opening that says what the
text holds and how to read its numbers, the theory of change, the aim, the drivers
and change ideas and the list of links (:mod:`.accessible_drivers`), the measures,
the glossary and the details about the diagram. Lines and user text go through one
:class:`~.accessible_writer.Writer`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..diagram import Tier
from . import accessible_charts, accessible_drivers
from .accessible_writer import Writer
from .links import listed_by_tier
from .textwords import (
    about_rows,
    aim_rows,
    capitalise,
    clean,
    diagram_counts,
    join_and,
    measure_rows,
    measure_type_words,
    numbering_sentences,
    plural,
    ref,
    sentence,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..diagram import Diagram, Measure
    from . import RenderOptions


def accessible_outline(diagram: Diagram, options: RenderOptions) -> str:
    """The text alternative, written to be heard (see the module docstring)."""
    w = Writer(diagram, options)
    _opening(w)
    if options.show_theory and diagram.theory and any(v for _, v in diagram.theory.parts):
        w.blank()
        w.say("Theory of change.")
        for label, value in diagram.theory.parts:
            if value:
                w.say(sentence(f"{label}: {w.t(value)}"))
    w.blank()
    _aim(w)
    w.blank()
    accessible_drivers.drivers(w)
    w.blank()
    accessible_drivers.links(w)
    if options.show_measures and diagram.measures:
        w.blank()
        _measures(w)
        accessible_charts.charts(w)
    if diagram.glossary:
        w.blank()
        w.say("Glossary.")
        for term, expansion in diagram.glossary:
            w.say(sentence(f"{clean(term)}: {clean(expansion)}"))
    _about(w)
    w.blank()
    w.say("End of text version.")
    return w.text()


def _opening(w: Writer) -> None:
    """The title, then what the text holds and how to read it."""
    d = w.d
    meta = d.meta
    w.say(
        sentence(f"Driver diagram: {w.t(meta.title)}"),
        sentence(w.t(meta.subtitle)) if meta.subtitle else None,
    )
    if meta.summary:
        w.say(sentence(f"Summary: {w.t(meta.summary)}"))
    measures = len(d.measures) if w.options.show_measures else 0
    w.say(
        "This is the text version of the driver diagram.",
        f"It has {diagram_counts(d)}.",
        f"It also has {plural(measures, 'measure')}." if measures else None,
    )
    w.say("How to read the numbers.", *numbering_sentences(d, measures=bool(measures)))
    sections = []
    if w.options.show_theory and d.theory:
        sections.append("the theory of change")
    sections += ["the aim", "each primary driver with what is listed under it", "the links"]
    if measures:
        sections.append("the measures")
    if d.glossary:
        sections.append("a glossary")
    if about_rows(meta):
        sections.append("details about the diagram")
    example = _where_example(d)
    w.say(
        f"Each item says where it sits, for example: {example}." if example else None,
        "An item that supports more than one driver is written in full once, and named "
        "again under each other driver it supports.",
        "Weak links, where the team is less sure of the effect, are stated as weak."
        if any(link.weak for link in d.links)
        else None,
        f"The text gives {join_and(sections)}.",
    )


def _where_example(d: Diagram) -> str | None:
    """How the first item listed under a primary driver says where it sits (as the
    drivers section words it), so the example names an item this diagram has; None
    for an aim with no drivers yet."""
    primaries = d.tier(Tier.PRIMARY)
    for primary in primaries:
        groups = listed_by_tier(d, primary)
        if groups:
            first = groups[0]
            return f"{capitalise(ref(first[0][0]))} (1 of {len(first)} under {ref(primary)})"
    return f"Primary driver 1 of {len(primaries)}" if primaries else None


def _aim(w: Writer) -> None:
    aim = w.d.aim
    w.say(sentence(f"Aim: {w.t(aim.statement)}"))
    for label, value in aim_rows(aim):
        w.say(sentence(f"{label}: {w.t(value)}"))
    tracked = w.tracked_by(w.d.aim_node)
    if tracked:
        w.say(f"The aim is {tracked[0].lower()}{tracked[1:]}")


def _measures(w: Writer) -> None:
    ms = w.d.measures
    by_type: dict[str, int] = {}
    for m in ms:
        by_type[m.type] = by_type.get(m.type, 0) + 1
    kinds = join_and([plural(n, measure_type_words(t)) for t, n in by_type.items()])
    w.say(
        "Measures.",
        f"There {'is' if len(ms) == 1 else 'are'} {plural(len(ms), 'measure')}: {kinds}.",
    )
    for m in ms:
        w.say(
            sentence(f"Measure {m.number} of {len(ms)}: {w.t(m.name)}"),
            sentence(f"Type: {measure_type_words(m.type)}"),
            _tracks(w, m),
            *[sentence(f"{label}: {w.t(value)}") for label, value in measure_rows(m)],
        )


def _tracks(w: Writer, m: Measure) -> str | None:
    nodes = [w.d.nodes[k] for k in m.tracks if k in w.d.nodes]
    if not nodes:
        return None
    names = ["the aim" if n.tier is Tier.AIM else f"{ref(n)}: {w.title(n.key)}" for n in nodes]
    return sentence(f"It tracks {'; '.join(names)}")


def _about(w: Writer) -> None:
    rows = about_rows(w.d.meta)
    if not rows:
        return
    w.blank()
    w.say("About this diagram.")
    for label, value in rows:
        # a source (a URL or citation) is quoted as written: no term is expanded in it
        w.say(sentence(f"{label}: {clean(value) if label == 'Source' else w.t(value)}"))

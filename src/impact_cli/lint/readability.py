"""DD-X: can people read it: abbreviations explained, a size that fits one picture."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Span
from ..diagram import Diagram, Tier
from . import patterns as p
from .engine import Finding, I, check, rule

CATEGORY = "readability"
MAX_LEAVES = 25

rule(
    "DD-X04",
    "abbreviation-not-in-glossary",
    I,
    "An abbreviation (2 to 6 capitals) is used without a glossary entry.",
    rationale="Driver diagrams travel beyond the team that wrote them; an unexplained "
    "abbreviation (SSI, VTE, EOLC) shuts readers out, and the glossary is what impact uses "
    "to mark abbreviations up for screen readers (<abbr>).",
    source="WCAG 2.2 success criterion 3.1.4 'Abbreviations'; NHS digital service manual, "
    "content style guide ('Abbreviations and acronyms')",
    fix="Add the abbreviation to 'glossary:' with its expansion, or write it out.",
    category=CATEGORY,
)
rule(
    "DD-X05",
    "diagram-too-large",
    I,
    f"The diagram has more than {MAX_LEAVES} leaves: too many to read as one picture.",
    rationale="A diagram with dozens of boxes in its last column no longer fits a page or a "
    "screen (the published NHS IMPACT diagram had to be rotated); one overview plus one "
    "diagram per primary driver reads better.",
    source="DoView drill-down diagrams; NHS IMPACT driver diagram (published rotated 90 degrees)",
    fix="Render with 'impact render --split' (an overview plus one diagram per primary "
    "driver), or split the file.",
    category=CATEGORY,
)


@check("DD-X04")
def check_abbreviations(diagram: Diagram) -> Iterator[Finding]:
    known: set[str] = set()
    for term, _ in diagram.glossary:
        known.add(term)
        known.update(term.split())
    seen: set[str] = set()

    def scan(text: str | None, span: Span, where: str) -> Iterator[Finding]:
        if not text:
            return
        for match in p.ABBREVIATION.finditer(text):
            word = match.group()
            if word in seen or word in known or word in p.NOT_ABBREVIATIONS:
                continue
            seen.add(word)
            yield Finding("DD-X04", span, f"'{word}' (in {where}) is not explained in the glossary")

    aim = diagram.aim
    aim_span = diagram.aim_node.span
    for text in (aim.statement, aim.description, aim.baseline, aim.target, aim.population):
        yield from scan(text, aim_span, "the aim")
    for node in diagram.nodes.values():
        if node.tier is Tier.AIM:
            continue
        where = f"{node.tier.label} {node.number}"
        yield from scan(node.title, node.span, where)
        yield from scan(node.description, node.span, where)
    for m in diagram.measures:
        yield from scan(m.name, m.span, f"measure {m.number}")
        yield from scan(m.definition, m.span, f"measure {m.number}")
    if diagram.theory is not None:
        for _, text in diagram.theory.parts:
            yield from scan(text, aim_span, "the theory of change")


@check("DD-X05")
def check_size(diagram: Diagram) -> Iterator[Finding]:
    leaves = sum(
        1
        for node in diagram.nodes.values()
        if node.tier is not Tier.AIM and not diagram.links_to(node.key)
    )
    if leaves > MAX_LEAVES:
        yield Finding(
            "DD-X05",
            diagram.aim_node.span,
            f"{leaves} leaves (boxes with nothing to their right): too many for one picture; "
            "try 'impact render --split'",
        )

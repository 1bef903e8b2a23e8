"""DD-X: can people read it: abbreviations explained, a size that fits one picture."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import TypeGuard

from ..diagnostics import Severity, Span
from ..diagram import Diagram, Tier
from ..rules import Rule
from . import patterns as p
from .engine import Check, Finding

CATEGORY = "readability"
MAX_LEAVES = 25

RULES = (
    Rule(
        code="DD-X04",
        name="abbreviation-not-in-glossary",
        severity=Severity.INFO,
        summary="An abbreviation (2 to 6 capitals) is used without a glossary entry.",
        rationale="Driver diagrams travel beyond the team that wrote them; an unexplained "
        "abbreviation (SSI, VTE, EOLC) shuts readers out, and the glossary is what impact uses "
        "to mark abbreviations up for screen readers (<abbr>).",
        source="WCAG 2.2 success criterion 3.1.4 'Abbreviations'; NHS digital service manual, "
        "content style guide ('Abbreviations and acronyms')",
        fix="Add the abbreviation to 'glossary:' with its expansion, or write it out.",
        category=CATEGORY,
    ),
    Rule(
        code="DD-X05",
        name="diagram-too-large",
        severity=Severity.INFO,
        summary=f"The diagram has more than {MAX_LEAVES} leaves: too many to read as one picture.",
        rationale="A diagram with dozens of boxes in its last column no longer fits a page or a "
        "screen (the published NHS IMPACT diagram had to be rotated); one overview plus one "
        "diagram per primary driver reads better.",
        source="DoView drill-down diagrams; NHS IMPACT driver diagram (published rotated 90 "
        "degrees)",
        fix="Render with 'impact render --split' (an overview plus one diagram per primary "
        "driver), or split the file.",
        category=CATEGORY,
    ),
)


def _may_hold_abbreviation(text: str | None) -> TypeGuard[str]:
    """False when ``text`` is empty or has no capital after its first character.

    An abbreviation is two capitals in a row; most texts are sentences and have
    none, so they need no search.
    """
    if not text:
        return False
    tail = text[1:]
    return tail != tail.lower()


def check_abbreviations(diagram: Diagram, active: Collection[str]) -> Iterator[Finding]:
    known: set[str] = set()
    for term, _ in diagram.glossary:
        known.add(term)
        known.update(term.split())
    seen: set[str] = set()
    abbreviations = p.ABBREVIATION.regex

    def scan(text: str, span: Span, where: str) -> Iterator[Finding]:
        for match in abbreviations.finditer(text):
            word = match.group()
            if word in seen or word in known or word in p.NOT_ABBREVIATIONS:
                continue
            seen.add(word)
            yield ("DD-X04", span, f"'{word}' (in {where}) is not explained in the glossary")

    aim = diagram.aim
    aim_span = diagram.aim_node.span
    for text in (aim.statement, aim.description, aim.baseline, aim.target, aim.population):
        if _may_hold_abbreviation(text):
            yield from scan(text, aim_span, "the aim")
    for node in diagram.nodes.values():
        texts = [t for t in (node.title, node.description) if _may_hold_abbreviation(t)]
        if texts and node.tier is not Tier.AIM:
            where = f"{node.tier.label} {node.number}"
            for text in texts:
                yield from scan(text, node.span, where)
    for m in diagram.measures:
        if _may_hold_abbreviation(m.name):
            yield from scan(m.name, m.span, f"measure {m.number}")
        if _may_hold_abbreviation(m.definition):
            yield from scan(m.definition, m.span, f"measure {m.number}")
    if diagram.theory is not None:
        for _, text in diagram.theory.parts:
            if _may_hold_abbreviation(text):
                yield from scan(text, aim_span, "the theory of change")


def check_size(diagram: Diagram, active: Collection[str]) -> Iterator[Finding]:
    # a leaf is a box (a node other than the aim) that no link points at
    leaves = diagram.nodes.keys() - diagram.targets
    leaves.discard(diagram.aim_key)
    if len(leaves) > MAX_LEAVES:
        yield (
            "DD-X05",
            diagram.aim_node.span,
            f"{len(leaves)} leaves (boxes with nothing to their right): too many for one picture; "
            "try 'impact render --split'",
        )


CHECKS = (
    Check(("DD-X04",), check_abbreviations),
    Check(("DD-X05",), check_size),
)

"""DD-X: can people read it: abbreviations explained, a size that fits one picture."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from ..diagnostics import Severity, Span
from ..diagram import Diagram, Tier
from ..rules import Rule
from . import abbreviations as ab
from .engine import Check, Finding

CATEGORY = "readability"
MAX_LEAVES = 25

RULES = (
    Rule(
        code="DD-X04",
        name="abbreviation-not-in-glossary",
        severity=Severity.INFO,
        summary="An abbreviation (2 to 6 capitals, or a short word with no vowel such as 'pt') "
        "is used without a glossary entry or being written out.",
        rationale="Driver diagrams travel beyond the team that wrote them; an unexplained "
        "abbreviation (SSI, VTE, EOLC) shuts readers out, and the glossary is what impact uses "
        "to mark abbreviations up for screen readers (<abbr>).",
        source="WCAG 2.2 success criterion 3.1.4 'Abbreviations'; NHS digital service manual, "
        "content style guide ('Abbreviations and acronyms')",
        fix="Add the abbreviation to 'glossary:' with its expansion, or write it out where it "
        "is first used: 'end of life care (EOLC)'.",
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


def check_abbreviations(diagram: Diagram, active: Collection[str]) -> Iterator[Finding]:
    """Each abbreviation once, where it is first used, unless the glossary explains it or
    the diagram writes it out (in the sentence that uses it, or as a name elsewhere)."""
    places = list(_texts(diagram))
    known: set[str] = set()
    for term, _ in diagram.glossary:
        known.add(term)
        known.update(term.split())
    known_lower = {term.lower() for term in known}  # 'Pt' in the glossary explains 'pt'
    written_out: ab.SpelledOut | None = None  # read only when a word needs it
    seen: set[str] = set()
    capitals, contractions = ab.ABBREVIATION.regex, ab.LOWER_ABBREVIATION.regex
    for text, span, where in places:
        for match in [*capitals.finditer(text), *contractions.finditer(text)]:
            word = match.group()
            folded = word.lower()
            if word in known or folded in known_lower or word in ab.NOT_ABBREVIATIONS:
                continue
            if written_out is None:
                written_out = ab.SpelledOut([text for text, _, _ in places])
            if word in written_out:
                continue
            if folded in ab.KNOWN_CONTRACTIONS or folded in seen:
                continue
            seen.add(folded)
            yield ("DD-X04", span, f"'{word}' (in {where}) is not explained in the glossary")


def _texts(diagram: Diagram) -> Iterator[tuple[str, Span, str]]:
    """Every text of the diagram, with where it is, in reading order."""
    aim = diagram.aim
    aim_span = diagram.aim_node.span
    for text in (aim.statement, aim.description, aim.baseline, aim.target, aim.population):
        if text:
            yield text, aim_span, "the aim"
    for node in diagram.nodes.values():
        if node.tier is not Tier.AIM:
            where = f"{node.tier.label} {node.number}"
            for text in (node.title, node.description):
                if text:
                    yield text, node.span, where
    for m in diagram.measures:
        for text in (m.name, m.definition):
            if text:
                yield text, m.span, f"measure {m.number}"
    if diagram.theory is not None:
        for _, text in diagram.theory.parts:
            if text:
                yield text, diagram.theory.span or aim_span, "the theory of change"


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

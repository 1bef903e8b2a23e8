"""DD-T: is the theory of change statement complete and about the aim?

Findings are located on the ``theory_of_change`` mapping.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from ..diagnostics import Severity
from ..diagram import Diagram
from ..rules import Rule
from . import theory_words
from .engine import Check, Finding

CATEGORY = "theory of change"

RULES = (
    Rule(
        code="DD-T01",
        name="theory-incomplete",
        severity=Severity.WARNING,
        summary="The theory of change gives some of 'if we', 'we will', 'so that' but not all "
        "three.",
        rationale="The statement reads the diagram as one hypothesis: if we make these changes "
        "(change ideas), we will see these drivers move, so that the aim is met. A part missing "
        "leaves the hypothesis unstated.",
        source="impact house convention (no published QI source uses this exact wording), after "
        "the Carnegie Foundation driver diagram concepts activity (an 'articulated theory or "
        "hypothesis statement') and tools4dev, 'How to write a theory of change' ('if we do X "
        "then Y will change because...')",
        fix="Give all three of 'if_we', 'we_will' and 'so_that', or remove 'theory_of_change'.",
        category=CATEGORY,
        profiles={"permissive": Severity.INFO},
    ),
    Rule(
        code="DD-T02",
        name="theory-so-that-echoes-aim",
        severity=Severity.INFO,
        summary="The theory's 'so that' shares no key word with the aim.",
        rationale="'So that' is the aim in the theory's words; when they share nothing, one of "
        "them has drifted from the other.",
        source="Bennett & Provost, Quality Progress 48(7) (2015) ('everything to the right of the "
        "aim statement identifies a theory'); Carnegie Foundation driver diagram concepts activity",
        fix="Use the aim's own words (what improves, for whom) in 'so_that'.",
        category=CATEGORY,
    ),
)


def check_theory(diagram: Diagram, active: Collection[str]) -> Iterator[Finding]:
    theory = diagram.theory
    if theory is None:
        return
    span = theory.span or diagram.aim_node.span
    parts = theory.parts
    missing = [name for name, text in parts if not text]
    if missing and len(missing) < len(parts):
        names = " and ".join(f"'{name}'" for name in missing)
        yield ("DD-T01", span, f"the theory of change has no {names} part")
    if theory.so_that and "DD-T02" in active:
        aim = diagram.aim
        aim_text = " ".join(
            t for t in (aim.statement, aim.description, aim.target, aim.population) if t
        )
        if not theory_words.key_words(theory.so_that) & theory_words.key_words(aim_text):
            yield ("DD-T02", span, "the theory's 'so that' shares no key word with the aim")


CHECKS = (Check(("DD-T01", "DD-T02"), check_theory),)

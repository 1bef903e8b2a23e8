"""DD-M: is the measurement plan complete (balancing measure, definitions, targets)?"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from ..diagnostics import Severity
from ..diagram import Diagram
from ..rules import Rule
from .engine import Check, Finding

CATEGORY = "measures"

RULES = (
    Rule(
        code="DD-M01",
        name="balancing-measure",
        severity=Severity.WARNING,
        summary="Measures are given but none is a balancing measure.",
        rationale="Changes to one part of a system can harm another; a balancing measure watches "
        "for the unintended consequence (the LIFE example: 'am I starving myself and fainting?').",
        source="IHI Model for Improvement, 'Establishing measures' (outcome, process and "
        "balancing measures); LIFE QI slides; CEC measurement plan template",
        fix="Add a measure with 'type: balancing' for the side effect the changes could cause.",
        category=CATEGORY,
        profiles={"permissive": None},
    ),
    Rule(
        code="DD-M02",
        name="measure-definition",
        severity=Severity.INFO,
        summary="A measure has no operational definition.",
        rationale="Without a definition (numerator, denominator, exclusions) two people collect "
        "different numbers for the same measure, and a run chart shows noise.",
        source="CEC 'Measurement strategy' template (operational definition); IHI Model for "
        "Improvement, 'Establishing measures'",
        fix="Add 'definition:' with the numerator, the denominator and any exclusions.",
        category=CATEGORY,
        profiles={"permissive": None},
    ),
    Rule(
        code="DD-M03",
        name="measure-tracks-nothing",
        severity=Severity.WARNING,
        summary="A measure is not linked to the aim, a driver or a change idea.",
        rationale="'As you identify each driver, establish a way to measure it': a measure that "
        "tracks nothing cannot show whether any part of the theory is working.",
        source="IHI QI Essentials Toolkit: Driver Diagram",
        fix="Add 'tracks: [<id>]' naming the aim, driver or change idea the measure is for.",
        category=CATEGORY,
        profiles={"permissive": Severity.INFO},
    ),
)


def check_balancing(diagram: Diagram, active: Collection[str]) -> Iterator[Finding]:
    measures = diagram.measures
    if measures and not any(m.type == "balancing" for m in measures):
        yield (
            "DD-M01",
            measures[0].span,
            f"{len(measures)} measure{'s' if len(measures) != 1 else ''} but no balancing measure",
        )


def check_measures(diagram: Diagram, active: Collection[str]) -> Iterator[Finding]:
    for m in diagram.measures:
        if not m.definition:
            yield ("DD-M02", m.span, f"measure {m.number} '{m.name}' has no definition")
        if not m.tracks:
            yield ("DD-M03", m.span, f"measure {m.number} '{m.name}' tracks nothing")


CHECKS = (
    Check(("DD-M01",), check_balancing),
    Check(("DD-M02", "DD-M03"), check_measures),
)

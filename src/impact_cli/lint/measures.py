"""DD-M: is the measurement plan complete (balancing measure, definitions, targets), and
can the charts of measures with data be read (direction of improvement, target)?"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from ..diagnostics import Severity
from ..diagram import Diagram, Measure
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
    Rule(
        code="DD-M04",
        name="measure-direction",
        severity=Severity.WARNING,
        summary="A measure with data does not say which way is better.",
        rationale="Special cause is improvement or concern only once the direction is known; "
        "without it the chart can only say 'neither', and no assurance can be given.",
        source="NHS England, Making Data Count (variation icons: improvement, concern, "
        "neither); NHSRplotthedots 'improvement_direction'",
        fix="Add 'improvement: increase' (higher is better), 'decrease', or 'neither'.",
        category=CATEGORY,
        profiles={"permissive": Severity.INFO},
    ),
    Rule(
        code="DD-M05",
        name="measure-target-implausible",
        severity=Severity.WARNING,
        summary="A measure's target is outside any plausible range for its data: a percentage "
        "below 0 or above 100, below 0 when no value is, or ten times the data's range away.",
        rationale="Such a target is usually a typing slip or the wrong unit (57 for 5.7, 0.95 "
        "for 95%), and would stretch the chart until its points are a flat line.",
        source="impact measure charts (docs/measures.md)",
        fix="Write the target in the unit of the data: '5.7 or fewer', '95%'.",
        category=CATEGORY,
    ),
    Rule(
        code="DD-M06",
        name="measure-target-not-a-number",
        severity=Severity.INFO,
        summary="A measure with data has a target the chart cannot draw: no number in it, or "
        "more than one.",
        rationale="The chart's target line and the assurance (consistently passes, fails, or "
        "hit and miss) need one number.",
        source="NHS England, Making Data Count (assurance icons)",
        fix="Write the target with one number: '5.7 or fewer', '95%'.",
        category=CATEGORY,
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


def check_charts(diagram: Diagram, active: Collection[str]) -> Iterator[Finding]:
    for m in diagram.measures:
        if m.data is None:
            continue
        if m.improvement is None:
            yield ("DD-M04", m.span, f"measure {m.number} '{m.name}' has data but no direction")
        if m.target and m.target_value is None:
            yield (
                "DD-M06",
                m.span,
                f"measure {m.number} '{m.name}': the target '{m.target}' is not one number",
            )
        elif m.target_value is not None and (why := implausible(m)):
            yield ("DD-M05", m.span, f"measure {m.number} '{m.name}': the target {why}")


def implausible(m: Measure) -> str | None:
    """Why ``m``'s target is outside any plausible range for its data, or None."""
    assert m.data is not None
    assert m.target_value is not None
    target = m.target_value
    values = [p.value for p in m.data.points]
    low, high = min(values), max(values)
    percent = m.unit == "%" or "%" in (m.target or "")
    if percent and not 0 <= target <= 100:
        return f"{target:g}% is not a percentage"
    if target < 0 <= low:
        return f"{target:g} is below 0, and no value is"
    spread = (high - low) or abs(high) or 1.0
    if target > high + 10 * spread or target < low - 10 * spread:
        return f"{target:g} is far from every value ({low:g} to {high:g}): the wrong unit?"
    return None


CHECKS = (
    Check(("DD-M01",), check_balancing),
    Check(("DD-M02", "DD-M03"), check_measures),
    Check(("DD-M04", "DD-M05", "DD-M06"), check_charts),
)

"""DD-A: is the aim specific, measurable and time-bound?"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from ..diagnostics import Severity
from ..diagram import Diagram
from ..rules import Rule
from . import aim_words
from .engine import Check, Finding

CATEGORY = "aim"

RULES = (
    Rule(
        code="DD-A01",
        name="aim-how-much",
        severity=Severity.WARNING,
        summary="The aim does not say how much better: no number, percentage or 'from X to Y'.",
        rationale="An aim that says only 'improve' or 'reduce' cannot be measured, so the team "
        "cannot tell whether its changes are improvements. The IHI asks what will improve and "
        'by how much; QI Lothian: an aim \'cannot simply be "to improve" or "to reduce"\'.',
        source="IHI QI Essentials Toolkit: Driver Diagram (step 1); QI Lothian, 'Aim statements'; "
        "Life QI / Eastern AHSN 'How much, by when?'",
        fix="Add the size of the change to the aim ('by 30%', 'from 15% to 33%') or give "
        "'aim: {target: ...}'.",
        category=CATEGORY,
        profiles={"permissive": None},
    ),
    Rule(
        code="DD-A02",
        name="aim-by-when",
        severity=Severity.WARNING,
        summary="The aim does not say by when: no date, month, year, quarter or 'within N months'.",
        rationale="A deadline turns an intention into a testable aim and sets the pace of PDSA "
        "cycles; the IHI asks 'by when' and Life QI calls a good aim 'time-specific'.",
        source="IHI QI Essentials Toolkit: Driver Diagram (step 1); Life QI blog on driver "
        "diagrams ('time-specific')",
        fix="Add a deadline to the aim ('by March 2026', 'within 12 months') or give "
        "'aim: {deadline: ...}'.",
        category=CATEGORY,
        profiles={"permissive": None},
    ),
    Rule(
        code="DD-A03",
        name="aim-for-whom",
        severity=Severity.INFO,
        summary="The aim does not name for whom or where (a population or a setting).",
        rationale="The same change can help one group and not another; naming the population or "
        "setting keeps the measures honest and the scope clear.",
        source="IHI QI Essentials Toolkit: Driver Diagram ('for whom'); QI Lothian ('for who')",
        fix="Name the people or place in the aim ('for adults admitted to Ward 7') or give "
        "'aim: {population: ...}'.",
        category=CATEGORY,
        profiles={"permissive": None},
    ),
    Rule(
        code="DD-A04",
        name="aim-baseline",
        severity=Severity.INFO,
        summary="The aim gives no baseline: where things stand now.",
        rationale="'Reduce falls by 30%' means little without knowing today's rate; the baseline "
        "is what run charts and the target are read against.",
        source="Carnegie Foundation improvement-science examples ('from 5% to 50%'); QI coaching "
        "guides ('What is the current baseline performance?')",
        fix="Write the aim as 'from X to Y', or give 'aim: {baseline: ...}'.",
        category=CATEGORY,
        profiles={"permissive": None},
    ),
    Rule(
        code="DD-A05",
        name="aim-is-a-solution",
        severity=Severity.INFO,
        summary="The aim reads like a solution ('Implement…', 'Introduce…') rather than an "
        "outcome.",
        rationale="Starting from a chosen solution skips the theory: the drivers and change ideas "
        "exist to find out which changes lead to the improvement. The CEC lists 'selecting a "
        "solution to implement rather than a problem to investigate' as a common error.",
        source="Clinical Excellence Commission (NSW), 'Quality Improvement: Step by Step Guide'",
        fix="State the outcome the solution is for ('Reduce…', 'Increase…'), and make the solution "
        "a change idea.",
        category=CATEGORY,
    ),
    Rule(
        code="DD-A06",
        name="aim-outcome-measure",
        severity=Severity.WARNING,
        summary="Measures are given but none is an outcome measure of the aim.",
        rationale="The outcome measure is how the team knows whether the aim is met; a well "
        "written aim names it.",
        source="QI Lothian ('A well-written Aim helps you identify your Outcome Measure'); CEC "
        "measurement plan template; Carnegie Foundation outcome measures",
        fix="Add a measure with 'type: outcome' and 'tracks: <the aim id>'.",
        category="measures",
        profiles={"permissive": None},
    ),
    Rule(
        code="DD-A07",
        name="aim-one-target",
        severity=Severity.INFO,
        summary="The aim sets more than one target (two 'from X to Y', or two changes 'by' an "
        "amount).",
        rationale="An improvement project is defined by one aim at one level of care; an aim "
        "with two targets is two projects, and its outcome measure can show only one. NIATx "
        "lists 'more than one aim in your aim statement' among the common pitfalls.",
        source="NIATx, 'Ready, Aim, Improve: start with your aim statement' (three common "
        "pitfalls); IHI QI Essentials Toolkit: Driver Diagram (one aim, on the left)",
        fix="Keep one target in the aim and make the other a measure (or a second diagram).",
        category=CATEGORY,
        profiles={"permissive": None},
    ),
)


def check_aim(diagram: Diagram, active: Collection[str]) -> Iterator[Finding]:
    # each test runs only when its code is on: an off rule's regex is never compiled
    aim = diagram.aim
    span = diagram.aim_node.span
    text = aim.statement
    context = f"{text} {aim.description or ''}"
    if "DD-A01" in active and not aim.target and not aim_words.says_how_much(text):
        yield ("DD-A01", span, "the aim does not say how much: no number or percentage")
    if "DD-A02" in active and not aim.deadline and not aim_words.WHEN.search(context):
        yield ("DD-A02", span, "the aim does not say by when: no date or time frame")
    if "DD-A03" in active and not aim.population and not aim_words.names_who_or_where(context):
        yield ("DD-A03", span, "the aim does not say for whom or where")
    if "DD-A04" in active and not aim.baseline and not aim_words.BASELINE.search(context):
        yield ("DD-A04", span, "the aim gives no baseline (where things stand now)")
    if "DD-A07" in active and aim_words.count_targets(text) > 1:
        yield ("DD-A07", span, "the aim sets more than one target")
    solution = aim_words.SOLUTION.match(text) if "DD-A05" in active else None
    if solution:
        verb = solution.strip()
        yield ("DD-A05", span, f"the aim reads like a solution ('{verb}…'), not an outcome")


def check_outcome_measure(diagram: Diagram, active: Collection[str]) -> Iterator[Finding]:
    if not diagram.measures:
        return
    aim_key = diagram.aim_key
    if any(m.type == "outcome" and aim_key in m.tracks for m in diagram.measures):
        return
    outcome = next((m for m in diagram.measures if m.type == "outcome"), None)
    if outcome is not None:
        yield (
            "DD-A06",
            outcome.span,
            f"outcome measure {outcome.number} does not track the aim ('{aim_key}')",
        )
    else:
        yield ("DD-A06", diagram.aim_node.span, "no outcome measure tracks the aim")


CHECKS = (
    Check(("DD-A01", "DD-A02", "DD-A03", "DD-A04", "DD-A05", "DD-A07"), check_aim),
    Check(("DD-A06",), check_outcome_measure),
)

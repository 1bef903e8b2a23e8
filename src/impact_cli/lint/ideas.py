"""DD-C: are the change ideas connected, specific and testable?"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from ..diagnostics import Severity
from ..diagram import Diagram, Tier
from ..rules import Rule
from . import idea_words
from .engine import Check, Finding, describe

CATEGORY = "change ideas"

RULES = (
    Rule(
        code="DD-C01",
        name="change-idea-unlinked",
        severity=Severity.ERROR,
        summary="A change idea supports no driver.",
        rationale="'All change ideas should have an effect on at least one Secondary Driver': an "
        "idea linked to nothing is outside the theory, and nobody can say what testing it "
        "would show.",
        source="QI Lothian, 'Driver diagrams' ('All change ideas should have an effect on at "
        "least one Secondary Driver')",
        fix="Add 'supports: [<driver id>]' to the change idea, or move it under its driver.",
        category=CATEGORY,
        profiles={"permissive": Severity.WARNING},
    ),
    Rule(
        code="DD-C02",
        name="change-idea-vague",
        severity=Severity.WARNING,
        summary="A change idea is vague ('Improve…', 'Ensure…') with no mechanism: it cannot be "
        "tested.",
        rationale="A change idea is something specific to test with PDSA cycles: 'you should be "
        "able to put \"to test\" in front of a change idea'. 'Improve work culture' is a "
        "driver or an aim, not a change idea.",
        source="QI Lothian primary care resources, 'Change ideas' ('improve work culture' is "
        "not a change idea)",
        fix="Say what will be done differently and how ('Daily safety huddle at 9am using a "
        "five-question script').",
        category=CATEGORY,
        profiles={"permissive": Severity.INFO},
    ),
    Rule(
        code="DD-C03",
        name="change-idea-task",
        severity=Severity.INFO,
        summary="A change idea reads like a task ('Train staff…', 'Set up a meeting…').",
        rationale="A task is done once and ticked off; a change idea changes how the work is "
        "done and can be tested and measured. 'Train staff to use text messaging' is a task.",
        source="QI Lothian primary care resources, 'Change ideas'",
        fix="Name the change the task serves ('Text message reminders for appointments') and "
        "keep the task in the PDSA plan.",
        category=CATEGORY,
    ),
    Rule(
        code="DD-C04",
        name="driver-without-change-ideas",
        severity=Severity.INFO,
        summary="A secondary or tertiary driver has no change ideas: a gap in the theory.",
        rationale="A driver with nothing to test under it shows where the team has no ideas "
        "yet; DoView shows the same as '0 projects on this box'. Often expected early on, so "
        "only information.",
        source="DoView line-of-sight counts; IHI QI Essentials Toolkit: Driver Diagram (step 4)",
        fix="Add change ideas to test for this driver, or accept the gap for now.",
        category=CATEGORY,
    ),
    Rule(
        code="DD-C05",
        name="change-idea-pdsa-record",
        severity=Severity.INFO,
        summary="A change idea being tested has no PDSA note, or an adopted, adapted or "
        "abandoned one "
        "has no learning.",
        rationale="The Model for Improvement ends each test by deciding to adopt, adapt or "
        "abandon; recording the PDSA cycles and what they taught keeps the diagram a living "
        "theory rather than a plan.",
        source="IHI Model for Improvement (PDSA cycles; adopt, adapt or abandon)",
        fix="Add 'pdsa:' notes while testing, and 'learning:' once the idea is adopted, adapted "
        "or abandoned.",
        category=CATEGORY,
    ),
)

_DECIDED = ("adopted", "adapted", "abandoned")


def check_ideas(diagram: Diagram, active: Collection[str]) -> Iterator[Finding]:
    supporting = diagram.sources
    vague_on, task_on = "DD-C02" in active, "DD-C03" in active
    for node in diagram.tier(Tier.CHANGE_IDEA):
        title, span = node.title, node.span
        if node.key not in supporting and node.linked:  # 'linked: false': DD-P07
            yield ("DD-C01", span, f"{describe(node)} supports no driver")
        vague = idea_words.VAGUE.match(title) if vague_on else None
        if vague and not idea_words.has_mechanism(title):
            message = f"starts with '{vague.strip()}' and says nothing specific to test"
            yield ("DD-C02", span, f"{describe(node)} {message}")
        task = idea_words.TASK.match(title) if task_on else None
        if task:
            yield ("DD-C03", span, f"{describe(node)} reads like a task ('{task.strip()}…')")
        if node.status == "testing" and not node.pdsa:
            yield ("DD-C05", span, f"{describe(node)} is being tested: no PDSA note")
        elif node.status in _DECIDED and not node.learning:
            yield ("DD-C05", span, f"{describe(node)} is {node.status}: no 'learning' says why")


def check_gaps(diagram: Diagram, active: Collection[str]) -> Iterator[Finding]:
    links_to = diagram.links_to
    for tier in (Tier.SECONDARY, Tier.TERTIARY):
        for node in diagram.tier(tier):
            if not links_to(node.key):
                yield ("DD-C04", node.span, f"{describe(node)} has no change ideas")


CHECKS = (
    Check(("DD-C01", "DD-C02", "DD-C03", "DD-C05"), check_ideas),
    Check(("DD-C04",), check_gaps),
)

"""DD-P: are the drivers few, connected, measured and phrased as drivers?"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from ..diagnostics import Severity
from ..diagram import Diagram, Tier
from ..rules import Rule
from . import driver_words
from .engine import Check, Finding, describe

CATEGORY = "drivers"
MIN_PRIMARY, MAX_PRIMARY = 2, 5
LONG_TITLE = 80

RULES = (
    Rule(
        code="DD-P01",
        name="primary-driver-count",
        severity=Severity.WARNING,
        summary=f"There are fewer than {MIN_PRIMARY} or more than {MAX_PRIMARY} primary drivers.",
        rationale="Primary drivers are 'the most important influencers on the aim'. One driver "
        "is rarely a whole theory; more than five usually mixes primary and secondary drivers "
        "and makes the diagram hard to read and to measure.",
        source="IHI QI Essentials Toolkit: Driver Diagram ('we recommend 2 to 5'); South "
        "Eastern Sydney LHD ('generally between two to five'); Grunow, Carnegie Foundation "
        "(2014) ('3-5 main areas of influence')",
        fix="Group related primary drivers under a broader one (making them secondary drivers), "
        "or split one that hides two ideas.",
        category=CATEGORY,
        profiles={"permissive": Severity.INFO},
    ),
    Rule(
        code="DD-P02",
        name="primary-driver-unsupported",
        severity=Severity.WARNING,
        summary="A primary driver has no secondary drivers and no change ideas.",
        rationale="A primary driver with nothing under it says what must change but not how; "
        "the theory stops short of anything the team can test.",
        source="IHI QI Essentials Toolkit: Driver Diagram (step 3: secondary drivers, step 4: "
        "change ideas)",
        fix="Add the secondary drivers (or change ideas) that move this driver.",
        category=CATEGORY,
        profiles={"permissive": Severity.INFO},
    ),
    Rule(
        code="DD-P03",
        name="driver-is-an-action",
        severity=Severity.INFO,
        summary="A driver is phrased as an action ('Implement…', 'Train…'): it may be a change "
        "idea.",
        rationale="Drivers are 'structures, processes and norms' in the system, not activities; "
        "an action is something to test, which is what change ideas are for. A sentence "
        "with its subject first counts when the team acts on something ('NHS boards "
        "establish…'), not when the people served act ('Patients choose…') or nothing is "
        "acted on ('Letters arrive in time'): those are conditions. Only information: "
        "real diagrams also phrase drivers as 'Reduce…' or 'Increase…'.",
        source="Bennett & Provost, 'What's your theory? Driver diagram serves as tool for "
        "building and testing theories for improvement', Quality Progress 48(7):36-43 (2015)",
        fix="Rephrase it as the condition it creates ('Staff confident with…'), or move it to "
        "the change ideas.",
        category=CATEGORY,
    ),
    Rule(
        code="DD-P04",
        name="primary-driver-process-measure",
        severity=Severity.WARNING,
        summary="Measures are given but a primary driver has no process measure (on it or below "
        "it).",
        rationale="'As you identify each driver, establish a way to measure it': without a "
        "process measure the team cannot tell whether a driver is moving, only whether the "
        "outcome did.",
        source="IHI QI Essentials Toolkit: Driver Diagram; QI Lothian ('Well-written Primary "
        "Drivers help you identify your Process Measures'); Carnegie Foundation 'primary driver "
        "measures'",
        fix="Add a measure with 'type: process' tracking the driver, or one of the drivers or "
        "change ideas under it.",
        category="measures",
        profiles={"permissive": None},
    ),
    Rule(
        code="DD-P05",
        name="driver-title-long",
        severity=Severity.INFO,
        summary=f"A driver's title is longer than {LONG_TITLE} characters and it has no "
        f"description.",
        rationale="Long titles make boxes large and the diagram hard to scan; a short title with "
        "the detail in 'description' reads better and keeps the detail in the text outputs.",
        source="NHS IMPACT driver diagram (short title plus description); Carnegie Foundation "
        "driver 'definition details'",
        fix="Shorten the title and move the detail to 'description:'.",
        category=CATEGORY,
    ),
    Rule(
        code="DD-P06",
        name="driver-reaches-aim",
        severity=Severity.ERROR,
        summary="A driver does not lead to the aim through its links.",
        rationale="Everything on a driver diagram is part of one theory of how to reach the aim; "
        "a driver cut off from it is outside the theory. Files read by impact are checked "
        "structurally (DD-S03, DD-S07); this guards diagrams built in code.",
        source="QI Lothian ('By association, all Change Ideas are expected to help achieve the "
        "Aim'); gsn2x check C08",
        fix="Link the driver to a driver one level nearer the aim.",
        category=CATEGORY,
    ),
    Rule(
        code="DD-P07",
        name="not-yet-linked",
        severity=Severity.WARNING,
        summary="A driver or change idea is marked 'linked: false': its place in the theory "
        "is not known yet.",
        rationale="A draft may hold items whose place is not decided, and a flat published "
        "list may not say what supports what; impact keeps them so that the draft can be "
        "drawn and shared, but until they are linked they are outside the theory.",
        source="IHI QI Essentials Toolkit: Driver Diagram (every change idea connects to a "
        "driver); QI Lothian ('All change ideas should have an effect on at least one "
        "Secondary Driver')",
        fix="Decide what the item supports and write it there (or add 'supports:'), then "
        "remove 'linked: false'.",
        category=CATEGORY,
        profiles={"permissive": Severity.INFO},
    ),
)


def check_primary_count(diagram: Diagram, active: Collection[str]) -> Iterator[Finding]:
    primaries = diagram.tier(Tier.PRIMARY)
    n = len(primaries)
    if n == 0:
        yield ("DD-P01", diagram.aim_node.span, "no primary drivers yet: the guidance is 2 to 5")
    elif n > MAX_PRIMARY:
        yield (
            "DD-P01",
            primaries[MAX_PRIMARY].span,
            f"{n} primary drivers: the guidance is 2 to 5",
        )
    elif 0 < n < MIN_PRIMARY:
        yield ("DD-P01", primaries[0].span, "only 1 primary driver: the guidance is 2 to 5")


def check_primary_supported(diagram: Diagram, active: Collection[str]) -> Iterator[Finding]:
    for node in diagram.tier(Tier.PRIMARY):
        if not diagram.links_to(node.key):
            yield (
                "DD-P02",
                node.span,
                f"{describe(node)} has no secondary drivers or change ideas",
            )


_DRIVER_TIERS = (Tier.PRIMARY, Tier.SECONDARY, Tier.TERTIARY)


def check_driver_text(diagram: Diagram, active: Collection[str]) -> Iterator[Finding]:
    actions = "DD-P03" in active
    long_titles = "DD-P05" in active
    for tier in _DRIVER_TIERS:
        for node in diagram.tier(tier):
            title = node.title
            action = driver_words.action_opening(title) if actions else None
            if action:
                verb = action
                yield (
                    "DD-P03",
                    node.span,
                    f"{describe(node)} starts with '{verb}': is it a change idea?",
                )
            if long_titles and len(title) > LONG_TITLE and not node.description:
                yield (
                    "DD-P05",
                    node.span,
                    f"{describe(node)} has a {len(title)}-character title and no description",
                )


def check_process_measures(diagram: Diagram, active: Collection[str]) -> Iterator[Finding]:
    if not diagram.measures:
        return
    covered = {key for m in diagram.measures if m.type == "process" for key in m.tracks}
    # propagate towards the aim, one column at a time: each link is read once
    links_from = diagram.links_from
    for tier in (Tier.CHANGE_IDEA, Tier.TERTIARY, Tier.SECONDARY):
        for node in diagram.tier(tier):
            if node.key in covered:
                covered.update(link.target for link in links_from(node.key))
    for node in diagram.tier(Tier.PRIMARY):
        if node.key not in covered:
            yield (
                "DD-P04",
                node.span,
                f"no process measure tracks {describe(node)} or anything under it",
            )


def check_reaches_aim(diagram: Diagram, active: Collection[str]) -> Iterator[Finding]:
    reached = {diagram.aim_key}
    links_from = diagram.links_from
    for tier in _DRIVER_TIERS:
        for node in diagram.tier(tier):
            if not node.linked:
                continue  # not yet linked, on purpose: DD-P07 says so
            for link in links_from(node.key):
                if link.target in reached:
                    reached.add(node.key)
                    break
            else:
                yield ("DD-P06", node.span, f"{describe(node)} does not lead to the aim")


def check_not_yet_linked(diagram: Diagram, active: Collection[str]) -> Iterator[Finding]:
    for node in diagram.nodes.values():
        if not node.linked:
            yield ("DD-P07", node.span, f"{describe(node)} is not yet linked to the theory")


CHECKS = (
    Check(("DD-P01",), check_primary_count),
    Check(("DD-P02",), check_primary_supported),
    Check(("DD-P03", "DD-P05"), check_driver_text),
    Check(("DD-P04",), check_process_measures),
    Check(("DD-P06",), check_reaches_aim),
    Check(("DD-P07",), check_not_yet_linked),
)

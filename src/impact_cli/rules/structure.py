"""DD-S: structure (ids, references, link direction, cycles).

Reported by :mod:`impact_cli.check.normalise` while it links the items into one diagram.
"""

from __future__ import annotations

from functools import partial

from ..diagnostics import Severity
from . import Rule

#: Every structural problem is an error.
_rule = partial(Rule, severity=Severity.ERROR, category="structure")

RULES = (
    _rule(
        code="DD-S01",
        name="duplicate-id",
        summary="Two items share an id.",
        rationale="Links by id would be ambiguous.",
        source="gsn2x check C07",
        fix="Rename one of them.",
    ),
    _rule(
        code="DD-S02",
        name="unknown-id",
        summary="A link or measure refers to an id that does not exist.",
        rationale="Tools that create 'implicit nodes' for unknown ids hide typos "
        "(Theorymaker's pitfall).",
        source="gsn2x check C03",
        fix="Fix the id (impact suggests the closest).",
    ),
    _rule(
        code="DD-S03",
        name="wrong-direction",
        summary="A link points away from the aim, sideways or skips.",
        rationale="Links run from cause to effect: change idea to driver, tertiary to secondary, "
        "secondary to primary, primary to aim.",
        source="IHI QI Essentials Toolkit; gsn2x check V04",
        fix="Reverse or remove the link.",
    ),
    _rule(
        code="DD-S04",
        name="self-link",
        summary="An item supports itself.",
        rationale="A self-link says nothing.",
        source="gsn2x check V06",
        fix="Remove the link.",
    ),
    _rule(
        code="DD-S05",
        name="duplicate-link",
        summary="The same link is written twice.",
        rationale="A repeated link would be drawn twice and counted twice.",
        source="gsn2x check V05",
        fix="Remove the repeated link.",
    ),
    _rule(
        code="DD-S06",
        name="cycle",
        summary="Links form a cycle.",
        rationale="A driver diagram is a theory that reads one way, towards the aim.",
        source="gsn2x check C04",
        fix="Remove one link of the cycle.",
    ),
    _rule(
        code="DD-S07",
        name="orphan",
        summary="A driver written at the top level supports nothing.",
        rationale="It would float unconnected to the aim.",
        source="gsn2x check C08; QI Lothian",
        fix="Add 'supports:' or nest it under its driver; for a draft whose place is not "
        "known yet, say so with 'linked: false'.",
    ),
    _rule(
        code="DD-S08",
        name="linked-false-but-linked",
        summary="An item says 'linked: false' but is written under a driver or lists 'supports'.",
        rationale="'linked: false' keeps an item whose place is not known yet; an item with "
        "a place contradicts it, and the drawing could show only one of the two.",
        source="impact format reference",
        fix="Remove 'linked: false', or move the item to the top level without 'supports'.",
    ),
)

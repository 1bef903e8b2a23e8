"""Running the lint checks: profiles, code selection, findings to diagnostics.

A *rule* (:class:`impact_cli.rules.Rule`) is the metadata of one code: severity
per profile, rationale, source, fix. A *check* is a function that reads the
normalised diagram once and yields findings, ``(code, span, message)``, for the
rule codes it declares. The engine runs only the checks with an active code,
and turns findings into diagnostics with the severity of the active profile. A
check is also given the active codes, so it can skip the work for a code that
is off. Every check is linear in the size of the diagram.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from typing import NamedTuple

from ..diagnostics import Diagnostic, Severity, Span
from ..diagram import Diagram, Node, clean
from ..rules import DEFAULT_PROFILE, PROFILES, Rule

#: A check's raw result: which rule, where, what (severity comes from the profile).
Finding = tuple[str, Span, str]


class Check(NamedTuple):
    """A check function and the rule codes its findings can have."""

    codes: tuple[str, ...]
    find: Callable[[Diagram, Collection[str]], Iterable[Finding]]
    """Reads the diagram and the active codes (to skip work for codes that are off)."""


def _prefixes(patterns: Iterable[str]) -> tuple[str, ...]:
    """The code prefixes ``patterns`` name (DD-A, DD-A01), for ``str.startswith``."""
    return tuple(p.strip().upper() for p in patterns if p.strip())


def active(
    rules: Iterable[Rule],
    profile: str,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    disable: Iterable[str] = (),
) -> dict[str, Severity]:
    """The codes of ``rules`` that run in ``profile``, with their severity there.

    ``select`` keeps only codes starting with one of its entries; ``ignore`` and
    ``disable`` drop codes starting with one of theirs.
    """
    if profile not in PROFILES:
        raise ValueError(f"unknown lint profile {profile!r}; choose one of {PROFILES}")
    select = list(select)
    # an empty select list keeps everything, but one of blank entries keeps nothing
    keep, drop = _prefixes(select), _prefixes(ignore) + _prefixes(disable)
    severities = {rule.code: rule.severity_in(profile) for rule in rules}
    return {
        code: severity
        for code, severity in severities.items()
        if severity is not None
        and (not select or code.startswith(keep))
        and not code.startswith(drop)
    }


def run(
    diagram: Diagram,
    rules: Sequence[Rule],
    checks: Iterable[Check],
    profile: str | None,
    select: Iterable[str],
    ignore: Iterable[str],
) -> list[Diagnostic]:
    """The findings of ``checks`` on ``diagram`` as diagnostics, in check order."""
    chosen = profile or diagram.lint.profile or DEFAULT_PROFILE
    severities = active(rules, chosen, select, ignore, diagram.lint.disable)
    fixes = {rule.code: rule.fix for rule in rules}
    where = _pointers(diagram)
    out: list[Diagnostic] = []
    for check in checks:
        if severities.keys().isdisjoint(check.codes):
            continue
        for code, span, message in check.find(diagram, severities):
            severity = severities.get(code)
            if severity is None:  # a check need not skip every inactive code
                continue
            out.append(
                Diagnostic(
                    code, severity, message, diagram.path, span, fixes[code], where.get(span, "")
                )
            )
    return out


def _pointers(diagram: Diagram) -> dict[Span, str]:
    """Each located item's span -> its JSON pointer, so that a finding names its item.

    Checks locate findings by the span of the item they are about (a box, a measure,
    the theory of change); every item's span is its own, so the span says which item.
    """
    where = {node.span: node.pointer for node in diagram.nodes.values()}
    where.update((measure.span, measure.pointer) for measure in diagram.measures)
    if diagram.theory is not None and diagram.theory.span is not None:
        where[diagram.theory.span] = "theory_of_change"
    return where


def describe(node: Node) -> str:
    """ "secondary driver 1.2 'Daily board round…'": how findings name a box."""
    title = clean(node.title)
    short = title if len(title) <= 60 else title[:59] + "…"
    if node.number:
        return f"{node.tier.label} {node.number} '{short}'"
    return f"{node.tier.label} '{short}'"

"""QI lint rules: is this a *good* driver diagram by the published guidance?

Each module exports its rules (``RULES``, with their rationale and source) and
the checks that find them (``CHECKS``); this package gathers them, in the order
the checks run:

==================  ==========================================================
``aim``             DD-A01..A06: how much, by when, for whom, baseline, ...
``drivers``         DD-P01..P06: 2 to 5 primaries, supported, measured, ...
``ideas``           DD-C01..C05: linked, specific, testable, PDSA record
``measures``        DD-M01..M06: balancing measure, definitions, links, charts
``readability``     DD-X04..X05: glossary, size
``theory``          DD-T01..T02: theory of change complete and on the aim
==================  ==========================================================

Profiles: ``ihi`` (default) and ``permissive`` (imported legacy diagrams: the
SMART-aim and measurement checks are off, the rest advise). The profile comes
from ``--profile``, else the file's ``lint: {profile: ...}``, else ``ihi``.
``--select``/``--ignore`` and the file's ``lint: {disable: [...]}`` take codes
or prefixes (``DD-A``). This package imports no third-party library.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import Diagnostic, Severity
from ..diagram import Diagram
from ..rules import Rule
from . import aim, drivers, ideas, measures, readability, theory
from .engine import Check, active, run

#: The rule modules, in the order their checks run.
MODULES = (aim, drivers, ideas, measures, readability, theory)
RULES: tuple[Rule, ...] = tuple(rule for module in MODULES for rule in module.RULES)
CHECKS: tuple[Check, ...] = tuple(check for module in MODULES for check in module.CHECKS)

__all__ = ["CHECKS", "RULES", "active_rules", "lint_diagram"]


def active_rules(
    profile: str,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    disable: Iterable[str] = (),
) -> dict[str, Severity]:
    """The lint codes that run, with their severity in ``profile``."""
    return active(RULES, profile, select, ignore, disable)


def lint_diagram(
    diagram: Diagram,
    *,
    profile: str | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
) -> list[Diagnostic]:
    """Run the lint rules of ``profile`` over a valid diagram.

    ``profile`` overrides the file's ``lint.profile``; ``select`` keeps only codes
    starting with one of its entries; ``ignore`` and the file's ``lint.disable``
    drop codes starting with one of theirs. Findings come in check order; the
    caller sorts them with the structural diagnostics.
    """
    return run(diagram, RULES, CHECKS, profile, select or (), ignore or ())

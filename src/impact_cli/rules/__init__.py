"""What a rule is: a code impact reports, with its explanation.

Each module that finds problems exports its rules as data (a ``RULES`` tuple),
and :mod:`impact_cli.rules.catalogue` gathers them in one list for
``impact rules``, ``impact explain CODE`` and SARIF output. This module imports
nothing of impact but :mod:`impact_cli.diagnostics`, so any module can use it.

Code scheme (stable; a code is never reused for a different meaning):

=========  ==============================================================
DD-Y..     reading the file: YAML syntax, encoding, limits, aliases
DD-F..     the format: unknown keys, missing or wrong-typed values
DD-S..     structure: ids, references, link direction, cycles
DD-D..     a measure's data: its file, periods and values
DD-I..     importing a CSV file
DD-A..     lint: the aim                DD-P..  lint: drivers
DD-C..     lint: change ideas           DD-M..  lint: measures
DD-T..     lint: theory of change       DD-X..  lint: readability, glossary
=========  ==============================================================
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..diagnostics import Severity

#: The lint profiles: how strictly a diagram is judged. ``permissive`` is for
#: imported legacy diagrams.
PROFILES = ("ihi", "permissive")
DEFAULT_PROFILE = "ihi"

#: Categories of the problems found while reading a file and its data, before any lint
#: rule runs: errors (but a gap in a measure's data, DD-D07), never switched off.
STRUCTURAL_CATEGORIES = ("input", "format", "structure", "data", "import")


@dataclass(frozen=True, kw_only=True)
class Rule:
    code: str
    """Stable, e.g. 'DD-Y02'."""
    name: str
    """A short kebab-case name, e.g. 'duplicate-key'."""
    severity: Severity
    """The severity in the default profile."""
    summary: str
    """One line: what the rule reports."""
    rationale: str
    """Why it matters."""
    source: str
    """Where the guidance comes from (for lint rules, the published source)."""
    fix: str
    """How to fix it."""
    category: str
    profiles: Mapping[str, Severity | None] = field(default_factory=dict)
    """Severity per profile where it differs from ``severity``; None switches it off."""

    def severity_in(self, profile: str) -> Severity | None:
        return self.profiles.get(profile, self.severity)

    def level_in(self, profile: str) -> str:
        """The severity in ``profile`` as a word: 'error', 'warning', 'info' or 'off'."""
        severity = self.severity_in(profile)
        return "off" if severity is None else severity.value

    @property
    def structural(self) -> bool:
        return self.category in STRUCTURAL_CATEGORIES

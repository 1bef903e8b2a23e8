"""The catalogue: every rule impact reports, gathered in one explicit list.

``impact rules`` lists it, ``impact explain CODE`` prints one rule, SARIF
output carries their metadata, and ``--select``/``--ignore`` are checked
against it. A new rule module is added here by hand; nothing registers itself.
"""

from __future__ import annotations

from .. import lint
from ..interchange import codes
from . import Rule, data, fileformat, input, structure

ALL_RULES: tuple[Rule, ...] = (
    *input.RULES,
    *fileformat.RULES,
    *structure.RULES,
    *data.RULES,
    *codes.RULES,
    *lint.RULES,
)


def all_rules() -> dict[str, Rule]:
    """Every rule, structural and lint, by code, ordered by code."""
    return {rule.code: rule for rule in sorted(ALL_RULES, key=lambda rule: rule.code)}


def get_rule(code: str) -> Rule | None:
    return all_rules().get(code.upper())

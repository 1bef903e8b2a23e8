"""DD-F: the file format (unknown keys, missing or wrong-typed values).

Reported by :mod:`impact_cli.fileformat.problems` for what the format refuses.
"""

from __future__ import annotations

from functools import partial

from ..diagnostics import Severity
from . import Rule

#: Every breach of the format is an error.
_rule = partial(Rule, severity=Severity.ERROR, category="format")

RULES = (
    _rule(
        code="DD-F01",
        name="unknown-key",
        summary="A key that the format does not define.",
        rationale="Ignoring unknown keys would hide typos such as 'titel' and lose their text.",
        source="impact format reference (docs/format.md)",
        fix="Fix the spelling (impact suggests the closest key) or remove the key.",
    ),
    _rule(
        code="DD-F02",
        name="missing-key",
        summary="A required key is missing.",
        rationale="A diagram needs a title, an aim and primary drivers; items need a title.",
        source="impact format reference",
        fix="Add the key.",
    ),
    _rule(
        code="DD-F03",
        name="wrong-type",
        summary="A value has the wrong shape (text, list or mapping).",
        rationale="The value cannot be read as intended.",
        source="impact format reference",
        fix="Use the shape the hint names; quote text containing ': '.",
    ),
    _rule(
        code="DD-F04",
        name="invalid-choice",
        summary="A value is not one of the allowed choices.",
        rationale="Statuses, measure types and strengths have fixed vocabularies so outputs "
        "can state them in words.",
        source="impact format reference",
        fix="Use one of the listed values.",
    ),
    _rule(
        code="DD-F05",
        name="invalid-id",
        summary="An id (or language tag, or rule code) is malformed.",
        rationale="Ids are used in links, anchors and exports; they must be simple and stable.",
        source="impact format reference",
        fix="Start with a letter; use letters, digits, '-' and '_' only.",
    ),
    _rule(
        code="DD-F06",
        name="empty-text",
        summary="A text value is empty or only spaces.",
        rationale="An empty box or heading helps nobody and breaks the text version.",
        source="impact format reference",
        fix="Write the text or remove the key.",
    ),
    _rule(
        code="DD-F07",
        name="control-character-in-text",
        summary=(
            'Text contains a control character (e.g. from an escape such as "\\0") '
            "or a Unicode non-character (U+FFFE, U+FFFF, U+FDD0 to U+FDEF, ...)."
        ),
        rationale=(
            "Control characters and non-characters cannot be carried by SVG, HTML or "
            "most terminals, and Graphviz cannot draw them."
        ),
        source="XML 1.0 Char production; Unicode Standard, noncharacters",
        fix="Remove the character.",
    ),
)

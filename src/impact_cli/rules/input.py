"""DD-Y: reading the file (YAML syntax, encoding, size and nesting limits).

Reported by :mod:`impact_cli.source` while it reads the file.
"""

from __future__ import annotations

from functools import partial

from ..diagnostics import Severity
from . import Rule

#: Every problem reading the file is an error.
_rule = partial(Rule, severity=Severity.ERROR, category="input")

RULES = (
    _rule(
        code="DD-Y01",
        name="yaml-syntax",
        summary="The file is not valid YAML.",
        rationale="A file that does not parse cannot be checked or drawn.",
        source="YAML 1.2 specification",
        fix="Follow the hint at the reported position: the common mistakes (indentation, "
        "a colon or quote in text, a forgotten list key) are explained in docs/format.md, "
        "'Common mistakes'.",
    ),
    _rule(
        code="DD-Y02",
        name="duplicate-key",
        summary="A key appears twice in one mapping.",
        rationale="YAML parsers silently keep only one of the values, so text is lost "
        "without warning.",
        source="YAML 1.2 specification; PyYAML issue #165 (duplicate keys)",
        fix="Remove or rename one of the two keys.",
    ),
    _rule(
        code="DD-Y03",
        name="alias-not-allowed",
        summary="YAML anchors (&) and aliases (*) are refused.",
        rationale="A few hundred bytes of nested aliases expand to gigabytes when the data is "
        "walked (the 'billion laughs' attack); driver diagrams never need them.",
        source="PyYAML issue #235; OWASP XML/YAML entity expansion",
        fix="Write the repeated text out.",
    ),
    _rule(
        code="DD-Y04",
        name="tab-indentation",
        summary="A tab character where YAML needs spaces: in the indentation, after '-' or "
        "'key:', or in unquoted text.",
        rationale="YAML forbids tabs for indentation, and editors show them at different "
        "widths. libyaml accepts some other tabs that PyYAML refuses; impact refuses them "
        "all, so a file means the same with either parser.",
        source="YAML 1.2 specification, section 6.1",
        fix="Replace the tab with spaces. Tabs inside quoted text, comments and blocks of "
        "text (|, >) are fine.",
    ),
    _rule(
        code="DD-Y05",
        name="empty-file",
        summary="The file is empty.",
        rationale="An empty file is almost always a mistake (a failed save or a wrong path).",
        source="impact",
        fix="Write the diagram, or start with 'impact init'.",
    ),
    _rule(
        code="DD-Y06",
        name="not-utf8",
        summary="The file is not UTF-8 text.",
        rationale="Other encodings turn accented names and symbols into garbage.",
        source="YAML 1.2 specification, section 5.2",
        fix="Save the file as UTF-8.",
    ),
    _rule(
        code="DD-Y07",
        name="file-too-large",
        summary="The file is larger than the size limit (5 MiB).",
        rationale="A driver diagram is a few kilobytes; a huge file is a mistake or an attack.",
        source="impact",
        fix="Split the diagram, or raise the limit with --max-bytes.",
    ),
    _rule(
        code="DD-Y08",
        name="nesting-too-deep",
        summary="Nesting is deeper than 64 levels.",
        rationale="Deep nesting crashes YAML parsers (30,000 '[' segfault libyaml); real "
        "diagrams need about a dozen levels.",
        source="impact; measured on PyYAML 6.0",
        fix="Flatten the structure.",
    ),
    _rule(
        code="DD-Y09",
        name="multiple-documents",
        summary="The file holds more than one YAML document.",
        rationale="Only the first would be read, silently ignoring the rest.",
        source="YAML 1.2 specification",
        fix="Put one diagram in each file; remove the extra '---'.",
    ),
    _rule(
        code="DD-Y10",
        name="tag-not-allowed",
        summary="An explicit YAML tag (!!python/object, !foo) is used.",
        rationale="Tags can construct arbitrary objects; a diagram holds only text, lists "
        "and mappings.",
        source="PyYAML safe loading",
        fix="Remove the tag.",
    ),
    _rule(
        code="DD-Y11",
        name="not-a-mapping",
        summary="The top level is a list or a single value.",
        rationale="A diagram is a mapping of keys (title, aim, primary_drivers, ...).",
        source="impact format reference",
        fix="Start the file with 'title:'.",
    ),
    _rule(
        code="DD-Y12",
        name="control-character",
        summary="The file contains a control character.",
        rationale="Control characters are not allowed in YAML and cannot be shown in SVG or HTML.",
        source="YAML 1.2 specification, section 5.1",
        fix="Remove the character.",
    ),
    _rule(
        code="DD-Y13",
        name="non-text-key",
        summary="A mapping key is not text (null, true/false, a list).",
        rationale="Keys name fields; anything else is a typing slip.",
        source="impact format reference",
        fix="Quote the key or fix the line.",
    ),
    _rule(
        code="DD-Y14",
        name="too-many-values",
        summary="The file holds more values than the limit.",
        rationale="Protects against generated or malicious input exhausting memory.",
        source="impact",
        fix="Split the diagram into several files.",
    ),
    _rule(
        code="DD-Y15",
        name="text-not-as-it-looks",
        summary="Unquoted text that YAML reads differently from how it looks: ' #' directly "
        "followed by text ('clinic #2'), or a list item indented under text.",
        rationale="YAML drops ' #2' as a comment, and reads a '- ' line indented under text "
        "as more of that text, without a word; the diagram would silently lose or merge text.",
        source="YAML 1.2 specification, sections 6.6 (comments) and 7.3.3 (plain scalars)",
        fix="Quote the whole text, or write a comment as '  # comment'; line up the list "
        "item's '-' with the items above it, or add the list's key.",
    ),
)

"""The registry of every code impact reports, with its explanation.

Structural codes (input, format, references) are defined here; the QI lint rules
register themselves from :mod:`impact_cli.lint`. ``impact rules`` lists them all,
``impact explain CODE`` prints one, and SARIF output carries their metadata.

Code scheme (stable; a code is never reused for a different meaning):

=========  ==============================================================
DD-Y..     reading the file: YAML syntax, encoding, limits, aliases
DD-F..     the format: unknown keys, missing or wrong-typed values
DD-S..     structure: ids, references, link direction, cycles
DD-A..     lint: the aim                DD-P..  lint: drivers
DD-C..     lint: change ideas           DD-M..  lint: measures
DD-T..     lint: theory of change       DD-X..  lint: readability, glossary
=========  ==============================================================
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .diagnostics import Severity


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    """A short kebab-case name, e.g. 'duplicate-key'."""
    severity: Severity
    summary: str
    """One line: what the rule reports."""
    rationale: str
    """Why it matters."""
    source: str
    """Where the guidance comes from (for lint rules, the published source)."""
    fix: str
    """How to fix it."""
    category: str
    profiles: dict[str, Severity | None] = field(default_factory=dict)
    """Severity per profile where it differs from ``severity``; None switches it off."""

    def severity_in(self, profile: str) -> Severity | None:
        return self.profiles.get(profile, self.severity)

    @property
    def structural(self) -> bool:
        return self.category in ("input", "format", "structure", "import")


_REGISTRY: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    if rule.code in _REGISTRY:
        raise ValueError(f"rule code {rule.code} registered twice")
    _REGISTRY[rule.code] = rule
    return rule


def all_rules() -> dict[str, Rule]:
    """Every rule, structural and lint, ordered by code."""
    from . import lint  # noqa: F401  (registers the lint rules)
    from .interchange import codes  # noqa: F401  (registers the CSV import codes)

    return dict(sorted(_REGISTRY.items()))


def get_rule(code: str) -> Rule | None:
    return all_rules().get(code.upper())


_E = Severity.ERROR
_YAML_SPEC = "YAML 1.2 specification; PyYAML issue #165 (duplicate keys)"

for _rule in (
    Rule(
        "DD-Y01",
        "yaml-syntax",
        _E,
        "The file is not valid YAML.",
        "A file that does not parse cannot be checked or drawn.",
        "YAML 1.2 specification",
        "Fix the syntax at the reported position; quote text containing ': ' or '#'.",
        "input",
    ),
    Rule(
        "DD-Y02",
        "duplicate-key",
        _E,
        "A key appears twice in one mapping.",
        "YAML parsers silently keep only one of the values, so text is lost without warning.",
        _YAML_SPEC,
        "Remove or rename one of the two keys.",
        "input",
    ),
    Rule(
        "DD-Y03",
        "alias-not-allowed",
        _E,
        "YAML anchors (&) and aliases (*) are refused.",
        "A few hundred bytes of nested aliases expand to gigabytes when the data is walked "
        "(the 'billion laughs' attack); driver diagrams never need them.",
        "PyYAML issue #235; OWASP XML/YAML entity expansion",
        "Write the repeated text out.",
        "input",
    ),
    Rule(
        "DD-Y04",
        "tab-indentation",
        _E,
        "A tab character is used for indentation.",
        "YAML forbids tabs for indentation; editors show them at different widths.",
        "YAML 1.2 specification, section 6.1",
        "Indent with spaces.",
        "input",
    ),
    Rule(
        "DD-Y05",
        "empty-file",
        _E,
        "The file is empty.",
        "An empty file is almost always a mistake (a failed save or a wrong path).",
        "impact",
        "Write the diagram, or start with 'impact init'.",
        "input",
    ),
    Rule(
        "DD-Y06",
        "not-utf8",
        _E,
        "The file is not UTF-8 text.",
        "Other encodings turn accented names and symbols into garbage.",
        "YAML 1.2 specification, section 5.2",
        "Save the file as UTF-8.",
        "input",
    ),
    Rule(
        "DD-Y07",
        "file-too-large",
        _E,
        "The file is larger than the size limit (5 MiB).",
        "A driver diagram is a few kilobytes; a huge file is a mistake or an attack.",
        "impact",
        "Split the diagram, or raise the limit with --max-bytes.",
        "input",
    ),
    Rule(
        "DD-Y08",
        "nesting-too-deep",
        _E,
        "Nesting is deeper than 64 levels.",
        "Deep nesting crashes YAML parsers (30,000 '[' segfault libyaml); real diagrams need "
        "about a dozen levels.",
        "impact; measured on PyYAML 6.0",
        "Flatten the structure.",
        "input",
    ),
    Rule(
        "DD-Y09",
        "multiple-documents",
        _E,
        "The file holds more than one YAML document.",
        "Only the first would be read, silently ignoring the rest.",
        "YAML 1.2 specification",
        "Put one diagram in each file; remove the extra '---'.",
        "input",
    ),
    Rule(
        "DD-Y10",
        "tag-not-allowed",
        _E,
        "An explicit YAML tag (!!python/object, !foo) is used.",
        "Tags can construct arbitrary objects; a diagram holds only text, lists and mappings.",
        "PyYAML safe loading",
        "Remove the tag.",
        "input",
    ),
    Rule(
        "DD-Y11",
        "not-a-mapping",
        _E,
        "The top level is a list or a single value.",
        "A diagram is a mapping of keys (title, aim, primary_drivers, ...).",
        "impact format reference",
        "Start the file with 'title:'.",
        "input",
    ),
    Rule(
        "DD-Y12",
        "control-character",
        _E,
        "The file contains a control character.",
        "Control characters are not allowed in YAML and cannot be shown in SVG or HTML.",
        "YAML 1.2 specification, section 5.1",
        "Remove the character.",
        "input",
    ),
    Rule(
        "DD-Y13",
        "non-text-key",
        _E,
        "A mapping key is not text (null, true/false, a list).",
        "Keys name fields; anything else is a typing slip.",
        "impact format reference",
        "Quote the key or fix the line.",
        "input",
    ),
    Rule(
        "DD-Y14",
        "too-many-values",
        _E,
        "The file holds more values than the limit.",
        "Protects against generated or malicious input exhausting memory.",
        "impact",
        "Split the diagram into several files.",
        "input",
    ),
    Rule(
        "DD-F01",
        "unknown-key",
        _E,
        "A key that the format does not define.",
        "Ignoring unknown keys would hide typos such as 'titel' and lose their text.",
        "impact format reference (docs/format.md)",
        "Fix the spelling (impact suggests the closest key) or remove the key.",
        "format",
    ),
    Rule(
        "DD-F02",
        "missing-key",
        _E,
        "A required key is missing.",
        "A diagram needs a title, an aim and primary drivers; items need a title.",
        "impact format reference",
        "Add the key.",
        "format",
    ),
    Rule(
        "DD-F03",
        "wrong-type",
        _E,
        "A value has the wrong shape (text, list or mapping).",
        "The value cannot be read as intended.",
        "impact format reference",
        "Use the shape the hint names; quote text containing ': '.",
        "format",
    ),
    Rule(
        "DD-F04",
        "invalid-choice",
        _E,
        "A value is not one of the allowed choices.",
        "Statuses, measure types and strengths have fixed vocabularies so outputs can state "
        "them in words.",
        "impact format reference",
        "Use one of the listed values.",
        "format",
    ),
    Rule(
        "DD-F05",
        "invalid-id",
        _E,
        "An id (or language tag, or rule code) is malformed.",
        "Ids are used in links, anchors and exports; they must be simple and stable.",
        "impact format reference",
        "Start with a letter; use letters, digits, '-' and '_' only.",
        "format",
    ),
    Rule(
        "DD-F06",
        "empty-text",
        _E,
        "A text value is empty or only spaces.",
        "An empty box or heading helps nobody and breaks the text version.",
        "impact format reference",
        "Write the text or remove the key.",
        "format",
    ),
    Rule(
        "DD-F07",
        "control-character-in-text",
        _E,
        'Text contains a control character (e.g. from an escape such as "\\0").',
        "Control characters cannot be carried by SVG, HTML or most terminals.",
        "XML 1.0 Char production",
        "Remove the character.",
        "format",
    ),
    Rule(
        "DD-F08",
        "no-primary-drivers",
        _E,
        "The diagram has no primary drivers.",
        "A driver diagram is an aim and the drivers that lead to it.",
        "IHI QI Essentials Toolkit: Driver Diagram",
        "Add primary drivers.",
        "format",
    ),
    Rule(
        "DD-S01",
        "duplicate-id",
        _E,
        "Two items share an id.",
        "Links by id would be ambiguous.",
        "gsn2x check C07",
        "Rename one of them.",
        "structure",
    ),
    Rule(
        "DD-S02",
        "unknown-id",
        _E,
        "A link or measure refers to an id that does not exist.",
        "Tools that create 'implicit nodes' for unknown ids hide typos (Theorymaker's pitfall).",
        "gsn2x check C03",
        "Fix the id (impact suggests the closest).",
        "structure",
    ),
    Rule(
        "DD-S03",
        "wrong-direction",
        _E,
        "A link points away from the aim, sideways or skips.",
        "Links run from cause to effect: change idea to driver, tertiary to secondary, "
        "secondary to primary, primary to aim.",
        "IHI QI Essentials Toolkit; gsn2x check V04",
        "Reverse or remove the link.",
        "structure",
    ),
    Rule(
        "DD-S04",
        "self-link",
        _E,
        "An item supports itself.",
        "A self-link says nothing.",
        "gsn2x check V06",
        "Remove the link.",
        "structure",
    ),
    Rule(
        "DD-S05",
        "duplicate-link",
        _E,
        "The same link is written twice.",
        "A repeated link would be drawn twice and counted twice.",
        "gsn2x check V05",
        "Remove the repeated link.",
        "structure",
    ),
    Rule(
        "DD-S06",
        "cycle",
        _E,
        "Links form a cycle.",
        "A driver diagram is a theory that reads one way, towards the aim.",
        "gsn2x check C04",
        "Remove one link of the cycle.",
        "structure",
    ),
    Rule(
        "DD-S07",
        "orphan",
        _E,
        "A driver written at the top level supports nothing.",
        "It would float unconnected to the aim.",
        "gsn2x check C08; QI Lothian",
        "Add 'supports:' or nest it under its driver.",
        "structure",
    ),
):
    register(_rule)

"""The example diagrams: all valid, together using every feature of the format.

The NHS IMPACT example must match NHS England's published text word for word
(tests/reference/nhs-impact-driver-diagram.txt, parsed here).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from conftest import DIAGRAMS, EXAMPLES, HOSTILE, TESTS, Invoke
from impact_cli.check.load import load_file, load_text
from impact_cli.diagram import Diagram, Tier
from impact_cli.fileformat import model as m
from impact_cli.fileformat.problems import _models_in
from impact_cli.source.reader import read_yaml

SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/driver-diagram.schema.json"
REFERENCE = TESTS / "reference" / "nhs-impact-driver-diagram.txt"


def words(text: str | None) -> str:
    """Whitespace-normalised text (the reference has no-break spaces and line wraps)."""
    assert text is not None
    return " ".join(text.split())


def test_there_are_examples() -> None:
    names = {p.name for p in EXAMPLES}
    assert {"nhs-impact.yaml", "ward-falls.yaml", "many-to-many.yaml", "tertiary.yaml"} <= names


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("use_c", [True, False], ids=["libyaml", "python"])
def test_example_loads_cleanly(path: Path, use_c: bool) -> None:
    result = load_text(path.read_bytes(), str(path), use_c=use_c)
    assert result.diagnostics == [], [d.message for d in result.diagnostics]
    assert result.ok


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_has_schema_line(path: Path) -> None:
    assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE


def test_validate_directory(impact_process: Invoke) -> None:
    result = impact_process("validate", "--color", "never", DIAGRAMS)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert f"{len(EXAMPLES)} files valid" in result.stdout.splitlines()[-1]
    assert " error " not in result.stdout


def test_hostile_file_is_valid(impact: Invoke) -> None:
    result = impact("validate", "--no-lint", HOSTILE)
    assert result.exit_code == 0, result.output
    diagram = _load(HOSTILE)
    titles = " ".join(n.title for n in diagram.nodes.values())
    for payload in ("<script>", '"]; evil [label="x', "<B>bold</B>", "\u202e", "\u200d", "עברית"):
        assert payload in diagram.meta.title + titles + (diagram.aim.statement or "")
    assert any(len(n.title) == 500 for n in diagram.nodes.values())
    assert any(link.strength == "weak" for link in diagram.links)
    assert diagram.meta.source == "javascript:alert(1)"


def _load(path: Path) -> Diagram:
    result = load_file(path)
    assert result.diagram is not None, [d.message for d in result.diagnostics]
    return result.diagram


# -- the NHS IMPACT diagram against the published text ---------------------------------


def parse_reference(text: str) -> dict[str, Any]:
    lines = [line.strip() for line in text.splitlines()]
    content = [line for line in lines if line]
    title, subtitle, _description, aim = content[:4]
    i_primary = content.index("Primary Drivers")
    i_secondary = content.index("Secondary Drivers")
    i_theory = content.index("Theory of change")
    pairs = content[i_primary + 1 : i_secondary]
    assert len(pairs) % 2 == 0
    primaries = [(pairs[k], pairs[k + 1]) for k in range(0, len(pairs), 2)]
    secondaries = [line.lstrip("•").strip() for line in content[i_secondary + 1 : i_theory]]
    theory: dict[str, str] = {}
    for line in content[i_theory + 1 :]:
        match = re.match(r"^(If we|We will|So that)…\s*(.*)$", line)
        assert match, line
        theory[match.group(1)] = match.group(2)
    return {
        "title": title,
        "subtitle": subtitle,
        "aim": aim,
        "primaries": primaries,
        "secondaries": secondaries,
        "theory": theory,
    }


def test_nhs_impact_matches_reference_word_for_word() -> None:
    ref = parse_reference(REFERENCE.read_text(encoding="utf-8"))
    diagram = _load(DIAGRAMS / "nhs-impact.yaml")
    assert words(diagram.meta.title) == words(ref["title"])
    assert words(diagram.meta.subtitle) == words(ref["subtitle"])
    assert words(diagram.aim.statement) == words(ref["aim"])

    primaries = [diagram.nodes[k] for k in diagram.nodes[diagram.aim_key].children]
    assert len(primaries) == 5
    assert [(words(p.title), words(p.description)) for p in primaries] == [
        (words(t), words(d)) for t, d in ref["primaries"]
    ]
    assert [p.number for p in primaries] == ["1", "2", "3", "4", "5"]

    assert len(ref["secondaries"]) == 15
    secondaries = [diagram.nodes[k] for p in primaries for k in p.children]
    assert all(s.tier is Tier.SECONDARY for s in secondaries)
    assert [words(s.title) for s in secondaries] == [words(s) for s in ref["secondaries"]]
    # grouped three per primary, in published order
    for n, primary in enumerate(primaries):
        assert len(primary.children) == 3
        assert [diagram.nodes[k].number for k in primary.children] == [
            f"{n + 1}.{j}" for j in (1, 2, 3)
        ]

    theory = diagram.theory
    assert theory is not None
    assert words(theory.if_we) == words(ref["theory"]["If we"])
    assert words(theory.we_will) == words(ref["theory"]["We will"])
    assert words(theory.so_that) == words(ref["theory"]["So that"])
    # nothing invented: no change ideas or measures beyond the published diagram
    assert not any(n.tier is Tier.CHANGE_IDEA for n in diagram.nodes.values())
    assert diagram.measures == ()


def test_reference_parser_sees_the_published_structure() -> None:
    ref = parse_reference(REFERENCE.read_text(encoding="utf-8"))
    assert ref["title"] == "NHS IMPACT Driver Diagram"
    assert len(ref["primaries"]) == 5
    assert ref["secondaries"][0].startswith("inclusive shared vision")
    assert set(ref["theory"]) == {"If we", "We will", "So that"}


# -- together the examples use every feature of the format ------------------------------


def _fields_used(obj: BaseModel, used: set[tuple[str, str]]) -> None:
    for name in obj.model_fields_set:
        used.add((type(obj).__name__, name))
        value = getattr(obj, name)
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, BaseModel):
                _fields_used(item, used)


def _all_fields(root: type[BaseModel]) -> set[tuple[str, str]]:
    result: set[tuple[str, str]] = set()
    stack = [root]
    seen: set[type[BaseModel]] = set()
    while stack:
        cls = stack.pop()
        if cls in seen:
            continue
        seen.add(cls)
        for name, info in cls.model_fields.items():
            result.add((cls.__name__, name))
            stack.extend(_models_in(info.annotation))
    return result


NEW_EXAMPLES = [p for p in EXAMPLES if p.name != "nhs-impact.yaml"]


def _parsed(path: Path) -> m.DiagramFile:
    read = read_yaml(path.read_bytes(), str(path))
    assert read.data is not None
    return m.DiagramFile.model_validate(read.data)


def test_examples_use_every_field() -> None:
    used: set[tuple[str, str]] = set()
    for path in NEW_EXAMPLES:
        _fields_used(_parsed(path), used)
    # disabling lint rules by code is documented but not exercised by examples:
    # the codes depend on the lint rules, which examples should not switch off
    missing = _all_fields(m.DiagramFile) - used - {("LintSettings", "disable")}
    assert not missing, f"no example uses: {sorted(missing)}"


def test_examples_use_every_choice_and_shorthand() -> None:
    diagrams = [_load(p) for p in NEW_EXAMPLES]
    nodes = [n for d in diagrams for n in d.nodes.values()]
    assert {n.status for n in nodes} >= {s.value for s in m.Status}
    assert {n.priority for n in nodes} >= {p.value for p in m.Priority}
    assert {ms.type for d in diagrams for ms in d.measures} == {t.value for t in m.MeasureType}
    links = [link for d in diagrams for link in d.links]
    assert {link.strength for link in links} == {"strong", "weak", "unconfirmed"}
    assert any(not link.structural and link.note for link in links)
    assert any(n.tier is Tier.TERTIARY for n in nodes)
    # a change idea on every tier of driver
    idea_parents = {
        d.nodes[n.parent].tier
        for d in diagrams
        for n in d.nodes.values()
        if n.tier is Tier.CHANGE_IDEA and n.parent
    }
    assert {Tier.PRIMARY, Tier.SECONDARY, Tier.TERTIARY} <= idea_parents
    # many-to-many: a secondary driver feeding two primaries, an idea feeding several drivers
    secondary_to_primaries = [
        {link.target for link in d.links if link.source == n.key}
        for d in diagrams
        for n in d.nodes.values()
        if n.tier is Tier.SECONDARY
    ]
    assert max(len(targets) for targets in secondary_to_primaries) >= 2
    counts = [
        sum(1 for link in d.links if link.source == n.key)
        for d in diagrams
        for n in d.nodes.values()
    ]
    assert max(counts) >= 3
    texts = [p.read_text(encoding="utf-8") for p in NEW_EXAMPLES]
    joined = "\n".join(texts)
    assert re.search(r"^\s+supports: [a-z][\w-]*$", joined, re.M), "single-id supports shorthand"
    assert re.search(r"^\s+- [A-Z][^:\n]*$", joined, re.M), "bare-string item shorthand"
    assert re.search(r"^aim: ", joined, re.M), "aim as a sentence"
    assert re.search(r"^aim:\n", joined, re.M), "aim as a mapping"
    for key in ("secondary_drivers", "tertiary_drivers", "change_ideas"):
        assert re.search(rf"^{key}:", joined, re.M), f"top-level {key} by reference"


def test_ward_falls_keeps_text_as_written() -> None:
    diagram = _load(DIAGRAMS / "ward-falls.yaml")
    assert diagram.meta.version == "1.10"
    assert diagram.meta.updated == "2024-01-01"
    assert diagram.aim.deadline == "31 March 2026"
    assert diagram.aim_key == "aim-falls"
    numbers = {n.declared_id: n.number for n in diagram.nodes.values() if n.declared_id}
    assert numbers["pd-assessment"] == "1"
    assert numbers["sd-medicines"] == "1.2"
    assert numbers["ci-checklist"] == "C1"

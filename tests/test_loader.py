"""The loader: shorthand, generated ids and numbers, located format problems."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, HOSTILE, Invoke
from impact_cli.check.load import load_file, load_text
from impact_cli.diagram import Diagram, Tier
from impact_cli.errors import ImpactError

PARSERS = pytest.mark.parametrize("use_c", [True, False], ids=["libyaml", "python"])


def _strip(value: Any) -> Any:
    """Drop source positions and the path, which differ between two spellings."""
    if hasattr(value, "_asdict"):  # the diagram's value types are NamedTuples
        value = value._asdict()
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in ("span", "path")}
    if isinstance(value, list | tuple):
        return [_strip(v) for v in value]
    return value


def plain(diagram: Diagram) -> Any:
    return _strip(dataclasses.asdict(diagram))


def load(text: str, use_c: bool = True) -> Diagram:
    result = load_text(text, "t.yaml", use_c=use_c)
    assert result.diagram is not None, [d.format_line() for d in result.diagnostics]
    assert result.ok
    return result.diagram


SHORT = """\
title: Falls
aim: Reduce falls
primary_drivers:
  - Risk assessment
  - id: pd-env
    title: Safe environment
    secondary_drivers:
      - Call bells in reach
      - id: sd-shoes
        title: Safe footwear
        change_ideas:
          - Slipper socks
secondary_drivers:
  - id: sd-meds
    title: Medicines review
    supports: pd-env
change_ideas:
  - title: Pharmacist review
    supports: sd-meds
measures:
  - name: Falls per 1,000 bed days
    type: outcome
    tracks: aim
"""

LONG = """\
title: Falls
aim:
  statement: Reduce falls
primary_drivers:
  - title: Risk assessment
    strength: strong
    secondary_drivers: []
    change_ideas: []
  - id: pd-env
    title: Safe environment
    secondary_drivers:
      - title: Call bells in reach
      - id: sd-shoes
        title: Safe footwear
        supports: []
        change_ideas:
          - title: Slipper socks
            supports: []
            pdsa: []
secondary_drivers:
  - id: sd-meds
    title: Medicines review
    supports:
      - to: pd-env
        strength: strong
change_ideas:
  - title: Pharmacist review
    supports: [{to: sd-meds}]
measures:
  - name: Falls per 1,000 bed days
    type: outcome
    tracks: [aim]
language: en-GB
glossary: {}
"""


@PARSERS
def test_shorthand_equals_long_form(use_c: bool) -> None:
    assert plain(load(SHORT, use_c)) == plain(load(LONG, use_c))


def test_shorthand_result() -> None:
    diagram = load(SHORT)
    assert diagram.aim.statement == "Reduce falls"
    assert diagram.aim_key == "aim"
    nodes = diagram.nodes
    assert [(n.key, n.number, n.tier) for n in nodes.values()] == [
        ("aim", "", Tier.AIM),
        ("d1", "1", Tier.PRIMARY),
        ("pd-env", "2", Tier.PRIMARY),
        ("d2.1", "2.1", Tier.SECONDARY),
        ("sd-shoes", "2.2", Tier.SECONDARY),
        ("c1", "C1", Tier.CHANGE_IDEA),
        ("sd-meds", "2.3", Tier.SECONDARY),
        ("c2", "C2", Tier.CHANGE_IDEA),
    ]
    assert nodes["sd-meds"].parent == "pd-env"
    assert nodes["c2"].parent == "sd-meds"
    assert diagram.measures[0].key == "m1"
    assert diagram.measures[0].number == "M1"
    assert diagram.measures[0].tracks == ("aim",)


def test_many_to_many_links() -> None:
    diagram = load(
        """\
title: t
aim: a
primary_drivers:
  - {id: p1, title: P1}
  - {id: p2, title: P2}
secondary_drivers:
  - id: s1
    title: S1
    supports: [p1, {to: p2, strength: weak, note: unsure}]
change_ideas:
  - id: c-a
    title: Idea
    supports: [s1, p2]
"""
    )
    links = {(lk.source, lk.target): (lk.strength, lk.structural, lk.note) for lk in diagram.links}
    assert links[("s1", "p1")] == ("strong", True, None)
    assert links[("s1", "p2")] == ("weak", False, "unsure")
    assert links[("c-a", "s1")] == ("strong", True, None)
    assert links[("c-a", "p2")] == ("strong", False, None)
    assert diagram.nodes["s1"].number == "1.1"


def test_tertiary_numbering_and_ids() -> None:
    diagram = load(
        """\
title: t
aim: {id: goal, statement: a}
primary_drivers:
  - title: P
    secondary_drivers:
      - id: s
        title: S
        tertiary_drivers:
          - T1
          - title: T2
            change_ideas: [Idea]
tertiary_drivers:
  - title: T3
    supports: [s]
"""
    )
    keys = {n.number: n.key for n in diagram.nodes.values()}
    assert keys == {"": "goal", "1": "d1", "1.1": "s", "1.1.1": "d1.1.1", "1.1.2": "d1.1.2",
                    "1.1.3": "d1.1.3", "C1": "c1"}  # fmt: skip
    assert diagram.nodes["c1"].parent == "d1.1.2"


def test_generated_ids_never_clash_with_declared_ones() -> None:
    diagram = load("title: t\naim: a\nprimary_drivers:\n  - title: P\n    id: c1\n"
                   "    change_ideas: [Idea]\n  - Q\n")  # fmt: skip
    keys = [n.key for n in diagram.nodes.values()]
    assert len(keys) == len(set(keys))
    assert "c1" in keys
    assert "c1_" in keys
    assert diagram.nodes["c1_"].number == "C1"


def test_text_is_kept_as_written_but_trimmed() -> None:
    diagram = load(
        "title: '  Falls  '\nversion: 1.10\nupdated: 2024-01-01\naim: No\n"
        "primary_drivers: [Yes, 'on', 3]\n"
    )
    assert diagram.meta.title == "Falls"
    assert diagram.meta.version == "1.10"
    assert diagram.meta.updated == "2024-01-01"
    assert diagram.aim.statement == "No"
    assert [n.title for n in diagram.nodes.values()][1:] == ["Yes", "on", "3"]


@PARSERS
def test_all_problems_in_one_file_reported_in_order(use_c: bool) -> None:
    text = (
        "title: t\naim: a\nprimary_drivers:\n"
        "  - title: P\n    colour: red\n"
        "    change_ideas:\n      - title: I\n        status: finished\n"
        "measures:\n  - name: M\n"
    )
    result = load_text(text, "t.yaml", use_c=use_c)
    assert result.diagram is None
    got = [(d.code, d.span.line, d.span.col, d.pointer) for d in result.diagnostics]
    assert got == [
        ("DD-F01", 5, 5, "primary_drivers[0].colour"),
        ("DD-F04", 8, 17, "primary_drivers[0].change_ideas[0].status"),
        ("DD-F02", 10, 5, "measures[0].type"),
    ]
    assert all(d.format_line().startswith(f"t.yaml:{d.span.line}:{d.span.col}: error ") for d in
               result.diagnostics)  # fmt: skip


def test_all_reference_problems_reported() -> None:
    text = (
        "title: t\naim: a\nprimary_drivers:\n  - {id: p1, title: P}\n"
        "secondary_drivers:\n  - {id: s1, title: S, supports: [p2]}\n"
        "  - {id: s1, title: S again, supports: [p1]}\n"
    )
    result = load_text(text, "t.yaml")
    assert [(d.code, d.span.line) for d in result.diagnostics] == [("DD-S02", 6), ("DD-S01", 7)]


@PARSERS
@pytest.mark.parametrize("path", [*EXAMPLES, HOSTILE], ids=lambda p: p.name)
def test_examples_identical_on_both_parsers(path: Path, use_c: bool) -> None:
    a = load_text(path.read_bytes(), str(path), use_c=use_c)
    b = load_text(path.read_bytes(), str(path), use_c=not use_c)
    assert a.diagram is not None
    assert b.diagram is not None
    assert dataclasses.asdict(a.diagram) == dataclasses.asdict(b.diagram)


def test_load_file_errors_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(ImpactError, match="no such file"):
        load_file(tmp_path / "missing.yaml")
    with pytest.raises(ImpactError, match="is a directory"):
        load_file(tmp_path)


def test_load_file_display_path(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text("title: t\naim: a\nprimary_drivers: [{titel: x}]\n", encoding="utf-8")
    result = load_file(path, display_path="shown.yaml")
    assert result.diagnostics[0].format_line().startswith("shown.yaml:3:20: error DD-F01: ")
    assert result.source_line(3) == "primary_drivers: [{titel: x}]"
    assert result.source_line(99) == ""


def test_validate_stdin(impact: Invoke) -> None:
    result = impact("validate", "--quiet", "-", stdin=b"title: t\naim: a\nprimary_drivers: x,y\n")
    assert result.exit_code == 1
    assert result.stdout.startswith("<stdin>:3:18: error DD-F03: ")


def test_validate_missing_path_is_usage_error(impact: Invoke, tmp_path: Path) -> None:
    result = impact("validate", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert "no such file" in result.output
    assert "Traceback" not in result.output


def test_empty_theory_of_change_states_no_theory() -> None:
    # Found in review: 'theory_of_change: {}' made the accessible outline promise a
    # theory of change it then did not give.
    result = load_text("title: T\naim: x\nprimary_drivers: [p]\ntheory_of_change: {}\n", "t.yaml")
    assert result.diagram is not None
    assert result.diagram.theory is None


@PARSERS
def test_text_with_a_lone_surrogate_is_a_located_error(use_c: bool) -> None:
    # Found while adding the C reader: a str that no UTF-8 file could hold (here a
    # lone surrogate, as surrogateescape decoding makes) reached the YAML parser and
    # raised UnicodeEncodeError out of load_text.
    result = load_text("title: T\naim: \udcff\n", "t.yaml", use_c=use_c)
    assert not result.ok
    assert [(d.code, d.span.line, d.span.col) for d in result.diagnostics] == [("DD-Y06", 2, 6)]
